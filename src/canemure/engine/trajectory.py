"""A trajectory compared with target levels: gaps, milestones and cumulative emissions.

A *trajectory* is any :class:`~canemure.inventory.EmissionInventory` that runs through the
target years: a projection (:func:`canemure.engine.projection.project`), the same with
measures applied, or history alone. A *level* is a :class:`~canemure.engine.levels.TargetLevel`.

:func:`gap`
    Per area and year, the trajectory's total minus a *pathway* (:attr:`TargetGap.difference`,
    signed) and the extra abatement still needed (:attr:`TargetGap.gap`: the difference where
    positive, zero where the trajectory is at or below the pathway). The pathway is the level
    to be reached in the target year (default), or a straight line from the trajectory's
    value in a start year (the base year by default) to the level. When the level was
    allocated to sectors, the same per sector.
:func:`milestone`
    Whether the trajectory meets the level in a year: met, not met, or **not estimated** when
    the trajectory's value is NaN. A missing figure never counts as zero.
:func:`cumulative`
    Emissions summed over a period of calendar years (kt CO2e), per area and sector.

Every result is a labelled, unit-carrying object that carries its level, so it can print the
target, whether the target is sourced, and its scope label (a target applied outside its scope
says so in every result).

Roll-up
-------
Emissions, levels, pathways and signed differences are extensive: the :meth:`~TargetGap.rollup` of
municipal results equals the results computed on the summed (regional) inventory, and equals
the sum of the municipal figures. The extra abatement still needed (:attr:`TargetGap.gap`) of
a region is derived from its summed difference, so a municipality below its level offsets one
above it; the sum of municipal gaps can be larger. Milestone status is likewise derived from
summed parts, never summed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine._labelled import LabelledResult
from canemure.engine.levels import LEVEL_UNIT, LevelError, TargetLevel
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory
from canemure.inventory._plans import area_plan, region_groups
from canemure.inventory.labelled import scalar
from canemure.units import Q_

__all__ = [
    "CumulativeEmissions",
    "Milestone",
    "MilestoneStatus",
    "Pathway",
    "TargetGap",
    "cumulative",
    "gap",
    "milestone",
]

FloatArray = npt.NDArray[np.float64]
Groups = Mapping[str, Iterable[str]]


class MilestoneStatus(enum.Enum):
    """Whether a trajectory meets a level in a year."""

    MET = "met"
    """At or below the level."""
    NOT_MET = "not met"
    """Above the level."""
    NOT_ESTIMATED = "not estimated"
    """The trajectory (or the level) is not estimated for the area and year."""


def _sum(groups: Groups, areas: tuple[str, ...], array: FloatArray) -> FloatArray:
    members = tuple((name, tuple(group)) for name, group in groups.items())
    return area_plan(areas, members).sum(array)


def _regions(areas: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return dict(region_groups(areas))


def _kt(inventory: EmissionInventory) -> FloatArray:
    try:
        values: FloatArray = np.asarray(inventory.values.m_as(LEVEL_UNIT), dtype=np.float64)
    except pint.DimensionalityError as exc:
        raise UnitError.keyed("trajectory_not_emissions", unit=str(inventory.unit)) from exc
    return values


def _matching(trajectory: EmissionInventory, level: TargetLevel) -> EmissionInventory:
    """The trajectory on the level's areas, in the level's order, under the level's rule."""
    if trajectory.rule.id != level.accounting:
        raise LevelError.keyed(
            "trajectory_other_rule",
            target=level.target_id,
            level_rule=level.accounting,
            actual=trajectory.rule.id,
        )
    chosen = trajectory.sel(areas=list(level.areas))
    return chosen if level.covered is None else chosen.sel(sectors=list(level.covered))


Pathway = Literal["level", "linear"]
"""What a trajectory year is compared with: the level itself, or a straight line to it."""


@attrs.frozen(eq=False)
class TargetGap(LabelledResult):
    """A trajectory's distance from one level, per area and year (and sector if allocated).

    ``labelled(name)`` gives any of its arrays with areas, sectors and years attached.
    """

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "emissions": ("area", "year"),
        "pathway": ("area", "year"),
        "difference": ("area", "year"),
        "gap": ("area", "year"),
        "sector_emissions": ("area", "sector", "year"),
        "sector_pathway": ("area", "sector", "year"),
        "sector_difference": ("area", "sector", "year"),
        "sector_gap": ("area", "sector", "year"),
    }

    level: TargetLevel
    """The level compared with."""
    years: tuple[int, ...]
    """Years of the trajectory."""
    emissions: pint.Quantity[Any]
    """Trajectory totals, shape ``(areas, years)``, kt CO2e/a."""
    pathway: pint.Quantity[Any]
    """What each year is compared with, ``(areas, years)``, kt CO2e/a (see :func:`gap`)."""
    pathway_kind: Pathway = "level"
    """``"level"`` or ``"linear"`` (see :func:`gap`)."""
    sector_emissions: pint.Quantity[Any] | None = None
    """Trajectory per sector of the level's allocation, ``(areas, sectors, years)``."""
    sector_pathway: pint.Quantity[Any] | None = None
    """The pathway per allocated sector, ``(areas, sectors, years)``."""

    @property
    def areas(self) -> tuple[str, ...]:
        """Area codes (those of the level)."""
        return self.level.areas

    @property
    def scope_label(self) -> str:
        """The level's scope label (see :attr:`TargetLevel.scope_label`)."""
        return self.level.scope_label

    def _labels(self) -> dict[str, Sequence[Any] | None]:
        return {"area": self.areas, "year": self.years, "sector": self.level.sectors}

    @property
    def difference(self) -> pint.Quantity[Any]:
        """Trajectory minus pathway, ``(areas, years)``: positive above it, NaN unknown."""
        return Q_(self.emissions.m_as(LEVEL_UNIT) - self.pathway.m_as(LEVEL_UNIT), LEVEL_UNIT)

    @property
    def gap(self) -> pint.Quantity[Any]:
        """Extra abatement still needed, ``(areas, years)``: the difference where positive."""
        return Q_(np.maximum(self.difference.m_as(LEVEL_UNIT), 0.0), LEVEL_UNIT)

    @property
    def sector_difference(self) -> pint.Quantity[Any] | None:
        """Per-sector trajectory minus pathway, ``(areas, sectors, years)``."""
        if self.sector_emissions is None or self.sector_pathway is None:
            return None
        return Q_(
            self.sector_emissions.m_as(LEVEL_UNIT) - self.sector_pathway.m_as(LEVEL_UNIT),
            LEVEL_UNIT,
        )

    @property
    def sector_gap(self) -> pint.Quantity[Any] | None:
        """Per-sector extra abatement still needed (the sector difference where positive)."""
        difference = self.sector_difference
        if difference is None:
            return None
        return Q_(np.maximum(difference.m_as(LEVEL_UNIT), 0.0), LEVEL_UNIT)

    def at(self, year: int) -> pint.Quantity[Any]:
        """The extra abatement still needed in ``year``, per area."""
        if year not in self.years:
            raise LevelError.keyed("trajectory_no_year", year=year)
        column: pint.Quantity[Any] = self.gap[:, self.years.index(year)]
        return column

    def rollup(self, groups: Groups) -> TargetGap:
        """Sum into groups ``{group: member areas}`` (a missing member gives NaN)."""
        areas = self.areas

        def summed(q: pint.Quantity[Any]) -> pint.Quantity[Any]:
            return Q_(_sum(groups, areas, q.m_as(LEVEL_UNIT)), LEVEL_UNIT)

        def maybe(q: pint.Quantity[Any] | None) -> pint.Quantity[Any] | None:
            return None if q is None else summed(q)

        return attrs.evolve(
            self,
            level=self.level.rollup(groups),
            emissions=summed(self.emissions),
            pathway=summed(self.pathway),
            sector_emissions=maybe(self.sector_emissions),
            sector_pathway=maybe(self.sector_pathway),
        )

    def to_regions(self) -> TargetGap:
        """Sum municipalities into their regions (every member must be present, else NaN)."""
        return self.rollup(_regions(self.areas))

    def rows(self) -> list[dict[str, object]]:
        """One labelled row per area and year (for tables and export)."""
        emissions = self.emissions.m_as(LEVEL_UNIT)
        pathway = self.pathway.m_as(LEVEL_UNIT)
        gap = self.gap.m_as(LEVEL_UNIT)
        return [
            {
                "target": self.level.target_id,
                "area": area,
                "year": year,
                "emissions": scalar(float(emissions[i, k]), LEVEL_UNIT),
                "pathway": scalar(float(pathway[i, k]), LEVEL_UNIT),
                "gap": scalar(float(gap[i, k]), LEVEL_UNIT),
                "scope": self.scope_label,
            }
            for i, area in enumerate(self.areas)
            for k, year in enumerate(self.years)
        ]


def _linear(
    start: FloatArray, end: FloatArray, years: tuple[int, ...], first: int, last: int
) -> FloatArray:
    """Straight lines from ``start`` in ``first`` to ``end`` in ``last``; ``end`` after it."""
    t = np.array(years, dtype=np.float64)
    fraction = np.clip((t - first) / (last - first), 0.0, 1.0)
    path = start[..., None] + (end - start)[..., None] * fraction
    path[..., t > last] = end[..., None]  # a not-estimated start does not blur the level
    path[..., t < first] = np.nan  # no pathway before it starts
    result: FloatArray = path
    return result


def gap(
    trajectory: EmissionInventory,
    level: TargetLevel,
    *,
    pathway: Pathway = "level",
    start_year: int | None = None,
) -> TargetGap:
    """The trajectory's gap to ``level`` in every trajectory year (see module notes).

    ``pathway="level"`` (default) compares every year with the level to reach in the target
    year: in the target year that is the extra abatement still needed; in other years how far
    the year is from it. ``pathway="linear"`` compares with a straight line from the
    trajectory's own value in ``start_year`` (default: the level's base year) to the level in
    the target year, and the level after it; years before ``start_year`` have no pathway and
    are not estimated.
    """
    chosen = _matching(trajectory, level)
    values = _kt(chosen)
    years = chosen.years.labels
    totals = values.sum(axis=1)
    levels = level.level.m_as(LEVEL_UNIT)
    sector_values = None
    sector_levels = None
    if level.sectors is not None and level.sector_levels is not None:
        sector_values = _kt(chosen.sel(sectors=list(level.sectors)))
        sector_levels = np.asarray(level.sector_levels.m_as(LEVEL_UNIT), dtype=np.float64)
    if pathway == "level":
        path = np.repeat(levels[:, None], len(years), axis=1)
        sector_path = (
            None
            if sector_levels is None
            else np.repeat(sector_levels[:, :, None], len(years), axis=2)
        )
    else:
        first = level.base_year if start_year is None else start_year
        if first is None:
            raise LevelError.keyed("pathway_no_base_year", target=level.target_id)
        if first >= level.year:
            raise LevelError.keyed("pathway_start_late", year=level.year, first=first)
        if first not in chosen.years:
            raise LevelError.keyed("pathway_start_missing", first=first)
        k = chosen.years.position(first)
        path = _linear(totals[:, k], levels, years, first, level.year)
        sector_path = None
        if sector_values is not None and sector_levels is not None:
            sector_path = _linear(sector_values[:, :, k], sector_levels, years, first, level.year)
    return TargetGap(
        level=level,
        years=years,
        emissions=Q_(totals, LEVEL_UNIT),
        pathway=Q_(path, LEVEL_UNIT),
        pathway_kind=pathway,
        sector_emissions=None if sector_values is None else Q_(sector_values, LEVEL_UNIT),
        sector_pathway=None if sector_path is None else Q_(sector_path, LEVEL_UNIT),
    )


@attrs.frozen(eq=False)
class Milestone(LabelledResult):
    """Whether each area meets a level in one year (``labelled("margin")``: per area)."""

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {"emissions": ("area",), "margin": ("area",)}

    level: TargetLevel
    """The level checked."""
    year: int
    """The year checked."""
    emissions: pint.Quantity[Any]
    """Trajectory total per area in :attr:`year`, kt CO2e/a."""

    @property
    def areas(self) -> tuple[str, ...]:
        """Area codes (those of the level)."""
        return self.level.areas

    @property
    def scope_label(self) -> str:
        """The level's scope label."""
        return self.level.scope_label

    def _labels(self) -> dict[str, Sequence[Any] | None]:
        return {"area": self.areas}

    @property
    def margin(self) -> pint.Quantity[Any]:
        """Level minus emissions per area: positive = met with room, NaN = not estimated."""
        return Q_(self.level.level.m_as(LEVEL_UNIT) - self.emissions.m_as(LEVEL_UNIT), LEVEL_UNIT)

    @property
    def status(self) -> tuple[MilestoneStatus, ...]:
        """Met, not met or not estimated, per area."""
        margin = self.margin.m_as(LEVEL_UNIT)
        return tuple(
            MilestoneStatus.NOT_ESTIMATED
            if np.isnan(m)
            else MilestoneStatus.MET
            if m >= 0
            else MilestoneStatus.NOT_MET
            for m in margin
        )

    def rollup(self, groups: Groups) -> Milestone:
        """Sum emissions and levels into groups; the status is derived from the sums."""
        summed = _sum(groups, self.areas, self.emissions.m_as(LEVEL_UNIT))
        return Milestone(self.level.rollup(groups), self.year, Q_(summed, LEVEL_UNIT))

    def to_regions(self) -> Milestone:
        """Sum municipalities into their regions (every member must be present, else NaN)."""
        return self.rollup(_regions(self.areas))


def milestone(
    trajectory: EmissionInventory, level: TargetLevel, year: int | None = None
) -> Milestone:
    """Check ``level`` in ``year`` (default: the target year) on the trajectory."""
    year = level.year if year is None else year
    chosen = _matching(trajectory, level)
    if year not in chosen.years:
        raise LevelError.keyed(
            "milestone_no_year",
            year=year,
            first=chosen.years.labels[0],
            last=chosen.years.labels[-1],
        )
    values = _kt(chosen)[:, :, chosen.years.position(year)].sum(axis=1)
    return Milestone(level, year, Q_(values, LEVEL_UNIT))


@attrs.frozen(eq=False)
class CumulativeEmissions(LabelledResult):
    """Emissions summed over the calendar years ``first_year`` to ``last_year``.

    ``labelled("values")`` (per area and sector) and ``labelled("total")`` (per area).
    """

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "values": ("area", "sector"),
        "total": ("area",),
    }

    areas: tuple[str, ...]
    """Area codes."""
    sectors: tuple[str, ...]
    """Sector keys."""
    first_year: int
    """First year counted."""
    last_year: int
    """Last year counted (inclusive)."""
    values: pint.Quantity[Any]
    """Shape ``(areas, sectors)``, kt CO2e; NaN when any year of the cell is not estimated."""
    accounting: str
    """The accounting rule of the trajectory."""

    def _labels(self) -> dict[str, Sequence[Any] | None]:
        return {"area": self.areas, "sector": self.sectors}

    def total(self) -> pint.Quantity[Any]:
        """Per area, summed over sectors (NaN if a sector is not estimated)."""
        return Q_(self.values.m_as("kt CO2e").sum(axis=1), "kt CO2e")

    def rollup(self, groups: Groups) -> CumulativeEmissions:
        """Sum into groups ``{group: member areas}`` (a missing member gives NaN)."""
        summed = _sum(groups, self.areas, self.values.m_as("kt CO2e"))
        return attrs.evolve(self, areas=tuple(groups), values=Q_(summed, "kt CO2e"))

    def to_regions(self) -> CumulativeEmissions:
        """Sum municipalities into their regions (every member must be present, else NaN)."""
        return self.rollup(_regions(self.areas))


def cumulative(trajectory: EmissionInventory, first: int, last: int) -> CumulativeEmissions:
    """Emissions of every calendar year from ``first`` to ``last`` summed, per area and sector.

    Each year counts one year's emissions (kt CO2e/a x 1 a). Every year of the period must be
    on the trajectory's year axis: a year missing is an error, not interpolated.
    """
    if last < first:
        raise LevelError.keyed("period_empty", first=first, last=last)
    missing = [y for y in range(first, last + 1) if y not in trajectory.years]
    if missing:
        raise LevelError.keyed("cumulative_missing_years", years=", ".join(map(str, missing)))
    chosen = trajectory.sel(years=range(first, last + 1))
    per_year = Q_(_kt(chosen), LEVEL_UNIT) * Q_(1.0, "a")
    return CumulativeEmissions(
        areas=chosen.areas.labels,
        sectors=chosen.sectors.labels,
        first_year=first,
        last_year=last,
        values=Q_(per_year.m_as("kt CO2e").sum(axis=2), "kt CO2e"),
        accounting=trajectory.rule.id,
    )
