"""Run the SYKE, national and start-up benchmarks' code once at tiny sizes, so they cannot rot.

No timing is asserted (timings belong to ``nox -s benchmarks``). What is checked is that each
benchmark's two sides still give the same figures on its synthetic files, and that the
start-up benchmark's light commands still import neither numpy nor pint.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

pytest.importorskip("pandas")


def _load(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # the benchmarks import each other by name
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


@pytest.fixture(scope="module")
def bench_syke() -> ModuleType:
    return _load("bench_syke")


@pytest.fixture(scope="module")
def bench_national() -> ModuleType:
    return _load("bench_national")


@pytest.fixture(scope="module")
def bench_startup() -> ModuleType:
    return _load("bench_startup")


def test_the_synthetic_file_has_syke_layout_and_the_real_figures(
    bench_syke: ModuleType, tmp_path: Path
) -> None:
    text = bench_syke.syke_file_text([2020, 2021])
    lines = text.splitlines()
    assert lines[0].split(";") == list(bench_syke.SYKE_CSV_COLUMNS)
    assert len(lines) == 1 + 2 * 91
    figures = bench_syke.real_figures()
    assert lines[1].split(";")[0] == figures[0]  # tiled from the first bundled figure on
    ((rows, path),) = bench_syke.write_files(tmp_path, [1820])
    assert rows == 1820
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1821


def test_read_syke_csv_and_pandas_agree(bench_syke: ModuleType, tmp_path: Path) -> None:
    for _, path in bench_syke.write_files(tmp_path, [91, 455]):
        bench_syke.check(path)  # raises if the two sides differ
    results = bench_syke.run(sizes=[91], repeats=1, number=1)
    assert [r["rows"] for r in results] == [91]
    assert "target" in bench_syke.report(results)


def test_the_check_would_notice_a_difference(
    bench_syke: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ((_, path),) = bench_syke.write_files(tmp_path, [91])
    real = bench_syke.pandas_read

    def off_by_one(p: Path) -> object:
        frame = real(p)
        frame.loc[0, "kt"] += 1.0
        return frame

    monkeypatch.setattr(bench_syke, "pandas_read", off_by_one)
    with pytest.raises(AssertionError, match="values differ"):
        bench_syke.check(path)


def test_national_inventory_and_pandas_agree(bench_national: ModuleType, tmp_path: Path) -> None:
    codes = bench_national.municipality_codes(3)
    assert len(bench_national.municipality_codes()) == 308
    paths = bench_national.write_files(tmp_path, codes)
    bench_national.check(paths)
    inventory = bench_national.canemure_national(paths)
    assert list(inventory.areas) == codes
    # the files differ (each starts the tiling elsewhere), so the areas are not copies
    values = inventory.values.m_as("kt CO2e / a")
    assert not np.array_equal(values[0], values[1])
    result = bench_national.run(municipalities=2, repeats=1)
    assert result["files"] == 2
    assert "ratio" in bench_national.report(result)


def test_startup_commands_check_out(bench_startup: ModuleType, tmp_path: Path) -> None:
    from canemure.geography import gazetteer

    uusimaa = [m.code for m in gazetteer().municipalities_of(gazetteer().region("uusimaa"))]
    files = bench_startup.build_cache(tmp_path, uusimaa)
    table = bench_startup.commands(tmp_path, files)
    bench_startup.check(table)  # help/plugins light; cached uusimaa totals equal pandas'
    command, cache = table["baseline pohjois-karjala"]
    assert "numpy" in bench_startup.heavy_imports(command, cache)  # the check can see them
    medians = bench_startup.measure(table, runs=1, only=["help"])
    assert set(medians) == {"help", "help cpu", bench_startup.REFERENCE, "numpy+pint cpu"}
    assert "help" in bench_startup.report(medians)


def test_tidy_benchmark_times_both_sides_and_checks_them(tmp_path: Path) -> None:
    bench_io = _load("bench_io")
    from canemure.io.tidy_csv import read_tidy_csv, write_tidy_csv

    inventory = bench_io.bench_inventory.tiled_inventory(1).sel(areas=["091", "167"])
    path = tmp_path / "tidy.csv"
    write_tidy_csv(inventory, path)
    frame = bench_io.read_with_pandas(path)
    bench_io.check(read_tidy_csv(path), frame)  # both sides read the same cells
    frame.loc[3, "value"] += 1.0
    with pytest.raises(AssertionError, match="different values"):
        bench_io.check(read_tidy_csv(path), frame)
    times = bench_io.time_read(path, 1)
    assert set(times) == {"ours", "theirs", "ours_cpu", "theirs_cpu"}
    assert all(t >= 0 for t in times.values())


def test_startup_before_commands_run_another_checkout(
    bench_startup: ModuleType, tmp_path: Path
) -> None:
    """``--before``: the same canemure commands, from this very checkout here, still run."""
    checkout = BENCHMARKS.parent
    table = bench_startup.commands(tmp_path, [])
    before = bench_startup.before_commands(table, checkout)
    assert set(before) == {name + bench_startup.BEFORE for name in bench_startup.TARGETS}
    command, _cache = before["help" + bench_startup.BEFORE]
    assert command[0] == "env" and str(checkout / "src") in command[1]
    medians = bench_startup.measure(before, runs=1, only=["help"])
    assert medians["help" + bench_startup.BEFORE] > 0
    assert "help (before)" in bench_startup.report({**medians, "numpy+pint": 1.0})
