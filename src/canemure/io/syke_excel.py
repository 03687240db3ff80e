"""Reader for the Excel export of SYKE's ALas web service (``ALas_<Kunta>_data_<date>.xlsx``).

Layout of sheet ``KHK-päästöt`` (what a person downloads for one municipality)::

    row 1      A1: municipality name   B1..: years (1990, 2005, 2006, ...)
    rows 2-14  the 13 sectors, label in column A, in the order of sectors.csv, kt CO2e
    row 15     Päästöhyvitykset (wind-power credits), kt CO2e
    row 16     total, kt CO2e
    row 17     emissions per resident, t CO2e
    row 18     population
    row 20     A20: the calculation method, e.g. "Hinku-laskenta ilman päästöhyvityksiä"

Design decisions
----------------
* openpyxl is an optional dependency (``pip install 'canemure[excel]'``), imported only when a
  workbook is read; without it :class:`~canemure.errors.MissingDependencyError` says so.
* Sector labels are matched by name in any language (``sector_hierarchy().find(label, 3)``)
  and must come in SYKE's order; a wrong label or order is an error naming the cell.
* The calculation method (A20) gives the :class:`~canemure.sectors.AccountingRule`: a text
  equal to, or containing, a rule's Finnish name (``Hinku-laskenta ilman päästöhyvityksiä`` →
  HINKU, ``Hinku-laskenta päästöhyvityksillä`` → HINKU_WITH_CREDITS) and any text starting with
  ``Kaikki`` → ALL. Any other text is an error.
* The result is a level-3 inventory of the 13 sectors; the credits row becomes sector ``Tuu``
  only under the with-credits rule. Under other rules row 15 is still checked to be numeric,
  but it is not part of the rule's emissions, so it is not returned (and not in the total).
* **The file's own sums are checked.** Row 16 must equal the sum of the rule's sectors and
  row 17 must equal row 16 / row 18 (in t CO2e per resident). SYKE rounds its figures, so each
  comparison allows half a unit of the last decimal of every term involved (the number of
  decimals is read from the stored value), plus a relative 1e-9 for binary floating point.
  A mismatch is a :class:`~canemure.errors.DataFormatError` naming the cell. Columns where a
  term is empty are not checked (an empty cell is "not estimated", NaN).
* Numbers stored as text are accepted with a decimal comma or point; ``NA``/``NULL``/empty
  cells are NaN. Years must be in 1990..next year, emissions non-negative except the credits,
  population positive. Non-empty cells right of the year columns (rows 1-18) are errors.
* Cells are named like ``KHK-päästöt!C5`` in messages; the line is the row number.
"""

from __future__ import annotations

import math
import os
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from canemure._text import fold
from canemure.errors import (
    DataFormatError,
    MissingDependencyError,
    Problem,
    ProblemCollector,
    UnknownNameError,
)
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population, Source
from canemure.io._csvtools import NULL_TOKENS, check_year, parse_decimal, raise_sorted
from canemure.sectors import ALL, CREDITS, RULES, AccountingRule, sector_hierarchy
from canemure.units import Q_

__all__ = ["SHEET", "read_syke_excel", "rule_from_method"]

SHEET = "KHK-päästöt"
"""Name of the sheet that holds the inventory."""

_FIRST_SECTOR_ROW = 2
_CREDITS_ROW = 15
_TOTAL_ROW = 16
_PER_RESIDENT_ROW = 17
_POPULATION_ROW = 18
_METHOD_ROW = 20
_RELATIVE_EPS = 1e-9


def rule_from_method(text: str) -> AccountingRule:
    """Return the accounting rule named by an export's calculation-method text (cell A20).

    Raises :class:`~canemure.errors.UnknownNameError` for a text that names no rule.
    """
    folded = fold(text)
    if folded.startswith("kaikki"):
        return ALL
    matches = [rule for rule in RULES if fold(rule.name_fi) in folded]
    if matches:
        return max(matches, key=lambda rule: len(rule.name_fi))
    raise UnknownNameError("calculation method", text, [rule.name_fi for rule in RULES])


def _cell(column: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{SHEET}!{get_column_letter(column)}{row}"


def _decimals(value: float) -> int:
    """Count the decimals SYKE wrote (read from the shortest representation of ``value``)."""
    exponent = Decimal(repr(float(value))).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _half_unit(value: float) -> float:
    return 0.5 * 10.0 ** -_decimals(value)


class _Sheet:
    """The sheet's rows as a grid of values, with cell-naming number parsing."""

    def __init__(self, rows: Sequence[Sequence[Any]], problems: ProblemCollector) -> None:
        self.rows = rows
        self.problems = problems

    def get(self, row: int, column: int) -> Any:
        """Return the value at 1-based ``row``/``column`` (``None`` beyond the sheet)."""
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]

    def number(self, row: int, column: int, *, allow_negative: bool, what: str) -> float:
        """Return the number in a cell (NaN when empty or a null token, or after a problem)."""
        raw = self.get(row, column)
        where = _cell(column, row)
        if raw is None or (isinstance(raw, str) and raw.strip() in NULL_TOKENS):
            return math.nan
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            self.problems.add(f"{what} is not a number", line=row, column=where, value=raw)
            return math.nan
        if isinstance(raw, str):
            try:
                value = parse_decimal(raw, decimal=",")
            except ValueError:
                try:
                    value = parse_decimal(raw, decimal=".")
                except ValueError as exc:
                    self.problems.add(f"{what}: {exc}", line=row, column=where, value=raw)
                    return math.nan
        else:
            value = float(raw)
        if not math.isfinite(value):
            self.problems.add(f"{what} is not a finite number", line=row, column=where, value=raw)
            return math.nan
        if value < 0 and not allow_negative:
            self.problems.add(f"{what} must not be negative", line=row, column=where, value=raw)
            return math.nan
        return value


def _load_rows(path: str | os.PathLike[str], problems: ProblemCollector) -> list[list[Any]]:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError("openpyxl", "excel", "Reading SYKE Excel exports") from None
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(Path(path), read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        message = f"not an Excel .xlsx workbook ({exc}); expected SYKE's ALas export"
        raise DataFormatError([Problem(message, problems.source)], problems.source) from None
    try:
        if SHEET not in workbook.sheetnames:
            message = (
                f"the workbook has no sheet {SHEET!r} (it has "
                f"{', '.join(repr(s) for s in workbook.sheetnames)}); expected SYKE's ALas export"
            )
            raise DataFormatError([Problem(message, problems.source)], problems.source)
        return [list(row) for row in workbook[SHEET].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _years(sheet: _Sheet, problems: ProblemCollector) -> list[tuple[int, int | None]]:
    """Return ``(column, year)`` pairs from row 1, stopping at the first empty cell.

    A column whose year is invalid or repeated gets ``None`` (after a problem is recorded), so
    its values are still checked.
    """
    out: list[tuple[int, int | None]] = []
    seen: dict[int, str] = {}
    width = len(sheet.rows[0]) if sheet.rows else 0
    column = 2
    while column <= width and sheet.get(1, column) not in (None, ""):
        raw = sheet.get(1, column)
        year = check_year(raw, problems, line=1, column=_cell(column, 1))
        if year is not None and year in seen:
            problems.add(
                f"year {year} repeats {seen[year]}", line=1, column=_cell(column, 1), value=raw
            )
            year = None
        elif year is not None:
            seen[year] = _cell(column, 1)
        out.append((column, year))
        column += 1
    if not out:
        problems.add("row 1 has no years after the municipality name", line=1, column=_cell(2, 1))
    last = column - 1
    for row in range(1, _POPULATION_ROW + 1):
        cells = sheet.rows[row - 1] if row <= len(sheet.rows) else []
        for extra in range(last + 1, len(cells) + 1):
            value = sheet.get(row, extra)
            if value not in (None, ""):
                problems.add(
                    "value outside the year columns (row 1 has no year above it)",
                    line=row,
                    column=_cell(extra, row),
                    value=value,
                )
    return out


def _municipality(
    sheet: _Sheet, municipality: str | int | None, problems: ProblemCollector
) -> str | None:
    name = sheet.get(1, 1)
    found: str | None = None
    if isinstance(name, str) and name.strip():
        try:
            found = gazetteer().municipality(name).code
        except UnknownNameError as exc:
            if municipality is None:
                problems.add(
                    f"{exc}; pass municipality=<code>", line=1, column=_cell(1, 1), value=name
                )
    elif municipality is None:
        problems.add(
            "the municipality name is missing; pass municipality=<code>",
            line=1,
            column=_cell(1, 1),
            value=name,
        )
    if municipality is None:
        return found
    code = gazetteer().municipality(str(municipality)).code
    if found is not None and found != code:
        problems.add(
            f"the sheet names another municipality than municipality={municipality!r}",
            line=1,
            column=_cell(1, 1),
            value=name,
        )
    return code


def _check_sum(
    reported: float, terms: Sequence[float], where: str, row: int, problems: ProblemCollector
) -> None:
    if math.isnan(reported) or any(math.isnan(t) for t in terms):
        return
    total = math.fsum(terms)
    tolerance = _half_unit(reported) + sum(_half_unit(t) for t in terms)
    tolerance += _RELATIVE_EPS * max(abs(reported), abs(total), 1.0)
    if abs(total - reported) > tolerance:
        problems.add(
            f"the total does not match the sum of the sectors above it ({total:.6g} kt CO2e; "
            f"rounding tolerance {tolerance:.3g})",
            line=row,
            column=where,
            value=reported,
        )


def _check_per_resident(
    *,
    reported: float,
    total: float,
    population: float,
    where: str,
    row: int,
    problems: ProblemCollector,
) -> None:
    if math.isnan(reported) or math.isnan(total) or math.isnan(population) or population <= 0:
        return
    expected = total * 1000.0 / population
    tolerance = _half_unit(reported) + _half_unit(total) * 1000.0 / population
    tolerance += _RELATIVE_EPS * max(abs(reported), 1.0)
    if abs(expected - reported) > tolerance:
        problems.add(
            f"emissions per resident do not match total / population ({expected:.6g} t CO2e; "
            f"rounding tolerance {tolerance:.3g})",
            line=row,
            column=where,
            value=reported,
        )


def read_syke_excel(
    path: str | os.PathLike[str], *, municipality: str | int | None = None
) -> EmissionInventory:
    """Read SYKE's ALas Excel export for one municipality (layout in the module docstring).

    Returns a level-3 inventory in kt CO2e/a under the rule named in cell A20, with the
    population of row 18. ``municipality`` (code or name) overrides the name in A1. Raises
    :class:`~canemure.errors.DataFormatError` listing every problem with its cell.
    """
    source_name = str(path)
    problems = ProblemCollector(source_name)
    sheet = _Sheet(_load_rows(path, problems), problems)
    if len(sheet.rows) < _METHOD_ROW:
        problems.add(
            f"the sheet has {len(sheet.rows)} rows; the export has at least "
            f"{_METHOD_ROW} (sectors, credits, total, per resident, population, method)"
        )
        problems.raise_if_any()
    years = _years(sheet, problems)
    code = _municipality(sheet, municipality, problems)
    tree = sector_hierarchy()
    expected = tree.level(3)
    for offset, sector in enumerate(expected):
        row = _FIRST_SECTOR_ROW + offset
        label = sheet.get(row, 1)
        try:
            found = tree.find(str(label), 3) if label is not None else None
        except UnknownNameError as exc:
            problems.add(
                f"{exc}; expected {sector.name('fi')!r}",
                line=row,
                column=_cell(1, row),
                value=label,
            )
            continue
        if found is None or found.key != sector.key:
            problems.add(
                f"expected the sector {sector.name('fi')!r} here (SYKE's order of sectors)",
                line=row,
                column=_cell(1, row),
                value=label,
            )
    method = sheet.get(_METHOD_ROW, 1)
    rule: AccountingRule | None = None
    try:
        rule = rule_from_method(str(method) if method is not None else "")
    except UnknownNameError:
        names = "; ".join(repr(r.name_fi) for r in RULES)
        problems.add(
            f"unknown calculation method; expected one of {names}",
            line=_METHOD_ROW,
            column=_cell(1, _METHOD_ROW),
            value=method,
        )
    sector_rows = [_FIRST_SECTOR_ROW + i for i, s in enumerate(expected) if s.key != CREDITS]
    values = np.full((len(sector_rows) + 1, len(years)), np.nan)
    residents: dict[tuple[str, int], float] = {}
    for k, (column, year) in enumerate(years):
        for j, row in enumerate(sector_rows):
            values[j, k] = sheet.number(row, column, allow_negative=False, what="emissions")
        values[-1, k] = sheet.number(
            _CREDITS_ROW, column, allow_negative=True, what="wind-power credits"
        )
        total = sheet.number(_TOTAL_ROW, column, allow_negative=True, what="total emissions")
        per_resident = sheet.number(
            _PER_RESIDENT_ROW, column, allow_negative=True, what="emissions per resident"
        )
        residents_here = sheet.number(
            _POPULATION_ROW, column, allow_negative=False, what="population"
        )
        if residents_here == 0:
            problems.add(
                "population must be positive",
                line=_POPULATION_ROW,
                column=_cell(column, _POPULATION_ROW),
                value=0,
            )
        if rule is not None:
            terms = list(values[:-1, k]) + ([values[-1, k]] if rule.credits else [])
            _check_sum(total, terms, _cell(column, _TOTAL_ROW), _TOTAL_ROW, problems)
        _check_per_resident(
            reported=per_resident,
            total=total,
            population=residents_here,
            where=_cell(column, _PER_RESIDENT_ROW),
            row=_PER_RESIDENT_ROW,
            problems=problems,
        )
        if code is not None and year is not None:
            residents[(code, year)] = residents_here
    raise_sorted(problems)
    assert code is not None
    assert rule is not None
    sectors = [s.key for s in expected if s.key != CREDITS]
    if rule.credits:
        sectors.append(CREDITS)
    else:
        values = values[:-1]
    valid_years = [year for _, year in years if year is not None]
    assert len(valid_years) == len(years)
    order = np.argsort(valid_years, kind="stable")
    year_axis = [valid_years[i] for i in order]
    name = gazetteer().municipality(code).name
    source = Source(
        id=f"syke-excel:{code}",
        title=f"SYKE ALas Excel export, {name} ({code}), {rule.name_fi}",
        publisher="Suomen ympäristökeskus SYKE",
        url="https://paastot.hiilineutraalisuomi.fi/",
        license="CC BY 4.0 (as stated by third parties)",
        path=source_name,
        notes="sheet KHK-päästöt; totals and per-resident values checked against the sectors",
    )
    population = Population.from_mapping(
        residents,
        source=Source(
            id=f"syke-excel:{code}:population",
            title=f"Population of {name} ({code}) as given in the SYKE ALas Excel export",
            publisher="Suomen ympäristökeskus SYKE (from Statistics Finland)",
            path=source_name,
        ),
    )
    return EmissionInventory(
        Q_(np.ascontiguousarray(values[:, order][None, :, :]), "kt CO2e / a"),
        [code],
        sectors,
        year_axis,
        rule,
        {code: (source,)},
        population,
    )
