"""Measure plugin-host start-up: ``import canemure`` and discovering + loading every adapter.

Targets (issue 3): ``import canemure`` < 300 ms; discovering and loading all eight adapters
(the built-in plus the region adapters under ``plugins/``) < 100 ms. This is a measurement,
not a pass/fail test: it prints the numbers.

Every figure is the median of fresh interpreter runs (``--runs``), so module caches of one run
do not flatter the next. The adapters under ``plugins/`` are installed for real into a
temporary folder first (``pip install --no-deps --no-build-isolation --target``; needs the
``hatchling`` build backend), unless ``--no-install`` is given, in which case whatever is
installed in the running environment is measured.

Usage::

    python benchmarks/bench_plugins.py [--runs 15] [--no-install]

The load figure is ``PluginManager().load()``: reading the ``canemure`` entry points from
installed metadata, importing each adapter, checking its core-version requirement, registering
it and validating its regions and municipalities. It is measured after ``import
canemure.plugins`` (reported on its own line), as the command line does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

IMPORT_PROBE = """
import time
t0 = time.perf_counter()
import canemure
t1 = time.perf_counter()
print(t1 - t0)
"""

LOAD_PROBE = """
import json, time
t0 = time.perf_counter()
import canemure.plugins
t1 = time.perf_counter()
manager = canemure.plugins.PluginManager()
report = manager.load()
t2 = time.perf_counter()
manager.municipalities("pirkanmaa")
t3 = time.perf_counter()
print(json.dumps({
    "import_plugins": t1 - t0,
    "load": t2 - t1,
    "first_call": t3 - t2,
    "loaded": [p.name for p in report.loaded],
    "failed": [str(f) for f in report.failed],
}))
"""


def _env(extra: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANEMURE_PLUGINS_")}
    paths = [str(extra)] if extra else []
    env["PYTHONPATH"] = os.pathsep.join([*paths, str(SRC)])
    return env


def _run(code: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _install(target: Path) -> list[str]:
    dists = sorted(p for p in (ROOT / "plugins").iterdir() if (p / "pyproject.toml").exists())
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            "--target",
            str(target),
            *map(str, dists),
        ],
        check=True,
    )
    return [d.name for d in dists]


def _ms(values: list[float]) -> str:
    return (
        f"median {1000 * statistics.median(values):6.1f} ms  "
        f"(min {1000 * min(values):.1f}, max {1000 * max(values):.1f}, n={len(values)})"
    )


def main() -> None:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-install", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="canemure-bench-") as tmp:
        target = None
        if not args.no_install:
            target = Path(tmp) / "site"
            print("installed into a temporary folder:", ", ".join(_install(target)))
        env = _env(target)
        _run(IMPORT_PROBE, env)  # warm the OS file cache once
        imports = [float(_run(IMPORT_PROBE, env)) for _ in range(args.runs)]
        loads = [json.loads(_run(LOAD_PROBE, env)) for _ in range(args.runs)]

    last = loads[-1]
    print(
        f"python {sys.version.split()[0]}, {len(last['loaded'])} plugins loaded: "
        f"{', '.join(last['loaded'])}"
    )
    if last["failed"]:
        print("FAILED plugins:", *last["failed"], sep="\n  ")
    print(f"import canemure                      {_ms(imports)}   target < 300 ms")
    print(f"import canemure.plugins              {_ms([r['import_plugins'] for r in loads])}")
    print(
        f"discover + load all plugins          {_ms([r['load'] for r in loads])}   target < 100 ms"
    )
    print(f"first hook call (municipalities)     {_ms([r['first_call'] for r in loads])}")


if __name__ == "__main__":
    main()
