"""Typed Hypothesis strategies for canemure's domain objects.

Structure is drawn by Hypothesis (which areas, which sectors, which years, where the
"not estimated" holes are), so failures shrink to few areas, few sectors and single holes.
The bulk of the numbers is drawn from a numpy generator seeded by Hypothesis: drawing thousands
of floats one by one would make every example slow without finding more bugs.

Areas are always real municipality codes of the bundled reference list, so inventories can be
summed into real regions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population, Source
from canemure.sectors import ALL, AccountingRule, sector_hierarchy

FloatArray = npt.NDArray[np.float64]

MUNICIPALITY_CODES: tuple[str, ...] = tuple(m.code for m in gazetteer().municipalities)
"""All 308 municipality codes of the reference list."""
REGION_CODES: tuple[str, ...] = tuple(r.code for r in gazetteer().regions)
"""All region codes of the reference list."""
SMALL_REGIONS: tuple[str, ...] = tuple(
    r.code for r in gazetteer().regions if len(gazetteer().municipalities_of(r)) <= 11
)
"""Regions with at most 11 municipalities (keeps whole-region inventories small)."""

TEST_SOURCE = Source(id="test:hypothesis", title="Random values drawn by Hypothesis")
"""The provenance of every generated inventory (it is not real data and says so)."""

FIRST_YEAR = 1990
LAST_YEAR = 2050

UNITS: tuple[str, ...] = (
    "kt CO2e / a",
    "t CO2e / a",
    "Mt CO2e / a",
    "GWh / a",
    "kt CH4 / a",
    "EUR / (t CO2e)",
)
"""Units an inventory may carry (emissions, energy, a single gas, a cost per tonne)."""


def municipality_codes(min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[str]]:
    """Distinct real municipality codes, in drawn order."""
    return st.lists(
        st.sampled_from(MUNICIPALITY_CODES), min_size=min_size, max_size=max_size, unique=True
    )


@st.composite
def whole_regions(draw: st.DrawFn, max_regions: int = 2) -> list[str]:
    """Every municipality code of 1 to ``max_regions`` small regions, sorted by code."""
    regions = draw(st.lists(st.sampled_from(SMALL_REGIONS), min_size=1, max_size=max_regions))
    gaz = gazetteer()
    return sorted({m.code for r in regions for m in gaz.municipalities_of(r)})


def sector_levels(min_level: int = 0, max_level: int = 6) -> st.SearchStrategy[int]:
    """A level of the ALas hierarchy (0 = total ... 6 = leaves)."""
    return st.integers(min_level, max_level)


@st.composite
def sector_keys(
    draw: st.DrawFn,
    level: int,
    *,
    complete: bool = False,
    shuffled: bool = False,
    rule: AccountingRule | None = None,
) -> list[str]:
    """Keys of sectors at ``level``: all of them (``complete``) or a non-empty subset.

    With ``rule`` (leaves only), the leaves that rule counts. Hierarchy order unless
    ``shuffled``.
    """
    tree = sector_hierarchy()
    if rule is not None:
        if level != 6:
            raise ValueError("rules select leaves; use level=6 with rule")
        keys = [leaf.key for leaf in rule.leaves(tree)]
    else:
        keys = [node.key for node in tree.level(level)]
    if not complete:
        chosen = set(draw(st.lists(st.sampled_from(keys), min_size=1, unique=True)))
        keys = [k for k in keys if k in chosen]
    if shuffled:
        keys = list(draw(st.permutations(keys)))
    return keys


@st.composite
def years(
    draw: st.DrawFn, min_size: int = 1, max_size: int = 4, first: int = FIRST_YEAR
) -> list[int]:
    """Distinct ascending calendar years between ``first`` and 2050."""
    return sorted(
        draw(st.sets(st.integers(first, LAST_YEAR), min_size=min_size, max_size=max_size))
    )


@st.composite
def values_with_holes(
    draw: st.DrawFn,
    shape: tuple[int, ...],
    *,
    max_holes: int = 3,
    low: float = -50.0,
    high: float = 500.0,
) -> FloatArray:
    """A float64 array of ``shape`` in ``[low, high)``, with up to ``max_holes`` NaN cells.

    Values are rounded to 0.1 like SYKE's published figures half of the time, so both rounded
    and full-precision data are exercised. NaN ("not estimated") positions are drawn one by one.
    """
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.uniform(low, high, size=shape)
    if draw(st.booleans()):
        values = np.round(values, 1)
    if max_holes and values.size:
        flat = draw(st.sets(st.integers(0, values.size - 1), max_size=max_holes))
        values.reshape(-1)[sorted(flat)] = np.nan
    return values


@st.composite
def populations(
    draw: st.DrawFn, areas: Sequence[str], years_: Sequence[int], *, holes: bool = False
) -> Population:
    """Residents per area and year (whole numbers, 100 to 700 000); NaN holes if ``holes``."""
    counts = draw(
        st.lists(
            st.integers(100, 700_000),
            min_size=len(areas) * len(years_),
            max_size=len(areas) * len(years_),
        )
    )
    array = np.array(counts, dtype=np.float64).reshape(len(areas), len(years_))
    if holes and array.size:
        flat = draw(st.sets(st.integers(0, array.size - 1), max_size=2))
        array.reshape(-1)[sorted(flat)] = np.nan
    data = {(a, y): float(array[i, k]) for i, a in enumerate(areas) for k, y in enumerate(years_)}
    return Population.from_mapping(data, source=TEST_SOURCE)


@st.composite
def inventories(
    draw: st.DrawFn,
    *,
    level: int | None = 6,
    areas: Sequence[str] | None = None,
    max_areas: int = 5,
    max_years: int = 3,
    max_holes: int = 3,
    complete_sectors: bool = False,
    shuffled_sectors: bool = False,
    rule: AccountingRule = ALL,
    with_population: bool = False,
    unit: str | None = "kt CO2e / a",
    source: Source = TEST_SOURCE,
) -> EmissionInventory:
    """A municipal inventory over real municipality codes.

    ``level`` is the sector level (``None``: drawn); ``areas`` fixes the areas (otherwise 1 to
    ``max_areas`` drawn codes); ``max_holes=0`` gives a complete inventory; ``unit=None`` draws
    one of :data:`UNITS`.
    """
    chosen_level = draw(sector_levels()) if level is None else level
    area_codes = list(areas) if areas is not None else draw(municipality_codes(1, max_areas))
    keys = draw(sector_keys(chosen_level, complete=complete_sectors, shuffled=shuffled_sectors))
    chosen_years = draw(years(max_size=max_years))
    shape = (len(area_codes), len(keys), len(chosen_years))
    values = draw(values_with_holes(shape, max_holes=max_holes))
    population = draw(populations(area_codes, chosen_years)) if with_population else None
    return EmissionInventory.from_array(
        values,
        draw(st.sampled_from(UNITS)) if unit is None else unit,
        areas=area_codes,
        sectors=keys,
        years=chosen_years,
        rule=rule,
        source=source,
        population=population,
    )
