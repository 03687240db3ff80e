"""Properties of combining measures: order, sinks, compensation, not-estimated cells."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from strategies_engine import Case, cases

from canemure.engine.combine import combine
from canemure.sectors import CREDITS


@given(cases(), st.randoms(use_true_random=False))
def test_order_does_not_matter_bit_for_bit(case, random) -> None:  # type: ignore[no-untyped-def]
    baseline, measures = case.baseline, case.measures
    shuffled = list(measures)
    random.shuffle(shuffled)
    first = combine(baseline, measures)
    second = combine(baseline, shuffled)
    assert np.array_equal(first.remaining.magnitude, second.remaining.magnitude, equal_nan=True)
    position = {m.name: i for i, m in enumerate(shuffled)}
    again = second.compensation.magnitude[[position[m.name] for m in measures]]
    assert np.array_equal(first.compensation.magnitude, again)


@given(cases())
def test_no_sector_below_zero_except_sinks(case: Case) -> None:
    baseline, measures = case.baseline, case.measures
    left = combine(baseline, measures).remaining.magnitude
    ordinary = np.array([s != CREDITS for s in baseline.sectors])
    values = left[:, ordinary]
    assert np.all(values[~np.isnan(values)] >= 0.0)


@given(cases())
def test_not_estimated_stays_not_estimated(case: Case) -> None:
    baseline, measures = case.baseline, case.measures
    left = combine(baseline, measures).remaining.magnitude
    assert np.array_equal(np.isnan(left), np.isnan(baseline.magnitude))


@given(cases())
def test_compensation_never_touches_emissions(case: Case) -> None:
    baseline, measures = case.baseline, case.measures
    emitting = [m for m in measures if type(m.mechanism).__name__ != "Compensation"]
    with_all = combine(baseline, measures).remaining.magnitude
    without = combine(baseline, emitting).remaining.magnitude
    assert np.array_equal(with_all, without, equal_nan=True)


@given(cases())
def test_reductions_only_cut_and_more_cuts_never_raise_emissions(case: Case) -> None:
    # with only relative and absolute cuts, adding a measure never increases an ordinary cell
    # (a relative cut of a sink shrinks the sink: that cell rises towards zero)
    baseline, measures = case.baseline, case.measures
    ordinary = np.array([s != CREDITS for s in baseline.sectors])
    cuts = [m for m in measures if type(m.mechanism).__name__ in ("RelativeCut", "AbsoluteCut")]
    for k in range(len(cuts)):
        fewer = combine(baseline, cuts[:k]).remaining.magnitude
        more = combine(baseline, cuts[: k + 1]).remaining.magnitude
        ok = ~np.isnan(fewer) & ordinary[None, :, None]
        assert np.all(more[ok] <= fewer[ok] + 1e-9)
