"""Side-by-side cost of the unit-aware inventory API against the same numpy operations.

Target (issue 2): every aggregation through :class:`~canemure.inventory.EmissionInventory` costs
at most 1.2x the raw numpy operation on the bare array. This is a measurement, not a pass/fail
test: it prints each ratio and whether the target is met, and always exits 0.

The inventory is the size of a national leaf-level ALas data set: all 308 municipalities of the
reference list x all 91 leaves (in hierarchy order, as a loader produces them) x 46 years
(1990-2035), random values in kt CO2e/a from a fixed seed, with one source and a (random)
population per municipality and year, as the loaders attach them. Three operations are timed:

``aggregate_sectors(3)``
    API: ``inventory.aggregate_sectors(3)``; raw: one ``ndarray.sum`` per contiguous block of
    the sector axis (about 1.3x faster than ``np.add.reduceat`` on this inventory), after the
    permutation that makes the blocks contiguous (computed once, outside the timing; for
    leaves in hierarchy order the permutation is the identity and is skipped).
``total()``
    API: ``inventory.total()``; raw: ``array.sum(axis=1, keepdims=True)``.
``to_regions()``
    API: ``inventory.to_regions()`` (emissions and population); raw: one
    ``array[index].sum(axis=0)`` per region for the emissions and the same for the population,
    with the member index arrays computed once, outside the timing.
``to_regions() by region``
    The same inventory with its areas ordered by region (each region a contiguous block of
    rows); raw: one ``array[start:stop].sum(axis=0)`` per region, emissions and population.
``per_resident()``
    API: ``inventory.per_resident()`` (t CO2e per resident and year); raw:
    ``array * (1000 / residents)[:, None, :]`` (one pass over the values).
``sel(1/7 areas, 10 years)``
    API: ``inventory.sel(areas=[every 7th code], years=[the last 10])``; raw: from the same
    labels, the rows looked up in a ``{code: row}`` dict (built once, outside the timing) and
    ``array[rows, :, k:k + 10]`` (``bench_inventory.py`` also shows the gather alone).

API and raw calls are interleaved (API, raw, then raw, API, ...: each first in turn) so that a
change in machine load, and the caches left by the case before, hit both alike; each call is
timed with ``timeit.repeat`` (``--number`` calls per sample) and the median of ``--repeats``
samples is reported. Before timing, every API result is checked against its raw counterpart,
so the two really do the same work.

From Python: ``build_inventory(regions, n_years)`` builds the inventory, ``cases()`` pairs each
API call with its raw counterpart, ``check()`` compares their results and ``run(repeat, number)``
returns ``{operation: ratio}``.

Usage::

    python benchmarks/bench_aggregation.py [--repeats 41] [--number 5] [--profile]
                                           [--shuffle-sectors]

``--regions 18 --years 3`` shrinks the inventory (the smoke test does this); the defaults are
the national size described above.

``--profile`` also runs each API call under cProfile and prints where its time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
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
from canemure.inventory import EmissionInventory, Population, Source
from canemure.sectors import ALL, sector_hierarchy
from canemure.units import Q_, magnitude

TARGET_RATIO = 1.2
"""The API may cost at most this multiple of the raw numpy operation."""
SEED = 20240101
"""Seed of the random values (fixed, so every run times the same data)."""
FIRST_YEAR = 1990

FloatArray = npt.NDArray[np.float64]


@attrs.frozen
class Case:
    """One operation timed two ways."""

    name: str
    api: Callable[[], Any]
    raw: Callable[[], Any]
    api_result: Callable[[Any], FloatArray]
    """Turns the API call's return value into the plain array to compare with ``raw``."""


@attrs.frozen
class Timing:
    """Median seconds per call of one case, both ways."""

    name: str
    api: float
    raw: float

    @property
    def ratio(self) -> float:
        """API time / raw time."""
        return self.api / self.raw


def build_inventory(
    regions: Sequence[str] | None = None,
    n_years: int = 46,
    seed: int = SEED,
    *,
    shuffle_sectors: bool = False,
) -> EmissionInventory:
    """A leaf-level inventory of random values (kt CO2e/a) over real municipality codes.

    ``regions`` (codes) limits the areas to the municipalities of those regions; by default
    all 308. Sectors are all 91 leaves in hierarchy order (``shuffle_sectors``: in a seeded
    random order, which makes both sides permute before ``reduceat``); years start at 1990.
    """
    gaz = gazetteer()
    if regions is None:
        areas = [m.code for m in gaz.municipalities]
    else:
        areas = sorted(m.code for r in regions for m in gaz.municipalities_of(r))
    leaves = [leaf.key for leaf in sector_hierarchy().leaves]
    rng = np.random.default_rng(seed)
    if shuffle_sectors:
        leaves = [leaves[i] for i in rng.permutation(len(leaves))]
    values = rng.uniform(0.0, 100.0, size=(len(areas), len(leaves), n_years))
    years = range(FIRST_YEAR, FIRST_YEAR + n_years)
    source = Source(id="benchmark:random", title="Random values for timing, not data")
    residents = rng.integers(100, 700_000, size=(len(areas), n_years)).astype(np.float64)
    population = Population(Q_(residents, "resident"), areas, years, source)
    return EmissionInventory.from_array(
        values,
        "kt CO2e / a",
        areas=areas,
        sectors=leaves,
        years=years,
        rule=ALL,
        source=source,
        population=population,
    )


def _group_layout(
    inventory: EmissionInventory, level: int
) -> tuple[npt.NDArray[np.intp] | None, npt.NDArray[np.intp]]:
    """``(permutation, starts)`` for ``np.add.reduceat`` over the sector axis at ``level``.

    The same recipe as the API: number each sector's ancestor in order of first appearance;
    when those numbers are not ascending, sort the sector axis (stably) so that every
    ancestor's children are contiguous; the group starts are where the number changes. For
    leaves in hierarchy order (what loaders produce) the permutation is ``None``.
    """
    parents = [inventory.hierarchy.ancestor(key, level).key for key in inventory.sectors]
    positions = {p: i for i, p in enumerate(dict.fromkeys(parents))}
    group = np.array([positions[p] for p in parents], dtype=np.intp)
    permutation = None
    if np.any(np.diff(group) < 0):
        permutation = np.argsort(group, kind="stable")
        group = group[permutation]
    starts = np.flatnonzero(np.r_[True, np.diff(group) != 0])
    return permutation, starts


def _region_members(inventory: EmissionInventory) -> list[npt.NDArray[np.intp]]:
    gaz = gazetteer()
    codes = sorted({gaz.municipality(a).region_code for a in inventory.areas})
    return [
        inventory.areas.positions([m.code for m in gaz.municipalities_of(code)]) for code in codes
    ]


def cases(inventory: EmissionInventory) -> list[Case]:
    """The operations, each as an API call and the equivalent raw numpy call."""
    array: FloatArray = inventory.magnitude
    permutation, starts = _group_layout(inventory, 3)
    members = _region_members(inventory)

    bounds = list(zip(starts.tolist(), [*starts[1:].tolist(), array.shape[1]], strict=True))

    def raw_sectors() -> FloatArray:  # contiguous slice sums: faster than reduceat here
        ordered = array if permutation is None else array[:, permutation]
        out = np.empty((array.shape[0], len(bounds), array.shape[2]))
        for g, (start, stop) in enumerate(bounds):
            ordered[:, start:stop].sum(axis=1, out=out[:, g])
        return out

    residents: FloatArray | None = (
        None if inventory.population is None else inventory.population.values.m_as("resident")
    )

    def raw_regions() -> FloatArray:
        out = np.empty((len(members), array.shape[1], array.shape[2]))
        for i, index in enumerate(members):
            out[i] = array[index].sum(axis=0)
        if residents is not None:
            summed = np.empty((len(members), residents.shape[1]))
            for i, index in enumerate(members):
                summed[i] = residents[index].sum(axis=0)
        return out

    def values_of(result: EmissionInventory) -> FloatArray:
        return magnitude(result.values, "kt CO2e / a")

    # the same inventory with its areas ordered by region: each region a block of rows, which
    # a numpy user sums as slices (no index arrays, no gathered copies)
    gaz = gazetteer()
    by_region = inventory.sel(
        areas=sorted(inventory.areas, key=lambda a: (gaz.municipality(a).region_code, a))
    )
    sorted_array = by_region.magnitude
    sorted_residents = (
        None if by_region.population is None else by_region.population.values.m_as("resident")
    )
    blocks = [(int(m[0]), int(m[-1]) + 1) for m in _region_members(by_region)]

    def raw_region_blocks() -> FloatArray:
        out = np.empty((len(blocks), sorted_array.shape[1], sorted_array.shape[2]))
        for i, (start, stop) in enumerate(blocks):
            out[i] = sorted_array[start:stop].sum(axis=0)
        if sorted_residents is not None:
            summed = np.empty((len(blocks), sorted_residents.shape[1]))
            for i, (start, stop) in enumerate(blocks):
                summed[i] = sorted_residents[start:stop].sum(axis=0)
        return out

    found = [
        Case(
            "aggregate_sectors(3)",
            lambda: inventory.aggregate_sectors(3),
            raw_sectors,
            values_of,
        ),
        Case(
            "total()",
            inventory.total,
            lambda: array.sum(axis=1, keepdims=True),
            values_of,
        ),
        Case("to_regions()", inventory.to_regions, raw_regions, values_of),
        Case("to_regions() by region", by_region.to_regions, raw_region_blocks, values_of),
    ]
    if residents is not None:
        scale = 1000.0  # kt CO2e / a per resident -> t CO2e / resident / a
        found.append(
            Case(
                "per_resident()",
                inventory.per_resident,
                lambda: array * (scale / residents)[:, None, :],
                lambda result: result.magnitude,
            )
        )
    chosen_areas = list(inventory.areas.labels[::7])
    last_years = list(inventory.years.labels[-10:])
    row_of = {label: i for i, label in enumerate(inventory.areas.labels)}
    column_of = {year: k for k, year in enumerate(inventory.years.labels)}

    def raw_selection() -> npt.NDArray[np.float64]:
        rows = np.fromiter(map(row_of.__getitem__, chosen_areas), np.intp, len(chosen_areas))
        first = column_of[last_years[0]]  # a run of years: a slice
        return array[rows, :, first : first + len(last_years)]

    found.append(
        Case(
            "sel(1/7 areas, 10 years)",
            lambda: inventory.sel(areas=chosen_areas, years=last_years),
            raw_selection,
            values_of,
        )
    )
    return found


def check(cases_: Sequence[Case]) -> None:
    """Raise ``AssertionError`` unless each API result equals its raw counterpart."""
    for case in cases_:
        api = case.api_result(case.api())
        raw = case.raw()
        if api.shape != raw.shape or not np.allclose(api, raw, rtol=1e-12, atol=0.0):
            raise AssertionError(f"{case.name}: API and raw results differ")


def measure(cases_: Sequence[Case], repeats: int, number: int) -> list[Timing]:
    """Median seconds per call, API and raw interleaved sample by sample (in turns first)."""
    samples: dict[tuple[str, str], list[float]] = {}
    for case in cases_:  # warm up caches (gazetteer, hierarchy, pint's unit parsing)
        case.api()
        case.raw()
    for k in range(repeats):
        for case in cases_:
            pair = (("api", case.api), ("raw", case.raw))
            # each goes first in every other sample: the first call after another case finds
            # the caches holding that case's arrays, the second finds them holding its own
            for way, call in pair if k % 2 == 0 else pair[::-1]:
                (seconds,) = timeit.repeat(call, repeat=1, number=number)
                samples.setdefault((case.name, way), []).append(seconds / number)
    return [
        Timing(
            case.name,
            statistics.median(samples[(case.name, "api")]),
            statistics.median(samples[(case.name, "raw")]),
        )
        for case in cases_
    ]


def profile(cases_: Sequence[Case], calls: int = 20, lines: int = 18) -> str:
    """cProfile each API call ``calls`` times; return the top entries by cumulative time."""
    out = io.StringIO()
    for case in cases_:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            case.api()
        profiler.disable()
        out.write(f"\n=== {case.name} x {calls} ===\n")
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def report(inventory: EmissionInventory, timings: Sequence[Timing]) -> str:
    """The printed table: median times, ratios and whether each meets the target."""
    a, s, y = inventory.shape
    megabytes = inventory.magnitude.nbytes / 1e6
    rows = [
        f"inventory: {a} areas x {s} sectors x {y} years, {megabytes:.1f} MB",
        f"{'operation':<22}{'API ms':>10}{'raw ms':>10}{'ratio':>8}  target <= {TARGET_RATIO}",
    ]
    for t in timings:
        met = "met" if t.ratio <= TARGET_RATIO else "NOT met"
        rows.append(f"{t.name:<22}{t.api * 1e3:>10.3f}{t.raw * 1e3:>10.3f}{t.ratio:>8.2f}  {met}")
    return "\n".join(rows)


def run(
    repeat: int = 41,
    number: int = 5,
    inventory: EmissionInventory | None = None,
) -> dict[str, float]:
    """Check, time and return ``{operation: API time / raw time}`` (the national inventory by
    default). Raises ``AssertionError`` if an API result differs from its raw counterpart."""
    timed = cases(inventory if inventory is not None else build_inventory())
    check(timed)
    return {t.name: t.ratio for t in measure(timed, repeat, number)}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the ratios; always returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=41, help="samples per call (median)")
    parser.add_argument("--number", type=int, default=5, help="calls per sample")
    parser.add_argument("--profile", action="store_true", help="cProfile the API calls too")
    parser.add_argument(
        "--regions", nargs="+", metavar="CODE", help="only these regions' municipalities"
    )
    parser.add_argument("--years", type=int, default=46, help="number of years from 1990")
    parser.add_argument(
        "--shuffle-sectors", action="store_true", help="leaves in a random (seeded) order"
    )
    args = parser.parse_args(argv)
    inventory = build_inventory(args.regions, args.years, shuffle_sectors=args.shuffle_sectors)
    timed = cases(inventory)
    check(timed)
    print(report(inventory, measure(timed, args.repeats, args.number)))
    if args.profile:
        print(profile(timed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
