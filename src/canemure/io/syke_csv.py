"""Readers for SYKE's open-data CSV files (``kunta_<n>.csv`` and ``asukasluvut_<year>.csv``).

SYKE publishes ALas results per municipality at paastot.hiilineutraalisuomi.fi as
``Tulokset_taso_5/kunta_<kuntanumero>.csv``: semicolon-separated, decimal comma, nulls written
``NA``, ``NULL`` or left empty. One row per ALas leaf and year, with columns (read by header
name, in any order; header names are compared case- and diacritic-insensitively):

``kt``
    emissions, kt CO2e per year.
``kt_tuuli``
    emissions with wind-power credits, kt CO2e per year.
``GWh``
    energy use, GWh per year.
``vuosi``
    year.
``hinku_laskenta``, ``päästökauppa``
    the leaf's flags (counted in HINKU; inside emissions trading). Accepted spellings:
    TRUE/FALSE, true/false, 1/0, yes/no, kyllä/ei, T/F.
``taso_3``, ``taso_4``, ``taso_5``
    SYKE's sector abbreviations at levels 3-5 (``taso_1``/``taso_2`` follow from ``taso_3``).

Design decisions
----------------
* Each row maps to one leaf of :func:`~canemure.sectors.sector_hierarchy` via
  ``leaf_key(taso_3, taso_4, taso_5, hinku=, ets=)``; a row that matches no leaf is an error
  (with the closest abbreviations suggested), never dropped.
* **The emission value is column ``kt``**, except on the wind-power credits leaf
  (``taso_3 == "Tuu"``, Päästöhyvitykset), whose credit SYKE reports in ``kt_tuuli``; there
  ``kt_tuuli`` is used. Negative emissions are accepted only on that leaf; negative energy never.
* The result holds the leaves of the requested accounting rule (default
  :data:`~canemure.sectors.HINKU`). Rows of leaves outside the rule are validated like every
  other row, then left out *because the rule excludes them*; read the file with
  :data:`~canemure.sectors.ALL` (or ``HINKU_WITH_CREDITS`` for the credits) to keep them.

**A SYKE file is a complete account.** The years are those the file has rows for. For those
years, a leaf without a row is **zero** (emissions and energy): SYKE's own totals are the sums of
the rows a file lists, and so is every other consumer's reading of these files, so a sector or a
total read here equals SYKE's published figure. An explicit null (``NA``, ``NULL`` or an empty
cell) in the value column is **not estimated** (NaN), never zero; a year the file has no row for
is not in the result at all (not estimated).

Because a missing row now means zero, a truncated file would give wrong totals in silence, so
the reader checks for truncation:

* The file must end with a line end. A file cut in the middle of a line (a download stopped
  short) is refused: "the file looks cut off".
* **Short years.** A year listing fewer than :data:`SHORT_YEAR_FRACTION` (three quarters) of the
  rows that the file's other years list (their median), and at least :data:`SHORT_YEAR_MIN_GAP`
  (5) rows fewer, is *markedly short*. A legitimately
  different year differs by a few leaves (credits only in years with wind power, a leaf SYKE has
  no activity for yet), not by a quarter of ~90 rows, while a file cut at a line boundary loses on
  average half of its last year. A short year is reported with the leaves it lacks, in
  :attr:`SykeMunicipalityData.short_years` and as a :class:`ShortYearWarning`, and read by the
  complete-account rule. It is **refused** only when the file *clearly looks cut*: the short year
  is the file's last block of rows, and every leaf it lacks comes, in the order of the file's
  other years, after every leaf it lists. That is exactly what cutting a file after a line leaves
  behind; a legitimately short year lacks leaves here and there, or is not at the end of the file,
  and is never refused. A file with a single year cannot be checked this way (only the line end),
  nor can a file ordered by leaf rather than by year (a cut there takes a few leaves from every
  year, which no count tells from a legitimate file). Other readers of these files (e.g.
  Kausal's importer) sum what is listed without any such check.

**Values.** Non-finite numbers (``inf``, ``nan``, ``1e400``, which overflows) and impossible
magnitudes are refused with file, line, column and value: emissions beyond ± :data:`MAX_KT`
(100 000 kt, more than Finland's national total), energy use beyond :data:`MAX_GWH`, and in the
municipality list a population that is not a whole number in 1 to :data:`MAX_POPULATION` (0 is
refused: a municipality has residents, and dividing by 0 would give "per resident inf").

**Identity.** The municipality comes from the ``municipality`` argument (code or name) or else
from the file name ``kunta_<n>.csv`` (``n`` with or without zero padding), and must be a
municipality of canemure's reference list (the 2025 structure). When both are given they must
agree: ``kunta_91.csv`` read with ``municipality="Joensuu"`` is refused (rename the file or pass
the municipality it holds), so a file never silently becomes another municipality. SYKE's
``kunta_<n>.csv`` layout names the municipality nowhere inside the file, so the file name is the
only place the file itself says; :attr:`SykeMunicipalityData.municipality_from` and the source's
notes say where the municipality came from.

The municipality list ``asukasluvut_<year>.csv`` has the columns ``kuntanro``, ``kunta_fi``,
``maakunta_fi`` and others that SYKE does not document. **Assumption:** the population is the
one column whose header contains ``asukas`` or ``väestö``/``vaesto`` (e.g. ``asukasluku``);
no such column, or several, is reported as an error naming the headers found.

Both files must end with a line end, and paths that are not regular files (a folder named
``x.csv``, a named pipe, ``/dev/null``) or cannot be read are refused with a message naming the
path (:func:`~canemure.io._csvtools.read_input_bytes`).
"""

from __future__ import annotations

import functools
import math
import os
import re
import statistics
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
import numpy as np
import pint

from canemure._text import fold, suggest
from canemure.errors import CanemureWarning, Message, ProblemCollector
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population, Source
from canemure.io._csvtools import (
    BOOLEAN_SPELLINGS,
    FIRST_YEAR,
    MAX_GWH,
    MAX_KT,
    MAX_POPULATION,
    NULL_TOKENS,
    CsvColumns,
    CsvRow,
    CsvTable,
    check_year,
    last_year,
    parse_decimal,
    raise_sorted,
    read_csv_columns,
    read_csv_table,
)
from canemure.sectors import CREDITS, HINKU, AccountingRule, SectorHierarchy, sector_hierarchy

__all__ = [
    "SHORT_YEAR_FRACTION",
    "SHORT_YEAR_MIN_GAP",
    "SYKE_CSV_COLUMNS",
    "SYKE_POPULATION_COLUMNS",
    "ShortYear",
    "ShortYearWarning",
    "SykeMunicipalityData",
    "municipality_code_from_filename",
    "read_syke_csv",
    "read_syke_population",
]

SYKE_CSV_COLUMNS: tuple[str, ...] = (
    "kt",
    "kt_tuuli",
    "GWh",
    "vuosi",
    "hinku_laskenta",
    "päästökauppa",
    "taso_3",
    "taso_4",
    "taso_5",
)
"""The columns of SYKE's ``kunta_<n>.csv`` (any order)."""

SYKE_POPULATION_COLUMNS: tuple[str, ...] = ("kuntanro", "kunta_fi", "maakunta_fi")
"""The documented columns of ``asukasluvut_<year>.csv`` (others are allowed)."""

SHORT_YEAR_FRACTION = 0.75
"""A year listing fewer rows than this share of the other years' median is markedly short..."""

SHORT_YEAR_MIN_GAP = 5
"""... if it also lacks at least this many rows (a few leaves differing between years is normal)."""

_SYKE_URL = "https://paastot.hiilineutraalisuomi.fi/"
_PUBLISHER = "Suomen ympäristökeskus SYKE"
_LICENSE = "CC BY 4.0 (as stated by third parties)"
_KUNTA_FILE = re.compile(r"kunta_(\d{1,3})\.csv", re.IGNORECASE)
_POPULATION_FILE = re.compile(r"asukasluvut_(\d{4})\.csv", re.IGNORECASE)


class ShortYearWarning(CanemureWarning):
    """A year of a SYKE file lists markedly fewer rows than the file's other years."""


@attrs.frozen
class ShortYear:
    """A year that lists markedly fewer rows than the file's other years (see the module)."""

    year: int
    rows: int
    """How many rows the year lists."""
    typical_rows: float
    """The median number of rows of the file's other years."""
    lacks: tuple[str, ...]
    """Leaf keys the other years list and this year does not, in the file's order."""

    def __str__(self) -> str:
        return str(self.message())

    def message(self) -> Message:
        """What is short, as a keyed message (its ``str`` is the English text)."""
        more = len(self.lacks) - 12
        return Message(
            "syke_csv_short_year",
            year=self.year,
            rows=self.rows,
            typical=f"{self.typical_rows:g}",
            count=len(self.lacks),
            shown=", ".join(self.lacks[:12]),
            more=Message("syke_csv_and_more", count=more) if more > 0 else "",
        )


@attrs.frozen
class SykeMunicipalityData:
    """One municipality's SYKE open data: emissions and energy use per leaf and year."""

    emissions: EmissionInventory
    """Emissions in kt CO2e/a, one area, the leaves of :attr:`rule`, the file's years."""
    energy: EmissionInventory | None
    """Energy use in GWh/a on the same axes (NaN where SYKE gives none); ``None`` when read
    with ``energy=False``."""
    municipality_from: str = ""
    """Where the municipality came from: the ``municipality=`` argument or the file name."""
    short_years: tuple[ShortYear, ...] = ()
    """Years listing markedly fewer rows than the others (read as complete accounts)."""

    @property
    def municipality(self) -> str:
        """The 3-digit municipality code."""
        return self.emissions.areas.labels[0]

    @property
    def rule(self) -> AccountingRule:
        """The accounting rule whose leaves the data holds."""
        return self.emissions.rule


def municipality_code_from_filename(path: str | os.PathLike[str]) -> str | None:
    """Return the zero-padded code in a ``kunta_<n>.csv`` file name, or ``None`` for other names.

    >>> municipality_code_from_filename("Tulokset_taso_5/kunta_91.csv")
    '091'
    """
    match = _KUNTA_FILE.fullmatch(Path(path).name)
    return match.group(1).zfill(3) if match else None


def _resolve_municipality(
    path: str | os.PathLike[str], municipality: str | int | None, problems: ProblemCollector
) -> tuple[str | None, str]:
    """Return the municipality code and where it came from (for messages and the source)."""
    name = Path(path).name
    from_name = municipality_code_from_filename(path)
    gaz = gazetteer()
    if municipality is not None:
        code = gaz.municipality(str(municipality)).code
        if from_name is not None and from_name != code:
            said = (
                f"{from_name} ({gaz.municipality(from_name).name})"
                if gaz.has_municipality(from_name)
                else from_name
            )
            problems.add_keyed(
                "syke_csv_name_conflict",
                value=name,
                said=said,
                given=municipality,
                code=code,
                name=gaz.municipality(code).name,
            )
            return None, ""
        return code, f"the municipality= argument ({municipality!r})"
    if from_name is None:
        problems.add_keyed("municipality_from_name", value=name)
        return None, ""
    if not gaz.has_municipality(from_name):
        problems.add_keyed("syke_csv_code_unknown", value=from_name)
        return None, ""
    return from_name, f"the file name {name!r}"


def _leaf_problem(
    tree: SectorHierarchy,
    row: CsvRow,
    parts: tuple[str, str, str],
    flags: tuple[bool, bool],
    problems: ProblemCollector,
) -> None:
    """Record why ``parts``/``flags`` name no leaf, at the most specific column."""
    a3, a4, a5 = parts
    level3 = [s.key for s in tree.level(3)]
    if a3 not in level3:
        hint = suggest(a3, level3)
        problems.add_keyed(
            "unknown_sector_level3_hint" if hint else "unknown_sector_level3",
            line=row.line,
            column="taso_3",
            value=a3,
            names=", ".join(repr(h) for h in hint),
        )
        return
    for column, parent, abbreviation in (
        ("taso_4", a3, a4),
        ("taso_5", f"{a3}/{a4}", a5),
    ):
        known = [str(s.abbreviation) for s in tree.children(parent)]
        if abbreviation not in known:
            hint = suggest(abbreviation, known) or known
            problems.add_keyed(
                "unknown_sector_under",
                line=row.line,
                column=column,
                value=abbreviation,
                parent=parent,
                known=", ".join(repr(h) for h in hint),
            )
            return
    level5 = f"{a3}/{a4}/{a5}"
    existing = [
        f"hinku_laskenta={leaf.hinku}, päästökauppa={leaf.ets}" for leaf in tree.children(level5)
    ]
    problems.add_keyed(
        "syke_csv_no_leaf",
        level5=level5,
        hinku=str(flags[0]),
        ets=str(flags[1]),
        existing="; ".join(existing),
        line=row.line,
        column="hinku_laskenta/päästökauppa",
        value=(row.cells.get("hinku_laskenta"), row.cells.get("päästökauppa")),
    )


def _short_years(
    year_leaves: Mapping[int, Sequence[str]], row_years: Sequence[int]
) -> tuple[list[ShortYear], ShortYear | None]:
    """Return the markedly short years, and the one that shows the file was cut (if any).

    ``year_leaves`` lists each year's leaf keys in file order; ``row_years`` the year of every
    data row in file order. See the module docstring for the rule.
    """
    if len(year_leaves) < 2:
        return [], None
    counts = {year: len(leaves) for year, leaves in year_leaves.items()}
    order: dict[str, int] = {}
    for year in year_leaves:
        for leaf in year_leaves[year]:
            order.setdefault(leaf, len(order))
    short: list[ShortYear] = []
    cut: ShortYear | None = None
    last = row_years[-1]
    for year, leaves in year_leaves.items():
        typical = statistics.median(n for y, n in counts.items() if y != year)
        if (
            counts[year] >= SHORT_YEAR_FRACTION * typical
            or typical - counts[year] < SHORT_YEAR_MIN_GAP
        ):
            continue
        others = [leaf for y, ls in year_leaves.items() if y != year for leaf in ls]
        listed = set(leaves)
        lacks = tuple(dict.fromkeys(leaf for leaf in others if leaf not in listed))
        found = ShortYear(year, counts[year], typical, lacks)
        short.append(found)
        if year != last or any(y != year for y in row_years[-counts[year] :]):
            continue  # not the file's last block of rows: cannot be a cut
        # the order of the other years (the most complete one, the latest on ties)
        reference = max(
            (y for y in year_leaves if y != year), key=lambda y: (counts[y], row_years.index(y))
        )
        position = {leaf: i for i, leaf in enumerate(year_leaves[reference])}
        listed_at = [position[leaf] for leaf in leaves if leaf in position]
        lacking_at = [position[leaf] for leaf in lacks if leaf in position]
        if lacking_at and min(lacking_at) > max(listed_at, default=-1):
            cut = found
    return short, cut


@attrs.frozen
class _Rows:
    """The accepted data rows of a file, in file order: leaf, year and values of each."""

    leaves: np.ndarray
    """The position of each row's leaf in the hierarchy's leaves."""
    years: np.ndarray
    """The year of each row."""
    emissions: np.ndarray
    """Emissions (kt CO2e/a; ``kt_tuuli`` on the credits leaf), NaN for an explicit null."""
    energy: np.ndarray
    """Energy use (GWh/a), NaN for an explicit null."""


def _fast_numbers(
    table: CsvColumns, column: str, *, limit: float, allow_negative: bool = True
) -> np.ndarray | None:
    """The numbers of a column, NaN for nulls; ``None`` if any cell has a problem.

    Refuses all that :meth:`CsvRow.number <canemure.io._csvtools.CsvRow.number>` refuses, for
    a whole column at once (the row-by-row path then says where a problem is): plain decimals
    and the exact null tokens are read on the bytes (:meth:`CsvColumns.decimals`), any other
    cell with :func:`~canemure.io._csvtools.parse_decimal`, as the row-by-row path does.
    """
    values, odd = table.decimals(column, mark=",", nulls=NULL_TOKENS)
    for i in odd.tolist():
        try:
            values[i] = parse_decimal(table.cell(i, column))
        except ValueError:
            return None
    if (np.abs(values) > limit).any():  # NaN compares False; an infinity is beyond any limit
        return None
    if not allow_negative and (values < 0).any():
        return None
    return values


def _leaf_positions(tree: SectorHierarchy) -> tuple[dict[str, int], np.ndarray]:
    """Each leaf key's position in ``tree.leaves``, and which positions are the credits."""
    vocabulary = _vocabulary(tree)
    return vocabulary.position, vocabulary.credit


@attrs.frozen(eq=False)
class _Vocabulary:
    """The cell texts of a valid SYKE file as 8-byte words (see ``CsvColumns.words``).

    Whole columns are recognised with ``np.searchsorted`` against these sorted words, and a
    row's leaf is read from a table indexed by its three abbreviations and two flags; a cell
    that is not here sends the file the row-by-row way.
    """

    tree: SectorHierarchy
    position: dict[str, int]
    """Each leaf key's position in ``tree.leaves``."""
    credit: np.ndarray
    """Whether each leaf is a wind-power credits leaf."""
    flag_words: np.ndarray
    """The accepted flag spellings (:data:`BOOLEAN_SPELLINGS`), sorted."""
    flag_values: np.ndarray
    """The boolean of each spelling."""
    levels: tuple[np.ndarray, np.ndarray, np.ndarray]
    """The abbreviations at levels 3, 4 and 5 (each sorted, distinct)."""
    leaf_of: np.ndarray
    """``leaf_of[a3, a4, a5, hinku, ets]`` (positions in ``levels``): the leaf, or -1."""
    layouts: dict[AccountingRule, tuple[list[str], np.ndarray]] = attrs.field(factory=dict)
    """Per accounting rule, what :func:`_rule_layout` gives."""


def _word(text: str) -> int | None:
    raw = text.encode("utf-8")
    return int.from_bytes(raw, "little") if 0 < len(raw) <= 8 and b"\x00" not in raw else None


def _vocabulary(tree: SectorHierarchy) -> _Vocabulary:
    known = _VOCABULARIES.get(id(tree))
    if known is not None and known.tree is tree:
        return known
    leaves = tree.leaves
    position = {leaf.key: i for i, leaf in enumerate(leaves)}
    credit = np.array([leaf.key.split("/", 1)[0] == CREDITS for leaf in leaves], dtype=bool)
    flags = sorted((w, v) for t, v in BOOLEAN_SPELLINGS.items() if (w := _word(t)) is not None)
    rows: list[tuple[int, int, int, bool, bool, int]] = []
    for i, leaf in enumerate(leaves):
        parts = leaf.key.split(":", 1)[0].split("/")
        hinku, ets = leaf.hinku, leaf.ets
        if len(parts) != 3 or hinku is None or ets is None:
            continue  # not recognised here: such rows are read row by row
        if tree.leaf_key(*parts, hinku=hinku, ets=ets) != leaf.key:
            continue
        words = [_word(part) for part in parts]
        if words[0] is not None and words[1] is not None and words[2] is not None:
            rows.append((words[0], words[1], words[2], hinku, ets, i))
    levels = tuple(np.array(sorted({r[k] for r in rows}), dtype=np.uint64) for k in range(3))
    leaf_of = np.full((*(len(level) for level in levels), 2, 2), -1, dtype=np.intp)
    for w3, w4, w5, hinku, ets, i in rows:
        a3, a4, a5 = (
            int(np.searchsorted(level, np.uint64(w)))
            for level, w in zip(levels, (w3, w4, w5), strict=True)
        )
        leaf_of[a3, a4, a5, int(hinku), int(ets)] = i
    vocabulary = _Vocabulary(
        tree,
        position,
        credit,
        np.array([w for w, _ in flags], dtype=np.uint64),
        np.array([v for _, v in flags], dtype=bool),
        (levels[0], levels[1], levels[2]),
        leaf_of,
    )
    _VOCABULARIES[id(tree)] = vocabulary
    return vocabulary


_VOCABULARIES: dict[int, _Vocabulary] = {}
"""Per hierarchy (by identity; the entry keeps it alive): its :class:`_Vocabulary`."""


def _find(words: np.ndarray | None, vocabulary: np.ndarray) -> np.ndarray | None:
    """The position of each word in the sorted ``vocabulary``; ``None`` if one is not there."""
    if words is None or not len(vocabulary):
        return None
    at = np.searchsorted(vocabulary, words)
    np.minimum(at, len(vocabulary) - 1, out=at)
    return at if bool((vocabulary[at] == words).all()) else None


def _fast_years(table: CsvColumns) -> np.ndarray | None:
    """The years (four digits, in range); ``None`` if any cell is anything else."""
    words, years = _year_words(last_year())
    at = _find(table.words("vuosi"), words)
    return None if at is None else years[at]


@functools.cache
def _year_words(last: int) -> tuple[np.ndarray, np.ndarray]:
    """The texts of the years ``FIRST_YEAR..last`` as sorted words, and their years."""
    pairs = sorted((_word(str(year)), year) for year in range(FIRST_YEAR, last + 1))
    return (
        np.array([w for w, _ in pairs], dtype=np.uint64),
        np.array([y for _, y in pairs], dtype=np.intp),
    )


def _fast_rows(table: CsvColumns, tree: SectorHierarchy) -> _Rows | None:
    """Check and convert every cell column by column; ``None`` if anything is wrong.

    Nothing is made per cell: years, flags and abbreviations are recognised on the bytes
    (against :class:`_Vocabulary`), numbers are parsed on the bytes, and duplicates are
    counted with one ``bincount``. Any problem (or anything unusual) gives ``None``, and the
    caller reads the file row by row, which locates every problem.
    """
    vocabulary = _vocabulary(tree)
    years = _fast_years(table)
    hinku = _find(table.words("hinku_laskenta"), vocabulary.flag_words)
    ets = _find(table.words("päästökauppa"), vocabulary.flag_words)
    parts = [
        _find(table.words(column), level)
        for column, level in zip(("taso_3", "taso_4", "taso_5"), vocabulary.levels, strict=True)
    ]
    if years is None or hinku is None or ets is None or any(p is None for p in parts):
        return None
    flags = vocabulary.flag_values
    leaves = vocabulary.leaf_of[
        parts[0], parts[1], parts[2], flags[hinku].view(np.uint8), flags[ets].view(np.uint8)
    ]
    if len(leaves) and leaves.min() < 0:
        return None  # abbreviations and flags that name no leaf
    span = int(years.max()) - FIRST_YEAR + 1 if len(years) else 1
    if len(leaves) and np.bincount(leaves * span + (years - FIRST_YEAR)).max() > 1:
        return None  # a duplicate row
    kt = _fast_numbers(table, "kt", limit=MAX_KT)
    kt_wind = _fast_numbers(table, "kt_tuuli", limit=MAX_KT)
    gwh = _fast_numbers(table, "GWh", limit=MAX_GWH, allow_negative=False)
    if kt is None or kt_wind is None or gwh is None:
        return None
    credit = vocabulary.credit[leaves]
    if ((kt < 0) & ~credit).any() or ((kt_wind < 0) & ~credit).any():
        return None
    return _Rows(leaves, years, np.where(credit, kt_wind, kt), gwh)


def _checked_rows(table: CsvTable, tree: SectorHierarchy, problems: ProblemCollector) -> _Rows:
    """Check every row, recording each problem with its line, column and value."""
    first_line: dict[tuple[str, int], int] = {}
    emissions: list[float] = []
    energy: list[float] = []
    keys: list[str] = []
    years: list[int] = []
    valid_years: dict[str, int] = {}  # each distinct year text is checked once
    for row in table:
        year = valid_years.get(row.cells.get("vuosi", ""))
        if year is None:
            year = row.year("vuosi", problems)
            if year is not None:
                valid_years[row.cells["vuosi"]] = year
        parts = tuple(row.text(c, problems) for c in ("taso_3", "taso_4", "taso_5"))
        hinku = row.flag("hinku_laskenta", problems)
        ets = row.flag("päästökauppa", problems)
        is_credit = parts[0] == CREDITS
        kt = row.number("kt", problems, what="emissions", limit=MAX_KT, unit="kt CO2e/a")
        kt_wind = row.number("kt_tuuli", problems, what="emissions", limit=MAX_KT, unit="kt CO2e/a")
        gwh = row.number(
            "GWh", problems, allow_negative=False, what="energy use", limit=MAX_GWH, unit="GWh/a"
        )
        for column, value in (("kt", kt), ("kt_tuuli", kt_wind)):
            if value is not None and value < 0 and not is_credit:
                problems.add_keyed(
                    "negative_not_credit",
                    line=row.line,
                    column=column,
                    value=row.cells[column],
                )
        if year is None or hinku is None or ets is None:
            continue
        if parts[0] is None or parts[1] is None or parts[2] is None:
            continue
        a3, a4, a5 = parts[0], parts[1], parts[2]
        key = tree.leaf_key(a3, a4, a5, hinku=hinku, ets=ets)
        if key not in tree:
            _leaf_problem(tree, row, (a3, a4, a5), (hinku, ets), problems)
            continue
        cell = (key, year)
        if cell in first_line:
            problems.add_keyed(
                "duplicate_row", line=row.line, sector=key, year=year, first=first_line[cell]
            )
            continue
        first_line[cell] = row.line
        keys.append(key)
        years.append(year)
        value = kt_wind if is_credit else kt
        emissions.append(math.nan if value is None else value)
        energy.append(math.nan if gwh is None else gwh)
    position, _ = _leaf_positions(tree)
    leaves = np.array([position[key] for key in keys], dtype=np.intp)
    return _Rows(
        leaves,
        np.array(years, dtype=np.intp),
        np.array(emissions, dtype=np.float64),
        np.array(energy, dtype=np.float64),
    )


def _rule_layout(rule: AccountingRule, tree: SectorHierarchy) -> tuple[list[str], np.ndarray]:
    """The keys of the leaves ``rule`` counts, and each leaf's position among them (or -1).

    Worked out once per rule and hierarchy (the hierarchy's :class:`_Vocabulary` keeps it).
    """
    layouts = _vocabulary(tree).layouts
    if rule not in layouts:
        leaves = [leaf.key for leaf in rule.leaves(tree)]
        in_rule = {leaf: j for j, leaf in enumerate(leaves)}
        position = np.array([in_rule.get(leaf.key, -1) for leaf in tree.leaves], dtype=np.intp)
        layouts[rule] = (leaves, position)
    leaves, position = layouts[rule]
    return list(leaves), position


@functools.cache
def _unit(text: str) -> pint.Unit:
    """The registry's unit for ``text``, parsed once per process."""
    from canemure.units import ureg

    unit: pint.Unit = ureg.Unit(text)
    return unit


def _year_leaves(rows: _Rows, tree: SectorHierarchy) -> dict[int, list[str]]:
    """Each year's leaf keys in file order (years in order of first appearance)."""
    year_leaves: dict[int, list[str]] = {}
    keys = [tree.leaves[i].key for i in rows.leaves.tolist()]
    for key, year in zip(keys, rows.years.tolist(), strict=True):
        year_leaves.setdefault(year, []).append(key)
    return year_leaves


def read_syke_csv(
    path: str | os.PathLike[str],
    *,
    rule: AccountingRule = HINKU,
    municipality: str | int | None = None,
    energy: bool = True,
) -> SykeMunicipalityData:
    """Read SYKE's open-data file ``kunta_<n>.csv`` (see the module docstring for the format).

    For the years the file covers, a leaf without a row is zero and an explicit null is not
    estimated (the file is a complete account; see the module docstring). ``municipality`` (a
    code or name) names the municipality of a file not named ``kunta_<n>.csv`` and must agree
    with the file name otherwise. ``energy=False`` leaves out the energy inventory
    (:attr:`SykeMunicipalityData.energy` is then ``None``); the ``GWh`` column is validated all
    the same. Raises :class:`~canemure.errors.DataFormatError` listing every problem (file,
    line, column, value); warns with :class:`ShortYearWarning` for a markedly short year that
    does not look cut.

    Every cell is checked column by column first, on the file's bytes (years, flags and
    abbreviations against their valid texts, numbers with integer arithmetic, no string per
    cell); only a file with a problem, or anything unusual (quotes, blank lines, blanks around
    a text), is read again row by row, to locate every problem.
    """
    source_name = str(path)
    problems = ProblemCollector(source_name)
    table = read_csv_columns(
        path,
        problems,
        separator=";",
        required=SYKE_CSV_COLUMNS,
        what="a SYKE kunta_<n>.csv file",
        require_final_newline=True,
    )
    code, municipality_from = _resolve_municipality(path, municipality, problems)
    tree = sector_hierarchy()
    rows = _fast_rows(table, tree) if isinstance(table, CsvColumns) else None
    if rows is None:
        if isinstance(table, CsvColumns):
            table = table.to_table()
        rows = _checked_rows(table, tree, problems)
        if not table.rows:
            problems.add_keyed("no_data_rows")
        last_line = table.last_line
    else:
        assert isinstance(table, CsvColumns)
        last_line = table.n_rows + 1
    year_array, columns = np.unique(rows.years, return_inverse=True)
    year_axis = [int(year) for year in year_array]
    columns = columns.reshape(-1)
    short: list[ShortYear] = []
    counts = np.bincount(columns, minlength=len(year_axis)) if len(columns) else columns
    if not problems and len(counts) > 1 and counts.max() - counts.min() >= SHORT_YEAR_MIN_GAP:
        # only then can a year be markedly short (see _short_years)
        short, cut = _short_years(_year_leaves(rows, tree), rows.years.tolist())
        if cut is not None:
            problems.add_keyed("syke_csv_cut_off", line=last_line, cut=cut.message())
    raise_sorted(problems)
    assert code is not None
    for found in short:
        warnings.warn(
            f"{source_name}: {found}; read as a complete account (the rows it lacks are zero)",
            ShortYearWarning,
            stacklevel=2,
        )
    leaves, rule_position = _rule_layout(rule, tree)
    at = rule_position[rows.leaves]
    kept = at >= 0
    at, columns = at[kept], columns[kept]
    name = gazetteer().municipality(code).name
    source = Source(
        id=f"syke-csv:{code}",
        title=f"SYKE ALas open data, {name} ({code}), per sub-sector (Tulokset_taso_5)",
        publisher=_PUBLISHER,
        url=_SYKE_URL,
        license=_LICENSE,
        path=source_name,
        notes=(
            "emissions from column kt; wind-power credits (Tuu) from column kt_tuuli; "
            "a complete account: leaves without a row are zero for the file's years, "
            f"NA/NULL/empty is not estimated; municipality {code} from {municipality_from}"
        ),
    )

    def inventory(values: np.ndarray, unit: str) -> EmissionInventory:
        # zero: a leaf without a row in a year the file covers (SYKE's sums are of listed rows)
        array = np.zeros((1, len(leaves), len(year_axis)))
        array[0, at, columns] = values[kept]
        return EmissionInventory.from_array(
            array,
            _unit(unit),
            areas=[code],
            sectors=leaves,
            years=year_axis,
            rule=rule,
            source=source,
        )

    return SykeMunicipalityData(
        inventory(rows.emissions, "kt CO2e / a"),
        inventory(rows.energy, "GWh / a") if energy else None,
        municipality_from,
        tuple(short),
    )


def read_syke_population(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    known_municipalities_only: bool = True,
) -> Population:
    """Read SYKE's municipality list ``asukasluvut_<year>.csv`` as a one-year :class:`Population`.

    The year comes from ``year`` or the file name. The population column is the one whose header
    contains ``asukas`` or ``väestö``/``vaesto`` (see the module docstring). With
    ``known_municipalities_only`` (the default) every ``kuntanro`` must be a municipality of
    canemure's reference list (2025 structure); pass ``False`` to keep former municipalities.
    """
    source_name = str(path)
    problems = ProblemCollector(source_name)
    table = read_csv_table(
        path,
        problems,
        separator=";",
        required=SYKE_POPULATION_COLUMNS,
        allow_extra=True,
        what="a SYKE asukasluvut_<year>.csv file",
        require_final_newline=True,
    )
    candidates = [c for c in table.columns if any(word in fold(c) for word in ("asukas", "vaesto"))]
    column: str | None = None
    if len(candidates) == 1:
        column = candidates[0]
    else:
        found = ", ".join(repr(c) for c in table.columns)
        problems.add_keyed("syke_csv_population_column", line=1, count=len(candidates), found=found)
    if year is None:
        match = _POPULATION_FILE.fullmatch(Path(path).name)
        if match is None:
            problems.add_keyed("syke_csv_year_from_name", value=Path(path).name)
        else:
            year = check_year(match.group(1), problems, line=None, column=None)
    else:
        year = check_year(year, problems, line=None, column=None)
    residents: dict[str, float] = {}
    seen: dict[str, int] = {}
    gaz = gazetteer()
    for row in table:
        raw = row.text("kuntanro", problems)
        count = None
        if column is not None:
            count = row.number(
                column,
                problems,
                allow_negative=False,
                what="population",
                grouped_integers=True,
                limit=MAX_POPULATION,
                unit="residents",
            )
            if count is not None and not math.isnan(count) and not count.is_integer():
                problems.add_keyed(
                    "syke_csv_population_not_whole",
                    line=row.line,
                    column=column,
                    value=row.cells[column],
                )
                count = None
            elif count == 0:
                problems.add_keyed(
                    "syke_csv_population_not_positive",
                    line=row.line,
                    column=column,
                    value=row.cells[column],
                )
                count = None
        if raw is None:
            continue
        if not re.fullmatch(r"\d{1,3}", raw):
            problems.add_keyed("syke_csv_not_a_code", line=row.line, column="kuntanro", value=raw)
            continue
        code = raw.zfill(3)
        if known_municipalities_only and not gaz.has_municipality(code):
            problems.add_keyed(
                "syke_csv_unknown_code",
                line=row.line,
                column="kuntanro",
                value=raw,
            )
            continue
        if code in seen:
            problems.add_keyed(
                "syke_csv_duplicate_municipality",
                first=seen[code],
                line=row.line,
                column="kuntanro",
                value=raw,
            )
            continue
        seen[code] = row.line
        if count is not None:
            residents[code] = count
    if not table.rows:
        problems.add_keyed("no_data_rows")
    raise_sorted(problems)
    assert year is not None
    return Population.from_mapping(
        {(code, year): value for code, value in residents.items()},
        source=Source(
            id=f"syke-csv:asukasluvut_{year}",
            title=f"Population per municipality, {year}, as listed by SYKE",
            publisher=_PUBLISHER,
            url=_SYKE_URL,
            license=_LICENSE,
            path=source_name,
            notes=f"population from column {column!r}",
        ),
    )
