"""Engine results come back labelled: measures, areas, sectors and years attached.

The roadmap is the shipped Pohjois-Karjala example scenario on the bundled HINKU inventory
(its measures are illustrative, as the scenario file says); each labelled figure is checked
against the positional array the engine computed, at the position its labels name.
"""

from __future__ import annotations

import math

import pytest

from canemure.engine import RoadmapResult, compare
from canemure.engine.roadmap import Roadmap
from canemure.engine.scenario import example_scenario
from canemure.errors import UnknownNameError
from canemure.inventory import LabelledArray


@pytest.fixture(scope="module")
def result() -> RoadmapResult:
    scenario = example_scenario("pohjois-karjala")
    inventory = Roadmap(area=scenario.area, rule=scenario.accounting).inventory(use_plugins=False)
    return scenario.to_roadmap(inventory).compute(inventory)


def test_every_array_of_a_roadmap_is_labelled(result: RoadmapResult) -> None:
    for name in result.arrays:
        array = result.labelled(name)
        assert isinstance(array, LabelledArray)
        assert array.shape == tuple(len(array.coords[d]) for d in array.dims)
    wedges = result.labelled("wedges")
    assert wedges.dims == ("measure", "area", "sector", "year")
    assert wedges.coords["measure"].labels == result.measures


def test_labels_pick_the_positions_the_engine_used(result: RoadmapResult) -> None:
    measure = result.measures[1]
    k = result.year_index(2030)
    totals = result.labelled("wedge_totals")
    expected = result.wedge_totals.m_as("kt CO2e/a")[1, k]
    assert totals.value(measure=measure, year=2030).m_as("kt CO2e/a") == expected
    assert totals.sel(years="2030").m_as("kt CO2e/a")[1, 0] == expected
    reduction = result.labelled("reduction").sel(areas="Joensuu", sectors="Tieliikenne")
    j = result.trajectory.sectors.position("Tie")
    i = result.trajectory.areas.position("167")
    assert reduction.m_as("kt CO2e/a")[0, 0, k] == result.reduction.m_as("kt CO2e/a")[i, j, k]
    assert result.labelled("total").value(year=2030).m == pytest.approx(
        result.total().m_as("kt CO2e/a")[k]
    )


def test_gaps_levels_and_milestones_carry_their_areas(result: RoadmapResult) -> None:
    regional = result.to_regions()
    gap = regional.gaps[0].labelled("gap")
    assert gap.dims == ("area", "year") and gap.coords["area"].labels == ("12",)
    k = regional.year_index(2030)
    assert gap.value(area="North Karelia", year=2030).m == regional.gaps[0].gap.m[0, k]
    level = result.levels[0].labelled("level")
    assert level.value(area="Joensuu").m == result.levels[0].value("167").m
    cumulative = result.cumulative.labelled("total")
    assert cumulative.coords["area"].labels == result.areas
    if result.milestones:
        margin = result.milestones[0].labelled("margin")
        assert margin.coords["area"].labels == result.milestones[0].areas


def test_comparison_is_labelled_by_variant(result: RoadmapResult) -> None:
    both = compare({"plan": result, "again": result})
    difference = both.labelled("total_difference").sel(variant="again")
    assert difference.m_as("kt CO2e/a").tolist() == [[0.0] * len(result.years)]


def test_unknown_labels_and_arrays_are_named_as_given(result: RoadmapResult) -> None:
    totals = result.labelled("wedge_totals")
    with pytest.raises(UnknownNameError, match="'Tuulivoim'"):
        totals.sel(measure="Tuulivoim")
    with pytest.raises(UnknownNameError, match="'1989'"):
        totals.sel(year="1989")
    with pytest.raises(UnknownNameError, match="'areas'"):
        totals.sel(areas="167")  # wedge totals are summed over areas
    with pytest.raises(UnknownNameError, match="'wedge'") as err:
        result.labelled("wedge")
    assert "wedges" in err.value.suggestions
    with pytest.raises(ValueError, match="every dimension"):
        totals.value(year=2030)


def test_exports_keep_labels_and_units(result: RoadmapResult) -> None:
    pytest.importorskip("pandas")
    frame = result.labelled("wedge_totals").to_pandas(wide=True)
    assert list(frame.columns[:1]) == ["measure"] and 2030 in frame.columns
    assert frame.attrs["unit"] == "kt CO2e/a"
    long = result.labelled("costs").to_pandas()
    assert list(long.columns) == ["measure", "area", "year", "value", "unit"]
    pytest.importorskip("xarray")
    ds = result.to_xarray()
    assert set(ds.data_vars) == set(result.arrays)
    assert ds["wedge_totals"].attrs["units"] == "kt CO2e/a"
    value = ds["wedge_totals"].sel(measure=result.measures[0], year=2030).item()
    assert value == result.labelled("wedge_totals").value(measure=result.measures[0], year=2030).m
    assert not math.isnan(value)
