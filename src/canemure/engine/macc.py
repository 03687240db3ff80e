"""A marginal abatement cost curve that accounts for interactions between measures.

Measures that act on the same sector interact: after a 50 % cut of oil heating, heat pumps
replacing oil boilers remove less. A curve that ranks measures by their stand-alone
cost-effectiveness counts such overlaps twice. Here the curve is built step by step, in one
evaluation year:

1. start from the baseline with the ``fixed`` measures (e.g. those already decided) in;
2. for every candidate left, its *marginal* abatement given the measures already in (total
   remaining emissions without it minus with it, combined as in
   :mod:`canemure.engine.combine`) and its cost-effectiveness = annualised cost / marginal
   abatement;
3. take the candidate with the lowest cost-effectiveness among those that still abate
   (ties: by name), and repeat.

Candidates that abate nothing more once the others are in (or only add emissions) come last,
with cost-effectiveness "not defined" (NaN). Compensation is not abatement: it never lowers
emissions and so always lands there. Each step's abatement is what that measure adds at its
place on the curve; the steps add up to the abatement of all candidates together.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import attrs
import numpy as np
import pint

from canemure.engine.combine import combine
from canemure.engine.costs import COST_EFFECTIVENESS_UNIT, cost_effectiveness
from canemure.engine.measures import Measure
from canemure.inventory import EmissionInventory
from canemure.sectors import CREDITS
from canemure.units import Q_

__all__ = ["MaccStep", "marginal_abatement_cost_curve"]


@attrs.frozen
class MaccStep:
    """One measure on the curve, with what it adds given the measures before it."""

    measure: str
    """The measure's name."""
    abatement: pint.Quantity[Any]
    """Its marginal abatement in the evaluation year (t CO2e/a)."""
    annualised_cost: pint.Quantity[Any]
    """Its annualised cost in all its areas (EUR/a)."""
    cost_effectiveness: pint.Quantity[Any]
    """Annualised cost / marginal abatement (EUR/t CO2e); NaN when it abates nothing more."""
    cumulative_abatement: pint.Quantity[Any]
    """Abatement of this measure and all before it (t CO2e/a)."""


def _total(inventory: EmissionInventory, measures: Sequence[Measure], sinks: Any) -> float:
    remaining = combine(inventory, measures, sinks=sinks).remaining
    return float(np.sum(remaining.values.m_as("t CO2e / a")))


def marginal_abatement_cost_curve(
    baseline: EmissionInventory,
    candidates: Sequence[Measure],
    year: int,
    *,
    fixed: Sequence[Measure] = (),
    sinks: Collection[str] = (CREDITS,),
) -> tuple[MaccStep, ...]:
    """The interaction-aware MAC curve of ``candidates`` in ``year`` (see the module notes).

    Every candidate needs costs and a lifetime; all that lack them are named in one error.
    The baseline must be estimated in ``year`` for the areas and sectors measures act on.
    """
    lacking = [
        m.name for m in candidates if m.costs is None or m.ramp.lifetime is None or m.cancelled
    ]
    if lacking:
        raise ValueError(
            "MAC curve candidates need costs and a lifetime and must not be cancelled: "
            + ", ".join(repr(n) for n in lacking)
        )
    one_year = baseline.sel(years=[year])
    cost = {m.name: m.annualised_cost().to("EUR / a") for m in candidates}
    chosen: list[Measure] = list(fixed)
    left = sorted(candidates, key=lambda m: m.name)
    current = _total(one_year, chosen, sinks)
    start = current
    steps: list[MaccStep] = []
    spent: list[Measure] = []
    while left:
        best: tuple[float, Measure, float] | None = None
        for measure in left:
            after = _total(one_year, [*chosen, measure], sinks)
            abated = current - after
            if not abated > 0:
                continue
            ratio = cost[measure.name].m / abated
            if best is None or ratio < best[0]:
                best = (ratio, measure, after)
        if best is None:
            spent = left
            break
        _ratio, measure, after = best
        abatement = Q_(current - after, "t CO2e / a")
        current = after
        chosen.append(measure)
        left = [m for m in left if m is not measure]
        steps.append(
            MaccStep(
                measure=measure.name,
                abatement=abatement,
                annualised_cost=cost[measure.name],
                cost_effectiveness=cost_effectiveness(cost[measure.name], abatement),
                cumulative_abatement=Q_(start - current, "t CO2e / a"),
            )
        )
    for measure in spent:  # in name order, each given all before it, so the steps add up
        chosen.append(measure)
        after = _total(one_year, chosen, sinks)
        abatement = Q_(current - after, "t CO2e / a")
        current = after
        steps.append(
            MaccStep(
                measure=measure.name,
                abatement=abatement,
                annualised_cost=cost[measure.name],
                cost_effectiveness=Q_(float("nan"), COST_EFFECTIVENESS_UNIT),
                cumulative_abatement=Q_(start - current, "t CO2e / a"),
            )
        )
    return tuple(steps)
