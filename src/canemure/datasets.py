"""Find the figures for an area: one source per municipality, chosen by precedence.

Every provider of inventories answers the same plugin hook (``canemure_load_inventory``):
canemure's own built-in providers (the bundled data and the user cache, see
:mod:`canemure.providers`) as well as region adapter plugins. The host returns each answer
with its precedence class (:class:`~canemure.providers.ProvidedInventory`), and
:func:`choose_sources` picks, **per municipality**, the whole series of one answer:

1. the user's own import (``canemure data import`` / ``download``: the user cache);
2. a region adapter's data;
3. the data bundled with canemure.

Within a class the host's call order decides (``tryfirst`` adapters first). SYKE recalculates
the whole series at every release, so figures of two sources are **never mixed** within one
municipality's series: a year or sector the chosen source lacks stays "not estimated" even
where a lower source has a figure. Where another source has figures for the same
municipality-year that differ from the chosen ones by more than
:data:`DISAGREEMENT_TOLERANCE` (half the 0.1 kt SYKE prints), the result lists one
:class:`Disagreement` for the municipality, with the largest difference (over every source set
aside, sector and year), and reports say so.

Users who do want figures combined cell by cell call :func:`merge_cells` (a wrapper around
:meth:`EmissionInventory.merge <canemure.inventory.EmissionInventory.merge>`) explicitly.
Nothing is filled in: municipalities no source covers stay missing and make regional totals
"not estimated".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
import pint

from canemure.errors import DataNotAvailableError
from canemure.geography import Municipality, Region, gazetteer
from canemure.inventory import EmissionInventory, Source
from canemure.inventory.provenance import SOURCE_KINDS, SourceKind
from canemure.providers import ProvidedInventory
from canemure.sectors import AccountingRule

if TYPE_CHECKING:
    from canemure.plugins import PluginManager

__all__ = [
    "DISAGREEMENT_TOLERANCE",
    "Disagreement",
    "MunicipalitySource",
    "SourcedInventory",
    "baseline_inventory",
    "baseline_sources",
    "bundled_inventories",
    "choose_sources",
    "merge_cells",
    "stack_areas",
]

DISAGREEMENT_TOLERANCE = 0.05
"""Figures closer than this (kt CO2e/a) agree: SYKE and the bundled data print 0.1 kt."""

_UNIT = "kt CO2e / a"


@attrs.frozen
class MunicipalitySource:
    """Where one municipality's whole series came from."""

    area: str
    """Municipality code."""
    kind: SourceKind
    """Precedence class of the provider (``"user-import"``, ``"adapter"``, ``"bundled"``)."""
    provider: str
    """Name of the plugin that answered."""
    sources: tuple[Source, ...]
    """The sources the provider gives for the municipality."""


@attrs.frozen
class Disagreement:
    """Two sources with different figures for the same municipality-year: the largest gap."""

    area: str
    """Municipality code."""
    used: MunicipalitySource
    """The source whose series is used."""
    other_kind: SourceKind
    """Precedence class of the source set aside."""
    other_provider: str
    """Plugin that gave the figures set aside."""
    other_sources: tuple[Source, ...]
    """Sources of the figures set aside."""
    year: int
    """Year of the largest difference."""
    sector: str
    """Sector key of the largest difference (at the finer level both sources have)."""
    used_value: float
    """The used source's figure there, kt CO2e/a."""
    other_value: float
    """The other source's figure there, kt CO2e/a."""
    cells: int
    """How many municipality-sector-year figures differ by more than the tolerance."""

    @property
    def difference(self) -> float:
        """``used_value - other_value``, kt CO2e/a."""
        return self.used_value - self.other_value


@attrs.frozen
class SourcedInventory:
    """An inventory assembled one source per municipality, and what was set aside."""

    inventory: EmissionInventory
    """Each municipality's figures, from exactly one provider."""
    choices: tuple[MunicipalitySource, ...]
    """The source of each municipality, in the inventory's area order."""
    disagreements: tuple[Disagreement, ...]
    """Municipalities where a source set aside has different figures: one each, the source
    set aside with the largest difference."""

    def source_of(self, area: str) -> MunicipalitySource:
        """Return the source of municipality ``area``."""
        for choice in self.choices:
            if choice.area == area:
                return choice
        raise KeyError(area)


def _reindex(
    inventory: EmissionInventory, sectors: Sequence[str], years: Sequence[int], unit: pint.Unit
) -> EmissionInventory:
    if list(inventory.sectors) == list(sectors) and list(inventory.years) == list(years):
        return inventory  # concat converts the unit
    from canemure.units import Q_

    values = inventory.values.m_as(unit)

    out = np.full((len(inventory.areas), len(sectors), len(years)), np.nan)
    s_pos = {s: i for i, s in enumerate(sectors)}
    y_pos = {y: i for i, y in enumerate(years)}
    isec = np.array([s_pos[s] for s in inventory.sectors], dtype=np.intp)
    iyr = np.array([y_pos[y] for y in inventory.years], dtype=np.intp)
    out[:, isec[:, None], iyr[None, :]] = values
    return attrs.evolve(inventory, values=Q_(out, unit), sectors=list(sectors), years=list(years))


def stack_areas(parts: Sequence[EmissionInventory]) -> EmissionInventory:
    """Stack inventories of disjoint areas under one rule, whatever their levels and years.

    Parts are summed up to the coarsest sector level among them, put on the union of their
    sectors and years (a sector or year a part lacks is "not estimated" for its areas, never
    taken from another part) and in the first part's unit, then joined with
    :meth:`EmissionInventory.concat <canemure.inventory.EmissionInventory.concat>`.
    """
    if not parts:
        raise ValueError("stack_areas needs at least one inventory")
    level = min(p.sector_level for p in parts)
    leveled = [p.aggregate_sectors(level) for p in parts]
    first = leveled[0]
    if all(
        p.sectors.labels == first.sectors.labels and p.years.labels == first.years.labels
        for p in leveled
    ):  # the usual case (e.g. every municipality's SYKE file): no union to work out
        sectors, years = list(first.sectors), sorted(int(y) for y in first.years)
    else:
        sectors = list(dict.fromkeys(s for p in leveled for s in p.sectors))
        years = sorted({int(y) for p in leveled for y in p.years})
    unit = leveled[0].unit
    return EmissionInventory.concat([_reindex(p, sectors, years, unit) for p in leveled])


def merge_cells(inventories: Iterable[EmissionInventory]) -> EmissionInventory:
    """Combine inventories cell by cell, later ones winning where they have a figure.

    This mixes sources within a municipality's series (for example two SYKE releases); use it
    only when that is what you want. :func:`baseline_inventory` never does.
    """
    merged: EmissionInventory | None = None
    for inventory in inventories:
        merged = inventory if merged is None else merged.merge(inventory)
    if merged is None:
        raise ValueError("merge_cells needs at least one inventory")
    return merged


def _same_series(first: EmissionInventory, second: EmissionInventory, area: str) -> bool:
    """Whether ``area``'s series are exactly the same in both inventories (NaN where NaN).

    Only answers laid out alike (sectors, years, unit and hierarchy) are compared this way;
    for those, equal series aggregate to equal series, so :func:`_compare` has nothing to
    find. Any other pair is left to it.
    """
    if (
        first.hierarchy is not second.hierarchy
        or first.sectors.labels != second.sectors.labels
        or first.years.labels != second.years.labels
        or first.values.units != second.values.units
    ):
        return False
    x = first.values.magnitude[first.areas.position(area)]
    y = second.values.magnitude[second.areas.position(area)]
    return bool(np.array_equal(x, y, equal_nan=True))


def _compare(
    used: ProvidedInventory, other: ProvidedInventory, area: str
) -> tuple[int, str, float, float, int] | None:
    """Largest difference between two answers' series of ``area``, beyond the tolerance."""
    if _same_series(used.inventory, other.inventory, area):
        return None  # e.g. an adapter answering with the bundled figures: nothing to compare
    a = used.inventory.sel(areas=[area])
    b = other.inventory.sel(areas=[area])
    level = min(a.sector_level, b.sector_level)
    a, b = a.aggregate_sectors(level), b.aggregate_sectors(level)
    sectors = [s for s in a.sectors if s in b.sectors]
    years = [y for y in a.years if y in b.years]
    if not sectors or not years:
        return None
    x = a.sel(sectors=sectors, years=years).values.m_as(_UNIT)[0]
    y = b.sel(sectors=sectors, years=years).values.m_as(_UNIT)[0]
    gap = np.abs(x - y)
    gap[np.isnan(gap)] = -1.0
    differing = int((gap > DISAGREEMENT_TOLERANCE).sum())
    if not differing:
        return None
    j, k = np.unravel_index(int(np.argmax(gap)), gap.shape)
    return years[k], sectors[j], float(x[j, k]), float(y[j, k]), differing


def choose_sources(
    answers: Sequence[ProvidedInventory], areas: Collection[str] | None = None
) -> SourcedInventory | None:
    """Pick each municipality's whole series from the highest-precedence answer that has it.

    ``answers`` are ranked by :attr:`~canemure.providers.ProvidedInventory.kind` (see
    :data:`~canemure.inventory.provenance.SOURCE_KINDS`); answers of one kind keep their
    order. An answer "has" a municipality when it lists at least one estimated figure for
    it; a municipality that answers list without any figure is kept from the highest of them,
    all "not estimated". ``areas`` restricts the result to those municipality codes. Returns
    ``None`` when no answer lists any of them.
    """
    ranked = sorted(answers, key=lambda answer: SOURCE_KINDS.index(answer.kind))
    wanted = None if areas is None else set(areas)
    chosen: dict[str, int] = {}
    others: dict[str, list[int]] = {}
    listed: dict[str, int] = {}
    for index, answer in enumerate(ranked):
        inventory = answer.inventory
        has_figures = np.asarray(inventory.estimated.any(axis=(1, 2))).tolist()
        for area, has in zip(inventory.areas, has_figures, strict=True):
            if wanted is not None and area not in wanted:
                continue
            listed.setdefault(area, index)
            if not has:
                continue
            if area in chosen:
                others.setdefault(area, []).append(index)
            else:
                chosen[area] = index
    for area, index in listed.items():  # listed, but no answer has a figure: not estimated
        chosen.setdefault(area, index)
    if not chosen:
        return None
    by_answer: dict[int, list[str]] = {}
    for area, index in chosen.items():
        by_answer.setdefault(index, []).append(area)
    parts = [ranked[i].inventory.sel(areas=codes) for i, codes in sorted(by_answer.items())]
    inventory = stack_areas(parts)
    order = list(listed)  # the order in which the answers list the municipalities
    if list(inventory.areas) != order:
        inventory = inventory.sel(areas=order)
    choices = {
        area: MunicipalitySource(
            area,
            ranked[index].kind,
            ranked[index].provider,
            tuple(ranked[index].inventory.sources.get(area, ())),
        )
        for area, index in chosen.items()
    }
    disagreements = []
    for area in inventory.areas:
        worst: Disagreement | None = None
        for index in others.get(area, ()):
            found = _compare(ranked[chosen[area]], ranked[index], area)
            if found is None:
                continue
            year, sector, used_value, other_value, cells = found
            other = ranked[index]
            candidate = Disagreement(
                area,
                choices[area],
                other.kind,
                other.provider,
                tuple(other.inventory.sources.get(area, ())),
                year,
                sector,
                used_value,
                other_value,
                cells,
            )
            if worst is None or abs(candidate.difference) > abs(worst.difference):
                worst = candidate
        if worst is not None:
            disagreements.append(worst)
    return SourcedInventory(
        inventory, tuple(choices[a] for a in inventory.areas), tuple(disagreements)
    )


def _codes(area: Region | Municipality) -> set[str]:
    return set(gazetteer().municipality_codes(area))


def _region_of(area: Region | Municipality) -> Region:
    return area if isinstance(area, Region) else gazetteer().region_of(area)


def bundled_inventories(rule: AccountingRule) -> list[EmissionInventory]:
    """Inventories bundled with canemure that follow ``rule``."""
    from canemure.providers.bundled import bundled_inventories as bundled

    return bundled(rule)


def baseline_sources(
    area: Region | Municipality,
    rule: AccountingRule,
    *,
    manager: PluginManager | None = None,
    use_plugins: bool = True,
    use_imports: bool = True,
    extra: Iterable[EmissionInventory] = (),
) -> SourcedInventory:
    """All figures for ``area`` under ``rule``, one source per municipality (module docstring).

    Every provider is asked through ``manager`` (the process-wide one when not given).
    ``use_plugins=False`` leaves out region adapters (the built-in providers still answer),
    ``use_imports=False`` the user cache. ``extra`` inventories rank as the user's own import,
    ahead of the cache. Raises :class:`~canemure.errors.DataNotAvailableError` when no source
    covers any municipality of the area, naming what was tried and how to add data.
    """
    if manager is None:
        from canemure.plugins import get_plugin_manager

        manager = get_plugin_manager()
    kinds = [
        kind
        for kind in SOURCE_KINDS
        if (use_plugins or kind != "adapter") and (use_imports or kind != "user-import")
    ]
    answers = [ProvidedInventory(inv, "user-import", "extra") for inv in extra]
    from canemure.providers.user_cache import only_municipalities

    with only_municipalities(_codes(area)):  # the cache opens only the files of ``area``
        answers.extend(manager.load_inventories(_region_of(area), rule, kinds=kinds))
    found = choose_sources(answers, _codes(area))
    if found is None:
        raise DataNotAvailableError.keyed("no_figures", rule=rule.id, area=str(area))
    return found


def baseline_inventory(
    area: Region | Municipality,
    rule: AccountingRule,
    *,
    manager: PluginManager | None = None,
    use_plugins: bool = True,
    use_imports: bool = True,
    extra: Iterable[EmissionInventory] = (),
) -> EmissionInventory:
    """The inventory of :func:`baseline_sources`: each municipality from one source."""
    return baseline_sources(
        area,
        rule,
        manager=manager,
        use_plugins=use_plugins,
        use_imports=use_imports,
        extra=extra,
    ).inventory
