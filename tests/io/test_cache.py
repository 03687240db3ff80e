"""The per-user cache: location, manifest, atomic writes, verification."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from canemure.errors import DataFormatError
from canemure.io.cache import (
    Cache,
    CacheEntryError,
    CacheWriter,
    ManifestDamagedError,
    ManifestEntry,
    cache_dir,
)

CSV = b"kt;kt_tuuli;GWh;vuosi\n12,5;12,5;40,2;2022\n"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the real user cache, even through a default ``Cache()``."""
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "env-cache"))


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


def files_under(root: Path) -> list[str]:
    """Every file below ``root`` but the manifest database (and its write-ahead log)."""
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith("manifest.sqlite3")
    )


def manifest_rows(cache: Cache) -> list[tuple[object, ...]]:
    """The manifest's rows as SQLite holds them (read without canemure's code)."""
    with contextlib.closing(sqlite3.connect(cache.root / "manifest.sqlite3")) as conn:
        return conn.execute("SELECT * FROM files ORDER BY path").fetchall()


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

    assert manifest_rows(cache) == [
        (
            rel,
            "https://example.test/kunta_167.csv",
            hashlib.sha256(CSV).hexdigest(),
            len(CSV),
            entry.timestamp,
            "download",
        )
    ]
    assert cache.entries() == [entry]
    assert cache.entry(rel) == entry
    assert cache.entry("syke/other.csv") is None
    assert files_under(cache.root) == ["syke/Tulokset_taso_5/kunta_167.csv"]
    assert (cache.root / "manifest.sqlite3").is_file()


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
    "bad",
    [
        "",
        "/etc/passwd",
        "../outside.csv",
        "syke/../../x",
        "manifest.json",
        "manifest.sqlite3",
        "manifest.sqlite3-wal",
        "syke/.kunta_1.csv.123.abc.part",
    ],
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


# --- corrupt or old manifests ------------------------------------------------------------------


def test_damaged_manifest_names_the_file_and_the_repair(cache: Cache) -> None:
    cache.store_bytes("syke/old.csv", b"old", source="s", kind="download")
    (cache.root / "manifest.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ManifestDamagedError) as info:
        cache.entries()
    assert info.value.source == str(cache.root / "manifest.sqlite3")
    assert "canemure data import" in str(info.value)
    assert isinstance(info.value, DataFormatError)
    # reading one entry does not take every command down: the file simply counts as absent
    assert not cache.verify("syke/old.csv")
    assert "manifest.sqlite3" in str(cache.problem("syke/old.csv"))
    # re-importing repairs it: the damaged manifest is set aside, a new one records the file
    entry = cache.store_bytes("syke/x.csv", b"x", source="s", kind="download")
    assert cache.entries() == [entry]
    assert cache.verify("syke/x.csv")
    assert not cache.verify("syke/old.csv")  # still on disk, but no longer vouched for
    assert [p.name for p in cache.root.glob("manifest.sqlite3.damaged-*")]


def test_old_json_manifest_is_migrated(cache: Cache) -> None:
    cache.root.mkdir(parents=True)
    good = cache.path_for("syke/good.csv")
    good.parent.mkdir(parents=True)
    good.write_bytes(CSV)
    document = {
        "version": 1,
        "files": {
            "syke/good.csv": {
                "source": "u:good",
                "sha256": hashlib.sha256(CSV).hexdigest(),
                "size": len(CSV),
                "timestamp": "2024-05-01T12:00:00Z",
                "kind": "download",
            },
            "syke/bad.csv": {"source": "s"},
        },
    }
    (cache.root / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    assert cache.exists()
    assert [e.path for e in cache.entries()] == ["syke/good.csv"]
    assert cache.verify("syke/good.csv")
    assert not (cache.root / "manifest.json").exists()
    assert (cache.root / "manifest.json.migrated").exists()
    assert manifest_rows(cache)[0][:2] == ("syke/good.csv", "u:good")


@pytest.mark.parametrize("text", ['{"files": {', "[]", '{"files": []}'])
def test_unreadable_old_manifest_is_set_aside(cache: Cache, text: str) -> None:
    cache.root.mkdir(parents=True)
    (cache.root / "manifest.json").write_text(text, encoding="utf-8")
    assert cache.entries() == []
    cache.store_bytes("syke/x.csv", b"x", source="s", kind="download")
    assert [e.path for e in cache.entries()] == ["syke/x.csv"]


def test_verified_path_refuses_a_changed_file(cache: Cache) -> None:
    rel = "syke/Tulokset_taso_5/kunta_167.csv"
    cache.store_bytes(rel, CSV, source="u", kind="download")
    assert cache.verified_path(rel) == cache.path_for(rel)
    cache.path_for(rel).write_bytes(CSV.replace(b"12,5", b"99,9"))
    with pytest.raises(CacheEntryError) as info:
        cache.verified_path(rel)
    message = str(info.value)
    assert str(cache.path_for(rel)) in message
    assert "changed since it was stored" in message and "canemure data import" in message
    assert isinstance(info.value, LookupError)
    cache.path_for(rel).unlink()
    with pytest.raises(CacheEntryError, match="missing"):
        cache.verified_path(rel)
    with pytest.raises(CacheEntryError, match="not recorded"):
        cache.verified_path("syke/never.csv")


# --- atomicity ----------------------------------------------------------------------------------


class Interrupted(BaseException):
    """Stands for a KeyboardInterrupt or a kill arriving mid-write."""


@pytest.fixture
def populated(cache: Cache) -> Cache:
    cache.store_bytes("syke/old.csv", b"old", source="u:old", kind="download")
    cache.store_bytes("syke/target.csv", b"previous", source="u:prev", kind="download")
    return cache


def snapshot(cache: Cache) -> tuple[list[ManifestEntry], list[str]]:
    return cache.entries(), files_under(cache.root)


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
        real_write = CacheWriter.write

        def half_write(self: CacheWriter, data: bytes) -> None:
            real_write(self, data[: len(data) // 2])
            raise Interrupted

        monkeypatch.setattr(CacheWriter, "write", half_write)
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
    """Interrupted after the file reached its place but before its record was committed."""
    import canemure.io.cache as cache_module

    before = snapshot(populated)
    calls: list[Path] = []

    def interrupted(directory: Path) -> None:
        calls.append(directory)
        raise Interrupted

    monkeypatch.setattr(cache_module, "_fsync_dir", interrupted)
    with pytest.raises(Interrupted):
        populated.store_bytes("syke/new.csv", b"new", source="u:new", kind="download")
    monkeypatch.undo()

    assert calls == [populated.root / "syke"]
    assert snapshot(populated) == before
    assert populated.entry("syke/new.csv") is None
