"""Combining measures: worked examples computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from canemure.engine.combine import combine
from canemure.engine.measures import AbsoluteCut, Measure, RelativeCut
from canemure.engine.ramp import Ramp
from canemure.inventory import EmissionInventory
from canemure.sectors import HINKU_WITH_CREDITS
from canemure.units import Q_

KT = "kt CO2e / a"


def _inventory(values: list[float]) -> EmissionInventory:
    return EmissionInventory.from_array(
        np.array(values, dtype=float)[None, :, None],
        KT,
        areas=["167"],
        sectors=["Ölj", "Tuu"],
        years=[2030],
        rule=HINKU_WITH_CREDITS,
    )


def _measure(name: str, mechanism: object, start: int = 2020) -> Measure:
    return Measure(name, mechanism, Ramp.step(start), "illustrative", "167")  # type: ignore[arg-type]


def test_relative_cuts_multiply_then_absolute_cuts_take_from_what_remains() -> None:
    # 100 * (1 - 0.5) * (1 - 0.2) = 40; then 10 + 5 kt absolute: 25
    measures = [
        _measure("half", RelativeCut("Ölj", 0.5)),
        _measure("fifth", RelativeCut("Ölj", 0.2)),
        _measure("ten", AbsoluteCut("Ölj", Q_(10, KT))),
        _measure("five", AbsoluteCut("Ölj", Q_(5000, "t CO2e / a"))),
    ]
    left = combine(_inventory([100.0, -3.0]), measures).remaining
    assert left.value("167", "Ölj", 2030).m == pytest.approx(25.0)
    assert left.value("167", "Tuu", 2030).m == -3.0


def test_absolute_cuts_beyond_what_remains_stop_at_zero() -> None:
    # 100 * 0.5 = 50 remain; cuts of 40 + 30 = 70 would take more: the sector ends at 0
    measures = [
        _measure("half", RelativeCut("Ölj", 0.5)),
        _measure("forty", AbsoluteCut("Ölj", Q_(40, KT))),
        _measure("thirty", AbsoluteCut("Ölj", Q_(30, KT))),
    ]
    assert combine(_inventory([100.0, 0.0]), measures).remaining.magnitude[0, 0, 0] == 0.0


def test_a_sink_may_go_below_zero() -> None:
    # the credits sector is a sink: an absolute cut of 4 kt takes -3 to -7
    measures = [_measure("wind", AbsoluteCut("Tuu", Q_(4, KT)))]
    left = combine(_inventory([1.0, -3.0]), measures).remaining.magnitude[0, :, 0]
    assert left.tolist() == [1.0, -7.0]
    # unless it is not declared a sink
    assert combine(_inventory([1.0, 3.0]), measures, sinks=()).remaining.magnitude[0, 1, 0] == 0


def test_measures_act_from_their_ramp_on() -> None:
    inventory = EmissionInventory.from_array(
        np.full((1, 1, 3), 100.0),
        KT,
        areas=["167"],
        sectors=["Ölj"],
        years=[2020, 2025, 2030],
        rule=HINKU_WITH_CREDITS,
    )
    measure = Measure("half", RelativeCut("Ölj", 0.5), Ramp(2020, 2030), "illustrative", "167")
    left = combine(inventory, [measure]).remaining.magnitude[0, 0]
    assert left.tolist() == [100.0, 75.0, 50.0]  # 0, 25 and 50 % cut


def test_names_must_be_unique() -> None:
    twice = [_measure("a", RelativeCut("Ölj", 0.1)), _measure("a", RelativeCut("Ölj", 0.2))]
    with pytest.raises(ValueError, match="unique"):
        combine(_inventory([1.0, 0.0]), twice)
