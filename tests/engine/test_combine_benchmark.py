"""Run the engine benchmark's code at a tiny size: the loop and the engine must agree.

The benchmark's plain loop is a second, independent implementation of the combination and of
the Shapley definition (coalition by coalition), so this is also a check of the engine. No
timing is asserted.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_bench_engine", BENCHMARKS / "bench_engine.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_engine_and_loop_agree_on_a_small_roadmap(bench: ModuleType) -> None:
    baseline = bench.build_baseline(6, years=range(2024, 2034))
    measures = bench.build_measures(baseline, 30)
    assert baseline.shape == (6, 13, 10) and len(measures) == 30
    bench.check(baseline, measures)  # raises unless equal to 1e-9
    remaining, wedges = bench.loop_roadmap(baseline, measures)
    # the loop's wedges add up to its own reduction, and measures did something
    reduction = baseline.magnitude - remaining
    np.testing.assert_allclose(wedges.sum(axis=0), reduction, atol=1e-9)
    assert np.abs(reduction).sum() > 0


def test_run_reports_both_sides(bench: ModuleType) -> None:
    found = bench.run(n_areas=3, n_measures=10, repeat=1, number=1)
    assert set(found) == {"engine_ms", "loop_ms", "engine_cpu_ms", "loop_cpu_ms", "ratio"}
