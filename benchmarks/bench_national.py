"""A national inventory from every municipality's SYKE file, against pandas doing the same.

Target (issue 9): assembling the national inventory from all 308 municipalities' SYKE files
costs at most **2x** what pandas takes to read and concatenate the same files. This is a
measurement, not a pass/fail test: it prints the ratio and whether the target is met, and
always exits 0.

**The files are synthetic** (see ``bench_syke.py``): SYKE's real layout and leaves, the value
columns filled by tiling the real Pohjois-Karjala figures bundled with canemure, one file
``kunta_<n>.csv`` for each of the 308 real municipality codes of canemure's reference list
(each file starts the tiling elsewhere, so files differ); 91 leaves x 20 years = 1,820 rows
each, 560,560 rows in all. They are not the inventory of any municipality.

``canemure``
    ``read_syke_csv(path, energy=False).emissions`` for each file (every cell validated, each
    row mapped to its leaf), then one :func:`canemure.datasets.stack_areas` (which joins them
    with :meth:`EmissionInventory.concat`): a (308, 91 HINKU leaves, 20 years) inventory.
``pandas``
    ``pandas.read_csv`` of each file with the same dtypes (``bench_syke.pandas_read``), then
    one ``pandas.concat``. Nothing is validated or reshaped.

Before timing, the two are checked to agree: every municipality's values in the inventory
equal the pandas frame's ``kt`` (``kt_tuuli`` on the credits leaf) per leaf and year. The two
sides are run alternately (``--repeats`` times each) and the medians compared.

Usage::

    python benchmarks/bench_national.py [--repeats 5] [--municipalities 308]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_syke beside this file

import bench_syke

from canemure.datasets import stack_areas
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory
from canemure.io.syke_csv import read_syke_csv
from canemure.sectors import HINKU, sector_hierarchy

TARGET_RATIO = 2.0
"""The national inventory may cost at most this multiple of pandas' read and concat."""


def municipality_codes(count: int | None = None) -> list[str]:
    """The real municipality codes of canemure's reference list (the first ``count``)."""
    codes = [m.code for m in gazetteer().municipalities]
    return codes if count is None else codes[:count]


def write_files(folder: Path, codes: Sequence[str]) -> list[Path]:
    """One synthetic ``kunta_<n>.csv`` per code (module docstring); returns their paths."""
    paths = []
    for k, code in enumerate(codes):
        path = folder / f"kunta_{int(code)}.csv"
        path.write_text(
            bench_syke.syke_file_text(bench_syke.STANDARD_YEARS, offset=37 * k), encoding="utf-8"
        )
        paths.append(path)
    return paths


def canemure_national(paths: Sequence[Path]) -> EmissionInventory:
    """Read every file with canemure and stack the municipalities into one inventory."""
    return stack_areas([read_syke_csv(path, **bench_syke.ENERGY).emissions for path in paths])


def pandas_national(paths: Sequence[Path]) -> Any:
    """Read every file with pandas and concatenate them into one frame."""
    import pandas as pd

    return pd.concat(
        [bench_syke.pandas_read(path) for path in paths], keys=range(len(paths)), names=["file"]
    )


def check(paths: Sequence[Path]) -> None:
    """Raise ``AssertionError`` unless both sides give the same figures."""
    inventory = canemure_national(paths)
    frame = pandas_national(paths)
    tree = sector_hierarchy()
    leaves = [leaf.key for leaf in HINKU.leaves(tree)]
    assert list(inventory.sectors) == leaves, "sector axes differ"
    codes = [f"{int(path.stem.split('_')[1]):03d}" for path in paths]
    assert list(inventory.areas) == codes, "area axes differ"
    years = sorted(set(frame["vuosi"].tolist()))
    assert list(inventory.years) == years, "year axes differ"
    expected = np.zeros((len(paths), len(leaves), len(years)))
    position = {leaf: j for j, leaf in enumerate(leaves)}
    column = {year: k for k, year in enumerate(years)}
    value = np.where(frame["taso_3"] == "Tuu", frame["kt_tuuli"], frame["kt"])
    rows = zip(
        frame.index.get_level_values("file"),
        frame["taso_3"],
        frame["taso_4"],
        frame["taso_5"],
        frame["hinku_laskenta"],
        frame["päästökauppa"],
        frame["vuosi"],
        value,
        strict=True,
    )
    keys: dict[tuple[str, str, str, bool, bool], str] = {}
    for i, a3, a4, a5, h, e, year, v in rows:
        combo = (a3, a4, a5, bool(h), bool(e))
        key = keys.get(combo) or keys.setdefault(
            combo, tree.leaf_key(a3, a4, a5, hinku=combo[3], ets=combo[4])
        )
        if key in position:
            expected[i, position[key], column[int(year)]] += v
    got = inventory.values.m_as("kt CO2e / a")
    assert np.array_equal(np.isnan(got), np.isnan(expected)), "not-estimated cells differ"
    assert np.allclose(got, expected, equal_nan=True, rtol=0, atol=1e-9), "values differ"


def measure(paths: Sequence[Path], repeats: int) -> dict[str, float]:
    """Median wall and CPU seconds of each side, run alternately."""
    samples: dict[str, list[float]] = {k: [] for k in ("ours", "theirs", "ours_cpu", "theirs_cpu")}
    for _ in range(repeats):
        for side, call in (("ours", canemure_national), ("theirs", pandas_national)):
            wall, cpu = time.perf_counter(), time.process_time()
            call(paths)
            samples[f"{side}_cpu"].append(time.process_time() - cpu)
            samples[side].append(time.perf_counter() - wall)
    return {key: statistics.median(values) for key, values in samples.items()}


def run(municipalities: int | None = None, repeats: int = 5) -> dict[str, float]:
    """Write the files, check, time; return the figures."""
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), municipality_codes(municipalities))
        check(paths)
        m = measure(paths, repeats)
    return {
        "files": len(paths),
        "rows": len(paths) * 91 * len(bench_syke.STANDARD_YEARS),
        "canemure_s": m["ours"],
        "pandas_s": m["theirs"],
        "ratio": m["ours"] / m["theirs"],
        "cpu_ratio": m["ours_cpu"] / m["theirs_cpu"],
    }


def report(result: dict[str, float]) -> str:
    """The figures as text."""
    met = "met" if result["ratio"] <= TARGET_RATIO else "NOT met"
    return (
        f"national inventory from {int(result['files'])} SYKE files ({int(result['rows'])} rows,"
        " synthetic: real Pohjois-Karjala figures tiled over the 308 municipality codes)\n"
        f"canemure read_syke_csv + stack_areas: {result['canemure_s']:.3f} s\n"
        f"pandas read_csv + concat:             {result['pandas_s']:.3f} s\n"
        f"ratio {result['ratio']:.2f} (target <= {TARGET_RATIO}x: {met}); "
        f"CPU-time ratio {result['cpu_ratio']:.2f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--municipalities", type=int, default=None, help="only the first N")
    args = parser.parse_args(argv)
    print(report(run(args.municipalities, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
