"""canemure's tidy CSV: one inventory cell per line, for exchange with spreadsheets and scripts.

Format
------
* UTF-8 text (a byte-order mark is accepted when reading), comma-separated, LF line ends,
  quoting as Python's :mod:`csv` module does it (only where needed).
* Header, exactly these columns in any order: ``area,sector,year,value,unit,rule``.

  ``area``
      a 3-digit municipality code, a 2-digit region code, or a group name.
  ``sector``
      a sector key of the ALas hierarchy (``Kul``, ``Kau/Kau/Asu:HE``, ``total``, ...); all
      rows at one level of the hierarchy.
  ``year``
      calendar year, 1990..2100 (:data:`LAST_YEAR`: projected and scenario years too).
  ``value``
      decimal point, written as the shortest text that reads back to the same float64. Empty
      (or the literal ``not estimated``) means "not estimated"; it is never zero.
  ``unit``
      a unit pint parses, e.g. ``kt CO2e/a`` or ``GWh/a``; the same on every line.
  ``rule``
      the accounting rule's id (``hinku``, ``hinku-credits``, ``all``, ``esr``, ``ets``); the
      same on every line.

* The writer writes every cell of the inventory, in axis order (areas, then sectors, then
  years), so reading gives the same axes in the same order; the reader sorts years and
  otherwise keeps the order of first appearance. A cell without a line reads as not estimated.

Design decisions
----------------
* What the area axis holds is not a column: the reader infers it (every area a 3-digit code →
  municipalities, every area a 2-digit code → regions, otherwise groups); pass ``area_level``
  to override. Sources and population are not stored: the reader records the file itself as the
  source. Everything else (values including NaN, axes and their order, unit, rule) round-trips
  exactly.
* The writer writes atomically (a temporary file in the same folder, then :func:`os.replace`).
* Validation as for every canemure reader: wrong separator or encoding, missing or extra
  columns, non-numeric values, ``NaN``/``inf`` spelled out, duplicate cells, unknown sectors
  (with suggestions), mixed levels, units or rules, years out of range, and negative values,
  which are only possible for sectors that contain the wind-power credits under a rule that
  counts them (never for energy). All problems are reported at once with line, column and value.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import TypeVar

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure._text import suggest
from canemure.errors import Message, Problem, ProblemCollector, UnknownNameError
from canemure.inventory import AreaLevel, EmissionInventory, Source
from canemure.io._csvtools import (
    FIRST_YEAR,
    MAX_MAGNITUDE,
    NULL_TOKENS,
    CsvColumns,
    add_message,
    atomic_write_text,
    check_separator,
    decode_text,
    impossible_magnitude,
    match_header,
    parse_decimal,
    raise_sorted,
    read_input_bytes,
    split_plain_bytes,
)
from canemure.sectors import CREDITS, AccountingRule, accounting_rule, sector_hierarchy
from canemure.units import Q_, unit_text, ureg

__all__ = ["LAST_YEAR", "NOT_ESTIMATED", "TIDY_COLUMNS", "read_tidy_csv", "write_tidy_csv"]

_T = TypeVar("_T")
IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

LAST_YEAR = 2100
"""The last year a tidy file may hold: projections and scenarios reach past today, to 2100."""

TIDY_COLUMNS: tuple[str, ...] = ("area", "sector", "year", "value", "unit", "rule")
"""The header of a tidy CSV file."""

NOT_ESTIMATED = "not estimated"
"""Literal accepted in the ``value`` column instead of an empty cell."""


def write_tidy_csv(inventory: EmissionInventory, path: str | os.PathLike[str]) -> None:
    """Write ``inventory`` to ``path`` as tidy CSV (format in the module docstring), atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    a, s, y = inventory.shape
    unit, rule = unit_text(inventory.unit), inventory.rule.id
    areas = [area for area in inventory.areas.labels for _ in range(s * y)]
    sectors = [sector for sector in inventory.sectors.labels for _ in range(y)] * a
    years = list(inventory.years.labels) * (a * s)
    texts = [repr(v) for v in inventory.magnitude.ravel().tolist()]  # shortest exact text
    for n in np.flatnonzero(np.isnan(inventory.magnitude.ravel())).tolist():
        texts[n] = ""  # not estimated
    writer.writerows(zip(areas, sectors, years, texts, repeat(unit), repeat(rule)))
    atomic_write_text(path, buffer.getvalue())


@cache
def _may_be_negative(sector: str) -> bool:
    """Whether ``sector`` contains the wind-power credits (so its net value can be negative)."""
    tree = sector_hierarchy()
    return any(leaf.key.split("/", 1)[0] == CREDITS for leaf in tree.leaves_under(sector))


_THREE_DIGITS = re.compile(r"\d{3}").fullmatch
_TWO_DIGITS = re.compile(r"\d{2}").fullmatch


def _area_level(areas: list[str]) -> AreaLevel:
    if areas and all(map(_THREE_DIGITS, areas)):
        return "municipality"
    if areas and all(map(_TWO_DIGITS, areas)):
        return "region"
    return "group"


# ------------------------------------------------------------------------------- columns
@attrs.frozen(eq=False)
class _Factor:
    """One text column as its distinct cell texts (first appearance first) and a code per row."""

    texts: list[str]
    codes: IntArray


@attrs.frozen(eq=False)
class _Columns:
    """A tidy file split into columns: what the checks below need, whichever way it was read."""

    lines: IntArray
    """Physical line of each data row (the header is line 1)."""
    text: dict[str, _Factor]
    """The text columns, factorised."""
    values: FloatArray
    """The value column parsed (NaN for an empty or ``not estimated`` cell or a bad one)."""
    raw_value: Callable[[int], str]
    """The raw text of row ``i``'s value cell (for messages)."""
    bad_values: dict[int, str]
    """Rows whose value cell is not a number: row -> reason."""


_NUMBER_CHARACTERS = frozenset(b"0123456789.eE+-")
"""The bytes a number numpy's own conversion may read can hold (a sign, digits, exponent)."""


def _refuse_impossible(table: _Columns) -> None:
    """Infinite values (``1e400`` overflows) and magnitudes beyond :data:`MAX_MAGNITUDE`.

    The same rules as every other reader of :mod:`canemure.io._csvtools`, checked on the whole
    column at once; the cells are recorded as bad values, each with its reason.
    """
    values = table.values
    with np.errstate(invalid="ignore"):
        infinite = np.flatnonzero(np.isinf(values))
        huge = np.flatnonzero(np.isfinite(values) & (np.abs(values) > MAX_MAGNITUDE))
    for i in infinite.tolist():
        table.bad_values.setdefault(i, Message("number_overflow"))
    for i in huge.tolist():
        table.bad_values.setdefault(i, impossible_magnitude("value", MAX_MAGNITUDE))


def _header(first_line: str, problems: ProblemCollector) -> list[str]:
    """Match the header against :data:`TIDY_COLUMNS` (folded, any order); record problems."""
    header = next(csv.reader([first_line]))
    return match_header(header, problems, required=TIDY_COLUMNS, optional=(), allow_extra=False)


def _factorize_texts(texts: list[str]) -> _Factor:
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(t, len(index)) for t in texts), np.intp, len(texts))
    return _Factor(list(index), codes)


def _parse_value(raw: str) -> float | str:
    """A value cell: its number (NaN when not estimated), or the reason it is not one."""
    if raw.strip() == NOT_ESTIMATED:
        return math.nan
    try:
        return parse_decimal(raw, decimal=".")
    except ValueError as exc:
        key = getattr(exc, "key", None)
        params: Mapping[str, object] = getattr(exc, "params", {})
        return Message(key, **params) if isinstance(key, str) else str(exc)


def _split_rows(text: str, columns: list[str], problems: ProblemCollector) -> _Columns:
    """The general reader (quotes, CR LF, blank lines, short rows): :mod:`csv`, row by row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    rows: list[list[str]] = []
    lines: list[int] = []
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if len(fields) != len(columns):
            problems.add_keyed(
                "field_count",
                line=start,
                value=",".join(fields)[:120],
                found=len(fields),
                header=len(columns),
            )
            continue
        rows.append(fields)
        lines.append(start)
    cells = dict(zip(columns, zip(*rows, strict=True), strict=True)) if rows else {}
    raw_values: tuple[str, ...] = cells.get("value", ())
    values = np.full(len(rows), np.nan)
    bad: dict[int, str] = {}
    for i, raw in enumerate(raw_values):
        parsed = _parse_value(raw)
        if isinstance(parsed, str):
            bad[i] = parsed
        else:
            values[i] = parsed
    text_columns = {
        name: _factorize_texts(list(cells.get(name, ("",) * len(rows))))
        for name in TIDY_COLUMNS
        if name != "value"
    }
    return _Columns(
        np.array(lines, dtype=np.intp), text_columns, values, raw_values.__getitem__, bad
    )


def _split_bytes(body: bytes, columns: list[str]) -> _Columns | None:
    """The fast reader for plain files (no quotes, LF line ends, no blank lines), by column.

    Splits on the separator bytes with numpy (:func:`~canemure.io._csvtools.split_plain_bytes`)
    and reads each column on the bytes, so no Python object is made per cell: plain decimals
    with integer arithmetic (:meth:`~canemure.io._csvtools.CsvColumns.decimals`), other
    numbers with numpy's own conversion in one go, and each text column as its distinct texts
    and a code per row. ``None`` when the file is not that plain (then :func:`_split_rows`
    reads it and locates every problem).
    """
    table = split_plain_bytes(body, source="", columns=columns, separator=",")
    if table is None:
        return None
    text: dict[str, _Factor] = {}
    years = _four_digit_years(table)
    if years is not None:
        text["year"] = years
    for name in columns:
        if name != "value" and name not in text:
            found = table.factorize(name, ordered=name in ("area", "sector"))  # axis order
            if found is None:
                return None
            text[name] = _Factor(*found)
    values, odd = table.decimals("value", mark=".", nulls=("",))
    bad: dict[int, str] = {}
    if len(odd):
        strings = table.fixed_width("value", odd)
        if strings is None:
            return None
        matrix = strings.view(np.uint8).reshape(len(odd), -1)
        number = np.isin(matrix, np.frombuffer(bytes(_NUMBER_CHARACTERS) + b"\0", np.uint8))
        plain = number.all(axis=1)  # exponents, 16 digits or more, a plus sign
        try:
            values[odd[plain]] = strings[plain].astype(np.float64)
            odd = odd[~plain]
        except ValueError:  # e.g. "1.2.3": parse them one by one to say which
            pass
        for i in odd.tolist():
            parsed = _parse_value(table.cell(i, "value"))
            if isinstance(parsed, str):
                bad[i] = parsed
            else:
                values[i] = parsed
    return _Columns(
        np.arange(2, table.n_rows + 2, dtype=np.intp),
        text,
        values,
        lambda i: table.cell(i, "value"),
        bad,
    )


def _four_digit_years(table: CsvColumns) -> _Factor | None:
    """The year column when every cell is four ASCII digits (the writer's), else ``None``.

    Read as numbers on the bytes and factorised by counting (no sort); the texts are the
    distinct years in ascending order, each exactly as written.
    """
    lengths = table.lengths("year")
    words = table.words("year")
    if words is None or not (lengths == 4).all():
        return None
    offset = words ^ np.uint64(0x30303030)  # digits become the values 0-9 of their bytes
    if (offset & np.uint64(0xFFFFFFFFF0F0F0F0)).any():
        return None
    if ((offset + np.uint64(0x06060606)) & np.uint64(0x10101010)).any():
        return None  # a byte 10-15 (":" to "?")
    value = (offset & np.uint64(0xFF)) * np.uint64(1000)
    value += ((offset >> np.uint64(8)) & np.uint64(0xFF)) * np.uint64(100)
    value += ((offset >> np.uint64(16)) & np.uint64(0xFF)) * np.uint64(10)
    value += offset >> np.uint64(24)
    years = value.astype(np.intp)
    distinct = np.flatnonzero(np.bincount(years, minlength=1))
    code = np.zeros(int(distinct[-1]) + 1 if len(distinct) else 1, dtype=np.intp)
    code[distinct] = np.arange(len(distinct))
    return _Factor([f"{year:04d}" for year in distinct.tolist()], code[years])


# ------------------------------------------------------------------------------- checks
def _check_texts(
    factor: _Factor,
    check: Callable[[str], _T | Problem],
    lines: IntArray,
    column: str,
    problems: ProblemCollector,
) -> list[_T | None]:
    """Check each distinct text once; report a problem on every line that has a bad one."""
    results: list[_T | None] = []
    reasons: list[Problem | None] = []
    for raw in factor.texts:
        found = check(raw)
        reasons.append(found if isinstance(found, Problem) else None)
        results.append(None if isinstance(found, Problem) else found)
    bad = np.array([r is not None for r in reasons], dtype=np.bool_)
    if bad.any():
        for i in np.flatnonzero(bad[factor.codes]).tolist():
            reason = reasons[int(factor.codes[i])]
            assert reason is not None
            if reason.key is not None:
                problems.add_keyed(
                    reason.key,
                    line=int(lines[i]),
                    column=column,
                    value=reason.value,
                    **dict(reason.params),
                )
            else:
                problems.add(reason.message, line=int(lines[i]), column=column, value=reason.value)
    return results


def _one_per_file(
    what: str,
    factor: _Factor,
    found: list[_T | None],
    lines: IntArray,
    problems: ProblemCollector,
) -> tuple[_T, str] | None:
    """The first valid ``what`` of the file and its text; every line with another is a problem."""
    valid = np.array([f is not None for f in found], dtype=np.bool_)
    rows = np.flatnonzero(valid[factor.codes]) if len(found) else np.empty(0, np.intp)
    if not len(rows):
        return None
    first_row = int(rows[0])
    first = found[int(factor.codes[first_row])]
    first_text = factor.texts[int(factor.codes[first_row])].strip()
    others = np.array([f is not None and f != first for f in found], dtype=np.bool_)
    for i in np.flatnonzero(others[factor.codes]).tolist():
        problems.add_keyed(
            f"tidy_one_{what}",
            first_line=int(lines[first_row]),
            first=first_text,
            line=int(lines[i]),
            column=what,
            value=factor.texts[int(factor.codes[i])].strip(),
        )
    assert first is not None
    return first, first_text


def _required(raw: str) -> str | Problem:
    text = raw.strip()
    if text in NULL_TOKENS:
        return Problem.keyed("value_missing", value=text)
    return text


def _year(raw: str) -> int | Problem:
    text = raw.strip()
    if not re.fullmatch(r"[0-9]{1,4}", text):
        return Problem.keyed("not_a_year", value=raw)
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return Problem.keyed("year_out_of_range", value=raw, first=FIRST_YEAR, last=LAST_YEAR)
    return year


@functools.lru_cache(maxsize=256)  # pint parses a unit in about a millisecond
def _unit(raw: str) -> pint.Unit | Problem:
    text = _required(raw)
    if isinstance(text, Problem):
        return text
    try:
        # one spelling per unit: "kilotonne CO2e / year" is "kt CO2e/a"
        return ureg.Unit(unit_text(ureg.Unit(text)))
    except Exception:  # pint raises several unrelated types on bad strings
        return Problem.keyed("tidy_not_a_unit", value=text)


def _rule(raw: str) -> AccountingRule | Problem:
    text = _required(raw)
    if isinstance(text, Problem):
        return text
    try:
        return accounting_rule(text)
    except UnknownNameError as exc:
        return Problem.keyed("as_raised", value=text, error=exc)


def _sector(raw: str) -> str | Problem:
    text = _required(raw)
    if isinstance(text, Problem):
        return text
    tree = sector_hierarchy()
    if text in tree:
        return text
    hint = suggest(text, [node.key for node in tree])
    for level in (3, None):
        try:
            named = tree.find(text, level).key
        except UnknownNameError:
            continue
        hint = [named, *[h for h in hint if h != named]]
        break
    said_hint = Message("did_you_mean", names=", ".join(repr(h) for h in hint)) if hint else ""
    return Problem.keyed("tidy_unknown_sector", value=text, hint=said_hint)


def read_tidy_csv(
    path: str | os.PathLike[str], *, area_level: AreaLevel | None = None
) -> EmissionInventory:
    """Read a tidy CSV file written by :func:`write_tidy_csv` (or by hand, same format).

    Raises :class:`~canemure.errors.DataFormatError` listing every problem with line, column
    and value. A plain file is split by column with numpy and each distinct text (area, sector,
    year, unit, rule) is checked once, so reading is linear in rows and close to
    ``pandas.read_csv`` (``benchmarks/bench_io.py``); a file with quotes, CR LF line ends,
    blank lines or rows of the wrong length is read row by row with :mod:`csv`.
    """
    source_name = str(path)
    problems = ProblemCollector(source_name)
    what = "a canemure tidy CSV file"
    data = read_input_bytes(path, source_name, what=what)
    text = decode_text(data, source_name, what=what)
    first_line = text[: text.find("\n")] if "\n" in text else text
    first_line = first_line.rstrip("\r")
    if not first_line.strip():
        problems.add_keyed("csv_empty_header", line=1, what=Message("csv_what_tidy"))
        problems.raise_if_any()
    if not check_separator(first_line, ",", problems, what=what):
        problems.raise_if_any()
    columns = _header(first_line, problems)
    raise_sorted(problems)  # the rows cannot be read by column name
    body = data[data.find(b"\n") + 1 :] if "\n" in text else b""
    table = None if '"' in first_line else _split_bytes(body, columns)
    if table is None:
        table = _split_rows(text, columns, problems)
    lines = table.lines
    n = len(lines)
    _refuse_impossible(table)
    areas = _check_texts(table.text["area"], _required, lines, "area", problems)
    sectors = _check_texts(table.text["sector"], _sector, lines, "sector", problems)
    years = _check_texts(table.text["year"], _year, lines, "year", problems)
    units = _check_texts(table.text["unit"], _unit, lines, "unit", problems)
    rules = _check_texts(table.text["rule"], _rule, lines, "rule", problems)
    first_unit = _one_per_file("unit", table.text["unit"], units, lines, problems)
    first_rule = _one_per_file("rule", table.text["rule"], rules, lines, problems)
    rule = first_rule[0] if first_rule is not None else None
    for i, reason in table.bad_values.items():
        add_message(problems, reason, line=int(lines[i]), column="value", value=table.raw_value(i))

    # one level of the hierarchy: every sector at the level of the file's first one
    tree = sector_hierarchy()
    sector_codes = table.text["sector"].codes
    level_of = np.array([-1 if k is None else tree[k].level for k in sectors], dtype=np.intp)
    row_levels = level_of[sector_codes] if n else np.empty(0, np.intp)
    known = np.flatnonzero(row_levels >= 0)
    if len(known):
        first = int(known[0])
        first_level = int(row_levels[first])
        for i in np.flatnonzero((row_levels >= 0) & (row_levels != first_level)).tolist():
            problems.add_keyed(
                "tidy_mixed_levels",
                level=int(row_levels[i]),
                first_line=int(lines[first]),
                first_level=first_level,
                line=int(lines[i]),
                column="sector",
                value=sectors[int(sector_codes[i])],
            )

    # negative values: only sectors with the wind-power credits, under a rule that counts them
    values = table.values
    usable = ~np.isin(np.arange(n), list(table.bad_values))
    for i in np.flatnonzero(values < 0).tolist():
        row_unit = units[int(table.text["unit"].codes[i])]
        sector = sectors[int(sector_codes[i])]
        energy = row_unit is not None and row_unit.is_compatible_with("GWh / a")
        credits = rule is not None and rule.credits
        if energy or not credits or sector is None or not _may_be_negative(sector):
            problems.add_keyed(
                "tidy_negative",
                line=int(lines[i]),
                column="value",
                value=table.raw_value(i),
            )
            usable[i] = False

    # the cells: each (area, sector, year) once
    area_keys = list(dict.fromkeys(k for k in areas if k is not None))
    sector_keys = list(dict.fromkeys(k for k in sectors if k is not None))
    year_keys = sorted({k for k in years if k is not None})
    cell = {
        "area": _positions(areas, area_keys),
        "sector": _positions(sectors, sector_keys),
        "year": _positions(years, year_keys),
    }
    a_row, s_row, y_row = (cell[c][table.text[c].codes] for c in ("area", "sector", "year"))
    usable &= (a_row >= 0) & (s_row >= 0) & (y_row >= 0)
    flat = (a_row * len(sector_keys) + s_row) * len(year_keys) + y_row
    rows = np.flatnonzero(usable)
    size = len(area_keys) * len(sector_keys) * len(year_keys)
    if len(rows) and np.bincount(flat[rows], minlength=size).max() > 1:
        order = rows[np.argsort(flat[rows], kind="stable")]
        repeated = np.flatnonzero(flat[order][1:] == flat[order][:-1]) + 1
        starts = np.r_[True, flat[order][1:] != flat[order][:-1]]
        first_of = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
        for k in repeated.tolist():
            i, original = int(order[k]), int(order[first_of[k]])
            problems.add_keyed(
                "tidy_duplicate_cell",
                area=area_keys[a_row[i]],
                sector=sector_keys[s_row[i]],
                year=year_keys[y_row[i]],
                first=int(lines[original]),
                line=int(lines[i]),
            )
    if not n:
        problems.add_keyed("no_data_rows")
    raise_sorted(problems)
    assert rule is not None
    assert first_unit is not None
    array = np.full((len(area_keys), len(sector_keys), len(year_keys)), np.nan)
    array.ravel()[flat] = values
    source = Source(
        id=f"tidy-csv:{Path(path).name}",
        title=f"canemure tidy CSV {Path(path).name}",
        path=source_name,
    )
    return EmissionInventory(
        Q_(array, first_unit[1]),
        area_keys,
        sector_keys,
        year_keys,
        rule,
        dict.fromkeys(area_keys, (source,)),
        None,
        area_level or _area_level(area_keys),
    )


def _positions(found: list[_T | None], keys: list[_T]) -> IntArray:
    """For each distinct text, the position of its key on the axis (-1 when it is invalid)."""
    index = {k: i for i, k in enumerate(keys)}
    return np.array([-1 if k is None else index[k] for k in found], dtype=np.intp)
