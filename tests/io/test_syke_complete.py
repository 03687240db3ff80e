"""SYKE open-data files as complete accounts, and the checks that make that rule safe.

Files are built here in SYKE's layout (see ``tests/fake_syke.py``); expected sums are computed
in each test from the rows it wrote.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from canemure.errors import DataFormatError
from canemure.io._csvtools import UnreadableFileError
from canemure.io.syke_csv import (
    SYKE_CSV_COLUMNS,
    ShortYearWarning,
    read_syke_csv,
    read_syke_population,
)
from canemure.sectors import ALL, HINKU, HINKU_WITH_CREDITS, Sector, sector_hierarchy

TREE = sector_hierarchy()
LEAVES = [leaf for leaf in TREE.leaves if not leaf.key.startswith("Tuu/")]


def row(leaf_key: str, year: int, kt: str, gwh: str = "1,0", kt_tuuli: str | None = None) -> str:
    """One line in SYKE's documented column order."""
    leaf = TREE[leaf_key]
    a3, a4, a5 = leaf.key.split(":")[0].split("/")
    return ";".join(
        [
            kt,
            kt if kt_tuuli is None else kt_tuuli,
            gwh,
            str(year),
            "TRUE" if leaf.hinku else "FALSE",
            "TRUE" if leaf.ets else "FALSE",
            a3,
            a4,
            a5,
        ]
    )


def write(path: Path, lines: Sequence[str], *, end: str = "\n") -> Path:
    path.write_text(";".join(SYKE_CSV_COLUMNS) + "\n" + "\n".join(lines) + end, encoding="utf-8")
    return path


def kt(inventory: object, sector: str, year: int) -> float:
    from canemure.inventory import EmissionInventory

    assert isinstance(inventory, EmissionInventory)
    return float(inventory.value(inventory.areas.labels[0], sector, year).m_as("kt CO2e / a"))


def fmt(value: float) -> str:
    return repr(value).replace(".", ",")


# ------------------------------------------------------------------ the complete-account rule
def test_subset_of_leaves_reproduces_the_files_own_sums(tmp_path: Path) -> None:
    heating = [leaf.key for leaf in HINKU.leaves() if leaf.key.startswith("Kul/")]
    oil = [leaf.key for leaf in HINKU.leaves() if leaf.key.startswith("Ölj/")]
    assert len(heating) > 2 and len(oil) > 1
    listed = {heating[0]: 12.5, heating[2]: 3.25, oil[0]: 7.75}  # two of Kul's leaves, one Ölj
    lines = [
        row(key, year, fmt(value + year - 2020))
        for year in (2020, 2021)
        for key, value in listed.items()
    ]
    data = read_syke_csv(write(tmp_path / "kunta_167.csv", lines))
    level3 = data.emissions.aggregate_sectors(3)
    for year in (2020, 2021):
        shift = year - 2020
        kul = listed[heating[0]] + listed[heating[2]] + 2 * shift
        olj = listed[oil[0]] + shift
        assert kt(level3, "Kul", year) == kul
        assert kt(level3, "Ölj", year) == olj
        assert kt(level3, "Tie", year) == 0.0  # a sector without rows: zero, not "not estimated"
        assert kt(data.emissions.total(), "total", year) == kul + olj
        # a leaf without a row is zero, emissions and energy alike
        assert kt(data.emissions, heating[1], year) == 0.0
        assert data.energy.value("167", heating[1], year).m_as("GWh / a") == 0.0
    assert list(data.emissions.years) == [2020, 2021]


def test_explicit_null_is_not_estimated_and_so_is_its_sector(tmp_path: Path) -> None:
    heating = [leaf.key for leaf in HINKU.leaves() if leaf.key.startswith("Kul/")]
    for null in ("NA", "NULL", ""):
        lines = [row(heating[0], 2020, "2,5"), row(heating[1], 2020, null, gwh=null)]
        data = read_syke_csv(write(tmp_path / "kunta_167.csv", lines))
        assert math.isnan(kt(data.emissions, heating[1], 2020))
        assert math.isnan(data.energy.value("167", heating[1], 2020).magnitude)
        assert math.isnan(kt(data.emissions.aggregate_sectors(3), "Kul", 2020))
        assert kt(data.emissions.aggregate_sectors(3), "Tie", 2020) == 0.0


def test_a_year_the_file_does_not_cover_is_not_estimated(tmp_path: Path) -> None:
    data = read_syke_csv(write(tmp_path / "kunta_167.csv", [row(LEAVES[0].key, 2020, "1,0")]))
    assert list(data.emissions.years) == [2020]
    with pytest.raises(LookupError):
        data.emissions.value("167", LEAVES[0].key, 2021)


def test_credits_leaf_without_a_row_is_zero_and_with_na_not_estimated(tmp_path: Path) -> None:
    lines = [
        row("Tuu/Tuu/Tuu:H-", 2020, "NA", kt_tuuli="-4,5"),
        row(LEAVES[0].key, 2021, "1,0"),
        row("Tuu/Tuu/Tuu:H-", 2022, "NA", kt_tuuli="NA"),
    ]
    data = read_syke_csv(write(tmp_path / "kunta_167.csv", lines), rule=HINKU_WITH_CREDITS)
    assert kt(data.emissions, "Tuu/Tuu/Tuu:H-", 2020) == -4.5
    assert kt(data.emissions, "Tuu/Tuu/Tuu:H-", 2021) == 0.0
    assert math.isnan(kt(data.emissions, "Tuu/Tuu/Tuu:H-", 2022))


@given(
    chosen=st.lists(
        st.tuples(
            st.sampled_from(LEAVES), st.sampled_from([2019, 2020, 2021]), st.integers(0, 400_000)
        ),
        min_size=1,
        max_size=60,
        unique_by=lambda t: (t[0].key, t[1]),
    )
)
def test_every_sector_equals_the_plain_sum_of_the_listed_rows(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[tuple[Sector, int, int]]
) -> None:
    # quarters are exact in binary, so any summation order gives the same float
    rows = sorted(((leaf.key, year, q / 4) for leaf, year, q in chosen), key=lambda r: (r[0], r[1]))
    path = write(
        tmp_path_factory.mktemp("syke") / "kunta_167.csv",
        [row(key, year, fmt(value)) for key, year, value in rows],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortYearWarning)
        try:
            data = read_syke_csv(path, rule=ALL)
        except DataFormatError as exc:
            # a random subset can look like a download cut short (its last year lacks the
            # leaves that follow): refusing it is the truncation rule, tested below
            assume("looks cut off" not in str(exc))
            raise
    years = sorted({year for _, year, _ in rows})
    assert list(data.emissions.years) == years
    for level in range(6):
        inventory = data.emissions.aggregate_sectors(level)
        for sector in inventory.sectors.labels:
            under = {leaf.key for leaf in TREE.leaves_under(sector)} if sector != "total" else None
            for year in years:
                expected = sum(
                    v for key, y, v in rows if y == year and (under is None or key in under)
                )
                assert kt(inventory, sector, year) == expected, (level, sector, year)


# ------------------------------------------------------------------ truncation
def full_year(year: int, value: str = "0,5") -> list[str]:
    return [row(leaf.key, year, value) for leaf in LEAVES]


def test_file_without_final_newline_is_refused(tmp_path: Path) -> None:
    lines = [*full_year(2020), *full_year(2021)]
    lines[-1] = lines[-1][: lines[-1].index(";")][:-1]  # cut inside the last row's first value
    path = write(tmp_path / "kunta_167.csv", lines, end="")
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    (problem,) = excinfo.value.problems
    assert "file looks cut off" in problem.message
    assert problem.line == len(lines) + 1
    # the same rows with a final line end are fine (both LF and CRLF)
    read_syke_csv(write(tmp_path / "kunta_167.csv", lines[:-1], end="\n"))
    read_syke_csv(write(tmp_path / "kunta_167.csv", lines[:-1], end="\r\n"))


def test_file_cut_at_a_line_boundary_in_its_last_year_is_refused(tmp_path: Path) -> None:
    kept = 30
    lines = [*full_year(2020), *full_year(2021), *full_year(2022)[:kept]]
    path = write(tmp_path / "kunta_167.csv", lines)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    (problem,) = excinfo.value.problems
    assert "looks cut off" in problem.message
    assert f"year 2022 lists {kept} rows where the file's other years list {len(LEAVES)}" in (
        problem.message
    )
    assert f"it lacks {len(LEAVES) - kept}: {LEAVES[kept].key}, " in problem.message
    assert problem.line == len(lines) + 1


def test_short_year_in_the_middle_is_reported_not_refused(tmp_path: Path) -> None:
    middle = full_year(2021)[:30]  # a prefix, but 2022 follows: not a cut at the end
    lines = [*full_year(2020), *middle, *full_year(2022)]
    with pytest.warns(ShortYearWarning, match="year 2021 lists 30 rows") as record:
        data = read_syke_csv(write(tmp_path / "kunta_167.csv", lines))
    assert len(record) == 1
    (short,) = data.short_years
    assert short.year == 2021
    assert short.rows == 30
    assert short.lacks == tuple(leaf.key for leaf in LEAVES[30:])
    assert kt(data.emissions, LEAVES[40].key, 2021) == 0.0  # read as a complete account


def test_short_last_year_lacking_leaves_here_and_there_is_reported_not_refused(
    tmp_path: Path,
) -> None:
    last = full_year(2022)[::2]  # every other leaf: not what a cut leaves behind
    lines = [*full_year(2020), *full_year(2021), *last]
    with pytest.warns(ShortYearWarning, match="year 2022"):
        data = read_syke_csv(write(tmp_path / "kunta_167.csv", lines))
    assert data.short_years[0].lacks == tuple(leaf.key for leaf in LEAVES[1::2])


def test_few_leaves_fewer_in_the_last_year_is_normal(tmp_path: Path) -> None:
    lines = [*full_year(2020), *full_year(2021), *full_year(2022)[:-4]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = read_syke_csv(write(tmp_path / "kunta_167.csv", lines))
    assert data.short_years == ()


def test_single_year_file_cannot_be_compared(tmp_path: Path) -> None:
    data = read_syke_csv(write(tmp_path / "kunta_167.csv", full_year(2020)[:10]))
    assert data.short_years == ()


# ------------------------------------------------------------------ values
@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("kt", "1e400", "not a finite number (too large for a float"),
        ("kt", "-1e400", "not a finite number (too large for a float"),
        ("kt", "inf", "not a finite number"),
        ("kt", "nan", "not a finite number"),
        ("kt", "1e30", "emissions is impossibly large (beyond ±100 000 kt CO2e/a)"),
        ("kt", "100000,5", "emissions is impossibly large"),
        ("kt_tuuli", "2e5", "emissions is impossibly large"),
        ("GWh", "1e7", "energy use is impossibly large (beyond ±1 000 000 GWh/a)"),
    ],
)
def test_impossible_values_are_refused_with_line_column_and_value(
    tmp_path: Path, column: str, value: str, expected: str
) -> None:
    fields = row(LEAVES[0].key, 2020, "1,0").split(";")
    fields[SYKE_CSV_COLUMNS.index(column)] = value
    path = write(tmp_path / "kunta_167.csv", [row(LEAVES[1].key, 2020, "1,0"), ";".join(fields)])
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    (message,) = [str(p) for p in excinfo.value.problems]
    assert message.startswith(f"{path}, line 3, column {column!r}: {expected}")
    assert message.endswith(f"(value {value!r})")


def test_largest_plausible_value_is_accepted(tmp_path: Path) -> None:
    # Raahe's or Porvoo's industry is a few thousand kt: far below the bound
    path = write(tmp_path / "kunta_167.csv", [row(LEAVES[0].key, 2020, "99999,9", gwh="999999")])
    assert kt(read_syke_csv(path, rule=ALL).emissions, LEAVES[0].key, 2020) == 99999.9


POP_HEADER = "kuntanro;kunta_fi;maakunta_fi;asukasluku\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "population must be positive"),
        ("12000000", "population is impossibly large (beyond ±10 000 000 residents)"),
        ("1e400", "not a finite number"),
        ("inf", "not a finite number"),
        ("77326,5", "population must be a whole number"),
    ],
)
def test_impossible_population(tmp_path: Path, value: str, expected: str) -> None:
    path = tmp_path / "asukasluvut_2023.csv"
    path.write_text(
        POP_HEADER + f"91;Helsinki;Uusimaa;664028\n167;Joensuu;P-K;{value}\n", encoding="utf-8"
    )
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_population(path)
    (message,) = [str(p) for p in excinfo.value.problems]
    assert f"line 3, column 'asukasluku': {expected}" in message
    assert f"(value {value!r})" in message


def test_population_file_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "asukasluvut_2023.csv"
    path.write_text(POP_HEADER + "91;Helsinki;Uusimaa;664028\n167;Joensuu;P-K;773", "utf-8")
    with pytest.raises(DataFormatError, match="looks cut off"):
        read_syke_population(path)


# ------------------------------------------------------------------ identity
def test_file_name_and_argument_must_agree(tmp_path: Path) -> None:
    path = write(tmp_path / "kunta_91.csv", full_year(2020)[:3])
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path, municipality="Joensuu")
    (message,) = [str(p) for p in excinfo.value.problems]
    assert "the file name says municipality 091 (Helsinki)" in message
    assert "municipality='Joensuu' names 167 (Joensuu)" in message
    assert "rename the file or pass the municipality it holds" in message
    assert "(value 'kunta_91.csv')" in message
    # agreeing spellings are fine, and the result says where the municipality came from
    data = read_syke_csv(path, municipality="Helsinki")
    assert data.municipality == "091"
    assert data.municipality_from == "the municipality= argument ('Helsinki')"
    data = read_syke_csv(path)
    assert data.municipality_from == "the file name 'kunta_91.csv'"
    source = data.emissions.sources["091"][0]
    assert "municipality 091 from the file name 'kunta_91.csv'" in str(source.notes)
    renamed = write(tmp_path / "joensuu.csv", full_year(2020)[:3])
    assert read_syke_csv(renamed, municipality=167).municipality == "167"
    with pytest.raises(DataFormatError, match="pass municipality="):
        read_syke_csv(renamed)


# ------------------------------------------------------------------ odd paths
@pytest.mark.parametrize(
    ("name", "read"),
    [("kunta_167.csv", read_syke_csv), ("asukasluvut_2023.csv", read_syke_population)],
)
def test_folder_named_like_a_csv_file(
    tmp_path: Path, name: str, read: Callable[[Path], object]
) -> None:
    folder = tmp_path / name
    folder.mkdir()
    with pytest.raises(DataFormatError) as excinfo:
        read(folder)
    (message,) = [str(p) for p in excinfo.value.problems]
    assert f"{folder} is a folder, not a file" in message
    assert "header" not in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "kunta_167.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataFormatError, match=r"is a named pipe \(FIFO\), not a regular file"):
        read_syke_csv(fifo)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_dev_null_is_refused() -> None:
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv("/dev/null", municipality="167")
    (message,) = [str(p) for p in excinfo.value.problems]
    assert "/dev/null is a character device, not a regular file" in message
    assert "save the data to a file first" in message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "kunta_167.csv", full_year(2020)[:3])

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(UnreadableFileError) as excinfo:
        read_syke_csv(path)
    assert isinstance(excinfo.value, OSError)
    assert isinstance(excinfo.value, DataFormatError)
    (message,) = [str(p) for p in excinfo.value.problems]
    assert f"cannot read {path}: permission denied" in message
    assert "chmod u+r" in message


def test_missing_file_stays_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_syke_csv(tmp_path / "kunta_167.csv")


def test_cut_inside_a_letter_is_cut_off_not_an_encoding_problem(tmp_path: Path) -> None:
    text = ";".join(SYKE_CSV_COLUMNS) + "\n" + row("Ölj/Ölj/Asu:H-", 2020, "1,0") + "\n"
    data = text.encode("utf-8") + "1,0;1,0;1,0;2021;TRUE;FALSE;Ö".encode()[:-1]
    path = tmp_path / "kunta_167.csv"
    path.write_bytes(data)
    with pytest.raises(DataFormatError) as excinfo:
        read_syke_csv(path)
    (problem,) = excinfo.value.problems
    assert "looks cut off" in problem.message
    assert problem.line == 3
