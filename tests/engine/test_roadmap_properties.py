"""Properties of roadmaps: municipal roadmaps add up to the regional one; order does not matter."""

from __future__ import annotations

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_engine import baselines, measure_lists

from canemure.engine import Roadmap, RoadmapTarget, own_target
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory
from canemure.units import Q_

PK_CODES = tuple(sorted(gazetteer().municipality_codes(gazetteer().region("Pohjois-Karjala"))))


@st.composite
def cases(draw: st.DrawFn) -> tuple[EmissionInventory, Roadmap]:
    """A Pohjois-Karjala history (rule ``all``) and a roadmap with measures on it."""
    drawn = draw(baselines(max_areas=3, max_years=3, max_holes=1))
    codes = draw(
        st.lists(
            st.sampled_from(PK_CODES), min_size=len(drawn.areas), max_size=len(drawn.areas),
            unique=True,
        )
    )  # fmt: skip
    history = attrs.evolve(drawn, areas=codes, sources={c: () for c in codes})
    measures = draw(measure_lists(history, max_size=4))
    end = history.years.labels[-1] + draw(st.integers(1, 4))
    cut = own_target(
        "cut",
        end,
        reduction=Q_(draw(st.floats(0, 100)), "percent"),
        base_year=history.years.labels[0],
    )
    target = RoadmapTarget(cut, allocate=draw(st.sampled_from(["none", "proportional"])))
    return history, Roadmap(
        "Pohjois-Karjala", rule="all", end_year=end, measures=measures, targets=[target]
    )


def _close(a: np.ndarray, b: np.ndarray) -> None:
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_municipal_roadmaps_add_up_to_the_regional_one(
    case: tuple[EmissionInventory, Roadmap],
) -> None:
    history, roadmap = case
    joint = roadmap.compute(history)
    whole = joint.rollup({"all": joint.areas})
    parts = [r.compute(history) for r in roadmap.municipal(history).values()]
    assert len(parts) == len(joint.areas)
    _close(whole.trajectory.magnitude[0], sum(p.trajectory.magnitude[0] for p in parts))
    _close(whole.baseline.magnitude[0], sum(p.baseline.magnitude[0] for p in parts))
    _close(whole.cumulative.values.m[0], sum(p.cumulative.values.m[0] for p in parts))
    (level,), (gap,), (milestone,) = whole.levels, whole.gaps, whole.milestones
    _close(level.level.m, sum(p.levels[0].level.m for p in parts))
    _close(gap.difference.m, sum(p.gaps[0].difference.m for p in parts))
    _close(milestone.emissions.m, sum(p.milestones[0].emissions.m for p in parts))
    if gap.sector_gap is not None:
        _close(
            gap.sector_difference.m,  # type: ignore[union-attr]
            sum(p.gaps[0].sector_difference.m for p in parts),  # type: ignore[union-attr]
        )
    for m, name in enumerate(joint.measures):
        wedges = sum(p.wedges.m[p.measures.index(name), 0] for p in parts if name in p.measures)
        costs = sum(p.costs.m[p.measures.index(name), 0] for p in parts if name in p.measures)
        comp = sum(p.compensation.m[p.measures.index(name), 0] for p in parts if name in p.measures)
        _close(whole.wedges.m[m, 0], wedges)
        _close(whole.costs.m[m, 0], costs)
        _close(whole.compensation.m[m, 0], comp)


@settings(max_examples=60, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_measure_order_does_not_matter(
    case: tuple[EmissionInventory, Roadmap], rnd: object
) -> None:
    history, roadmap = case
    shuffled = list(roadmap.measures)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    first = roadmap.compute(history)
    second = attrs.evolve(roadmap, measures=shuffled).compute(history)
    np.testing.assert_array_equal(first.trajectory.magnitude, second.trajectory.magnitude)
    for name in first.measures:
        i, j = first.measures.index(name), second.measures.index(name)
        _close(first.wedges.m[i], second.wedges.m[j])
        _close(first.costs.m[i], second.costs.m[j])
