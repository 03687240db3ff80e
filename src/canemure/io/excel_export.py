"""Excel export of an inventory: values with units in the headers, and where they come from.

The workbook (``.xlsx``, written with ``openpyxl``: ``pip install 'canemure[excel]'``) has three
sheets:

``values``
    one row per area and sector: ``area``, ``area name``, ``sector``, ``sector name``, then one
    column per year headed ``2023 (kt CO2e/a)``. A value that is not estimated is an empty
    cell, never 0.
``sources``
    one row per area and source: the area, then the source's id, title, publisher, URL,
    licence, retrieval date, file and notes, as the inventory records them.
``about``
    the accounting rule, the unit, the sector level, the languages of the names and the
    canemure version that wrote the file.

The file is written whole or not at all (a temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from canemure._version import __version__
from canemure.errors import MissingDependencyError
from canemure.units import unit_text

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory

__all__ = ["SOURCE_FIELDS", "write_excel"]

SOURCE_FIELDS = ("id", "title", "publisher", "url", "license", "retrieved", "path", "notes")
"""The fields of a :class:`~canemure.inventory.Source`, in the order of the ``sources`` sheet."""


def write_excel(inventory: EmissionInventory, path: str | Path, *, lang: str = "fi") -> Path:
    """Write ``inventory`` to an ``.xlsx`` workbook at ``path``; return the path.

    Names of areas and sectors are in ``lang`` (fi, sv or en). Needs ``canemure[excel]``.
    """
    try:
        from openpyxl import Workbook
    except ImportError:
        raise MissingDependencyError("openpyxl", "excel", "write_excel()") from None
    target = Path(path)
    unit = unit_text(inventory.unit)
    area_names = inventory.area_names(lang)  # an unknown language fails here, before any file
    sector_names = inventory.sector_names(lang)
    workbook = Workbook(write_only=True)
    values = workbook.create_sheet("values")
    values.append(
        ["area", "area name", "sector", "sector name", *(f"{y} ({unit})" for y in inventory.years)]
    )
    magnitude = inventory.magnitude
    for i, area in enumerate(inventory.areas):
        for j, sector in enumerate(inventory.sectors):
            row = [_cell(float(x)) for x in magnitude[i, j]]
            values.append([area, area_names[area], sector, sector_names[sector], *row])
    sources = workbook.create_sheet("sources")
    sources.append(["area", "area name", *SOURCE_FIELDS])
    for area in inventory.areas:
        for source in inventory.sources.get(area, ()):
            fields = [getattr(source, name) for name in SOURCE_FIELDS]
            sources.append([area, area_names[area], *fields])
    about = workbook.create_sheet("about")
    for key, value in (
        ("rule", inventory.rule.id),
        ("unit", unit),
        ("sector level", inventory.sector_level),
        ("area level", inventory.area_level),
        ("names", lang),
        ("not estimated", "empty cell"),
        ("written by", f"canemure {__version__}"),
    ):
        about.append([key, value])
    _save(workbook, target)
    return target


def _cell(value: float) -> float | None:
    return None if math.isnan(value) else value


def _save(workbook: Any, target: Path) -> None:
    """Save to a temporary file beside ``target``, then rename it: whole or not at all."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
