"""Stakeholder selection: score tables and swap weights by hand, invariances, model roadmaps."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.engine.stakeholders import (
    CRITERIA,
    REGION_ABBREVIATIONS,
    Candidate,
    candidates_from_macc,
    model_roadmap_measures,
    rank_candidates,
    rank_for_groups,
    read_model_roadmap,
    weight_sensitivity,
)
from canemure.errors import DataFormatError, UnitError
from canemure.units import Q_

EUR_T = "EUR / (t CO2e)"


def _three() -> list[Candidate]:
    return [
        Candidate(
            "A",
            {
                "cost_effectiveness": Q_(10, EUR_T),
                "abatement": Q_(100, "t CO2e/a"),
                "feasibility": 3,
            },
        ),
        Candidate(
            "B",
            {
                "cost_effectiveness": Q_(50, EUR_T),
                "abatement": Q_(0.3, "kt CO2e/a"),
                "feasibility": 5,
            },
        ),
        Candidate(
            "C",
            {
                "cost_effectiveness": Q_(30, EUR_T),
                "abatement": Q_(200, "t CO2e/a"),
                "feasibility": 1,
            },
        ),
    ]


WEIGHTS = {"cost_effectiveness": 2.0, "abatement": 1.0, "feasibility": 1.0}


def test_score_table_by_hand() -> None:
    # normalised (1 = best): cost-effectiveness 10, 50, 30 EUR/t -> 1, 0, 0.5 (lower is better);
    # abatement 100, 300, 200 t -> 0, 1, 0.5; feasibility 3, 5, 1 -> 0.5, 1, 0.
    # weight shares 2/4, 1/4, 1/4: A = 0.5 + 0 + 0.125 = 0.625; B = 0 + 0.25 + 0.25 = 0.5;
    # C = 0.25 + 0.125 + 0 = 0.375.
    table = rank_candidates(_three(), WEIGHTS, group="council")
    assert table.ranking == ("A", "B", "C")
    assert [row.score for row in table.rows] == pytest.approx([0.625, 0.5, 0.375])
    a = table.rows[0].cells
    assert (a["cost_effectiveness"].raw, a["cost_effectiveness"].normalised) == (10.0, 1.0)
    assert a["cost_effectiveness"].weight == 0.5
    assert a["feasibility"].contribution == pytest.approx(0.125)
    b = table.rows[1].cells
    assert b["abatement"].raw == pytest.approx(300.0)  # 0.3 kt kept in t CO2e/a
    text = table.format()
    assert "1.000x0.500" in text
    assert "0.625" in text


def test_the_weight_at_which_two_measures_swap_by_hand() -> None:
    # weighted sums with cost-effectiveness weight w (others 1): A = w + 0.5, B = 2,
    # C = 0.5 w + 0.5. A and B swap at w + 0.5 = 2, w = 1.5; B and C at 2 = 0.5 w + 0.5, w = 3.
    ranges = weight_sensitivity(_three(), WEIGHTS)
    ce = ranges["cost_effectiveness"]
    assert (ce.lower, ce.upper) == pytest.approx((1.5, 3.0))
    assert ce.swap_below == ("A", "B")
    assert ce.swap_above == ("B", "C")
    # abatement weight v: A = 2 + 0.5 = 2.5, B = v + 1, C = 1 + 0.5 v. A and B swap at
    # v = 1.5; B - C = 0.5 v, so they only meet at v = 0: the weight can fall to 0.
    ab = ranges["abatement"]
    assert (ab.lower, ab.upper) == pytest.approx((0.0, 1.5))
    assert ab.swap_below is None
    assert ab.swap_above == ("A", "B")
    # just inside the interval the ranking holds, just outside it changes
    for criterion, rng in ranges.items():
        for weight, same in ((rng.lower + 1e-6, True), (rng.upper - 1e-6, True)):
            moved = {**WEIGHTS, criterion: weight}
            assert (rank_candidates(_three(), moved).ranking == ("A", "B", "C")) is same
        if math.isfinite(rng.upper):
            moved = {**WEIGHTS, criterion: rng.upper + 1e-6}
            assert rank_candidates(_three(), moved).ranking != ("A", "B", "C")


def test_groups_rank_differently() -> None:
    tables = rank_for_groups(
        _three(),
        {"finance": {"cost_effectiveness": 1.0}, "climate": {"abatement": 1.0}},
    )
    assert tables["finance"].ranking == ("A", "C", "B")
    assert tables["climate"].ranking == ("B", "C", "A")
    assert tables["climate"].group == "climate"


def test_missing_ratings_are_not_zero() -> None:
    candidates = [*_three(), Candidate("D", {"cost_effectiveness": Q_(20, EUR_T)})]
    with pytest.raises(ValueError, match="D: abatement; D: feasibility"):
        rank_candidates(candidates, WEIGHTS)
    table = rank_candidates(candidates, WEIGHTS, missing="worst")
    d = next(row for row in table.rows if row.candidate == "D")
    assert d.missing == ("abatement", "feasibility")
    assert d.cells["abatement"].normalised == 0.0
    assert "not rated" in table.format()
    # a zero weight needs no rating
    assert rank_candidates(candidates, {"cost_effectiveness": 1.0}).ranking[0] == "A"


def test_bad_criteria_units_and_weights() -> None:
    with pytest.raises(UnitError):
        Candidate("x", {"cost_effectiveness": Q_(10, "EUR / t")})  # not per tonne of CO2e
    with pytest.raises(ValueError, match="unknown criteria"):
        Candidate("x", {"beauty": 3})
    with pytest.raises(ValueError, match=">= 0"):
        rank_candidates(_three(), {"abatement": -1.0})
    with pytest.raises(ValueError, match="positive"):
        rank_candidates(_three(), {"abatement": 0.0})


@st.composite
def rated(draw: st.DrawFn) -> tuple[list[Candidate], dict[str, float]]:
    n = draw(st.integers(2, 6))
    criteria = draw(st.lists(st.sampled_from(CRITERIA), min_size=1, max_size=4, unique=True))
    value = st.floats(0, 100, allow_nan=False)
    candidates = [
        Candidate(
            f"m{i}",
            {
                c: Q_(draw(value), EUR_T if c == "cost_effectiveness" else "t CO2e/a")
                if c in {"cost_effectiveness", "abatement"}
                else draw(value)
                for c in criteria
            },
        )
        for i in range(n)
    ]
    weights = {c: draw(st.floats(0.01, 10)) for c in criteria}
    return candidates, weights


@given(rated(), st.floats(1e-3, 1e3))
def test_ranking_is_invariant_to_scaling_all_weights(
    case: tuple[list[Candidate], dict[str, float]], factor: float
) -> None:
    candidates, weights = case
    first = rank_candidates(candidates, weights)
    scaled = rank_candidates(candidates, {k: w * factor for k, w in weights.items()})
    assert [r.score for r in scaled.rows] == pytest.approx([r.score for r in first.rows])
    # exact ties may break differently only through rounding: compare the scores' order
    for a, b in zip(scaled.rows, scaled.rows[1:], strict=False):
        assert a.score >= b.score - 1e-12


@given(rated())
def test_scores_lie_between_zero_and_one(case: tuple[list[Candidate], dict[str, float]]) -> None:
    candidates, weights = case
    table = rank_candidates(candidates, weights)
    assert all(-1e-12 <= row.score <= 1 + 1e-12 for row in table.rows)
    assert [row.rank for row in table.rows] == list(range(1, len(candidates) + 1))


@given(rated(), st.data())
def test_moving_a_weight_inside_its_interval_keeps_the_ranking(
    case: tuple[list[Candidate], dict[str, float]], data: st.DataObject
) -> None:
    candidates, weights = case
    first = rank_candidates(candidates, weights).ranking
    for criterion, span in weight_sensitivity(candidates, weights).items():
        assert span.lower <= span.weight <= span.upper
        assert span.lower >= 0.0
        top = min(span.upper, span.weight + 10.0)
        if top - span.lower < 1e-6:
            continue
        inside = data.draw(st.floats(span.lower, top).filter(lambda w: w > 0))
        # stay clear of the ends, where two candidates tie and the name decides
        if min(inside - span.lower, top - inside) < 1e-6 * max(1.0, top):
            continue
        moved = {**weights, criterion: inside}
        assert rank_candidates(candidates, moved).ranking == first


def test_bundled_model_roadmaps_have_tasks_and_no_invented_ratings() -> None:
    rows = model_roadmap_measures()
    assert len(rows) == 12
    assert all(row.impact_stars is None and row.resilience is None for row in rows)
    energy = next(row for row in rows if row.theme_en == "Clean energy production")
    assert energy.tasks[0] == "tuulivoima-alueiden kaavoitus"
    assert len(energy.tasks) == 3
    measure = next(row for row in rows if row.measure_fi == "metsäkadon estäminen")
    candidate = Candidate.from_model_roadmap(measure, feasibility=2)
    assert candidate.name == "Preventing deforestation"
    assert "impact" not in candidate.ratings
    assert candidate.ratings == {"feasibility": 2.0}


HEADER = (
    "theme_fi,theme_en,measure_fi,measure_en_our_translation,impact_stars,resilience,"
    "source_regions,tasks_fi,url,quote,notes\n"
)


def test_an_exported_table_with_stars_and_both_abbreviations(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        HEADER
        + 'Liikenne,Transport,sähköbussit,electric buses,4,#,"PI, SK",kaavoitus; pilotit,u,q,\n'
        + "Liikenne,Transport,pyöräily,cycling,2,,NO,,u,q,\n",
        encoding="utf-8",
    )
    buses, cycling = read_model_roadmap(path)
    assert (buses.impact_stars, buses.resilience) == (4, True)
    assert buses.source_regions == ("Pirkanmaa", "Etelä-Karjala")
    assert buses.tasks == ("kaavoitus", "pilotit")
    assert (cycling.impact_stars, cycling.resilience) == (2, False)
    assert REGION_ABBREVIATIONS["E-K"] == REGION_ABBREVIATIONS["SK"]
    candidate = Candidate.from_model_roadmap(buses)
    assert candidate.ratings == {"impact": 4.0, "resilience": 1.0}
    assert candidate.tasks == ("kaavoitus", "pilotit")


def test_every_problem_of_an_export_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "T,T,m,m,6,x,ZZ,,u,q,\n" + "T,T,,,3,#,UM,,u,q,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as raised:
        read_model_roadmap(path)
    message = str(raised.value)
    for part in ("impact_stars", "'6'", "resilience", "'x'", "'ZZ'", "measure or tasks", "3"):
        assert part in message
    (tmp_path / "short.csv").write_text("theme_fi\nx\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="missing columns"):
        read_model_roadmap(tmp_path / "short.csv")


def test_candidates_from_a_mac_curve() -> None:
    import numpy as np

    from canemure.engine.costs import MeasureCosts
    from canemure.engine.macc import marginal_abatement_cost_curve
    from canemure.engine.measures import AbsoluteCut, Measure
    from canemure.engine.ramp import Ramp
    from canemure.inventory import EmissionInventory
    from canemure.sectors import HINKU_WITH_CREDITS

    baseline = EmissionInventory.from_array(
        np.array([[[100.0], [100.0]]]),
        "t CO2e / a",
        areas=["167"],
        sectors=["Ölj", "Tie"],
        years=[2030],
        rule=HINKU_WITH_CREDITS,
    )

    def cut(name: str, sector: str, tonnes: float, cost: float) -> Measure:
        costs = MeasureCosts(Q_(0, "EUR"), Q_(cost, "EUR/a"), 0.0)
        mechanism = AbsoluteCut(sector, Q_(tonnes, "t CO2e/a"))
        return Measure(name, mechanism, Ramp.step(2025, lifetime=10), "x", "167", costs=costs)

    steps = marginal_abatement_cost_curve(
        baseline, [cut("oil", "Ölj", 20, 200), cut("cars", "Tie", 10, 50)], 2030
    )
    candidates = candidates_from_macc(steps, {"oil": {"feasibility": 5}})
    cars, oil = candidates  # cars first on the curve: 5 EUR/t against 10 EUR/t
    assert cars.ratings == {"cost_effectiveness": 5.0, "abatement": 10.0}
    assert oil.ratings == {"cost_effectiveness": 10.0, "abatement": 20.0, "feasibility": 5.0}
    with pytest.raises(ValueError, match="not on the curve"):
        candidates_from_macc(steps, {"bikes": {"feasibility": 1}})
