"""Typed Hypothesis strategies for the roadmap engine: baselines and model measures.

Baselines are level-3 inventories over real municipality codes with emissions >= 0 in every
ordinary sector and <= 0 in the wind-power credits sector (the sink), so "no sector below zero
except sinks" can be checked on any draw. Measures draw every mechanism with quantities of the
right dimension; the numbers are random and say so in their source.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st
from strategies import TEST_SOURCE, municipality_codes, values_with_holes

from canemure.engine.measures import (
    AbsoluteCut,
    ActivityChange,
    ActivityTerm,
    Compensation,
    FactorChange,
    Measure,
    Mechanism,
    RelativeCut,
)
from canemure.engine.ramp import Ramp
from canemure.inventory import EmissionInventory
from canemure.sectors import ALL, CREDITS, sector_hierarchy
from canemure.units import Q_

LEVEL3: tuple[str, ...] = tuple(s.key for s in sector_hierarchy().level(3))
"""The 13 level-3 ALas sectors and the credits sector."""

SOURCE = "random values drawn by Hypothesis (not real data)"


@st.composite
def baselines(
    draw: st.DrawFn, *, max_areas: int = 3, max_years: int = 3, max_holes: int = 2
) -> EmissionInventory:
    """A level-3 baseline in kt CO2e/a: >= 0 except the credits sector (<= 0); NaN holes."""
    areas = draw(municipality_codes(1, max_areas))
    chosen = set(draw(st.lists(st.sampled_from(LEVEL3), min_size=1, max_size=4, unique=True)))
    sectors = [s for s in LEVEL3 if s in chosen]
    years = sorted(draw(st.sets(st.integers(2020, 2040), min_size=1, max_size=max_years)))
    shape = (len(areas), len(sectors), len(years))
    values = draw(values_with_holes(shape, max_holes=max_holes, low=0.0, high=300.0))
    for j, key in enumerate(sectors):
        if key == CREDITS:
            values[:, j] = -values[:, j]
    return EmissionInventory.from_array(
        values,
        "kt CO2e / a",
        areas=areas,
        sectors=sectors,
        years=years,
        rule=ALL,
        source=TEST_SOURCE,
    )


def _amount() -> st.SearchStrategy[float]:
    return st.floats(0.0, 400.0, allow_nan=False)


@st.composite
def mechanisms(draw: st.DrawFn, sectors: Sequence[str]) -> Mechanism:
    """One mechanism acting on ``sectors`` (any kind, unit-correct quantities)."""
    sector = draw(st.sampled_from(list(sectors)))
    kind = draw(st.sampled_from(["relative", "absolute", "activity", "factor", "compensation"]))
    if kind == "relative":
        return RelativeCut(sector, draw(st.floats(0.0, 1.0)))
    if kind == "absolute":
        return AbsoluteCut(sector, Q_(draw(_amount()), "kt CO2e / a"))
    if kind == "activity":
        other = draw(st.sampled_from(list(sectors)))
        removed = ActivityTerm(
            sector, Q_(-draw(_amount()), "GWh / a"), Q_(draw(st.floats(0, 0.4)), "kg CO2e / kWh")
        )
        added = ActivityTerm(
            other, Q_(draw(_amount()) / 3, "GWh / a"), Q_(draw(st.floats(0, 0.3)), "t CO2e / MWh")
        )
        return ActivityChange((removed, added))
    if kind == "factor":
        old = draw(st.floats(1.0, 300.0))
        return FactorChange(
            sector,
            Q_(old, "kg CO2e / MWh"),
            Q_(draw(st.floats(0.0, 2 * old)), "kg CO2e / MWh"),
            draw(st.floats(0.0, 1.0)),
        )
    return Compensation(
        Q_(draw(_amount()), "kt CO2e / a"), draw(st.sampled_from(["compensation", "sink"]))
    )


@st.composite
def measure_lists(
    draw: st.DrawFn, baseline: EmissionInventory, *, min_size: int = 1, max_size: int = 6
) -> list[Measure]:
    """Uniquely named measures acting on some of ``baseline``'s areas and sectors."""
    n = draw(st.integers(min_size, max_size))
    first, last = baseline.years.labels[0], baseline.years.labels[-1]
    out = []
    for i in range(n):
        areas = draw(st.lists(st.sampled_from(list(baseline.areas)), min_size=1, unique=True))
        scales = [1.0, *(draw(st.floats(0.0, 3.0)) for _ in areas[1:])]
        start = draw(st.integers(first - 3, last))
        ramp = Ramp(
            start,
            draw(st.integers(start, last + 3)),
            draw(st.sampled_from(["linear", "s-curve"])),
            draw(st.none() | st.integers(1, 30)),
        )
        out.append(
            Measure(
                f"m{i}",
                draw(mechanisms(list(baseline.sectors))),
                ramp,
                SOURCE,
                areas,
                scales,
            )
        )
    return out


class Case:
    """A baseline and measures, with a short repr (an inventory's full repr is huge)."""

    def __init__(self, baseline: EmissionInventory, measures: list[Measure]) -> None:
        self.baseline = baseline
        self.measures = measures

    def __repr__(self) -> str:
        lines = [repr(self.baseline), f"areas={list(self.baseline.areas)}"]
        lines.append(f"values={self.baseline.magnitude.tolist()!r}")
        lines += [f"  {m!r}: {m.mechanism!r} {m.ramp!r} scales={m.scales}" for m in self.measures]
        return "\n".join(lines)


@st.composite
def cases(draw: st.DrawFn, *, max_size: int = 6) -> Case:
    """A baseline and 1 to ``max_size`` measures acting on it."""
    baseline = draw(baselines())
    return Case(baseline, draw(measure_lists(baseline, max_size=max_size)))
