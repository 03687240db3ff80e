"""Cache writes that fail: full disk, a folder that cannot be written. Nothing is left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from canemure.io.cache import Cache, CacheWriteError


class FullDisk:
    """Stands for the open ``.part`` file on a disk that fills up after ``room`` bytes."""

    def __init__(self, real: object, room: int) -> None:
        self.real = real
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.real.write(data)  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def test_full_disk_mid_write(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/old.csv", b"old", source="s", kind="download")
    with cache.writer("syke/big.csv") as out:
        out._handle = FullDisk(out._handle, room=10)  # type: ignore[assignment]
        out.write(b"0123456789")
        with pytest.raises(CacheWriteError) as info:
            out.write(b"more than fits")
        part = out.path
    message = str(info.value)
    assert "the disk holding the canemure cache is full" in message
    assert str(part) in message
    assert "Nothing was half-written" in message
    assert isinstance(info.value, OSError)
    assert not part.exists()
    assert [e.path for e in cache.entries()] == ["syke/old.csv"]


def test_unknown_os_errors_pass_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "cache")

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="Input/output error") as info:
        cache.store_bytes("syke/x.csv", b"x", source="s", kind="download")
    assert not isinstance(info.value, CacheWriteError)
    monkeypatch.undo()
    assert not list(cache.root.rglob("*.part"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_cache_folder(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/a.csv", b"a", source="s", kind="download")
    for folder in (cache.root, cache.root / "syke"):
        folder.chmod(0o555)
    try:
        assert cache.verify("syke/a.csv")  # reading still works
        with pytest.raises(CacheWriteError, match="cannot be written"):
            cache.store_bytes("syke/b.csv", b"b", source="s", kind="download")
    finally:
        for folder in (cache.root, cache.root / "syke"):
            folder.chmod(0o755)
