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

:func:`write_tables` writes any tables the command line prints (``--format xlsx``) the same
way: one sheet per table, headers in one language with the units in them, numbers as numbers,
and a figure that is not estimated as an empty cell carrying a note (a cell comment) that
says so, never 0; an ``about`` sheet says what the file holds.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from canemure._version import __version__
from canemure.errors import MissingDependencyError
from canemure.units import unit_text

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory

__all__ = ["SOURCE_FIELDS", "Sheet", "tables_to_bytes", "write_excel", "write_tables"]

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


def _header(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _rows(value: Iterable[Iterable[object]]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(row) for row in value)


@attrs.frozen
class Sheet:
    """One table of a workbook: a sheet name, a header row and rows of cells.

    A cell is text, a number, or ``None``/NaN for a figure that is not estimated (written as
    an empty cell with a note). Units belong in the header (``2030 (kt CO2e/a)``).
    """

    name: str
    """Sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    header: tuple[str, ...] = attrs.field(converter=_header)
    """Column headings, with units."""
    rows: tuple[tuple[object, ...], ...] = attrs.field(converter=_rows)
    """The rows, each as long as the header."""

    def __attrs_post_init__(self) -> None:
        if not 0 < len(self.name) <= 31 or any(c in self.name for c in "[]:*?/\\"):
            raise ValueError(f"not a sheet name: {self.name!r} (1-31 characters, no []:*?/\\)")
        for n, row in enumerate(self.rows, start=2):
            if len(row) != len(self.header):
                raise ValueError(
                    f"sheet {self.name!r}, row {n}: {len(row)} cells for {len(self.header)} columns"
                )


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _workbook(
    sheets: Sequence[Sheet],
    about: Sequence[tuple[str, object]],
    not_estimated: str,
    written_by: str = "written by",
) -> Any:
    try:
        from openpyxl import Workbook
        from openpyxl.comments import Comment
        from openpyxl.styles import Font
    except ImportError:
        raise MissingDependencyError("openpyxl", "excel", "--format xlsx") from None
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    names = [s.name for s in sheets]
    if len(set(names)) != len(names) or "about" in names:
        raise ValueError(f"sheet names must be unique and not 'about': {names}")
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for sheet in sheets:
        out = workbook.create_sheet(sheet.name)
        out.append(list(sheet.header))
        for cell in out[1]:
            cell.font = bold
        for r, row in enumerate(sheet.rows, start=2):
            for c, value in enumerate(row, start=1):
                if _missing(value):
                    out.cell(r, c).comment = Comment(not_estimated, "canemure")
                elif isinstance(value, float | int | str | bool):
                    out.cell(r, c, value)
                else:
                    out.cell(r, c, str(value))
        out.freeze_panes = "A2"
    info = workbook.create_sheet("about")
    for key, value in (*about, (written_by, f"canemure {__version__}")):
        info.append([key, value if isinstance(value, float | int | str) else str(value)])
    return workbook


def tables_to_bytes(
    sheets: Sequence[Sheet],
    *,
    about: Sequence[tuple[str, object]] = (),
    not_estimated: str = "not estimated",
    written_by: str = "written by",
) -> bytes:
    """The ``.xlsx`` file of :func:`write_tables` as bytes (for standard output)."""
    buffer = io.BytesIO()
    _workbook(sheets, about, not_estimated, written_by).save(buffer)
    return buffer.getvalue()


def write_tables(
    sheets: Sequence[Sheet],
    path: str | Path,
    *,
    about: Sequence[tuple[str, object]] = (),
    not_estimated: str = "not estimated",
    written_by: str = "written by",
) -> Path:
    """Write ``sheets`` to an ``.xlsx`` workbook at ``path`` (whole or not at all).

    ``about`` rows (key, value) go to the last sheet, ``about``, ending with ``written_by``
    and the canemure version; ``not_estimated`` is the note on every empty cell (in the
    language of the headers). Needs ``canemure[excel]``.
    """
    target = Path(path)
    workbook = _workbook(sheets, about, not_estimated, written_by)
    _save(workbook, target)
    return target
