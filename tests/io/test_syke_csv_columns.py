"""The column-wise path of ``read_syke_csv`` gives exactly what the row-by-row path gives.

``read_syke_csv`` first checks a plain file column by column and reads it row by row only when
something might be wrong (to locate every problem). Here every file is read both ways (the
row-by-row way by switching the column-wise check off) and the results are compared; the
files are valid variants of SYKE's layout built in each test, and invalid cells that only a
column-wise check could miss.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from canemure.errors import DataFormatError, ProblemCollector
from canemure.io import syke_csv
from canemure.io._csvtools import (
    CsvColumns,
    CsvTable,
    parse_decimal,
    read_csv_columns,
    read_csv_table,
)
from canemure.io.syke_csv import SYKE_CSV_COLUMNS, read_syke_csv
from canemure.sectors import ALL, HINKU, HINKU_WITH_CREDITS, sector_hierarchy

TREE = sector_hierarchy()


def line(leaf_key: str, year: int, kt: str, gwh: str = "1,0", kt_tuuli: str | None = None) -> str:
    """One row in SYKE's documented column order."""
    leaf = TREE[leaf_key]
    a3, a4, a5 = leaf.key.split(":")[0].split("/")
    flags = ["TRUE" if leaf.hinku else "FALSE", "TRUE" if leaf.ets else "FALSE"]
    return ";".join([kt, kt if kt_tuuli is None else kt_tuuli, gwh, str(year), *flags, a3, a4, a5])


def write(tmp_path: Path, lines: list[str], *, end: str = "\n") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "kunta_91.csv"
    path.write_bytes((end.join([";".join(SYKE_CSV_COLUMNS), *lines]) + end).encode("utf-8"))
    return path


def both_ways(
    monkeypatch: pytest.MonkeyPatch, read: Callable[[], syke_csv.SykeMunicipalityData]
) -> tuple[syke_csv.SykeMunicipalityData, syke_csv.SykeMunicipalityData]:
    """``read()`` column-wise (the row-by-row path must not run), then row by row."""
    with monkeypatch.context() as patch:
        patch.setattr(syke_csv, "_checked_rows", _must_not_run)
        fast = read()
    with monkeypatch.context() as patch:
        patch.setattr(syke_csv, "_fast_rows", lambda table, tree: None)
        slow = read()
    return fast, slow


def _must_not_run(*args: object) -> object:
    raise AssertionError("a plain, valid file was read row by row")


def assert_same(a: syke_csv.SykeMunicipalityData, b: syke_csv.SykeMunicipalityData) -> None:
    for x, y in ((a.emissions, b.emissions), (a.energy, b.energy)):
        assert x is not None and y is not None
        assert list(x.sectors) == list(y.sectors)
        assert list(x.years) == list(y.years)
        assert str(x.unit) == str(y.unit)
        np.testing.assert_array_equal(x.values.magnitude, y.values.magnitude)  # NaN == NaN here
    assert a.short_years == b.short_years
    assert a.municipality_from == b.municipality_from


LEAF_KEYS = [leaf.key for leaf in TREE.leaves if not leaf.key.startswith("Tuu/")]
CREDIT = next(leaf.key for leaf in TREE.leaves if leaf.key.startswith("Tuu/"))


def test_a_plain_file_is_read_column_wise_with_every_value_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = [leaf.key for leaf in HINKU_WITH_CREDITS.leaves(TREE) if leaf.key != CREDIT]
    rows = [line(keys[0], 2020, "1,5", "2,25"), line(keys[1], 2020, "NA", "")]
    rows += [line(CREDIT, 2020, "NA", "0", kt_tuuli="-3,5"), line(keys[0], 2021, "1e-3")]
    path = write(tmp_path, rows)
    fast, slow = both_ways(monkeypatch, lambda: read_syke_csv(path, rule=HINKU_WITH_CREDITS))
    assert_same(fast, slow)
    values = fast.emissions.sel(years=[2020]).values.m_as("kt CO2e / a")[0, :, 0]
    sectors = list(fast.emissions.sectors)
    assert values[sectors.index(keys[0])] == 1.5
    assert math.isnan(values[sectors.index(keys[1])])  # NA: not estimated
    assert values[sectors.index(CREDIT)] == -3.5  # the credit comes from kt_tuuli
    assert values[sectors.index(keys[2])] == 0.0  # no row: zero (complete account)
    assert fast.energy is not None
    energy = fast.energy.values.m_as("GWh / a")[0, :, 0]
    assert energy[sectors.index(keys[0])] == 2.25
    assert math.isnan(energy[sectors.index(keys[1])])  # an empty cell: not estimated


CELL = st.one_of(
    st.sampled_from(["NA", "NULL", "", " NA", "0", "0,0", "12,5", "-0", ",5", "5,"]),
    st.decimals(min_value=0, max_value=99_999, places=3, allow_nan=False).map(
        lambda d: str(d).replace(".", ",")
    ),
    st.builds(lambda m, e: f"{m}e{e}", st.integers(0, 999), st.integers(-5, 1)),
    st.builds(lambda n: f" {n} ", st.integers(0, 9)),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=12),
    crlf=st.booleans(),
    years=st.lists(st.integers(1990, 2024), min_size=1, max_size=3, unique=True),
)
def test_column_wise_and_row_by_row_agree_on_valid_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cells: list[tuple[str, str]],
    crlf: bool,
    years: list[int],
) -> None:
    rows = [
        line(LEAF_KEYS[i], year, kt, gwh)
        for year in years
        for i, (kt, gwh) in enumerate(cells)
        if not kt.startswith("-")
    ]
    assume(rows)  # a file with no data rows is refused, by both paths alike
    path = write(tmp_path, rows, end="\r\n" if crlf else "\n")
    with monkeypatch.context() as patch:
        patch.setattr(syke_csv, "_fast_rows", lambda table, tree: None)
        slow = read_syke_csv(path, rule=ALL)
    fast = read_syke_csv(path, rule=ALL)
    assert_same(fast, slow)


@pytest.mark.parametrize(
    ("cell", "column", "message"),
    [
        ("NAN", "kt", "not a finite number"),
        ("nan", "kt", "not a finite number"),
        ("1.5", "kt", "decimal mark"),
        ("1e400", "kt", "overflows"),
        ("1_000", "kt", "not a number"),
        ("200000", "kt", "impossibly large"),
        ("-1", "kt", "negative emissions"),
        ("-1", "GWh", "must not be negative"),
        ("1,5,0", "GWh", "not a number"),
        ("NUL", "GWh", "not a number"),
    ],
)
def test_a_bad_number_is_located_whichever_path_finds_it(
    tmp_path: Path, cell: str, column: str, message: str
) -> None:
    good = line(LEAF_KEYS[0], 2020, "1,0")
    bad = line(
        LEAF_KEYS[1], 2020, cell if column == "kt" else "1,0", cell if column == "GWh" else "1,0"
    )
    path = write(tmp_path, [good, bad])
    with pytest.raises(DataFormatError) as caught:
        read_syke_csv(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, column)
    assert message in problem.message


def test_a_duplicate_row_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, [line(LEAF_KEYS[0], 2020, "1,0"), line(LEAF_KEYS[0], 2020, "2,0")])
    with pytest.raises(DataFormatError, match="duplicate row") as caught:
        read_syke_csv(path)
    assert caught.value.problems[0].line == 3


def test_energy_false_leaves_the_energy_out_and_the_emissions_alone(tmp_path: Path) -> None:
    path = write(tmp_path, [line(LEAF_KEYS[0], 2020, "1,5", "2,0")])
    with_energy = read_syke_csv(path)
    without = read_syke_csv(path, energy=False)
    assert without.energy is None
    assert with_energy.energy is not None
    np.testing.assert_array_equal(
        without.emissions.values.magnitude, with_energy.emissions.values.magnitude
    )
    bad = write(tmp_path, [line(LEAF_KEYS[0], 2020, "1,5", "-2,0")])
    with pytest.raises(DataFormatError, match="must not be negative"):
        read_syke_csv(bad, energy=False)  # the GWh column is still checked


def test_a_short_year_is_found_on_the_column_wise_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaves = LEAF_KEYS[:40]
    rows = [line(key, 2019, "1,0") for key in leaves]
    rows += [line(key, 2020, "1,0") for key in leaves[::3]]  # short, not at the end's order
    rows += [line(key, 2021, "1,0") for key in leaves]
    path = write(tmp_path, rows)

    def read() -> syke_csv.SykeMunicipalityData:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", syke_csv.ShortYearWarning)
            return read_syke_csv(path, rule=HINKU)

    fast, slow = both_ways(monkeypatch, read)
    assert_same(fast, slow)
    assert [s.year for s in fast.short_years] == [2020]


def test_plain_columns_are_the_rows_read_csv_table_gives(tmp_path: Path) -> None:
    path = write(tmp_path, [line(LEAF_KEYS[0], 2020, "1,5"), line(LEAF_KEYS[1], 2021, "NA")])
    args = {"separator": ";", "required": SYKE_CSV_COLUMNS}
    columns = read_csv_columns(path, ProblemCollector(str(path)), **args)
    assert isinstance(columns, CsvColumns)
    table = read_csv_table(path, ProblemCollector(str(path)), **args)
    assert columns.to_table() == table


@pytest.mark.parametrize(
    "text",
    [
        'kt;GWh\n"1,5";2\n',  # quoted
        "kt;GWh\n1;2\n\n3;4\n",  # a blank line
        "kt;GWh\n1;2;3\n4;5\n",  # a row with a field too many (and one too few)
        "kt;GWh\r1;2\r",  # old Mac line ends
        "kt;Gwh;x\n1;2;3\n",  # an unexpected column
    ],
)
def test_files_that_are_not_plain_are_read_by_the_csv_parser(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    got_problems = ProblemCollector(str(path))
    want_problems = ProblemCollector(str(path))
    args = {"separator": ";", "required": ("kt", "GWh")}
    got = read_csv_columns(path, got_problems, **args)
    assert isinstance(got, CsvTable)
    assert got == read_csv_table(path, want_problems, **args)
    assert got_problems.problems == want_problems.problems


# ------------------------------------------------------------------ malformed cells, both ways
BAD_NUMBERS = [
    "1.5",
    "1,5,0",
    ",",
    "-",
    "--1",
    "+1",
    "-,5",
    "1e400",
    "1e",
    "e1",
    "NAN",
    "nan",
    "inf",
    "Inf",
    "1_000",
    "NUL",
    "na",
    " NA ",
    "NULL ",
    "1 000",
    "200000",
    "-0,0",
    "1,5e+2",
    "0000000000000001,5",
    "12345678901234,5",
    "1234567890123456",
    "9" * 30,
    "1,2345678901234",
    "-99999,999",
    "100000,0001",
    "１",
    "٣",
]
"""Number cells that are not plain decimals: every form CsvRow.number treats specially."""

BAD_NUMBER = st.one_of(
    st.sampled_from(BAD_NUMBERS),
    st.text(alphabet="0123456789,.-+eENAUL \t", max_size=20),
)
"""Number cells, mostly not valid: every form CsvRow.number treats specially, random ones."""

NUMBER_CELL = st.one_of(CELL, CELL, CELL, CELL, CELL, CELL, BAD_NUMBER)
"""Number cells, most of them valid (so that a file often has a single bad cell)."""


TEXT_VARIANTS: dict[str, list[str]] = {
    "vuosi": [" 2020", "2020 ", "02020", "2020,0", "1989", "2200", "", "NA"],
    "hinku_laskenta": ["true", " TRUE", "", "kyllä", "ei", "x", "1", "FALSE"],
    "päästökauppa": ["false", "0", "F", "EI", "", "NA", "yes ", "TRUE"],
    "taso_3": ["kul", "Kul ", "", "NA", "Tuu", "Xyz", "Kulk"],
    "taso_4": ["KUL", "", "Asu", "ÄÄÄ"],
    "taso_5": [" Asu", "", "NULL", "Läp", "Sä"],
}
"""Text cells that a valid file's cell may be replaced by (some valid, most not)."""


def test_every_malformed_cell_alone_in_a_valid_file_is_refused_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bad number in each number column, each text variant in its column, one at a time."""
    valid = [line(key, 2020, "1,5", "2,25") for key in LEAF_KEYS[:3]]
    valid.append(line(CREDIT, 2020, "NA", "0", kt_tuuli="-3,5"))
    cases = [(column, text) for column in ("kt", "kt_tuuli", "GWh") for text in BAD_NUMBERS]
    cases += [(column, text) for column, texts in TEXT_VARIANTS.items() for text in texts]
    for n, (column, text) in enumerate(cases):
        cells = valid[1].split(";")
        cells[SYKE_CSV_COLUMNS.index(column)] = text
        path = write(tmp_path / str(n), [valid[0], ";".join(cells), *valid[2:]])
        fast = _read_or_problems(path)
        with monkeypatch.context() as patch:
            patch.setattr(syke_csv, "_fast_rows", lambda table, tree: None)
            slow = _read_or_problems(path)
        if isinstance(slow, list):
            assert fast == slow, (column, text)
        else:
            assert not isinstance(fast, list), (column, text)
            assert_same(fast, slow)


def _read_or_problems(path: Path) -> syke_csv.SykeMunicipalityData | list[tuple[object, ...]]:
    try:
        return read_syke_csv(path, rule=ALL)
    except DataFormatError as exc:
        return [(p.line, p.column, p.message, p.value) for p in exc.problems]


def _pick(choice: int, valid: str, others: list[str]) -> str:
    """The valid text for choices 0-29, else one of ``others``."""
    return valid if choice < 30 else others[choice % len(others)]


ROW = st.tuples(
    st.sampled_from([*LEAF_KEYS, CREDIT]),
    NUMBER_CELL,
    NUMBER_CELL,
    NUMBER_CELL,
    st.lists(st.integers(0, 35), min_size=6, max_size=6),
)
"""A leaf, three number cells, and which variant of each text cell to write."""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=8), crlf=st.booleans())
def test_malformed_cells_are_refused_alike_whichever_way_the_file_is_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[tuple[str, str, str, str, list[int]]],
    crlf: bool,
) -> None:
    """The column-wise check may only accept what the row-by-row path accepts, and alike.

    Every cell may be malformed: numbers (NUMBER_CELL), years, flags and abbreviations with
    blanks, other cases and spellings, and invalid leaves. Either both paths raise the same
    problems, or both read the same inventories.
    """
    lines = []
    for i, (key, kt, kt_wind, gwh, pick) in enumerate(rows):
        leaf = TREE[key]
        a3, a4, a5 = leaf.key.split(":")[0].split("/")
        hinku, ets = ("TRUE" if leaf.hinku else "FALSE"), ("TRUE" if leaf.ets else "FALSE")
        year = str(2015 + i % 3)
        texts = [
            _pick(choice, valid, TEXT_VARIANTS[column])
            for choice, valid, column in zip(
                pick, (year, hinku, ets, a3, a4, a5), SYKE_CSV_COLUMNS[3:], strict=True
            )
        ]
        cells = [kt, kt_wind, gwh, *texts]
        if any(";" in c or "\n" in c or "\r" in c or '"' in c for c in cells):
            continue
        lines.append(";".join(cells))
    assume(lines)
    path = write(tmp_path, lines, end="\r\n" if crlf else "\n")

    def read() -> syke_csv.SykeMunicipalityData | list[tuple[object, ...]]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", syke_csv.ShortYearWarning)
                return read_syke_csv(path, rule=ALL)
        except DataFormatError as exc:
            return [(p.line, p.column, p.message, p.value) for p in exc.problems]

    fast = read()
    with monkeypatch.context() as patch:
        patch.setattr(syke_csv, "_fast_rows", lambda table, tree: None)
        slow = read()
    if isinstance(slow, list):
        assert fast == slow  # the same problems, each with its line, column and value
    else:
        assert not isinstance(fast, list)
        assert_same(fast, slow)


# ------------------------------------------------------------------ numbers on the bytes
def _column(tmp_path: Path, cells: list[str]) -> CsvColumns:
    path = tmp_path / "numbers.csv"
    path.write_bytes(("x;y\n" + "".join(f"{c};0\n" for c in cells)).encode("utf-8"))
    table = read_csv_columns(path, ProblemCollector(str(path)), separator=";", required=("x", "y"))
    assert isinstance(table, CsvColumns)
    return table


DECIMAL = st.builds(
    lambda sign, whole, mark, fraction: sign + whole + mark + fraction,
    st.sampled_from(["", "-"]),
    st.text(alphabet="0123456789", max_size=16),
    st.sampled_from(["", ","]),
    st.text(alphabet="0123456789", max_size=16),
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.one_of(DECIMAL, CELL, BAD_NUMBER), min_size=1, max_size=30))
def test_decimals_on_the_bytes_are_exactly_what_parse_decimal_gives(
    tmp_path: Path, cells: list[str]
) -> None:
    cells = [c for c in cells if ";" not in c and "\n" not in c and "\r" not in c and '"' not in c]
    assume(cells)
    short = [c for c in cells if len(c.encode("utf-8")) <= 8]  # the one-word way
    for texts in (cells, short) if short else (cells,):
        _check_decimals(tmp_path, texts)


def _check_decimals(tmp_path: Path, cells: list[str]) -> None:
    table = _column(tmp_path, cells)
    values, odd = table.decimals("x", mark=",", nulls=("NA", "NULL", ""))
    odd_rows = set(odd.tolist())
    for i, text in enumerate(cells):
        digits = sum(ch.isdigit() for ch in text)
        plain = re.fullmatch(r"-?[0-9]*(,[0-9]*)?", text) is not None and 1 <= digits <= 15
        if text in ("NA", "NULL", ""):
            assert i not in odd_rows and math.isnan(values[i])
        elif plain:  # read on the bytes, bit for bit what float() gives (-0.0 too)
            assert i not in odd_rows
            expected = parse_decimal(text)
            assert values[i] == expected, text
            assert math.copysign(1, values[i]) == math.copysign(1, expected), text
        else:  # left to the caller, who parses it one by one
            assert i in odd_rows and math.isnan(values[i]), text


def test_decimals_with_a_point_and_long_cells(tmp_path: Path) -> None:
    cells = ["0.1", "123456789012345", "-12345678.1234567", "1.5e3", "0.00000000000001", "x"]
    table = _column(tmp_path, cells)
    values, odd = table.decimals("x", mark=".")
    assert values[:3].tolist() == [0.1, 123456789012345.0, -12345678.1234567]
    assert values[4] == 1e-14  # 15 digits: still exact
    assert odd.tolist() == [3, 5]  # an exponent and text: the caller's to parse
    short = _column(tmp_path, ["-0.5", "12.25", "-.5", "7.", "-0", "9999999", "1.2.3", "+1"])
    values, odd = short.decimals("x", mark=".")  # every cell one word
    assert values[:6].tolist() == [-0.5, 12.25, -0.5, 7.0, -0.0, 9999999.0]
    assert math.copysign(1, values[4]) == -1
    assert odd.tolist() == [6, 7]
