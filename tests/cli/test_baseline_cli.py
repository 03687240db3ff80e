"""The ``canemure`` command line: baseline on bundled data, data import, errors.

Hand-checked figures (bundled Pohjois-Karjala HINKU inventory, region code 12):
the region's 2007 total is 1686.8 kt and its 2024 total 937.2 kt (sum of the 13 municipalities'
13 sectors); population 170 896 (2007) and 162 091 (2024); so 1686.8 / 170 896 * 1000 =
9.870 t per resident, 937.2 / 162 091 * 1000 = 5.782 t, and the change is
(937.2 - 1686.8) / 1686.8 = -44.44 %.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from fake_syke import write_syke_csv

from canemure.sectors import ALL, HINKU


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    return cache


def test_region_baseline_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "baseline", "pohjois-karjala", "--no-plugins")
    assert status == 0
    assert "North Karelia (13 municipalities)" in out
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert "1,686.8" in total and "937.2" in total and "−44.4 %" in total
    per_resident = next(line for line in out.splitlines() if line.startswith("Per resident"))
    assert "9.87" in per_resident and "5.78" in per_resident
    assert "Coverage: every figure estimated by SYKE" in out
    assert "Suomen ympäristökeskus SYKE" in out


def test_names_in_any_language_and_case(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = [
        run(capsys, "baseline", name, "--no-plugins", "--format", "json")[1]
        for name in ("POHJOIS-KARJALA", "Norra Karelen", "north karelia", "12")
    ]
    assert all(o == outputs[0] for o in outputs)


def test_json_values_and_latest_year(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "baseline", "Kontiolax", "--no-plugins", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["area"]["code"] == "276"
    assert data["years"] == [2007, 2024]
    total = data["total"]["values"]
    sectors = data["sectors"]
    for year in ("2007", "2024"):
        assert total[year] == pytest.approx(sum(s["values"][year] for s in sectors))
    per_resident = data["per_resident"]["values"]["2024"]
    # stated to the kilogram (three decimals), from the total stated to 0.1 kt
    assert per_resident == round(per_resident, 3)
    assert per_resident == pytest.approx(
        total["2024"] * 1000 / data["population"]["2024"], abs=1e-3
    )


def test_finnish_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "baseline", "pohjois-karjala", "--no-plugins", "--lang", "fi")
    assert "Yhteensä" in out and "1\u00a0686,8" in out and "13 kuntaa" in out
    _, out, _ = run(
        capsys,
        "baseline",
        "pohjois-karjala",
        "--no-plugins",
        "--format",
        "csv",
        "--years",
        "2005-2007",
    )
    rows = out.splitlines()
    assert rows[0] == "area_code,area,rule,sector_key,sector,year,value,unit,status"
    assert sum(1 for r in rows if r.startswith("12,North Karelia,hinku,total,")) == 3


def test_unknown_area_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "baseline", "Pohjois-Karjla", "--no-plugins")
    assert status == 2
    assert "did you mean 'Pohjois-Karjala'" in err


def test_year_without_figures(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "baseline", "joensuu", "--no-plugins", "--years", "2030")
    assert status == 2
    assert "2030" in err and "1990-2024" in err


def test_rule_without_data_says_how_to_get_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "baseline", "joensuu", "--no-plugins", "--rules", "all")
    assert status == 3  # missing data
    assert "canemure data import" in err


def test_import_then_baseline_uses_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    write_syke_csv(downloads / "kunta_405.csv", [2007, 2024])
    status, out, _ = run(capsys, "data", "import", str(downloads))
    assert status == 0 and "1 file(s) stored" in out

    status, out, _ = run(capsys, "baseline", "lappeenranta", "--no-plugins", "--format", "json")
    assert status == 0
    data = json.loads(out)
    # every HINKU leaf is 0.5 kt: 81 leaves -> 40.5 kt; ALL counts 90 leaves -> 45 kt
    assert len(HINKU.leaves()) == 81 and len(ALL.leaves()) == 90
    assert data["total"]["values"] == {"2007": 40.5, "2024": 40.5}
    assert data["sources"][0]["source_id"] == "syke-csv:405"
    _, out, _ = run(capsys, "baseline", "405", "--no-plugins", "--rules", "all", "--format", "json")
    assert json.loads(out)["total"]["values"]["2024"] == 45.0

    # Etelä-Karjala: one of nine municipalities known -> regional figures not estimated
    status, out, _ = run(capsys, "baseline", "south karelia", "--no-plugins")
    assert status == 0
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert "not estimated" in total
    assert "Municipalities without data: Imatra (153)" in out


def test_bad_import_stores_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, private_cache: Path
) -> None:
    good = write_syke_csv(tmp_path / "kunta_405.csv", [2024])
    bad = write_syke_csv(tmp_path / "kunta_153.csv", [2024], value="x")
    status, _, err = run(capsys, "data", "import", str(good), str(bad))
    assert status == 2
    assert "kunta_153.csv" in err and "'x'" in err
    assert not (private_cache / "syke").exists()
    status, out, _ = run(capsys, "data", "list")
    assert status == 0 and "holds no SYKE files" in out
