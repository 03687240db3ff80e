"""Whole ``canemure`` processes against the plainest code that does the same, side by side.

Targets (issue 9), every figure the median wall time of fresh processes:

* ``canemure baseline pohjois-karjala`` <= **1.5x** ``python -c "import numpy, pint"``;
* ``canemure --help`` and ``canemure plugins`` <= **0.5x** of it, importing neither numpy nor
  pint (checked with ``python -X importtime`` before timing);
* with all 308 municipalities' SYKE files in the user cache (``CANEMURE_CACHE_DIR``, a
  temporary folder), ``canemure baseline uusimaa`` <= **1.5x** a pandas script that reads and
  sums Uusimaa's 26 files (``PANDAS_SCRIPT``; it prints the same HINKU totals, which are
  checked against ``canemure baseline uusimaa --format json`` before timing).

This is a measurement, not a pass/fail test: it prints the figures and always exits 0.

**The cached files are synthetic** (see ``bench_syke.py`` and ``bench_national.py``): SYKE's
layout and leaves, values tiled from the real Pohjois-Karjala figures, one file per real
municipality code. ``baseline pohjois-karjala`` runs with an empty cache, so it reads the data
bundled with canemure and the region adapters, as after a fresh install.

Processes run in turns (reference, help, plugins, ..., reference, help, ...) so load changes
hit every command alike. Each command runs once before timing, with ``PYTHONDONTWRITEBYTECODE``
removed from the environment, so every process finds its bytecode cached, as an installed
package does.

``--before CHECKOUT`` also times the four canemure commands of another checkout of the
repository (e.g. a ``git worktree`` of main), run with ``PYTHONPATH`` naming its ``src`` and
its adapters' ``src`` folders, in the same turns: "before" and "after" in one run.

Usage::

    python benchmarks/bench_startup.py [--runs 11] [--only help plugins ...] [--before DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_national beside this file

import bench_national

try:
    import canemure  # noqa: F401
except ImportError:  # run from a checkout without installing: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

REFERENCE = "numpy+pint"
TARGETS: dict[str, tuple[str, float]] = {
    "help": (REFERENCE, 0.5),
    "plugins": (REFERENCE, 0.5),
    "baseline pohjois-karjala": (REFERENCE, 1.5),
    "baseline uusimaa (cache)": ("pandas uusimaa", 1.5),
}
"""Each timed command's reference command and the target ratio."""

QUOTED: dict[str, str] = {
    "import canemure": REFERENCE,
    "import canemure.units": REFERENCE,
    "pint.UnitRegistry()": REFERENCE,
}
"""Commands measured against a reference without a target (issue 7 asks to quote them)."""

PANDAS_SCRIPT = """
import sys
import pandas as pd
dtypes = {"kt": "float64", "kt_tuuli": "float64", "GWh": "float64", "vuosi": "int64",
          "hinku_laskenta": "bool", "päästökauppa": "bool",
          "taso_3": "str", "taso_4": "str", "taso_5": "str"}
frames = [
    pd.read_csv(path, sep=";", decimal=",", dtype=dtypes, na_values=["NA", "NULL", ""],
                keep_default_na=False, true_values=["TRUE"], false_values=["FALSE"])
    for path in sys.argv[1:]
]
rows = pd.concat(frames)
hinku = rows[rows["hinku_laskenta"] & (rows["taso_3"] != "Tuu")]
totals = hinku.groupby("vuosi")["kt"].sum()
for year in (2007, int(totals.index.max())):
    print(year, round(float(totals[year]), 6))
"""
"""Reads and sums a region's SYKE files: HINKU (leaves counted in HINKU, no credits) per year."""


def canemure_command() -> list[str]:
    """How to start the ``canemure`` command of this interpreter's environment."""
    script = Path(sys.executable).with_name("canemure")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "canemure.cli.main"]


def environment(cache: Path) -> dict[str, str]:
    """The environment of every process: bytecode caches on, the given user cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CANEMURE_CACHE_DIR"] = str(cache)
    src = Path(__file__).resolve().parents[1] / "src"
    if "canemure" not in sys.modules or str(src) in sys.path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def build_cache(folder: Path, codes: Sequence[str]) -> list[Path]:
    """Write one synthetic SYKE file per code into ``folder/files``, store each in the user
    cache at ``folder/cache``; return the files."""
    from canemure.io.cache import Cache
    from canemure.io.download import syke_cache_path

    files = bench_national.write_files(_mkdir(folder / "files"), codes)
    cache = Cache(folder / "cache")
    for path in files:
        relative = syke_cache_path(path.name)
        assert relative is not None
        cache.store_bytes(relative, path.read_bytes(), f"synthetic {path.name}", "import")
    return files


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def commands(folder: Path, region_files: Sequence[Path]) -> dict[str, tuple[list[str], Path]]:
    """Each command and the user cache it runs with."""
    canemure_ = canemure_command()
    empty = _mkdir(folder / "empty-cache")
    full = folder / "cache"
    return {
        REFERENCE: ([sys.executable, "-c", "import numpy, pint"], empty),
        "import canemure": ([sys.executable, "-c", "import canemure"], empty),
        "import canemure.units": ([sys.executable, "-c", "import canemure.units"], empty),
        "pint.UnitRegistry()": (
            [sys.executable, "-c", "import numpy, pint; pint.UnitRegistry()"],
            empty,
        ),
        "help": ([*canemure_, "--help"], empty),
        "plugins": ([*canemure_, "plugins"], empty),
        "baseline pohjois-karjala": ([*canemure_, "baseline", "pohjois-karjala"], empty),
        "pandas uusimaa": (
            [sys.executable, "-c", PANDAS_SCRIPT, *map(str, region_files)],
            empty,
        ),
        "baseline uusimaa (cache)": ([*canemure_, "baseline", "uusimaa"], full),
    }


BEFORE = " (before)"
"""Suffix of the commands run from the ``--before`` checkout."""


def before_commands(
    table: Mapping[str, tuple[list[str], Path]], checkout: Path
) -> dict[str, tuple[list[str], Path]]:
    """The canemure commands of ``table`` run from ``checkout`` (its core and adapters)."""
    paths = [checkout / "src", *sorted((checkout / "plugins").glob("*/src"))]
    prefix = ["env", "PYTHONPATH=" + os.pathsep.join(str(path) for path in paths)]
    return {
        name + BEFORE: ([*prefix, *command], cache)
        for name, (command, cache) in table.items()
        if name in TARGETS
    }


def heavy_imports(command: Sequence[str], cache: Path) -> list[str]:
    """numpy, pint or pandas if ``command`` imports them (``python -X importtime``)."""
    argv = [command[0], "-X", "importtime", *command[1:]]
    done = subprocess.run(argv, check=False, capture_output=True, text=True, env=environment(cache))
    found = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:"):
            name = line.rsplit("|", 1)[-1].strip()
            if name in ("numpy", "pint", "pandas"):
                found.add(name)
    return sorted(found)


def check(table: Mapping[str, tuple[list[str], Path]], *, imports: bool = True) -> None:
    """Raise ``AssertionError`` unless the commands do what they should (module docstring).

    ``imports=False`` skips the check that help and plugins import neither numpy nor pint
    (to time an older version that does).
    """
    for name in ("help", "plugins") if imports else ():
        command, cache = table[name]
        found = heavy_imports(command, cache)
        assert found == [], f"canemure {name} imports {', '.join(found)}"
    command, cache = table["baseline uusimaa (cache)"]
    done = subprocess.run(
        [*command, "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        env=environment(cache),
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["kind"] for s in report["sources"]] == ["user-import"] * len(report["sources"])
    ours = {int(y): v for y, v in report["total"]["values"].items()}
    command, cache = table["pandas uusimaa"]
    done = subprocess.run(
        command, check=False, capture_output=True, text=True, env=environment(cache)
    )
    assert done.returncode == 0, done.stderr
    theirs = {int(y): float(v) for y, v in (line.split() for line in done.stdout.splitlines())}
    assert ours.keys() == theirs.keys(), (ours, theirs)
    for year, value in ours.items():
        assert abs(value - theirs[year]) < 1e-6, (year, value, theirs[year])


def measure(
    table: Mapping[str, tuple[list[str], Path]], runs: int, only: Sequence[str] = ()
) -> dict[str, float]:
    """Median wall seconds per command, and its CPU seconds as ``"<name> cpu"``; in turns.

    CPU time (user + system of the child, from ``getrusage``) is far less disturbed by other
    jobs on a shared machine than wall time.
    """
    names = [
        n for n in table if not only or n.removesuffix(BEFORE) in only or n in _references(only)
    ]
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # warm-up: bytecode caches, disk cache
        command, cache = table[name]
        subprocess.run(command, check=False, capture_output=True, env=environment(cache))
    for _ in range(runs):
        for name in names:
            command, cache = table[name]
            env = environment(cache)
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(
                command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
            times[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - before)
    medians = {name: statistics.median(values) for name, values in times.items()}
    medians.update({f"{name} cpu": statistics.median(values) for name, values in cpu.items()})
    return medians


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _references(only: Sequence[str]) -> set[str]:
    return {TARGETS[name][0] for name in only if name in TARGETS}


def report(medians: Mapping[str, float]) -> str:
    """The medians and the ratios against each target (wall time; CPU time beside it)."""
    w = max([28, *(len(name) for name in medians if not name.endswith(" cpu"))])
    lines = [f"{'command':{w}} {'wall ms':>8} {'ratio':>6} {'cpu ms':>7} {'cpu ratio':>9}  target"]
    for name, seconds in medians.items():
        if name.endswith(" cpu"):
            continue
        cpu = medians.get(f"{name} cpu", float("nan"))
        if name.removesuffix(BEFORE) in TARGETS:
            reference, target = TARGETS[name.removesuffix(BEFORE)]
            ratio = seconds / medians[reference]
            cpu_ratio = cpu / medians.get(f"{reference} cpu", float("nan"))
            met = "met" if ratio <= target else "NOT met"
            lines.append(
                f"{name:{w}} {seconds * 1e3:>8.0f} {ratio:>6.2f} {cpu * 1e3:>7.0f} "
                f"{cpu_ratio:>9.2f}  <= {target}x {reference}: {met}"
            )
        elif name in QUOTED:
            reference = QUOTED[name]
            ratio = seconds / medians[reference]
            cpu_ratio = cpu / medians.get(f"{reference} cpu", float("nan"))
            lines.append(
                f"{name:{w}} {seconds * 1e3:>8.0f} {ratio:>6.2f} {cpu * 1e3:>7.0f} "
                f"{cpu_ratio:>9.2f}  vs {reference} (no target)"
            )
        else:
            lines.append(
                f"{name:{w}} {seconds * 1e3:>8.0f} {'':>6} {cpu * 1e3:>7.0f} {'':>9}  (reference)"
            )
    return "\n".join(lines)


def run(
    runs: int = 11,
    only: Sequence[str] = (),
    folder: Path | None = None,
    *,
    imports: bool = True,
    before: Path | None = None,
) -> dict[str, float]:
    """Build the cache, check the commands, time them; return the medians.

    ``before``: also time the commands of that checkout (see the module docstring).
    """
    from canemure.geography import gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        root = folder or Path(tmp)
        codes = bench_national.municipality_codes()
        files = build_cache(root, codes)
        uusimaa = {m.code for m in gazetteer().municipalities_of(gazetteer().region("uusimaa"))}
        region_files = [f for f, code in zip(files, codes, strict=True) if code in uusimaa]
        table = commands(root, region_files)
        check(table, imports=imports)
        if before is not None:
            table.update(before_commands(table, before))
        return measure(table, runs, only)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--only", nargs="*", default=[], help="command names, e.g. help plugins")
    parser.add_argument(
        "--no-import-check",
        action="store_true",
        help="time even if help/plugins import numpy or pint (an older version)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="also time the commands of this checkout (its src and plugins/*/src)",
    )
    args = parser.parse_args(argv)
    medians = run(args.runs, args.only, imports=not args.no_import_check, before=args.before)
    print(report(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
