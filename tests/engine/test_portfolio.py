"""Portfolio selection: portfolios solved by hand, constraints, greedy against the optimum."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.engine.costs import MeasureCosts
from canemure.engine.measures import AbsoluteCut, Compensation, Measure, RelativeCut
from canemure.engine.portfolio import (
    compare_with_optimum,
    portfolio_sector,
    select_portfolio,
)
from canemure.engine.ramp import Ramp
from canemure.errors import MissingDependencyError
from canemure.inventory import EmissionInventory
from canemure.sectors import HINKU_WITH_CREDITS
from canemure.units import Q_

SECTORS = ["Ölj", "Säh", "Kau", "Tie"]
TARGET = "t CO2e / a"


def _inventory(values: list[float] | None = None) -> EmissionInventory:
    values = values or [100.0] * len(SECTORS)
    return EmissionInventory.from_array(
        np.array(values)[None, :, None],
        "t CO2e / a",
        areas=["167"],
        sectors=SECTORS,
        years=[2030],
        rule=HINKU_WITH_CREDITS,
    )


def _costs(cost: float, investment: float = 0.0) -> MeasureCosts:
    # operating cost only, discount rate 0 and lifetime 10: annualised = investment / 10 + cost
    return MeasureCosts(Q_(investment, "EUR"), Q_(cost, "EUR / a"), 0.0)


def _cut(name: str, sector: str, tonnes: float, cost: float, investment: float = 0.0) -> Measure:
    mechanism = AbsoluteCut(sector, Q_(tonnes, TARGET))
    return Measure(
        name,
        mechanism,
        Ramp.step(2025, lifetime=10),
        "illustrative",
        "167",
        costs=_costs(cost, investment),
    )


def _half(name: str = "half", cost: float = 100.0) -> Measure:
    return Measure(
        name,
        RelativeCut("Ölj", 0.5),
        Ramp.step(2025, lifetime=10),
        "illustrative",
        "167",
        costs=_costs(cost),
    )


def test_three_interacting_measures_by_hand() -> None:
    # Oil heating emits 100 t. half: -50 %, cost 100; cut30: -30 t, cost 50; cut60: -60 t,
    # cost 150. Relative cuts act first, absolute cuts take from what remains (combine).
    # Subsets reaching 90 t: {cut30, cut60}: 90 t, cost 200; {half, cut60}: 50 - 60 stops at
    # 0, 100 t, cost 250; all three: 100 t, cost 300 ({half, cut30}: 50 - 30, 80 t, too few).
    # Greedy: cut30 first (50/30 = 1.67 EUR/t < half 100/50 = 2.0 < cut60 150/60 = 2.5); given
    # cut30, half adds 50 t (2.0) and cut60 60 t (2.5): half, 80 t; then cut60 adds the last
    # 20 t: 100 t. Pruning, most expensive first: without cut60 80 t (kept); without half
    # 90 t (dropped); without cut30 60 t (kept). Greedy ends at the optimum.
    candidates = [_half(), _cut("cut30", "Ölj", 30, 50), _cut("cut60", "Ölj", 60, 150)]
    target = Q_(90, TARGET)
    greedy = select_portfolio(_inventory(), candidates, 2030, target)
    assert greedy.chosen == ("cut30", "cut60")
    assert greedy.reduction.m_as(TARGET) == pytest.approx(90.0)
    assert greedy.annualised_cost.m_as("EUR / a") == pytest.approx(200.0)
    for method in ("enumerate", "milp"):
        best = select_portfolio(_inventory(), candidates, 2030, target, method=method)
        assert sorted(best.chosen) == ["cut30", "cut60"]
        assert best.annualised_cost.m_as("EUR / a") == pytest.approx(200.0)
        assert best.met
    # a lower target: 75 t; {half, cut30} (80 t, 150) is the cheapest, and greedy finds it
    lower = compare_with_optimum(_inventory(), candidates, 2030, Q_(75, TARGET), optimum="milp")
    assert lower.greedy.chosen == ("cut30", "half")
    assert sorted(lower.optimum.chosen) == ["cut30", "half"]
    assert lower.gap.m_as("EUR / a") == pytest.approx(0.0)


def test_greedy_can_miss_a_knapsack_optimum() -> None:
    # A and B: 7 t for 63 EUR/a (9 EUR/t); C: 10 t for 100 (10 EUR/t); target 10 t.
    # Greedy takes A, then B (14 t, 126 EUR/a); alone, C reaches 10 t for 100 EUR/a.
    candidates = [
        _cut("A", "Ölj", 7, 63),
        _cut("B", "Säh", 7, 63),
        _cut("C", "Kau", 10, 100),
        _cut("D", "Tie", 4, 44),
    ]
    comparison = compare_with_optimum(_inventory(), candidates, 2030, Q_(10, TARGET))
    assert comparison.greedy.chosen == ("A", "B")
    assert comparison.optimum.chosen == ("C",)
    assert comparison.gap.m_as("EUR / a") == pytest.approx(26.0)
    assert comparison.relative_gap == pytest.approx(0.26)


def test_budget_sector_limits_and_fixed_measures() -> None:
    # annualised: cheap 5000/10 - 460 = 40 EUR/a, dear 1000/10 - 20 = 80 EUR/a
    candidates = [_cut("cheap", "Ölj", 40, -460, 5000), _cut("dear", "Säh", 40, -20, 1000)]
    inventory = _inventory()
    target = Q_(40, TARGET)
    assert select_portfolio(inventory, candidates, 2030, target).chosen == ("cheap",)
    # cheap costs 5000 EUR of investment: over a budget of 2000
    assert select_portfolio(inventory, candidates, 2030, target, budget=Q_(2000, "EUR")).chosen == (
        "dear",
    )
    limited = select_portfolio(
        inventory, candidates, 2030, target, sector_limits={"Ölj": Q_(1, "kEUR")}
    )
    assert limited.chosen == ("dear",)
    # a fixed measure counts towards the target and the budget
    fixed = [_cut("decided", "Kau", 30, 10, 500)]
    with_fixed = select_portfolio(
        inventory, candidates, 2030, Q_(70, TARGET), fixed=fixed, method="enumerate"
    )
    assert with_fixed.chosen == ("cheap",)
    assert with_fixed.fixed == ("decided",)
    assert with_fixed.reduction.m_as(TARGET) == pytest.approx(70.0)
    assert with_fixed.investment.m_as("EUR") == pytest.approx(5500.0)
    # cheap 40 + decided 500/10 + 10 EUR/a
    assert with_fixed.annualised_cost.m_as("EUR / a") == pytest.approx(100.0)


def test_an_unreachable_target_is_reported_not_raised() -> None:
    candidates = [_cut("a", "Ölj", 10, 10), _cut("b", "Säh", 10, 10)]
    for method in ("greedy", "enumerate", "milp"):
        result = select_portfolio(_inventory(), candidates, 2030, Q_(50, TARGET), method=method)
        assert not result.met
        assert result.note
    assert np.isnan(compare_with_optimum(_inventory(), candidates, 2030, Q_(50, TARGET)).gap.m)


def test_compensation_never_counts_and_sector_of_a_measure() -> None:
    wind = Measure(
        "wind",
        Compensation(Q_(500, TARGET)),
        Ramp.step(2025, lifetime=10),
        "illustrative",
        "167",
        costs=_costs(1.0),
    )
    assert portfolio_sector(wind) == "compensation"
    assert portfolio_sector(_half()) == "Ölj"
    result = select_portfolio(_inventory(), [wind], 2030, Q_(1, TARGET))
    assert not result.met
    assert result.reduction.m_as(TARGET) == 0.0


def test_measures_need_costs_and_milp_needs_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    bare = Measure("bare", RelativeCut("Ölj", 0.1), Ramp.step(2025, lifetime=10), "x", "167")
    with pytest.raises(ValueError, match="'bare'"):
        select_portfolio(_inventory(), [bare], 2030, Q_(1, TARGET))
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    with pytest.raises(MissingDependencyError, match=r"canemure\[optimize\]"):
        select_portfolio(_inventory(), [_half()], 2030, Q_(1, TARGET), method="milp")


def test_cost_effectiveness_is_eur_per_tonne() -> None:
    result = select_portfolio(_inventory(), [_cut("a", "Ölj", 10, 50)], 2030, Q_(5, TARGET))
    assert result.cost_effectiveness.m_as("EUR / (t CO2e)") == pytest.approx(5.0)
    assert result.cost_effectiveness.dimensionality == Q_(1, "EUR / (t CO2e)").dimensionality


@st.composite
def problems(draw: st.DrawFn, interacting: bool = True) -> tuple[list[Measure], float]:
    n = draw(st.integers(1, 6))
    measures: list[Measure] = []
    for i in range(n):
        sector = draw(st.sampled_from(SECTORS)) if interacting else SECTORS[i % len(SECTORS)]
        cost = draw(st.floats(-50, 500, allow_nan=False))
        if interacting and draw(st.booleans()):
            fraction = draw(st.floats(0.05, 0.9))
            mechanism: RelativeCut | AbsoluteCut = RelativeCut(sector, fraction)
        else:
            mechanism = AbsoluteCut(sector, Q_(draw(st.floats(1, 120)), TARGET))
        measures.append(
            Measure(
                f"m{i}",
                mechanism,
                Ramp.step(2025, lifetime=10),
                "drawn by hypothesis",
                "167",
                costs=_costs(cost),
            )
        )
    if not interacting:
        measures = measures[: len(SECTORS)]
    target = draw(st.floats(1, 300))
    return measures, target


@given(problems())
def test_greedy_never_beats_the_exact_optimum(problem: tuple[list[Measure], float]) -> None:
    measures, target = problem
    comparison = compare_with_optimum(_inventory(), measures, 2030, Q_(target, TARGET))
    for portfolio in (comparison.greedy, comparison.optimum):
        assert portfolio.annualised_cost.dimensionality == Q_(1, "EUR / a").dimensionality
        assert portfolio.reduction.dimensionality == Q_(1, "t CO2e / a").dimensionality
        ce = portfolio.cost_effectiveness
        assert ce.dimensionality == Q_(1, "EUR / (t CO2e)").dimensionality
    if comparison.greedy.met:
        assert comparison.optimum.met
        assert comparison.gap.m_as("EUR / a") >= -1e-9 * max(
            1.0, abs(comparison.optimum.annualised_cost.m)
        )
    else:
        assert not comparison.optimum.met


@given(problems(interacting=False))
def test_milp_is_exact_without_interactions(problem: tuple[list[Measure], float]) -> None:
    measures, target = problem
    exact = select_portfolio(_inventory(), measures, 2030, Q_(target, TARGET), method="enumerate")
    milp = select_portfolio(_inventory(), measures, 2030, Q_(target, TARGET), method="milp")
    assert milp.met == exact.met
    if exact.met:
        assert milp.annualised_cost.m == pytest.approx(exact.annualised_cost.m, abs=1e-6)
        assert milp.note == ""


def test_milp_states_where_its_pairwise_approximation_falls_short() -> None:
    # Three 50 % cuts of 100 t: alone 50 t each, two together 75 t (b = 75 - 50 - 50 = -25),
    # all three 87.5 t, but the pairwise expansion says 3 x 50 - 3 x 25 = 75 t. A target of
    # 80 t is reachable (all three) yet not in the linearised programme.
    candidates = [_half(name, 10.0) for name in ("h1", "h2", "h3")]
    target = Q_(80, TARGET)
    exact = select_portfolio(_inventory(), candidates, 2030, target, method="enumerate")
    assert exact.met
    assert exact.reduction.m_as(TARGET) == pytest.approx(87.5)
    milp = select_portfolio(_inventory(), candidates, 2030, target, method="milp")
    assert not milp.met
    assert "linearised" in milp.note
    # three 40 t cuts of 100 t: every pair is exact (80 t), all three stop at 100 t, but the
    # expansion says 120 t: the programme takes them for 110 t, the truth says short
    cuts = [_cut(name, "Ölj", 40, 10) for name in ("c1", "c2", "c3")]
    over = select_portfolio(_inventory(), cuts, 2030, Q_(110, TARGET), method="milp")
    assert sorted(over.chosen) == ["c1", "c2", "c3"]
    assert not over.met
    assert "estimated 120" in over.note
    assert "combined 100" in over.note
