"""Costs, cost-effectiveness (EUR/t CO2e) and the interaction-aware MAC curve."""

from __future__ import annotations

import attrs
import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies_engine import baselines, measure_lists

from canemure.engine.combine import combine
from canemure.engine.costs import (
    EnergySaving,
    MeasureCosts,
    capital_recovery_factor,
    cost_effectiveness,
)
from canemure.engine.macc import marginal_abatement_cost_curve
from canemure.engine.measures import AbsoluteCut, Compensation, Measure, RelativeCut
from canemure.engine.ramp import Ramp
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory
from canemure.sectors import ALL
from canemure.units import Q_, ureg

EUR_PER_TONNE = {"[currency]": 1, "[mass]": -1, "[carbon_dioxide]": -1}


def test_annualised_cost_and_cost_effectiveness_by_hand() -> None:
    # 20 000 EUR over 20 years at 5 %: crf = 0.05 * 1.05^20 / (1.05^20 - 1)
    growth = 1.05**20
    crf = 0.05 * growth / (growth - 1)
    assert capital_recovery_factor(0.05, 20) == pytest.approx(crf)
    assert capital_recovery_factor(0.0, 20) == 1 / 20
    costs = MeasureCosts(
        investment=Q_(20_000, "EUR"),
        operating=Q_(100, "EUR / a"),
        discount_rate=Q_(5, "%"),
        savings=[EnergySaving(Q_(10, "MWh / a"), Q_(100, "EUR / MWh"))],
    )
    annual = costs.annualised(20)
    assert annual.m_as("EUR / a") == pytest.approx(20_000 * crf + 100 - 10 * 100)
    per_tonne = cost_effectiveness(annual, Q_(2, "t CO2e / a"))
    assert per_tonne.m_as("EUR / (t CO2e)") == pytest.approx((20_000 * crf + 100 - 1000) / 2)
    assert per_tonne.dimensionality == EUR_PER_TONNE


COSTS = st.builds(
    MeasureCosts,
    st.floats(0, 1e7).map(lambda v: Q_(v, "kEUR")),
    st.floats(0, 1e5).map(lambda v: Q_(v, "EUR / a")),
    st.floats(0, 0.2),
)
ABATEMENT = st.builds(
    Q_, st.floats(0.001, 1e5), st.sampled_from(["t CO2e / a", "kt CO2e / a", "kg CO2e / d"])
)


@given(COSTS, st.integers(1, 60), ABATEMENT)
def test_cost_effectiveness_is_always_eur_per_tonne(
    costs: MeasureCosts, lifetime: int, abatement: pint.Quantity
) -> None:
    value = cost_effectiveness(costs.annualised(lifetime), abatement)
    assert value.dimensionality == EUR_PER_TONNE
    assert value.units == ureg.Unit("EUR / (t CO2e)")
    with pytest.raises(pint.DimensionalityError):
        value.to("EUR")  # EUR never cancels, nor does the tonne


def test_costs_are_unit_checked_and_zero_abatement_is_not_zero_cost() -> None:
    with pytest.raises(UnitError):
        MeasureCosts(Q_(1, "EUR / a"), Q_(0, "EUR / a"), 0.04)
    with pytest.raises(UnitError):
        MeasureCosts(1000, Q_(0, "EUR / a"), 0.04)  # type: ignore[arg-type]
    value = cost_effectiveness(Q_(5, "EUR / a"), Q_(0, "t CO2e / a"))
    assert np.isinf(value.m)


def _costed(name: str, mechanism: object, per_year: float) -> Measure:
    costs = MeasureCosts(Q_(0, "EUR"), Q_(per_year, "EUR / a"), 0.0, source="illustrative")
    return Measure(
        name,
        mechanism,
        Ramp.step(2020, lifetime=20),
        "illustrative",
        "167",
        costs=costs,  # type: ignore[arg-type]
    )


def test_macc_counts_what_each_measure_adds_after_those_before_it() -> None:
    # oil heating 100 t. "cut" removes 60 t for 600 EUR/a (10 EUR/t); "half" cuts 50 % for
    # 1000 EUR/a (20 EUR/t alone). After "cut": 100 * 0.5 = 50 remain before the 60 t cut,
    # so everything goes and "half" adds 100 - 60 = 40 t: 1000 / 40 = 25 EUR/t.
    # The compensation abates nothing and comes last.
    baseline = EmissionInventory.from_array(
        np.full((1, 1, 2), 100.0),
        "t CO2e / a",
        areas=["167"],
        sectors=["Ölj"],
        years=[2030, 2035],
        rule=ALL,
    )
    candidates = [
        _costed("half", RelativeCut("Ölj", 0.5), 1000.0),
        _costed("wind", Compensation(Q_(30, "t CO2e / a")), 10.0),
        _costed("cut", AbsoluteCut("Ölj", Q_(60, "t CO2e / a")), 600.0),
    ]
    steps = marginal_abatement_cost_curve(baseline, candidates, 2030)
    assert [s.measure for s in steps] == ["cut", "half", "wind"]
    assert [s.abatement.m_as("t CO2e / a") for s in steps] == pytest.approx([60.0, 40.0, 0.0])
    assert steps[0].cost_effectiveness.m_as("EUR / (t CO2e)") == pytest.approx(10.0)
    assert steps[1].cost_effectiveness.m_as("EUR / (t CO2e)") == pytest.approx(25.0)
    assert np.isnan(steps[2].cost_effectiveness.m)
    assert steps[-1].cumulative_abatement.m_as("t CO2e / a") == pytest.approx(100.0)
    # with "cut" already decided, only "half" and "wind" are on the curve
    fixed = marginal_abatement_cost_curve(baseline, candidates[:2], 2030, fixed=candidates[2:])
    assert [s.measure for s in fixed] == ["half", "wind"]
    bare = Measure("bare", RelativeCut("Ölj", 0.1), Ramp.step(2020), "illustrative", "167")
    with pytest.raises(ValueError, match="'bare'"):
        marginal_abatement_cost_curve(baseline, [bare], 2030)


def test_a_replicated_measure_costs_the_sum_of_its_scales() -> None:
    # 1 000 EUR/a at home, scaled x3 in a second municipality: 4 000 EUR/a in all
    measure = attrs.evolve(
        _costed("bus", AbsoluteCut("Tie", Q_(1, "t CO2e / a")), 1000.0),
        areas=("167", "091"),
        scales=(1.0, 3.0),
    )
    assert measure.annualised_cost().m_as("EUR / a") == pytest.approx(4000.0)


@given(st.data())
def test_macc_steps_add_up_and_ignore_the_listing_order(data: st.DataObject) -> None:
    baseline = data.draw(baselines(max_holes=0))
    drawn = data.draw(measure_lists(baseline, max_size=4))
    candidates = [
        attrs.evolve(
            m,
            ramp=attrs.evolve(m.ramp, lifetime=50),
            costs=MeasureCosts(Q_(0, "EUR"), Q_(data.draw(st.floats(-1e4, 1e5)), "EUR / a"), 0.0),
        )
        for m in drawn
    ]
    year = baseline.years.labels[-1]
    steps = marginal_abatement_cost_curve(baseline, candidates, year)
    assert sorted(s.measure for s in steps) == sorted(m.name for m in candidates)
    before = np.sum(baseline.sel(years=[year]).values.m_as("t CO2e / a"))
    after = np.sum(
        combine(baseline.sel(years=[year]), candidates).remaining.values.m_as("t CO2e / a")
    )
    total = sum(s.abatement.m_as("t CO2e / a") for s in steps)
    assert total == pytest.approx(before - after, rel=1e-9, abs=1e-6)
    shuffled = data.draw(st.permutations(candidates))
    again = marginal_abatement_cost_curve(baseline, shuffled, year)
    assert [s.measure for s in again] == [s.measure for s in steps]


def test_a_nan_cost_is_refused() -> None:
    with pytest.raises(ValueError, match="NaN"):
        MeasureCosts(Q_(float("nan"), "EUR"), Q_(0, "EUR / a"), 0.04)


def test_cost_per_year_follows_the_deployed_part() -> None:
    # 1 000 EUR/a at full deployment; half deployed in 2025, all in 2030, gone after 20 years
    measure = attrs.evolve(
        _costed("half", RelativeCut("Ölj", 0.5), 1000.0), ramp=Ramp(2020, 2030, lifetime=20)
    )
    costs = measure.cost_per_year([2019, 2025, 2030, 2039, 2040])
    assert costs.m_as("EUR / a").tolist() == [0.0, 500.0, 1000.0, 1000.0, 0.0]
