"""canemure's tidy CSV reader against ``pandas.read_csv`` of the same file, and name look-ups.

Goals (issue 9), measured as ratios in one run; this script prints and never fails on time:

* ``read_tidy_csv`` within **2x** ``pandas.read_csv`` of the same file with the same dtypes
  (``area``, ``sector``, ``unit``, ``rule`` as text, ``year`` int64, ``value`` float64), and
  linear in rows: the time per row about the same at 1x and 4x the national size. Validation
  stays complete (every problem located by line and column; ``tests/io/test_tidy_csv.py``).
* ``SectorHierarchy.find`` by name no longer re-folds every name on every call: the time of
  one look-up per row of the bundled Pohjois-Karjala file (3,549 rows) is reported.

The files are **synthetic**: the real Pohjois-Karjala HINKU rows tiled over the 308 real
municipality codes (``bench_inventory.tiled_inventory``), 308 x 13 sectors x 21 years =
84,084 rows, and the same repeated 4 times with area names ``<code>.<copy>`` (336,336 rows).
Before timing, the pandas frame and the inventory are checked to hold the same cells.

Usage::

    python benchmarks/bench_io.py [--repeats 9] [--copies 1 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import timeit
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_inventory

from canemure.inventory import EmissionInventory
from canemure.io.tidy_csv import read_tidy_csv, write_tidy_csv
from canemure.sectors import sector_hierarchy

TARGET_RATIO = 2.0
DTYPES = {"area": str, "sector": str, "year": "int64", "value": "float64", "unit": str, "rule": str}


def read_with_pandas(path: Path) -> Any:
    """The plain side: ``pandas.read_csv`` with the tidy file's dtypes."""
    import pandas as pd

    return pd.read_csv(path, dtype=DTYPES, keep_default_na=False, na_values=[""])


def check(inventory: EmissionInventory, frame: Any) -> None:
    """Raise ``AssertionError`` unless the frame holds the inventory's cells (axis order)."""
    a, s, y = inventory.shape
    if len(frame) != a * s * y:
        raise AssertionError("pandas and read_tidy_csv read different numbers of rows")
    if list(dict.fromkeys(frame["area"])) != list(inventory.areas):
        raise AssertionError("pandas and read_tidy_csv read different areas")
    if not np.array_equal(frame["year"].to_numpy()[:y], np.array(inventory.years.labels)):
        raise AssertionError("pandas and read_tidy_csv read different years")
    if not np.array_equal(frame["value"].to_numpy(), inventory.magnitude.ravel(), equal_nan=True):
        raise AssertionError("pandas and read_tidy_csv read different values")


def time_read(path: Path, repeats: int) -> dict[str, float]:
    """Median wall and CPU seconds of ``read_tidy_csv`` and of pandas, interleaved.

    CPU time (``time.process_time``) is reported too: on a shared machine it is far less
    disturbed by other jobs than wall time.
    """
    samples: dict[str, list[float]] = {k: [] for k in ("ours", "theirs", "ours_cpu", "theirs_cpu")}
    read_tidy_csv(path)
    read_with_pandas(path)
    for _ in range(repeats):
        for side, call in (("ours", read_tidy_csv), ("theirs", read_with_pandas)):
            wall, cpu = time.perf_counter(), time.process_time()
            call(path)
            samples[f"{side}_cpu"].append(time.process_time() - cpu)
            samples[side].append(time.perf_counter() - wall)
    return {key: statistics.median(values) for key, values in samples.items()}


def time_find(repeats: int) -> tuple[float, int]:
    """Median seconds of one ``find(name, 3)`` per row of the bundled Pohjois-Karjala file,
    and the number of rows."""
    from canemure._resources import read_bundled_csv

    names = [
        row["sector_fi"]
        for row in read_bundled_csv("emissions_pohjois_karjala_alas_hinku_1990_2005_2024.csv")
    ]
    tree = sector_hierarchy()

    def find_all() -> None:
        for name in names:
            tree.find(name, 3)

    find_all()
    samples = timeit.repeat(find_all, repeat=repeats, number=1)
    return statistics.median(samples), len(names)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the ratios; always returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="samples (median)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4], help="national sizes")
    args = parser.parse_args(argv)
    print(f"{'file':<34}{'rows':>9}{'ours ms':>10}{'pandas ms':>11}{'ratio':>7}{'cpu ratio':>10}"
          f"{'us/row':>8}  target <= {TARGET_RATIO} (wall)")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for copies in args.copies:
            inventory = bench_inventory.tiled_inventory(copies)
            path = Path(folder) / f"national-x{copies}.csv"
            started = timeit.default_timer()
            write_tidy_csv(inventory, path)
            wrote = timeit.default_timer() - started
            back = read_tidy_csv(path)
            check(back, read_with_pandas(path))
            m = time_read(path, args.repeats)
            ours, theirs = m["ours"], m["theirs"]
            rows = int(np.prod(back.shape))
            ratio = ours / theirs
            met = "met" if ratio <= TARGET_RATIO else "NOT met"
            print(
                f"{'tidy CSV, PK tiled x' + str(copies) + ' (synthetic)':<34}{rows:>9}"
                f"{ours * 1e3:>10.1f}{theirs * 1e3:>11.1f}{ratio:>7.2f}"
                f"{m['ours_cpu'] / m['theirs_cpu']:>10.2f}{ours / rows * 1e6:>8.2f}"
                f"  {met} (write_tidy_csv {wrote * 1e3:.0f} ms)"
            )
    seconds, count = time_find(args.repeats)
    print(f"SectorHierarchy.find(name, 3) x {count} rows: {seconds * 1e3:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
