"""Published emission targets of regions, cities, the HINKU network and Finland.

Targets are printed in many shapes: "80 % reduction from 2007 by 2030", "378.4 kt CO2e/a in
2030", "carbon neutral 2035", "-80 (at least) % of 1990 direct (scope 1&2) emissions",
"1166 / 905 / 600-687 kt co2e" for three years at once. A :class:`Target` keeps the printed
text, value, unit, base year and target year, and adds what can be read without guessing:

* :attr:`Target.kind` -- a percentage reduction, an absolute emission level, carbon
  neutrality, or something else (a projection, a scenario, a share of trips ...). Projections,
  scenarios, estimates, progress figures and superseded targets are ``OTHER`` by rule: they
  are published next to targets but are not targets.
* :attr:`Target.value` -- for a reduction, the cut as a pint percentage (positive = fewer
  emissions, whether printed as "80 % reduction" or "-80 %"); for an absolute level, the
  emission level in kt CO2e/a. ``None`` when several values are printed in one cell, when the
  unit names no gas, or for other kinds; :attr:`Target.value_note` says why.
* :attr:`Target.base_year` / :attr:`Target.target_year` -- integers when the printed text
  starts with (base) or is exactly (target) one year; ``"2007 (1900 kt)"`` gives 2007 and the
  text is kept; ``"2025/2027/2030"`` gives ``None``.

National and network targets (:func:`national_targets`) come from the project's sourced facts
(``regions.md``): HINKU -80 % from 2007 by 2030 and the Climate Act's carbon neutrality by 2035.
The Act's interim percentages (-60 % by 2030, -80 % by 2040, -90 % by 2050 from 1990) are
*not* in those sources; they are stated only in the project brief. They are available with
``include_brief_statements=True`` and say so in their source and notes.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import attrs
import pint

from canemure._printed import PrintedNumberError, parse_amount
from canemure._resources import bundled_path, read_bundled_csv
from canemure._team_files import TeamFile, read_record_file
from canemure._text import fold, slug
from canemure.errors import Message, ProblemCollector, UnknownNameError
from canemure.geography import Municipality, gazetteer
from canemure.units import Q_

__all__ = [
    "CITY_TARGETS_FILE",
    "NATIONAL_TARGETS_FILE",
    "REGION_TARGETS_FILE",
    "TARGET_FIELDS_OPTIONAL",
    "TARGET_FIELDS_REQUIRED",
    "Target",
    "TargetKind",
    "national_targets",
    "read_city_targets",
    "read_region_targets",
    "read_targets_file",
]

REGION_TARGETS_FILE = "targets_regions_and_cities.csv"
"""Bundled file of regional targets and Turku/Lappeenranta targets (17 rows)."""
CITY_TARGETS_FILE = "targets_cities.csv"
"""Bundled file of Helsinki, Lahti, Espoo and Tampere targets (31 rows)."""
NATIONAL_TARGETS_FILE = "targets_national.csv"
"""Bundled file of HINKU and Climate Act targets."""

_CITY_SOURCE_REPO = (
    "github:Open-Earth-Foundation/Query_mechanism_urbind@3a310cc053045bd901b0e0d6e9bdd16fc8cfc024"
)


class TargetKind(enum.Enum):
    """What a published target sets."""

    REDUCTION_PERCENT = "reduction percent"
    """A percentage cut from a base year's emissions."""
    ABSOLUTE_LEVEL = "absolute level"
    """An emission level (kt CO2e per year) to reach in the target year."""
    CARBON_NEUTRALITY = "carbon neutrality"
    """Carbon (climate) neutrality or net zero by the target year."""
    OTHER = "other"
    """Anything else: sector goals in other units, projections, scenarios, progress figures."""


@attrs.frozen
class Target:
    """A published emission target, as printed and as far as it can be read.

    Every field is set by the readers; a team writing its own targets uses
    :meth:`Target.stated` (the printed texts, source and quote; everything else is read from
    them or left "not stated") or :func:`read_targets_file` (a CSV or TOML file). Fields
    ending in ``_text`` hold what was printed, verbatim; an empty text means "not printed".
    """

    id: str
    """Required. Stable identifier, unique within its data set (the data set's id, or
    ``"<city>-<n>"`` for the bundled city targets), e.g. ``"pir_total_80pct"``."""
    region_id: str | None
    """Required (may be ``None``). Region id of the gazetteer (``"pirkanmaa"``) the target
    belongs to; ``None`` only for national and network targets."""
    city: str | None
    """Required (may be ``None``). Finnish name of the municipality whose target it is;
    ``None`` for regional, national and network targets."""
    municipality_code: str | None
    """Required (may be ``None``). 3-digit Statistics Finland code of :attr:`city`; ``None``
    exactly when :attr:`city` is."""
    text: str
    """Required, non-empty. What the target says, in the data set's words."""
    kind: TargetKind
    """Required. :class:`TargetKind`: reduction percentage, absolute level, carbon neutrality
    or other; :func:`classify` decides it from the printed texts unless stated."""
    value_text: str
    """Required (may be empty = not printed). Value as printed, e.g. ``"80"``, ``"-80 (at
    least)"``."""
    unit_text: str
    """Required (may be empty = not printed). Unit as printed, e.g. ``"% reduction"``,
    ``"kt CO2e/a"``."""
    value: pint.Quantity[Any] | None
    """Required (may be ``None``). Read from the printed value and unit: for a reduction the
    cut in ``percent`` (positive = fewer emissions), for an absolute level ``kt CO2e / a``;
    ``None`` for other kinds and whenever it cannot be read without guessing."""
    value_note: str | None
    """Required (may be ``None``). Why :attr:`value` is ``None``, or how it was read."""
    base_year: int | None
    """Required (may be ``None``). Base year (calendar year), when the printed base-year text
    starts with a year; ``None`` otherwise (not printed, or not one year)."""
    base_year_text: str
    """Required (may be empty = not printed). Base year as printed, e.g. ``"2007 (1900
    kt)"``."""
    target_year: int | None
    """Required (may be ``None``). Target year (calendar year), when exactly one year is
    printed; ``None`` otherwise."""
    target_year_text: str
    """Required (may be empty = not printed). Target year as printed, e.g.
    ``"2025/2027/2030"``."""
    source: str
    """Required, non-empty. Where the target was published: a URL, or a document with page or
    section. The conformance kit refuses an empty source."""
    quote: str
    """Required, non-empty. Verbatim quote from the source stating the target. The conformance
    kit refuses an empty quote."""
    per_resident: bool = False
    """Optional (default ``False``). Whether the target is about emissions per resident
    ("per capita"); read from the unit and text."""
    notes: str = ""
    """Optional (default empty). Caveats (e.g. that a figure is only the project brief's
    statement)."""
    line: int | None = None
    """Optional (default ``None``). Line of the row in its CSV file (header = line 1); ``None``
    for records not read from a CSV file."""

    @classmethod
    def stated(
        cls,
        id: str,
        text: str,
        *,
        source: str,
        quote: str,
        region_id: str | None = None,
        city: str | None = None,
        value_text: str = "",
        unit_text: str = "",
        base_year_text: str = "",
        target_year_text: str = "",
        kind: TargetKind | None = None,
        notes: str = "",
    ) -> Target:
        """A target from what its publisher printed; the rest is read from it, never invented.

        ``city`` is a municipality name or code (its region must be ``region_id`` when both are
        given). :attr:`kind`, :attr:`value`, the years and :attr:`per_resident` are read from
        the texts as for the bundled data; texts left out are "not printed" (empty), so the
        value is ``None`` with a note saying why.

        >>> t = Target.stated("pk-1", "Maakunta-Hinku: -80 % from 2007 by 2030",
        ...     region_id="pohjois-karjala", value_text="80", unit_text="% reduction",
        ...     base_year_text="2007", target_year_text="2030",
        ...     source="pohjois-karjala.fi, Tiekartta", quote="vähentää päästöjä 80 %")
        >>> t.kind.name, t.value, t.base_year, t.target_year
        ('REDUCTION_PERCENT', <Quantity(80.0, 'percent')>, 2007, 2030)
        """
        municipality = gazetteer().municipality(city) if city is not None else None
        if region_id is not None:
            region_id = gazetteer().region(region_id).id
        if municipality is not None:
            actual = gazetteer().region_of(municipality).id
            if region_id is not None and actual != region_id:
                raise ValueError(f"city {city!r} is in region {actual!r}, not {region_id!r}")
            region_id = actual
        for name, given in (("id", id), ("text", text), ("source", source), ("quote", quote)):
            if not given.strip():
                raise ValueError(f"a target needs a non-empty {name}, got {given!r}")
        made = _target(
            id=id.strip(),
            region_id=region_id,
            municipality=municipality,
            text=text,
            value_text=value_text,
            unit_text=unit_text,
            base_year_text=base_year_text,
            target_year_text=target_year_text,
            source=source,
            quote=quote,
            line=0,
            kind=kind,
            notes=notes,
        )
        return attrs.evolve(made, line=None)


_NOT_A_TARGET = re.compile(
    r"projection|projected|scenario|^remaining|estimate|superseded|progress", re.IGNORECASE
)
_NOT_A_TARGET_UNIT = re.compile(r"remaining|projection", re.IGNORECASE)
_NEUTRAL = re.compile(
    r"carbon[- ]neutral|climate[- ]neutral|hiilineutraal|ilmastoneutraal|net[- ]zero",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"%|\bper ?cent\b|prosent", re.IGNORECASE)
_GOAL_WORDS = re.compile(r"goal|target|residual|maximum|budget|indicator|tavoite", re.IGNORECASE)
_EMISSION_UNIT = re.compile(
    r"^\s*(?P<mass>Mt|kt|t)\s*co2(?P<eq>\s*-?\s*(?:equivalent|ekv|eq|e)(?![a-z]))?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MASS = re.compile(r"^\s*(?:Mt|kt|t)\b")
_PER_YEAR = re.compile(r"^\s*(?:/|per)\s*(?:a|year|yr|v)\b", re.IGNORECASE)
_PER_RESIDENT = re.compile(r"per capita|per resident|asukasta kohden", re.IGNORECASE)
_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\b")
_ONLY_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*")
_MINUS = re.compile(r"^\s*[-\u2212\u2013]")


def classify(text: str, value_text: str, unit_text: str) -> TargetKind:
    """Decide a target's kind from its printed text, value and unit (rules in module doc).

    >>> classify("Maakunta-Hinku: cut GHG 80 % from 2007 by 2030", "80", "% reduction")
    <TargetKind.REDUCTION_PERCENT: 'reduction percent'>
    >>> classify("Projected 2030 total emissions", "607-687", "kt CO2-e")
    <TargetKind.OTHER: 'other'>
    """
    if _NOT_A_TARGET.search(text.strip()) or _NOT_A_TARGET_UNIT.search(unit_text):
        return TargetKind.OTHER
    single = _single_value(value_text)
    if _NEUTRAL.search(text) and single is None:
        return TargetKind.CARBON_NEUTRALITY
    if _PERCENT.search(unit_text) and (
        _MINUS.match(value_text) or "reduction" in unit_text.casefold()
    ):
        return TargetKind.REDUCTION_PERCENT
    if _MASS.match(unit_text) and _GOAL_WORDS.search(text):
        return TargetKind.ABSOLUTE_LEVEL
    return TargetKind.OTHER


def _single_value(value_text: str) -> float | None:
    try:
        amount = parse_amount(value_text)
    except PrintedNumberError:
        return None
    return None if amount.is_range else amount.low


def _read_value(
    kind: TargetKind, value_text: str, unit_text: str
) -> tuple[pint.Quantity[Any] | None, str | None]:
    if kind in (TargetKind.CARBON_NEUTRALITY, TargetKind.OTHER):
        return None, None
    if not value_text.strip():
        return None, "no value is printed"
    if re.search(r"\d\s*[/;]\s*[-\u2212\u2013]?\s*\d", value_text):
        return None, f"several values are printed ({value_text!r}); not read as one value"
    try:
        amount = parse_amount(value_text)
    except PrintedNumberError as exc:
        return None, f"not read: {exc}"
    if amount.is_range:
        return None, f"a range is printed ({value_text!r}); not read as one value"
    remark = f"printed with the remark {amount.remark!r}" if amount.remark else None
    if kind is TargetKind.REDUCTION_PERCENT:
        cut = -amount.low if amount.signed else amount.low
        return Q_(cut, "percent"), remark
    match = _EMISSION_UNIT.match(unit_text.replace("₂", "2"))
    if match is None:
        return None, f"the unit {unit_text!r} is not a mass of CO2e; not read"
    level = Q_(amount.low, f"{match.group('mass')} CO2e / a").to("kt CO2e / a")
    notes = [n for n in (remark,) if n]
    if not _PER_YEAR.match(match.group("rest")):
        notes.append("an emission level in the target year (printed without 'per year')")
    if not match.group("eq"):
        notes.append("printed as CO2, not CO2 equivalents")
    return level, "; ".join(notes) or None


def _years(base: str, target: str) -> tuple[int | None, int | None]:
    leading = _LEADING_YEAR.match(base)
    only = _ONLY_YEAR.fullmatch(target)
    return (int(leading.group(1)) if leading else None, int(only.group(1)) if only else None)


def _target(
    *,
    id: str,
    region_id: str | None,
    municipality: Municipality | None,
    text: str,
    value_text: str,
    unit_text: str,
    base_year_text: str,
    target_year_text: str,
    source: str,
    quote: str,
    line: int,
    kind: TargetKind | None = None,
    notes: str = "",
) -> Target:
    kind = kind or classify(text, value_text, unit_text)
    value, note = _read_value(kind, value_text, unit_text)
    base_year, target_year = _years(base_year_text, target_year_text)
    return Target(
        id=id,
        region_id=region_id,
        city=municipality.name if municipality else None,
        municipality_code=municipality.code if municipality else None,
        text=text,
        kind=kind,
        value_text=value_text,
        unit_text=unit_text,
        value=value,
        value_note=note,
        base_year=base_year,
        base_year_text=base_year_text,
        target_year=target_year,
        target_year_text=target_year_text,
        source=source,
        quote=quote,
        per_resident=bool(_PER_RESIDENT.search(unit_text) or _PER_RESIDENT.search(text)),
        notes=notes,
        line=line,
    )


def _area(
    name: str, problems: ProblemCollector, line: int, column: str
) -> tuple[str | None, Municipality | None]:
    """Resolve ``"Pirkanmaa"`` to a region id, ``"Turku (city)"``/``"Turku"`` to a city."""
    try:
        found = gazetteer().resolve_area(name)
        if isinstance(found, Municipality):
            return gazetteer().region_of(found).id, found
        return found.id, None
    except UnknownNameError as exc:
        problems.add_keyed("as_raised", line=line, column=column, value=name, error=exc)
        return None, None


def _check_ids(targets: list[Target], problems: ProblemCollector) -> None:
    seen: dict[str, int | None] = {}
    for t in targets:
        if t.id in seen:
            problems.add_keyed(
                "target_duplicate_id_on_line", line=t.line, value=t.id, first=seen[t.id]
            )
        seen[t.id] = t.line


def _region_rows(rows: list[dict[str, str]], source: str) -> tuple[Target, ...]:
    problems = ProblemCollector(source)
    targets: list[Target] = []
    for line, row in enumerate(rows, start=2):
        region_id, mun = _area(row["region"], problems, line, "region")
        if not row["target_id"].strip():
            problems.add_keyed("target_empty_id", line=line, column="target_id")
            continue
        targets.append(
            _target(
                id=row["target_id"].strip(),
                region_id=region_id,
                municipality=mun,
                text=row["text"],
                value_text=row["value"],
                unit_text=row["unit"],
                base_year_text=row["base_year"],
                target_year_text=row["target_year"],
                source=row["source_url_or_repo_path"],
                quote=row["quote"],
                line=line,
            )
        )
    _check_ids(targets, problems)
    problems.raise_if_any()
    return tuple(targets)


def _city_rows(rows: list[dict[str, str]], source: str) -> tuple[Target, ...]:
    problems = ProblemCollector(source)
    targets: list[Target] = []
    counters: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        try:
            mun = gazetteer().municipality(row["city"])
        except UnknownNameError as exc:
            problems.add_keyed("as_raised", line=line, column="city", value=row["city"], error=exc)
            continue
        counters[mun.code] = counters.get(mun.code, 0) + 1
        section = row["source"].strip()
        targets.append(
            _target(
                id=f"{slug(mun.name)}-{counters[mun.code]}",
                region_id=gazetteer().region_of(mun).id,
                municipality=mun,
                text=row["text"],
                value_text=row["value"],
                unit_text=row["unit"],
                base_year_text=row["base_year"],
                target_year_text=row["target_year"],
                source=f"{_CITY_SOURCE_REPO} {section}"
                if section.startswith("documents/")
                else section,
                quote=row["quote"],
                line=line,
            )
        )
    _check_ids(targets, problems)
    problems.raise_if_any()
    return tuple(targets)


_BRIEF_NOTE = (
    "Stated in the project brief (DOMAIN.md) only. The project's sourced facts (regions.md) say "
    "the Climate Act's 2030/2040 percentages were not in the excerpts read, and quote the "
    "-95 % aim for 2050 only from the press; this figure has not been checked against the law."
)


def _national_rows(rows: Sequence[Mapping[str, str]], source: str) -> tuple[Target, ...]:
    problems = ProblemCollector(source)
    targets: list[Target] = []
    for line, row in enumerate(rows, start=2):
        try:
            kind = TargetKind[row["kind"]]
        except KeyError:
            problems.add_keyed("target_unknown_kind", line=line, column="kind", value=row["kind"])
            continue
        if row["statement"] not in ("sourced", "brief"):
            problems.add_keyed(
                "target_statement",
                line=line,
                column="statement",
                value=row["statement"],
            )
        targets.append(
            _target(
                id=row["target_id"],
                region_id=None,
                municipality=None,
                text=row["text"],
                value_text=row["value"],
                unit_text=row["unit"],
                base_year_text=row["base_year"],
                target_year_text=row["target_year"],
                source=row["source"],
                quote=row["quote"],
                line=line,
                kind=kind,
                notes=_BRIEF_NOTE if row["statement"] == "brief" else "",
            )
        )
    problems.raise_if_any()
    return tuple(targets)


@cache
def read_region_targets() -> tuple[Target, ...]:
    """All 17 targets of ``targets_regions_and_cities.csv``, in file order (cached)."""
    return _region_rows(read_bundled_csv(REGION_TARGETS_FILE), bundled_path(REGION_TARGETS_FILE))


@cache
def read_city_targets() -> tuple[Target, ...]:
    """All 31 targets of ``targets_cities.csv``, in file order (cached)."""
    return _city_rows(read_bundled_csv(CITY_TARGETS_FILE), bundled_path(CITY_TARGETS_FILE))


@cache
def _national() -> tuple[Target, ...]:
    return _national_rows(
        read_bundled_csv(NATIONAL_TARGETS_FILE), bundled_path(NATIONAL_TARGETS_FILE)
    )


def national_targets(*, include_brief_statements: bool = False) -> tuple[Target, ...]:
    """HINKU and Climate Act targets.

    By default only targets whose wording was read in a cited source (HINKU -80 % by 2030 from
    2007; carbon neutrality by 2035). ``include_brief_statements=True`` adds the Climate Act's
    interim percentages as stated in the project brief, marked as such in ``source`` and
    ``notes``.
    """
    return tuple(t for t in _national() if include_brief_statements or not t.notes)


TARGET_FIELDS_REQUIRED = ("id", "text", "source", "quote")
"""Fields every row of a team's targets file gives (:func:`read_targets_file`)."""
TARGET_FIELDS_OPTIONAL = (
    "city",
    "value",
    "unit",
    "base_year",
    "target_year",
    "kind",
    "notes",
)
"""Fields a team's targets file may give; left out or empty means "not printed"."""


def _kind(text: str) -> TargetKind | None:
    for kind in TargetKind:
        if fold(text) in (fold(kind.value), fold(kind.name)):
            return kind
    return None


def read_targets_file(file: TeamFile, *, region_id: str) -> tuple[Target, ...]:
    """Read a team's own targets of region ``region_id`` from a CSV or TOML file.

    CSV: a header row with :data:`TARGET_FIELDS_REQUIRED` and any of
    :data:`TARGET_FIELDS_OPTIONAL`; TOML: one ``[[target]]`` table per target with the same
    keys (years may be integers). ``city`` is a municipality of the region (name or code),
    empty for regional targets; ``kind`` one of the :class:`TargetKind` values (``"reduction
    percent"``, ``"absolute level"``, ``"carbon neutrality"``, ``"other"``), empty to read it
    from the texts. Each row becomes :meth:`Target.stated`. Unknown columns or keys, missing or
    empty required fields, unknown cities or kinds and duplicate ids are reported together in
    one :class:`~canemure.errors.DataFormatError` (file, line or table, field, value).
    """
    region = gazetteer().region(region_id)
    read = read_record_file(
        file, table="target", required=TARGET_FIELDS_REQUIRED, optional=TARGET_FIELDS_OPTIONAL
    )
    problems = read.problems
    targets: list[Target] = []
    seen: dict[str, Message] = {}
    for row in read.rows:
        # Every check runs on every row, so one pass names all problems of the file.
        before = len(problems.problems)
        kind = None
        if row.text("kind"):
            kind = _kind(row.text("kind"))
            if kind is None:
                allowed = ", ".join(repr(k.value) for k in TargetKind)
                choice = Message("target_kind_choice", allowed=allowed)
                row.problem(problems, choice, "kind", row.text("kind"))
        city = row.text("city") or None
        if city is not None:
            try:
                municipality = gazetteer().municipality(city)
            except UnknownNameError as exc:
                row.problem(problems, Message("as_raised", error=exc), "city", city)
            else:
                if municipality.region_code != region.code:
                    not_in = Message("team_not_in_region", region=str(region))
                    row.problem(problems, not_in, "city", city)
        target_id = row.text("id")
        if target_id in seen:
            row.problem(problems, seen[target_id], "id", target_id)
        elif target_id:
            seen[target_id] = (
                Message("target_duplicate_id_at_line", first=row.line)
                if row.line is not None
                else Message("target_duplicate_id_at", first=str(row.table))
            )
        complete = all(row.text(name) for name in TARGET_FIELDS_REQUIRED)
        if not complete or len(problems.problems) > before:
            continue  # reported above or by read_record_file
        target = Target.stated(
            target_id,
            row.text("text"),
            source=row.text("source"),
            quote=row.text("quote"),
            region_id=region.id,
            city=city,
            value_text=row.text("value"),
            unit_text=row.text("unit"),
            base_year_text=row.text("base_year"),
            target_year_text=row.text("target_year"),
            kind=kind,
            notes=row.text("notes"),
        )
        targets.append(attrs.evolve(target, line=row.line))
    problems.raise_if_any()
    return tuple(targets)
