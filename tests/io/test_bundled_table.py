"""The bundled files' fast reader gives exactly what the csv module gives."""

from __future__ import annotations

import csv
import io
from importlib import resources

import numpy as np
import pytest

from canemure.io.bundled import _bundled_table, bundled_area_codes, pohjois_karjala

_FILES = sorted(
    entry.name
    for entry in resources.files("canemure").joinpath("data").iterdir()
    if entry.name.endswith(".csv")
)


@pytest.mark.parametrize("name", _FILES)
def test_bundled_table_equals_csv_reader(name: str) -> None:
    text = resources.files("canemure").joinpath("data").joinpath(name).read_text("utf-8")
    expected = [row for row in csv.reader(io.StringIO(text)) if row]
    columns, rows = _bundled_table(name)
    assert list(columns) == expected[0]
    assert list(columns.values()) == list(range(len(expected[0])))
    assert rows == expected[1:]


def test_bundled_area_codes_are_the_inventorys_areas() -> None:
    codes = bundled_area_codes()
    assert len(codes) == 13
    assert codes == frozenset(pohjois_karjala().areas)


def _district_heating_table() -> tuple[dict[str, int], list[list[str]]]:
    from canemure.io.bundled import _DH_FILE

    return _bundled_table(_DH_FILE)


def test_district_heating_columns_equal_the_row_by_row_reading() -> None:
    from canemure.errors import ProblemCollector
    from canemure.io.bundled import _district_heating_fast, _district_heating_rows

    columns, rows = _district_heating_table()
    fast = _district_heating_fast(columns, rows)
    assert fast is not None
    problems = ProblemCollector("test")
    slow = _district_heating_rows(columns, rows, problems)
    assert not problems
    assert fast[:3] == slow[:3]
    assert np.array_equal(fast[3], slow[3]) and np.array_equal(fast[4], slow[4])
    assert list(fast[5].items()) == list(slow[5].items())
    assert list(fast[6].items()) == list(slow[6].items())


_BROKEN = {  # what is changed -> the line and column the problem must name
    "a number": (3, "emission_ktco2e", "x", 5),
    "a flag": (7, "emissions_trading", "maybe", 9),
    "an implied factor": (11, "implied_emission_factor_kgco2e_per_kwh", "9.5", 13),
    "a negative number": (12, "energy_use_gwh", "-1", 14),
    "a name": (20, "municipality_name_in_source", "Elsewhere", 22),
}


@pytest.mark.parametrize("what", [*_BROKEN, "a duplicate row", "a short row"])
def test_each_district_heating_problem_leaves_the_columns_and_is_located(what: str) -> None:
    from canemure.errors import ProblemCollector
    from canemure.io.bundled import _district_heating_fast, _district_heating_rows

    columns, rows = _district_heating_table()
    rows = [list(fields) for fields in rows]
    if what in _BROKEN:
        index, column, value, line = _BROKEN[what]
        rows[index][columns[column]] = value
        expected_column: str | None = None if what == "a name" else column
    else:
        rows.append(list(rows[30]) if what == "a duplicate row" else rows[0][:-1])
        line, expected_column = len(rows) + 1, None
    assert _district_heating_fast(columns, rows) is None
    problems = ProblemCollector("test")
    _district_heating_rows(columns, rows, problems)
    assert (line, expected_column) in {(p.line, p.column) for p in problems.problems}


def test_pohjois_karjala_columns_equal_the_row_by_row_reading() -> None:
    from canemure.io.bundled import _pk_cells_by_row, _pk_cells_fast
    from canemure.sectors import sector_hierarchy

    fast = _pk_cells_fast(sector_hierarchy())
    slow = _pk_cells_by_row(sector_hierarchy())
    assert fast is not None
    assert fast[:3] == slow[:3]
    assert np.array_equal(fast[3], slow[3])


def test_pohjois_karjala_duplicate_or_bad_rows_leave_the_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from canemure.io import bundled
    from canemure.sectors import sector_hierarchy

    table = bundled._bundled_columns(bundled._PK_FILE)
    assert table is not None
    columns, n = table
    duplicated = {name: [*values, values[-1]] for name, values in columns.items()}
    monkeypatch.setattr(bundled, "_bundled_columns", lambda name: (duplicated, n + 1))
    assert bundled._pk_cells_fast(sector_hierarchy()) is None
    bad = {name: list(values) for name, values in columns.items()}
    bad["emission_ktco2e"][5] = "1,5"
    monkeypatch.setattr(bundled, "_bundled_columns", lambda name: (bad, n))
    assert bundled._pk_cells_fast(sector_hierarchy()) is None


def test_bundled_columns_refuse_a_ragged_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from canemure.io import bundled

    monkeypatch.setattr(bundled, "package_text", lambda *parts: "a,b\n1,2\n3\n")
    assert bundled._bundled_columns("x.csv") is None
    monkeypatch.setattr(bundled, "package_text", lambda *parts: "a,b\n1,2\n3,4\n")
    assert bundled._bundled_columns("x.csv") == ({"a": ["1", "3"], "b": ["2", "4"]}, 2)
