"""SYKE open-data CSV readers, on files built here in SYKE's exact layout."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pytest

from canemure.errors import DataFormatError, UnknownNameError
from canemure.io.syke_csv import (
    SYKE_CSV_COLUMNS,
    municipality_code_from_filename,
    read_syke_csv,
    read_syke_population,
)
from canemure.sectors import ALL, HINKU, HINKU_WITH_CREDITS

HEADER = ("taso_3", "taso_4", "taso_5", "hinku_laskenta", "päästökauppa", "vuosi", "kt",
          "kt_tuuli", "GWh")  # fmt: skip
"""A column order different from SYKE_CSV_COLUMNS: the reader must go by header names."""

# taso_3, taso_4, taso_5, hinku, ets, year, kt, kt_tuuli, GWh
GOOD_ROWS: list[tuple[str, ...]] = [
    ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2020", "12,5", "12,5", "80,25"),
    ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2021", "11,0", "11,0", "79"),
    ("Kul", "Kul", "Teo", "FALSE", "FALSE", "2020", "3,25", "3,25", "20"),  # not in HINKU
    ("Kau", "Kau", "Asu", "TRUE", "TRUE", "2020", "7,5", "7,5", "NA"),
    ("Kau", "Kau", "Asu", "TRUE", "TRUE", "2021", "NA", "NA", ""),
    ("Tuu", "Tuu", "Tuu", "TRUE", "FALSE", "2020", "NA", "-4,5", "NULL"),
]


def write_syke(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER,
               *, sep: str = ";", encoding: str = "utf-8") -> Path:  # fmt: skip
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def problems_of(excinfo: pytest.ExceptionInfo[DataFormatError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_reads_leaves_by_header_name(tmp_path: Path) -> None:
    path = write_syke(tmp_path / "kunta_91.csv", GOOD_ROWS)
    data = read_syke_csv(path)
    assert data.municipality == "091"
    assert data.rule is HINKU
    emissions, energy = data.emissions, data.energy
    assert list(emissions.years) == [2020, 2021]
    assert list(emissions.sectors) == [leaf.key for leaf in HINKU.leaves()]
    assert str(emissions.unit) == str(emissions.values.units)
    assert emissions.value("091", "Kul/Kul/Asu:H-", 2020).m_as("kt CO2e/a") == 12.5
    assert emissions.value("091", "Kul/Kul/Asu:H-", 2021).m_as("kt CO2e/a") == 11.0
    assert energy.value("091", "Kul/Kul/Asu:H-", 2020).m_as("GWh/a") == 80.25
    assert emissions.value("091", "Kau/Kau/Asu:HE", 2020).m_as("kt CO2e/a") == 7.5
    # NA is not estimated; a leaf of the rule without a row is zero (a complete account)
    assert math.isnan(emissions.value("091", "Kau/Kau/Asu:HE", 2021).magnitude)
    assert math.isnan(energy.value("091", "Kau/Kau/Asu:HE", 2020).magnitude)
    assert emissions.value("091", "Ölj/Ölj/Asu:H-", 2020).m_as("kt CO2e/a") == 0.0
    assert energy.value("091", "Ölj/Ölj/Asu:H-", 2020).m_as("GWh/a") == 0.0
    # leaves outside the rule are not in the result
    assert "Kul/Kul/Teo:--" not in emissions.sectors
    assert "Tuu/Tuu/Tuu:H-" not in emissions.sectors
    assert emissions.sources["091"][0].path == str(path)


def test_rule_all_keeps_excluded_leaves(tmp_path: Path) -> None:
    data = read_syke_csv(write_syke(tmp_path / "kunta_091.csv", GOOD_ROWS), rule=ALL)
    assert data.emissions.value("091", "Kul/Kul/Teo:--", 2020).m_as("kt CO2e/a") == 3.25
    assert "Tuu/Tuu/Tuu:H-" not in data.emissions.sectors


def test_wind_credits_come_from_kt_tuuli(tmp_path: Path) -> None:
    data = read_syke_csv(write_syke(tmp_path / "kunta_91.csv", GOOD_ROWS),
                         rule=HINKU_WITH_CREDITS)  # fmt: skip
    assert data.emissions.value("091", "Tuu/Tuu/Tuu:H-", 2020).m_as("kt CO2e/a") == -4.5
    # no credits row in 2021: zero credits (a complete account), not "not estimated"
    assert data.emissions.value("091", "Tuu/Tuu/Tuu:H-", 2021).m_as("kt CO2e/a") == 0.0


def test_explicit_municipality_and_any_file_name(tmp_path: Path) -> None:
    path = write_syke(tmp_path / "my download.csv", GOOD_ROWS)
    assert read_syke_csv(path, municipality="167").municipality == "167"
    assert read_syke_csv(path, municipality="Joensuu").municipality == "167"
    with pytest.raises(DataFormatError, match=r"kunta_<n>\.csv"):
        read_syke_csv(path)
    with pytest.raises(UnknownNameError):
        read_syke_csv(path, municipality="Atlantis")


@pytest.mark.parametrize(
    ("name", "code"),
    [("kunta_91.csv", "091"), ("kunta_091.csv", "091"), ("KUNTA_5.CSV", "005"), ("x.csv", None)],
)
def test_municipality_code_from_filename(name: str, code: str | None) -> None:
    assert municipality_code_from_filename(Path("Tulokset_taso_5") / name) == code


@pytest.mark.parametrize(
    ("true", "false"),
    [("TRUE", "FALSE"), ("true", "false"), ("1", "0"), ("yes", "no"), ("kyllä", "ei"),
     ("T", "F"), ("Kyllä", "EI")],
)  # fmt: skip
def test_boolean_spellings(tmp_path: Path, true: str, false: str) -> None:
    rows = [("Kul", "Kul", "Asu", true, false, "2020", "1,5", "1,5", "2"),
            ("Kul", "Kul", "Asu", true, true, "2020", "2,5", "2,5", "3")]  # fmt: skip
    data = read_syke_csv(write_syke(tmp_path / "kunta_091.csv", rows))
    assert data.emissions.value("091", "Kul/Kul/Asu:H-", 2020).magnitude == 1.5
    assert data.emissions.value("091", "Kul/Kul/Asu:HE", 2020).magnitude == 2.5


def test_documented_column_order_and_bom(tmp_path: Path) -> None:
    order = [HEADER.index(c) for c in SYKE_CSV_COLUMNS]
    rows = [tuple(r[i] for i in order) for r in GOOD_ROWS]
    path = write_syke(tmp_path / "kunta_091.csv", rows, SYKE_CSV_COLUMNS, encoding="utf-8-sig")
    assert read_syke_csv(path).emissions.value("091", "Kul/Kul/Asu:H-", 2020).magnitude == 12.5


def test_comma_separated_file_is_refused(tmp_path: Path) -> None:
    path = write_syke(tmp_path / "kunta_091.csv", [("Kul", "Kul", "Asu", "TRUE", "FALSE",
                      "2020", "12.5", "12.5", "80")], sep=",")  # fmt: skip
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    (message,) = problems_of(excinfo)
    assert "line 1" in message
    assert "semicolon-separated (';')" in message
    assert "comma-separated" in message


def test_latin1_file_is_refused(tmp_path: Path) -> None:
    path = write_syke(tmp_path / "kunta_091.csv", GOOD_ROWS, encoding="latin-1")
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    (message,) = problems_of(excinfo)
    assert "line 1" in message  # the header's 'päästökauppa'
    assert "expected UTF-8" in message
    assert "Latin-1" in message
    assert "päästökauppa" in message


def test_missing_and_extra_columns(tmp_path: Path) -> None:
    header = [*HEADER[:-1], "GWh_extra"]
    path = write_syke(tmp_path / "kunta_091.csv", GOOD_ROWS, header)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    messages = problems_of(excinfo)
    assert any("column 'GWh_extra'" in m and "unexpected column 9" in m for m in messages)
    assert any("column 'GWh'" in m and "required column is missing" in m for m in messages)


def test_row_with_wrong_number_of_fields(tmp_path: Path) -> None:
    rows = [*GOOD_ROWS, ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2022", "1,0")]
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(write_syke(tmp_path / "kunta_091.csv", rows))
    (message,) = problems_of(excinfo)
    assert "line 8" in message
    assert "7 fields, the header has 9" in message


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("kt", "abc", "not a number"),
        ("kt", "1.5", "decimal comma"),
        ("kt", "NaN", "not a finite number"),
        ("kt_tuuli", "-Inf", "not a finite number"),
        ("kt", "-1,5", "negative emissions"),
        ("GWh", "-3", "energy use must not be negative"),
        ("vuosi", "1989", "year out of range 1990.."),
        ("vuosi", "2100", "year out of range 1990.."),
        ("vuosi", "20x0", "not a year"),
        ("hinku_laskenta", "maybe", "not a boolean"),
        ("päästökauppa", "", "not a boolean"),
        ("taso_3", "Kux", "did you mean 'Kul'"),
        ("taso_4", "Kxx", "unknown sector abbreviation under 'Kul'"),
        ("taso_5", "Asx", "unknown sector abbreviation under 'Kul/Kul'"),
        ("taso_5", "NA", "value is missing"),
    ],
)
def test_bad_cell_names_line_column_and_value(
    tmp_path: Path, column: str, value: str, expected: str
) -> None:
    row = list(GOOD_ROWS[1])
    row[HEADER.index(column)] = value
    rows = [GOOD_ROWS[0], tuple(row), *GOOD_ROWS[2:]]
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(write_syke(tmp_path / "kunta_091.csv", rows))
    messages = problems_of(excinfo)
    assert len(messages) == 1, messages
    assert expected in messages[0]
    assert f"line 3, column {column!r}" in messages[0]
    assert f"(value {value!r})" in messages[0]
    assert str(tmp_path / "kunta_091.csv") in messages[0]


def test_flags_that_name_no_leaf(tmp_path: Path) -> None:
    rows = [("Kul", "Kul", "Asu", "FALSE", "TRUE", "2020", "1", "1", "1")]
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(write_syke(tmp_path / "kunta_091.csv", rows))
    (message,) = problems_of(excinfo)
    assert "line 2" in message
    assert "no leaf Kul/Kul/Asu with hinku_laskenta=False and päästökauppa=True" in message


def test_duplicate_rows(tmp_path: Path) -> None:
    rows = [*GOOD_ROWS, ("Kul", "Kul", "Asu", "1", "0", "2021", "9,0", "9,0", "1")]
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(write_syke(tmp_path / "kunta_091.csv", rows))
    (message,) = problems_of(excinfo)
    assert "line 8" in message
    assert "duplicate row: sector Kul/Kul/Asu:H- and year 2021 already on line 3" in message


def test_unknown_municipality_code(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(write_syke(tmp_path / "kunta_999.csv", GOOD_ROWS))
    (message,) = problems_of(excinfo)
    assert "not a municipality of canemure's reference list" in message
    assert "'999'" in message


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    rows = [
        ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2020", "x", "1", "1"),
        ("Kux", "Kul", "Asu", "TRUE", "FALSE", "2020", "1", "1", "1"),
        ("Kul", "Kul", "Pal", "TRUE", "FALSE", "1900", "1", "1", "-1"),
    ]
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(write_syke(tmp_path / "kunta_999.csv", rows))
    messages = problems_of(excinfo)
    assert len(messages) == 5, messages
    assert "5 problems in" in str(excinfo.value)
    assert [p.line for p in excinfo.value.problems if p.line] == [2, 3, 4, 4]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "kunta_091.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataFormatError, match="empty"):
        read_syke_csv(path)
    write_syke(path, [])
    with pytest.raises(DataFormatError, match="no data rows"):
        read_syke_csv(path)


# ----------------------------------------------------------------------------- population list
POP_HEADER = ("kuntanro", "kunta_fi", "kunta_sv", "maakunta_fi", "asukasluku")


def test_population_list(tmp_path: Path) -> None:
    rows = [("91", "Helsinki", "Helsingfors", "Uusimaa", "664028"),
            ("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "77326"),
            ("5", "Alajärvi", "Alajärvi", "Etelä-Pohjanmaa", "NA")]  # fmt: skip
    population = read_syke_population(write_syke(tmp_path / "asukasluvut_2023.csv", rows,
                                                 POP_HEADER))  # fmt: skip
    assert list(population.areas) == ["005", "091", "167"]
    assert list(population.years) == [2023]
    values = population.at(["091", "167", "005"], [2023]).m_as("resident")
    assert values[0, 0] == 664028
    assert values[1, 0] == 77326
    assert math.isnan(values[2, 0])
    assert population.source is not None
    assert "asukasluku" in str(population.source.notes)


@pytest.mark.parametrize("header", ["väestö", "Vaesto_2023", "asukkaat_yht"])
def test_population_column_spellings(tmp_path: Path, header: str) -> None:
    columns = ("kuntanro", "kunta_fi", "maakunta_fi", header)
    path = write_syke(tmp_path / "list.csv", [("167", "Joensuu", "Pohjois-Karjala", "77326")],
                      columns)  # fmt: skip
    if header == "asukkaat_yht":
        with pytest.raises(DataFormatError, match="cannot tell the population column"):
            read_syke_population(path, year=2023)
    else:
        population = read_syke_population(path, year=2023)
        assert population.at(["167"], [2023]).m_as("resident")[0, 0] == 77326


def test_population_grouped_by_spaces(tmp_path: Path) -> None:
    rows = [("91", "Helsinki", "Helsingfors", "Uusimaa", "664 028"),
            ("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "77\u00a0326"),
            ("5", "Alajärvi", "Alajärvi", "Etelä-Pohjanmaa", "9 84")]  # fmt: skip
    path = write_syke(tmp_path / "asukasluvut_2023.csv", rows, POP_HEADER)
    with pytest.raises(DataFormatError) as excinfo:  # "9 84" is no grouping: not guessed
        read_syke_population(path)
    assert problems_of(excinfo) == [
        f"{path}, line 4, column 'asukasluku': not a number (value '9 84')"
    ]
    rows[2] = ("5", "Alajärvi", "Alajärvi", "Etelä-Pohjanmaa", "9 849")
    population = read_syke_population(write_syke(path, rows, POP_HEADER))
    values = population.at(["091", "167", "005"], [2023]).m_as("resident")[:, 0]
    assert values.tolist() == [664028, 77326, 9849]


def test_population_problems(tmp_path: Path) -> None:
    rows = [("999", "Atlantis", "x", "Uusimaa", "10"),
            ("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "-5"),
            ("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "12,5"),
            ("abc", "Joensuu", "Joensuu", "Pohjois-Karjala", "1")]  # fmt: skip
    path = write_syke(tmp_path / "asukasluvut_2023.csv", rows, POP_HEADER)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_population(path)
    messages = problems_of(excinfo)
    assert len(messages) == 5, messages
    assert "line 2, column 'kuntanro': unknown municipality code" in messages[0]
    assert (
        "line 3, column 'asukasluku': population must not be negative (value '-5')" in (messages[1])
    )
    assert "line 4, column 'asukasluku': population must be a whole number" in messages[2]
    assert "line 4, column 'kuntanro': duplicate municipality, already on line 3" in messages[3]
    assert "line 5, column 'kuntanro': not a municipality code (value 'abc')" in messages[4]
    kept = read_syke_population(
        write_syke(tmp_path / "asukasluvut_2022.csv", rows[:1], POP_HEADER),
        known_municipalities_only=False,
    )
    assert list(kept.areas) == ["999"]


def test_population_file_needs_a_year(tmp_path: Path) -> None:
    rows = [("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "1")]
    path = write_syke(tmp_path / "list.csv", rows, POP_HEADER)
    with pytest.raises(DataFormatError, match="cannot tell the year"):
        read_syke_population(path)
    with pytest.raises(DataFormatError, match="year out of range"):
        read_syke_population(path, year=1900)
    path = write_syke(tmp_path / "asukasluvut_2023.csv", rows, POP_HEADER[:-2])
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_population(path)
    messages = problems_of(excinfo)
    assert any("column 'maakunta_fi': required column is missing" in m for m in messages)
