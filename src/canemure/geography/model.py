"""Typed records for Finnish regions (maakunta), municipalities (kunta) and regional coordinators.

All are frozen attrs classes: hashable, comparable and safe to share. Validators reject bad codes
with a message that quotes the rejected value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from canemure._text import slug

if TYPE_CHECKING:
    from canemure._team_files import TeamFile

__all__ = [
    "COORDINATOR_FIELDS_OPTIONAL",
    "COORDINATOR_FIELDS_REQUIRED",
    "Coordinator",
    "Municipality",
    "Names",
    "Region",
    "read_coordinators_file",
]

_MUNICIPALITY_CODE = re.compile(r"\d{3}")
_REGION_CODE = re.compile(r"\d{2}")
_URL = re.compile(r"https?://\S+")


def _matches(pattern: re.Pattern[str], what: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(f"{attribute.name} must be {what}, got {value!r}")

    return check


def _non_empty(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


@attrs.frozen
class Names:
    """A name in Finland's three reporting languages (Finnish, Swedish, English)."""

    fi: str = attrs.field(validator=_non_empty)
    """Finnish name (the official name of most municipalities)."""
    sv: str = attrs.field(validator=_non_empty)
    """Swedish name."""
    en: str = attrs.field(validator=_non_empty)
    """English name."""

    def __getitem__(self, lang: str) -> str:
        """Return the name in ``lang`` (``"fi"``, ``"sv"`` or ``"en"``)."""
        if lang not in ("fi", "sv", "en"):
            raise KeyError(f"language must be 'fi', 'sv' or 'en', got {lang!r}")
        value: str = getattr(self, lang)
        return value

    def all(self) -> tuple[str, str, str]:
        """Return the three names (fi, sv, en)."""
        return (self.fi, self.sv, self.en)


@attrs.frozen
class Region:
    """A Finnish region (maakunta), identified by its 2-digit Statistics Finland code."""

    code: str = attrs.field(validator=_matches(_REGION_CODE, "a 2-digit Statistics Finland code"))
    """Statistics Finland region code, e.g. ``"07"`` for Päijät-Häme."""
    names: Names
    """Names in fi/sv/en."""
    canemure: bool = False
    """Whether the region was one of the seven Canemure regions."""
    population_2020: int | None = None
    """Population on 31.12.2020 (Statistics Finland), where known."""

    @property
    def id(self) -> str:
        """Stable ASCII identifier derived from the Finnish name, e.g. ``"paijat-hame"``."""
        return slug(self.names.fi)

    @property
    def name(self) -> str:
        """The Finnish name."""
        return self.names.fi

    def __str__(self) -> str:
        return f"{self.names.fi} ({self.code})"


@attrs.frozen
class Municipality:
    """A Finnish municipality (kunta), identified by its 3-digit Statistics Finland code."""

    code: str = attrs.field(
        validator=_matches(_MUNICIPALITY_CODE, "a 3-digit Statistics Finland code")
    )
    """Statistics Finland municipality code, e.g. ``"167"`` for Joensuu."""
    names: Names
    """Names in fi/sv/en."""
    region_code: str = attrs.field(
        validator=_matches(_REGION_CODE, "a 2-digit Statistics Finland region code")
    )
    """Code of the region the municipality belongs to."""
    population_2020: int | None = None
    """Population on 31.12.2020 (Statistics Finland), where known."""

    @property
    def id(self) -> str:
        """Stable ASCII identifier derived from the Finnish name, e.g. ``"joensuu"``."""
        return slug(self.names.fi)

    @property
    def name(self) -> str:
        """The Finnish name."""
        return self.names.fi

    def __str__(self) -> str:
        return f"{self.names.fi} ({self.code})"


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    # A named converter: mypy's attrs plugin cannot type ``converter=tuple``.
    return tuple(value)


def _urls(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a tuple of URLs, got {value!r}")
    for url in value:
        if not isinstance(url, str) or not _URL.fullmatch(url):
            raise ValueError(f"{attribute.name} must hold http(s) URLs, got {url!r}")


@attrs.frozen
class Coordinator:
    """The organisation that coordinates a region's climate cooperation group.

    Two fields are required (``Coordinator("Kainuun liitto", "regional council")``); the rest
    default to "not published". A team ships its coordinators in a file read by
    :func:`read_coordinators_file`.
    """

    organisation: str = attrs.field(validator=_non_empty)
    """Required, non-empty. Organisation name as published, e.g. ``"Pirkanmaan liitto"``."""
    role: str = attrs.field(validator=_non_empty)
    """Required, non-empty. What the organisation does for the region, in words, e.g.
    ``"regional coordinator (Canemure)"``."""
    organisation_en: str | None = None
    """Optional (default ``None`` = not published). English name of the organisation."""
    web_pages: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_urls)
    """Optional (default empty). Public ``http(s)`` web pages of the coordinator or the region's
    climate work."""
    source: str | None = None
    """Optional for the record (default ``None``), but the conformance kit refuses a
    coordinator without it: where the facts above were read (URL or document)."""


COORDINATOR_FIELDS_REQUIRED = ("organisation", "role", "source")
"""Fields every coordinator in a team's file gives (:func:`read_coordinators_file`)."""
COORDINATOR_FIELDS_OPTIONAL = ("organisation_en", "web_pages")
"""Fields a team's coordinators file may give (``web_pages`` is a list)."""


def read_coordinators_file(file: TeamFile) -> tuple[Coordinator, ...]:
    """Read a team's coordinators from a TOML (or CSV) file, in file order.

    TOML: one ``[[coordinator]]`` table per organisation, the lead coordinator first, with
    :data:`COORDINATOR_FIELDS_REQUIRED` and any of :data:`COORDINATOR_FIELDS_OPTIONAL`
    (``web_pages`` an array of URLs); CSV: the same columns, ``web_pages`` ``;``-separated.
    Unknown keys, empty required fields and web pages that are not ``http(s)`` URLs are
    reported together in one :class:`~canemure.errors.DataFormatError` (file, table or line,
    field, value).
    """
    from canemure._team_files import read_record_file
    from canemure.errors import Message

    read = read_record_file(
        file,
        table="coordinator",
        required=COORDINATOR_FIELDS_REQUIRED,
        optional=COORDINATOR_FIELDS_OPTIONAL,
        lists=("web_pages",),
    )
    found: list[Coordinator] = []
    for row in read.rows:
        bad = [url for url in row.items("web_pages") if not _URL.fullmatch(url)]
        for url in bad:
            row.problem(read.problems, Message("team_not_a_url"), "web_pages", url)
        if bad or any(not row.text(name) for name in COORDINATOR_FIELDS_REQUIRED):
            continue  # empty required fields are reported by read_record_file
        found.append(
            Coordinator(
                organisation=row.text("organisation"),
                role=row.text("role"),
                organisation_en=row.text("organisation_en") or None,
                web_pages=row.items("web_pages"),
                source=row.text("source"),
            )
        )
    read.problems.raise_if_any()
    return tuple(found)
