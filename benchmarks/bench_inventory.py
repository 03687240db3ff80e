"""The inventory at national scale and beyond against the best plain code of the same result.

Goals (issue 9), measured here as ratios in one run; this script prints and never fails on time:

* ``per_resident``, ``to_regions`` (or ``aggregate_areas`` into the regions), ``total``,
  ``aggregate_sectors`` and ``sel`` within **1.2x** the fastest plain-numpy code of the same
  result, at 308 and at 30,800 areas;
* ``to_pandas`` within **1.5x** building the same categorical frame directly with pandas;
  ``to_records`` reported per cell (it is kept out of hot paths);
* building an inventory by successive ``merge`` of one-municipality parts grows linearly with
  the number of parts (time per part about constant from 100 to 308 parts), for parts of the
  tiled data and for leaf-level parts (91 leaves x 38 years of random values: timing only).
  The table's merge rows set each build against one ``np.concatenate`` of the parts; the
  per-part lines after it time the chains of 100 and 308 parts alternately (same load).

The data are **synthetic**: the real Pohjois-Karjala HINKU rows
(:func:`canemure.io.bundled.pohjois_karjala`, 13 municipalities x 13 sectors x 21 years, with
their population) tiled over the 308 real municipality codes of the gazetteer (municipality
``i`` gets the figures of Pohjois-Karjala's municipality ``i mod 13``). The 30,800-area
inventory repeats that 100 times with area names ``<code>.<copy>`` (groups, not
municipalities), so its region sums are ``aggregate_areas`` with each region's copies.

The plain side of each row is the fastest of a few honest ways a numpy user would write the
same result (not the library's own plan re-typed), with label look-ups done once outside the
timing; the table names which one won. Before timing, every API result is compared with every
plain candidate (same shape, equal within 1e-12, NaN in the same places). API and plain calls
are interleaved sample by sample; each figure is a median. The verdict uses wall time; the
``CPU`` column is the same ratio in this process's CPU time, which other jobs on a loaded
machine disturb less (a large gap between the two says the run was noisy).

Usage::

    python benchmarks/bench_inventory.py [--repeats 15] [--number 3] [--sizes 308 30800]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

try:
    import canemure  # noqa: F401
except ImportError:  # run from a checkout without installing: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population
from canemure.io.bundled import pohjois_karjala
from canemure.units import Q_

FloatArray = npt.NDArray[np.float64]
TARGETS = {
    "to_pandas()": 1.5,
    "to_records()": None,
    "merge x parts": None,
    "sel[rows]": None,
}
"""Targets other than the default 1.2 (``None``: reported, no ratio goal)."""
DEFAULT_TARGET = 1.2


@attrs.frozen
class Case:
    """One result computed by the API and by one or more plain candidates."""

    name: str
    api: Callable[[], Any]
    plain: dict[str, Callable[[], Any]]
    same: Callable[[Any, Any], bool]
    """Whether the API's return value and a candidate's return value are the same result."""


@attrs.frozen
class Timing:
    """Median seconds per call: the API and the fastest plain candidate (wall and CPU time)."""

    name: str
    api: float
    plain: float
    best: str
    api_cpu: float = float("nan")
    plain_cpu: float = float("nan")

    @property
    def ratio(self) -> float:
        """API time / fastest plain time."""
        return self.api / self.plain

    @property
    def cpu_ratio(self) -> float:
        """API CPU time / the same plain candidate's CPU time (less hit by other jobs' load)."""
        return self.api_cpu / self.plain_cpu


# ----------------------------------------------------------------------------------- data
def tiled_inventory(copies: int = 1, *, by_region: bool = False) -> EmissionInventory:
    """Pohjois-Karjala's real rows tiled over the 308 codes (``copies`` times; synthetic).

    ``by_region`` orders the areas by region (then code), so each region is a contiguous
    block of rows; otherwise they are in code order, as the gazetteer lists them.
    """
    real = pohjois_karjala()
    assert real.population is not None
    gaz = gazetteer()
    municipalities = list(gaz.municipalities)
    if by_region:
        municipalities.sort(key=lambda m: (m.region_code, m.code))
    codes = [m.code for m in municipalities]
    pick = [i % len(real.areas) for i in range(len(codes))]
    if copies == 1:
        areas = codes
    else:
        areas = [f"{code}.{k:02d}" for code in codes for k in range(copies)]
        pick = [p for p in pick for _ in range(copies)]
    values = real.magnitude[pick]
    residents = real.population.values.m_as("resident")[pick]
    population = Population(Q_(residents, "resident"), areas, real.years, real.population.source)
    source = next(iter(real.sources.values()))[0]
    inventory = EmissionInventory.from_array(
        values,
        real.unit,
        areas=areas,
        sectors=real.sectors.labels,
        years=real.years.labels,
        rule=real.rule,
        source=source,
        population=population,
        area_level="municipality" if copies == 1 else "group",
    )
    return inventory


def region_groups(inventory: EmissionInventory) -> dict[str, list[str]]:
    """Each region's areas (for a tiled inventory: its municipalities' copies)."""
    gaz = gazetteer()
    groups: dict[str, list[str]] = {}
    for area in inventory.areas:
        groups.setdefault(gaz.municipality(area.split(".")[0]).region_code, []).append(area)
    return dict(sorted(groups.items()))


# ----------------------------------------------------------------------------------- cases
def _arrays_equal(a: Any, b: Any) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-12, atol=0.0, equal_nan=True))


def _values(result: Any) -> Any:
    """The plain magnitude of an API result (an inventory or labelled values)."""
    return result.magnitude


def _same_values(api: Any, plain: Any) -> bool:
    if isinstance(plain, tuple):  # (values, population) for area sums
        assert isinstance(api, EmissionInventory)
        assert api.population is not None
        return _arrays_equal(api.magnitude, plain[0]) and _arrays_equal(
            api.population.values.m_as("resident"), plain[1]
        )
    return _arrays_equal(_values(api), plain)


def _region_cases(inventory: EmissionInventory, label: str) -> Case:
    array = inventory.magnitude
    assert inventory.population is not None
    residents = inventory.population.values.m_as("resident")
    groups = region_groups(inventory)
    members = [inventory.areas.positions(group) for group in groups.values()]
    contiguous = all(np.all(np.diff(m) == 1) for m in members)
    bounds = [(int(m[0]), int(m[-1]) + 1) for m in members]
    order = np.concatenate(members)
    starts = np.cumsum([0, *(len(m) for m in members[:-1])])

    def gathered() -> tuple[FloatArray, FloatArray]:
        out = np.empty((len(members), *array.shape[1:]))
        people = np.empty((len(members), residents.shape[1]))
        for i, index in enumerate(members):
            out[i] = array[index].sum(axis=0)
            people[i] = residents[index].sum(axis=0)
        return out, people

    def sorted_reduceat() -> tuple[FloatArray, FloatArray]:
        return (
            np.add.reduceat(array[order], starts, axis=0),
            np.add.reduceat(residents[order], starts, axis=0),
        )

    def slices() -> tuple[FloatArray, FloatArray]:
        out = np.empty((len(members), *array.shape[1:]))
        people = np.empty((len(members), residents.shape[1]))
        for i, (start, stop) in enumerate(bounds):
            out[i] = array[start:stop].sum(axis=0)
            people[i] = residents[start:stop].sum(axis=0)
        return out, people

    plain: dict[str, Callable[[], Any]] = {"gather+sum": gathered, "reduceat": sorted_reduceat}
    if contiguous:
        plain = {"slice sums": slices, "reduceat": lambda: (
            np.add.reduceat(array, starts, axis=0), np.add.reduceat(residents, starts, axis=0)
        )}  # fmt: skip
    if inventory.area_level == "municipality":
        return Case(f"to_regions() {label}", inventory.to_regions, plain, _same_values)
    return Case(
        f"aggregate_areas() {label}",
        lambda: inventory.aggregate_areas(groups, area_level="region"),
        plain,
        _same_values,
    )


def _sector_cases(inventory: EmissionInventory, level: int) -> Case:
    array = inventory.magnitude
    parents = [inventory.hierarchy.ancestor(key, level).key for key in inventory.sectors]
    firsts = dict.fromkeys(parents)
    assert all(  # the plain side relies on contiguous groups (true for hierarchy order)
        parents.index(p) + parents.count(p) == len(parents) - parents[::-1].index(p) for p in firsts
    )
    starts = np.array([parents.index(p) for p in firsts])
    bounds = list(zip(starts.tolist(), [*starts[1:].tolist(), len(parents)], strict=True))

    def slices() -> FloatArray:
        out = np.empty((array.shape[0], len(bounds), array.shape[2]))
        for g, (start, stop) in enumerate(bounds):
            array[:, start:stop].sum(axis=1, out=out[:, g])
        return out

    return Case(
        f"aggregate_sectors({level})",
        lambda: inventory.aggregate_sectors(level),
        {"reduceat": lambda: np.add.reduceat(array, starts, axis=1), "slice sums": slices},
        _same_values,
    )


def _frame_cases(inventory: EmissionInventory) -> Case:
    import pandas as pd

    array = inventory.magnitude
    a, s, y = inventory.shape
    area_labels, sector_labels = inventory.areas.labels, inventory.sectors.labels
    years = np.array(inventory.years.labels, dtype=np.int64)
    unit = f"{inventory.unit}"  # to_pandas() has a unit column

    def from_codes() -> Any:  # the categories are part of building the frame
        areas, sectors = pd.Index(area_labels), pd.Index(sector_labels)
        return pd.DataFrame(
            {
                "area": pd.Categorical.from_codes(np.repeat(np.arange(a), s * y), areas),
                "sector": pd.Categorical.from_codes(
                    np.tile(np.repeat(np.arange(s), y), a), sectors
                ),
                "year": np.tile(years, a * s),
                "value": array.ravel(),
                "unit": pd.Categorical.from_codes(np.zeros(a * s * y, np.int8), [unit]),
            }
        )

    def from_product() -> Any:
        areas, sectors = pd.Index(area_labels), pd.Index(sector_labels)
        index = pd.MultiIndex.from_product(
            [areas, sectors, years], names=["area", "sector", "year"]
        )
        frame = index.to_frame(index=False)
        frame["area"] = pd.Categorical(frame["area"], categories=areas)
        frame["sector"] = pd.Categorical(frame["sector"], categories=sectors)
        frame["value"] = array.ravel()
        frame["unit"] = pd.Categorical([unit] * (a * s * y))
        return frame

    def same(api: Any, plain: Any) -> bool:
        pd.testing.assert_frame_equal(api, plain, check_flags=False)
        return True

    return Case(
        "to_pandas()",
        inventory.to_pandas,
        {"Categorical.from_codes": from_codes, "MultiIndex.from_product": from_product},
        same,
    )


def _records_case(inventory: EmissionInventory) -> Case:
    array = inventory.magnitude
    a, s, y = inventory.shape

    def tuples() -> list[tuple[str, str, int, float | None]]:
        areas = np.repeat(np.array(inventory.areas.labels, dtype=object), s * y)
        sectors = np.tile(np.repeat(np.array(inventory.sectors.labels, dtype=object), y), a)
        years = np.tile(np.array(inventory.years.labels), a * s).tolist()
        values = [None if v != v else v for v in array.ravel().tolist()]  # noqa: PLR0124
        return list(zip(areas.tolist(), sectors.tolist(), years, values, strict=True))

    def same(api: Any, plain: Any) -> bool:
        return [(r.area, r.sector, r.year, r.value) for r in api] == plain

    return Case("to_records()", inventory.to_records, {"list of tuples": tuples}, same)


def _selection_case(inventory: EmissionInventory, areas: list[str], years: list[int]) -> Case:
    """``sel`` by labels against plain code that starts from the same labels.

    A numpy user selecting municipalities and years by their codes keeps a label -> row
    dictionary (built once, outside the timing) and looks the labels up on each selection;
    a run of years becomes a slice. The row ``sel[rows]`` gives the plain side the rows
    for free instead (the gather alone, no goal: it is the price of labels, not of canemure).
    """
    array = inventory.magnitude
    row_of = {label: i for i, label in enumerate(inventory.areas.labels)}
    column_of = {year: k for k, year in enumerate(inventory.years.labels)}

    def mixed() -> FloatArray:
        rows = np.fromiter(map(row_of.__getitem__, areas), dtype=np.intp, count=len(areas))
        first = column_of[years[0]]  # the years asked are a run (the last ten)
        return array[rows, :, first : first + len(years)]

    def take_then_slice() -> FloatArray:
        rows = np.fromiter(map(row_of.__getitem__, areas), dtype=np.intp, count=len(areas))
        first = column_of[years[0]]
        return np.take(array, rows, axis=0)[:, :, first : first + len(years)].copy()

    return Case(
        "sel(1/7 areas, 10 years)",
        lambda: inventory.sel(areas=areas, years=years),
        {"rows by dict, a[rows, :, k:k+10]": mixed, "rows by dict, take, slice": take_then_slice},
        _same_values,
    )


def leaf_parts(parts: int, n_years: int = 38) -> list[EmissionInventory]:
    """One-municipality leaf-level inventories (91 leaves x ``n_years`` from 1990), as the
    adapters build them before merging; random values from a fixed seed (not data)."""
    from canemure.sectors import sector_hierarchy

    leaves = [leaf.key for leaf in sector_hierarchy().leaves]
    codes = [m.code for m in gazetteer().municipalities][:parts]
    rng = np.random.default_rng(20240101)
    real = pohjois_karjala()
    return [
        EmissionInventory.from_array(
            rng.uniform(0.0, 100.0, size=(1, len(leaves), n_years)),
            real.unit,
            areas=[code],
            sectors=leaves,
            years=range(1990, 1990 + n_years),
            rule=real.rule,
        )
        for code in codes
    ]


def _merge_pieces(
    inventory: EmissionInventory, parts: int, *, leaf: bool
) -> list[EmissionInventory]:
    if leaf:
        return leaf_parts(parts)
    return [inventory.sel(areas=[area]) for area in inventory.areas.labels[:parts]]


def _successive(pieces: Sequence[EmissionInventory]) -> EmissionInventory:
    merged = pieces[0]
    for piece in pieces[1:]:
        merged = merged.merge(piece)
    return merged


def _merge_case(inventory: EmissionInventory, parts: int, *, leaf: bool = False) -> Case:
    pieces = _merge_pieces(inventory, parts, leaf=leaf)

    def concatenate() -> FloatArray:
        return np.concatenate([piece.magnitude for piece in pieces], axis=0)

    name = f"merge x {parts} {'leaf ' if leaf else ''}parts"
    return Case(name, lambda: _successive(pieces), {"np.concatenate": concatenate}, _same_values)


def merge_growth(repeats: int, sizes: tuple[int, int] = (100, 308)) -> str:
    """Per-part time of successive merges at two sizes, the two chains timed alternately.

    Timing the two sizes as separate cases, one after the other, let the machine's load swing
    their ratio by 2x on a shared machine; alternating them sample by sample keeps both under
    the same load. Medians of wall and CPU time per part; linear is x1.
    """
    inventory = tiled_inventory(1)
    rows = []
    for kind, leaf in (("parts", False), ("leaf parts", True)):
        pieces = _merge_pieces(inventory, max(sizes), leaf=leaf)
        wall: dict[int, list[float]] = {n: [] for n in sizes}
        cpu: dict[int, list[float]] = {n: [] for n in sizes}
        for n in sizes:  # warm-up
            _successive(pieces[:n])
        for _ in range(repeats):
            for n in sizes:
                started, started_cpu = time.perf_counter(), time.process_time()
                _successive(pieces[:n])
                wall[n].append((time.perf_counter() - started) / n)
                cpu[n].append((time.process_time() - started_cpu) / n)
        small, large = sizes
        w = {n: statistics.median(wall[n]) * 1e3 for n in sizes}
        c = {n: statistics.median(cpu[n]) * 1e3 for n in sizes}
        rows.append(
            f"merge ({kind}), ms per part at {small} and {large} parts (alternated): "
            f"wall {w[small]:.4f}, {w[large]:.4f} (x{w[large] / w[small]:.2f}); "
            f"CPU {c[small]:.4f}, {c[large]:.4f} (x{c[large] / c[small]:.2f}); linear: x1"
        )
    return "\n".join(rows)


def cases(size: int) -> list[Case]:
    """The operations at ``size`` areas (308 or a multiple of it)."""
    if size % 308:
        raise ValueError("sizes are multiples of the 308 municipalities")
    copies = size // 308
    inventory = tiled_inventory(copies)
    by_region = tiled_inventory(copies, by_region=True)
    array = inventory.magnitude
    assert inventory.population is not None
    residents = inventory.population.values.m_as("resident")
    factor = 1000.0  # kt CO2e / a per resident -> t CO2e / resident / a
    chosen = np.arange(0, len(inventory.areas), 7)
    chosen_areas = [inventory.areas.labels[i] for i in chosen]
    last_years = list(inventory.years.labels[-10:])
    found: list[Case] = [
        Case(
            "per_resident()",
            inventory.per_resident,
            {
                "x (1e3 / residents)": lambda: array * (factor / residents)[:, None, :],
                "/ residents * 1e3": lambda: array / residents[:, None, :] * factor,
            },
            _same_values,
        ),
        Case(
            "total()",
            inventory.total,
            {"sum(axis=1)": lambda: array.sum(axis=1, keepdims=True)},
            _same_values,
        ),
        _sector_cases(inventory, 1),
        _region_cases(inventory, "(code order)"),
        _region_cases(by_region, "(region order)"),
        _selection_case(inventory, chosen_areas, last_years),
        Case(
            "sel[rows] (plain given rows)",
            lambda: inventory.sel(areas=chosen_areas, years=last_years),
            {
                "a[idx, :, -10:]": lambda: array[chosen, :, -10:],
                "a[idx][..., -10:].copy()": lambda: np.array(array[chosen][:, :, -10:]),
            },
            _same_values,
        ),
    ]
    if copies == 1:
        if importlib.util.find_spec("pandas") is not None:  # to_pandas needs canemure[pandas]
            found.append(_frame_cases(inventory))
        found.append(_records_case(inventory))
        found += [_merge_case(inventory, 100), _merge_case(inventory, 308)]
        found += [_merge_case(inventory, 100, leaf=True), _merge_case(inventory, 308, leaf=True)]
    return found


# ----------------------------------------------------------------------------------- timing
def check(cases_: Sequence[Case]) -> None:
    """Raise ``AssertionError`` unless each API result equals every plain candidate's."""
    for case in cases_:
        api = case.api()
        for way, call in case.plain.items():
            if not case.same(api, call()):
                raise AssertionError(f"{case.name}: API and {way} results differ")


def measure(cases_: Sequence[Case], repeats: int, number: int) -> list[Timing]:
    """Median seconds per call; API and candidates interleaved sample by sample, in turns
    first and last (the first call of a sample finds the caches as the last one left them).

    Each sample records wall time (``timeit``'s clock) and this process's CPU time; the
    fastest plain candidate is chosen by wall time.
    """
    out: list[Timing] = []
    for case in cases_:
        calls = {"api": case.api, **case.plain}
        for call in calls.values():  # warm-up
            call()
        samples: dict[str, list[float]] = {way: [] for way in calls}
        cpu: dict[str, list[float]] = {way: [] for way in calls}
        order = list(calls.items())
        for k in range(repeats):  # the API first in one sample, last in the next
            for way, call in order if k % 2 == 0 else order[::-1]:
                started_cpu = time.process_time()
                (seconds,) = timeit.repeat(call, repeat=1, number=number)
                cpu[way].append((time.process_time() - started_cpu) / number)
                samples[way].append(seconds / number)
        medians = {way: statistics.median(times) for way, times in samples.items()}
        cpu_medians = {way: statistics.median(times) for way, times in cpu.items()}
        best = min(case.plain, key=medians.__getitem__)
        out.append(
            Timing(
                case.name,
                medians["api"],
                medians[best],
                best,
                cpu_medians["api"],
                cpu_medians[best],
            )
        )
    return out


def report(size: int, timings: Sequence[Timing]) -> str:
    """The printed table for one size."""
    rows = [
        f"{size} areas x 13 sectors x 21 years (Pohjois-Karjala rows tiled: synthetic)",
        f"{'operation':<34}{'API ms':>10}{'plain ms':>10}{'ratio':>7}{'CPU':>6}  "
        f"{'target':<13}fastest plain",
    ]
    for t in timings:
        target = TARGETS.get(t.name.split(" ", 1)[0], DEFAULT_TARGET)
        if t.name.startswith("merge"):
            target = None
        verdict = "-" if target is None else ("met" if t.ratio <= target else "NOT met")
        goal = f"<= {target} {verdict}" if target is not None else "(no goal)"
        rows.append(
            f"{t.name:<34}{t.api * 1e3:>10.3f}{t.plain * 1e3:>10.3f}{t.ratio:>7.2f}"
            f"{t.cpu_ratio:>6.2f}  {goal:<13}{t.best}"
        )
    records = [t for t in timings if t.name == "to_records()"]
    if records:
        cells = size * 13 * 21
        rows.append(f"to_records: {records[0].api / cells * 1e6:.2f} us per cell")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the ratios; always returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="samples per call (median)")
    parser.add_argument("--number", type=int, default=3, help="calls per sample")
    parser.add_argument("--sizes", type=int, nargs="+", default=[308, 30_800], help="areas")
    args = parser.parse_args(argv)
    for size in args.sizes:
        timed = cases(size)
        check(timed)
        print(report(size, measure(timed, args.repeats, args.number)))
        if size == 308:
            print(merge_growth(args.repeats))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
