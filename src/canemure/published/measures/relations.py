"""Which published measures overlap, aggregate others, or must never be summed.

The two measure data sets say in free-text notes where rows overlap ("PORTFOLIO row - do not add
to C-3.1 rows", "Same figure as outline 5 – do not add", "Aggregate of roadmap measures –
overlaps individual Roadmap rows"). ``canemure/data/measure_relations.csv`` turns those notes into
data, one line per statement, each with its reason quoting the note. Its columns:

``file``
    ``regions`` (``measures_regions_and_cities.csv``) or ``cities`` (``measures_cities.csv``).
``measure``
    A measure id or a glob pattern over ids (``tampere:C-3.1 *``).
``summable``
    ``no`` when the row's figure must never be added to other rows; empty otherwise.
``aggregate_of`` / ``overlaps_with``
    ``;``-separated ids or glob patterns of the rows this one aggregates / overlaps.
``reason``
    Why, in words (required).

Every pattern must match at least one measure of its file, so a renamed id cannot silently
drop a relation. Statements about the same measure add up (a measure is non-summable if any
statement says so; relations are unions).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from functools import cache

import attrs

from canemure._resources import bundled_path, read_bundled_csv
from canemure.errors import ProblemCollector

__all__ = ["RELATIONS_FILE", "MeasureRelations", "relations_for"]

RELATIONS_FILE = "measure_relations.csv"
"""Bundled file holding the relation statements."""

_FILES = ("regions", "cities")


@attrs.frozen
class MeasureRelations:
    """Everything the relation table says about one measure."""

    summable: bool = True
    """``False`` when any statement says the figure must never be summed."""
    summable_note: str | None = None
    """The reasons for ``summable=False``."""
    aggregate_of: frozenset[str] = frozenset()
    """Ids of the measures this one aggregates."""
    overlaps_with: frozenset[str] = frozenset()
    """Ids of the measures this one overlaps."""
    note: str | None = None
    """The reasons for the relations."""


@attrs.frozen
class _Statement:
    line: int
    file: str
    pattern: str
    summable: bool
    aggregate_of: tuple[str, ...]
    overlaps_with: tuple[str, ...]
    reason: str


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


@cache
def _statements() -> tuple[_Statement, ...]:
    problems = ProblemCollector(bundled_path(RELATIONS_FILE))
    statements: list[_Statement] = []
    for line, row in enumerate(read_bundled_csv(RELATIONS_FILE), start=2):
        if row["file"] not in _FILES:
            problems.add_keyed(
                "measure_relation_file",
                line=line,
                column="file",
                value=row["file"],
                files=str(_FILES),
            )
        if row["summable"] not in ("", "no"):
            problems.add_keyed(
                "measure_relation_summable",
                line=line,
                column="summable",
                value=row["summable"],
            )
        if not row["reason"].strip():
            problems.add_keyed("measure_relation_reason", line=line, column="reason")
        statements.append(
            _Statement(
                line=line,
                file=row["file"],
                pattern=row["measure"].strip(),
                summable=row["summable"] != "no",
                aggregate_of=_split(row["aggregate_of"]),
                overlaps_with=_split(row["overlaps_with"]),
                reason=row["reason"].strip(),
            )
        )
    problems.raise_if_any()
    return tuple(statements)


def _expand(
    pattern: str, ids: Sequence[str], problems: ProblemCollector, line: int, column: str
) -> list[str]:
    matched = (
        fnmatch.filter(ids, pattern)
        if any(ch in pattern for ch in "*?[")
        else ([pattern] if pattern in ids else [])
    )
    if not matched:
        problems.add_keyed("measure_matches_none", line=line, column=column, value=pattern)
    return matched


def relations_for(file: str, ids: Iterable[str]) -> dict[str, MeasureRelations]:
    """Resolve the relation statements of ``file`` (``"regions"`` or ``"cities"``) over ``ids``.

    Returns the relations of every measure that a statement mentions; raises
    :class:`~canemure.errors.DataFormatError` naming the line of any pattern that matches no id.
    """
    if file not in _FILES:
        raise ValueError(f"file must be one of {_FILES}, got {file!r}")
    id_list = list(ids)
    problems = ProblemCollector(bundled_path(RELATIONS_FILE))
    collected: dict[str, dict[str, set[str]]] = {}
    for st in (s for s in _statements() if s.file == file):
        subjects = _expand(st.pattern, id_list, problems, st.line, "measure")
        aggregates = [
            i
            for p in st.aggregate_of
            for i in _expand(p, id_list, problems, st.line, "aggregate_of")
        ]
        overlaps = [
            i
            for p in st.overlaps_with
            for i in _expand(p, id_list, problems, st.line, "overlaps_with")
        ]
        for subject in subjects:
            entry = collected.setdefault(
                subject,
                {
                    "not_summable": set(),
                    "aggregate_of": set(),
                    "overlaps_with": set(),
                    "relation_notes": set(),
                },
            )
            if not st.summable:
                entry["not_summable"].add(st.reason)
            entry["aggregate_of"].update(a for a in aggregates if a != subject)
            entry["overlaps_with"].update(o for o in overlaps if o != subject)
            if aggregates or overlaps:
                entry["relation_notes"].add(st.reason)
    problems.raise_if_any()
    return {
        subject: MeasureRelations(
            summable=not entry["not_summable"],
            summable_note=" ".join(sorted(entry["not_summable"])) or None,
            aggregate_of=frozenset(entry["aggregate_of"]),
            overlaps_with=frozenset(entry["overlaps_with"]),
            note=" ".join(sorted(entry["relation_notes"])) or None,
        )
        for subject, entry in collected.items()
    }
