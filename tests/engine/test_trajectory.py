"""Trajectories against levels: gaps, milestones and cumulative emissions, by hand.

Pohjois-Karjala (region 12, HINKU calculation) emitted 937.2 kt CO2e in 2024 and 1686.8 kt in
2007 (bundled, published): held constant, its 2030 gap to HINKU's 337.36 kt level is
937.2 - 337.36 = 599.84 kt CO2e/a. Small inventories hold made-up test inputs.
"""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inventories, whole_regions

import canemure.engine.trajectory as trajectory_module
from canemure.engine.levels import LevelError, TargetLevel, target_level
from canemure.engine.projection import LogLinearTrend, project
from canemure.engine.trajectory import (
    CumulativeEmissions,
    MilestoneStatus,
    cumulative,
    gap,
    milestone,
)
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory, Source
from canemure.inventory._plans import region_groups
from canemure.io.bundled import pohjois_karjala
from canemure.published.targets import Target, TargetKind, national_targets
from canemure.sectors import ALL, HINKU
from canemure.units import Q_

SOURCE = Source(id="test:hand", title="Numbers made up for hand-checked tests")
PK_2024 = 937.2
HINKU_LEVEL = 337.36


def national(target_id: str) -> Target:
    return next(t for t in national_targets(include_brief_statements=True) if t.id == target_id)


def cut_target(cut: float, base: int, year: int) -> Target:
    return Target(
        id="test-cut",
        region_id=None,
        city=None,
        municipality_code=None,
        text="test",
        kind=TargetKind.REDUCTION_PERCENT,
        value_text=str(cut),
        unit_text="% reduction",
        value=Q_(cut, "percent"),
        value_note=None,
        base_year=base,
        base_year_text=str(base),
        target_year=year,
        target_year_text=str(year),
        source="test",
        quote="",
    )


def small(values: list[list[list[float]]], areas: list[str], years: list[int]) -> EmissionInventory:
    return EmissionInventory.from_array(
        np.array(values, dtype=np.float64),
        "kt CO2e / a",
        areas=areas,
        sectors=["Kul", "Säh"][: len(values[0])],
        years=years,
        rule=HINKU,
        source=SOURCE,
    )


@pytest.fixture(scope="module")
def region_2050() -> EmissionInventory:
    return project(pohjois_karjala().to_regions(), 2050)


def test_doctests() -> None:
    assert doctest.testmod(trajectory_module).failed == 0


def test_pohjois_karjala_2030_gap_by_hand(region_2050: EmissionInventory) -> None:
    level = target_level(national("fi-hinku-80"), region_2050)
    result = gap(region_2050, level)
    assert region_2050.total().value("12", "total", 2030).m == pytest.approx(PK_2024)
    assert result.at(2030).m_as("kt CO2e/a")[0] == pytest.approx(PK_2024 - HINKU_LEVEL)  # 599.84
    assert result.years == region_2050.years.labels
    assert result.emissions.shape == (1, len(result.years))
    assert result.scope_label == "within scope"
    row = next(r for r in result.rows() if r["year"] == 2030)
    assert row["area"] == "12" and row["target"] == "fi-hinku-80"
    assert row["gap"] == Q_(pytest.approx(599.84), "kt CO2e / a")
    assert row["scope"] == "within scope"


def test_gap_is_the_positive_part_and_nan_stays(region_2050: EmissionInventory) -> None:
    inventory = small(
        [[[100.0, 90.0], [0.0, 0.0]], [[40.0, math.nan], [10.0, 5.0]]], ["167", "176"], [2020, 2030]
    )
    level = target_level(cut_target(50.0, 2020, 2030), inventory)
    # levels: 167: 100 x 0.5 = 50; 176: 50 x 0.5 = 25
    result = gap(inventory, level)
    np.testing.assert_allclose(result.difference.m, [[50.0, 40.0], [25.0, np.nan]])
    np.testing.assert_allclose(result.gap.m, [[50.0, 40.0], [25.0, np.nan]])
    below = small([[[100.0, 30.0], [0.0, 0.0]]], ["167"], [2020, 2030])
    below_gap = gap(below, target_level(cut_target(50.0, 2020, 2030), below))
    assert below_gap.difference.m[0, 1] == -20.0 and below_gap.gap.m[0, 1] == 0.0


def test_sector_gaps_with_proportional_allocation() -> None:
    inventory = small([[[60.0, 50.0], [40.0, 10.0]]], ["167"], [2020, 2030])
    level = target_level(cut_target(50.0, 2020, 2030), inventory, allocate="proportional")
    result = gap(inventory, level)
    # sector levels 30 and 20; 2030: Kul 50 - 30 = 20, Säh 10 - 20 = -10 (no gap)
    assert result.sector_difference is not None and result.sector_gap is not None
    np.testing.assert_allclose(result.sector_difference.m[0, :, 1], [20.0, -10.0])
    np.testing.assert_allclose(result.sector_gap.m[0, :, 1], [20.0, 0.0])
    assert result.gap.m[0, 1] == 10.0  # total: 60 - 50
    assert gap(inventory, target_level(cut_target(50.0, 2020, 2030), inventory)).sector_gap is None


def test_sectoral_target_gap_counts_its_sectors_only() -> None:
    inventory = small([[[60.0, 50.0], [40.0, 10.0]]], ["167"], [2020, 2030])
    level = target_level(cut_target(50.0, 2020, 2030), inventory, sectors=["Säh"])
    assert gap(inventory, level).difference.m[0, 1] == 10.0 - 20.0


def test_milestones_met_not_met_not_estimated() -> None:
    inventory = small(
        [[[100.0, 40.0]], [[100.0, 60.0]], [[100.0, math.nan]]],
        ["167", "176", "260"],
        [2020, 2030],
    )
    level = target_level(cut_target(50.0, 2020, 2030), inventory)
    check = milestone(inventory, level)
    assert check.year == 2030
    assert check.status == (
        MilestoneStatus.MET,
        MilestoneStatus.NOT_MET,
        MilestoneStatus.NOT_ESTIMATED,
    )
    np.testing.assert_allclose(check.margin.m, [10.0, -10.0, np.nan])
    # a region with one not-estimated member is not estimated, never counted as zero
    assert check.rollup({"g": ["167", "176", "260"]}).status == (MilestoneStatus.NOT_ESTIMATED,)
    assert check.rollup({"g": ["167", "176"]}).status == (MilestoneStatus.MET,)  # 100 <= 100
    assert milestone(inventory, level, 2020).status[0] is MilestoneStatus.NOT_MET


def test_milestone_in_a_year_the_trajectory_lacks() -> None:
    history = pohjois_karjala().to_regions()
    level = target_level(national("fi-hinku-80"), history)
    with pytest.raises(LevelError, match=r"2030 is not a year of the trajectory.*project it"):
        milestone(history, level)
    assert milestone(project(history, 2030), level).status == (MilestoneStatus.NOT_MET,)


def test_trajectory_under_another_rule_is_refused(region_2050: EmissionInventory) -> None:
    level = target_level(national("fi-hinku-80"), region_2050)
    other = EmissionInventory.from_array(
        region_2050.magnitude,
        region_2050.unit,
        areas=region_2050.areas,
        sectors=region_2050.sectors,
        years=region_2050.years,
        rule=ALL,
        area_level="region",
    )
    with pytest.raises(LevelError, match=r"accounting 'hinku'.*follows 'all'"):
        gap(other, level)
    energy = EmissionInventory.from_array(
        np.ones((1, 1, 1)),
        "GWh / a",
        areas=["12"],
        sectors=["Kul"],
        years=[2030],
        rule=HINKU,
        area_level="region",
    )
    with pytest.raises(UnitError, match="GWh"):
        gap(energy, level)


def test_scope_mismatch_is_labelled_in_every_result(region_2050: EmissionInventory) -> None:
    level = target_level(national("fi-climate-act-2030"), region_2050, scope_mismatch="accept")
    for result in (gap(region_2050, level), milestone(region_2050, level)):
        assert result.scope_label.startswith("scope mismatch accepted")
        assert "national target" in result.scope_label
    assert all("national target" in str(r["scope"]) for r in gap(region_2050, level).rows())


def test_cumulative_by_hand(region_2050: EmissionInventory) -> None:
    total = cumulative(region_2050, 2025, 2030)
    assert isinstance(total, CumulativeEmissions)
    assert total.total().m_as("kt CO2e")[0] == pytest.approx(6 * PK_2024)  # 5623.2 kt
    assert total.values.shape == (1, 13)
    assert total.total().units == Q_(1, "kt CO2e").units
    in_tonnes = cumulative(region_2050.to("t CO2e / a"), 2025, 2030)
    assert in_tonnes.total().m_as("kt CO2e")[0] == pytest.approx(6 * PK_2024)
    with pytest.raises(LevelError, match="no figures for 1991, 1992"):
        cumulative(region_2050, 1990, 2010)
    with pytest.raises(LevelError, match="empty"):
        cumulative(region_2050, 2030, 2025)


def test_cumulative_not_estimated_is_nan() -> None:
    inventory = small([[[1.0, math.nan], [2.0, 3.0]]], ["167"], [2020, 2021])
    result = cumulative(inventory, 2020, 2021)
    assert np.isnan(result.values.m[0, 0]) and result.values.m[0, 1] == 5.0
    assert np.isnan(result.total().m[0])


def test_trend_trajectory_gap_on_pohjois_karjala() -> None:
    trajectory = project(pohjois_karjala(), 2050, LogLinearTrend((2015, 2024)))
    level = target_level(national("fi-hinku-80"), trajectory)
    municipal = gap(trajectory, level)
    regional = municipal.to_regions()
    assert regional.areas == ("12",)
    assert regional.level.value("12").m == pytest.approx(HINKU_LEVEL)
    by_hand = trajectory.to_regions().total().value("12", "total", 2030).m - HINKU_LEVEL
    assert regional.difference.m[0, regional.years.index(2030)] == pytest.approx(by_hand)


def test_linear_pathway_by_hand() -> None:
    history = pohjois_karjala().to_regions()
    level = target_level(national("fi-hinku-80"), history, allocate="proportional")
    result = gap(history, level, pathway="linear")
    assert result.pathway_kind == "linear"
    years = result.years
    path = result.pathway.m_as("kt CO2e / a")[0]
    # 2007: 1686.8 kt, 2030: 337.36 kt; 2019 is 12 of the 23 years along the line
    assert path[years.index(2007)] == pytest.approx(1686.8)
    expected_2019 = 1686.8 + (337.36 - 1686.8) * 12 / 23
    assert path[years.index(2019)] == pytest.approx(expected_2019)
    emitted_2019 = history.total().value("12", "total", 2019).m
    assert result.difference.m[0, years.index(2019)] == pytest.approx(emitted_2019 - expected_2019)
    assert np.isnan(path[years.index(1990)]) and np.isnan(path[years.index(2005)])
    future = gap(project(history, 2040), level, pathway="linear")
    assert future.pathway.m[0, future.years.index(2035)] == pytest.approx(337.36)
    # sector pathways end at the sector levels and add up to the total pathway
    assert future.sector_pathway is not None
    np.testing.assert_allclose(future.sector_pathway.m.sum(axis=1), future.pathway.m)
    later = gap(history, level, pathway="linear", start_year=2020)
    assert later.pathway.m[0, later.years.index(2020)] == pytest.approx(
        history.total().value("12", "total", 2020).m
    )
    with pytest.raises(LevelError, match="not in 2030"):
        gap(history, level, pathway="linear", start_year=2030)
    with pytest.raises(LevelError, match="start year 2000 is not a trajectory year"):
        gap(history, level, pathway="linear", start_year=2000)


# ----------------------------------------------------------------------------- properties
def _level(inventory: EmissionInventory, cut: float) -> TargetLevel:
    base = inventory.years.labels[0]
    year = inventory.years.labels[-1]
    return target_level(cut_target(cut, base, year), inventory, allocate="proportional")


@given(st.data())
def test_municipal_results_roll_up_to_regional_ones(data: st.DataObject) -> None:
    areas = data.draw(whole_regions(max_regions=2))
    trajectory = data.draw(inventories(areas=areas, level=3, max_years=3, max_holes=2, rule=HINKU))
    cut = data.draw(st.floats(0.0, 100.0))
    pathway = data.draw(st.sampled_from(["level", "linear"]))
    if pathway == "linear" and len(trajectory.years) < 2:
        pathway = "level"
    groups = dict(region_groups(trajectory.areas.labels))
    municipal = gap(trajectory, _level(trajectory, cut), pathway=pathway)  # type: ignore[arg-type]
    regions = trajectory.to_regions()
    regional = gap(regions, _level(regions, cut), pathway=pathway)  # type: ignore[arg-type]
    rolled = municipal.to_regions()
    assert rolled.areas == regional.areas == tuple(groups)
    for name in ("emissions", "pathway", "difference", "gap"):
        np.testing.assert_allclose(
            getattr(rolled, name).m,
            getattr(regional, name).m,
            rtol=1e-9,
            atol=1e-7,
            equal_nan=True,
        )
    assert rolled.sector_difference is not None and regional.sector_difference is not None
    np.testing.assert_allclose(
        rolled.sector_difference.m,
        regional.sector_difference.m,
        rtol=1e-9,
        atol=1e-7,
        equal_nan=True,
    )
    # the regional difference is the sum of the municipal ones (NaN if any is not estimated)
    for i, members in enumerate(groups.values()):
        rows = [municipal.areas.index(m) for m in members]
        np.testing.assert_allclose(
            rolled.difference.m[i],
            municipal.difference.m[rows].sum(axis=0),
            rtol=1e-9,
            atol=1e-7,
            equal_nan=True,
        )
    last = trajectory.years.labels[-1]
    check = milestone(trajectory, _level(trajectory, cut), last).to_regions()
    assert check.status == milestone(regions, _level(regions, cut), last).status
    summed = cumulative(trajectory, last, last).to_regions()
    np.testing.assert_allclose(
        summed.values.m,
        cumulative(regions, last, last).values.m,
        rtol=1e-9,
        atol=1e-7,
        equal_nan=True,
    )


@given(inventories(level=3, max_years=3, max_holes=3, rule=HINKU), st.floats(0.0, 100.0))
def test_gap_is_never_negative_and_never_hides_nan(
    trajectory: EmissionInventory, cut: float
) -> None:
    result = gap(trajectory, _level(trajectory, cut))
    difference = result.difference.m
    gap_values = result.gap.m
    assert np.array_equal(np.isnan(gap_values), np.isnan(difference))
    known = ~np.isnan(difference)
    assert (gap_values[known] >= 0).all()
    np.testing.assert_array_equal(gap_values[known], np.maximum(difference[known], 0.0))
    statuses = milestone(trajectory, result.level).status
    totals = trajectory.magnitude[:, :, -1].sum(axis=1)
    levels = result.level.level.m
    for status, total, level in zip(statuses, totals, levels, strict=True):
        if np.isnan(total) or np.isnan(level):
            assert status is MilestoneStatus.NOT_ESTIMATED
        elif abs(total - level) > 1e-9 * (abs(level) + 1.0):  # clear of rounding at the edge
            assert (status is MilestoneStatus.MET) == (total < level)
