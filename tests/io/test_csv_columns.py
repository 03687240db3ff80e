"""The byte-level column readers of ``canemure.io._csvtools`` against plain Python.

``split_plain_bytes`` finds the cells of a plain file on its bytes; ``CsvColumns.factorize``
gives each column's distinct texts and a code per row. Both are compared here with what
``str.split`` and a dict give on generated files, including non-ASCII texts, texts longer
than one 8-byte word, and files the splitter must refuse (quotes, blank lines, ragged rows).
The tidy reader's byte path is compared with its row-by-row path on malformed files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canemure.errors import DataFormatError
from canemure.io import tidy_csv
from canemure.io._csvtools import split_plain_bytes
from canemure.io.tidy_csv import TIDY_COLUMNS, read_tidy_csv

TEXT = st.one_of(
    st.sampled_from(["", "a", "Kul", "kt CO2e/a", "Säh", "hinku", "1990", "ääääääääää", "x" * 64]),
    st.text(
        alphabet=st.characters(blacklist_characters=';\n\r"\x00', blacklist_categories=["Cs"]),
        max_size=20,
    ),
)


def _factorized(texts: list[str]) -> tuple[list[str], list[int]]:
    index: dict[str, int] = {}
    return list(dict.fromkeys(texts)), [index.setdefault(t, len(index)) for t in texts]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=40), runs=st.booleans())
def test_columns_on_the_bytes_are_what_split_and_a_dict_give(
    rows: list[tuple[str, str]], runs: bool
) -> None:
    if runs:  # long runs of equal cells, as in a file written in axis order
        rows = [row for row in rows for _ in range(3)]
    body = "".join(f"{a};{b}\n" for a, b in rows).encode("utf-8")
    table = split_plain_bytes(body, source="t.csv", columns=("a", "b"), separator=";")
    assert table is not None
    assert table.n_rows == len(rows)
    for j, name in enumerate(("a", "b")):
        texts = [row[j] for row in rows]
        assert table.texts(name) == texts
        assert [table.cell(i, name) for i in range(len(rows))] == texts
        assert table.lengths(name).tolist() == [len(t.encode("utf-8")) for t in texts]
        found = table.factorize(name)
        assert found is not None
        assert (found[0], found[1].tolist()) == _factorized(texts)  # first appearance first
        unordered = table.factorize(name, ordered=False)
        assert unordered is not None
        distinct, codes = unordered
        assert sorted(distinct) == sorted(set(texts))
        assert [distinct[c] for c in codes.tolist()] == texts


@pytest.mark.parametrize(
    "body",
    [
        b'1;"2"\n',  # a quote: the CSV parser's job
        b"1;2\n\n3;4\n",  # a blank line
        b"1;2;3\n4;5\n",  # a field too many, then the right number
        b"1\n2;3;4\n",  # too few, then too many (the total is right)
        b"1;2\r\n",  # CR LF (the callers turn it into LF first)
        b"1;\x002\n",  # a zero byte
        b"",  # no rows
    ],
)
def test_files_the_splitter_cannot_prove_plain_are_refused(body: bytes) -> None:
    assert split_plain_bytes(body, source="t.csv", columns=("a", "b"), separator=";") is None


def test_the_last_line_end_may_be_missing() -> None:
    table = split_plain_bytes(b"1;2\n3;4", source="t.csv", columns=("a", "b"), separator=";")
    assert table is not None
    assert table.texts("b") == ["2", "4"]


def test_texts_longer_than_64_bytes_are_not_factorised_on_the_bytes() -> None:
    body = ("a;" + "x" * 65 + "\n").encode("utf-8")
    table = split_plain_bytes(body, source="t.csv", columns=("a", "b"), separator=";")
    assert table is not None
    assert table.factorize("b") is None
    assert table.words("b") is None
    assert table.factorize("a") == (["a"], pytest.approx(np.array([0])))


# ------------------------------------------------------------------ the tidy reader both ways
TIDY_CELLS = {
    "area": ["167", "426", "", " 167", "NA", "Joensuu", "٣٣٣"],
    "sector": ["Kul", "Tie", "", "kul", "Kxl", "total", "Kau/Kau/Asu:HE", "Tuu"],
    "year": ["1990", "2024", "2100", "2101", "1989", "19x1", "", " 2020", "02020"],
    "value": ["1.5", "-2", "", "not estimated", "NA", "1e-05", "1,5", "1.2.3", "nan", "1e400",
              "1e16", "0.30000000000000004", "+1", " 1.5", "-0.0", "12345678901234567890"],
    "unit": ["kt CO2e/a", "kt CO2e / a", "GWh/a", "", "kg", "parsecs", "kilotonne CO2e / year"],
    "rule": ["hinku", "hinku-credits", "all", "", "HINKU", "nope"],
}  # fmt: skip
"""Cells, valid and not, for each tidy column."""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(st.integers(0, 40), min_size=6, max_size=6), min_size=1, max_size=10))
def test_tidy_files_read_alike_on_the_bytes_and_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[int]]
) -> None:
    """Either the same problems (line, column, message, value) both ways, or the same data."""
    lines = []
    for i, picks in enumerate(rows):
        cells = []
        for name, pick in zip(TIDY_COLUMNS, picks, strict=True):
            choices = TIDY_CELLS[name]
            if name == "year" and pick < 30:
                cells.append(str(1990 + i))  # mostly valid and distinct
            else:
                cells.append(choices[0] if pick < 30 else choices[pick % len(choices)])
        lines.append(",".join(cells))
    path = tmp_path / "tidy.csv"
    path.write_text(",".join(TIDY_COLUMNS) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")

    def read() -> object:
        try:
            inventory = read_tidy_csv(path)
        except DataFormatError as exc:
            return [(p.line, p.column, p.message, p.value) for p in exc.problems]
        return (inventory.areas.labels, inventory.sectors.labels, inventory.years.labels,
                str(inventory.unit), inventory.rule.id, inventory.magnitude.tolist())  # fmt: skip

    fast = read()
    with monkeypatch.context() as patch:
        patch.setattr(tidy_csv, "_split_bytes", lambda body, columns: None)
        slow = read()
    assert repr(fast) == repr(slow)  # repr: NaN equals NaN
