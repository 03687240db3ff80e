"""The reference list of Finland's regions and municipalities, with look-ups in any language.

Bundled from ``canemure/data/municipalities.csv`` and ``regions.csv`` (2025 municipal structure:
308 municipalities, 19 regions and Åland; Statistics Finland classification; see
``canemure/data/PROVENANCE.md``).

Names are matched case-, diacritic-, space- and punctuation-insensitively in Finnish, Swedish or
English, so ``"paijat-hame"``, ``"Päijänne-Tavastland"`` and ``"PÄIJÄT HÄME"`` all find the same
region. An unknown name raises :class:`~canemure.errors.UnknownNameError` with the closest names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import attrs

from canemure._resources import read_bundled_csv
from canemure._text import fold, suggest
from canemure.errors import UnknownCodeError, UnknownNameError
from canemure.geography.model import Municipality, Names, Region

__all__ = ["Gazetteer", "gazetteer", "municipality", "region", "resolve_area"]


@attrs.frozen
class Gazetteer:
    """All regions and municipalities, indexed by code and by folded name."""

    regions: tuple[Region, ...]
    """Regions ordered by code."""
    municipalities: tuple[Municipality, ...]
    """Municipalities ordered by code."""
    _region_by_code: dict[str, Region] = attrs.field(init=False, repr=False, eq=False)
    _municipality_by_code: dict[str, Municipality] = attrs.field(init=False, repr=False, eq=False)
    _region_by_name: dict[str, Region] = attrs.field(init=False, repr=False, eq=False)
    _municipality_by_name: dict[str, Municipality] | None = attrs.field(
        init=False, repr=False, eq=False, default=None
    )
    _members: dict[str, tuple[Municipality, ...]] = attrs.field(init=False, repr=False, eq=False)
    _member_codes: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_region_by_code", {r.code: r for r in self.regions})
        members = {
            r.code: tuple(m for m in self.municipalities if m.region_code == r.code)
            for r in self.regions
        }
        object.__setattr__(self, "_members", members)
        codes = {region: tuple(m.code for m in found) for region, found in members.items()}
        object.__setattr__(self, "_member_codes", codes)
        object.__setattr__(self, "_municipality_by_code", {m.code: m for m in self.municipalities})
        region_names: dict[str, Region] = {}
        for r in self.regions:
            for name in (*r.names.all(), r.id):
                region_names.setdefault(fold(name), r)
        object.__setattr__(self, "_region_by_name", region_names)

    def _municipality_names(self) -> dict[str, Municipality]:
        """Folded names (fi/sv/en and id) -> municipality, built on the first look-up by name.

        Folding the 1,200 names of 308 municipalities was about a third of building the
        gazetteer, which every command does; look-ups by code (plugins, caches) never need it.
        """
        if self._municipality_by_name is None:
            municipality_names: dict[str, Municipality] = {}
            for m in self.municipalities:
                for name in (*m.names.all(), m.id):
                    municipality_names.setdefault(fold(name), m)
            object.__setattr__(self, "_municipality_by_name", municipality_names)
        assert self._municipality_by_name is not None
        return self._municipality_by_name

    def region(self, key: str) -> Region:
        """Find a region by 2-digit code or by name in fi/sv/en (or its id)."""
        key = key.strip()
        if key.isdigit():
            try:
                return self._region_by_code[key.zfill(2)]
            except KeyError:
                raise UnknownCodeError("region code", key, sorted(self._region_by_code)) from None
        try:
            return self._region_by_name[fold(key)]
        except KeyError:
            names = [n for r in self.regions for n in r.names.all()]
            raise UnknownNameError("region", key, suggest(key, names)) from None

    def municipality(self, key: str) -> Municipality:
        """Find a municipality by 3-digit code or by name in fi/sv/en (or its id)."""
        key = key.strip()
        if key.isdigit():
            try:
                return self._municipality_by_code[key.zfill(3)]
            except KeyError:
                raise UnknownCodeError(
                    "municipality code", key, suggest(key.zfill(3), self._municipality_by_code)
                ) from None
        try:
            return self._municipality_names()[fold(key)]
        except KeyError:
            names = [n for m in self.municipalities for n in m.names.all()]
            raise UnknownNameError("municipality", key, suggest(key, names)) from None

    def has_municipality(self, code: str) -> bool:
        """Whether ``code`` is a municipality code of the reference list."""
        return code in self._municipality_by_code

    def municipalities_of(self, region: Region | str) -> tuple[Municipality, ...]:
        """The municipalities of ``region`` (a Region, a code or a name), ordered by code."""
        reg = region if isinstance(region, Region) else self.region(region)
        return self._members[reg.code]

    def municipality_codes(self, area: Region | Municipality) -> tuple[str, ...]:
        """Codes of the municipalities of ``area``: all of a region's, or the one municipality."""
        if isinstance(area, Municipality):
            return (area.code,)
        return self._member_codes[area.code]

    def region_of(self, municipality: Municipality | str) -> Region:
        """The region that ``municipality`` (a Municipality, code or name) belongs to."""
        mun = (
            municipality
            if isinstance(municipality, Municipality)
            else self.municipality(municipality)
        )
        return self._region_by_code[mun.region_code]

    def resolve_area(self, key: str) -> Region | Municipality:
        """Find a region or, failing that, a municipality by code or name.

        Regions win over municipalities with the same folded name. A trailing qualifier says
        which is meant, as plans print it: ``"Turku (city)"``, ``"Lahti (kaupunki)"``,
        ``"Tampere (municipality 837)"`` name a municipality, ``"Pirkanmaa (region)"`` /
        ``"(maakunta)"`` / ``"(landskap)"`` a region. Unknown names raise an error that suggests
        the closest region and municipality names together. This is the one name resolver
        for areas: readers of published records, the command line and the engine all use it.
        """
        key = key.strip()
        qualified = _QUALIFIER.fullmatch(key)
        if qualified:
            name, kind = qualified.group("name"), fold(qualified.group("kind"))
            if kind in _REGION_WORDS:
                return self.region(name)
            return self.municipality(name)
        if key.isdigit():
            return self.region(key) if len(key) <= 2 else self.municipality(key)
        folded = fold(key)
        if folded in self._region_by_name:
            return self._region_by_name[folded]
        municipality_names = self._municipality_names()
        if folded in municipality_names:
            return municipality_names[folded]
        names = [n for r in self.regions for n in r.names.all()]
        names += [n for m in self.municipalities for n in m.names.all()]
        raise UnknownNameError("region or municipality", key, suggest(key, names))

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self.municipalities)


_QUALIFIER = re.compile(
    r"(?P<name>.+?)\s*\((?P<kind>city|town|municipality|kaupunki|kunta|stad|kommun|region|"
    r"maakunta|landskap)(?:\s+\d{1,3})?\)",
    re.IGNORECASE,
)
_REGION_WORDS = ("region", "maakunta", "landskap")


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def gazetteer() -> Gazetteer:
    """Return the bundled reference gazetteer (read once, then cached)."""
    regions = tuple(
        Region(
            code=row["region_code"],
            names=Names(row["name_fi"], row["name_sv"], row["name_en"]),
            canemure=row["canemure_region"] == "yes",
            population_2020=_int_or_none(row["population_2020_12_31"]),
        )
        for row in read_bundled_csv("regions.csv")
    )
    municipalities = tuple(
        Municipality(
            code=row["municipality_code"],
            names=Names(row["name_fi"], row["name_sv"], row["name_en"]),
            region_code=row["region_code"],
            population_2020=_int_or_none(row["population_2020_12_31"]),
        )
        for row in read_bundled_csv("municipalities.csv")
    )
    return Gazetteer(
        tuple(sorted(regions, key=lambda r: r.code)),
        tuple(sorted(municipalities, key=lambda m: m.code)),
    )


def region(key: str) -> Region:
    """Find a region by code or by name in any language (see :meth:`Gazetteer.region`)."""
    return gazetteer().region(key)


def municipality(key: str) -> Municipality:
    """Find a municipality by code or name in any language (see :meth:`Gazetteer.municipality`)."""
    return gazetteer().municipality(key)


def resolve_area(key: str) -> Region | Municipality:
    """Find a region or a municipality (see :meth:`Gazetteer.resolve_area`)."""
    return gazetteer().resolve_area(key)
