"""Cached plans for the inventory's aggregations: which rows and columns sum into what.

An aggregation has two parts: the bookkeeping (which sectors belong to which ancestor, which
municipalities to which region, which sources each group inherits) and the numpy sums. The
bookkeeping depends only on the axes' labels, so it is computed once per layout and cached
here; repeated aggregations of the same layout (every report year, every scenario) then cost
little more than the sums on raw arrays (measured in ``benchmarks/bench_aggregation.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from canemure.inventory.axes import Axis
from canemure.inventory.provenance import Source
from canemure.sectors.hierarchy import SectorHierarchy, sector_hierarchy

FloatArray = npt.NDArray[np.float64]

_GATHER_BYTES = 1 << 21
"""Arrays up to this size are summed with one gathered ``reduceat`` (see ``AreaPlan.sum``)."""

__all__ = [
    "AreaPlan",
    "AreaSources",
    "SectorGroups",
    "area_plan",
    "as_slice",
    "axis_plan",
    "axis_region_groups",
    "axis_sources",
    "group_sources",
    "region_groups",
    "same_labels",
    "sector_groups",
    "sector_levels",
]


@attrs.frozen(eq=False)
class SectorGroups:
    """How the sectors of an axis sum into their ancestors at one level (see ``sector_groups``)."""

    parents: tuple[str, ...]
    """The ancestors, in order of first appearance."""
    permutation: npt.NDArray[np.intp] | None
    """Reorders the sector axis so that each ancestor's children are contiguous (or ``None``)."""
    starts: npt.NDArray[np.intp]
    """Where each ancestor's children start on the (reordered) sector axis."""


def sector_groups(hierarchy: SectorHierarchy, sectors: tuple[str, ...], level: int) -> SectorGroups:
    """The grouping of ``sectors`` into their ancestors at ``level``.

    Walking the hierarchy for every sector costs more than summing a national inventory, so for
    the bundled hierarchy (which nearly every inventory uses, and which never changes) the
    grouping is computed once per sector axis and level.
    """
    if hierarchy is sector_hierarchy():
        return _bundled_sector_groups(sectors, level)
    return _compute_sector_groups(hierarchy, sectors, level)


@lru_cache(maxsize=256)
def _bundled_sector_groups(sectors: tuple[str, ...], level: int) -> SectorGroups:
    return _compute_sector_groups(sector_hierarchy(), sectors, level)


def _compute_sector_groups(
    hierarchy: SectorHierarchy, sectors: tuple[str, ...], level: int
) -> SectorGroups:
    parents = [hierarchy.ancestor(sector, level).key for sector in sectors]
    order = tuple(dict.fromkeys(parents))
    positions = {p: i for i, p in enumerate(order)}
    group = np.fromiter((positions[p] for p in parents), dtype=np.intp, count=len(parents))
    permutation = None
    if np.any(np.diff(group) < 0):  # make groups contiguous for one reduceat call
        permutation = np.argsort(group, kind="stable")
        group = group[permutation]
        permutation.setflags(write=False)
    starts = np.flatnonzero(np.r_[True, np.diff(group) != 0])
    starts.setflags(write=False)
    return SectorGroups(order, permutation, starts)


def sector_levels(hierarchy: SectorHierarchy, sectors: tuple[str, ...]) -> frozenset[int]:
    """The hierarchy levels of ``sectors`` (cached for the bundled hierarchy)."""
    if hierarchy is sector_hierarchy():
        return _bundled_sector_levels(sectors)
    return _compute_sector_levels(hierarchy, sectors)


@lru_cache(maxsize=256)
def _bundled_sector_levels(sectors: tuple[str, ...]) -> frozenset[int]:
    return _compute_sector_levels(sector_hierarchy(), sectors)


def _compute_sector_levels(hierarchy: SectorHierarchy, sectors: tuple[str, ...]) -> frozenset[int]:
    return frozenset(hierarchy[key].level for key in sectors)


@lru_cache(maxsize=64)
def region_groups(areas: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each region with a municipality in ``areas``: ``(region code, its municipality codes)``.

    Sorted by region code; an unknown municipality code raises.
    """
    from canemure.geography import gazetteer

    gaz = gazetteer()
    codes = sorted({gaz.municipality(a).region_code for a in areas})
    return tuple((code, gaz.municipality_codes(gaz.region(code))) for code in codes)


@attrs.frozen(eq=False)
class AreaPlan:
    """Which rows of an area axis sum into each group (see ``area_plan``)."""

    present: tuple[tuple[str, ...], ...]
    """Per group, its members that the axis holds."""
    positions: tuple[npt.NDArray[np.intp] | slice | None, ...]
    """Per group, the rows to sum (a slice when they are contiguous: summed as a view, without
    a gathered copy), or ``None`` when a member is missing (not estimated)."""
    complete: npt.NDArray[np.bool_]
    """Per group, whether every member is held (else its sum is not estimated)."""
    order: npt.NDArray[np.intp]
    """The rows of the complete groups, group after group (for one ``reduceat``)."""
    starts: npt.NDArray[np.intp]
    """Where each complete group starts in :attr:`order`."""
    names: tuple[str, ...] = ()
    """The groups' names, in order (unique)."""
    contiguous: bool = False
    """Whether every group is complete and each is a slice of rows (areas ordered by group)."""
    all_complete: bool = False
    """Whether every group is complete (and there is at least one)."""
    in_order: bool = False
    """Whether the groups' rows are all the rows, group after group (:attr:`order` is
    ``0, 1, ..., n - 1``): sums need no gather."""
    axis: Axis[str] = attrs.field(init=False)
    """The area axis of the sums: the groups' names (unique: the groups are a mapping).

    One axis for every result of this plan, so what is kept in its memo serves them all."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "axis", Axis.trusted("area", self.names))

    def sum(self, array: FloatArray) -> FloatArray:
        """Sum the rows (axis 0) of ``array`` into the groups; NaN for incomplete groups.

        Small arrays (up to 2 MB: a population, a regional inventory) are summed in one
        ``reduceat`` call, over the rows as they are when the groups are the rows in order,
        else over a gathered copy. In larger arrays, groups that are blocks of rows are summed
        as views, one ``sum`` into the output per group (no gathered copy, no NaN fill), and
        other groups one by one, which streams each row once without a gathered copy of the
        whole array. Which is faster where is measured in ``benchmarks/bench_inventory.py``.
        """
        small = array.nbytes <= _GATHER_BYTES
        if small and self.in_order:  # blocks of rows in order: one reduceat, nothing gathered
            in_place: FloatArray = np.add.reduceat(array, self.starts, axis=0)
            return in_place
        if self.contiguous and array.ndim > 1:  # (a 1-d array's out[i] is no array to sum into)
            out = np.empty((len(self.positions), *array.shape[1:]))
            for i, rows in enumerate(self.positions):
                array[rows].sum(axis=0, out=out[i])
            return out
        if small and self.all_complete:
            gathered = np.take(array, self.order, axis=0)  # a little faster than array[order]
            summed: FloatArray = np.add.reduceat(gathered, self.starts, axis=0)
            return summed  # every group complete: no NaN rows to fill
        out = np.empty((len(self.positions), *array.shape[1:]))
        if small:
            out[~self.complete] = np.nan
            if len(self.order):
                out[self.complete] = np.add.reduceat(array[self.order], self.starts, axis=0)
            return out
        for i, rows in enumerate(self.positions):
            out[i] = np.nan if rows is None else array[rows].sum(axis=0)
        return out


@lru_cache(maxsize=64)
def area_plan(areas: tuple[str, ...], groups: tuple[tuple[str, tuple[str, ...]], ...]) -> AreaPlan:
    """Plan the sums of ``groups`` over the area axis ``areas``, once per axis and grouping.

    Repeated aggregations of the same inventory layout (every year's report, every scenario)
    then cost only the numpy sums.
    """
    row = {a: i for i, a in enumerate(areas)}
    present: list[tuple[str, ...]] = []
    positions: list[npt.NDArray[np.intp] | None] = []
    blocks: list[npt.NDArray[np.intp] | slice | None] = []
    for name, members in groups:
        if len(set(members)) != len(members):
            twice = sorted({m for m in members if members.count(m) > 1})
            raise ValueError(f"group {name!r} lists {', '.join(twice)} more than once")
        held = tuple(m for m in members if m in row)
        present.append(held)
        whole = bool(held) and len(held) == len(members)
        rows = np.array([row[m] for m in held], dtype=np.intp) if whole else None
        if rows is not None:
            rows.setflags(write=False)
        positions.append(rows)
        blocks.append(as_slice(rows) if rows is not None else None)
    full = [rows for rows in positions if rows is not None]
    complete = np.array([rows is not None for rows in positions], dtype=np.bool_)
    order = np.concatenate(full) if full else np.empty(0, dtype=np.intp)
    starts = np.cumsum([0, *(len(rows) for rows in full[:-1])], dtype=np.intp)
    for frozen in (complete, order, starts):
        frozen.setflags(write=False)
    names = tuple(name for name, _ in groups)
    contiguous = all(isinstance(block, slice) for block in blocks)
    all_complete = bool(len(order)) and bool(complete.all())
    in_order = (
        all_complete and len(order) == len(areas) and bool(np.all(order == np.arange(len(order))))
    )
    return AreaPlan(
        tuple(present),
        tuple(blocks),
        complete,
        order,
        starts,
        names,
        contiguous,
        all_complete,
        in_order,
    )


def axis_plan(axis: Axis[str], groups: tuple[tuple[str, tuple[str, ...]], ...]) -> AreaPlan:
    """:func:`area_plan` for ``axis``, kept in the axis's memo.

    The memo is found by the axis object, so a repeated aggregation hashes only its groups,
    not the whole area axis as the shared cache's key does.
    """
    memo = axis.memo()
    last = memo.get(_LAST)  # the same groups again (the usual case): compared, not hashed
    if last is not None and (last[0] is groups or last[0] == groups):
        found: AreaPlan = last[1]
        return found
    plan: AreaPlan | None = memo.get(groups)
    if plan is None:
        plan = memo[groups] = area_plan(axis.labels, groups)
    memo[_LAST] = (groups, plan)
    return plan


_LAST = ("last plan",)
"""The memo key of an axis's last ``(groups, plan)``."""


def same_labels(axis: Axis[str], other: Axis[str]) -> bool:
    """Whether ``other`` holds the labels of ``axis`` in the same order (kept in the memo)."""
    if other is axis or other.labels is axis.labels:
        return True
    memo = axis.memo()
    key = ("same labels", id(other))
    found = memo.get(key)
    if found is not None and found[0] is other:  # the memo holds other: its id stays its own
        same: bool = found[1]
        return same
    same = other.labels == axis.labels
    memo[key] = (other, same)
    return same


def axis_region_groups(axis: Axis[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`region_groups` of ``axis``'s municipality codes, kept in the axis's memo."""
    memo = axis.memo()
    groups: tuple[tuple[str, tuple[str, ...]], ...] | None = memo.get(_REGIONS)
    if groups is None:
        groups = memo[_REGIONS] = region_groups(axis.labels)
    return groups


_REGIONS = ("regions",)
"""The memo key of an axis's region groups (not a groups tuple: those hold pairs)."""


def axis_sources(
    axis: Axis[str],
    plan: AreaPlan,
    sources: Mapping[str, tuple[Source, ...]],
    groups: tuple[tuple[str, tuple[str, ...]], ...],
) -> Mapping[str, tuple[Source, ...]]:
    """:func:`group_sources` of ``plan`` over ``axis``, kept in the axis's memo per mapping.

    An inventory's sources never change, so the groups' sources are worked out once per
    plan and sources mapping; the memo holds both objects, so their ids stay theirs.
    """
    memo = axis.memo()
    key = ("sources", id(plan), id(sources))
    found = memo.get(key)
    if found is not None and found[0] is plan and found[1] is sources:
        result: Mapping[str, tuple[Source, ...]] = found[2]
        return result
    result = group_sources(sources, groups, plan.present)
    memo[key] = (plan, sources, result)
    return result


def as_slice(index: npt.NDArray[np.intp]) -> npt.NDArray[np.intp] | slice:
    """``index`` as a slice when it is a contiguous ascending run (a view), else itself."""
    if not len(index):
        return index
    first, last = int(index[0]), int(index[-1])
    if last - first + 1 == len(index) and index.tolist() == list(range(first, last + 1)):
        return slice(first, last + 1)
    return index


def group_sources(
    sources: Mapping[str, tuple[Source, ...]],
    groups: tuple[tuple[str, tuple[str, ...]], ...],
    present: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[Source, ...]]:
    """For each group, the distinct sources of its members that the inventory holds."""
    if not sources:
        return {name: () for name, _ in groups}
    held = list(sources.values())
    shared = held[0]
    if held.count(shared) == len(held):  # one source for all (usual): no member walk
        keys = sources.keys()
        return {
            name: () if keys.isdisjoint(held) else shared
            for (name, _), held in zip(groups, present, strict=True)
        }
    return {
        name: _collect_sources(sources, held)
        for (name, _), held in zip(groups, present, strict=True)
    }


def _collect_sources(
    sources: Mapping[str, tuple[Source, ...]], members: tuple[str, ...]
) -> tuple[Source, ...]:
    """The distinct sources of ``members``, in order of first appearance."""
    # Areas usually share one tuple of sources: dedupe the tuples by identity first.
    tuples = {id(t): t for t in (sources.get(m, ()) for m in members)}
    collected: list[Source] = []
    for group in tuples.values():
        for found in group:
            if found not in collected:
                collected.append(found)
    return tuple(collected)


class AreaSources(Mapping[str, tuple[Source, ...]]):
    """The sources of the areas on ``axis``, read through from a parent inventory's mapping.

    A selection of areas keeps its parent's sources this way instead of copying one entry per
    area (a national selection's largest fixed cost after the gather itself). It reads like
    the dict it stands for: only the axis's areas that have sources are keys.
    """

    __slots__ = ("_axis", "_parent")

    def __init__(self, parent: Mapping[str, tuple[Source, ...]], axis: Any) -> None:
        if isinstance(parent, AreaSources):  # a selection of a selection: read the root
            parent = parent.parent
        self._parent: Mapping[str, tuple[Source, ...]] = parent
        self._axis = axis
        """An :class:`~canemure.inventory.Axis` of area codes."""

    @property
    def parent(self) -> Mapping[str, tuple[Source, ...]]:
        """The mapping read through."""
        return self._parent

    def __getitem__(self, area: str) -> tuple[Source, ...]:
        if area not in self._axis:
            raise KeyError(area)
        return self._parent[area]

    def __iter__(self) -> Iterator[str]:
        parent = self._parent
        return (area for area in self._axis.labels if area in parent)

    def __len__(self) -> int:
        parent = self._parent
        return sum(1 for area in self._axis.labels if area in parent)

    def __repr__(self) -> str:
        return repr(dict(self))
