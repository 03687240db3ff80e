"""The number and path checks of ``canemure.io._csvtools`` reach every CSV reader.

They were written for SYKE's files; the tidy CSV reader (``canemure.io.tidy_csv``) gets them
without a change of its own, which these tests pin down.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from canemure.errors import DataFormatError
from canemure.io._csvtools import MAX_MAGNITUDE, parse_decimal
from canemure.io.tidy_csv import read_tidy_csv

HEADER = "area,sector,year,value,unit,rule\n"


@pytest.mark.parametrize(
    ("text", "decimal"), [("1e400", "."), ("-1e400", "."), ("1,5e999", ","), ("9" * 400, ".")]
)
def test_overflow_to_infinity_is_refused(text: str, decimal: str) -> None:
    with pytest.raises(ValueError, match="overflows to infinity"):
        parse_decimal(text, decimal=decimal)


@pytest.mark.parametrize(
    ("text", "expected"), [("1,5", 1.5), ("-2,5e3", -2500.0), (",5", 0.5), (" 7 ", 7.0)]
)
def test_ordinary_numbers_still_parse(text: str, expected: float) -> None:
    assert parse_decimal(text) == expected
    assert math.isnan(parse_decimal("NA"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1e400", "not a finite number (too large for a float"),
        ("1e30", "value is impossibly large (beyond ±1e+15)"),
        ("inf", "not a finite number"),
    ],
)
def test_tidy_csv_refuses_impossible_values(tmp_path: Path, value: str, expected: str) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + f"167,Kul,2020,1.5,kt CO2e/a,hinku\n167,Kul,2021,{value},"
                    "kt CO2e/a,hinku\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataFormatError) as excinfo:
        read_tidy_csv(path)
    (message,) = [str(p) for p in excinfo.value.problems]
    assert f"line 3, column 'value': {expected}" in message
    assert f"(value {value!r})" in message


def test_tidy_csv_accepts_values_below_the_generic_bound(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    big = MAX_MAGNITUDE / 10  # e.g. Finland's emissions in grams would still fit
    path.write_text(HEADER + f"167,Kul,2020,{big!r},g CO2e/a,hinku\n", encoding="utf-8")
    assert read_tidy_csv(path).magnitude[0, 0, 0] == big


def test_tidy_csv_folder_and_pipe(tmp_path: Path) -> None:
    folder = tmp_path / "inventory.csv"
    folder.mkdir()
    with pytest.raises(DataFormatError, match="is a folder, not a file"):
        read_tidy_csv(folder)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        with pytest.raises(DataFormatError, match=r"named pipe \(FIFO\)"):
            read_tidy_csv(fifo)
