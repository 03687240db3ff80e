"""``canemure data import`` with odd paths, a full disk, a read-only cache and Ctrl-C.

Each failure must name the path and say what to do: no bare errno, no traceback, nothing
half-written. A full disk and a read-only folder are simulated (the tests may run as root, for
whom permissions do not stop a write).
"""

from __future__ import annotations

import errno
import json
import os
import pathlib
from pathlib import Path

import pytest
from cli_support import run
from fake_syke import syke_csv_text

from canemure.io.cache import Cache, CacheWriter

KUNTA = syke_csv_text([2007, 2024]).encode()


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    monkeypatch.delenv("CANEMURE_OFFLINE", raising=False)
    return cache


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    for code in (416, 405):  # Lemi, Lappeenranta
        (folder / f"kunta_{code}.csv").write_bytes(KUNTA)
    return folder


def stored(cache_root: Path) -> list[str]:
    return [e.path for e in Cache(cache_root).entries()] if Cache(cache_root).exists() else []


def leftovers(cache_root: Path) -> list[Path]:
    return list(cache_root.rglob("*.part")) if cache_root.exists() else []


def assert_plain(err: str) -> None:
    """A message for people: no traceback, no bare errno."""
    assert "Traceback" not in err
    assert "[Errno" not in err


# --- paths that are not files -------------------------------------------------------------------


def test_a_folder_named_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, private_cache: Path
) -> None:
    folder = tmp_path / "kunta_167.csv"
    folder.mkdir()
    status, _, err = run(capsys, "data", "import", str(folder))
    assert status == 2
    assert str(folder) in err
    assert "it is a folder, not a file" in err and "holds no .csv or .xlsx files" in err
    assert_plain(err)
    # a folder of that name that holds SYKE files is searched like any other
    (folder / "kunta_416.csv").write_bytes(KUNTA)
    status, _, err = run(capsys, "data", "import", str(folder))
    assert status == 0, err
    assert stored(private_cache) == ["syke/Tulokset_taso_5/kunta_416.csv"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, downloads: Path, private_cache: Path
) -> None:
    pipe = tmp_path / "kunta_167.csv"
    os.mkfifo(pipe)
    status, _, err = run(capsys, "data", "import", str(pipe))
    assert status == 2
    assert f"{pipe}: is a named pipe (FIFO), not a file" in err
    assert "save the SYKE data to a .csv or .xlsx file" in err
    assert_plain(err)
    # inside a folder too, and then nothing of the folder is stored
    os.mkfifo(downloads / "kunta_5.csv")
    status, _, err = run(capsys, "data", "import", str(downloads))
    assert status == 2 and "kunta_5.csv: is a named pipe (FIFO)" in err
    assert stored(private_cache) == []


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_dev_null(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "data", "import", "/dev/null")
    assert status == 2
    assert "/dev/null: is a device, not a file" in err
    assert_plain(err)


def test_missing_path_and_broken_link(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    link = tmp_path / "kunta_167.csv"
    link.symlink_to(tmp_path / "gone.csv")
    status, _, err = run(capsys, "data", "import", str(tmp_path / "nothing.csv"), str(link))
    assert status == 2
    assert f"{tmp_path / 'nothing.csv'}: no such file or folder" in err
    assert f"{link}: a broken link: its target does not exist" in err


# --- --municipality -----------------------------------------------------------------------------


def test_the_municipality_hint_names_the_option_that_exists(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, private_cache: Path
) -> None:
    renamed = tmp_path / "Lemi päästöt.csv"
    renamed.write_bytes(KUNTA)
    status, _, err = run(capsys, "data", "import", str(renamed))
    assert status == 2
    assert "pass municipality=" in err
    assert "canemure data import --municipality CODE FILE" in err
    assert stored(private_cache) == []

    status, out, err = run(capsys, "data", "import", "--municipality", "416", str(renamed))
    assert status == 0, err
    assert "Lemi (416)" in out
    assert stored(private_cache) == ["syke/Tulokset_taso_5/kunta_416.csv"]
    assert Cache(private_cache).path_for(stored(private_cache)[0]).read_bytes() == KUNTA


def test_municipality_by_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, private_cache: Path
) -> None:
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(KUNTA)
    status, _, err = run(capsys, "data", "import", "--municipality", "Lemi", str(renamed))
    assert status == 0, err
    assert stored(private_cache) == ["syke/Tulokset_taso_5/kunta_416.csv"]


def test_municipality_names_one_file_only(
    capsys: pytest.CaptureFixture[str], downloads: Path, private_cache: Path
) -> None:
    status, _, err = run(capsys, "data", "import", "--municipality", "416", str(downloads))
    assert status == 2
    assert "can name the municipality of one file, but 2 files were given" in err
    assert stored(private_cache) == []


# --- full disk, read-only cache, Ctrl-C ---------------------------------------------------------


def test_full_disk(
    capsys: pytest.CaptureFixture[str],
    downloads: Path,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    status, _, err = run(capsys, "data", "import", str(downloads / "kunta_416.csv"))
    monkeypatch.undo()
    assert status == 2
    assert "the disk holding the canemure cache is full" in err
    assert str(private_cache / "syke" / "Tulokset_taso_5") in err  # names where it wrote
    assert "free some space" in err and "CANEMURE_CACHE_DIR" in err
    assert_plain(err)
    assert stored(private_cache) == [] and not leftovers(private_cache)


def test_read_only_cache(
    capsys: pytest.CaptureFixture[str],
    downloads: Path,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_open = pathlib.Path.open

    def read_only(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "x" in mode or "w" in mode:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pathlib.Path, "open", read_only)
    status, _, err = run(capsys, "data", "import", str(downloads / "kunta_416.csv"))
    monkeypatch.undo()
    assert status == 2
    assert f"the canemure cache folder {private_cache} cannot be written" in err
    assert "Permission denied" in err
    assert "make it writable, or set CANEMURE_CACHE_DIR" in err
    assert_plain(err)
    assert stored(private_cache) == []


def test_a_cache_folder_that_cannot_be_created(
    capsys: pytest.CaptureFixture[str],
    downloads: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(blocker / "cache"))
    status, _, err = run(capsys, "data", "import", str(downloads / "kunta_416.csv"))
    assert status == 2
    assert str(blocker / "cache") in err
    assert "CANEMURE_CACHE_DIR" in err
    assert_plain(err)


def test_ctrl_c_mid_import(
    capsys: pytest.CaptureFixture[str],
    downloads: Path,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_write = CacheWriter.write
    calls: list[str] = []

    def interrupted_on_second(self: CacheWriter, data: bytes) -> None:
        calls.append(self.key)
        if len(calls) == 2:
            real_write(self, data[: len(data) // 2])
            raise KeyboardInterrupt
        real_write(self, data)

    monkeypatch.setattr(CacheWriter, "write", interrupted_on_second)
    status, _, err = run(capsys, "data", "import", str(downloads))
    monkeypatch.undo()
    assert status == 130
    assert "interrupted (Ctrl-C)" in err and "Nothing is half-written" in err
    assert "Run the same command again" in err
    assert_plain(err)
    cache = Cache(private_cache)
    assert stored(private_cache) == ["syke/Tulokset_taso_5/kunta_405.csv"]  # the first, whole
    assert cache.verify("syke/Tulokset_taso_5/kunta_405.csv")
    assert not cache.path_for("syke/Tulokset_taso_5/kunta_416.csv").exists()
    assert not leftovers(private_cache)


# --- checked before use -------------------------------------------------------------------------


def test_a_tampered_file_costs_only_its_own_municipality(
    capsys: pytest.CaptureFixture[str], downloads: Path, private_cache: Path
) -> None:
    status, _, err = run(capsys, "data", "import", str(downloads))
    assert status == 0, err
    lemi = Cache(private_cache).path_for("syke/Tulokset_taso_5/kunta_416.csv")
    lemi.write_bytes(KUNTA.replace(b"0,5", b"9,5"))
    status, out, err = run(capsys, "baseline", "etelä-karjala", "--no-plugins", "--format", "json")
    assert status == 0, err
    messages = [line for line in err.splitlines() if line.startswith("canemure: warning: ")]
    assert any(
        str(lemi) in m and "changed since it was stored" in m and "canemure data import" in m
        for m in messages
    )
    report = json.loads(out)
    assert "416" in json.dumps(report["missing_municipalities"]) or "Lemi" in json.dumps(
        report["missing_municipalities"]
    )
    assert "Lappeenranta" not in json.dumps(report["missing_municipalities"])

    status, out, _ = run(capsys, "data", "list")
    assert status == 0
    line = next(x for x in out.splitlines() if "kunta_416.csv" in x)
    assert "CHANGED or missing since stored: import again" in line


def test_a_damaged_manifest_is_reported_and_repaired_by_importing(
    capsys: pytest.CaptureFixture[str], downloads: Path, private_cache: Path
) -> None:
    status, _, _ = run(capsys, "data", "import", str(downloads / "kunta_405.csv"))
    assert status == 0
    (private_cache / "manifest.sqlite3").write_bytes(b"garbage" * 1000)

    status, _, err = run(capsys, "data", "list")
    assert status == 2
    assert str(private_cache / "manifest.sqlite3") in err
    assert "To repair it, run `canemure data import <file>`" in err
    assert_plain(err)

    # other commands still run, without the user cache, and say so
    status, _, err = run(capsys, "baseline", "pohjois-karjala", "--no-plugins")
    assert status == 0, err
    assert "canemure: warning: the user cache is not used" in err

    status, _, err = run(capsys, "data", "import", str(downloads / "kunta_416.csv"))
    assert status == 0, err
    status, out, _ = run(capsys, "data", "list")
    assert status == 0 and "kunta_416.csv" in out and "ok" in out
