"""EmissionInventory.concat and datasets.stack_areas: stacking municipalities of one rule."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inventories

from canemure.datasets import stack_areas
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory
from canemure.io.bundled import pohjois_karjala


@given(inventories(level=None, with_population=True), st.data())
def test_concat_of_a_split_gives_the_inventory_back(
    inventory: EmissionInventory, data: st.DataObject
) -> None:
    areas = list(inventory.areas)
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(areas) - 1)), max_size=3)))
    bounds = [0, *[c for c in cuts if c < len(areas)], len(areas)]
    parts = [inventory.sel(areas=areas[a:b]) for a, b in itertools.pairwise(bounds)]
    joined = EmissionInventory.concat([p for p in parts if len(p.areas)])
    assert list(joined.areas) == areas
    np.testing.assert_array_equal(joined.magnitude, inventory.magnitude)
    assert dict(joined.sources) == dict(inventory.sources)
    assert joined.population is not None and inventory.population is not None
    np.testing.assert_array_equal(
        joined.population.at(areas, list(inventory.years)).m,
        inventory.population.at(areas, list(inventory.years)).m,
    )


def test_concat_converts_units_and_keeps_rule() -> None:
    pk = pohjois_karjala()
    first = pk.sel(areas=["167"])
    second = pk.sel(areas=["309"]).to("t CO2e / a")
    joined = EmissionInventory.concat([first, second])
    assert joined.unit == pk.unit
    # Outokumpu 2024 in tonnes went back to kilotonnes
    assert joined.value("309", "Tieliikenne", 2024).m == pytest.approx(
        pk.value("309", "Tieliikenne", 2024).m
    )
    assert joined.rule == pk.rule


def test_concat_refuses_what_it_cannot_stack() -> None:
    pk = pohjois_karjala()
    with pytest.raises(ValueError, match="disjoint areas"):
        EmissionInventory.concat([pk.sel(areas=["167"]), pk.sel(areas=["167", "309"])])
    with pytest.raises(ValueError, match="cannot concat years"):
        EmissionInventory.concat([pk.sel(areas=["167"], years=[2007]), pk.sel(areas=["309"])])
    with pytest.raises(ValueError, match="different sectors"):
        EmissionInventory.concat([pk.sel(areas=["167"]).total(), pk.sel(areas=["309"])])
    energy = EmissionInventory.from_array(
        np.ones((1, len(pk.sectors), len(pk.years))),
        "GWh / a",
        areas=["309"],
        sectors=pk.sectors.labels,
        years=pk.years.labels,
        rule=pk.rule,
    )
    with pytest.raises(UnitError):
        EmissionInventory.concat([pk.sel(areas=["167"]), energy])
    with pytest.raises(ValueError, match="at least one"):
        EmissionInventory.concat([])


def test_stack_areas_aligns_levels_and_years_without_filling() -> None:
    pk = pohjois_karjala()
    early = pk.sel(areas=["167"], years=[2005, 2007])
    late = pk.sel(areas=["309"], years=[2007, 2024]).aggregate_sectors(1)
    stacked = stack_areas([early, late])
    assert stacked.sector_level == 1
    assert list(stacked.years) == [2005, 2007, 2024]
    assert np.isnan(stacked.sel(areas=["167"], years=[2024]).magnitude).all()
    assert np.isnan(stacked.sel(areas=["309"], years=[2005]).magnitude).all()
    np.testing.assert_allclose(
        stacked.sel(areas=["167"], years=[2007]).magnitude,
        pk.sel(areas=["167"], years=[2007]).aggregate_sectors(1).magnitude,
    )
