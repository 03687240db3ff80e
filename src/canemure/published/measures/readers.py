"""Readers for the two bundled measure data sets.

* ``measures_regions_and_cities.csv`` (67 rows): Climate City Contract actions of Lappeenranta
  and Turku, and measures from the roadmap pages of Satakunta, Varsinais-Suomi, Päijät-Häme and
  Pirkanmaa (:func:`read_region_measures`).
* ``measures_cities.csv`` (488 rows): actions of the Climate City Contract plans of Lahti,
  Tampere, Espoo and Helsinki (:func:`read_city_measures`).

Every row becomes one :class:`~canemure.published.measures.PublishedMeasure`; nothing is
dropped. Rows the reader cannot make sense of (an unknown region or sector, a duplicate id, a
yes/no column holding something else) are collected and reported together in one
:class:`~canemure.errors.DataFormatError` naming file, line, column and value. Figures that
cannot be read without guessing are not errors: they stay as printed with a parse note.

Reading conventions that the data sets themselves establish:

* ``measures_cities.csv`` ids are ``"<city>:<action id>"`` (``"tampere:Roadmap 2.1.3"``), since
  the plans' own ids are unique only within a plan.
* Tampere's Appendix 2 cost table prints amounts in English style (``69,850,000``;
  ``1,600,000``), so commas are read as thousands separators in rows whose cost unit cites
  "Appendix 2" -- and nowhere else.
* Relations between rows come from ``measure_relations.csv`` (see
  :mod:`canemure.published.measures.relations`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import attrs

from canemure._resources import bundled_path, read_bundled_csv
from canemure._team_files import RecordRow, TeamFile, read_record_file
from canemure._text import slug
from canemure.errors import Message, ProblemCollector, UnknownNameError
from canemure.geography import Municipality, Region, gazetteer
from canemure.published.measures.model import MeasureName, PublishedMeasure, SectorMappedBy
from canemure.published.measures.parsing import (
    parse_costs,
    parse_effect,
    parse_status,
    split_responsible,
)
from canemure.published.measures.relations import MeasureRelations, relations_for
from canemure.sectors import sector_hierarchy

__all__ = [
    "CITY_MEASURES_FILE",
    "MEASURE_FIELDS_OPTIONAL",
    "MEASURE_FIELDS_REQUIRED",
    "REGION_MEASURES_FILE",
    "read_city_measures",
    "read_measures_file",
    "read_region_measures",
]

REGION_MEASURES_FILE = "measures_regions_and_cities.csv"
"""Bundled file of regional measures and Lappeenranta/Turku CCC actions."""
CITY_MEASURES_FILE = "measures_cities.csv"
"""Bundled file of Lahti, Tampere, Espoo and Helsinki CCC actions."""

_CITY_SOURCE_REPO = (
    "github:Open-Earth-Foundation/Query_mechanism_urbind@3a310cc053045bd901b0e0d6e9bdd16fc8cfc024"
)
_CROSS_CUTTING = "cross-cutting"
_CITY_IN_REGION = re.compile(r"^(?P<city>[^()]+?)\s*\(city;\s*(?P<region>[^()]+)\)$")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")


def _region_id(name: str, problems: ProblemCollector, line: int, column: str) -> str | None:
    try:
        return gazetteer().region(_PARENTHETICAL.sub("", name)).id
    except UnknownNameError as exc:
        problems.add_keyed("as_raised", line=line, column=column, value=name, error=exc)
        return None


def _municipality(
    name: str, problems: ProblemCollector, line: int, column: str
) -> Municipality | None:
    try:
        return gazetteer().municipality(name)
    except UnknownNameError as exc:
        problems.add_keyed("as_raised", line=line, column=column, value=name, error=exc)
        return None


def _sector(text: str, problems: ProblemCollector, line: int, column: str) -> str | None:
    if text.strip() == _CROSS_CUTTING:
        return None
    try:
        return sector_hierarchy().find(text, 3).key
    except UnknownNameError as exc:
        problems.add_keyed("as_raised", line=line, column=column, value=text, error=exc)
        return None


def _mapped_by(text: str, problems: ProblemCollector, line: int, column: str) -> SectorMappedBy:
    head = text.strip().split(" ", 1)[0]
    try:
        return SectorMappedBy(head)
    except ValueError:
        problems.add_keyed("measure_mapped_by_start", line=line, column=column, value=text)
        return SectorMappedBy.OURS


def _yes_no(row: Mapping[str, str], column: str, problems: ProblemCollector, line: int) -> bool:
    value = row[column]
    if value not in ("yes", "no"):
        problems.add_keyed("measure_yes_no", line=line, column=column, value=value)
    return value == "yes"


def _apply(
    measure: PublishedMeasure, relations: Mapping[str, MeasureRelations]
) -> PublishedMeasure:
    rel = relations.get(measure.id)
    if rel is None:
        return measure
    return attrs.evolve(
        measure,
        summable=rel.summable,
        summable_note=rel.summable_note,
        aggregate_of=rel.aggregate_of,
        overlaps_with=rel.overlaps_with,
        relation_note=rel.note,
    )


def _finish(
    file: str, kind: str, measures: list[PublishedMeasure], problems: ProblemCollector
) -> tuple[PublishedMeasure, ...]:
    seen: dict[str, int | None] = {}
    for m in measures:
        if m.id in seen:
            problems.add_keyed(
                "measure_duplicate_id_on_line", line=m.line, value=m.id, first=seen[m.id]
            )
        seen[m.id] = m.line
    problems.raise_if_any()
    relations = relations_for(kind, seen)
    return tuple(_apply(m, relations) for m in measures)


def _region_rows(rows: list[dict[str, str]], source: str) -> tuple[PublishedMeasure, ...]:
    problems = ProblemCollector(source)
    measures: list[PublishedMeasure] = []
    for line, row in enumerate(rows, start=2):
        where = row["region"].strip()
        city_match = _CITY_IN_REGION.match(where)
        mun = None
        if city_match:
            region_id = _region_id(city_match.group("region"), problems, line, "region")
            mun = _municipality(city_match.group("city"), problems, line, "region")
            if mun is not None and region_id is not None:
                actual = gazetteer().region_of(mun).id
                if actual != region_id:
                    problems.add_keyed(
                        "measure_city_in_region",
                        city=mun.name,
                        region=actual,
                        line=line,
                        column="region",
                        value=where,
                    )
        else:
            region_id = _region_id(where, problems, line, "region")
        has_effect = _yes_no(row, "has_quantified_effect", problems, line)
        has_cost = _yes_no(row, "has_cost", problems, line)
        if has_effect != bool(row["effect_value"].strip()):
            problems.add_keyed(
                "measure_disagrees_with",
                column_name="effect_value",
                line=line,
                column="has_quantified_effect",
                value=row["has_quantified_effect"],
            )
        if has_cost != bool(row["cost_value"].strip()):
            problems.add_keyed(
                "measure_disagrees_with",
                column_name="cost_value",
                line=line,
                column="has_cost",
                value=row["has_cost"],
            )
        effect, effect_note = parse_effect(row["effect_value"], row["effect_unit"])
        costs, cost_note = parse_costs(row["cost_value"], row["cost_unit"])
        try:
            name = MeasureName(fi=row["name_fi"].strip() or None, en=row["name_en"].strip() or None)
        except ValueError:  # the one thing MeasureName refuses
            problems.add_keyed("measure_needs_name", line=line, column="name_fi")
            continue
        if region_id is None:
            continue
        measures.append(
            PublishedMeasure(
                id=row["measure_id"].strip(),
                region_id=region_id,
                city=mun.name if mun else None,
                municipality_code=mun.code if mun else None,
                owner=mun.name if mun else gazetteer().region(region_id).name,
                plan_id=None,
                name=name,
                timeline=row["year"],
                effect=effect,
                effect_parse_note=effect_note,
                costs=costs,
                cost_parse_note=cost_note,
                source=row["source_url_or_repo_path"],
                **_printed_fields(row, problems, line, mapped_by_column="sector_alas_mapping_by"),
            )
        )
    return _finish(source, "regions", measures, problems)


def _printed_fields(
    row: dict[str, str], problems: ProblemCollector, line: int, *, mapped_by_column: str
) -> dict[str, Any]:
    """The fields both measure files print alike: theme, sector, actors, status, texts, quote."""
    return {
        "theme": row["theme"].strip(),
        "sector_text": row["sector_alas"].strip(),
        "sector": _sector(row["sector_alas"], problems, line, "sector_alas"),
        "sector_mapped_by": _mapped_by(row[mapped_by_column], problems, line, mapped_by_column),
        "responsible": split_responsible(row["responsible"]),
        "responsible_text": row["responsible"],
        "status": parse_status(row["status"]),
        "status_text": row["status"],
        "effect_value_text": row["effect_value"],
        "effect_unit_text": row["effect_unit"],
        "cost_value_text": row["cost_value"],
        "cost_unit_text": row["cost_unit"],
        "quote": row["quote"],
        "notes": row["notes"],
        "line": line,
    }


def _city_rows(rows: list[dict[str, str]], source: str) -> tuple[PublishedMeasure, ...]:
    problems = ProblemCollector(source)
    measures: list[PublishedMeasure] = []
    for line, row in enumerate(rows, start=2):
        mun = _municipality(row["city"].strip(), problems, line, "city")
        region_id = _region_id(row["region"].strip(), problems, line, "region")
        if mun is not None and region_id is not None:
            actual = gazetteer().region_of(mun).id
            if actual != region_id:
                problems.add_keyed(
                    "measure_city_in_region",
                    city=mun.name,
                    region=actual,
                    line=line,
                    column="region",
                    value=row["region"],
                )
        effect, effect_note = parse_effect(
            row["effect_value"], row["effect_unit"], row["effect_is_annual"]
        )
        thousands = "," if "Appendix 2" in row["cost_unit"] else None
        costs, cost_note = parse_costs(row["cost_value"], row["cost_unit"], thousands=thousands)
        try:
            name = MeasureName(fi=row["name_fi"].strip() or None, en=row["name_en"].strip() or None)
        except ValueError:  # the one thing MeasureName refuses
            problems.add_keyed("measure_needs_name", line=line, column="name_en")
            continue
        action_id = row["action_id"].strip()
        if not action_id:
            problems.add_keyed("measure_empty_action_id", line=line, column="action_id")
            continue
        if mun is None or region_id is None:
            continue
        section = row["source_path_and_section"].strip()
        measures.append(
            PublishedMeasure(
                id=f"{slug(mun.name)}:{action_id}",
                region_id=region_id,
                city=mun.name,
                municipality_code=mun.code,
                owner=mun.name,
                plan_id=action_id,
                name=name,
                timeline=row["timeline"],
                effect_annual_text=row["effect_is_annual"] or None,
                effect=effect,
                effect_parse_note=effect_note,
                costs=costs,
                cost_parse_note=cost_note,
                source=f"{_CITY_SOURCE_REPO} {section}"
                if section.startswith("documents/")
                else section,
                **_printed_fields(row, problems, line, mapped_by_column="sector_mapping_by"),
            )
        )
    return _finish(source, "cities", measures, problems)


@cache
def read_region_measures() -> tuple[PublishedMeasure, ...]:
    """All 67 measures of ``measures_regions_and_cities.csv``, in file order (cached)."""
    return _region_rows(read_bundled_csv(REGION_MEASURES_FILE), bundled_path(REGION_MEASURES_FILE))


@cache
def read_city_measures() -> tuple[PublishedMeasure, ...]:
    """All 488 measures of ``measures_cities.csv``, in file order (cached)."""
    return _city_rows(read_bundled_csv(CITY_MEASURES_FILE), bundled_path(CITY_MEASURES_FILE))


MEASURE_FIELDS_REQUIRED = ("id", "source", "quote")
"""Fields every row of a team's measures file gives (and ``name_fi`` or ``name_en``)."""
MEASURE_FIELDS_OPTIONAL = (
    "name_fi",
    "name_en",
    "city",
    "plan_id",
    "theme",
    "sector",
    "sector_mapped_by",
    "responsible",
    "timeline",
    "status",
    "effect_value",
    "effect_unit",
    "effect_is_annual",
    "cost_value",
    "cost_unit",
    "notes",
    "summable",
    "summable_note",
    "aggregate_of",
    "overlaps_with",
)
"""Fields a team's measures file may give; left out or empty means "not printed"."""
_MEASURE_LISTS = ("aggregate_of", "overlaps_with")


def _check_measure_row(row: RecordRow, problems: ProblemCollector, region: Region) -> None:
    """Check one row's fields that :meth:`PublishedMeasure.stated` would refuse, all of them."""
    if not (row.text("name_fi") or row.text("name_en")):
        row.problem(problems, Message("measure_give_name"), "name_fi", "")
    mapped = row.text("sector_mapped_by", "ours")
    if mapped not in ("ours", "plan"):
        row.problem(problems, Message("measure_mapped_by"), "sector_mapped_by", mapped)
    summable = row.text("summable", "yes") or "yes"
    if summable not in ("yes", "no"):
        row.problem(problems, Message("measure_yes_no"), "summable", summable)
    elif summable == "yes" and row.text("summable_note"):
        row.problem(
            problems,
            Message("measure_summable_note"),
            "summable_note",
            row.text("summable_note"),
        )
    city = row.text("city")
    if city:
        try:
            municipality = gazetteer().municipality(city)
        except UnknownNameError as exc:
            row.problem(problems, Message("as_raised", error=exc), "city", city)
        else:
            if municipality.region_code != region.code:
                not_in = Message("team_not_in_region", region=str(region))
                row.problem(problems, not_in, "city", city)
    sector = row.text("sector").strip()
    if sector and sector != _CROSS_CUTTING:
        try:
            sector_hierarchy().find(sector, 3)
        except UnknownNameError as exc:
            row.problem(problems, Message("as_raised", error=exc), "sector", sector)


def read_measures_file(file: TeamFile, *, region_id: str) -> tuple[PublishedMeasure, ...]:
    """Read a team's own measures of region ``region_id`` from a CSV or TOML file.

    CSV: a header row with :data:`MEASURE_FIELDS_REQUIRED` and any of
    :data:`MEASURE_FIELDS_OPTIONAL` (``aggregate_of``/``overlaps_with`` hold ``;``-separated
    ids of the same file); TOML: one ``[[measure]]`` table per measure with the same keys
    (lists as arrays). A row needs ``name_fi`` or ``name_en``; ``city`` is a municipality of
    the region or empty; ``sector`` an ALas level-3 key or name, ``cross-cutting`` or empty;
    ``sector_mapped_by`` is ``ours`` (default) or ``plan``; ``summable`` ``yes`` (default) or
    ``no``. Each row becomes :meth:`PublishedMeasure.stated`. Every problem (unknown columns
    or keys, empty required fields, unknown cities or sectors, duplicate ids, relations to ids
    not in the file) is reported together in one :class:`~canemure.errors.DataFormatError`.
    """
    region = gazetteer().region(region_id)
    read = read_record_file(
        file,
        table="measure",
        required=MEASURE_FIELDS_REQUIRED,
        optional=MEASURE_FIELDS_OPTIONAL,
        lists=_MEASURE_LISTS,
    )
    problems = read.problems
    measures: list[PublishedMeasure] = []
    seen: dict[str, Message] = {}
    for row in read.rows:
        # Every check runs on every row, so one pass names all problems of the file.
        before = len(problems.problems)
        _check_measure_row(row, problems, region)
        mapped = row.text("sector_mapped_by", "ours")
        summable = row.text("summable", "yes") or "yes"
        measure_id = row.text("id")
        if measure_id in seen:
            row.problem(problems, seen[measure_id], "id", measure_id)
        elif measure_id:
            seen[measure_id] = (
                Message("measure_duplicate_id_at_line", first=row.line)
                if row.line is not None
                else Message("measure_duplicate_id_at", first=str(row.table))
            )
        complete = all(row.text(name) for name in MEASURE_FIELDS_REQUIRED)
        if not complete or len(problems.problems) > before:
            continue  # reported above or by read_record_file
        try:
            measure = PublishedMeasure.stated(
                measure_id,
                region.id,
                source=row.text("source"),
                quote=row.text("quote"),
                name_fi=row.text("name_fi") or None,
                name_en=row.text("name_en") or None,
                city=row.text("city") or None,
                plan_id=row.text("plan_id") or None,
                theme=row.text("theme"),
                sector_text=row.text("sector"),
                sector_mapped_by=SectorMappedBy(mapped),
                responsible_text=row.text("responsible"),
                timeline=row.text("timeline"),
                status_text=row.text("status"),
                effect_value_text=row.text("effect_value"),
                effect_unit_text=row.text("effect_unit"),
                effect_annual_text=row.text("effect_is_annual") or None,
                cost_value_text=row.text("cost_value"),
                cost_unit_text=row.text("cost_unit"),
                notes=row.text("notes"),
                summable=summable == "yes",
                summable_note=row.text("summable_note") or None,
                aggregate_of=row.items("aggregate_of"),
                overlaps_with=row.items("overlaps_with"),
            )
        except UnknownNameError as exc:
            field = "sector" if "sector" in exc.kind else "city"
            row.problem(problems, Message("as_raised", error=exc), field, exc.name)
            continue
        except ValueError as exc:
            text = str(exc)
            field = "city" if "city" in text else "summable_note" if "summable" in text else "id"
            row.problem(problems, text, field, row.text(field))
            continue
        measures.append(attrs.evolve(measure, line=row.line))
    for row in read.rows:
        for field in _MEASURE_LISTS:
            for other in row.items(field):
                if other not in seen:
                    row.problem(problems, Message("measure_relation_unknown"), field, other)
                elif other == row.text("id"):
                    row.problem(problems, Message("measure_relation_itself"), field, other)
    problems.raise_if_any()
    return tuple(measures)
