"""Scenario files: the example, every problem at once, and what the engine gets from them."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from canemure.engine import ActivityChange, Compensation, FactorChange
from canemure.engine.scenario import (
    example_scenario,
    read_scenario,
    scenario_from_text,
    write_scenario,
)
from canemure.errors import DataFormatError
from canemure.io.bundled import pohjois_karjala
from canemure.published.factors import read_measure_parameters

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "pohjois-karjala.toml"
PACKAGED = ROOT / "src" / "canemure" / "data" / "scenario_pohjois_karjala.toml"

HEAD = """
[scenario]
name = "test"
area = "Pohjois-Karjala"
end_year = 2030
"""


def test_example_is_shipped_unchanged() -> None:
    assert EXAMPLE.read_bytes() == PACKAGED.read_bytes()
    assert example_scenario() == read_scenario(EXAMPLE)


def test_example_cites_bundled_parameters_by_name_and_line() -> None:
    """Every "name ... (line N" in the example names the parameter on that line."""
    by_line = {f.line: f for f in read_measure_parameters()}
    text = EXAMPLE.read_text(encoding="utf-8")
    # the template defaults are cited in the sources of the measures built from the file
    roadmap = example_scenario().to_roadmap(pohjois_karjala())
    text += "\n".join(m.source for m in roadmap.measures)
    cited = re.findall(
        r'\b([a-z][a-z0-9]*(?:_[A-Za-z0-9]+)+)\b[^;()[\n"]*?\((?:measure_parameters\.csv )?'
        r"lines? (\d+)",
        text,
    )
    assert len(cited) >= 15
    for name, line in cited:
        assert by_line[int(line)].name == name, (name, line)
    grades = re.findall(
        r"\((?:measure_parameters\.csv )?lines? (\d+)[^)]*?, (?:grade )?"
        r"([A-D](?:/[A-D])?|C/B)[,) ]",
        text,
    )
    assert len(grades) >= 15
    for line, grade in grades:
        assert by_line[int(line)].reliability is not None
        assert by_line[int(line)].reliability.replace(" ", "").startswith(grade), (line, grade)


def test_example_labels_every_assumption() -> None:
    scenario = example_scenario()
    for measure in scenario.measures:
        assert measure.source
        if measure.illustrative:
            assert "illustrative" in measure.source
        if measure.costs is not None:
            assert measure.costs.source
    for path in scenario.projection.factor_paths:
        assert "line" in path.source
    assert [t.published for t in scenario.targets] == ["pk_ghg_80pct", "fi-hinku-80"]


def test_example_computes_every_mechanism() -> None:
    inventory = pohjois_karjala()
    roadmap = example_scenario().to_roadmap(inventory)
    kinds = {type(m.mechanism) for m in roadmap.measures}
    assert {ActivityChange, FactorChange, Compensation} <= kinds
    for measure in roadmap.measures:
        assert len(measure.areas) == 13
        if measure.scaled_by and measure.scaled_by.startswith("split"):
            assert sum(measure.scales) == pytest.approx(1.0)
    result = roadmap.compute(inventory)
    k = result.year_index(2030)
    # the wedges add up to the combined reduction
    total = np.nansum(result.reduction.m_as("kt CO2e / a")[:, :, k])
    assert result.wedge_totals.m_as("kt CO2e / a")[:, k].sum() == pytest.approx(total)
    # HINKU's -80 % from 2007 is 337.36 kt for the region
    assert result.to_regions().levels[0].level.m[0] == pytest.approx(337.36)
    # by hand, the template defaults at full effect in 2030 (t CO2e/a):
    # heat pumps: 1500 x 2300 l x 10 kWh/l x 263 g/kWh (oil out)
    #           - 1500 x 2300 l x 10 kWh/l x 0.75 / 3 x 74 g/kWh (electricity in)
    heat_pumps = 1500 * 23000 * 263e-6 - 1500 * 23000 * 0.75 / 3 * 74e-6
    # electric cars: 5000 x 13600 km x (167 g/km - 0.18 kWh/km x 74 g/kWh)
    cars = 5000 * 13600 * (167e-6 - 0.18 * 74e-6)
    wedges = dict(zip(result.measures, result.wedge_totals.m_as("t CO2e / a")[:, k], strict=True))
    assert wedges["Oil heating to ground-source heat pumps"] == pytest.approx(heat_pumps)
    assert wedges["Electric cars"] == pytest.approx(cars)
    assert wedges["Onshore wind (compensation)"] == 0.0  # compensation is no emission cut
    # wind: 30 MW x 0.32 x 1 a (365.25 d) x 74 g/kWh, apart from emissions
    wind = 30e3 * 0.32 * 8766 * 74e-6
    assert float(result.compensation[:, :, k].sum().m_as("t CO2e / a")) == pytest.approx(wind)


def test_round_trip_of_the_example() -> None:
    scenario = example_scenario()
    assert scenario_from_text(write_scenario(scenario)) == scenario


def test_every_problem_is_reported_with_file_table_and_key() -> None:
    text = (
        HEAD
        + """
colour = "blue"

[projection]
method = "log-linear"

[[target]]
published = "no-such-target"

[[target]]
id = "own"
year = 2030
reduction = "50 %"
source = "a study"

[[measure]]
name = "cut"
mechanism = "relative"
sector = "Tie"
fraction = "12 GWh/a"
start = 2025
illustrative = true
source = "made up for the test"

[[measure]]
name = "cut"
mechanism = "absolute"
sector = "Tie"
amount = "3 kt CO2e/a"
start = 2025
typo = 1

[[measure]]
name = "from a template"
template = "heat-pumps"
mechanism = "relative"
sector = "Tie"
fraction = 0.1
start = 2025
source = "s"
"""
    )
    with pytest.raises(DataFormatError) as info:
        scenario_from_text(text, "plan.toml")
    where = {p.column for p in info.value.problems}
    assert {
        "scenario.colour",
        "projection.window",
        "target[1].published",
        "target[2].base_year",
        "measure[1].fraction",
        "measure[2].typo",
        "measure[2].source",
        "measure[3].template",
    } <= where
    assert all(p.file == "plan.toml" for p in info.value.problems)
    lines = text.splitlines()
    for problem in info.value.problems:
        assert problem.line is not None, problem
        key = problem.column.rsplit(".", 1)[-1] if problem.column else ""
        if key in ("colour", "typo", "fraction", "published", "template"):
            assert lines[problem.line - 1].startswith(f"{key} ="), problem
    assert "plan.toml" in str(info.value)
    assert "did you mean" in str(info.value) or "unknown target" in str(info.value)


def test_engine_refusals_are_reported_with_the_table() -> None:
    text = (
        HEAD
        + """
[[measure]]
name = "too much"
mechanism = "relative"
sector = "Tie"
fraction = "120 %"
start = 2025
source = "s"

[[measure]]
name = "backwards"
mechanism = "absolute"
sector = "Tie"
amount = "1 kt CO2e/a"
start = 2030
full = 2025
source = "s"
"""
    )
    with pytest.raises(DataFormatError) as info:
        scenario_from_text(text, "f.toml")
    assert [p.column for p in info.value.problems] == ["measure[1]", "measure[2]"]


def test_areas_and_splits_are_checked_against_the_inventory() -> None:
    text = (
        HEAD
        + """
[[measure]]
name = "elsewhere"
mechanism = "absolute"
sector = "Tie"
amount = "1 kt CO2e/a"
start = 2025
areas = ["091"]
source = "s"

[[measure]]
name = "unsplit"
mechanism = "absolute"
sector = "Tie"
amount = "1 kt CO2e/a"
start = 2025
source = "s"
"""
    )
    scenario = scenario_from_text(text, "f.toml")
    with pytest.raises(DataFormatError) as info:
        scenario.to_roadmap(pohjois_karjala())
    assert [p.column for p in info.value.problems] == ["measure[1].areas", "measure[2].split"]


def test_split_by_population_and_each() -> None:
    text = (
        HEAD
        + """
[[measure]]
name = "by population"
mechanism = "absolute"
sector = "Tie"
amount = "13 kt CO2e/a"
start = 2025
split = "population"
source = "s"

[[measure]]
name = "each"
mechanism = "absolute"
sector = "Tie"
amount = "1 kt CO2e/a"
start = 2025
areas = ["Joensuu", "090"]
split = "each"
source = "s"
"""
    )
    inventory = pohjois_karjala()
    roadmap = scenario_from_text(text).to_roadmap(inventory)
    population, each = roadmap.measures
    assert sum(population.scales) == pytest.approx(1.0)
    joensuu = population.scales[population.areas.index("167")]
    assert joensuu == max(population.scales)
    assert each.scales == (1.0, 1.0)
    assert each.areas == ("167", "090")  # names are read as codes


def test_key_lines_follow_nested_array_tables() -> None:
    from canemure.engine.scenario import key_lines

    text = """top = 1
[scenario]
name = "x"
[[measure]]
name = "a"
[measure.costs]
investment = "1 EUR"
[[measure.costs.savings]]
energy = "1 MWh/a"
[[measure]]
name = "b"
[[measure.costs.savings]]
price = "2 EUR/MWh"
[[measure.costs.savings]]
energy = "3 MWh/a"
"""
    lines = key_lines(text)
    assert lines["top"] == 1
    assert lines["scenario.name"] == 3
    assert lines["measure[1].name"] == 5
    assert lines["measure[1].costs.investment"] == 7
    assert lines["measure[1].costs.savings[1].energy"] == 9
    assert lines["measure[2].name"] == 11
    assert lines["measure[2].costs.savings[1].price"] == 13
    assert lines["measure[2].costs.savings[2].energy"] == 15


def test_log_linear_projection_from_a_scenario() -> None:
    text = (
        HEAD
        + """
[projection]
method = "log-linear"
window = [2015, 2024]

[[target]]
id = "own level"
year = 2030
level = "500 kt CO2e/a"
illustrative = true
source = "a round figure for the test"
pathway = "level"
"""
    )
    inventory = pohjois_karjala()
    result = scenario_from_text(text).to_roadmap(inventory).compute(inventory)
    source = result.baseline.sources["167"][-1]
    assert "log-linear trend" in source.title
    # the region's own level: 500 kt for the region, which has no per-municipality split
    region = result.to_regions()
    assert region.trajectory.areas.labels == ("12",)
    assert not np.isnan(region.total().m).any()
    # an absolute level of the area is compared with the area's total, never split
    (gap,) = result.gaps
    assert gap.areas == ("12",)
    k = result.year_index(2030)
    assert gap.difference.m[0, k] == pytest.approx(result.total().m[k] - 500.0)
    assert region.gaps[0] is gap  # a total already: the roll-up keeps it
    assert "own level" in region.scope_labels[0]
