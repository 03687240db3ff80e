"""Side-by-side cost of a roadmap through the engine against a plain-numpy loop of the same maths.

Target (issue 8): a roadmap over 141 municipalities x 13 sectors to 2050 with 30 measures,
Shapley attribution included, in under 100 ms. This is a measurement, not a pass/fail test: it
prints both timings, their ratio and whether the target is met, and always exits 0.

The baseline is 141 municipalities (the first 141 codes of the reference list) x the 13
level-3 ALas sectors x 2024-2050 (27 years), random values in kt CO2e/a from a fixed seed (not
real data). The 30 measures are illustrative, drawn from a fixed seed too: every mechanism
(relative and absolute cuts, heat pumps replacing oil, a district-heat fuel switch,
compensation), each replicated to a random share of the municipalities with random scales,
ramping up between 2024 and 2035. Road transport carries 8 measures in every municipality, so
the exact Shapley computation meets groups of up to 8 measures (256 coalitions) per cell.

Two ways, same mathematics (``canemure.engine.combine``'s notes):

``engine``
    ``combine(baseline, measures)`` then ``attribute(combination)``: effect rows, one
    vectorised pass, and Shapley values per set of measures meeting in a cell, vectorised over
    cells, years and coalitions.
``loop``
    a plain loop: per measure, area and effect a numpy update of that cell's year arrays; per
    cell, every coalition's worth in a Python loop over coalitions (numpy over years), then
    each measure's Shapley value as the weighted sum of its marginal contributions.

Before timing, the remaining emissions and every wedge are checked equal (to 1e-9 relative).
Each side is timed with ``timeit.repeat`` (``--number`` calls per sample, interleaved); the
median of ``--repeats`` samples is printed, as wall time and as the process's CPU time (on a
shared, loaded machine the wall time of both sides grows, the CPU time much less).

Usage::

    python benchmarks/bench_engine.py [--repeats 7] [--number 1] [--areas 141] [--measures 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import timeit
from collections.abc import Sequence
from math import factorial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

try:
    import canemure  # noqa: F401
except ImportError:  # run from a checkout without installing: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from canemure.engine.attribution import attribute
from canemure.engine.combine import combine
from canemure.engine.measures import (
    AbsoluteCut,
    ActivityChange,
    Compensation,
    FactorChange,
    Measure,
    Mechanism,
    RelativeCut,
)
from canemure.engine.ramp import Ramp
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Source
from canemure.sectors import ALL, CREDITS, sector_hierarchy
from canemure.units import Q_

TARGET_MS = 100.0
"""The engine's roadmap (combination + Shapley) should take less than this."""
SEED = 20261202
"""Seed of the random baseline and measures (fixed, so every run times the same work)."""
YEARS = tuple(range(2024, 2051))
SOURCE = "benchmark: illustrative random values, not real data"
KT = "kt CO2e / a"

FloatArray = npt.NDArray[np.float64]


def build_baseline(n_areas: int = 141, years: Sequence[int] = YEARS) -> EmissionInventory:
    """Random level-3 emissions for the first ``n_areas`` municipalities, kt CO2e/a."""
    areas = [m.code for m in gazetteer().municipalities][:n_areas]
    sectors = [s.key for s in sector_hierarchy().level(3) if s.key != CREDITS]
    rng = np.random.default_rng(SEED)
    values = rng.uniform(0.0, 80.0, size=(len(areas), len(sectors), len(years)))
    source = Source(id="benchmark:random", title="Random values with a fixed seed")
    return EmissionInventory.from_array(
        values, KT, areas=areas, sectors=sectors, years=years, rule=ALL, source=source
    )


def _mechanism(kind: int, sector: str, rng: np.random.Generator) -> Mechanism:
    if kind == 0:
        return RelativeCut(sector, rng.uniform(0.05, 0.5))
    if kind == 1:
        return AbsoluteCut(sector, Q_(rng.uniform(1.0, 30.0), KT))
    if kind == 2:
        return ActivityChange.heat_pumps(
            count=float(rng.integers(50, 2000)),
            fuel_use=Q_(20, "MWh / a"),
            fuel_factor=Q_(0.266, "kg CO2e / kWh"),
            heat_demand=Q_(17, "MWh / a"),
            cop=3.0,
            electricity_factor=Q_(0.1, "kg CO2e / kWh"),
        )
    if kind == 3:
        return FactorChange(
            sector, Q_(183, "kg CO2e / MWh"), Q_(rng.uniform(20, 150), "kg CO2e / MWh")
        )
    return Compensation(Q_(rng.uniform(1.0, 10.0), KT))


def build_measures(baseline: EmissionInventory, n_measures: int = 30) -> list[Measure]:
    """``n_measures`` illustrative measures; the first 8 act on road transport everywhere."""
    rng = np.random.default_rng(SEED + 1)
    areas = list(baseline.areas)
    sectors = [s for s in baseline.sectors if s != "Tie"]
    out = []
    for i in range(n_measures):
        road = i < 8
        kind = (0, 1, 3)[i % 3] if road else int(rng.integers(0, 5))
        sector = "Tie" if road else str(rng.choice(sectors))
        mechanism = _mechanism(kind, sector, rng)
        chosen = areas if road else [a for a in areas if rng.random() < rng.uniform(0.2, 1.0)]
        chosen = chosen or areas[:1]
        scales = [1.0, *rng.uniform(0.2, 3.0, size=len(chosen) - 1)]
        start = int(rng.integers(2024, 2031))
        ramp = Ramp(start, start + int(rng.integers(0, 6)), ("linear", "s-curve")[i % 2], 40)
        out.append(Measure(f"m{i:02d}", mechanism, ramp, SOURCE, chosen, scales))
    return out


def engine_roadmap(baseline: EmissionInventory, measures: Sequence[Measure]) -> Any:
    """The engine: combination and exact Shapley wedges."""
    return attribute(combine(baseline, measures))


def loop_roadmap(
    baseline: EmissionInventory, measures: Sequence[Measure]
) -> tuple[FloatArray, FloatArray]:
    """The same mathematics as a plain loop; returns (remaining, wedges)."""
    base = baseline.magnitude
    n_areas, _n_sectors, n_years = base.shape
    years = np.asarray(baseline.years.labels)
    area_at = {a: i for i, a in enumerate(baseline.areas)}
    sector_at = {s: j for j, s in enumerate(baseline.sectors)}
    cells: dict[tuple[int, int], dict[int, list[FloatArray]]] = {}
    for m, measure in enumerate(measures):
        share = measure.ramp.shares(years)
        for area, scale in zip(measure.areas, measure.scales, strict=True):
            for effect in measure.mechanism.effects(baseline.unit):
                if effect.kind == "compensation":
                    continue
                assert effect.sector is not None
                key = (area_at[area], sector_at[effect.sector])
                f, add, cut = cells.setdefault(key, {}).setdefault(
                    m, [np.ones(n_years), np.zeros(n_years), np.zeros(n_years)]
                )
                if effect.kind == "relative":
                    f *= 1.0 - effect.amount * share
                elif effect.kind == "cut":
                    cut += effect.amount * scale * share
                else:
                    add += effect.amount * scale * share
    remaining = base.copy()
    wedges = np.zeros((len(measures), *base.shape))
    for (a, s), acting in cells.items():
        players = sorted(acting)
        n = len(players)
        b = base[a, s]
        worth = []
        for mask in range(1 << n):
            r, add, cut = np.ones(n_years), np.zeros(n_years), np.zeros(n_years)
            for i, m in enumerate(players):
                if mask >> i & 1:
                    r = r * acting[m][0]
                    add = add + acting[m][1]
                    cut = cut + acting[m][2]
            gross = (b + add) * r
            worth.append(b - (gross - np.minimum(cut, np.maximum(gross, 0.0))))
        remaining[a, s] = b - worth[-1]
        for i, m in enumerate(players):
            for mask in range(1 << n):
                if not mask >> i & 1:
                    size = bin(mask).count("1")
                    weight = factorial(size) * factorial(n - size - 1) / factorial(n)
                    wedges[m, a, s] += weight * (worth[mask | 1 << i] - worth[mask])
    _ = n_areas
    return remaining, wedges


def check(baseline: EmissionInventory, measures: Sequence[Measure]) -> None:
    """Raise AssertionError unless the engine and the loop give the same numbers."""
    result = engine_roadmap(baseline, measures)
    remaining, wedges = loop_roadmap(baseline, measures)
    np.testing.assert_allclose(
        result.combination.remaining.magnitude, remaining, rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(result.wedges.m_as(baseline.unit), wedges, rtol=1e-9, atol=1e-9)


def run(
    n_areas: int = 141, n_measures: int = 30, repeat: int = 7, number: int = 1
) -> dict[str, float]:
    """Check, time both sides interleaved; return median milliseconds per call and the ratio."""
    baseline = build_baseline(n_areas)
    measures = build_measures(baseline, n_measures)
    check(baseline, measures)
    samples: dict[str, list[float]] = {"engine": [], "loop": [], "engine_cpu": [], "loop_cpu": []}
    for _ in range(repeat):
        for name, call in (
            ("engine", lambda: engine_roadmap(baseline, measures)),
            ("loop", lambda: loop_roadmap(baseline, measures)),
        ):
            cpu = time.process_time()
            seconds = timeit.repeat(call, repeat=1, number=number)[0]
            samples[f"{name}_cpu"].append(1000.0 * (time.process_time() - cpu) / number)
            samples[name].append(1000.0 * seconds / number)
    found = {f"{name}_ms": statistics.median(values) for name, values in samples.items()}
    found["ratio"] = found["loop_ms"] / found["engine_ms"]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Print the timings; never fails on time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--number", type=int, default=1)
    parser.add_argument("--areas", type=int, default=141)
    parser.add_argument("--measures", type=int, default=30)
    args = parser.parse_args(argv)
    baseline = build_baseline(args.areas)
    measures = build_measures(baseline, args.measures)
    groups = attribute(combine(baseline, measures)).groups
    print(
        f"roadmap: {args.areas} municipalities x {len(baseline.sectors)} sectors x "
        f"{len(baseline.years)} years ({YEARS[0]}-{YEARS[-1]}), {args.measures} measures; "
        f"{len(groups)} cell groups, largest {max(len(g.measures) for g in groups)} measures"
    )
    found = run(args.areas, args.measures, args.repeats, args.number)
    met = "met" if found["engine_ms"] < TARGET_MS else "NOT met"
    print("engine and loop agree (remaining emissions and every wedge, rtol 1e-9)")
    print(f"{'':30} {'wall ms':>9} {'cpu ms':>9}")
    for label, key in (("engine (combine + attribute)", "engine"), ("plain numpy loop", "loop")):
        print(f"{label:30} {found[f'{key}_ms']:9.1f} {found[f'{key}_cpu_ms']:9.1f}")
    print(f"loop / engine (wall): {found['ratio']:.1f}x; engine target < {TARGET_MS:.0f} ms: {met}")
    print("(cpu = process time; on a loaded machine wall time exceeds it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
