"""Successive merges share growable buffers: no result may change after it was returned.

``merge`` appends new areas on the same sectors and years in place into the spare rows of the
newest result's buffer (``canemure.inventory._grow``). These tests build random trees of merges
(reusing older inventories as either operand, so several results grow from one buffer) and
compare every result, and at the end every inventory made on the way, with a reference built
the plain way: ``np.full`` of NaN on the union axes, the left operand placed, the right one
placed where estimated. Populations are checked the same way.
"""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import MUNICIPALITY_CODES, FloatArray, values_with_holes

from canemure.inventory import EmissionInventory, Population, Source
from canemure.sectors import ALL, sector_hierarchy
from canemure.units import Q_

SECTORS = tuple(node.key for node in sector_hierarchy().level(3))[:6]
YEARS = (2005, 2010, 2015, 2020)
AREAS = MUNICIPALITY_CODES[:80]
TO_KT = {"kt CO2e / a": 1.0, "t CO2e / a": 1e-3}


@dataclass(frozen=True)
class Expected:
    """What an inventory must hold, by labels, the plain way."""

    areas: tuple[str, ...]
    sectors: tuple[str, ...]
    years: tuple[int, ...]
    kt: FloatArray
    """Values in kt CO2e / a."""
    population: tuple[tuple[str, ...], tuple[int, ...], FloatArray] | None
    sources: dict[str, tuple[Source, ...]]


def place(
    shape_axes: tuple[list[str], list[str], list[int]], expected: Expected, out: FloatArray
) -> None:
    """Write ``expected``'s cells into ``out`` (on ``shape_axes``) where they are estimated."""
    areas, sectors, years = shape_axes
    for i, area in enumerate(expected.areas):
        for j, sector in enumerate(expected.sectors):
            for k, year in enumerate(expected.years):
                value = expected.kt[i, j, k]
                if not np.isnan(value):
                    out[areas.index(area), sectors.index(sector), years.index(year)] = value


def merged_population(
    mine: tuple[tuple[str, ...], tuple[int, ...], FloatArray] | None,
    other: tuple[tuple[str, ...], tuple[int, ...], FloatArray] | None,
) -> tuple[tuple[str, ...], tuple[int, ...], FloatArray] | None:
    """The population of a merge, the plain way (other wins where known)."""
    if other is None or mine is None:
        return mine if other is None else other
    areas = list(dict.fromkeys([*mine[0], *other[0]]))
    years = sorted({*mine[1], *other[1]})
    out = np.full((len(areas), len(years)), np.nan)
    for table in (mine, other):
        for i, area in enumerate(table[0]):
            for k, year in enumerate(table[1]):
                if not np.isnan(table[2][i, k]):
                    out[areas.index(area), years.index(year)] = table[2][i, k]
    return tuple(areas), tuple(years), out


def merged(mine: Expected, other: Expected) -> Expected:
    """The plain reference of ``mine.merge(other)``."""
    areas = list(dict.fromkeys([*mine.areas, *other.areas]))
    sectors = list(dict.fromkeys([*mine.sectors, *other.sectors]))
    years = sorted({*mine.years, *other.years})
    out = np.full((len(areas), len(sectors), len(years)), np.nan)
    place((areas, sectors, years), mine, out)
    place((areas, sectors, years), other, out)
    sources = dict(mine.sources)
    for area, found in other.sources.items():
        sources[area] = tuple(dict.fromkeys([*found, *sources.get(area, ())]))
    population = merged_population(mine.population, other.population)
    return Expected(tuple(areas), tuple(sectors), tuple(years), out, population, sources)


def check(inventory: EmissionInventory, expected: Expected) -> None:
    """``inventory`` holds exactly what ``expected`` says."""
    assert inventory.areas.labels == expected.areas
    assert inventory.sectors.labels == expected.sectors
    assert inventory.years.labels == expected.years
    got = inventory.values.m_as("kt CO2e / a")
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected.kt))
    np.testing.assert_allclose(got, expected.kt, rtol=1e-12, equal_nan=True)
    assert dict(inventory.sources) == expected.sources
    if expected.population is None:
        assert inventory.population is None
    else:
        assert inventory.population is not None
        areas, years, residents = expected.population
        assert inventory.population.areas.labels == areas
        assert inventory.population.years.labels == years
        assert np.array_equal(inventory.population.values.m_as("resident"), residents, True)


@st.composite
def parts(draw: st.DrawFn, number: int) -> Expected:
    """A part: some areas, mostly the common sectors and years (so merges append)."""
    if draw(st.integers(0, 3)) != 3:  # mostly areas of its own (new ones, when merged)
        own = AREAS[2 * number : 2 * number + 2]
        areas = own[: draw(st.integers(1, 2))]
    else:
        areas = draw(st.lists(st.sampled_from(AREAS), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 3)) != 3:  # mostly the common axes
        sectors, years = SECTORS, YEARS
    else:
        sectors = tuple(draw(st.permutations(SECTORS))[: draw(st.integers(1, len(SECTORS)))])
        years = tuple(sorted(draw(st.sets(st.sampled_from(YEARS), min_size=1))))
    values = draw(values_with_holes((len(areas), len(sectors), len(years)), max_holes=4))
    values += 1000.0 * number  # no two parts alike, even when drawn from one seed
    population = None
    if draw(st.booleans()):
        residents = draw(values_with_holes((len(areas), len(years)), max_holes=1, low=100.0))
        residents += 1000.0 * number
        population = (tuple(areas), years, residents)
    source = Source(id=f"test:part-{number}", title="Random values drawn by Hypothesis")
    return Expected(
        tuple(areas), sectors, years, values, population, dict.fromkeys(areas, (source,))
    )


def build(expected: Expected, unit: str) -> EmissionInventory:
    """The part ``expected`` as an inventory in ``unit``."""
    population = None
    if expected.population is not None:
        areas, years, residents = expected.population
        population = Population(Q_(residents.copy(), "resident"), areas, years)
    return EmissionInventory(
        Q_(expected.kt / TO_KT[unit], unit),
        expected.areas,
        expected.sectors,
        expected.years,
        ALL,
        expected.sources,
        population,
    )


Step = tuple[int, int] | tuple[Expected, str]
"""A new part (and its unit), or a merge of two earlier inventories (their indices)."""


@st.composite
def steps(draw: st.DrawFn) -> list[Step]:
    """A tree of merges: new parts, and merges of any two earlier inventories.

    Most merges take the newest inventory and a new part (a chain of appends, which fills a
    buffer in place); others take an earlier inventory and a new part (a branch: the earlier
    one is merged again, its buffer already shared with newer results), or any two earlier
    inventories.
    """
    out: list[Step] = []
    size = draw(st.integers(2, 36))
    while len(out) < size:
        made = len(out)
        kind = draw(
            st.sampled_from(["chain", "chain", "branch", "part", "any"] if made else ["part"])
        )
        if kind == "any":
            out.append((draw(st.integers(0, made - 1)), draw(st.integers(0, made - 1))))
            continue
        out.append((draw(parts(made)), draw(st.sampled_from(sorted(TO_KT)))))
        if kind == "chain":  # the newest before the part, then the part
            out.append((made - 1, made))
        elif kind == "branch":  # any earlier one, then the part
            out.append((draw(st.integers(0, made - 1)), made))
    return out


@settings(max_examples=200, deadline=None)
@given(steps())
def test_any_tree_of_merges_gives_the_plain_values_and_keeps_earlier_ones(
    plan: list[Step],
) -> None:
    made: list[EmissionInventory] = []
    expected: list[Expected] = []
    for step in plan:
        if isinstance(step[0], Expected):
            part, unit = step
            assert isinstance(unit, str)
            made.append(build(part, unit))
            expected.append(part)
        else:
            left, right = step
            assert isinstance(left, int) and isinstance(right, int)
            made.append(made[left].merge(made[right]))
            expected.append(merged(expected[left], expected[right]))
        check(made[-1], expected[-1])
    for inventory, wanted in zip(made, expected, strict=True):  # nothing changed afterwards
        check(inventory, wanted)


def one_area(code: str, value: float) -> EmissionInventory:
    """A one-municipality part on the common axes, every cell ``value``."""
    shape = (1, len(SECTORS), len(YEARS))
    return EmissionInventory.from_array(
        np.full(shape, value), "kt CO2e / a", areas=[code], sectors=SECTORS, years=YEARS, rule=ALL
    )


def test_a_chain_of_merges_fills_one_buffer_and_its_results_are_read_only() -> None:
    merged = one_area(AREAS[0], 0.0)
    results = []
    for k in range(1, 20):
        merged = merged.merge(one_area(AREAS[k], float(k)))
        results.append(merged)
    # from the third merge on, most results share the buffer of the one before (in place)
    shared = sum(np.shares_memory(a.magnitude, b.magnitude) for a, b in itertools.pairwise(results))
    assert shared >= 14
    for result in results:
        assert not result.magnitude.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            result.magnitude[0, 0, 0] = 1.0
        assert result.magnitude[:, 0, 0].tolist() == [float(k) for k in range(len(result.areas))]


def test_merging_an_older_result_again_copies_and_leaves_the_newer_one() -> None:
    older = one_area(AREAS[0], 0.0).merge(one_area(AREAS[1], 1.0)).merge(one_area(AREAS[2], 2.0))
    newer = older.merge(one_area(AREAS[3], 3.0))  # in place, into older's spare rows
    branch = older.merge(one_area(AREAS[4], 4.0))  # older is not the newest: a copy
    assert np.shares_memory(newer.magnitude, older.magnitude)
    assert not np.shares_memory(branch.magnitude, newer.magnitude)
    assert newer.magnitude[:, 0, 0].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert branch.magnitude[:, 0, 0].tolist() == [0.0, 1.0, 2.0, 4.0]
    assert older.magnitude[:, 0, 0].tolist() == [0.0, 1.0, 2.0]


def test_threads_merging_into_one_inventory_each_get_their_own_part() -> None:
    base = one_area(AREAS[0], 0.0).merge(one_area(AREAS[1], 1.0)).merge(one_area(AREAS[2], 2.0))
    barrier = threading.Barrier(8)

    def merge_one(k: int) -> EmissionInventory:
        barrier.wait()
        return base.merge(one_area(AREAS[10 + k], 10.0 + k))

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(merge_one, range(8)))
    for k, result in enumerate(results):
        assert result.magnitude[:, 0, 0].tolist() == [0.0, 1.0, 2.0, 10.0 + k]
    assert base.magnitude[:, 0, 0].tolist() == [0.0, 1.0, 2.0]


def test_population_merges_outside_the_append_case_are_unchanged() -> None:
    # descending years and whole-number arrays take the general path, as before
    descending = Population(Q_(np.array([[1.0, 2.0]]), "resident"), ["005"], [2021, 2020])
    other = Population(Q_(np.array([[3.0, 4.0]]), "resident"), ["009"], [2021, 2020])
    merged = descending.merge(other)
    assert merged.years.labels == (2020, 2021)
    assert merged.values.m_as("resident").tolist() == [[2.0, 1.0], [4.0, 3.0]]
    assert descending.merge(descending).years.labels == (2020, 2021)
    whole = Population(Q_(np.array([[1, 2]]), "resident"), ["005"], [2020, 2021])
    assert whole.merge(whole) is whole
    with pytest.raises(ValueError, match="NaN"):
        whole.merge(Population(Q_(np.array([[3, 4]]), "resident"), ["009"], [2020, 2021]))


Table = tuple[tuple[str, ...], tuple[int, ...], FloatArray]
"""A population table the plain way: areas, years, residents."""


@st.composite
def tables(draw: st.DrawFn, number: int) -> Table:
    """A population table: mostly the common years, areas of its own or of earlier tables."""
    pool = AREAS[: 2 * number + 2]
    if draw(st.booleans()):  # the areas of some earlier table, or new ones
        start = 2 * draw(st.integers(0, number))
        areas = pool[start : start + draw(st.integers(1, 2))]
    else:
        areas = tuple(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True)))
    years = YEARS
    if not draw(st.integers(0, 3)):  # some years, maybe in descending order
        years = tuple(sorted(draw(st.sets(st.sampled_from(YEARS), min_size=1))))
        if draw(st.booleans()):
            years = years[::-1]
    residents = draw(values_with_holes((len(areas), len(years)), max_holes=2, low=100.0))
    return areas, years, residents + 1000.0 * number


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_tree_of_population_merges_gives_the_plain_values(data: st.DataObject) -> None:
    made: list[Population] = []
    expected: list[Table] = []
    for number in range(data.draw(st.integers(2, 30), label="steps")):
        if number and data.draw(st.integers(0, 2), label="merge?"):
            left = data.draw(st.sampled_from([number - 1, *range(number)]), label="left")
            right = data.draw(st.integers(0, number - 1), label="right")
            made.append(made[left].merge(made[right]))
            found = merged_population(expected[left], expected[right])
            assert found is not None
            expected.append(found)
        else:
            table = data.draw(tables(number), label="table")
            made.append(Population(Q_(table[2].copy(), "resident"), table[0], table[1]))
            expected.append(table)
        areas, years, residents = expected[-1]
        assert made[-1].areas.labels == areas
        assert made[-1].years.labels == years
        assert np.array_equal(made[-1].values.m_as("resident"), residents, equal_nan=True)
    for table, (areas, years, residents) in zip(made, expected, strict=True):
        assert table.areas.labels == areas
        assert table.years.labels == years
        assert np.array_equal(table.values.m_as("resident"), residents, equal_nan=True)
