"""``canemure macc`` on the shipped Pohjois-Karjala scenario: the curve, its formats, its chart."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cli_support import run

from canemure.engine.scenario import example_scenario
from canemure.io.bundled import pohjois_karjala

HEAT_PUMPS = "Oil heating to ground-source heat pumps"
NO_COSTS = ("District heat: peat to wood", "Electric cars", "Onshore wind (compensation)")


@pytest.fixture(scope="module")
def library() -> dict[str, Any]:
    """What the library computes for the example (the command must print these)."""
    inventory = pohjois_karjala()
    roadmap = example_scenario().to_roadmap(inventory)
    result = roadmap.compute(inventory)
    k = result.year_index(2030)
    heat = next(m for m in roadmap.measures if m.name == HEAT_PUMPS)
    return {
        "reduction": float(np.nansum(result.reduction.m_as("kt CO2e / a")[:, :, k])),
        "heat_cost": float(heat.annualised_cost().m_as("EUR / a")),
    }


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    status, out, err = run(capsys, "macc", "--no-plugins", "--format", "json", *args)
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_the_curve_adds_up_to_the_roadmap_reduction(
    capsys: pytest.CaptureFixture[str], library: dict[str, Any]
) -> None:
    data = _json(capsys)
    assert data["year"] == 2030  # the first target year
    measures = data["measures"]
    assert [m["measure"] for m in measures] == [HEAT_PUMPS, *NO_COSTS]  # priced first
    # each step is what the measure adds after those before it: the steps add up to the
    # reduction of all measures together, as the roadmap computes it
    total = sum(m["abatement"] for m in measures)
    assert total == pytest.approx(library["reduction"], abs=0.005)
    assert measures[-1]["cumulative_abatement"] == pytest.approx(total, abs=0.002)
    running = np.cumsum([m["abatement"] for m in measures])
    assert [m["cumulative_abatement"] for m in measures] == pytest.approx(running, abs=0.002)


def test_costs_by_hand_and_not_estimated_is_null_never_zero(
    capsys: pytest.CaptureFixture[str], library: dict[str, Any]
) -> None:
    by_name = {m["measure"]: m for m in _json(capsys)["measures"]}
    heat = by_name[HEAT_PUMPS]
    assert heat["cost_estimated"] is True
    assert heat["annualised_cost"] == round(library["heat_cost"])
    # EUR/a over t/a: the abatement is in kt, so x 1000
    assert heat["cost_per_tonne"] == pytest.approx(
        library["heat_cost"] / (heat["abatement"] * 1000), abs=0.1
    )
    assert heat["cost_per_tonne"] < 0  # the heat pumps save more than they cost
    for name in NO_COSTS:
        assert by_name[name]["annualised_cost"] is None
        assert by_name[name]["cost_per_tonne"] is None
        assert by_name[name]["cost_estimated"] is False
    wind = by_name["Onshore wind (compensation)"]
    assert wind["compensation"] is True and wind["abatement"] == 0.0  # abates nothing


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_table_says_not_estimated_and_fits_100_columns(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    status, out, _ = run(capsys, "macc", "--no-plugins", "--lang", lang)
    assert status == 0
    assert all(len(line) <= 100 for line in out.splitlines())
    not_estimated = {"fi": "ei arvioitu", "sv": "ej uppskattad", "en": "not estimated"}[lang]
    rows = {line.split("*")[0]: line for line in out.splitlines() if "*" in line[:50]}
    for name in NO_COSTS:
        assert rows[name].rstrip().endswith(not_estimated)
    assert not rows[HEAT_PUMPS].rstrip().endswith(not_estimated)
    title = {"fi": "Rajakustannuskäyrä", "sv": "Marginalkostnadskurva", "en": "Marginal abatement"}
    assert out.startswith(title[lang])


def test_csv_has_headers_in_the_language_and_empty_cells_for_not_estimated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "macc", "--no-plugins", "--format", "csv", "--lang", "fi")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["aluekoodi"] == "12" and rows[0]["laskentatapa"] == "hinku"
    per_tonne = "Kustannus tonnia kohden (EUR/t CO2e)"
    assert [r["Toimenpide"] for r in rows] == [HEAT_PUMPS, *NO_COSTS]
    assert float(rows[0][per_tonne]) < 0
    assert [r[per_tonne] for r in rows[1:]] == ["", "", ""]  # empty, never 0
    assert rows[0]["Tila"] == "suunniteltu"


def test_another_year_and_a_year_outside_the_roadmap(capsys: pytest.CaptureFixture[str]) -> None:
    later = _json(capsys, "--year", "2035")
    assert later["year"] == 2035
    status, _, err = run(capsys, "macc", "--no-plugins", "--year", "1800")
    assert status == 2
    assert "1800 is not a year of this roadmap" in err


def test_chart_draws_the_measures_with_a_cost_and_names_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "macc.svg"
    status, out, err = run(capsys, "macc", "--no-plugins", "--chart", str(chart))
    assert status == 0
    svg = chart.read_text(encoding="utf-8")
    assert f'id="measure:{HEAT_PUMPS}"' in svg  # one bar, for the only measure with a cost
    assert svg.count('id="measure:') == 1
    assert "Cost (€/t CO2e)" in svg and "Abatement (kt CO2e/a)" in svg
    assert f"chart written: {chart}" in err
    assert "Not on the chart (cost or abatement not estimated): " + ", ".join(NO_COSTS) in err
    assert HEAT_PUMPS in out  # the table is still printed


def test_a_chart_that_is_not_svg_or_png_is_refused_before_the_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "macc", "--no-plugins", "--chart", str(tmp_path / "c.pdf"))
    assert status == 2 and out == ""
    assert "--chart: the chart file must end in .svg or .png, not '.pdf'" in err
    assert not (tmp_path / "c.pdf").exists()


def test_help_has_description_defaults_and_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "macc", "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "marginal abatement cost curve in one year" in " ".join(out.split())
    assert "(default: pohjois-karjala)" in "".join(out.split("\n" + " " * 24))
    assert "example:\n  canemure macc pohjois-karjala --chart macc.svg --lang fi" in out
    assert "xlsx" in out and "-o FILE" in out


def test_a_bad_scenario_file_is_reported_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\narea = "Pohjois-Karjala"\nend_year = "soon"\n')
    status, out, err = run(capsys, "macc", "--scenario", str(bad), "--no-plugins")
    assert status == 2 and out == ""
    assert "bad.toml" in err and "end_year" in err


def test_nan_never_reaches_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "macc", "--no-plugins", "--format", "json")
    assert status == 0 and "NaN" not in out
    assert not any(
        isinstance(v, float) and not math.isfinite(v)
        for m in json.loads(out)["measures"]
        for v in m.values()
    )
