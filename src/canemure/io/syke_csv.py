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
* The years are those the file has rows for; a leaf of the rule without a row for such a year
  is NaN ("not estimated"), never 0, and so is a null value.
* The municipality comes from the ``municipality`` argument (code or name) or else from the
  file name ``kunta_<n>.csv`` (``n`` with or without zero padding), and must be a municipality
  of canemure's reference list (the 2025 structure).

The municipality list ``asukasluvut_<year>.csv`` has the columns ``kuntanro``, ``kunta_fi``,
``maakunta_fi`` and others that SYKE does not document. **Assumption:** the population is the
one column whose header contains ``asukas`` or ``väestö``/``vaesto`` (e.g. ``asukasluku``);
no such column, or several, is reported as an error naming the headers found.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import attrs
import numpy as np

from canemure._text import fold, suggest
from canemure.errors import ProblemCollector
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population, Source
from canemure.io._csvtools import CsvRow, check_year, raise_sorted, read_csv_table
from canemure.sectors import CREDITS, HINKU, AccountingRule, SectorHierarchy, sector_hierarchy

__all__ = [
    "SYKE_CSV_COLUMNS",
    "SYKE_POPULATION_COLUMNS",
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

_SYKE_URL = "https://paastot.hiilineutraalisuomi.fi/"
_PUBLISHER = "Suomen ympäristökeskus SYKE"
_LICENSE = "CC BY 4.0 (as stated by third parties)"
_KUNTA_FILE = re.compile(r"kunta_(\d{1,3})\.csv", re.IGNORECASE)
_POPULATION_FILE = re.compile(r"asukasluvut_(\d{4})\.csv", re.IGNORECASE)


@attrs.frozen
class SykeMunicipalityData:
    """One municipality's SYKE open data: emissions and energy use per leaf and year."""

    emissions: EmissionInventory
    """Emissions in kt CO2e/a, one area, the leaves of :attr:`rule`, the file's years."""
    energy: EmissionInventory
    """Energy use in GWh/a on the same axes (NaN where SYKE gives none)."""

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
) -> str | None:
    if municipality is not None:
        return gazetteer().municipality(str(municipality)).code
    code = municipality_code_from_filename(path)
    if code is None:
        problems.add(
            "cannot tell the municipality: the file name is not kunta_<n>.csv; "
            "pass municipality=<code or name>",
            value=Path(path).name,
        )
        return None
    if not gazetteer().has_municipality(code):
        problems.add(
            "the municipality code in the file name is not a municipality of canemure's "
            "reference list (2025 structure); pass municipality=<code or name>",
            value=code,
        )
        return None
    return code


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
        problems.add(
            "unknown sector abbreviation at level 3"
            + (f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""),
            line=row.line,
            column="taso_3",
            value=a3,
        )
        return
    for column, parent, abbreviation in (
        ("taso_4", a3, a4),
        ("taso_5", f"{a3}/{a4}", a5),
    ):
        known = [str(s.abbreviation) for s in tree.children(parent)]
        if abbreviation not in known:
            hint = suggest(abbreviation, known) or known
            problems.add(
                f"unknown sector abbreviation under {parent!r}; "
                f"known: {', '.join(repr(h) for h in hint)}",
                line=row.line,
                column=column,
                value=abbreviation,
            )
            return
    level5 = f"{a3}/{a4}/{a5}"
    existing = [
        f"hinku_laskenta={leaf.hinku}, päästökauppa={leaf.ets}" for leaf in tree.children(level5)
    ]
    problems.add(
        f"ALas has no leaf {level5} with hinku_laskenta={flags[0]} and päästökauppa={flags[1]}; "
        f"it exists with {'; '.join(existing)}",
        line=row.line,
        column="hinku_laskenta/päästökauppa",
        value=(row.cells.get("hinku_laskenta"), row.cells.get("päästökauppa")),
    )


def read_syke_csv(
    path: str | os.PathLike[str],
    *,
    rule: AccountingRule = HINKU,
    municipality: str | int | None = None,
) -> SykeMunicipalityData:
    """Read SYKE's open-data file ``kunta_<n>.csv`` (see the module docstring for the format).

    ``municipality`` (a code or name) overrides the code in the file name. Raises
    :class:`~canemure.errors.DataFormatError` listing every problem (file, line, column, value).
    """
    source_name = str(path)
    problems = ProblemCollector(source_name)
    table = read_csv_table(
        path, problems, separator=";", required=SYKE_CSV_COLUMNS, what="a SYKE kunta_<n>.csv file"
    )
    code = _resolve_municipality(path, municipality, problems)
    tree = sector_hierarchy()
    emissions: dict[tuple[str, int], float] = {}
    energy: dict[tuple[str, int], float] = {}
    first_line: dict[tuple[str, int], int] = {}
    years: set[int] = set()
    for row in table:
        year = row.year("vuosi", problems)
        parts = tuple(row.text(c, problems) for c in ("taso_3", "taso_4", "taso_5"))
        hinku = row.flag("hinku_laskenta", problems)
        ets = row.flag("päästökauppa", problems)
        is_credit = parts[0] == CREDITS
        kt = row.number("kt", problems)
        kt_wind = row.number("kt_tuuli", problems)
        gwh = row.number("GWh", problems, allow_negative=False, what="energy use")
        for column, value in (("kt", kt), ("kt_tuuli", kt_wind)):
            if value is not None and value < 0 and not is_credit:
                problems.add(
                    "negative emissions are only possible on the wind-power credits leaf (Tuu)",
                    line=row.line,
                    column=column,
                    value=row.cells[column],
                )
        if year is not None:
            years.add(year)
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
            problems.add(
                f"duplicate row: sector {key} and year {year} already on line {first_line[cell]}",
                line=row.line,
            )
            continue
        first_line[cell] = row.line
        value = kt_wind if is_credit else kt
        emissions[cell] = math.nan if value is None else value
        energy[cell] = math.nan if gwh is None else gwh
    if not table.rows:
        problems.add("the file has no data rows")
    raise_sorted(problems)
    assert code is not None
    leaves = [leaf.key for leaf in rule.leaves(tree)]
    year_axis = sorted(years)
    source = Source(
        id=f"syke-csv:{code}",
        title=(
            f"SYKE ALas open data, {gazetteer().municipality(code).name} ({code}), "
            "per sub-sector (Tulokset_taso_5)"
        ),
        publisher=_PUBLISHER,
        url=_SYKE_URL,
        license=_LICENSE,
        path=source_name,
        notes="emissions from column kt; wind-power credits (Tuu) from column kt_tuuli",
    )

    def inventory(cells: dict[tuple[str, int], float], unit: str) -> EmissionInventory:
        array = np.full((1, len(leaves), len(year_axis)), np.nan)
        positions = {leaf: j for j, leaf in enumerate(leaves)}
        columns = {year: k for k, year in enumerate(year_axis)}
        for (leaf, year), value in cells.items():
            if leaf in positions:
                array[0, positions[leaf], columns[year]] = value
        return EmissionInventory.from_array(
            array, unit, areas=[code], sectors=leaves, years=year_axis, rule=rule, source=source
        )

    return SykeMunicipalityData(inventory(emissions, "kt CO2e / a"), inventory(energy, "GWh / a"))


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
    )
    candidates = [c for c in table.columns if any(word in fold(c) for word in ("asukas", "vaesto"))]
    column: str | None = None
    if len(candidates) == 1:
        column = candidates[0]
    else:
        found = ", ".join(repr(c) for c in table.columns)
        problems.add(
            "cannot tell the population column: expected exactly one header containing "
            f"'asukas' or 'väestö', found {len(candidates)} among {found}",
            line=1,
        )
    if year is None:
        match = _POPULATION_FILE.fullmatch(Path(path).name)
        if match is None:
            problems.add(
                "cannot tell the year: the file name is not asukasluvut_<year>.csv; "
                "pass year=<year>",
                value=Path(path).name,
            )
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
                column, problems, allow_negative=False, what="population", grouped_integers=True
            )
            if count is not None and not math.isnan(count) and not count.is_integer():
                problems.add(
                    "population must be a whole number",
                    line=row.line,
                    column=column,
                    value=row.cells[column],
                )
        if raw is None:
            continue
        if not re.fullmatch(r"\d{1,3}", raw):
            problems.add("not a municipality code", line=row.line, column="kuntanro", value=raw)
            continue
        code = raw.zfill(3)
        if known_municipalities_only and not gaz.has_municipality(code):
            problems.add(
                "unknown municipality code (not in canemure's reference list, 2025 structure)",
                line=row.line,
                column="kuntanro",
                value=raw,
            )
            continue
        if code in seen:
            problems.add(
                f"duplicate municipality, already on line {seen[code]}",
                line=row.line,
                column="kuntanro",
                value=raw,
            )
            continue
        seen[code] = row.line
        if count is not None:
            residents[code] = count
    if not table.rows:
        problems.add("the file has no data rows")
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
