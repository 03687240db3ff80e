"""SYKE ALas Excel export reader, on workbooks built here in SYKE's exact layout."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

openpyxl = pytest.importorskip("openpyxl")

from canemure.errors import DataFormatError, MissingDependencyError  # noqa: E402
from canemure.io.bundled import pohjois_karjala  # noqa: E402
from canemure.io.syke_excel import SHEET, read_syke_excel, rule_from_method  # noqa: E402
from canemure.sectors import ALL, HINKU, HINKU_WITH_CREDITS, sector_hierarchy  # noqa: E402

SECTORS = [s for s in sector_hierarchy().level(3) if s.key != "Tuu"]
HINKU_TEXT = "Hinku-laskenta ilman päästöhyvityksiä"


def build_export(
    path: Path,
    *,
    name: str = "Joensuu",
    years: Sequence[Any] = (1990, 2005),
    values: Sequence[Sequence[Any]] | None = None,
    credits: Sequence[Any] | None = None,
    population: Sequence[Any] = (50000, 60000),
    method: str = HINKU_TEXT,
    labels: Sequence[str] | None = None,
    totals: Sequence[Any] | None = None,
    per_resident: Sequence[Any] | None = None,
    include_credits_in_total: bool = False,
) -> Path:
    """Write a workbook in SYKE's layout; totals and per-resident values rounded like SYKE's."""
    if values is None:
        values = [[round(1.0 + i + 0.1 * k, 1) for k in range(len(years))] for i in range(13)]
    credits = credits if credits is not None else [None] * len(years)
    labels = labels or [s.name("fi") for s in SECTORS]
    if totals is None:
        totals = []
        for k in range(len(years)):
            total = sum(float(row[k]) for row in values)
            if include_credits_in_total and credits[k] is not None:
                total += credits[k]
            totals.append(round(total, 1))
    if per_resident is None:
        per_resident = [round(t * 1000 / p, 2) for t, p in zip(totals, population, strict=True)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([name, *years])
    for label, row in zip(labels, values, strict=True):
        sheet.append([label, *row])
    sheet.append(["Päästöhyvitykset", *credits])
    sheet.append(["Yhteensä", *totals])
    sheet.append(["t CO2e / asukas", *per_resident])
    sheet.append(["Asukasluku", *population])
    sheet.append([])
    sheet.append([method])
    workbook.create_sheet("Info").append(["Lähde: SYKE"])
    workbook.save(path)
    return path


def problems_of(excinfo: pytest.ExceptionInfo[DataFormatError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_worked_example_joensuu_reads_back_the_bundled_figures(tmp_path: Path) -> None:
    reference = pohjois_karjala().sel(areas=["167"])
    kt = reference.values.m_as("kt CO2e / a")[0]
    residents = reference.population.at(["167"], list(reference.years)).m_as("resident")[0]
    path = build_export(
        tmp_path / "ALas_Joensuu_data_2026-09-15.xlsx",
        name="Joensuu",
        years=list(reference.years),
        values=kt.tolist(),
        population=[int(p) for p in residents],
    )
    inventory = read_syke_excel(path)
    assert list(inventory.areas) == ["167"]
    assert list(inventory.sectors) == list(reference.sectors)
    assert list(inventory.years) == list(reference.years)
    assert inventory.rule is HINKU
    np.testing.assert_array_equal(inventory.values.m_as("kt CO2e / a"), kt[None])
    np.testing.assert_array_equal(
        inventory.population.at(["167"], list(reference.years)).m_as("resident")[0], residents
    )
    np.testing.assert_allclose(
        inventory.per_resident().m_as("t CO2e / resident / a"),
        reference.per_resident().m_as("t CO2e / resident / a"),
    )
    assert inventory.sources["167"][0].path == str(path)


def test_english_labels_and_text_numbers(tmp_path: Path) -> None:
    values = [[f"{1 + i},5", 2.0 + i] for i in range(13)]
    numeric = [[1.5 + i, 2.0 + i] for i in range(13)]
    totals = [round(sum(r[0] for r in numeric), 1), round(sum(r[1] for r in numeric), 1)]
    path = build_export(
        tmp_path / "x.xlsx",
        values=values,
        labels=[s.name("en") for s in SECTORS],
        totals=totals,
        population=["50000", 60000],
        per_resident=[round(totals[0] * 1000 / 50000, 2), round(totals[1] * 1000 / 60000, 2)],
    )
    inventory = read_syke_excel(path)
    np.testing.assert_array_equal(inventory.magnitude[0], np.array(numeric))


def test_with_credits_rule_keeps_the_credits_row(tmp_path: Path) -> None:
    path = build_export(
        tmp_path / "x.xlsx",
        method="Hinku-laskenta päästöhyvityksillä",
        credits=[-3.5, None],
        include_credits_in_total=True,
    )
    inventory = read_syke_excel(path)
    assert inventory.rule is HINKU_WITH_CREDITS
    assert list(inventory.sectors)[-1] == "Tuu"
    assert inventory.value("167", "Tuu", 1990).m_as("kt CO2e/a") == -3.5
    assert math.isnan(inventory.value("167", "Tuu", 2005).magnitude)


def test_without_credits_rule_ignores_the_credits_row_in_the_total(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx", credits=[-3.5, -4.0])
    inventory = read_syke_excel(path)
    assert "Tuu" not in inventory.sectors
    assert len(inventory.sectors) == 13


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (HINKU_TEXT, HINKU),
        ("Hinku-laskenta päästöhyvityksillä", HINKU_WITH_CREDITS),
        ("Laskentatapa: Hinku-laskenta ilman päästöhyvityksiä", HINKU),
        ("Kaikki ALas-päästöt", ALL),
        ("Kaikki päästöt (ALas)", ALL),
    ],
)
def test_rule_from_method(text: str, rule: object) -> None:
    assert rule_from_method(text) is rule


def test_explicit_municipality(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx", name="Joensuun kaupunki")
    assert list(read_syke_excel(path, municipality="167").areas) == ["167"]
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "line 1, column 'KHK-päästöt!A1'" in message
    assert "unknown municipality 'Joensuun kaupunki'" in message
    assert "'Joensuu'" in message
    other = build_export(tmp_path / "y.xlsx", name="Helsinki")
    with pytest.raises(DataFormatError, match="another municipality"):
        read_syke_excel(other, municipality="167")


def test_total_mismatch_names_the_cell(tmp_path: Path) -> None:
    values = [[1.0, 2.0]] * 13
    # 13 terms with one decimal: tolerance 14 x 0.05 = 0.7 kt
    build_export(tmp_path / "ok.xlsx", values=values, totals=[13.6, 26.0])
    read_syke_excel(tmp_path / "ok.xlsx")
    path = build_export(tmp_path / "x.xlsx", values=values, totals=[13.0, 27.0],
                        per_resident=[0.26, 0.45])  # fmt: skip
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "line 16, column 'KHK-päästöt!C16'" in message
    assert "does not match the sum of the sectors" in message
    assert "(value 27.0)" in message


def test_per_resident_mismatch_names_the_cell(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx", per_resident=[1.0, None])
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "line 17, column 'KHK-päästöt!B17'" in message
    assert "per resident do not match" in message


def test_wrong_sector_order_and_unknown_label(tmp_path: Path) -> None:
    labels = [s.name("fi") for s in SECTORS]
    labels[1], labels[2] = labels[2], labels[1]
    labels[5] = "Teolisuuss"
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(build_export(tmp_path / "x.xlsx", labels=labels))
    messages = problems_of(excinfo)
    assert len(messages) == 3, messages
    assert "column 'KHK-päästöt!A3'" in messages[0]
    assert "expected the sector 'Sähkölämmitys'" in messages[0]
    assert "column 'KHK-päästöt!A4'" in messages[1]
    assert "column 'KHK-päästöt!A7'" in messages[2]
    assert "did you mean 'Teollisuus'" in messages[2]


def test_bad_cells_are_all_reported(tmp_path: Path) -> None:
    values: list[list[Any]] = [[1.0, 2.0] for _ in range(13)]
    values[0][1] = "abc"
    values[3][0] = -1.0
    values[4][1] = "NaN"
    path = build_export(
        tmp_path / "x.xlsx",
        years=[1989, 2005],
        values=values,
        totals=[None, None],
        per_resident=[None, None],
        population=[50000, -2],
        method="Jotain muuta",
    )
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    messages = problems_of(excinfo)
    expected = [
        "line 1, column 'KHK-päästöt!B1': year out of range 1990..",
        "line 20, column 'KHK-päästöt!A20': unknown calculation method",
        "line 2, column 'KHK-päästöt!C2': emissions: not a number (value 'abc')",
        "line 5, column 'KHK-päästöt!B5': emissions must not be negative (value -1)",
        "line 6, column 'KHK-päästöt!C6': emissions: not a finite number",
        "line 18, column 'KHK-päästöt!C18': population must not be negative (value -2)",
    ]
    assert len(messages) == len(expected), messages
    for fragment in expected:
        assert any(fragment in m for m in messages), (fragment, messages)


def test_value_outside_the_year_columns(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET]["E5"] = 12.0
    workbook.save(path)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "line 5, column 'KHK-päästöt!E5': value outside the year columns" in message


def test_missing_sheet_and_not_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.save(tmp_path / "x.xlsx")
    with pytest.raises(DataFormatError, match="no sheet 'KHK-päästöt' \\(it has 'Sheet1'\\)"):
        read_syke_excel(tmp_path / "x.xlsx")
    (tmp_path / "y.xlsx").write_text("kunta;kt\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"not an Excel \.xlsx workbook"):
        read_syke_excel(tmp_path / "y.xlsx")


def test_short_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = SHEET
    workbook.active.append(["Joensuu", 2005])
    workbook.save(tmp_path / "x.xlsx")
    with pytest.raises(DataFormatError, match="the sheet has 1 rows"):
        read_syke_excel(tmp_path / "x.xlsx")


def test_missing_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_export(tmp_path / "x.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"canemure\[excel\]"):
        read_syke_excel(path)
