"""``canemure data download`` and ``canemure baseline --download``, against a local SYKE site.

The server on 127.0.0.1 serves files in SYKE's real layout (``Tulokset_taso_5/kunta_<n>.csv``);
no test reaches the internet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import run
from fake_syke import FakeSyke, connect_directly, serve_fake_syke, syke_csv_text

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
    return ["--base-url", site.url, "--timeout", "2", "--retries", "0"]


def test_download_a_region_then_use_it(
    capsys: pytest.CaptureFixture[str], site: FakeSyke, private_cache: Path
) -> None:
    status, out, _ = run(capsys, "data", "download", "etelä-karjala", *options(site))
    assert status == 0
    assert "Lemi (416): downloaded -> " in out
    assert "9 downloaded, 0 already cached, 0 failed" in out
    assert sorted(site.hits) == sorted(
        f"Tulokset_taso_5/kunta_{int(code)}.csv" for code in ETELA_KARJALA
    )
    assert len(Cache(private_cache).entries()) == 9

    status, out, _ = run(capsys, "data", "download", "lemi", *options(site))
    assert status == 0 and "Lemi (416): cached" in out
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
    lemi = next(line for line in out.splitlines() if line.startswith("  Lemi (416)"))
    assert "FAILED" in lemi and "kunta_416.csv" in lemi
    assert "column 'kt_tuuli': required column is missing" in out
    imatra = next(line for line in out.splitlines() if line.startswith("  Imatra (153)"))
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
    assert out.splitlines()[0] == "sector_key,Sector,year,value,unit,status"


def test_offline_mode_explains_how_to_get_the_data(
    capsys: pytest.CaptureFixture[str], site: FakeSyke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    status, out, _ = run(capsys, "data", "download", "lemi", *options(site))
    assert status == 1
    assert "offline mode is on" in out and "canemure data import" in out
    assert not site.hits


def test_unknown_area_is_a_usage_error(capsys: pytest.CaptureFixture[str], site: FakeSyke) -> None:
    status, _, err = run(capsys, "data", "download", "Lemmi", *options(site))
    assert status == 2 and "Lemi" in err
    assert not site.hits
