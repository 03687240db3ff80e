"""Shared implementation of canemure's first-party region adapters.

The seven Canemure regions' adapters (``plugins/canemure-<region>``) differ only in their
facts: region code, coordinators and where the facts were read. Everything else is the same
code over canemure's bundled data, so it lives here, once:

* region metadata and municipalities from the reference gazetteer (2025 structure);
* coordinators and the cooperation group as the adapter states them, with sources;
* published measures and targets of the region and of its cities
  (:mod:`canemure.measures`, :mod:`canemure.targets`);
* local emission factors and measure parameters (:mod:`canemure.factors`) whose printed scope
  names one of the region's municipalities;
* inventories: the bundled district-heating figures of ALas 1.1 (2005-2018) as a **partial**
  inventory -- every other sector is NaN, so totals are "not estimated". SYKE files in the
  user cache are not read here: the host's built-in ``user-cache`` provider reads them once
  and they take precedence, municipality by municipality (:mod:`canemure.datasets`).

A :class:`RegionAdapter` carries the facts and **is the plugin**: its methods are the
``@hookimpl`` implementations of every hook, so an adapter module only states its facts and its
entry point names the object::

    ADAPTER = RegionAdapter(region_id="pirkanmaa", region_code="06", ...)

    # pyproject.toml
    [project.entry-points.canemure]
    pirkanmaa = "canemure_pirkanmaa:ADAPTER"

Design choices
--------------
* **Cached SYKE data and the bundled ALas 1.1 figures are never merged**: they come from
  different ALas releases, and later releases changed how district heat is allocated. The
  host takes a municipality's whole series from the cache when it has one.
* **Municipal mergers.** The bundled district-heat file uses the 2020 municipalities. A former
  municipality merged into a 2025 one (Honkajoki, 099, into Kankaanpää, 214, in 2021) has its
  figures added to its successor's, so the areas are those of the reference list; the
  successor's source says so. A year in which either part is not estimated stays NaN.
* **The object is the plugin.** pluggy registers any object whose attributes are
  hookimpl-marked, and the host and the conformance kit read ``CANEMURE_REQUIRES`` and
  ``CANEMURE_COVERAGE`` from whatever object is registered. Registering the adapter object
  itself saves each of the seven modules eight functions that would only delegate to it.
* **Coverage is computed, not hard-coded**: :meth:`RegionAdapter.coverage` asks the loader
  what it has now (the user's cache may change), which is what the conformance kit compares
  with the answers. ``CANEMURE_COVERAGE`` is a view that computes it on lookup, not when the
  attribute is read: older pluggy releases read every attribute of a plugin object (the
  current one skips properties) while looking for hook implementations, and registering must
  neither load inventories nor fail on a damaged cache file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from canemure.geography import Coordinator, Region, gazetteer
from canemure.plugins.markers import hookimpl
from canemure.plugins.types import CooperationGroup, RegionInfo
from canemure.roadmaps import RoadmapInfo, roadmap
from canemure.sectors import AccountingRule, sector_hierarchy

if TYPE_CHECKING:  # numpy and pint load when a hook needs them, not when plugins are found
    from canemure.factors import EmissionFactor
    from canemure.inventory import EmissionInventory
    from canemure.measures import PublishedMeasure
    from canemure.targets import Target

__all__ = [
    "COOPERATION_CADENCE_SOURCE",
    "MERGED_MUNICIPALITIES",
    "LiveCoverage",
    "RegionAdapter",
    "cached_syke_inventory",
    "district_heating_inventory",
    "local_factors",
]

COOPERATION_CADENCE_SOURCE = (
    "Canemure project description as summarised in the project brief (DOMAIN.md): 'The groups "
    "meet four times a year, supported by a paid regional coordinator.' (all seven groups)"
)
"""Where the four-meetings-a-year cadence of the Canemure cooperation groups is stated."""

MERGED_MUNICIPALITIES: Mapping[str, tuple[str, str]] = {
    "099": ("214", "Honkajoki (099) merged into Kankaanpää (214) in 2021"),
}
"""Former municipalities of the bundled ALas 1.1 file within the seven regions: successor, note."""

_REGION_SOURCE = (
    "Statistics Finland region and municipality classification (2025) as bundled in canemure; "
    "Canemure region per kestavyysloikka.ymparisto.fi/hanke/canemure/ and syke.fi "
    "(collected in the project's data/regions.md)"
)


def _kau_part(rule: AccountingRule) -> str | None:
    """Which district-heat part ``rule`` counts: ``"total"``, ``"ets"``, ``"non-ets"`` or none."""
    leaves = sector_hierarchy().leaves_under("Kau")
    counted = {leaf.key for leaf in leaves if rule.includes(leaf)}
    if counted == {leaf.key for leaf in leaves}:
        return "total"
    if counted == {leaf.key for leaf in leaves if leaf.ets}:
        return "ets"
    if counted == {leaf.key for leaf in leaves if not leaf.ets}:
        return "non-ets"
    return None


def _requested(years: Sequence[int] | None, available: Sequence[int]) -> list[int]:
    return list(available) if years is None else [y for y in available if y in set(years)]


def district_heating_inventory(
    region: Region, rule: AccountingRule, years: Sequence[int] | None = None
) -> EmissionInventory | None:
    """Return the bundled ALas 1.1 district-heat emissions of ``region``, a partial inventory.

    Sectors are the level-3 sectors ``rule`` counts; only ``Kau`` (district heat) holds figures,
    every other sector is NaN. Under a rule counting only ETS plants (or only other plants) the
    matching part is used; a rule counting some other subset of district heat gives ``None``,
    as do years the file does not have.
    """
    import numpy as np

    from canemure.inventory import EmissionInventory, Source
    from canemure.io.bundled import DISTRICT_HEATING_SOURCE, district_heating_alas11
    from canemure.units import Q_

    part = _kau_part(rule)
    if part is None:
        return None
    data = district_heating_alas11()
    if part == "total":
        source = data.emissions_total(rule=rule)
    else:
        source = data.emissions_ets if part == "ets" else data.emissions_non_ets
    wanted = _requested(years, list(source.years))
    if not wanted:
        return None
    gaz = gazetteer()
    codes = [m.code for m in gaz.municipalities_of(region)]
    values = source.values.m_as("kt CO2e / a")[:, 0, :]
    area_pos = {a: i for i, a in enumerate(source.areas)}
    year_pos = [list(source.years).index(y) for y in wanted]
    tree = sector_hierarchy()
    sectors = [
        s.key
        for s in tree.level(3)
        if any(rule.includes(leaf) for leaf in tree.leaves_under(s.key))
    ]
    array = np.full((len(codes), len(sectors), len(wanted)), np.nan)
    kau = sectors.index("Kau")
    sources: dict[str, tuple[Source, ...]] = {}
    for i, code in enumerate(codes):
        if code not in area_pos:
            continue
        row = values[area_pos[code], year_pos].copy()
        notes = []
        for former, (successor, note) in MERGED_MUNICIPALITIES.items():
            if successor == code and former in area_pos:
                row = row + values[area_pos[former], year_pos]
                notes.append(note + "; its figures are added to the successor's")
        array[i, kau, :] = row
        extra = (
            (
                Source(
                    id=f"bundled:district-heating-alas11:merged-into-{code}",
                    title="Former municipality folded into its 2025 successor",
                    notes="; ".join(notes),
                ),
            )
            if notes
            else ()
        )
        sources[code] = (DISTRICT_HEATING_SOURCE, *extra)
    kept = [i for i, code in enumerate(codes) if code in sources]
    if not kept or np.isnan(array[kept]).all():
        return None
    return EmissionInventory(
        Q_(array[kept], "kt CO2e / a"),
        [codes[i] for i in kept],
        sectors,
        wanted,
        rule,
        sources,
    )


def cached_syke_inventory(
    region: Region, rule: AccountingRule, years: Sequence[int] | None = None
) -> EmissionInventory | None:
    """SYKE open data in the user cache for ``region``'s municipalities; or ``None``.

    The user cache has one owner, the built-in ``user-cache`` provider
    (:func:`canemure.providers.user_cache.cached_inventory`); this is that reader, kept for
    callers of the adapter support. Adapters do not call it: the host asks the provider itself
    and gives its figures precedence over an adapter's.
    """
    from canemure.providers.user_cache import cached_inventory

    return cached_inventory(region, rule, years)


_NATIONAL_SCOPE = re.compile(r"^\s*(?:Finland|EU|Sweden|Southern Finland)\b", re.IGNORECASE)


def local_factors(region: Region) -> tuple[EmissionFactor, ...]:
    """Measure parameters whose printed scope names a municipality of ``region``.

    National scopes ("Finland", "Finland (Helsinki, Helen)") are not local, even when they
    mention a city; ``"Helsinki-Espoo"`` and ``"Tampere (municipality 837)"`` are.
    """
    from canemure.factors import read_measure_parameters

    names = {m.name for m in gazetteer().municipalities_of(region)}
    found = []
    for factor in read_measure_parameters():
        if _NATIONAL_SCOPE.match(factor.scope):
            continue
        words = set(re.findall(r"[^\W\d_]+", factor.scope))
        if words & names:
            found.append(factor)
    return tuple(found)


def _coordinators(value: Sequence[Coordinator]) -> tuple[Coordinator, ...]:
    if not value:
        raise ValueError("a region adapter needs at least one coordinating organisation")
    return tuple(value)


def _strings(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(value)


class LiveCoverage(Mapping[str, Mapping[str, tuple[int, ...]]]):
    """A :class:`RegionAdapter`'s ``CANEMURE_COVERAGE``: region id -> rule id -> years.

    Nothing is computed until a region is looked up; each lookup asks
    :meth:`RegionAdapter.coverage` afresh, so the answer follows the user's cache.
    """

    def __init__(self, adapter: RegionAdapter) -> None:
        self._adapter = adapter

    def __getitem__(self, region_id: str) -> Mapping[str, tuple[int, ...]]:
        if region_id != self._adapter.region_id:
            raise KeyError(region_id)
        return self._adapter.coverage()[region_id]

    def __iter__(self) -> Iterator[str]:
        return iter((self._adapter.region_id,))

    def __len__(self) -> int:
        return 1

    def __repr__(self) -> str:
        return f"<coverage of the {self._adapter.region_id!r} adapter, computed on lookup>"


@attrs.frozen
class RegionAdapter:
    """One Canemure region's facts, and the answer to every hook from canemure's bundled data.

    The object is a plugin: register it (or name it in the entry point) and each
    ``canemure_*`` method answers its hook, returning ``None`` for other region ids as the hook
    contract requires.
    """

    region_id: str
    """Region id the adapter claims (also its entry-point name), e.g. ``"pirkanmaa"``."""
    region_code: str
    """Statistics Finland region code, e.g. ``"06"``."""
    coordinating_organisations: tuple[Coordinator, ...] = attrs.field(converter=_coordinators)
    """Coordinating organisation(s) with their sources (the paid coordinator first)."""
    cooperation_group_source: str
    """Where the region's cooperation-group facts were read (and what was not found)."""
    cooperation_group_members: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    """Members as published; empty when the sources read do not list them."""
    canemure_requires: str = ">=0.1"
    """The canemure versions the adapter is written for (as in its distribution's dependencies)."""

    @property
    def CANEMURE_REQUIRES(self) -> str:  # noqa: N802 - the attribute name the host reads
        """The core-version requirement the host checks before registering the adapter."""
        return self.canemure_requires

    @property
    def CANEMURE_COVERAGE(self) -> LiveCoverage:  # noqa: N802 - the name the kit reads
        """What the inventory hook has, ``{region_id: {rule_id: years}}``, computed on lookup."""
        return LiveCoverage(self)

    @property
    def region(self) -> Region:
        """The region in the reference gazetteer."""
        return gazetteer().region(self.region_code)

    def _serves(self, region_id: str) -> bool:
        return region_id == self.region_id

    def roadmap(self) -> RoadmapInfo | None:
        """Return the region's roadmap facts (title, approval, themes), bundled in core."""
        return roadmap(self.region_id)

    @hookimpl
    def canemure_roadmap(self, region_id: str) -> RoadmapInfo | None:
        """Return the region's roadmap as published (title, approval, themes), with sources."""
        return self.roadmap() if self._serves(region_id) else None

    @hookimpl
    def canemure_regions(self) -> Sequence[RegionInfo]:
        """Declare the region this adapter serves."""
        region = self.region
        return [
            RegionInfo(
                id=self.region_id,
                names=region.names,
                region_code=region.code,
                source=_REGION_SOURCE,
            )
        ]

    @hookimpl
    def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
        """Codes of the region's municipalities (reference gazetteer, 2025)."""
        if not self._serves(region_id):
            return None
        return list(gazetteer().municipality_codes(self.region))

    @hookimpl
    def canemure_coordinators(self, region_id: str) -> Sequence[Coordinator] | None:
        """Return the organisation(s) coordinating the region's Canemure work."""
        return self.coordinating_organisations if self._serves(region_id) else None

    @hookimpl
    def canemure_cooperation_group(self, region_id: str) -> CooperationGroup | None:
        """Return the region's cooperation group: members as published, four meetings a year."""
        if not self._serves(region_id):
            return None
        lead = self.coordinating_organisations[0].organisation
        return CooperationGroup(
            name=f"{self.region.name}: regional cooperation group (Canemure)",
            members=self.cooperation_group_members,
            meetings_per_year=4,
            supported_by=f"a paid regional coordinator ({lead})",
            source=f"{self.cooperation_group_source} Cadence: {COOPERATION_CADENCE_SOURCE}",
        )

    @hookimpl
    def canemure_load_inventory(
        self, region_id: str, rule: AccountingRule, years: Sequence[int] | None
    ) -> EmissionInventory | None:
        """Return the bundled ALas 1.1 district-heat figures of the region (a partial inventory).

        The user's cached SYKE files are not read here: the host's built-in ``user-cache``
        provider reads them once and gives them precedence, municipality by municipality.
        """
        if not self._serves(region_id):
            return None
        return district_heating_inventory(self.region, rule, years)

    @hookimpl
    def canemure_measures(self, region_id: str) -> Sequence[PublishedMeasure] | None:
        """Return the published measures of the region and of its cities' climate plans."""
        if not self._serves(region_id):
            return None
        from canemure.measures import read_city_measures, read_region_measures

        found = [
            m
            for m in (*read_region_measures(), *read_city_measures())
            if m.region_id == self.region_id
        ]
        return found or None

    @hookimpl
    def canemure_targets(self, region_id: str) -> Sequence[Target] | None:
        """Return the published targets of the region and its cities (any ``Target.kind``)."""
        if not self._serves(region_id):
            return None
        from canemure.targets import read_city_targets, read_region_targets

        found = [
            t
            for t in (*read_region_targets(), *read_city_targets())
            if t.region_id == self.region_id
        ]
        return found or None

    @hookimpl
    def canemure_emission_factors(self, region_id: str) -> Sequence[EmissionFactor] | None:
        """Measure parameters published for places in the region."""
        if not self._serves(region_id):
            return None
        return local_factors(self.region) or None

    def coverage(self) -> dict[str, dict[str, tuple[int, ...]]]:
        """Return what the inventory hook has now: ``{region_id: {rule_id: years}}``."""
        from canemure.sectors import RULES

        per_rule: dict[str, tuple[int, ...]] = {}
        for rule in RULES:
            inventory = self.canemure_load_inventory(self.region_id, rule, None)
            if inventory is not None:
                per_rule[rule.id] = tuple(inventory.years)
        return {self.region_id: per_rule}
