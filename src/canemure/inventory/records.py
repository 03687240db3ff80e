"""Tidy long records: one row per area, sector and year.

Records are the exchange format between inventories and files or data frames. A
not-estimated value is ``None`` (never ``0``); converting records to an inventory and back gives
the same records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import repeat
from typing import TYPE_CHECKING, cast

import attrs
import numpy as np

from canemure.errors import DataFormatError, Problem
from canemure.inventory.provenance import Source
from canemure.sectors.rules import AccountingRule
from canemure.units import Q_, unit_text

if TYPE_CHECKING:
    from canemure.inventory.inventory import AreaLevel, EmissionInventory

__all__ = ["EmissionRecord", "from_records", "to_records"]


@attrs.frozen
class EmissionRecord:
    """One cell of an inventory."""

    area: str
    """Area code."""
    sector: str
    """Sector key."""
    year: int
    """Calendar year."""
    value: float | None
    """Magnitude in ``unit``; ``None`` = not estimated."""
    unit: str
    """Unit string, e.g. ``"kt CO2e / a"``."""


def to_records(inventory: EmissionInventory) -> list[EmissionRecord]:
    """All cells of ``inventory`` as records, in axis order.

    One Python object per cell is inherently the slowest way to hold an inventory (about 1 µs
    a cell); use the arrays, :meth:`~canemure.inventory.EmissionInventory.to_pandas` or the
    tidy CSV for whole national data sets.
    """
    unit = unit_text(inventory.unit)
    a, s, y = inventory.shape
    cells = a * s * y
    areas = [area for area in inventory.areas.labels for _ in range(s * y)]
    sectors = [sector for sector in inventory.sectors.labels for _ in range(y)] * a
    years = list(inventory.years.labels) * (a * s)
    flat = inventory.magnitude.ravel()
    values = cast("list[float | None]", flat.tolist())
    for n in np.flatnonzero(np.isnan(flat)).tolist():  # not estimated: None
        values[n] = None
    new = EmissionRecord
    return [
        new(*cell) for cell in zip(areas, sectors, years, values, repeat(unit, cells), strict=True)
    ]


def from_records(
    records: Iterable[EmissionRecord],
    *,
    rule: AccountingRule,
    sources: Mapping[str, tuple[Source, ...]] | None = None,
    area_level: AreaLevel = "municipality",
) -> EmissionInventory:
    """Build an inventory from records.

    Axes follow the order of first appearance (years sorted). Duplicate cells and mixed units
    raise :class:`~canemure.errors.DataFormatError` listing every problem. Cells without a
    record are "not estimated".
    """
    from canemure.inventory.inventory import EmissionInventory

    records = list(records)
    problems: list[Problem] = []
    units = {r.unit for r in records}
    if len(units) > 1:
        problems.append(Problem(f"records mix units {sorted(units)}; convert them first"))
    areas = list(dict.fromkeys(r.area for r in records))
    sectors = list(dict.fromkeys(r.sector for r in records))
    years = sorted({r.year for r in records})
    a_pos = {a: i for i, a in enumerate(areas)}
    s_pos = {s: i for i, s in enumerate(sectors)}
    y_pos = {y: i for i, y in enumerate(years)}
    array = np.full((len(areas), len(sectors), len(years)), np.nan)
    seen: set[tuple[str, str, int]] = set()
    for n, r in enumerate(records, start=1):
        key = (r.area, r.sector, r.year)
        if key in seen:
            problems.append(Problem("duplicate record", line=n, value=key))
            continue
        seen.add(key)
        if r.value is not None:
            array[a_pos[r.area], s_pos[r.sector], y_pos[r.year]] = r.value
    if problems:
        raise DataFormatError(problems, "records")
    unit = units.pop() if units else "kt CO2e / a"
    return EmissionInventory(
        Q_(array, unit), areas, sectors, years, rule, dict(sources or {}), None, area_level
    )
