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
* **A complete account, as SYKE's CSV files** (:mod:`canemure.io.syke_csv`): the total row is
  the sum of the sector cells above it, so in a year column the export covers, an *empty* sector
  or credits cell (no value at all) is **zero**, and the total check then holds exactly as SYKE
  published it. A cell holding ``NA``, ``NULL`` or an empty text is an explicit null: **not
  estimated** (NaN), and so is every sum that contains it. A year column whose rows 2-16 are
  all empty is a year the export does not cover: not estimated. Population, total and
  per-resident cells are never filled in: empty there is NaN.
* Numbers stored as text are accepted with a decimal comma or point. Years must be in
  1990..next year; emissions non-negative except the credits and within ± ``MAX_KT``
  (100 000 kt, more than Finland's national total; see :mod:`canemure.io._csvtools`); the
  population a whole number from 1 to ``MAX_POPULATION``; every value finite. Non-empty cells
  right of the year columns (rows 1-18) are errors.
* **Identity.** The municipality is named by the ``municipality`` argument, by cell A1 and by the
  file name ``ALas_<Kunta>_data_<date>.xlsx``; where two of them name known municipalities they
  must agree. The population row must fit the municipality too: the population of the year
  closest to 2020 (within 5 years) must lie within a factor of 1.5 of canemure's reference
  population of 31.12.2020 (municipal populations moved by less than 10 % in 2015-2025;
  Helsinki's rows read as Joensuu's differ by a factor of 8). The source's notes say where the
  municipality came from.
* **Cells that would lose values are refused**, each naming its cell: merged cells in rows 1-18
  right of column A (only the first cell of a merged range keeps its value; the others would
  read as empty, i.e. zero), and formula cells without a saved result (written by a program
  that does not calculate; openpyxl then reads nothing). Both are found in the worksheet's XML
  (a regular expression over the part, since openpyxl's fast read-only mode reads neither).
* Workbooks that are not readable ``.xlsx`` files get a message saying what the file is and what
  to do: a password-protected (encrypted) workbook, an old Excel 97-2003 ``.xls`` file, a damaged
  or truncated workbook, and paths that are not regular files (see
  :func:`canemure.io._csvtools.read_input_bytes`).
* Cells are named like ``KHK-päästöt!C5`` in messages; the line is the row number.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import zipfile
import zlib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import numpy as np

from canemure._text import fold
from canemure.errors import (
    DataFormatError,
    Message,
    MissingDependencyError,
    Problem,
    ProblemCollector,
    UnknownNameError,
)
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population, Source
from canemure.io._csvtools import (
    MAX_KT,
    MAX_POPULATION,
    NULL_TOKENS,
    add_message,
    check_year,
    impossible_magnitude,
    parse_decimal,
    raise_sorted,
    read_input_bytes,
)
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
_WHAT = "a SYKE ALas Excel export (.xlsx)"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of a Compound File: an encrypted OOXML workbook or an old .xls file."""
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_EXPORT_NAME = re.compile(r"ALas_(.+?)_data(?:_.*)?\.xlsx", re.IGNORECASE)
_MERGE = re.compile(r'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>", re.DOTALL)
_REF = re.compile(r'\br="([A-Z]+)([0-9]+)"')
_ROW_OF = re.compile(r"[A-Z]+")
_COLUMN_OF = re.compile(r"[0-9]+")
_VALUE = re.compile(r"<(?:\w+:)?v(?:\s[^>]*)?>[^<]")
_FORMULA = re.compile(r"<(?:\w+:)?f[\s>/]")
_POPULATION_YEAR = 2020
_POPULATION_FACTOR = 1.5


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


def _letters(column: int) -> str:
    """Spreadsheet column letters of 1-based ``column``: 1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _cell(column: int, row: int) -> str:
    return f"{SHEET}!{_letters(column)}{row}"


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

    def number(
        self,
        row: int,
        column: int,
        *,
        allow_negative: bool,
        what: str,
        empty: float = math.nan,
        limit: float = MAX_KT,
        unit: str = "kt CO2e/a",
    ) -> float:
        """Return the number in a cell, or NaN after a problem.

        An empty cell (no value) gives ``empty``; a null token (``NA``, ``NULL``, empty text)
        gives NaN. A magnitude beyond ``limit`` is a problem.
        """
        raw = self.get(row, column)
        if raw is None:
            return empty
        if isinstance(raw, str) and raw.strip() in NULL_TOKENS:
            return math.nan
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            where = _cell(column, row)
            self.problems.add_keyed(
                "syke_excel_not_a_number", line=row, column=where, value=raw, what=what
            )
            return math.nan
        if isinstance(raw, str):
            try:
                value = parse_decimal(raw, decimal=",")
            except ValueError:
                try:
                    value = parse_decimal(raw, decimal=".")
                except ValueError as exc:
                    where = _cell(column, row)
                    self.problems.add_keyed(
                        "syke_excel_cell", line=row, column=where, value=raw, what=what, error=exc
                    )
                    return math.nan
        else:
            value = float(raw)
        message = None
        if not math.isfinite(value):
            message = Message("syke_excel_not_finite", what=what)
        elif value < 0 and not allow_negative:
            message = Message("negative", what=what)
        elif abs(value) > limit:
            message = impossible_magnitude(what, limit, unit)
        if message is not None:
            add_message(self.problems, message, line=row, column=_cell(column, row), value=raw)
            return math.nan
        return value


def _refuse(problem: Problem) -> DataFormatError:
    return DataFormatError([problem], problem.file)


def _load_rows(path: str | os.PathLike[str], problems: ProblemCollector) -> list[list[Any]]:
    """Return the rows of sheet :data:`SHEET`, or raise a DataFormatError saying what is wrong."""
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError("openpyxl", "excel", "Reading SYKE Excel exports") from None
    source = problems.source or str(path)
    data = read_input_bytes(path, source, what=_WHAT)
    if data.startswith(_OLE2):
        if _ENCRYPTED in data:
            raise _refuse(Problem.keyed("syke_excel_encrypted", source))
        raise _refuse(Problem.keyed("syke_excel_xls", source))
    if not data.startswith(b"PK"):
        raise _refuse(Problem.keyed("syke_excel_not_xlsx", source, start=data[:16]))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if SHEET not in workbook.sheetnames:
                names = ", ".join(repr(s) for s in workbook.sheetnames)
                raise _refuse(
                    Problem.keyed("syke_excel_no_sheet", source, sheet=SHEET, names=names)
                )
            rows = [list(row) for row in workbook[SHEET].iter_rows(values_only=True)]
        finally:
            workbook.close()
        for row, column in _check_sheet_xml(data, problems):
            # reported; read as a null so that no sum check adds noise about it
            while len(rows) < row:
                rows.append([])
            cells = rows[row - 1]
            cells.extend([None] * (column - len(cells)))
            cells[column - 1] = "NULL"
    except DataFormatError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        SyntaxError,  # xml.etree.ElementTree.ParseError
        OSError,
    ) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise _refuse(Problem.keyed("syke_excel_damaged", source, error=reason)) from None
    return rows


def _sheet_part(archive: zipfile.ZipFile) -> str | None:
    """The zip member holding sheet :data:`SHEET` (from the workbook and its relationships)."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = next(
        (
            e.get(rel_ns)
            for e in workbook.iter()
            if e.tag.endswith("}sheet") and e.get("name") == SHEET
        ),
        None,
    )
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter():
        if rel.get("Id") == rid and rid is not None:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _check_sheet_xml(data: bytes, problems: ProblemCollector) -> list[tuple[int, int]]:
    """Record merged cells and formulas without saved results in the sheet (rows 1-20).

    Returns the (row, column) of each formula without a saved result.
    """
    formulas: list[tuple[int, int]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _sheet_part(archive)
        if part is None:
            return formulas
        xml = archive.read(part).decode("utf-8")
    if "mergeCell" in xml:
        for ref in _MERGE.findall(xml):
            first, _, last = ref.partition(":")
            top = int(_ROW_OF.sub("", first))
            right = _column_number(_COLUMN_OF.sub("", last or first))
            if top <= _POPULATION_ROW and right >= 2:
                problems.add_keyed(
                    "syke_excel_merged",
                    ref=ref,
                    line=top,
                    column=f"{SHEET}!{ref}",
                )
    if _FORMULA.search(xml):
        for attributes, body in _CELL.findall(xml):
            if not _FORMULA.search(body) or _VALUE.search(body):
                continue
            ref = _REF.search(attributes)
            if ref is None or int(ref.group(2)) > _METHOD_ROW:
                continue
            problems.add_keyed(
                "syke_excel_formula",
                line=int(ref.group(2)),
                column=f"{SHEET}!{ref.group(1)}{ref.group(2)}",
            )
            formulas.append((int(ref.group(2)), _column_number(ref.group(1))))
    return formulas


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
            problems.add_keyed(
                "syke_excel_year_repeats",
                line=1,
                column=_cell(column, 1),
                value=raw,
                year=year,
                first=seen[year],
            )
            year = None
        elif year is not None:
            seen[year] = _cell(column, 1)
        out.append((column, year))
        column += 1
    if not out:
        problems.add_keyed("syke_excel_no_years", line=1, column=_cell(2, 1))
    last = column - 1
    for row in range(1, _POPULATION_ROW + 1):
        cells = sheet.rows[row - 1] if row <= len(sheet.rows) else []
        for extra in range(last + 1, len(cells) + 1):
            value = sheet.get(row, extra)
            if value not in (None, ""):
                problems.add_keyed(
                    "syke_excel_outside_years",
                    line=row,
                    column=_cell(extra, row),
                    value=value,
                )
    return out


def _municipality(
    sheet: _Sheet,
    path: str | os.PathLike[str],
    municipality: str | int | None,
    problems: ProblemCollector,
) -> tuple[str | None, str]:
    """Return the municipality code and where it came from; record contradictions."""
    gaz = gazetteer()
    name = sheet.get(1, 1)
    claims: list[tuple[str, str]] = []  # (code, where it came from)
    if municipality is not None:
        claims.append((gaz.municipality(str(municipality)).code, f"municipality={municipality!r}"))
    if isinstance(name, str) and name.strip():
        try:
            cell = Message("syke_excel_from_cell", cell=_cell(1, 1), name=name)
            claims.append((gaz.municipality(name).code, cell))
        except UnknownNameError as exc:
            if municipality is None:
                problems.add_keyed(
                    "syke_excel_unknown_municipality",
                    line=1,
                    column=_cell(1, 1),
                    value=name,
                    error=exc,
                )
    elif municipality is None:
        problems.add_keyed(
            "syke_excel_name_missing",
            line=1,
            column=_cell(1, 1),
            value=name,
        )
    match = _EXPORT_NAME.fullmatch(Path(path).name)
    if match is not None:
        # a name canemure does not know says nothing either way
        with contextlib.suppress(UnknownNameError):
            found = gaz.municipality(match.group(1).replace("_", " "))
            claims.append((found.code, Message("syke_excel_from_file_name", name=Path(path).name)))
    if not claims:
        return None, ""
    code, origin = claims[0]
    for other, where in claims[1:]:
        if other != code:
            first = gaz.municipality(code)
            second = gaz.municipality(other)
            problems.add_keyed(
                "syke_excel_municipality_conflict",
                origin=origin,
                first=first.name,
                code=code,
                where=where,
                second=second.name,
                other=other,
                line=1,
                column=_cell(1, 1),
                value=name,
            )
            return None, ""
    return code, " and ".join(where for _, where in claims)


def _check_population(
    code: str, residents: dict[int, tuple[float, str]], problems: ProblemCollector
) -> None:
    """Refuse a population row that cannot be the municipality's (see the module docstring)."""
    reference = gazetteer().municipality(code)
    known = {year: cell for year, cell in residents.items() if not math.isnan(cell[0])}
    if reference.population_2020 is None or not known:
        return
    year = min(known, key=lambda y: (abs(y - _POPULATION_YEAR), -y))
    if abs(year - _POPULATION_YEAR) > 5:
        return
    value, where = known[year]
    ratio = value / reference.population_2020
    if not 1 / _POPULATION_FACTOR <= ratio <= _POPULATION_FACTOR:
        problems.add_keyed(
            "syke_excel_population_mismatch",
            year=year,
            name=reference.name,
            code=code,
            population=reference.population_2020,
            line=_POPULATION_ROW,
            column=where,
            value=value,
        )


def _check_sum(
    reported: float, terms: Sequence[float], where: str, row: int, problems: ProblemCollector
) -> None:
    if math.isnan(reported) or any(math.isnan(t) for t in terms):
        return
    total = math.fsum(terms)
    tolerance = _half_unit(reported) + sum(_half_unit(t) for t in terms)
    tolerance += _RELATIVE_EPS * max(abs(reported), abs(total), 1.0)
    if abs(total - reported) > tolerance:
        problems.add_keyed(
            "syke_excel_total_mismatch",
            total=f"{total:.6g}",
            tolerance=f"{tolerance:.3g}",
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
        problems.add_keyed(
            "syke_excel_per_resident_mismatch",
            expected=f"{expected:.6g}",
            tolerance=f"{tolerance:.3g}",
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
        problems.add_keyed("syke_excel_too_few_rows", rows=len(sheet.rows), needed=_METHOD_ROW)
        problems.raise_if_any()
    years = _years(sheet, problems)
    code, municipality_from = _municipality(sheet, path, municipality, problems)
    tree = sector_hierarchy()
    expected = tree.level(3)
    for offset, sector in enumerate(expected):
        row = _FIRST_SECTOR_ROW + offset
        label = sheet.get(row, 1)
        try:
            found = tree.find(str(label), 3) if label is not None else None
        except UnknownNameError as exc:
            problems.add_keyed(
                "syke_excel_unknown_sector",
                error=exc,
                expected=sector.name("fi"),
                line=row,
                column=_cell(1, row),
                value=label,
            )
            continue
        if found is None or found.key != sector.key:
            problems.add_keyed(
                "syke_excel_wrong_sector",
                expected=sector.name("fi"),
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
        problems.add_keyed(
            "syke_excel_unknown_method",
            names=names,
            line=_METHOD_ROW,
            column=_cell(1, _METHOD_ROW),
            value=method,
        )
    sector_rows = [_FIRST_SECTOR_ROW + i for i, s in enumerate(expected) if s.key != CREDITS]
    values = np.full((len(sector_rows) + 1, len(years)), np.nan)
    residents: dict[tuple[str, int], float] = {}
    population_cells: dict[int, tuple[float, str]] = {}
    for k, (column, year) in enumerate(years):
        # a complete account: an empty cell in a year the export covers is zero
        covered = any(sheet.get(row, column) is not None for row in range(2, _TOTAL_ROW + 1))
        empty = 0.0 if covered else math.nan
        for j, row in enumerate(sector_rows):
            values[j, k] = sheet.number(
                row, column, allow_negative=False, what="emissions", empty=empty
            )
        values[-1, k] = sheet.number(
            _CREDITS_ROW, column, allow_negative=True, what="wind-power credits", empty=empty
        )
        total = sheet.number(_TOTAL_ROW, column, allow_negative=True, what="total emissions")
        per_resident = sheet.number(
            _PER_RESIDENT_ROW,
            column,
            allow_negative=True,
            what="emissions per resident",
            limit=math.inf,
        )
        residents_here = sheet.number(
            _POPULATION_ROW,
            column,
            allow_negative=False,
            what="population",
            limit=MAX_POPULATION,
            unit="residents",
        )
        if residents_here == 0 or not (math.isnan(residents_here) or residents_here.is_integer()):
            problems.add_keyed(
                "syke_excel_population_not_whole",
                line=_POPULATION_ROW,
                column=_cell(column, _POPULATION_ROW),
                value=sheet.get(_POPULATION_ROW, column),
            )
            residents_here = math.nan
        if year is not None:
            population_cells[year] = (residents_here, _cell(column, _POPULATION_ROW))
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
    if code is not None:
        _check_population(code, population_cells, problems)
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
        notes=(
            "sheet KHK-päästöt; totals and per-resident values checked against the sectors; "
            "a complete account: empty cells in a covered year are zero, NA is not estimated; "
            f"municipality {code} from {municipality_from}"
        ),
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
