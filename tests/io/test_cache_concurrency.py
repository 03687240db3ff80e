"""The cache with several writer processes at once, and with writers killed (SIGKILL) mid-write.

Real processes, not threads: each child runs ``python -c`` on the cache of the test. Children
wait for a start signal so that their writes overlap; no test depends on timing to pass.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from canemure.io.cache import Cache, Recovery

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL and process ids")

WRITERS = 6
FILES_EACH = 5
TIMEOUT = 60  # seconds; only a hung child would ever reach it


def files_on_disk(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith("manifest.")
    )


def assert_consistent(cache: Cache) -> None:
    """Every file on disk is recorded and matches its record, and nothing else is there."""
    entries = cache.entries()
    assert files_on_disk(cache.root) == [e.path for e in entries]
    for entry in entries:
        assert cache.verify(entry.path), entry.path


STORE_MANY = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from canemure.io.cache import Cache

    root, writer, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    cache = Cache(root)
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        data = f"writer {writer} file {i}\\n".encode() * 200
        cache.store_bytes(f"syke/w{writer}/f{i}.csv", data, source=f"w{writer}", kind="import")
        # every writer also rewrites one shared file: the last one wins, whole
        cache.store_bytes("syke/shared.csv", data, source=f"w{writer}", kind="import")
    """
)


def test_concurrent_writers_lose_no_entry(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", STORE_MANY, str(root), str(w), str(FILES_EACH), str(go)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    go.touch()
    for child in children:
        _, err = child.communicate(timeout=TIMEOUT)
        assert child.returncode == 0, err

    cache = Cache(root)
    expected = sorted(
        [f"syke/w{w}/f{i}.csv" for w in range(WRITERS) for i in range(FILES_EACH)]
        + ["syke/shared.csv"]
    )
    assert [e.path for e in cache.entries()] == expected
    for w in range(WRITERS):
        for i in range(FILES_EACH):
            data = f"writer {w} file {i}\n".encode() * 200
            assert cache.path_for(f"syke/w{w}/f{i}.csv").read_bytes() == data
    assert_consistent(cache)
    shared = cache.entry("syke/shared.csv")
    assert shared is not None and shared.source.startswith("w")
    assert not list(root.rglob("*.part"))


# A child that stores one file and stops for good at a chosen point, holding whatever it holds.
STOP_AT = textwrap.dedent(
    """
    import os, sys, time
    import canemure.io.cache as cache_module
    from canemure.io.cache import Cache, CacheWriter

    root, point = sys.argv[1], sys.argv[2]

    def stop(*args, **kwargs):
        print("stopped", flush=True)
        time.sleep(600)

    if point == "writing":
        real_write = CacheWriter.write
        def write(self, data):
            real_write(self, data[: len(data) // 2])
            self._handle.flush()
            stop()
        CacheWriter.write = write
    elif point == "intent":
        os.replace = stop
    elif point == "placed":
        cache_module._fsync_dir = stop
    Cache(root).store_bytes("syke/target.csv", b"NEW " * 5000, source="new", kind="import")
    """
)


def start_and_stop(root: Path, point: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", STOP_AT, str(root), point],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "stopped":
        child.kill()
        _, err = child.communicate(timeout=TIMEOUT)
        pytest.fail(f"child did not reach {point!r}: {err}")
    return child


def kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=TIMEOUT)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    ("point", "kept"),
    [
        ("writing", b"OLD " * 10),  # half a .part file: dropped
        ("intent", b"OLD " * 10),  # whole .part file and its intent: dropped
        ("placed", b"NEW " * 5000),  # file in place, record not committed: finished
    ],
)
def test_kill_9_mid_write_leaves_a_consistent_cache(
    tmp_path: Path, point: str, kept: bytes
) -> None:
    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/target.csv", b"OLD " * 10, source="old", kind="import")
    cache.store_bytes("syke/other.csv", b"other", source="other", kind="import")

    child = start_and_stop(cache.root, point)
    # while the writer lives, nobody cleans up after it
    if point != "placed":  # "placed" holds the manifest's write lock: readers still read
        assert Cache(cache.root).recover().discarded == ()
        assert list(cache.root.rglob("*.part"))
    assert cache.verify("syke/other.csv")
    kill(child)

    after = Cache(cache.root)
    after.store_bytes("syke/third.csv", b"third", source="third", kind="import")  # recovers
    assert_consistent(after)
    assert not list(after.root.rglob("*.part"))
    assert after.path_for("syke/target.csv").read_bytes() == kept
    entry = after.entry("syke/target.csv")
    assert entry is not None
    assert entry.sha256 == hashlib.sha256(kept).hexdigest()
    assert entry.source == ("new" if point == "placed" else "old")
    assert {e.path for e in after.entries()} == {
        "syke/target.csv",
        "syke/other.csv",
        "syke/third.csv",
    }


def test_a_reader_finishes_a_dead_writers_record(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/target.csv", b"OLD", source="old", kind="import")
    kill(start_and_stop(cache.root, "placed"))
    reader = Cache(cache.root)  # reads only: the first read finishes the dead writer's record
    assert reader.verify("syke/target.csv")
    assert reader.path_for("syke/target.csv").read_bytes() == b"NEW " * 5000


def test_recover_removes_stale_parts_of_dead_processes_only(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/a.csv", b"a", source="s", kind="import")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    left = cache.root / "syke" / f".a.csv.{dead_pid}.0badc0de.part"
    mine = cache.root / "syke" / f".b.csv.{os.getpid()}.00c0ffee.part"
    unrelated = cache.root / "syke" / ".notes.part"
    for path in (left, mine, unrelated):
        path.write_bytes(b"half")
    recovery = cache.recover()
    assert recovery.discarded == (f"syke/{left.name}",)
    assert not left.exists() and mine.exists() and unrelated.exists()


def test_an_intent_older_than_a_day_is_abandoned_even_if_its_pid_lives(tmp_path: Path) -> None:
    """Process ids are reused: a day-old intent of a live pid is cleaned up all the same."""
    import sqlite3

    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/a.csv", b"a", source="s", kind="import")
    part = cache.root / "syke" / f".b.csv.{os.getpid()}.0badc0de.part"
    part.write_bytes(b"half")
    with sqlite3.connect(cache.manifest_path) as conn:
        conn.execute(
            "INSERT INTO pending VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f"syke/{part.name}",
                "syke/b.csv",
                "s",
                "0" * 64,
                4,
                "2020-01-01T00:00:00Z",
                "import",
                os.getpid(),
            ),
        )
    conn.close()
    recovery = Cache(cache.root).recover(sweep=False)
    assert recovery == Recovery(finished=(), discarded=(f"syke/{part.name}",))
    assert not part.exists()
    assert [e.path for e in cache.entries()] == ["syke/a.csv"]
