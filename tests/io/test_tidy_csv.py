"""canemure's tidy CSV: exact round trips (property-based) and every kind of bad input."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canemure.errors import DataFormatError
from canemure.geography import gazetteer
from canemure.inventory import AreaLevel, EmissionInventory
from canemure.io.bundled import pohjois_karjala
from canemure.io.tidy_csv import TIDY_COLUMNS, read_tidy_csv, write_tidy_csv
from canemure.sectors import HINKU, HINKU_WITH_CREDITS, RULES, sector_hierarchy
from canemure.units import Q_

HEADER = ",".join(TIDY_COLUMNS)


def assert_same(a: EmissionInventory, b: EmissionInventory) -> None:
    assert list(a.areas) == list(b.areas)
    assert list(a.sectors) == list(b.sectors)
    assert list(a.years) == list(b.years)
    assert a.unit == b.unit
    assert a.rule == b.rule
    assert a.area_level == b.area_level
    np.testing.assert_array_equal(a.magnitude, b.magnitude)  # NaN positions must match too


@st.composite
def inventories(draw: st.DrawFn) -> EmissionInventory:
    level: AreaLevel = draw(st.sampled_from(["municipality", "region", "group"]))
    gaz = gazetteer()
    if level == "municipality":
        pool = [m.code for m in gaz.municipalities]
        areas = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
    elif level == "region":
        pool = [r.code for r in gaz.regions]
        areas = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
    else:
        name = st.text(
            st.characters(codec="utf-8", categories=["L", "N", "Zs", "Pd", "Po"]),
            min_size=1,
            max_size=12,
        ).map(str.strip)
        name = name.filter(lambda s: bool(s) and not s.isdigit() and s not in ("NA", "NULL"))
        areas = draw(st.lists(name, min_size=1, max_size=3, unique=True))
    sector_level = draw(st.sampled_from([0, 1, 3, 4, 5, 6]))
    keys = [s.key for s in sector_hierarchy().level(sector_level)]
    sectors = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=5, unique=True))
    years = sorted(draw(st.lists(st.integers(1990, 2026), min_size=1, max_size=5, unique=True)))
    unit = draw(st.sampled_from(["kt CO2e / a", "GWh / a", "t CO2e / a", "Mt CO2e / a"]))
    rule = draw(st.sampled_from(RULES))
    value = st.one_of(
        st.just(math.nan),
        st.floats(min_value=0.0, max_value=1e15, allow_nan=False, allow_infinity=False),
    )
    shape = (len(areas), len(sectors), len(years))
    flat = draw(st.lists(value, min_size=math.prod(shape), max_size=math.prod(shape)))
    return EmissionInventory(
        Q_(np.array(flat, dtype=np.float64).reshape(shape), unit),
        areas,
        sectors,
        years,
        rule,
        {},
        None,
        level,
    )


@settings(max_examples=60, deadline=None)
@given(inventory=inventories())
def test_round_trip_is_identical(inventory: EmissionInventory) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inventory.csv"
        write_tidy_csv(inventory, path)
        assert_same(read_tidy_csv(path), inventory)
        assert os.listdir(folder) == ["inventory.csv"]  # no temporary file left behind


def test_round_trip_of_the_bundled_inventory(tmp_path: Path) -> None:
    inventory = pohjois_karjala()
    write_tidy_csv(inventory, tmp_path / "pk.csv")
    back = read_tidy_csv(tmp_path / "pk.csv")
    assert_same(back, inventory)
    assert back.sources["167"][0].path == str(tmp_path / "pk.csv")
    lines = (tmp_path / "pk.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    assert lines[1] == "090,Kul,1990,2.8,kt CO2e/a,hinku"


def test_negative_credits_round_trip(tmp_path: Path) -> None:
    inventory = EmissionInventory.from_array(
        [[[-3.5, math.nan], [12.0, 11.5]]],
        "kt CO2e / a",
        areas=["167"],
        sectors=["Tuu", "Kul"],
        years=[2019, 2020],
        rule=HINKU_WITH_CREDITS,
    )
    write_tidy_csv(inventory, tmp_path / "x.csv")
    assert_same(read_tidy_csv(tmp_path / "x.csv"), inventory)


def test_not_estimated_literal_and_missing_cells(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        f"{HEADER}\n167,Kul,2020,not estimated,kt CO2e/a,hinku\n167,Kau,2021,1.5,kt CO2e/a,hinku\n",
        encoding="utf-8",
    )
    inventory = read_tidy_csv(path)
    assert list(inventory.sectors) == ["Kul", "Kau"]
    assert np.isnan(inventory.magnitude).sum() == 3
    assert inventory.value("167", "Kau", 2021).m_as("kt CO2e/a") == 1.5
    assert read_tidy_csv(path, area_level="group").area_level == "group"


def test_same_unit_and_rule_in_other_spellings(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        f"{HEADER}\n167,Kul,2020,1.0,kt CO2e/a,hinku\n"
        "167,Kau,2020,2.0,kilotonne CO2e / year,Hinku-laskenta ilman päästöhyvityksiä\n",
        encoding="utf-8",
    )
    inventory = read_tidy_csv(path)
    assert inventory.rule is HINKU
    assert inventory.total().value("167", "total", 2020).m_as("t CO2e / a") == 3000.0


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.csv"
    path.write_text("old content", encoding="utf-8")

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_tidy_csv(pohjois_karjala(), path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert os.listdir(tmp_path) == ["x.csv"]


def read_problems(
    tmp_path: Path, body: str, *, encoding: str = "utf-8", newline: str = "\n"
) -> list[str]:
    path = tmp_path / "bad.csv"
    path.write_bytes(body.replace("\n", newline).encode(encoding))
    with pytest.raises(DataFormatError) as excinfo:
        read_tidy_csv(path)
    return [str(p) for p in excinfo.value.problems]


def test_semicolon_file(tmp_path: Path) -> None:
    (message,) = read_problems(
        tmp_path, "area;sector;year;value;unit;rule\n167;Kul;2020;1,5;kt;hinku\n"
    )
    assert "line 1" in message
    assert "comma-separated (',')" in message
    assert "semicolon-separated" in message


def test_latin1_file(tmp_path: Path) -> None:
    body = f"{HEADER}\n167,Kul,2020,1.5,kt CO2e/a,hinku\nYlä-Savo,Kul,2020,1.5,kt CO2e/a,hinku\n"
    (message,) = read_problems(tmp_path, body, encoding="latin-1")
    assert "line 3" in message
    assert "expected UTF-8" in message
    assert "Ylä-Savo" in message


def test_missing_and_extra_columns(tmp_path: Path) -> None:
    messages = read_problems(tmp_path, "area,sector,year,value,units\n167,Kul,2020,1.5,kt\n")
    assert any("column 'units': unexpected column 5; did you mean 'unit'?" in m for m in messages)
    assert any("column 'unit': required column is missing" in m for m in messages)
    assert any("column 'rule': required column is missing" in m for m in messages)


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        ("167,Kul,2020,abc,kt CO2e/a,hinku", "value", "abc", "not a number"),
        ("167,Kul,2020,1;5,kt CO2e/a,hinku", "value", "1;5", "not a number"),
        ("167,Kul,2020,\"1,5\",kt CO2e/a,hinku", "value", "1,5", "expected a decimal point"),
        ("167,Kul,2020,nan,kt CO2e/a,hinku", "value", "nan", "not a finite number"),
        ("167,Kul,2020,inf,kt CO2e/a,hinku", "value", "inf", "not a finite number"),
        ("167,Kul,2020,-1.0,kt CO2e/a,hinku", "value", "-1.0", "negative values are only"),
        ("167,Tuu,2020,-1.0,kt CO2e/a,hinku", "value", "-1.0", "negative values are only"),
        ("167,Kul,1989,1.0,kt CO2e/a,hinku", "year", "1989", "year out of range 1990..2100"),
        ("167,Kul,2101,1.0,kt CO2e/a,hinku", "year", "2101", "year out of range 1990..2100"),
        ("167,Kul,1.2.3,1.0,kt CO2e/a,hinku", "year", "1.2.3", "not a year"),
        ("167,Kul,2020,1.2.3,kt CO2e/a,hinku", "value", "1.2.3", "not a number"),
        ("167,Kul,2020,1e,kt CO2e/a,hinku", "value", "1e", "not a number"),
        ("167,Kul,2020,1_0,kt CO2e/a,hinku", "value", "1_0", "not a number"),
        ("167,Kul,2020, ,kt CO2e/a,", "rule", "", "value is missing"),
        ("167,Kul,20.5,1.0,kt CO2e/a,hinku", "year", "20.5", "not a year"),
        ("167,Kxl,2020,1.0,kt CO2e/a,hinku", "sector", "Kxl", "did you mean 'Kul'"),
        ("167,Kulutussähkö,2020,1.0,kt CO2e/a,hinku", "sector", "Kulutussähkö",
         "did you mean 'Kul'"),
        ("167,Kau/Kau/Asu,2020,1.0,kt CO2e/a,hinku", "sector", "Kau/Kau/Asu",
         "all sectors of a file"),
        ("167,Kul,2020,1.0,kt CO2x/a,hinku", "unit", "kt CO2x/a", "not a unit"),
        ("167,Kul,2020,1.0,kt CO2e/a,hinkku", "rule", "hinkku", "unknown accounting rule"),
        ("167,Kul,2020,1.0,GWh/a,hinku", "unit", "GWh/a", "one file holds one unit"),
        ("167,Kul,2020,1.0,kt CO2e/a,all", "rule", "all", "one file holds one rule"),
        (",Kul,2020,1.0,kt CO2e/a,hinku", "area", "", "value is missing"),
    ],
)  # fmt: skip
def test_bad_line_names_line_column_and_value(
    tmp_path: Path, line: str, column: str, value: str, expected: str
) -> None:
    body = f"{HEADER}\n167,Kau,2020,1.0,kt CO2e/a,hinku\n{line}\n"
    for newline in ("\n", "\r\n"):  # LF: by column with numpy; CR LF: row by row with csv
        messages = read_problems(tmp_path, body, newline=newline)
        assert len(messages) == 1, messages
        assert expected in messages[0]
        assert f"line 3, column {column!r}" in messages[0]
        assert f"(value {value!r})" in messages[0]


def test_negative_energy_is_refused_even_for_credits(tmp_path: Path) -> None:
    (message,) = read_problems(tmp_path, f"{HEADER}\n167,Tuu,2020,-1.0,GWh/a,hinku-credits\n")
    assert "line 2, column 'value': negative values" in message


def test_negative_total_allowed_only_with_credits(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(f"{HEADER}\n167,total,2020,-1.0,kt CO2e/a,hinku-credits\n", encoding="utf-8")
    assert read_tidy_csv(path).value("167", "total", 2020).magnitude == -1.0
    (message,) = read_problems(tmp_path, f"{HEADER}\n167,total,2020,-1.0,kt CO2e/a,hinku\n")
    assert "line 2, column 'value': negative values" in message


def test_duplicates_and_all_problems_at_once(tmp_path: Path) -> None:
    body = (
        f"{HEADER}\n"
        "167,Kul,2020,1.0,kt CO2e/a,hinku\n"
        "167,Kul,2020,2.0,kt CO2e/a,hinku\n"
        "167,Kul,2021,x,kt CO2e/a,hinku\n"
        "167,Kul,2022\n"
    )
    messages = read_problems(tmp_path, body)
    assert len(messages) == 3, messages
    assert "line 3" in messages[0]
    assert "duplicate cell: area 167, sector Kul, year 2020 already on line 2" in messages[0]
    assert "line 4, column 'value'" in messages[1]
    assert "line 5: row has 3 fields, the header has 6" in messages[2]


def test_header_only(tmp_path: Path) -> None:
    (message,) = read_problems(tmp_path, f"{HEADER}\n")
    assert "no data rows" in message


def test_hinku_inventory_with_credit_sector_cannot_be_negative(tmp_path: Path) -> None:
    inventory = EmissionInventory.from_array(
        [[[-1.0]]], "kt CO2e / a", areas=["167"], sectors=["Tuu"], years=[2020], rule=HINKU
    )
    write_tidy_csv(inventory, tmp_path / "x.csv")
    with pytest.raises(DataFormatError, match="negative values"):
        read_tidy_csv(tmp_path / "x.csv")


def test_projection_years_round_trip_to_2100(tmp_path: Path) -> None:
    years = [1990, 2027, 2028, 2035, 2050, 2099, 2100]  # years a projection or scenario reaches
    values = np.arange(2 * 2 * len(years), dtype=np.float64).reshape(2, 2, len(years)) / 7
    values[1, 0, 3] = math.nan
    inventory = EmissionInventory.from_array(
        values, "kt CO2e / a", areas=["167", "426"], sectors=["Kul", "Tie"], years=years, rule=HINKU
    )
    write_tidy_csv(inventory, tmp_path / "projection.csv")
    assert_same(read_tidy_csv(tmp_path / "projection.csv"), inventory)


def test_every_bad_line_is_located_whichever_way_the_file_is_read(tmp_path: Path) -> None:
    good = [f"167,Kul,{year},1.5,kt CO2e/a,hinku" for year in range(1990, 2000)]
    bad = [
        (3, "167,Kul,19x1,1.5,kt CO2e/a,hinku", "not a year"),
        (6, "167,Kul,1994,-2,kt CO2e/a,hinku", "negative values"),
        (9, "167,Kul,1997,1.5,GWh/a,hinku", "one file holds one unit; line 2 has 'kt CO2e/a'"),
        (10, "167,Kxl,1998,1.5,kt CO2e/a,hinku", "unknown sector key"),
    ]
    for line, text, _ in bad:
        good[line - 2] = text
    body = HEADER + "\n" + "\n".join(good) + "\n"
    for newline in ("\n", "\r\n"):
        messages = read_problems(tmp_path, body, newline=newline)
        assert len(messages) == len(bad), messages
        for message, (line, _, expected) in zip(messages, bad, strict=True):
            assert f"line {line}," in message
            assert expected in message


def test_rows_in_any_order_read_the_same(tmp_path: Path) -> None:
    inventory = pohjois_karjala()
    write_tidy_csv(inventory, tmp_path / "pk.csv")
    header, *rows = (tmp_path / "pk.csv").read_text(encoding="utf-8").splitlines()
    order = np.random.default_rng(7).permutation(len(rows))
    shuffled = [rows[0], *(rows[i] for i in order if i != 0)]  # keep the first cell first
    (tmp_path / "shuffled.csv").write_text("\n".join([header, *shuffled]), encoding="utf-8")
    back = read_tidy_csv(tmp_path / "shuffled.csv")
    assert back.rule == inventory.rule
    assert sorted(back.areas) == sorted(inventory.areas)
    assert back.sectors.labels[0] == inventory.sectors.labels[0]
    again = back.sel(areas=list(inventory.areas), sectors=list(inventory.sectors))
    np.testing.assert_array_equal(again.magnitude, inventory.magnitude)
    (tmp_path / "dup.csv").write_text("\n".join([header, *shuffled, rows[5]]), encoding="utf-8")
    with pytest.raises(DataFormatError) as excinfo:
        read_tidy_csv(tmp_path / "dup.csv")
    (problem,) = excinfo.value.problems
    assert problem.line == len(rows) + 2
    assert f"already on line {shuffled.index(rows[5]) + 2}" in str(problem)


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(
        st.one_of(
            st.decimals(min_value=0, max_value=10**9, allow_nan=False, places=3).map(str),
            st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False).map(repr),
            st.sampled_from(["0", "007.50", "5.", ".5", "0.1", "1e-05", "2.5E+3", "", "+1.25"]),
            st.integers(0, 10**15).map(str),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_values_read_exactly_as_python_reads_them(texts: list[str]) -> None:
    # short decimals go through the vectorised m / 10**f path, the rest through numpy's
    # string conversion: both must give exactly float(text) (within the ±1e15 bound every
    # reader keeps: a larger figure is refused, see test_syke_shared_checks)
    rows = [f"167,Kul,{1990 + i},{text},kt CO2e/a,hinku" for i, text in enumerate(texts)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        read = read_tidy_csv(path).magnitude[0, 0]
    expected = [float(t) if t else math.nan for t in texts]
    np.testing.assert_array_equal(read, np.array(expected))
