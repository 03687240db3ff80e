"""The per-user cache: location, manifest, atomic writes, verification."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from canemure.errors import DataFormatError
from canemure.io.cache import Cache, ManifestEntry, cache_dir

CSV = b"kt;kt_tuuli;GWh;vuosi\n12,5;12,5;40,2;2022\n"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the real user cache, even through a default ``Cache()``."""
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "env-cache"))


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# --- location -----------------------------------------------------------------------------------


def test_env_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "mine"
    assert Cache().root == tmp_path / "mine"


def test_env_override_expands_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CANEMURE_CACHE_DIR", "~/c")
    assert cache_dir() == tmp_path / "c"


@pytest.mark.parametrize("platform", ["linux", "freebsd14"])
def test_posix_uses_xdg_cache_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str
) -> None:
    monkeypatch.delenv("CANEMURE_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "canemure"


@pytest.mark.parametrize("xdg", [None, "", "relative/dir"])
def test_posix_falls_back_to_dot_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg: str | None
) -> None:
    monkeypatch.delenv("CANEMURE_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_dir() == tmp_path / ".cache" / "canemure"


def test_macos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CANEMURE_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "Library" / "Caches" / "canemure"


def test_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CANEMURE_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert cache_dir() == tmp_path / "Local" / "canemure" / "Cache"
    monkeypatch.delenv("LOCALAPPDATA")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "AppData" / "Local" / "canemure" / "Cache"


# --- storing and the manifest -------------------------------------------------------------------


def test_store_bytes_writes_file_and_manifest(cache: Cache) -> None:
    rel = "syke/Tulokset_taso_5/kunta_167.csv"
    entry = cache.store_bytes(
        rel, CSV, source="https://example.test/kunta_167.csv", kind="download"
    )

    path = cache.path_for(rel)
    assert path == cache.root / "syke" / "Tulokset_taso_5" / "kunta_167.csv"
    assert path.read_bytes() == CSV
    assert entry == ManifestEntry(
        rel,
        "https://example.test/kunta_167.csv",
        hashlib.sha256(CSV).hexdigest(),
        len(CSV),
        entry.timestamp,
        "download",
    )
    stamp = datetime.fromisoformat(entry.timestamp)
    assert stamp.tzinfo is not None
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60

    manifest = json.loads((cache.root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"][rel] == {
        "source": "https://example.test/kunta_167.csv",
        "sha256": hashlib.sha256(CSV).hexdigest(),
        "size": len(CSV),
        "timestamp": entry.timestamp,
        "kind": "download",
    }
    assert cache.entries() == [entry]
    assert cache.entry(rel) == entry
    assert cache.entry("syke/other.csv") is None
    assert files_under(cache.root) == ["manifest.json", "syke/Tulokset_taso_5/kunta_167.csv"]


def test_entries_are_sorted_and_overwrites_replace(cache: Cache) -> None:
    cache.store_bytes("syke/b.csv", b"b", source="u:b", kind="download")
    cache.store_bytes("imports/a.xlsx", b"a", source="/home/me/a.xlsx", kind="import")
    new = cache.store_bytes("syke/b.csv", b"bb", source="u:b2", kind="download")
    assert [e.path for e in cache.entries()] == ["imports/a.xlsx", "syke/b.csv"]
    assert cache.entry("syke/b.csv") == new
    assert cache.path_for("syke/b.csv").read_bytes() == b"bb"
    assert cache.entry("imports/a.xlsx") is not None
    assert cache.entry("imports/a.xlsx").kind == "import"  # type: ignore[union-attr]


def test_empty_cache_has_no_entries(cache: Cache) -> None:
    assert cache.entries() == []
    assert not cache.verify("syke/x.csv")
    assert not cache.root.exists()


@pytest.mark.parametrize(
    "bad", ["", "/etc/passwd", "../outside.csv", "syke/../../x", "manifest.json"]
)
def test_path_for_rejects_paths_outside_the_cache(cache: Cache, bad: str) -> None:
    with pytest.raises(ValueError, match="not a valid path inside the cache"):
        cache.path_for(bad)
    with pytest.raises(ValueError, match="not a valid path inside the cache"):
        cache.store_bytes(bad, b"x", source="s", kind="import")


def test_store_rejects_unknown_kind(cache: Cache) -> None:
    with pytest.raises(ValueError, match="kind"):
        cache.store_bytes("syke/x.csv", b"x", source="s", kind="stolen")  # type: ignore[arg-type]


# --- verification -------------------------------------------------------------------------------


def test_verify_detects_tampering(cache: Cache) -> None:
    rel = "syke/asukasluvut_2023.csv"
    cache.store_bytes(rel, CSV, source="u", kind="download")
    assert cache.verify(rel)
    cache.path_for(rel).write_bytes(CSV.replace(b"12,5", b"99,9"))
    assert not cache.verify(rel)
    cache.path_for(rel).unlink()
    assert not cache.verify(rel)


def test_verify_ignores_unrecorded_files(cache: Cache) -> None:
    path = cache.path_for("syke/asukasluvut_2023.csv")
    path.parent.mkdir(parents=True)
    path.write_bytes(CSV)
    assert not cache.verify("syke/asukasluvut_2023.csv")


# --- corrupt manifest ---------------------------------------------------------------------------


def test_corrupt_manifest_names_the_file(cache: Cache) -> None:
    cache.root.mkdir(parents=True)
    (cache.root / "manifest.json").write_text('{"files": {', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"manifest\.json") as info:
        cache.entries()
    assert info.value.source == str(cache.root / "manifest.json")
    with pytest.raises(DataFormatError):
        cache.store_bytes("syke/x.csv", b"x", source="s", kind="download")
    assert not cache.path_for("syke/x.csv").exists()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "'files' object"),
        ({"files": []}, "'files' object"),
        ({"files": {"syke/x.csv": 3}}, "not an object"),
        ({"files": {"syke/x.csv": {"source": "s"}}}, "'sha256' missing"),
        (
            {
                "files": {
                    "syke/x.csv": {
                        "source": "s",
                        "sha256": "0",
                        "size": -1,
                        "timestamp": "t",
                        "kind": "stolen",
                    }
                }
            },
            "'kind' must be one of",
        ),
    ],
)
def test_malformed_manifest(cache: Cache, document: object, message: str) -> None:
    cache.root.mkdir(parents=True)
    (cache.root / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFormatError, match=message):
        cache.entries()


# --- atomicity ----------------------------------------------------------------------------------


class Interrupted(BaseException):
    """Stands for a KeyboardInterrupt or a kill arriving mid-write."""


@pytest.fixture
def populated(cache: Cache) -> Cache:
    cache.store_bytes("syke/old.csv", b"old", source="u:old", kind="download")
    cache.store_bytes("syke/target.csv", b"previous", source="u:prev", kind="download")
    return cache


def snapshot(cache: Cache) -> tuple[bytes, list[str]]:
    return (cache.root / "manifest.json").read_bytes(), files_under(cache.root)


@pytest.mark.parametrize("fail", ["write", "fsync", "replace"])
@pytest.mark.parametrize("target", ["syke/new/file.csv", "syke/target.csv"])
def test_interrupted_store_leaves_no_partial_file(
    populated: Cache, monkeypatch: pytest.MonkeyPatch, fail: str, target: str
) -> None:
    before = snapshot(populated)
    previous = populated.path_for("syke/target.csv").read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise Interrupted

    if fail == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: object, **kwargs: object) -> object:
            handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

            class HalfWriter:
                def __enter__(self) -> HalfWriter:
                    handle.__enter__()
                    return self

                def __exit__(self, *exc: object) -> None:
                    handle.__exit__(*exc)

                def write(self, data: bytes) -> None:
                    handle.write(data[: len(data) // 2])
                    handle.flush()
                    raise Interrupted

            return HalfWriter()

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, fail, boom)

    with pytest.raises(Interrupted):
        populated.store_bytes(target, b"new content " * 1000, source="u:new", kind="download")
    monkeypatch.undo()

    assert snapshot(populated)[0] == before[0]  # manifest unchanged
    remaining = files_under(populated.root)
    assert not [f for f in remaining if ".part" in f]  # no temporary file left behind
    assert "syke/new/file.csv" not in remaining
    assert populated.path_for("syke/target.csv").read_bytes() == previous
    assert populated.verify("syke/target.csv")
    assert populated.verify("syke/old.csv")


def test_failed_manifest_update_removes_the_new_file(
    populated: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(populated)
    real_replace = os.replace
    calls: list[object] = []

    def replace_data_only(src: str, dst: str) -> None:
        calls.append(dst)
        if str(dst).endswith("manifest.json"):
            raise Interrupted
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_data_only)
    with pytest.raises(Interrupted):
        populated.store_bytes("syke/new.csv", b"new", source="u:new", kind="download")
    monkeypatch.undo()

    assert len(calls) == 2
    assert snapshot(populated) == before
    assert populated.entry("syke/new.csv") is None
