r"""The per-user cache: downloaded SYKE open data and files imported by hand.

Design choices:

* **Where.** :func:`cache_dir` follows each platform's convention with the standard library only
  (no ``platformdirs``): ``$CANEMURE_CACHE_DIR`` wins, then ``$XDG_CACHE_HOME/canemure`` or
  ``~/.cache/canemure`` on Linux and other POSIX systems, ``~/Library/Caches/canemure`` on macOS
  and ``%LOCALAPPDATA%\canemure\Cache`` on Windows.
* **Layout.** ``syke/`` mirrors SYKE's open-data site (``syke/Tulokset_taso_5/kunta_167.csv``,
  ``syke/asukasluvut_2023.csv``); ``imports/`` holds other files a user imported.
* **Manifest.** ``manifest.sqlite3`` at the root records every stored file (source, SHA-256,
  size, UTC time, kind) in an SQLite database (standard library, write-ahead log, a busy
  timeout), so several ``canemure`` processes may import or download at once without losing each
  other's entries: every change is one transaction. A file the manifest does not know, or whose
  checksum differs, counts as absent: :meth:`Cache.verify` is what callers trust, not the mere
  existence of a file, and :meth:`Cache.verified_path` refuses a changed file with a message
  that names it and says to import it again. A ``manifest.json`` of the old layout is migrated
  on first use (entries it cannot read are dropped: those files count as absent until imported
  again).
* **Writes survive kills.** A file is written to ``.<name>.<pid>.<token>.part`` next to its place
  and ``fsync``-ed; the intent (path, checksum, writer's process id) is committed to the
  manifest's ``pending`` table; then, holding the manifest's write lock, the file is moved into
  place with :func:`os.replace` and its entry committed. A writer killed at any point leaves
  either a ``.part`` file or a pending intent behind, never a file the manifest describes
  wrongly. :meth:`Cache.recover` (run before every write and on first read) finishes the intent
  of a dead writer whose file reached its place with the promised checksum, and otherwise removes
  what the dead writer left. A process that is still alive is never cleaned up after.
* **Plain failures.** A full disk, a read-only cache folder and a damaged manifest raise
  :class:`CacheWriteError` or :class:`ManifestDamagedError` naming the path and saying what to do;
  a damaged manifest is set aside and rebuilt by the next import or download.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO, Literal, cast

import attrs

from canemure.errors import (
    CanemureError,
    CanemureWarning,
    DataFormatError,
    Message,
    Problem,
    ProblemCollector,
)
from canemure.io._cache_location import (
    CACHE_DIR_ENV,
    LEGACY_MANIFEST_NAME,
    MANIFEST_NAME,
    cache_dir,
    has_manifest,
)

__all__ = [
    "CACHE_DIR_ENV",
    "IMPORTS_DIR",
    "LEGACY_MANIFEST_NAME",
    "MANIFEST_NAME",
    "SYKE_DIR",
    "Cache",
    "CacheEntryError",
    "CacheWarning",
    "CacheWriteError",
    "CacheWriter",
    "EntryKind",
    "ManifestDamagedError",
    "ManifestEntry",
    "Recovery",
    "cache_dir",
]

SYKE_DIR = "syke"
"""Cache subdirectory mirroring SYKE's open-data site."""
IMPORTS_DIR = "imports"
"""Cache subdirectory for files imported by hand that are not SYKE open-data files."""

EntryKind = Literal["download", "import"]
"""How a file came into the cache: downloaded by canemure, or imported by the user."""
_KINDS: tuple[str, ...] = ("download", "import")
_SCHEMA_VERSION = 1
_BUSY_TIMEOUT = 60.0
"""Seconds a writer waits for another process's transaction before giving up."""
_STALE_PART_AGE = 24 * 3600.0
"""A ``.part`` file this old is removed even if its process id belongs to a live process."""
_PART = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]+)\.part")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EISDIR}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    timestamp TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('download', 'import'))
);
CREATE TABLE IF NOT EXISTS pending (
    part TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    timestamp TEXT NOT NULL,
    kind TEXT NOT NULL,
    pid INTEGER NOT NULL
);
"""


class CacheWriteError(CanemureError, OSError):
    """The cache could not be written (disk full, read-only folder); the message says what to do."""


class CacheEntryError(CanemureError, LookupError):
    """A cached file is not recorded, is missing, or no longer matches its recorded checksum."""


class CacheWarning(CanemureWarning):
    """A cached file was left out (changed, missing, unreadable); the message names it."""


class ManifestDamagedError(DataFormatError):
    """The manifest cannot be read; the next import or download sets it aside and rebuilds it."""


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


def _pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (on this machine); unknown counts as alive."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no cheap check; the age limit cleans up instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _abandoned(pending: tuple[object, ...]) -> bool:
    """Whether a pending intent's writer is gone (dead, or the intent is older than a day)."""
    timestamp, pid = str(pending[5]), int(cast(int, pending[7]))
    try:
        started = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return True
    age = (datetime.now(UTC) - started).total_seconds()
    return age > _STALE_PART_AGE or not _pid_alive(pid)


def _sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_error(exc: OSError | sqlite3.Error, path: Path, root: Path) -> CacheWriteError | None:
    """Translate a failed write at ``path`` into a :class:`CacheWriteError`, if it is one we know.

    Returns ``None`` for other errors (the caller re-raises them).
    """
    code = exc.errno if isinstance(exc, OSError) else None
    text = str(exc).lower()
    if code in _FULL or "disk is full" in text:
        return CacheWriteError.keyed("cache_disk_full", path=str(path), env=CACHE_DIR_ENV)
    if code in _READ_ONLY or "readonly" in text or "read-only" in text:
        return CacheWriteError.keyed(
            "cache_read_only",
            root=str(root),
            path=str(path),
            reason=os.strerror(code) if code else str(exc),
            env=CACHE_DIR_ENV,
        )
    if isinstance(exc, sqlite3.OperationalError):
        # 'unable to open database file' (a read-only folder or mount), 'disk I/O error' (a
        # full or failing disk), 'database is locked' past the busy timeout, ...
        return CacheWriteError.keyed(
            "cache_manifest_unwritable",
            path=str(path),
            reason=str(exc),
            root=str(root),
            env=CACHE_DIR_ENV,
        )
    return None


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
        """Return the entry as the old JSON manifest stored it (without ``path``, the key)."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "size": self.size,
            "timestamp": self.timestamp,
            "kind": self.kind,
        }


def _parse_entry(path: str, raw: object, problems: ProblemCollector) -> ManifestEntry | None:
    if not isinstance(raw, dict):
        problems.add_keyed("cache_entry_not_object", column=path)
        return None
    ok = True
    for key in ("source", "sha256", "timestamp", "kind"):
        if not isinstance(raw.get(key), str):
            problems.add_keyed("cache_entry_not_string", column=path, value=raw.get(key), key=key)
            ok = False
    size = raw.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        problems.add_keyed("cache_entry_size", column=path, value=size)
        ok = False
    if isinstance(raw.get("kind"), str) and raw["kind"] not in _KINDS:
        kinds = str(_KINDS)
        problems.add_keyed("cache_entry_kind", column=path, value=raw.get("kind"), kinds=kinds)
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


@attrs.frozen
class Recovery:
    """What :meth:`Cache.recover` cleaned up after writers that died."""

    finished: tuple[str, ...] = ()
    """Entries whose file had reached its place; their record was completed."""
    discarded: tuple[str, ...] = ()
    """Leftover ``.part`` files removed (paths relative to the cache root)."""


@attrs.define
class CacheWriter:
    """A file being written into the cache; see :meth:`Cache.writer`.

    Bytes go to a ``.part`` file next to the final place; nothing is visible to readers until
    :meth:`commit`. Leaving the ``with`` block without committing removes the ``.part`` file.
    """

    cache: Cache
    key: str
    """The entry's path inside the cache."""
    path: Path
    """The temporary ``.part`` file (readable after :meth:`close`)."""
    _handle: BinaryIO = attrs.field(repr=False)
    _digest: hashlib._Hash = attrs.field(factory=hashlib.sha256, repr=False)
    size: int = 0
    """Bytes written so far."""
    _closed: bool = False
    _done: bool = False

    def write(self, data: bytes) -> None:
        """Append ``data``."""
        handle = self._handle
        try:
            handle.write(data)
        except OSError as exc:
            raise self.cache._write_failed(exc, self.path) from None
        self._digest.update(data)
        self.size += len(data)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the bytes written so far."""
        return self._digest.hexdigest()

    def close(self) -> None:
        """Flush and ``fsync`` the ``.part`` file (done by :meth:`commit` if not called)."""
        if self._closed:
            return
        handle = self._handle
        try:
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            raise self.cache._write_failed(exc, self.path) from None
        finally:
            handle.close()
            self._closed = True

    def commit(self, source: str, kind: EntryKind) -> ManifestEntry:
        """Move the file into place and record it; return the new manifest entry."""
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
        self.close()
        entry = ManifestEntry(self.key, source, self.sha256, self.size, _utc_now(), kind)
        self.cache._commit(self.path, entry)
        self._done = True
        return entry

    def discard(self) -> None:
        """Remove the ``.part`` file; nothing is stored."""
        if not self._closed:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._closed = True
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._done = True

    def __enter__(self) -> CacheWriter:
        """Return the writer."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Discard the file unless it was committed."""
        if not self._done:
            self.discard()


@attrs.define
class Cache:
    """A cache directory with its manifest.

    Attributes
    ----------
    root
        The cache root; defaults to :func:`cache_dir`. Created on first write.
    """

    root: Path = attrs.field(factory=cache_dir, converter=Path)
    _recovered: bool = attrs.field(default=False, init=False, repr=False, eq=False)

    @property
    def manifest_path(self) -> Path:
        """The manifest database, ``<root>/manifest.sqlite3``."""
        return self.root / MANIFEST_NAME

    @property
    def legacy_manifest_path(self) -> Path:
        """The manifest of the old layout, ``<root>/manifest.json`` (migrated on first use)."""
        return self.root / LEGACY_MANIFEST_NAME

    def exists(self) -> bool:
        """Whether anything was ever stored (a manifest of either layout exists)."""
        return has_manifest(self.root)

    @staticmethod
    def _key(relative: str | PurePosixPath) -> str:
        parts = PurePosixPath(relative).parts
        if (
            not parts
            or PurePosixPath(relative).is_absolute()
            or "\\" in str(relative)
            or any(part in ("..", ".") or part.startswith(".") for part in parts)
            or (len(parts) == 1 and parts[0].startswith("manifest."))
        ):
            raise ValueError(f"not a valid path inside the cache: {str(relative)!r}")
        return "/".join(parts)

    def path_for(self, relative: str | PurePosixPath) -> Path:
        """Return the absolute path of ``relative`` (``/``-separated) inside the cache.

        Raises
        ------
        ValueError
            If ``relative`` is absolute, contains ``..``, names a hidden file or the manifest.
        """
        return self.root.joinpath(*self._key(relative).split("/"))

    # --- the manifest database --------------------------------------------------------------

    def _damaged(self, exc: BaseException) -> ManifestDamagedError:
        return ManifestDamagedError(
            [Problem.keyed("cache_manifest_damaged", str(self.manifest_path), reason=str(exc))],
            self.manifest_path,
        )

    def _write_failed(self, exc: OSError | sqlite3.Error, path: Path) -> BaseException:
        translated = _write_error(exc, path, self.root)
        if translated is not None:
            return translated
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            return self._damaged(exc)
        return exc

    def _open(self, *, write: bool) -> sqlite3.Connection:
        """A connection in autocommit mode (transactions are explicit ``BEGIN IMMEDIATE``)."""
        if write:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._write_failed(exc, self.root) from None
            uri = self.manifest_path.as_uri()
        else:
            uri = self.manifest_path.as_uri() + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._write_failed(exc, self.manifest_path) from None
        try:
            if write:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")  # once: changing it takes a lock
                conn.execute("PRAGMA synchronous=FULL")
                if conn.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA_VERSION:
                    conn.executescript(
                        f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version={_SCHEMA_VERSION}; COMMIT;"
                    )
            else:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if isinstance(exc, sqlite3.OperationalError) and not write:
                raise
            raise self._write_failed(exc, self.manifest_path) from None
        except BaseException:
            conn.close()
            raise
        return conn

    @contextlib.contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        conn = self._open(write=write)
        try:
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def _read_connection(self) -> Iterator[sqlite3.Connection | None]:
        """A read-only connection, or ``None`` when nothing was ever stored."""
        if not self.manifest_path.exists():
            if self.legacy_manifest_path.exists():
                with contextlib.suppress(CacheWriteError):
                    self._migrate()
            if not self.manifest_path.exists():
                yield None
                return
        if not self._recovered:
            with contextlib.suppress(CanemureError, OSError, sqlite3.Error):
                self._recover(sweep=False, repair=False)
        try:
            conn = self._open(write=False)
        except sqlite3.OperationalError:
            # A read-only folder without the write-ahead log's index file: read the database
            # file alone (complete once the last writer closed it).
            uri = self.manifest_path.as_uri() + "?immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[ManifestEntry]:
        try:
            with self._read_connection() as conn:
                if conn is None:
                    return self._legacy_entries() if self.legacy_manifest_path.exists() else []
                rows = conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):  # else: another process is creating it
                raise self._damaged(exc) from None
            rows = []
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
        out = []
        for path, source, sha256, size, timestamp, kind in rows:
            if kind in _KINDS and isinstance(size, int) and _SHA256.fullmatch(str(sha256)):
                out.append(ManifestEntry(path, source, sha256, size, timestamp, kind))
            # a row that is not well formed is skipped: its file counts as absent
        return out

    def _legacy_entries(self) -> list[ManifestEntry]:
        """Read a ``manifest.json`` of the old layout (entries it cannot read are left out)."""
        try:
            data = json.loads(self.legacy_manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            problem = Problem.keyed(
                "cache_legacy_unreadable",
                str(self.legacy_manifest_path),
                reason=str(exc),
                repair=Message("cache_repair_hint"),
            )
            raise ManifestDamagedError([problem], self.legacy_manifest_path) from None
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            problem = Problem.keyed(
                "cache_legacy_no_files",
                str(self.legacy_manifest_path),
                repair=Message("cache_repair_hint"),
            )
            raise ManifestDamagedError([problem], self.legacy_manifest_path)
        problems = ProblemCollector(self.legacy_manifest_path)
        found = [_parse_entry(str(key), raw, problems) for key, raw in files.items()]
        return [e for e in found if e is not None]

    def _migrate(self) -> None:
        """Move a ``manifest.json`` of the old layout into the database, then set it aside."""
        try:
            entries = self._legacy_entries()
        except ManifestDamagedError:
            entries = []
        with self._connect(write=True) as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT OR IGNORE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    [(e.path, e.source, e.sha256, e.size, e.timestamp, e.kind) for e in entries],
                )
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._write_failed(exc, self.manifest_path) from None
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.legacy_manifest_path, self.root / (LEGACY_MANIFEST_NAME + ".migrated"))

    def _set_aside_damaged(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            damaged = self.root / (MANIFEST_NAME + suffix)
            with contextlib.suppress(FileNotFoundError):
                os.replace(damaged, self.root / f"{MANIFEST_NAME}.damaged-{stamp}{suffix}")

    @contextlib.contextmanager
    def _write_connection(self, *, repair: bool = True) -> Iterator[sqlite3.Connection]:
        """A writable connection; with ``repair``, a damaged manifest is set aside for a new one."""
        if not self.manifest_path.exists() and self.legacy_manifest_path.exists():
            self._migrate()
        try:
            conn = self._open(write=True)
        except ManifestDamagedError:
            if not repair:
                raise
            self._set_aside_damaged()
            conn = self._open(write=True)
        try:
            yield conn
        finally:
            conn.close()

    # --- reading ----------------------------------------------------------------------------

    def entries(self) -> list[ManifestEntry]:
        """Return every manifest record, sorted by path.

        Raises
        ------
        ManifestDamagedError
            If the manifest cannot be read (the message says how to repair it).
        """
        return sorted(self._rows("SELECT * FROM files"), key=lambda e: e.path)

    def entry(self, relative: str | PurePosixPath) -> ManifestEntry | None:
        """Return the manifest record of ``relative``, or ``None`` if it was never stored."""
        key = self._key(relative)
        if not self.manifest_path.exists() and not self.legacy_manifest_path.exists():
            return None
        found = self._rows("SELECT * FROM files WHERE path = ?", (key,))
        if not self.manifest_path.exists():
            found = [e for e in found if e.path == key]
        return found[0] if found else None

    def problem(self, relative: str | PurePosixPath) -> str | None:
        """Say why the cached copy of ``relative`` cannot be used, or return ``None`` if it can.

        The message names the file and says how to store it anew; it is a keyed
        :class:`~canemure.errors.Message` (a ``str``, in English) that the command line can say
        in the user's language.
        """
        path = self.path_for(relative)
        try:
            entry = self.entry(relative)
        except ManifestDamagedError as exc:
            return Message("cache_cannot_check", path=path, error=exc)
        if entry is None:
            return Message("cache_not_recorded", path=path, repair=Message("cache_repair_hint"))
        return self.entry_problem(entry)

    def entry_problem(self, entry: ManifestEntry) -> str | None:
        """Say why the file of ``entry`` (a record of this manifest) cannot be used, or ``None``.

        :meth:`problem` without asking the manifest again: for a caller that has just read the
        records with :meth:`entries` (the user cache reads a region's files that way).
        """
        path = self.path_for(entry.path)
        try:
            digest = _sha256_file(path)
        except FileNotFoundError:
            return Message("cache_missing", path=path, repair=Message("cache_repair_hint"))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return Message(
                "cache_file_unreadable",
                path=path,
                reason=reason,
                repair=Message("cache_repair_hint"),
            )
        if digest != entry.sha256:
            return Message(
                "cache_changed",
                path=path,
                timestamp=entry.timestamp,
                repair=Message("cache_repair_hint"),
            )
        return None

    def verify(self, relative: str | PurePosixPath) -> bool:
        """Return whether ``relative`` is recorded and its bytes on disk match the record."""
        key = self._key(relative)
        try:
            entry = self.entry(key)
        except ManifestDamagedError:
            return False
        if entry is None:
            return False
        try:
            return _sha256_file(self.path_for(key)) == entry.sha256
        except OSError:
            return False

    def verified_path(self, relative: str | PurePosixPath) -> Path:
        """Return the path of ``relative`` after checking it against its recorded checksum.

        Raises
        ------
        CacheEntryError
            If it is not recorded, missing, or changed since stored; the message names the file
            and says how to store it anew.
        """
        if problem := self.problem(relative):
            raise CacheEntryError(problem)
        return self.path_for(relative)

    # --- writing ----------------------------------------------------------------------------

    def writer(self, relative: str | PurePosixPath) -> CacheWriter:
        """Start writing ``relative``; use as a context manager and :meth:`CacheWriter.commit`.

        ``with cache.writer("imports/notes.csv") as out: out.write(data); out.commit(...)``
        streams a file of any size into place; leaving the block without committing stores
        nothing. Leftovers of dead writers are cleaned up first (:meth:`recover`).
        """
        key = self._key(relative)
        target = self.path_for(key)
        self.recover()
        token = secrets.token_hex(6)
        part = target.with_name(f".{target.name}.{os.getpid()}.{token}.part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = part.open("xb")
        except OSError as exc:
            raise self._write_failed(exc, part) from None
        return CacheWriter(self, key, part, handle)

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

        Raises
        ------
        CacheWriteError
            If the disk is full or the cache folder cannot be written; nothing is stored.
        """
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
        with self.writer(relative) as out:
            out.write(data)
            return out.commit(source, kind)

    def _commit(self, part: Path, entry: ManifestEntry) -> None:
        target = self.path_for(entry.path)
        row = (entry.source, entry.sha256, entry.size, entry.timestamp, entry.kind)
        part_key = part.relative_to(self.root).as_posix()
        with self._write_connection() as conn:
            try:  # 1. the intent, so a kill from here on can be finished or undone
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (part_key, entry.path, *row, os.getpid()),
                )
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._write_failed(exc, self.manifest_path) from None
            replaced = False
            try:  # 2. the file and its record, under the manifest's write lock
                conn.execute("BEGIN IMMEDIATE")
                os.replace(part, target)
                replaced = True
                _fsync_dir(target.parent)
                conn.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", (entry.path, *row)
                )
                conn.execute("DELETE FROM pending WHERE part = ?", (part_key,))
                conn.execute("COMMIT")
            except BaseException as exc:
                self._undo(conn, part_key, entry.path, target if replaced else None)
                if isinstance(exc, OSError | sqlite3.Error):
                    raise self._write_failed(exc, target) from None
                raise

    def _undo(self, conn: sqlite3.Connection, part_key: str, key: str, placed: Path | None) -> None:
        """Leave nothing the manifest does not describe after a failed step 2 of a commit."""
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        with contextlib.suppress(FileNotFoundError):
            (self.root / part_key).unlink()
        if placed is not None:  # the old bytes are gone: drop the file and its old record
            with contextlib.suppress(FileNotFoundError):
                placed.unlink()
        with contextlib.suppress(sqlite3.Error):
            conn.execute("BEGIN IMMEDIATE")
            if placed is not None:
                conn.execute("DELETE FROM files WHERE path = ?", (key,))
            conn.execute("DELETE FROM pending WHERE part = ?", (part_key,))
            conn.execute("COMMIT")

    # --- cleaning up after writers that died ------------------------------------------------

    def recover(self, *, sweep: bool = True) -> Recovery:
        """Finish or undo what writers that died (kill -9, power loss) left half-done.

        A pending intent whose file reached its place with the promised checksum is recorded;
        otherwise its ``.part`` file is removed. With ``sweep``, every ``.part`` file of a
        process that no longer runs (or older than a day) is removed too. Writers that are
        alive are never touched. Does nothing (and creates nothing) in an empty cache.

        Raises
        ------
        CacheWriteError
            If the cache cannot be written.
        """
        return self._recover(sweep=sweep, repair=True)

    def _recover(self, *, sweep: bool, repair: bool) -> Recovery:
        self._recovered = True
        finished: list[str] = []
        discarded: list[str] = []
        if self.manifest_path.exists() or self.legacy_manifest_path.exists():
            with self._write_connection(repair=repair) as conn:
                try:
                    finished, discarded = self._finish_pending(conn)
                except sqlite3.Error as exc:
                    raise self._write_failed(exc, self.manifest_path) from None
        if sweep and self.root.is_dir():
            discarded.extend(self._sweep_parts())
        return Recovery(tuple(finished), tuple(discarded))

    def _finish_pending(self, conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
        finished: list[str] = []
        discarded: list[str] = []
        rows = conn.execute("SELECT * FROM pending").fetchall()
        if not any(_abandoned(row) for row in rows):
            return finished, discarded
        conn.execute("BEGIN IMMEDIATE")
        try:  # read again under the lock: another process may have cleaned up meanwhile
            rows = conn.execute("SELECT * FROM pending").fetchall()
            dead = [row for row in rows if _abandoned(row)]
            for part_key, key, source, sha256, size, timestamp, kind, _pid in dead:
                target = self.root / key
                part = self.root / part_key
                try:
                    reached = _sha256_file(target) == sha256
                except OSError:
                    reached = False
                if reached:
                    conn.execute(
                        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                        (key, source, sha256, size, timestamp, kind),
                    )
                    finished.append(key)
                if part.exists():
                    part.unlink()
                    discarded.append(part_key)
                conn.execute("DELETE FROM pending WHERE part = ?", (part_key,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return finished, discarded

    def _sweep_parts(self) -> list[str]:
        removed = []
        now = time.time()
        for part in self.root.rglob(".*.part"):
            match = _PART.fullmatch(part.name)
            if match is None:
                continue
            try:
                old = now - part.stat().st_mtime > _STALE_PART_AGE
            except FileNotFoundError:
                continue
            if old or not _pid_alive(int(match["pid"])):
                with contextlib.suppress(FileNotFoundError):
                    part.unlink()
                    removed.append(part.relative_to(self.root).as_posix())
        return removed
