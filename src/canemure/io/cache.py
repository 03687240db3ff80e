r"""The per-user cache: downloaded SYKE open data and files imported by hand.

Design choices:

* **Where.** :func:`cache_dir` follows each platform's convention with the standard library only
  (no ``platformdirs``): ``$CANEMURE_CACHE_DIR`` wins, then ``$XDG_CACHE_HOME/canemure`` or
  ``~/.cache/canemure`` on Linux and other POSIX systems, ``~/Library/Caches/canemure`` on macOS
  and ``%LOCALAPPDATA%\canemure\Cache`` on Windows.
* **Layout.** ``syke/`` mirrors SYKE's open-data site (``syke/Tulokset_taso_5/kunta_167.csv``,
  ``syke/asukasluvut_2023.csv``); ``imports/`` holds other files a user imported.
* **Manifest.** ``manifest.json`` at the root records every stored file (source, SHA-256, size,
  UTC time, kind). A file the manifest does not know, or whose checksum differs, counts as absent:
  :meth:`Cache.verify` is what callers trust, not the mere existence of a file.
* **Atomic writes.** Every file, the manifest included, is written to a temporary file in the same
  directory, flushed, ``fsync``-ed and moved into place with :func:`os.replace`. An interrupted
  write leaves either the old file or the new one, never a partial one. The data file is replaced
  before the manifest; if recording it fails, the new file is removed again so that nothing
  unrecorded stays in the cache. Manifest updates re-read the file under a lock (threads in one
  process); concurrent processes are not locked against each other, the last writer wins and
  :meth:`Cache.verify` catches any mismatch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Literal, cast

import attrs

from canemure.errors import DataFormatError, ProblemCollector

__all__ = [
    "CACHE_DIR_ENV",
    "IMPORTS_DIR",
    "MANIFEST_NAME",
    "SYKE_DIR",
    "Cache",
    "EntryKind",
    "ManifestEntry",
    "cache_dir",
]

CACHE_DIR_ENV = "CANEMURE_CACHE_DIR"
"""Environment variable that overrides the cache location."""
MANIFEST_NAME = "manifest.json"
"""File name of the manifest at the cache root."""
SYKE_DIR = "syke"
"""Cache subdirectory mirroring SYKE's open-data site."""
IMPORTS_DIR = "imports"
"""Cache subdirectory for files imported by hand that are not SYKE open-data files."""

EntryKind = Literal["download", "import"]
_KINDS: tuple[str, ...] = ("download", "import")
_MANIFEST_VERSION = 1


def cache_dir() -> Path:
    """Return the per-user cache directory (it is not created).

    Returns
    -------
    Path
        ``$CANEMURE_CACHE_DIR`` if set; otherwise the platform's user cache directory plus
        ``canemure``.
    """
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "canemure" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "canemure"
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says relative paths in XDG_* variables are invalid and must be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "canemure"
    return Path.home() / ".cache" / "canemure"


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable on POSIX; directories cannot be opened on Windows."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a synced temporary file and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


@attrs.frozen
class ManifestEntry:
    """The manifest's record of one stored file."""

    path: str
    """Path relative to the cache root, with ``/`` separators."""
    source: str
    """Where the file came from: a URL (downloads) or the original local path (imports)."""
    sha256: str
    """Hex SHA-256 of the file's bytes."""
    size: int
    """Size in bytes."""
    timestamp: str
    """When it was fetched or imported, UTC, ISO 8601 (``2024-05-01T12:00:00Z``)."""
    kind: EntryKind
    """``"download"`` or ``"import"``."""

    def to_json(self) -> dict[str, object]:
        """Return the entry as stored in the manifest (without ``path``, the key)."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "size": self.size,
            "timestamp": self.timestamp,
            "kind": self.kind,
        }


def _parse_entry(path: str, raw: object, problems: ProblemCollector) -> ManifestEntry | None:
    if not isinstance(raw, dict):
        problems.add("entry is not an object", column=path)
        return None
    ok = True
    for key in ("source", "sha256", "timestamp", "kind"):
        if not isinstance(raw.get(key), str):
            problems.add(f"{key!r} missing or not a string", column=path, value=raw.get(key))
            ok = False
    size = raw.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        problems.add("'size' missing or not a non-negative integer", column=path, value=size)
        ok = False
    if isinstance(raw.get("kind"), str) and raw["kind"] not in _KINDS:
        problems.add(f"'kind' must be one of {_KINDS}", column=path, value=raw.get("kind"))
        ok = False
    if not ok:
        return None
    return ManifestEntry(
        path,
        raw["source"],
        raw["sha256"],
        cast(int, size),
        raw["timestamp"],
        raw["kind"],
    )


@attrs.define
class Cache:
    """A cache directory with its manifest.

    Parameters
    ----------
    root
        The cache root; defaults to :func:`cache_dir`. Created on first write.
    """

    root: Path = attrs.field(factory=cache_dir, converter=Path)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False, repr=False, eq=False)

    @property
    def manifest_path(self) -> Path:
        """The manifest file, ``<root>/manifest.json``."""
        return self.root / MANIFEST_NAME

    @staticmethod
    def _key(relative: str | PurePosixPath) -> str:
        parts = PurePosixPath(relative).parts
        if (
            not parts
            or PurePosixPath(relative).is_absolute()
            or "\\" in str(relative)
            or any(part in ("..", ".") for part in parts)
            or parts == (MANIFEST_NAME,)
        ):
            raise ValueError(f"not a valid path inside the cache: {str(relative)!r}")
        return "/".join(parts)

    def path_for(self, relative: str | PurePosixPath) -> Path:
        """Return the absolute path of ``relative`` (``/``-separated) inside the cache.

        Raises
        ------
        ValueError
            If ``relative`` is absolute, contains ``..`` or names the manifest.
        """
        return self.root.joinpath(*self._key(relative).split("/"))

    def _read_manifest(self) -> dict[str, ManifestEntry]:
        try:
            text = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataFormatError(f"manifest is not valid JSON: {exc}", self.manifest_path) from exc
        problems = ProblemCollector(self.manifest_path)
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            problems.add("expected an object with a 'files' object")
            problems.raise_if_any()
            return {}  # pragma: no cover - raise_if_any raised
        entries = {}
        for key, raw in files.items():
            entry = _parse_entry(key, raw, problems)
            if entry is not None:
                entries[key] = entry
        problems.raise_if_any()
        return entries

    def _write_manifest(self, entries: dict[str, ManifestEntry]) -> None:
        document = {
            "version": _MANIFEST_VERSION,
            "files": {key: entries[key].to_json() for key in sorted(entries)},
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        _atomic_write(self.manifest_path, text.encode("utf-8"))

    def store_bytes(
        self, relative: str | PurePosixPath, data: bytes, source: str, kind: EntryKind
    ) -> ManifestEntry:
        """Store ``data`` at ``relative`` atomically and record it in the manifest.

        Parameters
        ----------
        relative
            ``/``-separated path inside the cache, e.g. ``"syke/asukasluvut_2023.csv"``.
        data
            The file's bytes.
        source
            The URL it was downloaded from, or the local path it was imported from.
        kind
            ``"download"`` or ``"import"``.

        Returns
        -------
        ManifestEntry
            The new manifest record.
        """
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
        key = self._key(relative)
        target = self.path_for(key)
        entry = ManifestEntry(
            key, source, hashlib.sha256(data).hexdigest(), len(data), _utc_now(), kind
        )
        with self._lock:
            entries = self._read_manifest()
            _atomic_write(target, data)
            entries[key] = entry
            try:
                self._write_manifest(entries)
            except BaseException:
                # Leave nothing the manifest does not describe.
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                raise
        return entry

    def entries(self) -> list[ManifestEntry]:
        """Return every manifest record, sorted by path."""
        return sorted(self._read_manifest().values(), key=lambda e: e.path)

    def entry(self, relative: str | PurePosixPath) -> ManifestEntry | None:
        """Return the manifest record of ``relative``, or ``None`` if it was never stored."""
        return self._read_manifest().get(self._key(relative))

    def verify(self, relative: str | PurePosixPath) -> bool:
        """Return whether ``relative`` is recorded and its bytes on disk match the record."""
        entry = self.entry(relative)
        if entry is None:
            return False
        try:
            with self.path_for(relative).open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except FileNotFoundError:
            return False
        return digest == entry.sha256
