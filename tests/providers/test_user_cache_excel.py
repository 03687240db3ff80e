"""The user-cache provider with SYKE Excel exports: the newer file gives the whole series."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from fake_syke import syke_csv_text

from canemure.io.cache import Cache
from canemure.io.syke_excel import SHEET
from canemure.providers import user_cache
from canemure.sectors import ALL, HINKU, sector_hierarchy

openpyxl = pytest.importorskip("openpyxl")

SECTORS = [s for s in sector_hierarchy().level(3) if s.key != "Tuu"]
CSV = "syke/Tulokset_taso_5/kunta_167.csv"
EXCEL = user_cache.excel_cache_path("167", HINKU)


def _export(path: Path, years: list[int], population: list[int]) -> bytes:
    """Joensuu's export in SYKE's layout: sector i holds 1 + i kt every year."""
    values = [[float(1 + i)] * len(years) for i in range(len(SECTORS))]
    totals = [sum(row[k] for row in values) for k in range(len(years))]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(["Joensuu", *years])
    for sector, row in zip(SECTORS, values, strict=True):
        sheet.append([sector.name("fi"), *row])
    sheet.append(["Päästöhyvitykset", *([None] * len(years))])
    sheet.append(["Yhteensä", *totals])
    sheet.append(
        [
            "t CO2e / asukas",
            *(round(t * 1000 / p, 2) for t, p in zip(totals, population, strict=True)),
        ]
    )
    sheet.append(["Asukasluku", *population])
    sheet.append([])
    sheet.append(["Hinku-laskenta ilman päästöhyvityksiä"])
    workbook.save(path)
    return path.read_bytes()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cache:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    user_cache.clear_parsed()
    return Cache()


def _store_after(cache: Cache, relative: str, data: bytes, other: str) -> None:
    """Store ``data`` so that its manifest time is later than ``other``'s."""
    cache.store_bytes(relative, data, "test", "import")
    while cache.entry(relative).timestamp <= cache.entry(other).timestamp:  # type: ignore[union-attr]
        time.sleep(0.25)
        cache.store_bytes(relative, data, "test", "import")


def test_the_newer_file_gives_the_whole_series(cache: Cache, tmp_path: Path) -> None:
    csv = syke_csv_text([2007, 2024]).encode()
    excel = _export(tmp_path / "joensuu.xlsx", [1990, 2005], [50_000, 60_000])
    cache.store_bytes(CSV, csv, "test", "import")
    _store_after(cache, EXCEL, excel, CSV)
    newer_excel = user_cache.municipality_inventory("167", HINKU)
    assert newer_excel is not None
    assert list(newer_excel.years) == [1990, 2005]  # nothing of the CSV's 2007 and 2024
    assert newer_excel.value("167", SECTORS[2].key, 2005).m == pytest.approx(3.0)
    assert newer_excel.sources["167"][0].path == str(cache.path_for(EXCEL))
    # the export answers only its own rule: under ALL the CSV is the only file
    other_rule = user_cache.municipality_inventory("167", ALL)
    assert other_rule is not None and list(other_rule.years) == [2007, 2024]

    _store_after(cache, CSV, csv, EXCEL)
    newer_csv = user_cache.municipality_inventory("167", HINKU)
    assert newer_csv is not None
    assert list(newer_csv.years) == [2007, 2024]
    assert not np.isnan(newer_csv.magnitude).all()
