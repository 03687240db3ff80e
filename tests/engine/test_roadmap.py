"""A roadmap worked by hand: two municipalities, two measures, one own target.

History (kt CO2e/a), HINKU rule, years 2007 and 2020; projected constant to 2030:

==========  ====  ====  ====  ====
area        Tie 2007  Tie 2020  Ölj 2007  Ölj 2020
==========  ====  ====  ====  ====
167         100   80    50    40
090          20   16    10     8
==========  ====  ====  ====  ====

Measures, both at full effect from 2025 (step ramps):

* ``A``: 25 % off road transport in both municipalities (no costs given);
* ``B``: 70 kt/a off road transport in 167; investment 1 000 000 EUR, operating
  5 000 EUR/a, discount rate 0, lifetime 10 a: annualised 1e6 / 10 + 5 000 = 105 000 EUR/a.

From 2025, 167 Tie: gross = 80 x 0.75 = 60, B would take 70 but only 60 remain: 0 left.
Worths: v(A) = 20, v(B) = 70, v(AB) = 80, so phi_A = (20 + (80 - 70)) / 2 = 15 and
phi_B = (70 + (80 - 20)) / 2 = 65. 090 Tie: 16 -> 12, A's wedge 4. Totals from 2025:
167 = 0 + 40 = 40, 090 = 12 + 8 = 20, region 60 (baseline 144).

Target: -50 % from 2007 by 2030: levels 167 = 0.5 x 150 = 75, 090 = 0.5 x 30 = 15,
region 90. Gaps 2030: 167 = 0 (40 < 75), 090 = 20 - 15 = 5, region 0 (60 < 90; the
municipal gaps add up to 5: a gap of a sum is derived from the summed difference).
Cumulative 2021-2030: 4 x 144 + 6 x 60 = 936 kt (baseline 10 x 144 = 1440).
"""

from __future__ import annotations

import numpy as np
import pytest

from canemure.engine import (
    AbsoluteCut,
    MeasureCosts,
    MilestoneStatus,
    Ramp,
    RelativeCut,
    Roadmap,
    RoadmapError,
    RoadmapTarget,
    ScopeMismatchError,
    own_target,
)
from canemure.engine.measures import Measure
from canemure.engine.scenario import published_target
from canemure.inventory import EmissionInventory, Source
from canemure.sectors import accounting_rule
from canemure.units import Q_

SOURCE = Source(id="test:hand", title="hand-made figures for a worked example")


def history() -> EmissionInventory:
    """The history of the module notes."""
    values = np.array([[[100.0, 80.0], [50.0, 40.0]], [[20.0, 16.0], [10.0, 8.0]]])
    return EmissionInventory.from_array(
        values,
        "kt CO2e / a",
        areas=["167", "090"],
        sectors=["Tie", "Ölj"],
        years=[2007, 2020],
        rule=accounting_rule("hinku"),
        source=SOURCE,
    )


def measures() -> list[Measure]:
    """Measures A and B of the module notes."""
    a = Measure("A", RelativeCut("Tie", 0.25), Ramp.step(2025), "hand-made", ("167", "090"))
    costs = MeasureCosts(Q_(1e6, "EUR"), Q_(5000.0, "EUR / a"), 0.0)
    b = Measure(
        "B",
        AbsoluteCut("Tie", Q_(70.0, "kt CO2e / a")),
        Ramp.step(2025, lifetime=10),
        "hand-made",
        ("167",),
        costs=costs,
    )
    return [a, b]


def roadmap() -> Roadmap:
    """The roadmap of the module notes."""
    target = own_target("half", 2030, reduction=Q_(50.0, "percent"), base_year=2007)
    return Roadmap(
        "Pohjois-Karjala",
        rule="hinku",
        end_year=2030,
        targets=[RoadmapTarget(target)],
        measures=measures(),
    )


def test_trajectory_wedges_and_totals_by_hand() -> None:
    result = roadmap().compute(history())
    k = result.year_index(2030)
    traj = result.trajectory.values.m_as("kt CO2e / a")
    assert result.areas == ("167", "090")
    np.testing.assert_allclose(traj[:, :, k], [[0.0, 40.0], [12.0, 8.0]])
    np.testing.assert_allclose(result.total()[k].m, 60.0)
    np.testing.assert_allclose(result.total("baseline")[k].m, 144.0)
    wedges = result.wedges.m_as("kt CO2e / a")[:, :, :, k]
    np.testing.assert_allclose(wedges[0], [[15.0, 0.0], [4.0, 0.0]])  # A
    np.testing.assert_allclose(wedges[1], [[65.0, 0.0], [0.0, 0.0]])  # B
    np.testing.assert_allclose(result.wedge_totals[:, k].m, [19.0, 65.0])
    assert result.exact
    # before the measures start, nothing is cut
    np.testing.assert_allclose(result.total()[result.year_index(2024)].m, 144.0)


def test_gaps_milestones_and_rollup_by_hand() -> None:
    result = roadmap().compute(history())
    k = result.year_index(2030)
    (gap,) = result.gaps
    np.testing.assert_allclose(gap.level.level.m, [75.0, 15.0])
    np.testing.assert_allclose(gap.gap.m[:, k], [0.0, 5.0])
    (milestone,) = result.milestones
    assert milestone.status == (MilestoneStatus.MET, MilestoneStatus.NOT_MET)
    region = result.rollup({"PK": ("167", "090")})
    np.testing.assert_allclose(region.levels[0].level.m, [90.0])
    np.testing.assert_allclose(region.gaps[0].gap.m[:, k], [0.0])
    np.testing.assert_allclose(region.baseline_gaps[0].gap.m[:, k], [54.0])
    assert region.milestones[0].status == (MilestoneStatus.MET,)
    np.testing.assert_allclose(region.trajectory.magnitude[0, :, k], [12.0, 48.0])
    assert result.scope_labels == ("half (2030, not sourced; within scope)",)


def test_sector_gaps_when_the_level_is_allocated() -> None:
    """Sector levels = each sector's 2007 emissions x 0.5: 167 Tie 50, Ölj 25; 090 Tie 10, Ölj 5.

    2030 trajectory: 167 Tie 0, Ölj 40; 090 Tie 12, Ölj 8. Sector gaps: 167 (0, 15),
    090 (2, 3); the region (Tie 12 - 60 < 0, Ölj 48 - 30 = 18): (0, 18).
    """
    target = own_target("half", 2030, reduction=Q_(50.0, "percent"), base_year=2007)
    allocated = Roadmap(
        "Pohjois-Karjala",
        end_year=2030,
        targets=[RoadmapTarget(target, allocate="proportional")],
        measures=measures(),
    ).compute(history())
    k = allocated.year_index(2030)
    (gap,) = allocated.gaps
    assert gap.level.sectors == ("Tie", "Ölj")
    assert gap.sector_gap is not None
    np.testing.assert_allclose(gap.sector_gap.m[:, :, k], [[0.0, 15.0], [2.0, 3.0]])
    region = allocated.rollup({"PK": ("167", "090")}).gaps[0].sector_gap
    assert region is not None
    np.testing.assert_allclose(region.m[:, :, k], [[0.0, 18.0]])
    # to_regions needs every municipality of the region: two of 13 are not a region's total
    assert np.isnan(allocated.to_regions().gaps[0].gap.m).all()


def test_cumulative_and_costs_by_hand() -> None:
    result = roadmap().compute(history())
    assert (result.cumulative.first_year, result.cumulative.last_year) == (2021, 2030)
    np.testing.assert_allclose(result.cumulative.total().m.sum(), 936.0)
    np.testing.assert_allclose(result.baseline_cumulative.total().m.sum(), 1440.0)
    costs = result.costs.m_as("EUR / a")
    k24, k25 = result.year_index(2024), result.year_index(2025)
    assert np.isnan(costs[0]).all()  # A has no costs: not estimated, never zero
    np.testing.assert_allclose(costs[1, :, k25], [105_000.0, 0.0])
    np.testing.assert_allclose(costs[1, :, k24], [0.0, 0.0])
    assert result.costs.check("[currency] / [time]")


def test_scope_mismatch_needs_a_choice_and_is_labelled() -> None:
    climate_act = published_target("fi-climate-act-2030")
    with pytest.raises(ScopeMismatchError):
        Roadmap("Pohjois-Karjala", end_year=2030, targets=[RoadmapTarget(climate_act)]).compute(
            _with_1990(history())
        )
    result = Roadmap(
        "Pohjois-Karjala",
        end_year=2030,
        targets=[RoadmapTarget(climate_act, scope_mismatch="accept")],
    ).compute(_with_1990(history()))
    assert "scope mismatch accepted" in result.scope_labels[0]
    assert "scope mismatch accepted" in result.gaps[0].scope_label
    assert "scope mismatch accepted" in result.milestones[0].scope_label
    assert "scope mismatch accepted" in result.to_regions().gaps[0].scope_label


def _with_1990(inventory: EmissionInventory) -> EmissionInventory:
    values = np.concatenate([inventory.magnitude[:, :, :1], inventory.magnitude], axis=2)
    return EmissionInventory.from_array(
        values,
        "kt CO2e / a",
        areas=inventory.areas,
        sectors=inventory.sectors,
        years=[1990, *inventory.years],
        rule=inventory.rule,
        source=SOURCE,
    )


def test_rule_and_area_are_checked() -> None:
    with pytest.raises(RoadmapError, match="accounting"):
        Roadmap("Pohjois-Karjala", rule="all").compute(history())
    with pytest.raises(RoadmapError, match="no municipality"):
        Roadmap("Kainuu").compute(history())
    one = Roadmap("Joensuu", end_year=2030, measures=measures()[1:]).compute(history())
    assert one.areas == ("167",)


def test_municipal_roadmaps_split_measures() -> None:
    parts = roadmap().municipal(history())
    assert list(parts) == ["167", "090"]
    assert [m.name for m in parts["090"].measures] == ["A"]
    assert [m.name for m in parts["167"].measures] == ["A", "B"]


def test_engine_root_reexports_every_module() -> None:
    import importlib
    import pkgutil

    from canemure import engine

    renamed = {
        "HINKU": "HINKU_TARGET",
        "CLIMATE_ACT": "CLIMATE_ACT_TARGET",
        "PUBLISHED": "PUBLISHED_TARGET",
        "OWN": "OWN_TARGET",
        "Method": "ProjectionMethod",
        "Status": "ModelStatus",
    }
    by_module = {
        ("catalogue", "Citation"): "ParameterCitation",
        ("portfolio", "Comparison"): "PortfolioComparison",
    }
    for info in pkgutil.iter_modules(engine.__path__):
        module = importlib.import_module(f"canemure.engine.{info.name}")
        for name in module.__all__:
            exported = by_module.get((info.name, name), renamed.get(name, name))
            assert exported in engine.__all__, (info.name, name)
            assert getattr(engine, exported) is getattr(module, name)
