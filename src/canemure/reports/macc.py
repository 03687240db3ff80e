"""A roadmap's marginal abatement cost curve as rows for tables, exports and the meeting report.

:func:`macc_rows` runs :func:`canemure.engine.macc.marginal_abatement_cost_curve` on the
measures of a computed roadmap whose costs are known, in one evaluation year, on the
roadmap's own projected baseline (its factor paths included) and with its sinks. Measures
whose costs are not estimated (no costs or no lifetime in the scenario) cannot be placed by
cost; they follow the curve in the roadmap's order, each with its marginal abatement given all
measures before it, and their cost is *not estimated* (NaN), never zero. So the abatement
column still adds up to the abatement of all measures together. Cancelled measures act on
nothing and are left out.

Every figure that is not estimated is NaN: the abatement when the baseline has no figure in
the year for an area or sector the measures act on; the cost per tonne when the cost is not
estimated or the measure abates nothing more at its place on the curve (compensation never
abates: it is counted apart from emissions).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np

if TYPE_CHECKING:
    from canemure.engine.measures import Measure
    from canemure.engine.roadmap import RoadmapResult
    from canemure.inventory import EmissionInventory

__all__ = ["ABATEMENT_UNIT", "COST_UNIT", "PER_TONNE_UNIT", "MaccRow", "macc_rows", "macc_year"]

ABATEMENT_UNIT = "kt CO2e / a"
"""Unit of the abatement columns."""
COST_UNIT = "EUR / a"
"""Unit of the annualised cost."""
PER_TONNE_UNIT = "EUR / (t CO2e)"
"""Unit of the cost per tonne."""


@attrs.frozen
class MaccRow:
    """One measure on the curve (NaN: not estimated)."""

    measure: str
    """The measure's name."""
    status: str
    """Its status (``planned``, ``decided``, ``implemented``, ...)."""
    abatement: float
    """Marginal abatement in the year, given the measures before it (kt CO2e/a)."""
    cumulative: float
    """Abatement of this measure and all before it (kt CO2e/a)."""
    cost: float
    """Annualised cost at full deployment in all its areas (EUR/a); NaN: not estimated."""
    cost_per_tonne: float
    """Cost / marginal abatement (EUR/t CO2e); NaN: cost not estimated or nothing abated."""
    compensation: bool
    """Whether the measure is a compensation or sink (counted apart, abates nothing)."""
    priced: bool
    """Whether its costs are known, so it was placed on the curve by cost."""


def macc_year(result: RoadmapResult) -> int:
    """The default evaluation year: the first target year of the roadmap, else its end year."""
    years = [level.year for level in result.levels if level.year in result.years]
    return min(years) if years else result.years[-1]


def _total(baseline: EmissionInventory, measures: Sequence[Measure], sinks: Sequence[str]) -> float:
    """Emissions left in ``baseline`` with ``measures`` combined (t CO2e/a, summed)."""
    from canemure.engine.combine import combine

    remaining = combine(baseline, measures, sinks=sinks).remaining
    return float(np.sum(remaining.values.m_as("t CO2e / a")))


def macc_rows(result: RoadmapResult, year: int | None = None) -> tuple[MaccRow, ...]:
    """The curve of ``result``'s measures in ``year`` (default :func:`macc_year`)."""
    from canemure.engine.macc import marginal_abatement_cost_curve
    from canemure.engine.measures import Compensation

    when = macc_year(result) if year is None else year
    result.year_index(when)  # a year outside the roadmap is an error naming its years
    roadmap = result.roadmap
    measures = [m for m in roadmap.measures if not m.cancelled]
    priced = [m for m in measures if m.costs is not None and m.ramp.lifetime is not None]
    unpriced = [m for m in measures if m not in priced]
    baseline = result.baseline
    sinks = tuple(roadmap.sinks)
    by_name = {m.name: m for m in measures}
    rows: list[MaccRow] = []
    cumulative = 0.0
    if priced:
        steps = marginal_abatement_cost_curve(baseline, priced, when, sinks=sinks)
        for step in steps:
            measure = by_name[step.measure]
            abatement = float(step.abatement.m_as(ABATEMENT_UNIT))
            cumulative += abatement
            rows.append(
                MaccRow(
                    measure=step.measure,
                    status=measure.status.value,
                    abatement=abatement,
                    cumulative=cumulative,
                    cost=float(step.annualised_cost.m_as(COST_UNIT)),
                    cost_per_tonne=_per_tonne(step.cost_effectiveness.m_as(PER_TONNE_UNIT)),
                    compensation=isinstance(measure.mechanism, Compensation),
                    priced=True,
                )
            )
    one_year = baseline.sel(years=[when])
    chosen = list(priced)
    current = _total(one_year, chosen, sinks)
    for measure in unpriced:
        chosen.append(measure)
        after = _total(one_year, chosen, sinks)
        abatement = (current - after) / 1000.0  # t -> kt
        current = after
        cumulative += abatement
        rows.append(
            MaccRow(
                measure=measure.name,
                status=measure.status.value,
                abatement=abatement,
                cumulative=cumulative,
                cost=math.nan,
                cost_per_tonne=math.nan,
                compensation=isinstance(measure.mechanism, Compensation),
                priced=False,
            )
        )
    return tuple(rows)


def _per_tonne(value: float) -> float:
    """A finite cost per tonne, else NaN (nothing more abated: not defined)."""
    return float(value) if math.isfinite(value) else math.nan
