"""``canemure roadmap`` and ``canemure compare`` on the shipped Pohjois-Karjala example."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import numpy as np
import pytest
from cli_support import run

from canemure.engine.scenario import example_scenario, write_scenario
from canemure.io.bundled import pohjois_karjala


@pytest.fixture(scope="module")
def expected() -> dict[str, float]:
    """Figures of the example computed through the library (the CLI must print these)."""
    inventory = pohjois_karjala()
    result = example_scenario().to_roadmap(inventory).compute(inventory)
    region = result.to_regions()
    k = result.year_index(2030)
    district_heat = result.measures.index("District heat: peat to wood")
    return {
        "gap": float(region.gaps[0].gap.m[0, k]),
        "total": float(result.total().m[k]),
        "district_heat": float(result.wedge_totals.m[district_heat, k]),
    }


def test_default_runs_the_shipped_example(
    capsys: pytest.CaptureFixture[str], expected: dict[str, float]
) -> None:
    status, out, err = run(capsys, "roadmap", "--no-plugins")
    assert status == 0, err
    assert "pk_ghg_80pct (2030, sourced; within scope)" in out
    assert "Oil heating to ground-source heat pumps*" in out
    assert f"{expected['gap']:,.1f}" in out
    assert f"{expected['total']:,.1f}" in out
    for year in ("2007", "2024", "2030", "2035"):
        assert year in out


def test_json_adds_up_and_carries_the_level(
    capsys: pytest.CaptureFixture[str], expected: dict[str, float]
) -> None:
    status, out, _ = run(capsys, "roadmap", "pohjois-karjala", "--no-plugins", "--format", "json")
    assert status == 0
    data = json.loads(out)
    # HINKU -80 % from 2007 (1686.8 kt) is 1686.8 x 0.2 = 337.36 kt
    assert data["targets"][0]["level"] == pytest.approx(337.36)
    assert data["targets"][0]["gap"] == pytest.approx(expected["gap"])
    wedges = sum(m["wedge"] for m in data["measures"])
    assert wedges == pytest.approx(data["total_reduction"])
    by_name = {m["measure"]: m for m in data["measures"]}
    assert by_name["Electric cars"]["cost"] is None  # not estimated, not zero
    assert all(m["illustrative"] for m in data["measures"])


def test_csv_and_languages(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "roadmap", "--no-plugins", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    sections = {r["section"] for r in rows}
    assert {"trajectory", "level", "gap", "wedge", "cost"} <= sections
    status, out, _ = run(capsys, "roadmap", "--no-plugins", "--lang", "fi")
    assert status == 0
    assert out.startswith("Tiekartta:")
    assert "337,4" in out
    status, out, _ = run(capsys, "roadmap", "--no-plugins", "--lang", "sv")
    assert "Färdplan" in out


def test_scenario_problems_reach_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[scenario]\nname = "x"\narea = "Pohjois-Karjala"\ncolour = 1\n\n[[measure]]\n'
        'name = "m"\nmechanism = "relative"\nsector = "Tie"\nfraction = "12 GWh/a"\nstart = 2025\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "roadmap", "--scenario", str(bad), "--lang", "fi")
    assert status == 2
    assert out == ""
    assert "Skenaariotiedostossa on virheitä" in err
    for where in ("scenario.colour", "measure[1].fraction", "measure[1].source", str(bad)):
        assert where in err


def test_unknown_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "roadmap", "kainuu", "--no-plugins")
    assert status == 2
    assert "--scenario" in err


def test_compare_two_variants(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, expected: dict[str, float]
) -> None:
    full = example_scenario()
    fewer = attrs.evolve(
        full,
        name="without the district-heat switch",
        measures=tuple(m for m in full.measures if m.name != "District heat: peat to wood"),
    )
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(write_scenario(full), encoding="utf-8")
    b.write_text(write_scenario(fewer), encoding="utf-8")
    status, out, err = run(capsys, "compare", str(a), str(b), "--no-plugins", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert data["year"] == 2030
    first, second = data["variants"]
    assert first["difference"] == 0.0
    # the only measure on district heat: without it, Kau is higher by its wedge
    assert second["sectors"]["Kau"] == pytest.approx(expected["district_heat"])
    others = [v for s, v in second["sectors"].items() if s != "Kau"]
    assert np.allclose(others, 0.0, atol=1e-9)
    status, out, _ = run(capsys, "compare", str(a), str(b), "--no-plugins")
    assert status == 0
    assert "Kau" in out
    status, out, _ = run(capsys, "compare", str(a), str(b), "--no-plugins", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["year"] for r in rows} >= {"2007", "2024", "2030", "2035"}
    kau = [r for r in rows if r["variant"] == fewer.name and r["sector"] == "Kau"]
    by_year = {int(r["year"]): float(r["difference"]) for r in kau}
    assert by_year[2024] == 0.0
    assert by_year[2030] == pytest.approx(expected["district_heat"])


@pytest.mark.parametrize("command", ["roadmap", "macc"])
def test_an_area_is_resolved_before_the_example_is_looked_for(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A typo is an unknown area (with suggestions); another name of the region with an
    example finds it; a real area without one is told to write a scenario."""
    status, _, err = run(capsys, command, "Atlantis", "--no-plugins", "--lang", "en")
    assert status == 2
    assert "unknown region or municipality 'Atlantis'" in err and "Lahtis" in err
    assert "no example scenario" not in err
    status, out, err = run(capsys, command, "Norra Karelen", "--no-plugins", "--lang", "en")
    assert status == 0, err
    assert "Pohjois-Karjala" in out
    status, _, err = run(capsys, command, "Uusimaa", "--no-plugins", "--lang", "en")
    assert status == 2
    assert "no example scenario for 'Uusimaa'" in err and "--scenario FILE" in err
