"""The bundled files' fast reader gives exactly what the csv module gives."""

from __future__ import annotations

import csv
import io
from importlib import resources

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
