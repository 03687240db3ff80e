"""The cost curve of a roadmap, worked by hand (the roadmap of tests/engine/test_roadmap.py).

History (kt CO2e/a, HINKU) of road transport (Tie) in 2020: 167 = 80, 090 = 16; heating oil
(Ölj) 40 and 8; held constant to 2030. Measures at full effect from 2025:

* ``A``: 25 % off road transport in both municipalities, no costs given;
* ``B``: 70 kt/a off road transport in 167; annualised 1e6 EUR / 10 a + 5 000 EUR/a =
  105 000 EUR/a.

On the curve in 2030 ``B`` comes first (the only measure with a cost): it removes 70 of 167's
80 kt, so 70 kt/a at 105 000 EUR / 70 000 t = 1.5 EUR/t. ``A`` follows, not estimated by
cost: after ``B`` it adds 80 - 70 = 10 kt in 167 (A and B together leave nothing there) and
16 x 0.25 = 4 kt in 090, so 14 kt/a; cumulative 84 kt/a = 144 - 60, the roadmap's reduction.
(Its Shapley wedge is 19 kt/a: the curve gives each measure what it adds at its place.)
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from canemure.engine import AbsoluteCut, MeasureCosts, Ramp, RelativeCut, Roadmap
from canemure.engine.measures import Measure
from canemure.inventory import EmissionInventory, Source
from canemure.reports.macc import macc_rows, macc_year
from canemure.sectors import accounting_rule
from canemure.units import Q_


def _history(hole: bool = False) -> EmissionInventory:
    values = np.array([[[100.0, 80.0], [50.0, 40.0]], [[20.0, 16.0], [10.0, 8.0]]])
    if hole:
        values[1, 0, 1] = np.nan  # 090's road transport in 2020 not estimated
    return EmissionInventory.from_array(
        values,
        "kt CO2e / a",
        areas=["167", "090"],
        sectors=["Tie", "Ölj"],
        years=[2007, 2020],
        rule=accounting_rule("hinku"),
        source=Source(id="test:hand", title="hand-made figures for a worked example"),
    )


def _roadmap() -> Roadmap:
    a = Measure("A", RelativeCut("Tie", 0.25), Ramp.step(2025), "hand-made", ("167", "090"))
    b = Measure(
        "B",
        AbsoluteCut("Tie", Q_(70.0, "kt CO2e / a")),
        Ramp.step(2025, lifetime=10),
        "hand-made",
        ("167",),
        costs=MeasureCosts(Q_(1e6, "EUR"), Q_(5000.0, "EUR / a"), 0.0),
    )
    return Roadmap("Pohjois-Karjala", end_year=2030, measures=[a, b])


def test_the_curve_by_hand() -> None:
    result = _roadmap().compute(_history())
    assert macc_year(result) == 2030  # no target: the end year
    b, a = macc_rows(result)
    assert (b.measure, b.priced, b.status) == ("B", True, "planned")
    assert b.abatement == pytest.approx(70.0)
    assert b.cost == pytest.approx(105_000.0)
    assert b.cost_per_tonne == pytest.approx(1.5)
    assert (a.measure, a.priced) == ("A", False)
    assert a.abatement == pytest.approx(14.0)
    assert a.cumulative == pytest.approx(84.0)
    assert math.isnan(a.cost) and math.isnan(a.cost_per_tonne)  # not estimated, not 0


def test_before_the_measures_start_nothing_is_abated() -> None:
    b, a = macc_rows(_roadmap().compute(_history()), 2020)
    assert (b.abatement, a.abatement) == (0.0, 0.0)
    assert math.isnan(b.cost_per_tonne)  # nothing abated: no cost per tonne, not infinity


def test_a_missing_figure_makes_the_abatement_not_estimated() -> None:
    rows = macc_rows(_roadmap().compute(_history(hole=True)), 2030)
    assert all(math.isnan(r.abatement) for r in rows)
    assert all(math.isnan(r.cost_per_tonne) for r in rows)


def test_a_year_outside_the_roadmap_is_refused() -> None:
    with pytest.raises(ValueError, match="2040 is not a year of this roadmap"):
        macc_rows(_roadmap().compute(_history()), 2040)
