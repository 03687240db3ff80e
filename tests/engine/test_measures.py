"""Model measures: mechanisms, ramps, units, status and replication, checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from canemure.engine.combine import combine
from canemure.engine.measures import (
    CANCELLED,
    AbsoluteCut,
    ActivityChange,
    ActivityTerm,
    Compensation,
    FactorChange,
    Measure,
    RelativeCut,
)
from canemure.engine.ramp import Ramp
from canemure.engine.replication import ByActivity, ByPopulation, BySector, replicate
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory, Population
from canemure.sectors import ALL
from canemure.units import Q_

KT = "kt CO2e / a"


def _inventory(
    values: list[list[float]], sectors: list[str], areas: list[str]
) -> EmissionInventory:
    array = np.array(values, dtype=float)[:, :, None]  # one year, 2030
    return EmissionInventory.from_array(
        array, KT, areas=areas, sectors=sectors, years=[2030], rule=ALL
    )


def test_linear_and_s_curve_ramps_by_hand() -> None:
    years = [2019, 2020, 2022, 2025, 2030, 2031]
    linear = Ramp(2020, 2030).shares(years)
    assert linear.tolist() == [0.0, 0.0, 0.2, 0.5, 1.0, 1.0]
    s = Ramp(2020, 2030, "s-curve").shares(years)
    # smoothstep 3t^2 - 2t^3 at t = 0.2: 0.12 - 0.016
    np.testing.assert_allclose(s, [0.0, 0.0, 0.104, 0.5, 1.0, 1.0])
    limited = Ramp(2020, 2022, lifetime=5).shares([2021, 2024, 2025])  # acts 2020-2024
    assert limited.tolist() == [0.5, 1.0, 0.0]
    assert Ramp.step(2025).shares([2024, 2025]).tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match="before the start year"):
        Ramp(2030, 2020)


def test_heat_pumps_remove_oil_and_add_electricity_by_hand() -> None:
    # 200 houses, each 2 000 l of oil a year ~ 20 MWh, oil 0.266 kg/kWh; heat demand 17 MWh,
    # COP 3, electricity 0.1 kg/kWh: -200*20*0.266 t = -1064 t; +200*17/3*0.1 t = +113.33 t
    change = ActivityChange.heat_pumps(
        count=200,
        fuel_use=Q_(20, "MWh / a"),
        fuel_factor=Q_(0.266, "kg CO2e / kWh"),
        heat_demand=Q_(17, "MWh / a"),
        cop=3,
        electricity_factor=Q_(0.1, "kg CO2e / kWh"),
    )
    removed, added = change.effects(Q_(1, "t CO2e / a").units)
    assert (removed.kind, removed.sector) == ("cut", "Ölj")
    assert removed.amount == pytest.approx(1064.0)
    assert (added.kind, added.sector) == ("add", "Säh")
    assert added.amount == pytest.approx(200 * 17 / 3 * 0.1)
    inventory = _inventory([[5.0, 2.0]], ["Säh", "Ölj"], ["167"])
    measure = Measure("gshp", change, Ramp.step(2025), "illustrative", "167")
    left = combine(inventory, [measure]).remaining.magnitude[0, :, 0]
    np.testing.assert_allclose(left, [5.0 + 0.11333333, 2.0 - 1.064])


def test_factor_change_is_a_relative_change_of_the_sector() -> None:
    switch = FactorChange("Kau", Q_(183, "kg CO2e / MWh"), Q_(100, "kg CO2e / MWh"), share=0.5)
    assert switch.fraction == pytest.approx(0.5 * (1 - 100 / 183))
    worse = FactorChange("Kau", Q_(0.1, "t CO2e / MWh"), Q_(150, "kg CO2e / MWh"))
    assert worse.fraction == pytest.approx(-0.5)  # emissions grow by half
    inventory = _inventory([[40.0]], ["Kau"], ["091"])
    measure = Measure("switch", worse, Ramp.step(2020), "illustrative", "091")
    assert combine(inventory, [measure]).remaining.magnitude[0, 0, 0] == pytest.approx(60.0)


def test_quantities_are_unit_checked() -> None:
    with pytest.raises(UnitError, match="dimension"):
        AbsoluteCut("Tie", Q_(3, "GWh / a"))
    with pytest.raises(UnitError, match="no unit"):
        AbsoluteCut("Tie", 3)  # type: ignore[arg-type]
    with pytest.raises(UnitError):
        ActivityTerm("Ölj", Q_(-3, "GWh / a"), Q_(0.2, "kg CO2e / km"))
    with pytest.raises(UnitError, match="differ in kind"):
        FactorChange("Kau", Q_(183, "kg CO2e / MWh"), Q_(100, "kg CO2e / km"))
    with pytest.raises(UnitError, match="dimensionless"):
        RelativeCut("Tie", Q_(20, "kt"))
    assert RelativeCut("Tie", Q_(20, "%")).fraction == pytest.approx(0.2)
    with pytest.raises(ValueError, match="between 0 and 1"):
        RelativeCut("Tie", 1.5)
    # a cut in tonnes cannot act on an inventory of energy use
    energy = EmissionInventory.from_array(
        np.ones((1, 1, 1)), "GWh / a", areas=["167"], sectors=["Tie"], years=[2030], rule=ALL
    )
    cut = Measure("cut", AbsoluteCut("Tie", Q_(1, KT)), Ramp.step(2030), "illustrative", "167")
    with pytest.raises(UnitError, match="cannot act on an inventory in"):
        combine(energy, [cut])


def test_every_unknown_area_and_sector_is_reported_at_once() -> None:
    inventory = _inventory([[1.0]], ["Tie"], ["167"])
    measures = [
        Measure("a", RelativeCut("Tie", 0.1), Ramp.step(2020), "illustrative", "999"),
        Measure("b", RelativeCut("Nope", 0.1), Ramp.step(2020), "illustrative", "167"),
    ]
    with pytest.raises(ValueError, match="2 measure problem") as info:
        combine(inventory, measures)
    assert "'999'" in str(info.value) and "'Nope'" in str(info.value)


def test_cancelled_measures_act_on_nothing_and_compensation_is_kept_apart() -> None:
    inventory = _inventory([[10.0]], ["Tie"], ["167"])
    measures = [
        Measure("gone", RelativeCut("Tie", 0.5), Ramp.step(2020), "plan", "167", status=CANCELLED),
        Measure("wind", Compensation(Q_(4, KT)), Ramp.step(2020), "plan", "167", actor="utility"),
    ]
    result = combine(inventory, measures)
    assert result.remaining.magnitude[0, 0, 0] == 10.0
    assert result.compensation.magnitude[:, 0, 0].tolist() == [0.0, 4.0]
    assert measures[0].cancelled and not measures[1].cancelled


def test_replication_by_population_sector_and_activity() -> None:
    population = Population.from_mapping({("167", 2023): 1000.0, ("091", 2023): 3000.0})
    cut = Measure("bus", AbsoluteCut("Tie", Q_(1, KT)), Ramp.step(2025), "illustrative", "167")
    scaled = replicate(cut, ["091"], ByPopulation(population, 2023))
    assert scaled.areas == ("167", "091") and scaled.scales == (1.0, 3.0)
    assert scaled.scaled_by == "population 2023"
    inventory = _inventory([[8.0], [20.0]], ["Tie"], ["167", "091"])
    left = combine(inventory, [scaled]).remaining.magnitude[:, 0, 0]
    assert left.tolist() == [7.0, 17.0]
    by_sector = replicate(cut, ["091"], BySector(inventory, "Tie", 2030))
    assert by_sector.scales == (1.0, 2.5)
    houses = ByActivity({"167": Q_(40, "dimensionless"), "091": Q_(10, "dimensionless")}, "houses")
    assert replicate(cut, ["091"], houses).scales == (1.0, 0.25)
    # relative measures replicate unchanged: 10 % everywhere
    tenth = Measure("tenth", RelativeCut("Tie", 0.1), Ramp.step(2025), "illustrative", "167")
    both = replicate(tenth, ["091"], ByPopulation(population, 2023))
    np.testing.assert_allclose(combine(inventory, [both]).remaining.magnitude[:, 0, 0], [7.2, 18.0])


def test_replication_reports_every_unknown_size() -> None:
    population = Population.from_mapping({("167", 2023): 1000.0})
    cut = Measure("bus", AbsoluteCut("Tie", Q_(1, KT)), Ramp.step(2025), "illustrative", "167")
    with pytest.raises(ValueError, match=r"091.*092"):
        replicate(cut, ["091", "092"], ByPopulation(population, 2023))


def test_a_measure_needs_a_source_and_unique_areas() -> None:
    with pytest.raises(ValueError, match="source"):
        Measure("x", RelativeCut("Tie", 0.1), Ramp.step(2020), " ", "167")
    with pytest.raises(ValueError, match="twice"):
        Measure("x", RelativeCut("Tie", 0.1), Ramp.step(2020), "plan", ["167", "167"])


def test_nan_is_never_a_quantity_of_a_measure() -> None:
    nan = float("nan")
    with pytest.raises(ValueError, match=">= 0"):
        AbsoluteCut("Tie", Q_(nan, KT))
    with pytest.raises(ValueError, match=">= 0"):
        Compensation(Q_(nan, KT))
    with pytest.raises(ValueError, match="between 0 and 1"):
        RelativeCut("Tie", nan)
    with pytest.raises(ValueError, match="need old > 0"):
        FactorChange("Kau", Q_(nan, "kg CO2e / MWh"), Q_(1, "kg CO2e / MWh"))
    with pytest.raises(ValueError, match="need a number"):
        ActivityTerm("Ölj", Q_(nan, "GWh / a"), Q_(0.2, "kg CO2e / kWh"))
