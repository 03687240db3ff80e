"""Named roadmap variants side by side: differences per sector and year.

:func:`compare` takes computed roadmaps (:class:`~canemure.engine.roadmap.RoadmapResult`) by
name and lines them up on one axis of variants. Variants must share areas, sectors, years,
unit and accounting rule: a comparison across different inventories would mix what the
measures do with what the data are, so it is refused with every difference named.

Differences are each variant minus the *reference* (the first variant unless named), per
area, sector and year; NaN where either is not estimated. Totals are sums of the same
extensive figures, so a comparison rolled up (``compare`` of rolled-up results) equals the
rolled-up differences.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import attrs
import numpy as np
import pint

from canemure.engine._labelled import LabelledResult
from canemure.engine.levels import LEVEL_UNIT
from canemure.engine.roadmap import COST_UNIT, RoadmapError, RoadmapResult
from canemure.inventory.labelled import scalar
from canemure.units import Q_

__all__ = ["Comparison", "compare"]


@attrs.frozen(eq=False)
class Comparison(LabelledResult):
    """Roadmap variants on one axis, with their differences from a reference.

    ``labelled(name)`` gives any of its arrays with variants, areas, sectors and years.
    """

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "emissions": ("variant", "area", "sector", "year"),
        "difference": ("variant", "area", "sector", "year"),
        "sector_difference": ("variant", "sector", "year"),
        "total_difference": ("variant", "year"),
        "costs": ("variant", "year"),
    }

    names: tuple[str, ...]
    """The variants' names, in order."""
    reference: str
    """The variant the others are compared with."""
    results: tuple[RoadmapResult, ...]
    """The variants' results, in :attr:`names` order."""
    areas: tuple[str, ...]
    """Shared area codes."""
    sectors: tuple[str, ...]
    """Shared sector keys."""
    years: tuple[int, ...]
    """Shared years."""
    emissions: pint.Quantity[Any]
    """Trajectories, ``(variants, areas, sectors, years)``, kt CO2e/a."""

    def _labels(self) -> dict[str, Sequence[Any] | None]:
        return {
            "variant": self.names,
            "area": self.areas,
            "sector": self.sectors,
            "year": self.years,
        }

    @property
    def difference(self) -> pint.Quantity[Any]:
        """Each variant minus the reference, ``(variants, areas, sectors, years)``."""
        values = self.emissions.m_as(LEVEL_UNIT)
        ref = values[self.names.index(self.reference)]
        return Q_(values - ref[None], LEVEL_UNIT)

    @property
    def sector_difference(self) -> pint.Quantity[Any]:
        """Differences summed over areas, ``(variants, sectors, years)``."""
        return Q_(self.difference.m_as(LEVEL_UNIT).sum(axis=1), LEVEL_UNIT)

    @property
    def total_difference(self) -> pint.Quantity[Any]:
        """Differences summed over areas and sectors, ``(variants, years)``."""
        return Q_(self.difference.m_as(LEVEL_UNIT).sum(axis=(1, 2)), LEVEL_UNIT)

    @property
    def costs(self) -> pint.Quantity[Any]:
        """Each variant's cost of all its measures, ``(variants, years)`` (NaN: one unknown)."""
        rows = [r.costs.m_as(COST_UNIT).sum(axis=(0, 1)) for r in self.results]
        return Q_(np.array(rows, dtype=np.float64).reshape(len(rows), len(self.years)), COST_UNIT)

    def rows(self) -> list[dict[str, object]]:
        """One row per variant, sector and year: emissions and difference from the reference."""
        totals = self.emissions.m_as(LEVEL_UNIT).sum(axis=1)
        diff = self.sector_difference.m_as(LEVEL_UNIT)
        return [
            {
                "variant": name,
                "sector": sector,
                "year": year,
                "emissions": scalar(float(totals[v, j, k]), LEVEL_UNIT),
                "difference": scalar(float(diff[v, j, k]), LEVEL_UNIT),
            }
            for v, name in enumerate(self.names)
            for j, sector in enumerate(self.sectors)
            for k, year in enumerate(self.years)
        ]


def compare(results: Mapping[str, RoadmapResult], reference: str | None = None) -> Comparison:
    """Line up ``results`` by name; differences from ``reference`` (default: the first).

    Raises :class:`~canemure.engine.roadmap.RoadmapError` naming every way the variants do
    not match (areas, sectors, years, accounting rule).
    """
    if not results:
        raise RoadmapError("nothing to compare: give at least one roadmap")
    names = tuple(results)
    reference = names[0] if reference is None else reference
    if reference not in results:
        raise RoadmapError(f"the reference {reference!r} is not one of {', '.join(names)}")
    first = results[names[0]]
    problems = []
    for name in names[1:]:
        other = results[name]
        for what, mine, theirs in (
            ("areas", first.trajectory.areas.labels, other.trajectory.areas.labels),
            ("sectors", first.trajectory.sectors.labels, other.trajectory.sectors.labels),
            ("years", first.trajectory.years.labels, other.trajectory.years.labels),
            ("accounting rule", first.trajectory.rule.id, other.trajectory.rule.id),
        ):
            if mine != theirs:
                problems.append(f"{name!r} has other {what} than {names[0]!r}")
    if problems:
        raise RoadmapError("cannot compare these roadmaps: " + "; ".join(problems))
    emissions = np.stack([results[n].trajectory.values.m_as(LEVEL_UNIT) for n in names])
    return Comparison(
        names=names,
        reference=reference,
        results=tuple(results[n] for n in names),
        areas=first.trajectory.areas.labels,
        sectors=first.trajectory.sectors.labels,
        years=first.trajectory.years.labels,
        emissions=Q_(emissions, LEVEL_UNIT),
    )
