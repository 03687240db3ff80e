"""SYKE ALas Excel export reader, on workbooks built here in SYKE's exact layout."""

from __future__ import annotations

import math
import os
import sys
import zipfile
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
    # an empty credits cell in a covered year is zero credits (a complete account)
    assert inventory.value("167", "Tuu", 2005).m_as("kt CO2e/a") == 0.0


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


# ------------------------------------------------------------------ a complete account
def test_empty_cells_in_a_covered_year_are_zero_and_na_is_not_estimated(tmp_path: Path) -> None:
    values: list[list[Any]] = [[1.5, 2.5, None] for _ in range(13)]
    values[3] = [None, "NA", None]  # empty in 1990 (zero), NA in 2005 (not estimated)
    values[7] = [None, 4.0, None]
    # SYKE's totals are the sums of what is listed; 2010 is not covered at all
    totals = [round(1.5 * 11, 1), None, None]
    path = build_export(tmp_path / "x.xlsx", years=(1990, 2005, 2010), values=values,
                        totals=totals, population=(50000, 60000, 70000),
                        per_resident=[round(totals[0] * 1000 / 50000, 2), None, None])  # fmt: skip
    inventory = read_syke_excel(path)
    magnitude = inventory.magnitude[0]
    assert magnitude[3, 0] == 0.0
    assert magnitude[7, 0] == 0.0
    assert math.isnan(magnitude[3, 1])
    assert magnitude[7, 1] == 4.0
    assert np.isnan(magnitude[:, 2]).all()  # a year column without any value: not covered
    # the file's own total is reproduced, with the empty cells counted as zero
    assert inventory.total().magnitude[0, 0, 0] == pytest.approx(totals[0])
    assert math.isnan(inventory.total().magnitude[0, 0, 1])


def test_total_check_counts_empty_cells_as_zero(tmp_path: Path) -> None:
    values: list[list[Any]] = [[1.0, 1.0] for _ in range(13)]
    values[0] = [None, 1.0]
    # 1990: 12 kt listed; a total of 13 kt would need the empty cell to hold 1 kt
    path = build_export(tmp_path / "x.xlsx", values=values, totals=[13.0, 13.0],
                        per_resident=[0.26, round(13.0 * 1000 / 60000, 2)])  # fmt: skip
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "column 'KHK-päästöt!B16'" in message
    assert "does not match the sum of the sectors" in message


# ------------------------------------------------------------------ values
@pytest.mark.parametrize(
    ("row", "value", "expected"),
    [
        (2, "1e400", "emissions: not a finite number (too large for a float"),
        (2, 1e30, "emissions is impossibly large (beyond ±100 000 kt CO2e/a)"),
        (16, -2e5, "total emissions is impossibly large"),
        (18, 0, "population must be a positive whole number"),
        (18, 50000.5, "population must be a positive whole number"),
        (18, 2e7, "population is impossibly large (beyond ±10 000 000 residents)"),
    ],
)
def test_impossible_values_name_the_cell(
    tmp_path: Path, row: int, value: Any, expected: str
) -> None:
    path = build_export(tmp_path / "x.xlsx", per_resident=[None, None])
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET].cell(row, 2).value = value
    if row == 2:
        workbook[SHEET].cell(16, 2).value = None  # keep the sum check quiet
    workbook.save(path)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert f"line {row}, column 'KHK-päästöt!B{row}': {expected}" in message


# ------------------------------------------------------------------ identity
def test_file_name_and_sheet_must_name_the_same_municipality(tmp_path: Path) -> None:
    path = build_export(tmp_path / "ALas_Helsinki_data_2026-09-15.xlsx", name="Joensuu")
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "cell KHK-päästöt!A1 ('Joensuu') names Joensuu (167), but the file name " in message
    assert "'ALas_Helsinki_data_2026-09-15.xlsx' names another municipality, Helsinki (091)" in (
        message
    )
    good = build_export(tmp_path / "ALas_Joensuu_data_2026-09-15.xlsx", name="Joensuu")
    inventory = read_syke_excel(good)
    notes = str(inventory.sources["167"][0].notes)
    assert "municipality 167 from cell KHK-päästöt!A1 ('Joensuu') and the file name" in notes
    # a file name that names no known municipality says nothing
    assert list(read_syke_excel(build_export(tmp_path / "ALas_X_data.xlsx")).areas) == ["167"]


def test_population_must_fit_the_municipality(tmp_path: Path) -> None:
    # Helsinki's population (656 920 on 31.12.2020) under Joensuu's name
    path = build_export(tmp_path / "x.xlsx", name="Joensuu", years=(2019, 2020),
                        population=(653835, 656920))  # fmt: skip
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert "line 18, column 'KHK-päästöt!C18'" in message
    assert "the population of 2020 does not fit Joensuu (167), which had 76935 residents" in message
    # Joensuu's own figure, and one within the factor 1.5, are accepted
    ok = build_export(tmp_path / "y.xlsx", name="Joensuu", years=(2019, 2020),
                      population=(76850, 76935))  # fmt: skip
    assert list(read_syke_excel(ok).areas) == ["167"]


# ------------------------------------------------------------------ files that are not workbooks
def test_password_protected_workbook(tmp_path: Path) -> None:
    # an encrypted OOXML file is a Compound File holding the stream "EncryptedPackage"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path = tmp_path / "ALas_Joensuu_data.xlsx"
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)
    assert message.startswith(f"{path}: the workbook is password-protected (encrypted)")
    assert "remove the password" in message
    assert "zip" not in message
    path.write_bytes(header + bytes(1024))
    with pytest.raises(DataFormatError, match=r"old Excel 97-2003 workbook \(\.xls\)"):
        read_syke_excel(path)


def test_broken_workbooks(tmp_path: Path) -> None:
    data = build_export(tmp_path / "x.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(cut)
    (message,) = problems_of(excinfo)
    assert message.startswith(f"{cut}: not an Excel .xlsx workbook, or a damaged one")
    assert "download or export it again" in message
    # a complete zip whose sheet is not XML
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(tmp_path / "x.xlsx") as source, zipfile.ZipFile(damaged, "w") as out:
        for item in source.infolist():
            body = source.read(item)
            out.writestr(item, b"<worksheet><sheetData><row>" if "worksheets/" in item.filename
                         else body)  # fmt: skip
    with pytest.raises(DataFormatError, match="damaged"):
        read_syke_excel(damaged)


@pytest.mark.parametrize("kind", ["folder", "fifo", "devnull"])
def test_paths_that_are_not_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ALas_Joensuu_data.xlsx"
    if kind == "folder":
        path.mkdir()
        expected = f"{path} is a folder, not a file"
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes need POSIX")
        os.mkfifo(path)
        expected = f"{path} is a named pipe (FIFO), not a regular file"
    else:
        if not Path("/dev/null").exists():
            pytest.skip("needs /dev/null")
        path = Path("/dev/null")
        expected = "/dev/null is a character device, not a regular file"
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path, municipality="167")
    (message,) = problems_of(excinfo)
    assert expected in message


# ------------------------------------------------------------------ cells that would lose values
def test_merged_cells_are_refused(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET].merge_cells("B3:C3")
    workbook[SHEET].merge_cells("A20:F20")  # the method text spanning columns loses nothing
    workbook.save(path)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    messages = problems_of(excinfo)
    assert any(
        "line 3, column 'KHK-päästöt!B3:C3': merged cells B3:C3" in m and "unmerge" in m
        for m in messages
    ), messages
    assert not any("A20" in m for m in messages), messages


def test_formula_without_saved_result_is_refused(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET]["C4"] = "=1+2"  # openpyxl saves formulas without a result
    workbook.save(path)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_excel(path)
    (message,) = problems_of(excinfo)  # reported once, with no sum-check noise
    assert "line 4, column 'KHK-päästöt!C4': a formula without a saved result" in message
    assert "let it recalculate, and save it" in message


def test_formula_with_saved_result_is_read(tmp_path: Path) -> None:
    path = build_export(tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET]["C4"] = "=1+2"
    workbook.save(path)
    # what Excel saves: the formula with its result (openpyxl cannot write one)
    with_result = tmp_path / "with_result.xlsx"
    replaced = 0
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(with_result, "w") as out:
        for item in source.infolist():
            body = source.read(item)
            replaced += body.count(b"<f>1+2</f><v />")
            out.writestr(item, body.replace(b"<f>1+2</f><v />", b"<f>1+2</f><v>3</v>"))
    assert replaced == 1
    values = [[round(1.0 + i + 0.1 * k, 1) for k in range(2)] for i in range(13)]
    assert values[2][1] == 3.1  # the formula's 3 is within the rounding of the file's total
    inventory = read_syke_excel(with_result)
    assert inventory.magnitude[0, 2, 1] == 3.0


def test_unreadable_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_export(tmp_path / "x.xlsx")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(OSError, match="permission denied") as excinfo:  # a DataFormatError too
        read_syke_excel(path)
    assert isinstance(excinfo.value, DataFormatError)
    assert f"cannot read {path}: permission denied" in str(excinfo.value)
