"""Shapley wedges: worked examples computed by hand, exact and sampled."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

from canemure.engine.attribution import attribute
from canemure.engine.combine import combine
from canemure.engine.measures import CANCELLED, AbsoluteCut, Compensation, Measure, RelativeCut
from canemure.engine.ramp import Ramp
from canemure.inventory import EmissionInventory
from canemure.sectors import ALL
from canemure.units import Q_

KT = "kt CO2e / a"


def _inventory(values: list[float], sectors: list[str]) -> EmissionInventory:
    return EmissionInventory.from_array(
        np.array(values, dtype=float)[None, :, None],
        KT,
        areas=["167"],
        sectors=sectors,
        years=[2030],
        rule=ALL,
    )


def _measure(name: str, mechanism: object) -> Measure:
    return Measure(name, mechanism, Ramp.step(2020), "illustrative", "167")  # type: ignore[arg-type]


def test_two_relative_cuts_share_their_overlap_equally() -> None:
    # v(a) = 50, v(b) = 20, v(ab) = 100 - 100*0.5*0.8 = 60
    # phi_a = (50 + (60 - 20)) / 2 = 45; phi_b = (20 + (60 - 50)) / 2 = 15
    measures = [_measure("a", RelativeCut("Tie", 0.5)), _measure("b", RelativeCut("Tie", 0.2))]
    result = attribute(combine(_inventory([100.0], ["Tie"]), measures))
    np.testing.assert_allclose(result.by_measure.m_as(KT)[:, 0], [45.0, 15.0])
    assert result.exact and result.standard_error.magnitude.max() == 0.0


def test_cuts_that_hit_zero_share_what_there_was() -> None:
    # 10 kt left; cuts of 8 and 12: v(a) = 8, v(b) = 10, v(ab) = 10
    # phi_a = (8 + 0) / 2 = 4; phi_b = (10 + 2) / 2 = 6
    measures = [
        _measure("a", AbsoluteCut("Tie", Q_(8, KT))),
        _measure("b", AbsoluteCut("Tie", Q_(12, KT))),
    ]
    result = attribute(combine(_inventory([10.0], ["Tie"]), measures))
    np.testing.assert_allclose(result.by_measure.m_as(KT)[:, 0], [4.0, 6.0])


def test_groups_are_the_measures_meeting_in_a_cell() -> None:
    measures = [
        _measure("road", RelativeCut("Tie", 0.5)),
        _measure("oil", RelativeCut("Ölj", 0.5)),
        _measure("oil2", AbsoluteCut("Ölj", Q_(1, KT))),
    ]
    result = attribute(combine(_inventory([10.0, 20.0], ["Ölj", "Tie"]), measures))
    assert sorted(g.measures for g in result.groups) == [("oil", "oil2"), ("road",)]
    assert sorted(result.interaction_groups) == [("oil", "oil2"), ("road",)]
    # road: 20 * 0.5 = 10; oil: v(oil) = 5, v(oil2) = 1, v(both) = 10 - (5 - 1) = 6: additive
    np.testing.assert_allclose(result.by_measure.m_as(KT)[:, 0], [10.0, 5.0, 1.0])


def test_thirteen_measures_are_sampled_and_stay_efficient() -> None:
    # 13 equal 10 % cuts: symmetric, so each gets exactly 1/13 of 100 * (1 - 0.9^13)
    measures = [_measure(f"m{i:02d}", RelativeCut("Tie", 0.1)) for i in range(13)]
    combination = combine(_inventory([100.0], ["Tie"]), measures)
    result = attribute(combination, samples=50, seed=1)
    (group,) = result.groups
    assert not group.exact and group.samples == 50
    total = 100.0 * (1 - 0.9**13)
    wedges = result.by_measure.m_as(KT)[:, 0]
    assert wedges.sum() == pytest.approx(total, rel=1e-12)
    # a permutation sample of symmetric players: each marginal depends only on the position,
    # so antithetic pairs are not all equal; the standard error says how far they may be off
    error = result.standard_error.m_as(KT)[:, 0]
    assert np.all(error > 0)
    assert np.all(np.abs(wedges - total / 13) <= 5 * error + 1e-9)
    exact = attribute(combination, max_exact=13).by_measure.m_as(KT)[:, 0]
    np.testing.assert_allclose(exact, total / 13)


def test_nothing_to_attribute_gives_empty_groups() -> None:
    inventory = _inventory([5.0], ["Tie"])
    assert attribute(combine(inventory, [])).wedges.shape == (0, 1, 1, 1)
    wind = _measure("wind", Compensation(Q_(1, KT)))
    result = attribute(combine(inventory, [wind]))
    assert result.groups == () and result.interaction_groups == ()
    assert result.wedges.magnitude.tolist() == [[[[0.0]]]]  # compensation is not a wedge


def test_a_cancelled_measure_gets_no_wedge() -> None:
    cancelled = attrs.evolve(_measure("gone", RelativeCut("Tie", 0.5)), status=CANCELLED)
    kept = _measure("kept", RelativeCut("Tie", 0.5))
    result = attribute(combine(_inventory([10.0], ["Tie"]), [cancelled, kept]))
    assert result.by_measure.m_as(KT)[:, 0].tolist() == [0.0, 5.0]


def test_wedges_roll_up_by_area_and_by_sector() -> None:
    baseline = EmissionInventory.from_array(
        np.array([[[10.0], [20.0]], [[30.0], [40.0]]]),
        KT,
        areas=["167", "091"],
        sectors=["Ölj", "Tie"],
        years=[2030],
        rule=ALL,
    )
    half = Measure("half", RelativeCut("Tie", 0.5), Ramp.step(2020), "illustrative", ["167", "091"])
    result = attribute(combine(baseline, [half]))
    assert result.by_area.m_as(KT)[0, :, 0].tolist() == [10.0, 20.0]
    assert result.by_sector.m_as(KT)[0, :, 0].tolist() == [0.0, 30.0]
