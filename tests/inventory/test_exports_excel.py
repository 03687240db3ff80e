"""Excel export: values with units in the headers, sources, and reading it back with openpyxl.

Made-up test numbers on real municipality codes and sector names.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from canemure.errors import MissingDependencyError
from canemure.inventory import EmissionInventory, Source
from canemure.io.excel_export import SOURCE_FIELDS, write_excel
from canemure.sectors import HINKU

NaN = math.nan
SYKE = Source(
    "test:syke",
    "Test figures standing in for SYKE ALas",
    publisher="Suomen ympäristökeskus SYKE",
    url="https://example.org/alas",
    license="CC BY 4.0",
    retrieved="2026-11-30",
)
ADAPTER = Source("test:adapter", "Test figures of an adapter", path="data/turku.csv")


@pytest.fixture
def inventory() -> EmissionInventory:
    tampere = EmissionInventory.from_array(
        [[[1.0, 2.0], [3.0, 4.0]]],
        "kt CO2e / a",
        areas=["837"],
        sectors=["Kul", "Säh"],
        years=[2023, 2024],
        rule=HINKU,
        source=SYKE,
    )
    turku = EmissionInventory.from_array(
        [[[5.0, 6.0], [7.0, NaN]]],
        "kt CO2e / a",
        areas=["853"],
        sectors=["Kul", "Säh"],
        years=[2023, 2024],
        rule=HINKU,
        source=ADAPTER,
    )
    return EmissionInventory.concat([tampere, turku])


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(path)  # not read-only: that trims trailing empty cells
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def test_values_sheet(inventory: EmissionInventory, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = write_excel(inventory, tmp_path / "inventory.xlsx")
    rows = _rows(path, "values")
    assert rows[0] == (
        "area", "area name", "sector", "sector name", "2023 (kt CO2e/a)", "2024 (kt CO2e/a)"
    )  # fmt: skip
    assert rows[1] == ("837", "Tampere", "Kul", "Kulutussähkö", 1.0, 2.0)
    assert rows[4] == ("853", "Turku", "Säh", "Sähkölämmitys", 7.0, None)  # empty, never 0
    assert len(rows) == 5
    # read back: the same numbers in the same places
    back = np.array([[np.nan if v is None else v for v in row[4:]] for row in rows[1:]])
    np.testing.assert_array_equal(back.reshape(inventory.shape), inventory.magnitude)


def test_sources_and_about_sheets(inventory: EmissionInventory, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = inventory.to_excel(tmp_path / "inventory.xlsx", lang="sv")
    sources = _rows(path, "sources")
    assert sources[0] == ("area", "area name", *SOURCE_FIELDS)
    assert sources[1][:6] == (
        "837",
        "Tammerfors",
        "test:syke",
        "Test figures standing in for SYKE ALas",
        "Suomen ympäristökeskus SYKE",
        "https://example.org/alas",
    )
    assert sources[1][6:8] == ("CC BY 4.0", "2026-11-30")
    assert sources[2][:3] == ("853", "Åbo", "test:adapter")
    assert sources[2][8] == "data/turku.csv"
    about = dict(_rows(path, "about"))  # type: ignore[arg-type]
    assert about["rule"] == "hinku"
    assert about["unit"] == "kt CO2e/a"
    assert about["sector level"] == 3
    assert about["names"] == "sv"
    assert _rows(path, "values")[1][1] == "Tammerfors"


def test_written_whole_or_not_at_all(inventory: EmissionInventory, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(KeyError):
        write_excel(inventory, path, lang="de")  # an unknown language fails before saving
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["inventory.xlsx"]


def test_missing_openpyxl_names_the_extra(
    inventory: EmissionInventory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"canemure\[excel\]"):
        write_excel(inventory, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
