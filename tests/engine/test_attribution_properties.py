"""Shapley wedges: efficiency, symmetry, null player, order, and the definition itself."""

from __future__ import annotations

import itertools
from math import factorial

import attrs
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from strategies_engine import Case, cases

from canemure.engine.attribution import attribute
from canemure.engine.combine import combine
from canemure.engine.measures import Measure, RelativeCut


def _check_efficiency(baseline, measures, **options) -> None:  # type: ignore[no-untyped-def]
    combination = combine(baseline, measures)
    wedges = attribute(combination, **options).wedges.magnitude
    reduction = combination.reduction.magnitude
    ok = baseline.estimated
    total = wedges.sum(axis=0)
    scale = 1.0 + np.abs(baseline.magnitude[ok]).max(initial=0.0)
    np.testing.assert_allclose(total[ok], reduction[ok], rtol=0, atol=1e-9 * scale)


@given(cases())
def test_wedges_add_up_to_the_total_reduction(case: Case) -> None:
    _check_efficiency(case.baseline, case.measures)


@given(cases())
def test_sampled_wedges_add_up_too(case: Case) -> None:
    _check_efficiency(case.baseline, case.measures, max_exact=0, samples=4, seed=3)


@given(cases(max_size=4), st.data())
def test_symmetric_measures_get_equal_wedges(case, data) -> None:  # type: ignore[no-untyped-def]
    baseline, measures = case.baseline, case.measures
    original = data.draw(st.sampled_from(measures))
    twin = attrs.evolve(original, name="twin")
    wedges = attribute(combine(baseline, [*measures, twin])).wedges.magnitude
    i = [m.name for m in measures].index(original.name)
    np.testing.assert_allclose(wedges[i], wedges[-1], rtol=1e-9, atol=1e-9)


@given(cases(), st.data())
def test_a_measure_that_does_nothing_gets_nothing(case, data) -> None:  # type: ignore[no-untyped-def]
    baseline, measures = case.baseline, case.measures
    sector = data.draw(st.sampled_from(list(baseline.sectors)))
    idle = Measure(
        "idle", RelativeCut(sector, 0.0), measures[0].ramp, "test", baseline.areas.labels[0]
    )
    wedges = attribute(combine(baseline, [idle, *measures])).wedges.magnitude
    # where the baseline is not estimated, so is every wedge of a measure acting there
    assert np.all(wedges[0][baseline.estimated] == 0.0)


@given(cases(), st.randoms(use_true_random=False))
def test_wedges_do_not_depend_on_order(case, random) -> None:  # type: ignore[no-untyped-def]
    baseline, measures = case.baseline, case.measures
    shuffled = list(measures)
    random.shuffle(shuffled)
    first = attribute(combine(baseline, measures)).wedges.magnitude
    second = attribute(combine(baseline, shuffled)).wedges.magnitude
    position = [[m.name for m in shuffled].index(m.name) for m in measures]
    np.testing.assert_allclose(first, second[position], rtol=1e-9, atol=1e-9)


@given(cases(max_size=4))
def test_exact_equals_the_definition_over_all_orders(case: Case) -> None:
    # Shapley value as the average marginal contribution over all n! orders, by brute force
    baseline, measures = case.baseline, case.measures
    n = len(measures)
    wedges = attribute(combine(baseline, measures)).by_measure.magnitude
    totals = {}
    for size in range(n + 1):
        for subset in itertools.combinations(range(n), size):
            left = combine(baseline, [measures[i] for i in subset]).remaining.magnitude
            totals[subset] = np.nansum(baseline.magnitude - left, axis=(0, 1))
    expected = np.zeros_like(wedges)
    for order in itertools.permutations(range(n)):
        for k, i in enumerate(order):
            before = tuple(sorted(order[:k]))
            expected[i] += totals[tuple(sorted((*before, i)))] - totals[before]
    expected /= factorial(n)
    got = np.nan_to_num(attribute(combine(baseline, measures)).wedges.magnitude).sum(axis=(1, 2))
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-7)
    assert wedges.shape == expected.shape
