"""``--format xlsx``: workbooks read back with openpyxl hold what the JSON output holds.

Headers are in one language with the units in them, numbers are numbers, and a figure that is
not estimated is an empty cell with a note saying so, never 0.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import run

from canemure.io.excel_export import Sheet, write_tables

openpyxl = pytest.importorskip("openpyxl", reason="the excel extra writes workbooks")


def _read(path: Path) -> dict[str, list[list[Any]]]:
    workbook = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook}


def _notes(path: Path, sheet: str) -> dict[str, str]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment}


def test_baseline_workbook_holds_the_json_figures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["baseline", "pohjois-karjala", "--no-plugins", "--years", "2007,2024"]
    status, out, _ = run(capsys, *args, "--format", "json")
    assert status == 0
    data = json.loads(out)
    target = tmp_path / "baseline.xlsx"
    status, out, err = run(capsys, *args, "--format", "xlsx", "-o", str(target), "--lang", "fi")
    assert status == 0 and out == ""
    assert f"kirjoitettu: {target}" in err
    sheets = _read(target)
    assert list(sheets) == ["Päästöjen lähtötaso", "Asukasta kohden", "Lähteet", "about"]
    header, *rows = sheets["Päästöjen lähtötaso"]
    assert header[:5] == ["aluekoodi", "alue", "laskentatapa", "sektorikoodi", "sektori"]
    assert header[5:] == ["2007 (kt CO2e/a)", "2024 (kt CO2e/a)", "Muutos (%)"]
    total = next(r for r in rows if r[3] == "total")
    assert total[5:7] == [data["total"]["values"]["2007"], data["total"]["values"]["2024"]]
    assert all(isinstance(v, float) for v in total[5:])  # numbers, not text
    per_resident = sheets["Asukasta kohden"]
    assert per_resident[0][-2:] == ["2007", "2024"]
    population = next(r for r in per_resident if r[3] == "Asukasluku")
    assert population[-1] == data["population"]["2024"]


def test_ranking_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args = ["baseline", "pohjois-karjala", "--no-plugins", "--rank", "per-resident"]
    status, out, _ = run(capsys, *args, "--format", "json")
    expected = json.loads(out)["municipalities"]
    target = tmp_path / "rank.xlsx"
    status, _, _ = run(capsys, *args, "--format", "xlsx", "-o", str(target))
    assert status == 0
    header, *rows = _read(target)["Rank"]
    assert header[-3:] == [
        "total (kt CO2e/a)",
        "per_resident (t CO2e/resident/a)",
        "change_percent (%)",
    ]
    assert [r[1] for r in rows] == [m["code"] for m in expected]  # the same order
    assert [r[7] for r in rows] == [m["per_resident"] for m in expected]


def test_not_estimated_is_an_empty_cell_with_a_note(tmp_path: Path) -> None:
    target = write_tables(
        [Sheet("values", ["area", "2024 (kt CO2e/a)"], [["a", 1.5], ["b", float("nan")]])],
        tmp_path / "t.xlsx",
        not_estimated="ei arvioitu",
    )
    values = _read(target)["values"]
    assert values == [["area", "2024 (kt CO2e/a)"], ["a", 1.5], ["b", None]]  # never 0
    assert _notes(target, "values") == {"B3": "ei arvioitu"}


def test_a_sheet_with_a_short_row_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"sheet 'x', row 3: 1 cells for 2 columns"):
        Sheet("x", ["a", "b"], [[1, 2], [1]])
    with pytest.raises(ValueError, match="not a sheet name"):
        Sheet("a/b", ["a"], [])
    assert not list(tmp_path.iterdir())


def test_macc_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "macc.xlsx"
    status, _, _ = run(capsys, "macc", "--no-plugins", "--format", "xlsx", "-o", str(target))
    assert status == 0
    sheet = _read(target)["Measure"]
    header, heat, district, *_ = sheet
    assert header[6:10] == [
        "Abatement (kt CO2e/a)",
        "Cumulative abatement (kt CO2e/a)",
        "Annualised cost (EUR/a)",
        "Cost per tonne (EUR/t CO2e)",
    ]
    assert isinstance(heat[9], float) and heat[9] < 0
    assert district[8:10] == [None, None]  # cost not estimated: empty, never 0
    assert set(_notes(target, "Measure").values()) == {"not estimated"}


def test_roadmap_and_compare_workbooks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "roadmap", "--no-plugins", "--format", "json")
    data = json.loads(out)
    target = tmp_path / "roadmap.xlsx"
    status, _, _ = run(
        capsys, "roadmap", "--no-plugins", "--format", "xlsx", "-o", str(target), "--lang", "sv"
    )
    assert status == 0
    sheets = _read(target)
    assert list(sheets) == ["Färdplan", "Mål", "Åtgärder", "about"]
    header, *rows = sheets["Färdplan"]
    assert header[:3] == ["År", "Basbana (kt CO2e/a)", "Med åtgärder (kt CO2e/a)"]
    assert [r[0] for r in rows] == data["years"]
    assert [r[2] for r in rows] == pytest.approx(data["trajectory"])
    measures = {r[0]: r for r in sheets["Åtgärder"][1:]}
    assert measures["Electric cars"][3] is None  # cost not estimated

    scenario = Path(__file__).resolve().parents[2] / "examples" / "pohjois-karjala.toml"
    target = tmp_path / "compare.xlsx"
    status, _, err = run(
        capsys, "compare", str(scenario), str(scenario), "--no-plugins", "--format", "xlsx",
        "-o", str(target),
    )  # fmt: skip
    assert status == 0, err
    sheets = _read(target)
    assert list(sheets) == ["Emissions", "Difference", "about"]
    assert sheets["Emissions"][0][2].endswith("(kt CO2e/a)")
    differences = [v for row in sheets["Difference"][1:] for v in row[2:] if v is not None]
    assert differences and all(v == 0 for v in differences)  # a scenario against itself


def test_regions_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "regions.xlsx"
    status, _, _ = run(capsys, "regions", "--format", "xlsx", "-o", str(target))
    assert status == 0
    header, *rows = _read(target)["Region"]
    assert header[:2] == ["area_code", "area"]
    assert len(rows) == 19 * 3  # every region, each kind of source
    assert all(isinstance(r[4], int) for r in rows)  # municipalities: numbers


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "baseline", "joensuu", "--no-plugins", "--format", "xlsx")
    assert status == 2 and out == ""
    assert "--format xlsx writes a binary file: give -o FILE.xlsx" in err
    status, _, err = run(capsys, "macc", "--format", "xlsx", "--lang", "fi")
    assert status == 2 and "anna -o TIEDOSTO.xlsx" in err


def test_xlsx_is_not_written_to_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, out, err = run(capsys, "regions", "--format", "xlsx", "-o", "-")
    assert status == 2 and out == ""
    assert "will not write an xlsx file to the terminal" in err


def test_xlsx_goes_to_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    from canemure.cli.main import main

    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["macc", "--no-plugins", "--format", "xlsx", "-o", "-"]) == 0
    stdout.flush()
    data = raw.getvalue()
    assert data[:2] == b"PK"  # a zip: the workbook
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Measure", "about"]


def test_without_openpyxl_the_error_names_the_extra(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails
    target = tmp_path / "r.xlsx"
    status, out, err = run(capsys, "regions", "--format", "xlsx", "-o", str(target))
    assert status == 2 and out == ""
    assert "pip install 'canemure[excel]'" in err
    assert not target.exists()


def test_text_formats_can_go_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "m.csv"
    status, out, err = run(capsys, "macc", "--no-plugins", "--format", "csv", "-o", str(target))
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("area_code,area,rule,year,Measure")
    assert f"written: {target}" in err
