"""``canemure data download`` and ``canemure baseline --download``, against a local SYKE site.

The server on 127.0.0.1 serves files in SYKE's real layout (``Tulokset_taso_5/kunta_<n>.csv``);
no test reaches the internet.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from cli_support import run
from fake_syke import FakeSyke, connect_directly, drip, hang, send, serve_fake_syke, syke_csv_text

from canemure.io.cache import Cache

# Etelä-Karjala's nine municipalities; Lemi (416) and Lappeenranta (405) are published.
ETELA_KARJALA = ("153", "405", "416", "441", "580", "689", "700", "739", "831")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    connect_directly(monkeypatch)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def site(tmp_path: Path) -> Iterator[FakeSyke]:
    with serve_fake_syke(tmp_path / "site") as fake:
        for code in ETELA_KARJALA:
            text = syke_csv_text([2007, 2024])
            fake.add_file(f"Tulokset_taso_5/kunta_{int(code)}.csv", text.encode())
        yield fake


def options(site: FakeSyke) -> list[str]:
    return ["--base-url", site.url, "--timeout", "10", "--retries", "0"]


def test_download_a_region_then_use_it(
    capsys: pytest.CaptureFixture[str], site: FakeSyke, private_cache: Path
) -> None:
    status, out, err = run(capsys, "data", "download", "etelä-karjala", *options(site))
    assert status == 0
    assert "Lemi (416): downloaded -> " in err  # each file on stderr as it finishes
    assert "9 downloaded, 0 already cached, 0 failed" in out
    assert sorted(site.hits) == sorted(
        f"Tulokset_taso_5/kunta_{int(code)}.csv" for code in ETELA_KARJALA
    )
    assert len(Cache(private_cache).entries()) == 9

    status, out, err = run(capsys, "data", "download", "lemi", *options(site))
    assert status == 0 and "Lemi (416): cached" in err
    assert site.hits["Tulokset_taso_5/kunta_416.csv"] == 1  # not fetched again

    status, out, _ = run(capsys, "baseline", "south karelia", "--no-plugins", "--format", "json")
    assert status == 0
    data = json.loads(out)
    # every HINKU leaf is 0.5 kt: 81 leaves x 9 municipalities = 364.5 kt
    assert data["total"]["values"] == {"2007": 364.5, "2024": 364.5}
    assert data["gaps"] == [] and data["missing_municipalities"] == []


def test_a_failing_file_is_reported_and_the_others_kept(
    capsys: pytest.CaptureFixture[str], site: FakeSyke, private_cache: Path
) -> None:
    site.add_file("Tulokset_taso_5/kunta_416.csv", b"kt;vuosi\n1,0;2024\n")  # wrong layout
    (site.root / "Tulokset_taso_5/kunta_153.csv").unlink()  # 404
    status, out, err = run(capsys, "data", "download", "etela-karjala", *options(site))
    assert status == 1
    lemi = next(line for line in err.splitlines() if line.startswith("  Lemi (416)"))
    assert "FAILED" in lemi and "kunta_416.csv" in lemi
    assert "column 'kt_tuuli': required column is missing" in err
    imatra = next(line for line in err.splitlines() if line.startswith("  Imatra (153)"))
    assert "FAILED" in imatra and "HTTP 404" in imatra
    assert "7 downloaded, 0 already cached, 2 failed" in out
    assert "2 file(s) could not be fetched" in err
    stored = {e.path for e in Cache(private_cache).entries()}
    assert len(stored) == 7 and "syke/Tulokset_taso_5/kunta_416.csv" not in stored
    assert not (private_cache / "syke/Tulokset_taso_5/kunta_416.csv").exists()


def test_baseline_download_keeps_stdout_for_the_report(
    capsys: pytest.CaptureFixture[str], site: FakeSyke
) -> None:
    status, out, err = run(
        capsys, "baseline", "lemi", "--no-plugins", "--download", *options(site), "--format", "csv"
    )
    assert status == 0
    assert "Lemi (416): downloaded" in err
    assert out.splitlines()[0] == "area_code,area,rule,sector_key,sector,year,value,unit,status"


def test_offline_mode_explains_how_to_get_the_data(
    capsys: pytest.CaptureFixture[str], site: FakeSyke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    status, _, err = run(capsys, "data", "download", "lemi", *options(site))
    assert status == 1
    assert "offline mode is on" in err and "canemure data import" in err
    assert not site.hits


def test_unknown_area_is_a_usage_error(capsys: pytest.CaptureFixture[str], site: FakeSyke) -> None:
    status, _, err = run(capsys, "data", "download", "Lemmi", *options(site))
    assert status == 2 and "Lemi" in err
    assert not site.hits


def test_baseline_download_fails_when_every_download_failed(
    capsys: pytest.CaptureFixture[str], site: FakeSyke
) -> None:
    for code in ETELA_KARJALA:
        (site.root / f"Tulokset_taso_5/kunta_{int(code)}.csv").unlink()
    site.routes["Tulokset_taso_5/kunta_416.csv"] = lambda handler, hit: handler.send_error(503)
    status, out, err = run(
        capsys, "baseline", "etelä-karjala", "--no-plugins", "--download", *options(site)
    )
    assert status == 1
    assert out == ""  # no report
    failures = [line for line in err.splitlines() if ": FAILED: " in line]
    assert len(failures) == len(ETELA_KARJALA)  # each failure reported
    assert any("Lemi (416)" in line and "HTTP 503" in line for line in failures)
    assert "0 downloaded, 0 already cached, 9 failed" in err
    assert "every download for" in err and "canemure data import" in err


def test_baseline_download_goes_on_when_some_files_arrived(
    capsys: pytest.CaptureFixture[str], site: FakeSyke
) -> None:
    (site.root / "Tulokset_taso_5/kunta_153.csv").unlink()
    status, out, err = run(
        capsys, "baseline", "etelä-karjala", "--no-plugins", "--download", *options(site)
    )
    assert status == 0
    assert "8 downloaded, 0 already cached, 1 failed" in err
    assert "Imatra" in out  # the report names the missing municipality


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--timeout", "0", "must be a positive number of seconds"),
        ("--timeout", "-1", "must be a positive number of seconds"),
        ("--timeout", "nan", "must be a positive number of seconds"),
        ("--timeout", "soon", "not a number of seconds"),
        ("--deadline", "0", "must be a positive number of seconds"),
        ("--jobs", "0", "must be at least 1"),
        ("--retries", "-1", "must be at least 0"),
    ],
)
@pytest.mark.parametrize("command", [["data", "download", "lemi"], ["baseline", "lemi"]])
def test_bad_download_options_are_refused(
    capsys: pytest.CaptureFixture[str], command: list[str], option: str, value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as info:
        run(capsys, *command, "--base-url", "http://127.0.0.1:9/", f"{option}={value}")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: {message}" in err


def test_a_region_downloads_several_files_at_once(
    capsys: pytest.CaptureFixture[str], site: FakeSyke
) -> None:
    """Three requests must be in flight together, or the barrier breaks and they fail."""
    together = threading.Barrier(3, timeout=30)
    codes = ETELA_KARJALA[:3]

    def meet(handler: BaseHTTPRequestHandler, hit: int) -> None:
        try:
            together.wait()
        except threading.BrokenBarrierError:
            handler.send_error(503)
            return
        send(handler, syke_csv_text([2007, 2024]).encode())

    for code in codes:
        site.routes[f"Tulokset_taso_5/kunta_{int(code)}.csv"] = meet
    areas = [str(code) for code in codes]
    status, out, err = run(capsys, "data", "download", *areas, *options(site), "--jobs", "3")
    assert status == 0, err
    assert "3 downloaded, 0 already cached, 0 failed" in out


def test_each_file_is_reported_as_it_finishes(
    capsys: pytest.CaptureFixture[str], site: FakeSyke
) -> None:
    """Imatra (153, first by code) is answered only after every other file was asked for."""
    others_asked = threading.Event()
    others = [f"Tulokset_taso_5/kunta_{int(c)}.csv" for c in ETELA_KARJALA[1:]]

    def late(handler: BaseHTTPRequestHandler, hit: int) -> None:
        others_asked.wait(timeout=30)
        send(handler, syke_csv_text([2007, 2024]).encode())

    def counted(path: str) -> object:
        def serve(handler: BaseHTTPRequestHandler, hit: int) -> None:
            if all(site.hits[o] for o in others):
                others_asked.set()
            send(handler, (site.root / path).read_bytes())

        return serve

    site.routes["Tulokset_taso_5/kunta_153.csv"] = late
    for path in others:
        site.routes[path] = counted(path)  # type: ignore[assignment]
    status, _, err = run(capsys, "data", "download", "etelä-karjala", *options(site))
    assert status == 0, err
    lines = [line.strip() for line in err.splitlines() if ": downloaded -> " in line]
    assert len(lines) == 9
    # when the last other file was asked for, at most 3 (of 4 workers) were in flight: at least
    # five other files had finished, and were reported, before Imatra
    assert [line.startswith("Imatra (153)") for line in lines].index(True) >= 5


def test_a_hanging_region_costs_one_timeout_per_batch(
    capsys: pytest.CaptureFixture[str], site: FakeSyke
) -> None:
    for code in ETELA_KARJALA:
        site.routes[f"Tulokset_taso_5/kunta_{int(code)}.csv"] = hang(site)
    status, _, err = run(
        capsys,
        "data",
        "download",
        "etelä-karjala",
        "--base-url",
        site.url,
        "--timeout",
        "0.3",
        "--retries",
        "0",
        "--jobs",
        "9",
    )
    assert status == 1
    assert err.count("timed out") == 9


def test_ctrl_c_cancels_the_files_in_flight(
    capsys: pytest.CaptureFixture[str],
    site: FakeSyke,
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C while the first outcome is reported: the others, still trickling in, stop."""
    import canemure.cli.data as data_cli

    for code in ETELA_KARJALA:
        if code != "416":
            path = f"Tulokset_taso_5/kunta_{int(code)}.csv"
            site.routes[path] = drip(site, (site.root / path).read_bytes(), interval=0.02)

    def interrupt(outcome: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(data_cli, "outcome_line", interrupt)
    status, _, err = run(capsys, "data", "download", "etelä-karjala", *options(site), "--jobs", "9")
    assert status == 130
    assert "interrupted (Ctrl-C)" in err and "partial downloads were removed" in err
    for thread in threading.enumerate():
        if thread.name.startswith("canemure-fetch"):
            thread.join(timeout=10)  # each stops at its next read
            assert not thread.is_alive()
    assert [e.path for e in Cache(private_cache).entries()] == [
        "syke/Tulokset_taso_5/kunta_416.csv"
    ]
    assert not list(private_cache.rglob("*.part"))
