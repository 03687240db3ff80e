"""Side-by-side cost of ``read_syke_csv`` against ``pandas.read_csv`` of the same SYKE file.

Target (issue 9): reading a SYKE ``kunta_<n>.csv`` costs at most **2x** ``pandas.read_csv`` of
the same file with the same dtypes, and grows linearly with the rows. This is a measurement,
not a pass/fail test: it prints each ratio and whether the target is met, and always exits 0.

**The files are synthetic.** :func:`syke_file_text` writes SYKE's real layout (the nine
columns, semicolons, decimal commas, every one of the 91 ALas leaves with its real
abbreviations and flags, one block of rows per year) and fills the value columns by tiling the
real Pohjois-Karjala figures bundled with canemure
(``emissions_pohjois_karjala_alas_hinku_1990_2005_2024.csv``, kt CO2e, one decimal) over the
rows. Those figures are sector totals, not leaf values: the files have SYKE's shape and
realistic number texts, but they are not the inventory of any municipality. The standard file
has 91 leaves x 20 years (2005-2024) = 1,820 rows; larger files repeat the leaves under more
years (``--sizes`` are row counts rounded to whole years; at most 1990..next year, the
range the reader accepts: 38 years, 3,458 rows).

Both sides read the same bytes from disk:

``canemure``
    ``read_syke_csv(path, energy=False)`` (the default HINKU rule): decode, check the header,
    parse and validate every cell (every problem located), map each row to its ALas leaf,
    check duplicates and truncation, and build the emission inventory (a pint Quantity with
    labelled axes and a source).
``pandas``
    ``pandas.read_csv(path, sep=";", decimal=",", dtype=...)`` with the same dtypes: float64
    for ``kt``, ``kt_tuuli`` and ``GWh``, int64 for ``vuosi``, bool for the flags (with SYKE's
    spellings as ``true_values``/``false_values``), str for the abbreviations, and ``NA``,
    ``NULL`` and empty as the nulls. Nothing is validated and nothing is built.

Before timing, the two are checked to agree: the emission inventory's values equal the
pandas frame's ``kt`` (``kt_tuuli`` on the credits leaf) summed per leaf and year over the
rows of the rule's leaves. Calls are interleaved (canemure, pandas, canemure, ...); the median
of ``--repeats`` samples of ``--number`` calls each is reported.

Usage::

    python benchmarks/bench_syke.py [--repeats 21] [--number 5] [--sizes 455 1820 3458]
                                    [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import inspect
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

try:
    import canemure  # noqa: F401
except ImportError:  # run from a checkout without installing: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from canemure._resources import read_bundled_csv
from canemure.io._csvtools import last_year
from canemure.io.syke_csv import SYKE_CSV_COLUMNS, read_syke_csv
from canemure.sectors import HINKU, sector_hierarchy

ENERGY: dict[str, Any] = (
    {"energy": False} if "energy" in inspect.signature(read_syke_csv).parameters else {}
)
"""Leave the energy inventory out where the reader can (older versions always build it)."""

TARGET_RATIO = 2.0
"""``read_syke_csv`` may cost at most this multiple of ``pandas.read_csv``."""

STANDARD_YEARS = tuple(range(2005, 2025))
"""The years of the standard file: 91 leaves x 20 years = 1,820 rows."""

MAX_YEARS = last_year() - 1990 + 1
"""A file's years run from 1990 to next year at most (the reader's range)."""

PANDAS_DTYPES: dict[str, Any] = {
    "kt": "float64",
    "kt_tuuli": "float64",
    "GWh": "float64",
    "vuosi": "int64",
    "hinku_laskenta": "bool",
    "päästökauppa": "bool",
    "taso_3": "str",
    "taso_4": "str",
    "taso_5": "str",
}


def real_figures() -> list[str]:
    """The bundled Pohjois-Karjala figures (kt CO2e, one decimal), as SYKE writes numbers."""
    rows = read_bundled_csv("emissions_pohjois_karjala_alas_hinku_1990_2005_2024.csv")
    return [row["emission_ktco2e"].replace(".", ",") for row in rows]


def syke_file_text(years: Sequence[int], *, offset: int = 0) -> str:
    """A synthetic SYKE ``kunta_<n>.csv``: all 91 leaves in each of ``years`` (module docstring).

    ``offset`` starts the tiling of the real figures elsewhere, so files differ.
    """
    figures = real_figures()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(SYKE_CSV_COLUMNS)
    i = offset
    for year in years:
        for leaf in sector_hierarchy().leaves:
            a3, a4, a5 = leaf.key.split(":")[0].split("/")
            kt = figures[i % len(figures)]
            energy = figures[(i + 7) % len(figures)]
            i += 1
            credit = a3 == "Tuu"
            writer.writerow(
                [
                    "NA" if credit else kt,
                    "-" + kt if credit else kt,
                    energy,
                    year,
                    "TRUE" if leaf.hinku else "FALSE",
                    "TRUE" if leaf.ets else "FALSE",
                    a3,
                    a4,
                    a5,
                ]
            )
    return out.getvalue()


def pandas_read(path: Path) -> Any:
    """``pandas.read_csv`` of a SYKE file with the same dtypes (module docstring)."""
    import pandas as pd

    return pd.read_csv(
        path,
        sep=";",
        decimal=",",
        dtype=PANDAS_DTYPES,
        true_values=["TRUE", "true", "True", "1", "yes", "kyllä", "T", "t"],
        false_values=["FALSE", "false", "False", "0", "no", "ei", "F", "f"],
        na_values=["NA", "NULL", ""],
        keep_default_na=False,
        encoding="utf-8",
    )


def canemure_read(path: Path) -> Any:
    """``read_syke_csv`` of the same file, emissions only."""
    return read_syke_csv(path, municipality="091", **ENERGY)


def check(path: Path) -> None:
    """Raise ``AssertionError`` unless both sides give the same emissions per leaf and year."""
    inventory = canemure_read(path).emissions
    frame = pandas_read(path)
    tree = sector_hierarchy()
    keys = [
        tree.leaf_key(a3, a4, a5, hinku=bool(h), ets=bool(e))
        for a3, a4, a5, h, e in zip(
            frame["taso_3"],
            frame["taso_4"],
            frame["taso_5"],
            frame["hinku_laskenta"],
            frame["päästökauppa"],
            strict=True,
        )
    ]
    value = np.where(frame["taso_3"] == "Tuu", frame["kt_tuuli"], frame["kt"])
    leaves = [leaf.key for leaf in HINKU.leaves(tree)]
    years = sorted(set(frame["vuosi"].tolist()))
    expected = np.zeros((1, len(leaves), len(years)))
    position = {leaf: j for j, leaf in enumerate(leaves)}
    column = {year: k for k, year in enumerate(years)}
    for key, year, v in zip(keys, frame["vuosi"].tolist(), value.tolist(), strict=True):
        if key in position:
            expected[0, position[key], column[year]] += v
    assert list(inventory.sectors) == leaves, "sector axes differ"
    assert list(inventory.years) == years, "year axes differ"
    got = inventory.values.m_as("kt CO2e / a")
    assert np.array_equal(np.isnan(got), np.isnan(expected)), "not-estimated cells differ"
    assert np.allclose(got, expected, equal_nan=True, rtol=0, atol=1e-9), "values differ"


def write_files(folder: Path, sizes: Sequence[int]) -> list[tuple[int, Path]]:
    """Write one synthetic file per size (rows, rounded to whole years of the 91 leaves).

    1,820 rows are the standard years 2005-2024; other sizes take years from 1990 on, at most
    up to next year (the reader's range): 38 years, 3,458 rows.
    """
    leaves = len(sector_hierarchy().leaves)
    out = []
    for size in sizes:
        n_years = min(MAX_YEARS, max(1, round(size / leaves)))
        years = STANDARD_YEARS if n_years == len(STANDARD_YEARS) else range(1990, 1990 + n_years)
        path = folder / f"kunta_91_{n_years}y.csv"
        path.write_text(syke_file_text(years), encoding="utf-8")
        out.append((n_years * leaves, path))
    return out


def measure(path: Path, repeats: int, number: int) -> dict[str, float]:
    """Median wall and CPU seconds per call of each side, interleaved.

    CPU time (``time.process_time``) is reported too: on a shared machine it is far less
    disturbed by other jobs than wall time.
    """
    samples: dict[str, list[float]] = {k: [] for k in ("ours", "theirs", "ours_cpu", "theirs_cpu")}
    for _ in range(repeats):
        for side, call in (("ours", canemure_read), ("theirs", pandas_read)):
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(number):
                call(path)
            samples[f"{side}_cpu"].append((time.process_time() - cpu) / number)
            samples[side].append((time.perf_counter() - wall) / number)
    return {key: statistics.median(values) for key, values in samples.items()}


def profile(path: Path, calls: int = 20, lines: int = 25) -> str:
    """cProfile of ``calls`` canemure reads, top entries by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        canemure_read(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def run(
    sizes: Sequence[int] = (455, 1820, 3458), repeats: int = 21, number: int = 5
) -> list[dict[str, float]]:
    """Check, then time each size; return one row per size (rows, ms each side, ratio)."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        files = write_files(Path(folder), sizes)
        for _, path in files:
            check(path)
        canemure_read(files[0][1])  # warm the process-wide caches (hierarchy, gazetteer)
        pandas_read(files[0][1])
        for rows, path in files:
            m = measure(path, repeats, number)
            results.append(
                {
                    "rows": rows,
                    "canemure_ms": m["ours"] * 1e3,
                    "pandas_ms": m["theirs"] * 1e3,
                    "ratio": m["ours"] / m["theirs"],
                    "cpu_ratio": m["ours_cpu"] / m["theirs_cpu"],
                }
            )
    return results


def report(results: Sequence[dict[str, float]]) -> str:
    """The results as a table, with the per-row cost to show linearity."""
    lines = [
        f"{'rows':>7} {'canemure ms':>12} {'pandas ms':>10} {'ratio':>6} {'cpu ratio':>9} "
        f"{'us/row':>7}  target (wall)",
    ]
    for r in results:
        met = "met" if r["ratio"] <= TARGET_RATIO else "NOT met"
        lines.append(
            f"{int(r['rows']):>7} {r['canemure_ms']:>12.2f} {r['pandas_ms']:>10.2f} "
            f"{r['ratio']:>6.2f} {r['cpu_ratio']:>9.2f} "
            f"{1e3 * r['canemure_ms'] / r['rows']:>7.2f}  <= {TARGET_RATIO}x {met}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--number", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[455, 1820, 3458])
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    print("read_syke_csv vs pandas.read_csv, synthetic SYKE files (real Pohjois-Karjala figures")
    print("tiled over the 91 ALas leaves; see the module docstring)")
    print(report(run(args.sizes, args.repeats, args.number)))
    if args.profile:
        with tempfile.TemporaryDirectory() as folder:
            ((_, path),) = write_files(Path(folder), args.sizes[:1])
            print(profile(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
