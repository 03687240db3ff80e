"""Properties of inventories that must hold for any data (Hypothesis).

Conservation of totals across sector levels and areas, "not estimated" propagating instead of
becoming zero, per-resident values derived from summed parts, independence from axis order,
loss-free records, and merge semantics.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    MUNICIPALITY_CODES,
    TEST_SOURCE,
    FloatArray,
    inventories,
    municipality_codes,
    populations,
    whole_regions,
    years,
)

from canemure.errors import UnknownNameError
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Source, from_records
from canemure.sectors import HINKU, sector_hierarchy

TREE = sector_hierarchy()
LEVEL_SIZES = (1, 5, 9, 14, 30, 71, 91)
RTOL = 1e-12
ATOL = 1e-9  # values are at most a few thousand; sums of 91 of them keep ~12 digits


def close(actual: FloatArray, expected: FloatArray) -> None:
    """Equal within float tolerance, NaN exactly where expected is NaN."""
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected))
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=ATOL, equal_nan=True)


def by_label(inventory: EmissionInventory) -> dict[tuple[str, str], FloatArray]:
    """Each (area, sector) row of years, keyed by labels (to compare across axis orders)."""
    return {
        (a, s): inventory.magnitude[i, j]
        for i, a in enumerate(inventory.areas)
        for j, s in enumerate(inventory.sectors)
    }


def expected_parent_sums(inventory: EmissionInventory, level: int) -> dict[str, FloatArray]:
    """Sum children into ancestors at ``level`` the slow, obvious way (NaN if any child is)."""
    sums: dict[str, FloatArray] = {}
    for j, key in enumerate(inventory.sectors):
        parent = TREE.ancestor(key, level).key
        row = inventory.magnitude[:, j, :]
        sums[parent] = sums[parent] + row if parent in sums else row.copy()
    return sums


# ----------------------------------------------------------------------------- sectors
@given(inventories(level=6, complete_sectors=True, max_holes=0, max_areas=4))
def test_aggregation_conserves_totals(inventory: EmissionInventory) -> None:
    leaves = inventory.magnitude.sum(axis=1)
    for level in range(6):
        aggregated = inventory.aggregate_sectors(level)
        assert len(aggregated.sectors) == LEVEL_SIZES[level]
        close(aggregated.magnitude.sum(axis=1), leaves)
    level3 = inventory.aggregate_sectors(3)
    level1 = inventory.aggregate_sectors(1)
    total = inventory.total()
    close(level3.magnitude.sum(axis=1), leaves)
    close(level1.magnitude.sum(axis=1), level3.magnitude.sum(axis=1))
    close(total.magnitude[:, 0, :], level1.magnitude.sum(axis=1))
    assert total.unit == inventory.unit


@given(inventories(level=None, shuffled_sectors=True), st.data())
def test_aggregating_in_steps_equals_aggregating_at_once(
    inventory: EmissionInventory, data: st.DataObject
) -> None:
    top = inventory.sector_level
    middle = data.draw(st.integers(0, top), label="middle")
    target = data.draw(st.integers(0, middle), label="target")
    direct = inventory.aggregate_sectors(target)
    stepped = inventory.aggregate_sectors(middle).aggregate_sectors(target)
    assert list(direct.sectors) == list(stepped.sectors)
    close(stepped.magnitude, direct.magnitude)


@given(inventories(level=6, max_holes=4), st.integers(0, 5))
def test_a_missing_member_makes_its_aggregate_missing(
    inventory: EmissionInventory, level: int
) -> None:
    aggregated = inventory.aggregate_sectors(level)
    expected = expected_parent_sums(inventory, level)
    assert list(aggregated.sectors) == list(expected)
    for j, parent in enumerate(aggregated.sectors):
        close(aggregated.magnitude[:, j, :], expected[parent])
    # NaN in any leaf of an area-year => that area-year's total is NaN; never a smaller number
    missing = np.isnan(inventory.magnitude).any(axis=1)
    np.testing.assert_array_equal(np.isnan(inventory.total().magnitude[:, 0, :]), missing)


@given(inventories(level=None, max_holes=4))
def test_coverage_reports_every_gap(inventory: EmissionInventory) -> None:
    coverage = inventory.coverage()
    holes = {
        (inventory.areas.labels[i], inventory.sectors.labels[j], inventory.years.labels[k])
        for i, j, k in np.argwhere(np.isnan(inventory.magnitude))
    }
    reported = {(g.area, s, g.year) for g in coverage.gaps for s in g.sectors}
    assert reported == holes
    assert coverage.total_cells - coverage.estimated_cells == len(holes)
    assert coverage.is_complete == (not holes)


# ----------------------------------------------------------------------------- areas
@given(st.data())
def test_region_total_is_the_sum_of_its_municipalities(data: st.DataObject) -> None:
    codes = data.draw(whole_regions())
    inventory = data.draw(inventories(level=3, areas=codes, complete_sectors=True, max_holes=0))
    regions = inventory.to_regions()
    gaz = gazetteer()
    assert list(regions.areas) == sorted({gaz.municipality(c).region_code for c in codes})
    for i, region in enumerate(regions.areas):
        members = [m.code for m in gaz.municipalities_of(region)]
        rows = inventory.magnitude[inventory.areas.positions(members)]
        close(regions.magnitude[i], rows.sum(axis=0))
    close(regions.total().magnitude.sum(axis=0), inventory.total().magnitude.sum(axis=0))


@given(st.data())
def test_a_region_missing_a_municipality_is_not_estimated(data: st.DataObject) -> None:
    codes = data.draw(whole_regions())
    dropped = data.draw(st.sampled_from(codes), label="dropped")
    kept = [c for c in codes if c != dropped]
    assume(kept)
    inventory = data.draw(inventories(level=3, areas=kept, max_holes=0))
    regions = inventory.to_regions()
    gap_region = gazetteer().municipality(dropped).region_code
    for i, region in enumerate(regions.areas):
        assert np.isnan(regions.magnitude[i]).all() == (region == gap_region)
        assert not np.isnan(regions.magnitude[i]).any() or region == gap_region
    coverage = regions.coverage()
    assert {g.area for g in coverage.gaps} == {gap_region}
    assert len(coverage.gaps) == len(inventory.years)
    assert gap_region not in coverage.complete_areas


@given(inventories(level=3, max_holes=3, max_areas=6), st.data())
def test_aggregate_areas_sums_complete_groups_only(
    inventory: EmissionInventory, data: st.DataObject
) -> None:
    outside = [c for c in MUNICIPALITY_CODES if c not in inventory.areas][:5]
    pool = st.sampled_from([*inventory.areas, *outside])
    groups = data.draw(
        st.dictionaries(st.text("abc", min_size=1, max_size=3), st.lists(pool, unique=True))
    )
    grouped = inventory.aggregate_areas(groups)
    assert list(grouped.areas) == list(groups)
    for i, members in enumerate(groups.values()):
        if not members or any(m not in inventory.areas for m in members):
            assert np.isnan(grouped.magnitude[i]).all()
        else:
            rows = inventory.magnitude[inventory.areas.positions(members)]
            close(grouped.magnitude[i], rows.sum(axis=0))


# ----------------------------------------------------------------------------- per resident
@given(inventories(level=3, max_holes=0, with_population=True, max_areas=6))
def test_per_resident_of_an_aggregate_is_total_over_population(
    inventory: EmissionInventory,
) -> None:
    assert inventory.population is not None
    group = inventory.aggregate_areas({"all": list(inventory.areas)}).total()
    per = group.per_resident().m_as("t CO2e / resident / a")[0, 0]
    emissions_t = inventory.magnitude.sum(axis=(0, 1)) * 1000.0  # kt -> t
    residents = inventory.population.values.m_as("resident").sum(axis=0)
    np.testing.assert_allclose(per, emissions_t / residents, rtol=1e-12)


# ----------------------------------------------------------------------------- axis order
@given(inventories(level=6, max_holes=3), st.integers(0, 5), st.data())
def test_aggregation_is_independent_of_axis_order(
    inventory: EmissionInventory, level: int, data: st.DataObject
) -> None:
    areas = data.draw(st.permutations(list(inventory.areas)), label="areas")
    sectors = data.draw(st.permutations(list(inventory.sectors)), label="sectors")
    permuted = inventory.sel(areas=areas, sectors=sectors)
    for op in (lambda inv: inv.aggregate_sectors(level), lambda inv: inv.total()):
        original, shuffled = by_label(op(inventory)), by_label(op(permuted))
        assert set(original) == set(shuffled)
        for key, row in original.items():
            close(shuffled[key], row)


@given(st.data())
def test_region_sums_are_independent_of_area_order(data: st.DataObject) -> None:
    codes = data.draw(whole_regions())
    inventory = data.draw(inventories(level=3, areas=codes, max_holes=2))
    permuted = inventory.sel(areas=data.draw(st.permutations(codes), label="order"))
    original, shuffled = inventory.to_regions(), permuted.to_regions()
    assert original.areas == shuffled.areas
    close(shuffled.magnitude, original.magnitude)


# ----------------------------------------------------------------------------- records
@given(inventories(level=None, max_holes=4, unit=None))
def test_records_round_trip_is_identical(inventory: EmissionInventory) -> None:
    records = inventory.to_records()
    assert len(records) == inventory.magnitude.size
    back = from_records(records, rule=inventory.rule, sources=inventory.sources)
    assert back.areas == inventory.areas
    assert back.sectors == inventory.sectors
    assert back.years == inventory.years
    assert back.unit == inventory.unit
    assert back.rule == inventory.rule
    assert back.sources == inventory.sources
    assert np.array_equal(back.magnitude, inventory.magnitude, equal_nan=True)
    assert back.to_records() == records
    flat = inventory.magnitude.ravel()
    assert all((r.value is None) == np.isnan(v) for r, v in zip(records, flat, strict=True))


# ----------------------------------------------------------------------------- merge
def cell(
    values: FloatArray, inventory: EmissionInventory, area: str, sector: str, year: int
) -> float:
    """One value of ``values`` (laid out like ``inventory``); NaN where it has no such cell."""
    if area not in inventory.areas or year not in inventory.years:
        return float("nan")
    i, j = inventory.areas.position(area), inventory.sectors.position(sector)
    return float(values[i, j, inventory.years.position(year)])


@given(st.data())
def test_merge_other_wins_where_estimated(data: st.DataObject) -> None:
    other_source = Source(id="test:other", title="Another test source")
    base = data.draw(inventories(level=3, complete_sectors=True, max_holes=3), label="base")
    shared = data.draw(st.lists(st.sampled_from(list(base.areas)), unique=True), label="shared")
    extra = data.draw(municipality_codes(0, 2), label="extra")
    areas = list(dict.fromkeys([*shared, *extra])) or list(base.areas)[:1]
    other = data.draw(
        inventories(
            level=3,
            areas=areas,
            complete_sectors=True,
            max_holes=3,
            unit=data.draw(st.sampled_from(["kt CO2e / a", "t CO2e / a"])),
            source=other_source,
        ),
        label="other",
    )
    merged = base.merge(other)
    assert merged.unit == base.unit
    assert list(merged.years) == sorted(set(base.years) | set(other.years))
    other_kt = other.values.m_as("kt CO2e / a")
    for i, area in enumerate(merged.areas):
        for k, year in enumerate(merged.years):
            for j, sector in enumerate(merged.sectors):
                got = merged.magnitude[i, j, k]
                new = cell(other_kt, other, area, sector, year)
                old = cell(base.magnitude, base, area, sector, year)
                expected = old if np.isnan(new) else new
                assert (np.isnan(got) and np.isnan(expected)) or got == pytest.approx(expected)
        expected_sources = (
            tuple(dict.fromkeys([other_source, *base.sources.get(area, ())]))
            if area in other.areas
            else (TEST_SOURCE,)
        )
        assert merged.sources[area] == expected_sources


# ----------------------------------------------------------------------------- selection
@given(inventories(level=3, max_holes=2), st.data())
def test_selecting_labels_returns_their_values(
    inventory: EmissionInventory, data: st.DataObject
) -> None:
    area = data.draw(st.sampled_from(list(inventory.areas)))
    sector = data.draw(st.sampled_from(list(inventory.sectors)))
    year = data.draw(st.sampled_from(list(inventory.years)))
    chosen = inventory.sel(areas=[area], sectors=[sector], years=[year])
    expected = inventory.magnitude[
        inventory.areas.position(area),
        inventory.sectors.position(sector),
        inventory.years.position(year),
    ]
    assert np.array_equal(chosen.magnitude.ravel(), [expected], equal_nan=True)
    name = gazetteer().municipality(area).names.fi
    assert inventory.sel(areas=[name]).areas == inventory.sel(areas=[area]).areas


@given(inventories(level=3, max_holes=2), st.data())
def test_any_selection_is_the_gather_of_its_labels(
    inventory: EmissionInventory, data: st.DataObject
) -> None:
    """Any subsets (areas and sectors in any order, ascending years; each axis optional,
    runs and scattered labels alike) select exactly ``array[np.ix_(rows, sectors, years)]``,
    as a copy, with the labels as asked and each area's sources."""

    def some(labels: list[Any], ordered: bool) -> list[Any] | None:
        if not data.draw(st.booleans()):
            return None
        if ordered:
            first = data.draw(st.integers(0, len(labels) - 1))
            run = data.draw(st.booleans())  # a run (a slice) or any ascending subset
            if run:
                return labels[first : data.draw(st.integers(first + 1, len(labels)))]
            return sorted(data.draw(st.sets(st.sampled_from(labels), min_size=1)), key=labels.index)
        return data.draw(st.lists(st.sampled_from(labels), min_size=1, unique=True))

    areas = some(list(inventory.areas), ordered=data.draw(st.booleans()))
    sectors = some(list(inventory.sectors), ordered=data.draw(st.booleans()))
    years = some(list(inventory.years), ordered=True)
    chosen = inventory.sel(areas=areas, sectors=sectors, years=years)
    rows = [inventory.areas.position(a) for a in areas or inventory.areas]
    columns = [inventory.sectors.position(x) for x in sectors or inventory.sectors]
    layers = [inventory.years.position(y) for y in years or inventory.years]
    expected = inventory.magnitude[np.ix_(rows, columns, layers)]
    assert np.array_equal(chosen.magnitude, expected, equal_nan=True)
    assert chosen.magnitude.flags.c_contiguous
    assert not np.shares_memory(chosen.magnitude, inventory.magnitude)
    assert list(chosen.areas) == list(areas or inventory.areas)
    assert list(chosen.sectors) == list(sectors or inventory.sectors)
    assert list(chosen.years) == list(years or inventory.years)
    assert dict(chosen.sources) == {a: inventory.sources[a] for a in chosen.areas}
    assert chosen.unit == inventory.unit and chosen.rule == inventory.rule


@given(inventories(level=3, max_holes=0), st.sampled_from(MUNICIPALITY_CODES))
def test_selecting_an_absent_municipality_raises(inventory: EmissionInventory, code: str) -> None:
    assume(code not in inventory.areas)
    with pytest.raises(UnknownNameError) as err:
        inventory.sel(areas=[code])
    assert code in str(err.value)
    assert set(err.value.suggestions) <= set(inventory.areas)


@given(inventories(level=6, max_holes=0, max_areas=3))
def test_unit_conversion_commutes_with_aggregation(inventory: EmissionInventory) -> None:
    converted_first = inventory.to("t CO2e / a").total().magnitude
    summed_first = inventory.total().to("t CO2e / a").magnitude
    np.testing.assert_allclose(converted_first, summed_first, rtol=RTOL)
    round_trip = inventory.to("Mt CO2e / a").to("kt CO2e / a").magnitude
    np.testing.assert_allclose(round_trip, inventory.magnitude, rtol=RTOL)


@given(inventories(level=6, max_holes=0, max_areas=2, complete_sectors=True))
def test_a_rule_restricted_inventory_sums_only_its_leaves(inventory: EmissionInventory) -> None:
    keys = [leaf.key for leaf in HINKU.leaves()]
    restricted = inventory.sel(sectors=keys)
    positions = [inventory.sectors.labels.index(key) for key in keys]
    close(restricted.total().magnitude[:, 0], inventory.magnitude[:, positions].sum(axis=1))


@given(st.data())
def test_population_of_a_region_is_the_sum_of_its_municipalities(data: st.DataObject) -> None:
    codes = data.draw(whole_regions(max_regions=1))
    chosen_years = data.draw(years())
    population = data.draw(populations(codes, chosen_years))
    region = gazetteer().municipality(codes[0]).region_code
    summed = population.aggregate({region: codes})
    close(summed.values.magnitude[0], population.values.magnitude.sum(axis=0))
    with_an_unknown_member = population.aggregate({region: [*codes, "999"]})
    assert np.isnan(with_an_unknown_member.values.magnitude).all()
