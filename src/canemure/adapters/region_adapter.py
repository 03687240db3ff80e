"""Shared implementation of region adapters: canemure's own seven, and any team's.

A :class:`RegionAdapter` answers every hook either from **a data package** -- the files a
regional team ships in its own adapter package (``data_package="canemure_kainuu"``; the
files and their fields are in :data:`PACKAGE_FILES` and ``docs/plugins.md``), read with
:mod:`importlib.resources` once per process -- or, without one, from **canemure's bundled
data**. Targets, measures, factors, coordinators, roadmap and cooperation group are never
mixed: with a data package a file it does not ship means "not known". The package's
inventory is read by :meth:`RegionAdapter.packaged_inventory`. ``canemure new-plugin``
writes a data-package adapter.

The seven Canemure regions' adapters (``plugins/canemure-<region>``) use the bundled data and
differ only in their facts: region code, coordinators and where the facts were read.
Everything else is the same code over canemure's bundled data, so it lives here, once:

* region metadata and municipalities from the reference gazetteer (2025 structure);
* coordinators and the cooperation group as the adapter states them, with sources;
* published measures and targets of the region and of its cities
  (:mod:`canemure.published.measures`, :mod:`canemure.published.targets`);
* local emission factors and measure parameters (:mod:`canemure.published.factors`) whose
  printed scope names one of the region's municipalities;
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
from functools import cache
from typing import TYPE_CHECKING, Any, overload

import attrs

from canemure.geography import Coordinator, Region, gazetteer
from canemure.i18n import Text
from canemure.plugins.markers import hookimpl
from canemure.plugins.types import CooperationGroup, RegionInfo

if TYPE_CHECKING:  # numpy and pint load when a hook needs them, not when plugins are found
    from importlib.resources.abc import Traversable

    from canemure._team_files import TeamFile
    from canemure.inventory import EmissionInventory
    from canemure.published.factors import EmissionFactor
    from canemure.published.measures import PublishedMeasure
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.published.targets import Target
    from canemure.sectors import AccountingRule

__all__ = [
    "COOPERATION_CADENCE_SOURCE",
    "MERGED_MUNICIPALITIES",
    "PACKAGE_FILES",
    "PACKAGE_INVENTORY_FILE",
    "PACKAGE_SYKE_FOLDER",
    "LiveCoverage",
    "RegionAdapter",
    "cached_syke_inventory",
    "district_heating_inventory",
    "local_factors",
    "packaged_inventory",
    "packaged_records",
    "read_cooperation_group_file",
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

_GAZETTEER_SOURCE = (
    "Statistics Finland region and municipality classification (2025) as bundled in canemure"
)
_REGION_SOURCE = (
    f"{_GAZETTEER_SOURCE}; Canemure region per kestavyysloikka.ymparisto.fi/hanke/canemure/ and "
    "syke.fi (collected in the project's data/regions.md)"
)


def _kau_part(rule: AccountingRule) -> str | None:
    """Which district-heat part ``rule`` counts: ``"total"``, ``"ets"``, ``"non-ets"`` or none."""
    from canemure.sectors import sector_hierarchy

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
    from canemure.sectors import sector_hierarchy
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
    from canemure.published.factors import read_measure_parameters

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
    return tuple(value)


def _strings(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(value)


PACKAGE_FILES: Mapping[str, tuple[str, ...]] = {
    "targets": ("targets.csv", "targets.toml"),
    "measures": ("measures.csv", "measures.toml"),
    "factors": ("factors.csv", "factors.toml"),
    "coordinators": ("coordinators.toml", "coordinators.csv"),
    "roadmap": ("roadmap.toml",),
    "cooperation_group": ("cooperation_group.toml",),
}
"""The files a :class:`RegionAdapter` reads from its data package, by kind (one of each)."""
PACKAGE_INVENTORY_FILE = "inventory.csv"
"""The data package's inventory in canemure's tidy CSV layout (one accounting rule)."""
PACKAGE_SYKE_FOLDER = "inventory"
"""The data package's folder of SYKE open-data files, ``kunta_<n>.csv`` (any rule)."""


def _data_folder(package: str, data_dir: str) -> Traversable:
    from importlib import resources  # with pathlib, tempfile, zipfile: not for listing plugins

    return resources.files(package).joinpath(data_dir)


def _one_file(package: str, data_dir: str, kind: str) -> Traversable | None:
    from canemure.errors import DataFormatError

    folder = _data_folder(package, data_dir)
    present = [folder.joinpath(n) for n in PACKAGE_FILES[kind] if folder.joinpath(n).is_file()]
    if len(present) > 1:
        names = " and ".join(str(p) for p in present)
        raise DataFormatError(f"ship one {kind} file, not both {names}", str(folder))
    return present[0] if present else None


_GROUP_KEYS: Mapping[str, type] = {
    "name": str,
    "source": str,
    "members": list,
    "meetings_per_year": int,
    "supported_by": str,
}


def read_cooperation_group_file(file: TeamFile) -> CooperationGroup:
    """Read a team's cooperation group from a TOML file with its keys at top level.

    ``name`` and ``source`` are required; ``members`` (an array of strings, empty = not
    published), ``meetings_per_year`` (a positive integer) and ``supported_by`` are optional
    (left out = not published). Unknown keys, missing keys and values of the wrong type are
    reported together in one :class:`~canemure.errors.DataFormatError`.
    """
    from canemure._team_files import read_toml_table
    from canemure.errors import DataFormatError, Problem

    where, raw = read_toml_table(file)
    problems: list[Problem] = []
    for key, value in raw.items():
        kind = _GROUP_KEYS.get(key)
        if kind is None:
            known = ", ".join(_GROUP_KEYS)
            problems.append(Problem.keyed("team_unknown_key_known", where, column=key, known=known))
        elif not isinstance(value, kind) or isinstance(value, bool):
            problems.append(
                Problem.keyed(
                    "team_must_be_type", where, column=key, value=value, type=kind.__name__
                )
            )
        elif isinstance(value, str) and not value.strip():
            problems.append(Problem.keyed("team_not_empty", where, column=key, value=value))
    for key in ("name", "source"):
        if key not in raw:
            problems.append(Problem.keyed("team_key_required", where, column=key))
    members = raw.get("members", [])
    if isinstance(members, list) and not all(isinstance(m, str) and m.strip() for m in members):
        problems.append(
            Problem.keyed("team_non_empty_strings", where, column="members", value=members)
        )
    meetings = raw.get("meetings_per_year")
    if isinstance(meetings, int) and not isinstance(meetings, bool) and meetings < 1:
        problems.append(Problem.keyed("team_at_least_one", where, column="meetings_per_year"))
    if problems:
        raise DataFormatError(problems, where)
    return CooperationGroup(
        name=raw["name"],
        members=tuple(raw.get("members", ())),
        meetings_per_year=raw.get("meetings_per_year"),
        supported_by=raw.get("supported_by"),
        source=raw["source"],
    )


@cache
def packaged_records(package: str, data_dir: str, kind: str, region_id: str) -> tuple[Any, ...]:
    """Read a data package's ``kind`` file for ``region_id``; empty without one (read once).

    ``kind`` is ``"targets"``, ``"measures"``, ``"factors"``, ``"coordinators"``,
    ``"roadmap"`` or ``"cooperation_group"`` (one record each); the file names are in
    :data:`PACKAGE_FILES`.
    """
    file = _one_file(package, data_dir, kind)
    if file is None:
        return ()
    if kind == "targets":
        from canemure.published.targets import read_targets_file

        return read_targets_file(file, region_id=region_id)
    if kind == "measures":
        from canemure.published.measures import read_measures_file

        return read_measures_file(file, region_id=region_id)
    if kind == "factors":
        from canemure.published.factors import read_factors_file

        return read_factors_file(file)
    if kind in ("cooperation_group", "roadmap"):
        from canemure._team_files import read_toml_table

        if not read_toml_table(file)[1]:
            return ()  # only comments (as the template writes it): not known
    if kind == "cooperation_group":
        return (read_cooperation_group_file(file),)
    if kind == "roadmap":
        from canemure.published.roadmaps import read_roadmap_file

        return (read_roadmap_file(file, region_id=region_id),)
    from canemure.geography.model import read_coordinators_file

    return read_coordinators_file(file)


@cache
def _packaged_inventories(
    package: str, data_dir: str, region_id: str, rule: AccountingRule
) -> EmissionInventory | None:
    from importlib import resources

    from canemure.errors import DataFormatError, Problem
    from canemure.io.syke_csv import read_syke_csv
    from canemure.io.tidy_csv import read_tidy_csv

    folder = _data_folder(package, data_dir)
    tidy = folder.joinpath(PACKAGE_INVENTORY_FILE)
    syke = folder.joinpath(PACKAGE_SYKE_FOLDER)
    if tidy.is_file() and syke.is_dir():
        raise DataFormatError(
            f"ship {PACKAGE_INVENTORY_FILE} or {PACKAGE_SYKE_FOLDER}/kunta_<n>.csv, not both",
            str(folder),
        )
    found: EmissionInventory | None = None
    if tidy.is_file():
        with resources.as_file(tidy) as path:
            found = read_tidy_csv(path)
        if found.rule != rule:
            return None
    elif syke.is_dir():
        files = list(syke.iterdir())
        odd = [f for f in files if not re.fullmatch(r"kunta_\d+\.csv", f.name)]
        if odd:
            raise DataFormatError(
                [Problem("expected only SYKE files named kunta_<number>.csv", str(f)) for f in odd],
                str(syke),
            )
        for file in sorted(files, key=lambda f: int(f.name[6:-4])):
            with resources.as_file(file) as path:
                inventory = read_syke_csv(path, rule=rule).emissions
            found = inventory if found is None else found.merge(inventory)
    if found is None:
        return None
    region = gazetteer().region(region_id)
    members = set(gazetteer().municipality_codes(region))
    outside = [area for area in found.areas if area not in members]
    if outside:
        raise DataFormatError(
            [
                Problem(f"{area} is not a municipality of {region}", str(folder), column="area")
                for area in outside
            ],
            str(folder),
        )
    return found


def packaged_inventory(
    package: str,
    data_dir: str,
    region_id: str,
    rule: AccountingRule,
    years: Sequence[int] | None = None,
) -> EmissionInventory | None:
    """A data package's inventory of ``region_id`` under ``rule`` for ``years``.

    See :meth:`RegionAdapter.packaged_inventory`; each file is parsed once per process.
    """
    inventory = _packaged_inventories(package, data_dir, region_id, rule)
    if inventory is None:
        return None
    wanted = _requested(years, list(inventory.years))
    if not wanted:
        return None
    return inventory if years is None else inventory.sel(years=wanted)


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


_FINNISH_ROADMAP = frozenset({"title", "approved_by", "themes"})
"""The texts of canemure's bundled roadmap file written in Finnish (the rest are English)."""


@overload
def _said(text: str, lang: str) -> str: ...
@overload
def _said(text: str | None, lang: str) -> str | None: ...
def _said(text: str | None, lang: str) -> str | None:
    """``text`` with its language: a plain ``str`` becomes a :class:`Text` in ``lang``."""
    if text is None or isinstance(text, Text) or not text.strip():
        return text
    return Text(text, lang)


def _roadmap_said(
    found: RoadmapInfo, lang: str, finnish: frozenset[str] = frozenset()
) -> RoadmapInfo:
    """``found`` with each text saying its language: ``lang``, or Finnish for ``finnish``."""

    def said(name: str, text: str | None) -> str | None:
        return _said(text, "fi" if name in finnish else lang)

    def said_text(name: str, text: str) -> str:
        return _said(text, "fi" if name in finnish else lang)

    return attrs.evolve(
        found,
        title=said("title", found.title),
        approved_text=said_text("approved_text", found.approved_text),
        approved_by=said("approved_by", found.approved_by),
        target_text=said("target_text", found.target_text),
        notes=said("notes", found.notes),
        themes=[said_text("themes", theme) for theme in found.themes],
    )


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
    coordinating_organisations: tuple[Coordinator, ...] = attrs.field(
        default=(), converter=_coordinators
    )
    """Coordinating organisation(s) with their sources (the paid coordinator first). Required
    unless :attr:`data_package` ships them in ``coordinators.toml``."""
    cooperation_group_source: str | None = None
    """Where the region's Canemure cooperation-group facts were read (and what was not found).
    Required without a :attr:`data_package`; a data package ships
    ``cooperation_group.toml`` instead."""
    cooperation_group_members: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    """Members as published; empty when the sources read do not list them."""
    canemure_requires: str = ">=0.1"
    """The canemure versions the adapter is written for (as in its distribution's dependencies)."""
    data_package: str | None = None
    """The importable package whose data folder holds the region's own files
    (:data:`PACKAGE_FILES`, :data:`PACKAGE_INVENTORY_FILE`, :data:`PACKAGE_SYKE_FOLDER`);
    ``None`` (canemure's seven first-party adapters) answers from canemure's bundled data."""
    data_dir: str = "data"
    """The folder inside :attr:`data_package` that holds the files."""
    text_language: str = attrs.field(
        default="en", validator=attrs.validators.in_(("fi", "sv", "en"))
    )
    """The language of the adapter's own texts given as plain ``str`` (coordinators' roles,
    the cooperation group's words, a data package's roadmap): reports mark them with it
    ("in English") for readers of another language. A text given as a
    :class:`canemure.i18n.Text` says its own language and translations."""

    def __attrs_post_init__(self) -> None:
        if self.data_package is not None:
            return
        if not self.coordinating_organisations:
            raise ValueError("a region adapter needs at least one coordinating organisation")
        if not self.cooperation_group_source:
            raise ValueError(
                "an adapter answering from canemure's bundled data needs cooperation_group_source"
            )

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
        """Return the region's roadmap facts (title, approval, themes).

        From the data package's ``roadmap.toml`` when there is a package, else bundled in core.
        """
        if self.data_package is not None:
            found = self._packaged("roadmap")
            return _roadmap_said(found[0], self.text_language) if found else None
        from canemure.published.roadmaps import roadmap

        bundled = roadmap(self.region_id)
        # canemure's file: titles, approving bodies and themes as published (Finnish), the
        # other texts in canemure's (English) words
        return None if bundled is None else _roadmap_said(bundled, "en", finnish=_FINNISH_ROADMAP)

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
                source=_REGION_SOURCE if region.canemure else _GAZETTEER_SOURCE,
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
        if not self._serves(region_id):
            return None
        found = (*self.coordinating_organisations, *self._packaged("coordinators"))
        said = [attrs.evolve(c, role=_said(c.role, self.text_language)) for c in found]
        return said or None

    @hookimpl
    def canemure_cooperation_group(self, region_id: str) -> CooperationGroup | None:
        """Return the region's cooperation group.

        From the data package's ``cooperation_group.toml`` when there is a package; else the
        Canemure group as stated here: members as published, four meetings a year.
        """
        if not self._serves(region_id):
            return None
        if self.data_package is not None:
            found = self._packaged("cooperation_group")
            if not found:
                return None
            group: CooperationGroup = found[0]
            return attrs.evolve(
                group,
                name=_said(group.name, self.text_language),
                members=[_said(m, self.text_language) for m in group.members],
                supported_by=_said(group.supported_by, self.text_language),
            )
        lead = self.coordinating_organisations[0].organisation
        names = self.region.names
        return CooperationGroup(
            name=Text(
                f"{names.en}: regional cooperation group (Canemure)",
                "en",
                fi=f"{names.fi}: alueellinen ilmastoyhteistyöryhmä (Canemure)",
                sv=f"{names.sv}: regional samarbetsgrupp för klimatet (Canemure)",
            ),
            members=[_said(m, self.text_language) for m in self.cooperation_group_members],
            meetings_per_year=4,
            supported_by=Text(
                f"a paid regional coordinator ({lead})",
                "en",
                fi=f"palkattu alueellinen koordinaattori ({lead})",
                sv=f"en avlönad regional koordinator ({lead})",
            ),
            source=f"{self.cooperation_group_source} Cadence: {COOPERATION_CADENCE_SOURCE}",
        )

    @hookimpl
    def canemure_load_inventory(
        self, region_id: str, rule: AccountingRule, years: Sequence[int] | None
    ) -> EmissionInventory | None:
        """Return the inventory the adapter's data package ships, else the bundled district heat.

        With a :attr:`data_package`, its ``inventory.csv`` or ``inventory/kunta_<n>.csv`` files
        answer (``None`` when it ships none for ``rule``): bundled figures are never mixed in.
        Without one, the bundled ALas 1.1 district-heat figures of the region (a partial
        inventory). The user's cached SYKE files are not read here: the host's built-in
        ``user-cache`` provider reads them once and gives them precedence, municipality by
        municipality.
        """
        if not self._serves(region_id):
            return None
        if self.data_package is not None:
            return self.packaged_inventory(rule, years)
        return district_heating_inventory(self.region, rule, years)

    @hookimpl
    def canemure_measures(self, region_id: str) -> Sequence[PublishedMeasure] | None:
        """Return the published measures of the region and of its cities' climate plans."""
        if not self._serves(region_id):
            return None
        if self.data_package is not None:
            return self._packaged("measures") or None
        from canemure.published.measures import read_city_measures, read_region_measures

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
        if self.data_package is not None:
            packaged = self._packaged("targets")
            return [
                attrs.evolve(t, text=_said(t.text, self.text_language)) for t in packaged
            ] or None
        from canemure.published.targets import read_city_targets, read_region_targets

        # canemure's data sets say each target in canemure's (English) words
        found = [
            attrs.evolve(t, text=_said(t.text, "en"))
            for t in (*read_region_targets(), *read_city_targets())
            if t.region_id == self.region_id
        ]
        return found or None

    @hookimpl
    def canemure_emission_factors(self, region_id: str) -> Sequence[EmissionFactor] | None:
        """Measure parameters published for places in the region."""
        if not self._serves(region_id):
            return None
        if self.data_package is not None:
            return self._packaged("factors") or None
        return local_factors(self.region) or None

    def _packaged(self, kind: str) -> tuple[Any, ...]:
        """The records of the data package's ``kind`` file (empty without one)."""
        if self.data_package is None:
            return ()
        return packaged_records(self.data_package, self.data_dir, kind, self.region_id)

    def packaged_inventory(
        self, rule: AccountingRule, years: Sequence[int] | None = None
    ) -> EmissionInventory | None:
        """The inventory the :attr:`data_package` ships under ``rule``; ``None`` without one.

        ``inventory.csv`` is canemure's tidy CSV (:mod:`canemure.io.tidy_csv`, one rule);
        ``inventory/kunta_<n>.csv`` are SYKE open-data files (any rule). Years not asked for
        are left out; ``None`` when none of ``years`` is there.
        """
        if self.data_package is None:
            return None
        return packaged_inventory(
            self.data_package,
            self.data_dir,
            self.region_id,
            rule,
            None if years is None else tuple(years),
        )

    def coverage(self) -> dict[str, dict[str, tuple[int, ...]]]:
        """Return what the inventory hook has now: ``{region_id: {rule_id: years}}``."""
        from canemure.sectors import RULES

        per_rule: dict[str, tuple[int, ...]] = {}
        for rule in RULES:
            inventory = self.canemure_load_inventory(self.region_id, rule, None)
            if inventory is not None:
                per_rule[rule.id] = tuple(inventory.years)
        return {self.region_id: per_rule}
