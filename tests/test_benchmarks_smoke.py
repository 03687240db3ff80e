"""Run the benchmark scripts' code once at tiny sizes, so they cannot rot unnoticed.

No timing is asserted: timings belong to ``nox -s benchmarks``, not to the test suite. What is
checked is that the API and the raw numpy path still compute the same numbers, and that the
script still runs end to end.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs classes need their module registered
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[spec.name]
        raise
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _load("bench_aggregation")


def test_tiny_inventory_has_the_real_shape_of_things(bench: ModuleType) -> None:
    inventory = bench.build_inventory(["18"], n_years=3)  # Kainuu: 8 municipalities
    assert inventory.shape == (8, 91, 3)
    assert list(inventory.years) == [1990, 1991, 1992]
    again = bench.build_inventory(["18"], n_years=3)
    assert np.array_equal(inventory.magnitude, again.magnitude)  # fixed seed


def test_api_and_raw_agree_and_are_timed(bench: ModuleType) -> None:
    inventory = bench.build_inventory(["18", "16"], n_years=2)
    cases = bench.cases(inventory)
    assert [c.name for c in cases] == [
        "aggregate_sectors(3)",
        "total()",
        "to_regions()",
        "to_regions() by region",
        "per_resident()",
        "sel(1/7 areas, 10 years)",
    ]
    bench.check(cases)
    timings = bench.measure(cases, repeats=1, number=1)
    assert [t.name for t in timings] == [c.name for c in cases]
    assert all(t.api > 0 and t.raw > 0 and t.ratio > 0 for t in timings)
    text = bench.report(inventory, timings)
    assert "to_regions()" in text and "target <= 1.2" in text
    assert "=== total() x 1 ===" in bench.profile(cases, calls=1, lines=3)


def test_check_notices_a_difference(bench: ModuleType) -> None:
    inventory = bench.build_inventory(["18"], n_years=2)
    (case, *_) = bench.cases(inventory)
    wrong = bench.Case(case.name, case.api, lambda: case.raw() + 1.0, case.api_result)
    with pytest.raises(AssertionError, match="differ"):
        bench.check([wrong])


def test_script_runs_end_to_end(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--repeats", "1", "--number", "1", "--regions", "18", "--years", "2", "--profile"]
    assert bench.main(argv) == 0
    out = capsys.readouterr().out
    assert "inventory: 8 areas x 91 sectors x 2 years" in out
    assert out.count(" met") >= 6  # "met" or "NOT met" for each operation


@pytest.fixture(scope="module")
def inventory_bench() -> ModuleType:
    return _load("bench_inventory")


def test_inventory_benchmark_sides_agree(
    inventory_bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pandas")
    tiled = inventory_bench.tiled_inventory()
    assert tiled.shape == (308, 13, 21)
    assert tiled.population is not None
    # the real Pohjois-Karjala rows, tiled: municipality i has the figures of PK's i mod 13
    from canemure.io.bundled import pohjois_karjala

    real = pohjois_karjala()
    np.testing.assert_array_equal(tiled.magnitude[13], real.magnitude[0])
    by_region = inventory_bench.tiled_inventory(by_region=True)
    assert sorted(by_region.areas) == sorted(tiled.areas)
    cases = inventory_bench.cases(308)
    inventory_bench.check(cases)  # every API result equals every plain candidate
    timings = inventory_bench.measure(cases, repeats=1, number=1)
    for timing, case in zip(timings, cases, strict=True):
        assert timing.api > 0
        assert timing.plain > 0
        assert timing.best in case.plain
    assert "to_regions() (region order)" in inventory_bench.report(308, timings)


def test_inventory_benchmark_check_notices_a_difference(inventory_bench: ModuleType) -> None:
    (case, *_) = inventory_bench.cases(308)
    wrong = inventory_bench.Case(
        case.name, case.api, {"off by one": lambda: case.plain[next(iter(case.plain))]() + 1},
        case.same,
    )  # fmt: skip
    with pytest.raises(AssertionError, match="differ"):
        inventory_bench.check([wrong])


def test_io_benchmark_runs_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        bench_io = _load("bench_io")
        assert bench_io.main(["--repeats", "1", "--copies", "1"]) == 0
    finally:
        sys.path.remove(str(BENCHMARKS))
    out = capsys.readouterr().out
    assert "84084" in out
    assert "SectorHierarchy.find(name, 3) x 3549 rows" in out
