"""A roadmap: an area's baseline projection, measures, targets, and what they add up to.

:class:`Roadmap` gathers what a regional roadmap (steps 2-4 of the work, see the methodology
page) decides: an area (a region or a municipality, by code or name), an accounting rule, a
projection method, the targets to compare with and the model measures.
:meth:`Roadmap.compute` runs the engine's pieces in order, and nothing else:

1. the history is projected (:func:`canemure.engine.projection.project`): the *baseline*;
2. the measures are combined on it (:func:`canemure.engine.combine.combine`): the
   *trajectory*, an :class:`~canemure.inventory.EmissionInventory` per municipality, sector
   and year;
3. the reduction is attributed to measures (:func:`canemure.engine.attribution.attribute`):
   the *wedges*, which add up to the combined reduction;
4. every target becomes a level per municipality (:func:`canemure.engine.levels.target_level`)
   and the trajectory and the baseline are compared with it
   (:mod:`canemure.engine.trajectory`): gap per year (total, and per sector when allocated),
   milestone in the target year;
5. cumulative emissions over the projected years, and each measure's annualised cost in each
   year (:meth:`~canemure.engine.measures.Measure.cost_per_year`, split over its areas by its
   scales). A measure without costs has NaN costs ("not estimated"), never zero.

Roll-up
-------
Every figure of a :class:`RoadmapResult` is extensive (emissions, levels, differences, wedges,
costs), so :meth:`RoadmapResult.rollup` sums municipalities into groups and
:meth:`RoadmapResult.to_regions` into their regions. Because measures combine cell by cell and
wedges are computed cell by cell, the roadmap of a region rolled up equals the sum of the
roadmaps of its municipalities (:meth:`Roadmap.municipal` gives them, each with its share of
every measure). Gaps and milestones of a sum are derived from summed parts, never summed.

An absolute level printed for a region (or any level not printed for one municipality) is
not split between municipalities: it is compared with the area's total, and a roll-up keeps
it as it is.

Scope
-----
A target applied outside its scope (e.g. the Climate Act to a HINKU inventory) needs
``scope_mismatch="accept"`` in its :class:`RoadmapTarget`; the level's scope label is carried
by every gap and milestone and listed by :attr:`RoadmapResult.scope_labels`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine._labelled import LabelledResult
from canemure.engine.attribution import attribute
from canemure.engine.combine import combine
from canemure.engine.levels import LEVEL_UNIT, ScopeChoice, TargetLevel, target_level
from canemure.engine.measures import Measure
from canemure.engine.projection import Constant, FactorPath, Method, project
from canemure.engine.trajectory import (
    CumulativeEmissions,
    Milestone,
    Pathway,
    TargetGap,
    cumulative,
    gap,
    milestone,
)
from canemure.errors import CanemureError
from canemure.inventory import EmissionInventory
from canemure.inventory._plans import area_plan, region_groups
from canemure.published.targets import Target, TargetKind
from canemure.sectors import CREDITS
from canemure.units import Q_

__all__ = ["COST_UNIT", "Roadmap", "RoadmapError", "RoadmapResult", "RoadmapTarget"]

FloatArray = npt.NDArray[np.float64]
COST_UNIT = "EUR / a"
"""The unit of the costs per year."""


class RoadmapError(CanemureError, ValueError):
    """A roadmap cannot be computed as asked (area, rule, years)."""


@attrs.frozen
class RoadmapTarget:
    """A target of a roadmap, and how it becomes a level (see :func:`target_level`)."""

    target: Target
    """A published target or one of your own (:func:`~canemure.engine.levels.own_target`)."""
    scope_mismatch: ScopeChoice = "error"
    """``"accept"`` to compare outside the target's scope (labelled in every result)."""
    allocate: Literal["none", "proportional"] = "none"
    """``"proportional"`` allocates the level to sectors (gaps per sector)."""
    pathway: Pathway = "level"
    """Compare each year with the level (``"level"``) or a straight line to it (``"linear"``)."""


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Roadmap:
    """An area's roadmap: accounting rule, projection, targets and measures (module notes)."""

    area: str
    """A region or municipality: code or name (fi/sv/en), any case."""
    rule: str = "hinku"
    """Accounting rule id (``all``, ``hinku``, ``hinku-credits``, ``esr``, ``ets``)."""
    end_year: int = 2050
    """Last projected year."""
    projection: Method = attrs.field(factory=Constant)
    """The projection method of the baseline."""
    factor_paths: tuple[FactorPath, ...] = attrs.field(default=(), converter=_tuple)
    """Exogenous factor paths applied to the projected years."""
    base_year: int | None = None
    """Last year of history the projection starts from (default: the latest)."""
    targets: tuple[RoadmapTarget, ...] = attrs.field(default=(), converter=_tuple)
    """The targets compared with."""
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=_tuple)
    """The model measures."""
    name: str = ""
    """A name for the roadmap (a scenario's)."""
    sinks: tuple[str, ...] = attrs.field(default=(CREDITS,), converter=_tuple)
    """Sectors that may go below zero (see :func:`~canemure.engine.combine.combine`)."""

    def inventory(self, *, use_plugins: bool = False) -> EmissionInventory:
        """The area's history under :attr:`rule`, from the bundled data, cache or adapters."""
        from canemure.datasets import baseline_inventory
        from canemure.geography import resolve_area
        from canemure.sectors import accounting_rule

        return baseline_inventory(
            resolve_area(self.area), accounting_rule(self.rule), use_plugins=use_plugins
        )

    def area_codes(self, inventory: EmissionInventory) -> tuple[str, ...]:
        """The municipalities of :attr:`area` that ``inventory`` holds, in its order."""
        from canemure.geography import Municipality, gazetteer, resolve_area

        found = resolve_area(self.area)
        if isinstance(found, Municipality):
            members = {found.code}
        else:
            members = set(gazetteer().municipality_codes(found))
        codes = tuple(a for a in inventory.areas if a in members)
        if not codes:
            raise RoadmapError(f"the inventory holds no municipality of {self.area!r}")
        return codes

    def municipal(self, inventory: EmissionInventory) -> dict[str, Roadmap]:
        """One roadmap per municipality, each with its share of every measure.

        A measure acting in several municipalities keeps, in each, its scale there; measures
        not acting in a municipality are left out of its roadmap. The results of these
        roadmaps add up to the result of this one (see the module notes).
        """
        out = {}
        for code in self.area_codes(inventory):
            own = [
                attrs.evolve(m, areas=(code,), scales=(m.scales[m.areas.index(code)],))
                for m in self.measures
                if code in m.areas
            ]
            out[code] = attrs.evolve(self, area=code, measures=tuple(own))
        return out

    def _whole_area(
        self, history: EmissionInventory
    ) -> tuple[dict[str, tuple[str, ...]], Literal["region", "group"]]:
        from canemure.geography import Region, resolve_area

        found = resolve_area(self.area)
        kind: Literal["region", "group"] = "region" if isinstance(found, Region) else "group"
        return {found.code: history.areas.labels}, kind

    def compute(
        self,
        inventory: EmissionInventory | None = None,
        *,
        use_plugins: bool = False,
        max_exact: int = 12,
        samples: int = 200,
        seed: int = 0,
    ) -> RoadmapResult:
        """Project, combine, attribute and compare (module notes).

        ``inventory``: the history (default: :meth:`inventory`); its municipalities of
        :attr:`area` are used. Its accounting rule must be :attr:`rule`. ``max_exact``,
        ``samples`` and ``seed`` are passed to :func:`~canemure.engine.attribution.attribute`.
        """
        history = self.inventory(use_plugins=use_plugins) if inventory is None else inventory
        if history.rule.id != self.rule:
            raise RoadmapError(
                f"the roadmap is under accounting {self.rule!r}, the inventory follows "
                f"{history.rule.id!r}"
            )
        if history.area_level != "municipality":
            raise RoadmapError(
                f"a roadmap needs municipal figures (it rolls them up), got {history.area_level}s"
            )
        history = history.sel(areas=list(self.area_codes(history)))
        baseline = project(
            history,
            self.end_year,
            self.projection,
            factor_paths=self.factor_paths,
            base_year=self.base_year,
        )
        combination = combine(baseline, self.measures, sinks=self.sinks)
        attribution = attribute(combination, max_exact=max_exact, samples=samples, seed=seed)
        trajectory = combination.remaining
        levels, gaps, baseline_gaps, milestones = [], [], [], []
        for spec in self.targets:
            on_baseline, on_trajectory = baseline, trajectory
            if _whole_area_only(spec.target):
                # a level printed for the whole area is not split between municipalities
                groups, level_of = self._whole_area(history)
                on_baseline = baseline.aggregate_areas(groups, area_level=level_of)
                on_trajectory = trajectory.aggregate_areas(groups, area_level=level_of)
            level = target_level(
                spec.target,
                on_baseline,
                scope_mismatch=spec.scope_mismatch,
                allocate=spec.allocate,
                allocation_year=self.base_year or history.years.labels[-1],
            )
            levels.append(level)
            gaps.append(gap(on_trajectory, level, pathway=spec.pathway))
            baseline_gaps.append(gap(on_baseline, level, pathway=spec.pathway))
            if level.year in trajectory.years:
                milestones.append(milestone(on_trajectory, level))
        first = (self.base_year or history.years.labels[-1]) + 1
        years = baseline.years.labels
        costs = np.zeros((len(self.measures), len(history.areas), len(years)))
        for m, measure in enumerate(self.measures):
            if measure.cancelled:
                continue
            rows = history.areas.positions(list(measure.areas))
            if measure.costs is None or measure.ramp.lifetime is None:
                costs[m, rows] = np.nan
                continue
            per_year = measure.costs.annualised(measure.ramp.lifetime).m_as(COST_UNIT)
            share = measure.ramp.shares(years)
            costs[m, rows] = per_year * np.asarray(measure.scales)[:, None] * share
        return RoadmapResult(
            roadmap=self,
            baseline=baseline,
            trajectory=trajectory,
            measures=tuple(m.name for m in self.measures),
            sources=tuple(m.source for m in self.measures),
            wedges=attribution.wedges,
            wedge_error=attribution.standard_error,
            exact=attribution.exact,
            compensation=combination.compensation,
            costs=Q_(costs, COST_UNIT),
            levels=tuple(levels),
            gaps=tuple(gaps),
            baseline_gaps=tuple(baseline_gaps),
            milestones=tuple(milestones),
            cumulative=cumulative(trajectory, first, self.end_year),
            baseline_cumulative=cumulative(baseline, first, self.end_year),
        )


Groups = Mapping[str, Collection[str]]


def _whole_area_only(target: Target) -> bool:
    """An absolute level not printed for one municipality: compared with the area's total."""
    return target.kind is TargetKind.ABSOLUTE_LEVEL and target.municipality_code is None


@attrs.frozen(eq=False)
class RoadmapResult(LabelledResult):
    """What a roadmap computes, per area (municipality or group), sector and year.

    Arrays have the areas of :attr:`trajectory` and its years; measure axes follow
    :attr:`measures` (the order the roadmap listed them). ``labelled(name)`` gives any of
    them with its labels attached: ``result.labelled("wedge_totals").sel(year=2030)``.
    """

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "wedges": ("measure", "area", "sector", "year"),
        "wedge_error": ("measure", "year"),
        "compensation": ("measure", "area", "year"),
        "costs": ("measure", "area", "year"),
        "reduction": ("area", "sector", "year"),
        "wedge_totals": ("measure", "year"),
        "cost_totals": ("measure", "year"),
        "total": ("year",),
        "sector_totals": ("sector", "year"),
    }

    roadmap: Roadmap
    """The roadmap computed."""
    baseline: EmissionInventory
    """History followed by the projection, without measures."""
    trajectory: EmissionInventory
    """History followed by the projection with every measure combined."""
    measures: tuple[str, ...]
    """The measures' names."""
    sources: tuple[str, ...]
    """The measures' sources (or that they are illustrative)."""
    wedges: pint.Quantity[Any]
    """Each measure's Shapley wedge, ``(measures, areas, sectors, years)``."""
    wedge_error: pint.Quantity[Any]
    """Sampling error of each measure's wedge, ``(measures, years)`` (0: exact)."""
    exact: bool
    """Whether every wedge was computed exactly."""
    compensation: pint.Quantity[Any]
    """Compensation and sinks, ``(measures, areas, years)``, apart from emissions."""
    costs: pint.Quantity[Any]
    """Annualised cost of each measure, ``(measures, areas, years)``, EUR/a; NaN: unknown."""
    levels: tuple[TargetLevel, ...]
    """One level per target, per area."""
    gaps: tuple[TargetGap, ...]
    """The trajectory's gap to each level, per area and year."""
    baseline_gaps: tuple[TargetGap, ...]
    """The baseline's gap to each level: the abatement needed without measures."""
    milestones: tuple[Milestone, ...]
    """Each target checked in its target year (targets beyond the end year are left out)."""
    cumulative: CumulativeEmissions
    """The trajectory's emissions summed over the projected years."""
    baseline_cumulative: CumulativeEmissions
    """The baseline's emissions summed over the projected years."""

    @property
    def areas(self) -> tuple[str, ...]:
        """Area codes (or group names after a roll-up)."""
        return self.trajectory.areas.labels

    @property
    def years(self) -> tuple[int, ...]:
        """Years of the trajectory (history and projection)."""
        return self.trajectory.years.labels

    def _labels(self) -> dict[str, Sequence[Any] | None]:
        return {
            "measure": self.measures,
            "area": self.areas,
            "sector": self.trajectory.sectors.labels,
            "year": self.years,
        }

    @property
    def reduction(self) -> pint.Quantity[Any]:
        """Baseline minus trajectory, ``(areas, sectors, years)``: the combined reduction."""
        result: pint.Quantity[Any] = self.baseline.values - self.trajectory.values
        return result

    @property
    def wedge_totals(self) -> pint.Quantity[Any]:
        """Each measure's wedge summed over areas and sectors, ``(measures, years)``."""
        result: pint.Quantity[Any] = self.wedges.sum(axis=(1, 2))
        return result

    @property
    def cost_totals(self) -> pint.Quantity[Any]:
        """Each measure's cost summed over areas, ``(measures, years)`` (NaN: unknown)."""
        result: pint.Quantity[Any] = self.costs.sum(axis=1)
        return result

    @property
    def scope_labels(self) -> tuple[str, ...]:
        """One label per level: its target, whether sourced, and its scope."""
        return tuple(level.label for level in self.levels)

    def year_index(self, year: int) -> int:
        """Position of ``year`` on the year axis."""
        if year not in self.trajectory.years:
            raise RoadmapError(
                f"{year} is not a year of this roadmap ({self.years[0]}-{self.years[-1]})"
            )
        return self.trajectory.years.position(year)

    def rollup(self, groups: Groups) -> RoadmapResult:
        """Sum areas into groups ``{group: member areas}`` (a missing member gives NaN)."""
        members = tuple((name, tuple(group)) for name, group in groups.items())
        plan = area_plan(self.areas, members)
        mine = set(self.areas)

        def own(x: TargetLevel | TargetGap | Milestone) -> bool:
            # levels of the whole area (absolute levels) are totals already: kept as they are
            return set(x.areas) <= mine

        def summed(q: pint.Quantity[Any], axis: int) -> pint.Quantity[Any]:
            moved = np.moveaxis(np.asarray(q.magnitude, dtype=np.float64), axis, 0)
            return Q_(np.moveaxis(plan.sum(moved), 0, axis), q.units)

        return attrs.evolve(
            self,
            baseline=self.baseline.aggregate_areas(groups),
            trajectory=self.trajectory.aggregate_areas(groups),
            wedges=summed(self.wedges, 1),
            compensation=summed(self.compensation, 1),
            costs=summed(self.costs, 1),
            levels=tuple(x.rollup(groups) if own(x) else x for x in self.levels),
            gaps=tuple(x.rollup(groups) if own(x) else x for x in self.gaps),
            baseline_gaps=tuple(x.rollup(groups) if own(x) else x for x in self.baseline_gaps),
            milestones=tuple(x.rollup(groups) if own(x) else x for x in self.milestones),
            cumulative=self.cumulative.rollup(groups),
            baseline_cumulative=self.baseline_cumulative.rollup(groups),
        )

    def to_regions(self) -> RoadmapResult:
        """Sum municipalities into their regions (every member must be present, else NaN)."""
        return self.rollup(dict(region_groups(self.areas)))

    def total(self, what: Literal["baseline", "trajectory"] = "trajectory") -> pint.Quantity[Any]:
        """Emissions summed over areas and sectors, per year (NaN if any cell is)."""
        inventory = self.trajectory if what == "trajectory" else self.baseline
        return Q_(inventory.values.m_as(LEVEL_UNIT).sum(axis=(0, 1)), LEVEL_UNIT)

    def sector_totals(
        self, what: Literal["baseline", "trajectory"] = "trajectory"
    ) -> pint.Quantity[Any]:
        """Emissions summed over areas, per sector and year."""
        inventory = self.trajectory if what == "trajectory" else self.baseline
        return Q_(inventory.values.m_as(LEVEL_UNIT).sum(axis=0), LEVEL_UNIT)
