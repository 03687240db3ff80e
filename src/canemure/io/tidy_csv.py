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
      calendar year, 1990..next year.
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
import io
import math
import os
import re
from functools import cache
from pathlib import Path
from typing import TypeVar

import numpy as np
import pint

from canemure._text import suggest
from canemure.errors import ProblemCollector, UnknownNameError
from canemure.inventory import AreaLevel, EmissionInventory, Source
from canemure.io._csvtools import atomic_write_text, raise_sorted, read_csv_table
from canemure.sectors import CREDITS, AccountingRule, accounting_rule, sector_hierarchy
from canemure.units import Q_, unit_text, ureg

__all__ = ["NOT_ESTIMATED", "TIDY_COLUMNS", "read_tidy_csv", "write_tidy_csv"]

_T = TypeVar("_T")

TIDY_COLUMNS: tuple[str, ...] = ("area", "sector", "year", "value", "unit", "rule")
"""The header of a tidy CSV file."""

NOT_ESTIMATED = "not estimated"
"""Literal accepted in the ``value`` column instead of an empty cell."""


def write_tidy_csv(inventory: EmissionInventory, path: str | os.PathLike[str]) -> None:
    """Write ``inventory`` to ``path`` as tidy CSV (format in the module docstring), atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    unit = unit_text(inventory.unit)
    values = inventory.magnitude
    for i, area in enumerate(inventory.areas):
        for j, sector in enumerate(inventory.sectors):
            for k, year in enumerate(inventory.years):
                value = float(values[i, j, k])
                text = "" if math.isnan(value) else repr(value)
                writer.writerow((area, sector, year, text, unit, inventory.rule.id))
    atomic_write_text(path, buffer.getvalue())


@cache
def _may_be_negative(sector: str) -> bool:
    """Whether ``sector`` contains the wind-power credits (so its net value can be negative)."""
    tree = sector_hierarchy()
    return any(leaf.key.split("/", 1)[0] == CREDITS for leaf in tree.leaves_under(sector))


def _check_same(
    what: str,
    seen: dict[_T, tuple[str, int]],
    found: _T,
    *,
    text: str,
    line: int,
    problems: ProblemCollector,
) -> None:
    """Record a problem when ``found`` differs from the first ``what`` of the file."""
    first = next(iter(seen))
    if found != first:
        first_text, first_line = seen[first]
        problems.add(
            f"one file holds one {what}; line {first_line} has {first_text!r}",
            line=line,
            column=what,
            value=text,
        )


def _area_level(areas: list[str]) -> AreaLevel:
    if areas and all(re.fullmatch(r"\d{3}", a) for a in areas):
        return "municipality"
    if areas and all(re.fullmatch(r"\d{2}", a) for a in areas):
        return "region"
    return "group"


def read_tidy_csv(
    path: str | os.PathLike[str], *, area_level: AreaLevel | None = None
) -> EmissionInventory:
    """Read a tidy CSV file written by :func:`write_tidy_csv` (or by hand, same format).

    Raises :class:`~canemure.errors.DataFormatError` listing every problem with line, column
    and value.
    """
    source_name = str(path)
    problems = ProblemCollector(source_name)
    table = read_csv_table(
        path, problems, separator=",", required=TIDY_COLUMNS, what="a canemure tidy CSV file"
    )
    tree = sector_hierarchy()
    units: dict[pint.Unit, tuple[str, int]] = {}
    rules: dict[AccountingRule, tuple[str, int]] = {}
    parsed_units: dict[str, pint.Unit | None] = {}
    rule: AccountingRule | None = None
    level_of_first: tuple[int, int] | None = None
    cells: dict[tuple[str, str, int], tuple[float, int]] = {}
    areas: dict[str, None] = {}
    sectors: dict[str, None] = {}
    years: set[int] = set()
    for row in table:
        area = row.text("area", problems)
        sector = row.text("sector", problems)
        year = row.year("year", problems)
        raw_unit = row.text("unit", problems)
        rule_text = row.text("rule", problems)
        unit: pint.Unit | None = None
        if raw_unit is not None:
            if raw_unit not in parsed_units:
                try:
                    # one spelling per unit: "kilotonne CO2e / year" is "kt CO2e/a"
                    parsed_units[raw_unit] = ureg.Unit(unit_text(ureg.Unit(raw_unit)))
                except Exception:  # pint raises several unrelated types on bad strings
                    parsed_units[raw_unit] = None
            unit = parsed_units[raw_unit]
            if unit is None:
                problems.add("not a unit", line=row.line, column="unit", value=raw_unit)
            else:
                units.setdefault(unit, (raw_unit, row.line))
                _check_same("unit", units, unit, text=raw_unit, line=row.line, problems=problems)
        if rule_text is not None:
            try:
                found = accounting_rule(rule_text)
            except UnknownNameError as exc:
                problems.add(str(exc), line=row.line, column="rule", value=rule_text)
            else:
                rules.setdefault(found, (rule_text, row.line))
                _check_same("rule", rules, found, text=rule_text, line=row.line, problems=problems)
                rule = rule if rule is not None else found
        raw = row.cells.get("value", "")
        value: float | None
        if raw.strip() == NOT_ESTIMATED:
            value = math.nan
        else:
            value = row.number("value", problems, decimal=".")
        if sector is not None:
            if sector not in tree:
                hint = suggest(sector, [node.key for node in tree])
                for level in (3, None):
                    try:
                        named = tree.find(sector, level).key
                    except UnknownNameError:
                        continue
                    hint = [named, *[h for h in hint if h != named]]
                    break
                problems.add(
                    "unknown sector key"
                    + (f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""),
                    line=row.line,
                    column="sector",
                    value=sector,
                )
                sector = None
            else:
                level = tree[sector].level
                if level_of_first is None:
                    level_of_first = (level, row.line)
                elif level != level_of_first[0]:
                    problems.add(
                        f"sector at level {level}, but line {level_of_first[1]} has a sector at "
                        f"level {level_of_first[0]}; all sectors of a file must be at one level",
                        line=row.line,
                        column="sector",
                        value=sector,
                    )
        if value is not None and value < 0:
            energy = unit is not None and unit.is_compatible_with("GWh / a")
            credits = rule is not None and rule.credits
            if energy or not credits or sector is None or not _may_be_negative(sector):
                problems.add(
                    "negative values are only possible for sectors with wind-power credits "
                    "under a rule that counts them (never for energy)",
                    line=row.line,
                    column="value",
                    value=raw,
                )
                value = None
        if area is None or sector is None or year is None or value is None:
            continue
        key = (area, sector, year)
        if key in cells:
            problems.add(
                f"duplicate cell: area {area}, sector {sector}, year {year} already on line "
                f"{cells[key][1]}",
                line=row.line,
            )
            continue
        cells[key] = (value, row.line)
        areas[area] = None
        sectors[sector] = None
        years.add(year)
    if not table.rows:
        problems.add("the file has no data rows")
    raise_sorted(problems)
    assert rule is not None
    first_unit = next(iter(units.values()))[0]
    area_axis, sector_axis, year_axis = list(areas), list(sectors), sorted(years)
    array = np.full((len(area_axis), len(sector_axis), len(year_axis)), np.nan)
    a_pos = {a: i for i, a in enumerate(area_axis)}
    s_pos = {s: j for j, s in enumerate(sector_axis)}
    y_pos = {y: k for k, y in enumerate(year_axis)}
    for (area, sector, year), (value, _) in cells.items():
        array[a_pos[area], s_pos[sector], y_pos[year]] = value
    source = Source(
        id=f"tidy-csv:{Path(path).name}",
        title=f"canemure tidy CSV {Path(path).name}",
        path=source_name,
    )
    return EmissionInventory(
        Q_(array, first_unit),
        area_axis,
        sector_axis,
        year_axis,
        rule,
        dict.fromkeys(area_axis, (source,)),
        None,
        area_level or _area_level(area_axis),
    )
