"""Baseline projections: worked examples by hand, edge cases, errors and properties.

Small inventories here hold made-up numbers chosen so that every expected value can be worked
out by hand (they are test inputs, not emissions); the Pohjois-Karjala cases use the bundled
published figures.
"""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inventories, whole_regions

import canemure.engine.projection as projection_module
from canemure.engine.projection import (
    Constant,
    FactorPath,
    LogLinearTrend,
    PopulationDriver,
    ProjectedSource,
    ProjectionError,
    project,
    projected_years,
)
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory, Population, Source
from canemure.io.bundled import pohjois_karjala
from canemure.sectors import HINKU
from canemure.units import Q_

SOURCE = Source(id="test:hand", title="Numbers made up for hand-checked tests")
PATH_SOURCE = Source(id="test:path", title="A made-up factor path for tests")


def small(
    values: list[list[float]], years: list[int], unit: str = "kt CO2e / a"
) -> EmissionInventory:
    """One municipality (Joensuu, 167), one row per sector of ``values``."""
    sectors = ["Kul", "Säh", "Kau", "Ölj"][: len(values)]
    return EmissionInventory.from_array(
        np.array([values], dtype=np.float64),
        unit,
        areas=["167"],
        sectors=sectors,
        years=years,
        rule=HINKU,
        source=SOURCE,
    )


def test_doctests() -> None:
    assert doctest.testmod(projection_module).failed == 0


# ----------------------------------------------------------------------------- constant
def test_constant_repeats_the_latest_year_of_pohjois_karjala() -> None:
    history = pohjois_karjala()
    future = project(history, 2050)
    assert future.years.labels == (*history.years.labels, *range(2025, 2051))
    np.testing.assert_array_equal(future.magnitude[:, :, : len(history.years)], history.magnitude)
    latest = history.magnitude[:, :, -1]
    for year in (2025, 2030, 2050):
        np.testing.assert_array_equal(future.magnitude[:, :, future.years.position(year)], latest)
    # Joensuu (167) road transport 2024 as published, held to 2050
    assert future.value("167", "Tie", 2050) == history.value("167", "Tie", 2024)


def test_years_to_2100_are_accepted() -> None:
    future = project(pohjois_karjala(), 2100)
    assert future.years.labels[-1] == 2100
    assert projected_years(future) == tuple(range(2025, 2101))


def test_projection_says_which_years_and_how() -> None:
    future = project(pohjois_karjala(), 2040, LogLinearTrend((2015, 2024)))
    for area in future.areas:
        original, added = future.sources[area]
        assert original.id == "bundled:pohjois-karjala-alas-hinku"
        assert isinstance(added, ProjectedSource)
        assert (added.base_year, added.first_year, added.last_year) == (2024, 2025, 2040)
        assert "2015-2024" in added.method and "log-linear" in added.title
    assert projected_years(future) == tuple(range(2025, 2041))
    assert projected_years(pohjois_karjala()) == ()


def test_base_year_before_the_latest_replaces_later_years() -> None:
    history = small([[10.0, 20.0, 30.0]], [2020, 2021, 2022])
    future = project(history, 2024, base_year=2021)
    assert future.years.labels == (2020, 2021, 2022, 2023, 2024)
    np.testing.assert_array_equal(future.magnitude[0, 0], [10.0, 20.0, 20.0, 20.0, 20.0])


# ----------------------------------------------------------------------------- log-linear
def test_log_linear_halving_worked_by_hand() -> None:
    # 100 -> 50 -> 25: ln falls by ln 2 a year, so 2023 = 25/2 = 12.5, 2024 = 6.25
    history = small([[100.0, 50.0, 25.0]], [2020, 2021, 2022])
    future = project(history, 2024, LogLinearTrend((2020, 2022)))
    np.testing.assert_allclose(future.magnitude[0, 0, 3:], [12.5, 6.25])


def test_log_linear_uses_the_years_the_inventory_has() -> None:
    # 2018, 2020, 2022 at 100, 81, 65.61: -10 % a year (0.9^2 = 0.81, 0.9^4 = 0.6561)
    history = small([[100.0, 81.0, 65.61]], [2018, 2020, 2022])
    future = project(history, 2023, LogLinearTrend((2018, 2022)))
    assert future.magnitude[0, 0, -1] == pytest.approx(65.61 * 0.9)


def test_log_linear_least_squares_slope_by_hand() -> None:
    # ln values 0, 1, 3 at t = 0, 1, 2: slope = sum((t - 1)(y - 4/3)) / sum((t - 1)^2) = 3/2
    values = [math.exp(0.0), math.exp(1.0), math.exp(3.0)]
    future = project(small([values], [2000, 2001, 2002]), 2003, LogLinearTrend((2000, 2002)))
    assert future.magnitude[0, 0, -1] == pytest.approx(math.exp(3.0) * math.exp(1.5))


def test_log_linear_fits_only_the_window() -> None:
    # a doubling before 2021 is outside the window; inside, flat: projection stays 40
    history = small([[10.0, 20.0, 40.0, 40.0]], [2019, 2020, 2021, 2022])
    future = project(history, 2025, LogLinearTrend((2021, 2022)))
    np.testing.assert_allclose(future.magnitude[0, 0, -3:], [40.0, 40.0, 40.0])


def test_zero_and_negative_cells_are_explicit() -> None:
    history = small([[5.0, 0.0, 3.0], [0.0, 0.0, 0.0], [-2.0, -1.0, -1.0]], [2020, 2021, 2022])
    held = project(history, 2024, LogLinearTrend((2020, 2022)))
    np.testing.assert_array_equal(held.magnitude[0, :, -1], [3.0, 0.0, -1.0])
    source = held.sources["167"][-1]
    assert isinstance(source, ProjectedSource)
    what = {sector: note for _, sector, note in source.fallbacks}
    assert set(what) == {"Kul", "Säh", "Kau"}
    assert "held at the base-year value" in what["Kul"]
    assert "zero in every window year" in what["Säh"]
    dropped = project(history, 2024, LogLinearTrend((2020, 2022), nonpositive="not-estimated"))
    assert np.isnan(dropped.magnitude[0, 0, -1]) and np.isnan(dropped.magnitude[0, 2, -1])
    assert dropped.magnitude[0, 1, -1] == 0.0  # all zero: stays zero under both choices


def test_not_estimated_years_in_the_window() -> None:
    history = small([[100.0, math.nan, 25.0]], [2020, 2021, 2022])
    strict = project(history, 2023, LogLinearTrend((2020, 2022)))
    assert np.isnan(strict.magnitude[0, 0, -1])
    assert "not estimated" in strict.sources["167"][-1].fallbacks[0][2]  # type: ignore[attr-defined]
    # fitting the two estimated years: 100 -> 25 in two years is a halving a year
    lenient = project(history, 2023, LogLinearTrend((2020, 2022), gaps="fit-available"))
    assert lenient.magnitude[0, 0, -1] == pytest.approx(12.5)
    assert np.isnan(lenient.magnitude[0, 0, 1])  # history is not filled in


def test_not_estimated_base_year_stays_not_estimated() -> None:
    history = small([[100.0, 50.0, math.nan]], [2020, 2021, 2022])
    for method in (Constant(), LogLinearTrend((2020, 2022), gaps="fit-available")):
        assert np.isnan(project(history, 2024, method).magnitude[0, 0, 3:]).all()


def test_trend_window_errors() -> None:
    history = small([[1.0, 2.0, 3.0]], [2020, 2021, 2022])
    with pytest.raises(ProjectionError, match="first < last"):
        LogLinearTrend((2022, 2020))
    with pytest.raises(ProjectionError, match="holds 1 inventory year"):
        project(history, 2030, LogLinearTrend((2022, 2030)))
    with pytest.raises(ProjectionError, match="must come after"):
        project(history, 2022)
    with pytest.raises(ProjectionError, match="not an inventory year"):
        project(history, 2030, base_year=2019)


# ----------------------------------------------------------------------------- driver
def test_population_driver_worked_by_hand() -> None:
    history = small([[100.0, 120.0], [10.0, 12.0]], [2021, 2022])
    base = Population(Q_(np.array([[1000.0, 1200.0]]), "resident"), ["167"], [2021, 2022])
    history = history.with_population(base)
    path = Population.from_mapping(
        {("167", 2022): 1250.0, ("167", 2023): 1100.0, ("167", 2024): 900.0}
    )
    future = project(history, 2024, PopulationDriver(path))
    # the path's own base-year population wins: 120 kt / 1250 = 0.096 kt per resident
    np.testing.assert_allclose(future.magnitude[0, 0, 2:], [105.6, 86.4])
    np.testing.assert_allclose(future.magnitude[0, 1, 2:], [10.56, 8.64])
    assert future.population is not None
    assert future.population.at(["167"], [2024]).m_as("resident")[0, 0] == 900.0
    # history's population is not overwritten by the path
    assert future.population.at(["167"], [2022]).m_as("resident")[0, 0] == 1200.0
    # without the base year in the path, the inventory's 1200 residents are used: 0.1 kt each
    short = Population.from_mapping({("167", 2023): 1100.0, ("167", 2024): 900.0})
    own_base = project(history, 2024, PopulationDriver(short))
    np.testing.assert_allclose(own_base.magnitude[0, 0, 2:], [110.0, 90.0])
    np.testing.assert_allclose(own_base.magnitude[0, 1, 2:], [11.0, 9.0])
    # per-resident emissions stay at the base year's: 0.11 kt/resident total in 2024
    per = own_base.per_resident("kt CO2e / resident / a")
    assert per.sel(years=2024).magnitude.sum() == pytest.approx(0.11)


def test_population_driver_missing_population_is_not_estimated() -> None:
    history = small([[100.0, 120.0]], [2021, 2022])
    path = Population.from_mapping({("167", 2023): 1100.0})
    future = project(history, 2024, PopulationDriver(path))  # no base-year population
    assert np.isnan(future.magnitude[0, 0, 2:]).all()


# ----------------------------------------------------------------------------- factor paths
def test_dimensionless_factor_path_interpolates() -> None:
    history = small([[50.0], [80.0]], [2024])
    path = FactorPath(["Säh"], [2024, 2030], Q_([1.0, 0.4], ""), PATH_SOURCE)
    future = project(history, 2030, factor_paths=[path])
    # 2027 is half way: multiplier 0.7; 2030: 0.4. Kul is untouched.
    assert future.value("167", "Säh", 2027).m == pytest.approx(80.0 * 0.7)
    assert future.value("167", "Säh", 2030).m == pytest.approx(32.0)
    assert future.value("167", "Kul", 2030).m == 50.0
    source = future.sources["167"][-1]
    assert isinstance(source, ProjectedSource)
    assert source.factor_paths == (PATH_SOURCE,) and "test:path" in (source.notes or "")


def test_factor_path_in_units_divides_by_the_base_year() -> None:
    history = small([[50.0], [80.0]], [2024])
    path = FactorPath(
        ["Sähkölämmitys"], [2024, 2050], Q_([0.1, 0.02], "kg CO2e / kWh"), PATH_SOURCE
    )  # a sector name resolves to its key
    future = project(history, 2050, factor_paths=[path])
    # 2037: 0.1 - 0.08 * 13/26 = 0.06 -> 0.6 of 2024
    assert future.value("167", "Säh", 2037).m == pytest.approx(80.0 * 0.6)


def test_factor_path_on_a_trend_multiplies() -> None:
    history = small([[100.0, 50.0, 25.0]], [2020, 2021, 2022])
    path = FactorPath(["Kul"], [2022, 2024], Q_([100.0, 50.0], "percent"), PATH_SOURCE)
    future = project(history, 2024, LogLinearTrend((2020, 2022)), factor_paths=[path])
    np.testing.assert_allclose(future.magnitude[0, 0, 3:], [12.5 * 0.75, 6.25 * 0.5])


def test_factor_path_errors() -> None:
    history = small([[50.0]], [2024])
    short = FactorPath(["Kul"], [2024, 2030], Q_([1.0, 0.5], ""), PATH_SOURCE)
    with pytest.raises(ProjectionError, match="covers 2024-2030, not 2031-2035"):
        project(history, 2035, factor_paths=[short])
    unanchored = FactorPath(["Kul"], [2025, 2030], Q_([0.1, 0.05], "kg CO2e/kWh"), PATH_SOURCE)
    with pytest.raises(ProjectionError, match="needs a value for the base year 2024"):
        project(history, 2030, factor_paths=[unanchored])
    with pytest.raises(ProjectionError, match="2 values for 3 years"):
        FactorPath(["Kul"], [2024, 2025, 2026], Q_([1.0, 0.5], ""), PATH_SOURCE)
    with pytest.raises(ProjectionError, match="not negative"):
        FactorPath(["Kul"], [2024, 2025], Q_([1.0, -0.5], ""), PATH_SOURCE)
    with pytest.raises(UnitError, match="pint Quantity"):
        FactorPath(["Kul"], [2024, 2025], [1.0, 0.5], PATH_SOURCE)


# ----------------------------------------------------------------------------- properties
def _nonnegative(inventory: EmissionInventory) -> EmissionInventory:
    return EmissionInventory.from_array(
        np.abs(inventory.magnitude),
        inventory.unit,
        areas=inventory.areas,
        sectors=inventory.sectors,
        years=inventory.years,
        rule=inventory.rule,
        source=SOURCE,
    )


@given(inventories(max_years=5, max_holes=2), st.integers(1, 60), st.sampled_from(["f", "n"]))
def test_log_linear_never_below_zero(inventory: EmissionInventory, ahead: int, gaps: str) -> None:
    history = _nonnegative(inventory)
    years = history.years.labels
    if len(years) < 2:
        return
    method = LogLinearTrend(
        (years[0], years[-1]), gaps="fit-available" if gaps == "f" else "not-estimated"
    )
    future = project(history, years[-1] + ahead, method)
    projected = future.magnitude[:, :, len(years) :]
    assert not np.any(projected < 0)
    # where the base year is estimated and the window complete and positive, it is estimated
    base = history.magnitude[:, :, -1]
    complete = (history.magnitude > 0).all(axis=2)
    assert not np.isnan(projected[complete & (base > 0)]).any()


@given(inventories(max_years=4), st.integers(1, 40))
def test_constant_equals_last_year(inventory: EmissionInventory, ahead: int) -> None:
    future = project(inventory, inventory.years.labels[-1] + ahead, Constant())
    last = inventory.magnitude[:, :, -1:]
    np.testing.assert_array_equal(
        future.magnitude[:, :, len(inventory.years) :], np.repeat(last, ahead, axis=2)
    )
    np.testing.assert_array_equal(np.isnan(future.magnitude[:, :, -1]), np.isnan(last[:, :, 0]))


@given(inventories(max_years=4, max_holes=0), st.integers(1, 20))
def test_unit_round_trip(inventory: EmissionInventory, ahead: int) -> None:
    history = _nonnegative(inventory)
    end = history.years.labels[-1] + ahead
    window = (history.years.labels[0], history.years.labels[-1])
    method = LogLinearTrend(window) if len(history.years) > 1 else Constant()
    direct = project(history, end, method)
    via_tonnes = project(history.to("t CO2e / a"), end, method).to("kt CO2e / a")
    np.testing.assert_allclose(via_tonnes.magnitude, direct.magnitude, rtol=1e-12)
    assert via_tonnes.unit == direct.unit


@given(st.data())
def test_constant_projection_rolls_up(data: st.DataObject) -> None:
    """Projecting municipalities then summing equals projecting the region (constant is linear).

    The log-linear and driver methods are not linear in the areas (a region's trend is not the
    sum of its municipalities' trends), so for them only the sum itself is defined.
    """
    areas = data.draw(whole_regions(max_regions=2))
    history = data.draw(inventories(areas=areas, max_years=3, max_holes=1))
    end = history.years.labels[-1] + data.draw(st.integers(1, 10))
    municipal = project(history, end).to_regions()
    regional = project(history.to_regions(), end)
    np.testing.assert_allclose(
        municipal.magnitude, regional.magnitude, rtol=1e-9, atol=1e-9, equal_nan=True
    )
    assert projected_years(municipal) == projected_years(regional)


def test_factor_path_for_some_areas_only() -> None:
    history = pohjois_karjala().sel(areas=["167", "176"])
    path = FactorPath(["Kau"], [2024, 2030], Q_([1.0, 0.0], ""), PATH_SOURCE, areas=("176",))
    future = project(history, 2030, factor_paths=[path])
    assert future.value("176", "Kau", 2030).m == 0.0
    assert future.value("176", "Kau", 2027) == 0.5 * history.value("176", "Kau", 2024)
    assert future.value("167", "Kau", 2030) == history.value("167", "Kau", 2024)
    # the regional sum still carries the projection's source once
    merged = future.aggregate_areas({"both": ["167", "176"]}).sources["both"]
    assert sum(isinstance(s, ProjectedSource) for s in merged) == 1
