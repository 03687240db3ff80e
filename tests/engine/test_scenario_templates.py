"""Scenario measures built from catalogue templates: inputs, defaults, problems, costs."""

from __future__ import annotations

import numpy as np
import pytest

from canemure.engine.catalogue import TEMPLATES, template
from canemure.engine.measures import ActivityChange, RelativeCut
from canemure.engine.ramp import Ramp
from canemure.engine.scenario import _MEASURE_KEYS, scenario_from_text, write_scenario
from canemure.errors import DataFormatError
from canemure.io.bundled import pohjois_karjala
from canemure.units import Q_

HEAD = """
[scenario]
name = "test"
area = "Pohjois-Karjala"
end_year = 2030
"""

HEAT_PUMPS = """
[[measure]]
name = "heat pumps"
template = "oil-to-ground-source-heat-pump"
houses = 200
estimate = "high"
operating_per_house = "-100 EUR/a"
cop = "3.2"
start = 2025
full = 2030
lifetime = 20
areas = ["Joensuu"]
source = "a municipal plan"
"""


def test_no_template_input_is_called_like_a_measure_key() -> None:
    for found in TEMPLATES.values():
        clash = {p.name for p in found.parameters} & (_MEASURE_KEYS | {"estimate", "sectors"})
        assert not clash, (found.key, clash)


def test_a_template_measure_is_the_catalogue_measure() -> None:
    scenario = scenario_from_text(HEAD + HEAT_PUMPS, "plan.toml")
    spec = scenario.measures[0]
    assert spec.template == "oil-to-ground-source-heat-pump"
    assert spec.mechanism == "template"
    inventory = pohjois_karjala()
    (measure,) = scenario.to_roadmap(inventory).measures
    direct = template("oil-to-ground-source-heat-pump").measure(
        "heat pumps",
        "167",
        Ramp(2025, 2030, lifetime=20),
        source="a municipal plan",
        estimate="high",
        houses=200,
        operating_per_house=Q_(-100, "EUR / a"),
        cop=3.2,
    )
    assert measure.mechanism == direct.mechanism
    assert measure.costs == direct.costs
    assert measure.source == direct.source
    assert measure.areas == ("167",)
    # the source names the template, the given values and every default's citation
    assert "catalogue template 'oil-to-ground-source-heat-pump'" in measure.source
    assert "houses = 200 [given]" in measure.source
    assert "measure_parameters.csv line 35, grade B), high end" in measure.source
    # by hand: 200 houses x 2300 l x 10 kWh/l x 263 g/kWh removed from oil heating
    assert isinstance(measure.mechanism, ActivityChange)
    removed = measure.mechanism.terms[0]
    assert removed.sector == "Ölj"
    oil = (removed.activity * removed.factor).m_as("t CO2e / a")
    assert oil == pytest.approx(-200 * 23000 * 263e-6)
    assert measure.costs is not None
    assert measure.costs.investment.m_as("EUR") == pytest.approx(200 * 20000)


def test_every_template_problem_is_reported_with_line_and_key() -> None:
    text = (
        HEAD
        + """
[[measure]]
name = "heat pumps"
template = "oil-to-ground-source-heat-pump"
cop = "3 kWh"
colour = "red"
start = 2025
source = "s"

[[measure]]
name = "renovation"
template = "deep-renovation-detached-houses"
share_renovated = "10 %"
sectors = { room = "Ölj" }
costs = false
investment = "1 MEUR"
start = 2025
source = "s"

[[measure]]
name = "wind"
template = "onshore-wnd-compensation"
start = 2025
source = "s"
"""
    )
    with pytest.raises(DataFormatError) as info:
        scenario_from_text(text, "plan.toml")
    found = {(p.column, p.line) for p in info.value.problems}
    lines = text.split("\n")

    def line_of(start: str, after: int = 0) -> int:
        return next(n for n, t in enumerate(lines, 1) if n > after and t.startswith(start))

    first = line_of("[[measure]]")
    second = line_of("[[measure]]", first)
    third = line_of("[[measure]]", second)
    assert ("measure[1].cop", line_of("cop =")) in found  # wrong unit
    assert ("measure[1].colour", line_of("colour =")) in found  # unknown input
    assert ("measure[1].houses", first) in found  # missing: no default, table's line
    assert ("measure[1].operating_per_house", first) in found  # missing cost input
    assert ("measure[1].estimate", first) in found  # a ranged default needs an end
    assert ("measure[2].sectors", line_of("sectors =")) in found  # unknown role, missing one
    assert ("measure[2].investment", line_of("investment =")) in found  # unused with costs=false
    assert ("measure[3].template", line_of('template = "onshore-wnd')) in found
    assert third < line_of('template = "onshore-wnd')
    message = str(info.value)
    assert "[dimensionless]" in message and "'3 kWh'" in message
    assert "onshore-wind-compensation" in message  # did you mean
    assert "role 'sector'" in message and "'room'" in message


def test_template_with_sectors_and_without_costs_round_trips() -> None:
    text = (
        HEAD
        + """
[[measure]]
name = "renovation"
template = "deep-renovation-detached-houses"
sectors = { sector = "Ölj" }
share_renovated = "10 %"
costs = false
start = 2025
source = "illustrative for the test"
illustrative = true
"""
        + HEAT_PUMPS
    )
    scenario = scenario_from_text(text)
    again = scenario_from_text(write_scenario(scenario))
    assert again == scenario
    renovation = again.measures[0]
    assert renovation.sectors == (("sector", "Ölj"),)
    assert renovation.template_costs is False
    roadmap = again.to_roadmap(pohjois_karjala())
    cut = roadmap.measures[0]
    assert cut.costs is None  # not estimated
    assert isinstance(cut.mechanism, RelativeCut)
    assert cut.mechanism.sector == "Ölj"
    # 10 % of the houses x the sourced saving of a deep renovation (line 115)
    saving = template("deep-renovation-detached-houses").parameter("heat_saving").default
    assert saving is not None
    assert cut.mechanism.fraction == pytest.approx(0.1 * saving.low.m)
    assert cut.source.startswith("illustrative: illustrative for the test; catalogue template")
    result = roadmap.compute(pohjois_karjala())
    assert np.isnan(result.cost_totals.m[0]).all()
