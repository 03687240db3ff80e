"""One source per municipality: precedence, never mixing series, disagreements.

Worked example for the disagreement (checked by hand): the bundled Pohjois-Karjala figures of
Joensuu (167) against a copy in which two cells are changed, +12.5 kt in Road transport 2024 and
-3.0 kt in Oil heating 2007. The copy, ranked as the user's import, is used for Joensuu; the
largest difference is the +12.5 kt of 2024, and 2 figures differ. Every other municipality has
the same figures in both, so only Joensuu disagrees.
"""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inventories, municipality_codes

from canemure.datasets import (
    DISAGREEMENT_TOLERANCE,
    choose_sources,
    merge_cells,
)
from canemure.inventory import EmissionInventory, Source
from canemure.inventory.provenance import SOURCE_KINDS
from canemure.io.bundled import pohjois_karjala
from canemure.providers import ProvidedInventory
from canemure.sectors import sector_hierarchy


def _tagged(inventory: EmissionInventory, source_id: str) -> EmissionInventory:
    source = Source(id=source_id, title=f"test source {source_id}")
    return attrs.evolve(inventory, sources={a: (source,) for a in inventory.areas})


def _changed(inventory: EmissionInventory, cells: dict[tuple[str, str, int], float]):
    values = inventory.magnitude.copy()
    for (area, sector, year), delta in cells.items():
        i = inventory.areas.position(area)
        j = inventory.sectors.position(sector_hierarchy().find(sector, 3).key)
        k = inventory.years.position(year)
        values[i, j, k] += delta
    return attrs.evolve(inventory, values=values * inventory.unit)


@st.composite
def _answers(draw: st.DrawFn) -> list[ProvidedInventory]:
    pool = draw(municipality_codes(1, 4))
    count = draw(st.integers(2, 4))
    out = []
    for n in range(count):
        areas = draw(st.lists(st.sampled_from(pool), min_size=1, unique=True))
        inventory = draw(
            inventories(
                level=draw(st.sampled_from([1, 3, 6])),
                areas=areas,
                complete_sectors=True,
                max_holes=draw(st.sampled_from([0, 3, 40])),
            )
        )
        kind = draw(st.sampled_from(SOURCE_KINDS))
        out.append(ProvidedInventory(_tagged(inventory, f"s{n}"), kind, f"p{n}"))
    return out


@given(_answers())
def test_two_sources_never_mix_within_a_municipality_series(
    answers: list[ProvidedInventory],
) -> None:
    found = choose_sources(answers)
    assert found is not None
    result = found.inventory
    ranked = sorted(answers, key=lambda a: SOURCE_KINDS.index(a.kind))
    for area in result.areas:
        listing = [a for a in ranked if area in a.inventory.areas]
        with_figures = [a for a in listing if a.inventory.sel(areas=[area]).estimated.any()]
        expected = (with_figures or listing)[0]  # the highest that has figures
        choice = found.source_of(area)
        assert (choice.kind, choice.provider) == (expected.kind, expected.provider)
        # its sources are that answer's only, and so are its figures, year by year
        assert result.sources[area] == expected.inventory.sources[area]
        own = expected.inventory.sel(areas=[area]).aggregate_sectors(result.sector_level)
        mine = result.sel(areas=[area], sectors=list(own.sectors), years=list(own.years))
        np.testing.assert_array_equal(mine.values.m_as(own.unit), own.magnitude)
        other_years = [y for y in result.years if y not in own.years]
        assert np.isnan(result.sel(areas=[area], years=other_years).magnitude).all()
    listed = {a for answer in answers for a in answer.inventory.areas}
    assert set(result.areas) == listed


def test_precedence_user_import_then_adapter_then_bundled() -> None:
    pk = pohjois_karjala().sel(years=[2007, 2024])
    joensuu, outokumpu, heinavesi = "167", "309", "090"
    bundled = ProvidedInventory(_tagged(pk, "bundled"), "bundled", "bundled-data")
    adapter = ProvidedInventory(
        _tagged(pk.sel(areas=[joensuu, outokumpu]), "adapter"), "adapter", "pk"
    )
    user = ProvidedInventory(_tagged(pk.sel(areas=[joensuu]), "user"), "user-import", "cache")
    for order in ([bundled, adapter, user], [user, bundled, adapter], [adapter, user, bundled]):
        found = choose_sources(order)
        assert found is not None
        kinds = {c.area: c.kind for c in found.choices}
        assert kinds[joensuu] == "user-import"
        assert kinds[outokumpu] == "adapter"
        assert kinds[heinavesi] == "bundled"
        assert [s.id for s in found.inventory.sources[joensuu]] == ["user"]
        assert found.disagreements == ()  # the same figures in every source


def test_a_lower_source_never_fills_a_gap_of_the_chosen_one() -> None:
    pk = pohjois_karjala().sel(areas=["167"], years=[2007, 2024])
    holes = pk.magnitude.copy()
    holes[0, :, 1] = np.nan  # the user's file has no 2024
    user = attrs.evolve(pk, values=holes * pk.unit)
    found = choose_sources(
        [
            ProvidedInventory(_tagged(pk, "bundled"), "bundled", "b"),
            ProvidedInventory(_tagged(user, "user"), "user-import", "u"),
        ]
    )
    assert found is not None
    assert np.isnan(found.inventory.sel(years=[2024]).magnitude).all()
    # cell by cell merging only on request
    merged = merge_cells([pk, user])
    np.testing.assert_array_equal(merged.magnitude, pk.magnitude)


def test_disagreement_reports_the_largest_difference() -> None:
    pk = pohjois_karjala().sel(years=[2007, 2024])
    user = _changed(
        pk.sel(areas=["167"]),
        {("167", "Tieliikenne", 2024): 12.5, ("167", "Öljylämmitys", 2007): -3.0},
    )
    found = choose_sources(
        [
            ProvidedInventory(_tagged(pk, "bundled"), "bundled", "bundled-data"),
            ProvidedInventory(_tagged(user, "user"), "user-import", "user-cache"),
        ]
    )
    assert found is not None
    (gap,) = found.disagreements
    assert gap.area == "167"
    assert (gap.used.kind, gap.other_kind) == ("user-import", "bundled")
    assert gap.year == 2024
    assert gap.sector == sector_hierarchy().find("Tieliikenne", 3).key
    assert gap.difference == pytest.approx(12.5)
    assert gap.used_value == pytest.approx(pk.value("167", "Tieliikenne", 2024).m + 12.5)
    assert gap.cells == 2


def test_differences_within_rounding_are_agreement() -> None:
    pk = pohjois_karjala().sel(areas=["167"], years=[2024])
    user = _changed(pk, {("167", "Tieliikenne", 2024): DISAGREEMENT_TOLERANCE / 2})
    found = choose_sources(
        [
            ProvidedInventory(_tagged(pk, "bundled"), "bundled", "b"),
            ProvidedInventory(_tagged(user, "user"), "user-import", "u"),
        ]
    )
    assert found is not None and found.disagreements == ()


def test_nothing_listed_gives_none() -> None:
    pk = pohjois_karjala()
    answer = ProvidedInventory(pk, "bundled", "b")
    assert choose_sources([answer], areas={"091"}) is None
    assert choose_sources([]) is None


@given(
    inventories(level=3, areas=["167", "309"], complete_sectors=True, max_holes=5),
    st.lists(
        st.tuples(
            st.integers(0, 1), st.integers(0, 200), st.sampled_from([0.0, 1e-9, 2.5, np.nan])
        ),
        max_size=3,
    ),
)
def test_identical_series_shortcut_changes_no_disagreement(
    inventory: EmissionInventory, changes: list[tuple[int, int, float]]
) -> None:
    """The exact identity check before comparing gives what the full comparison gives."""
    from canemure import datasets

    values = inventory.magnitude.copy()
    flat = values.reshape(len(inventory.areas), -1)
    for area, cell, delta in changes:  # none, tiny, large or NaN changes, even to NaN cells
        at = cell % flat.shape[1]
        flat[area, at] = np.nan if np.isnan(delta) else flat[area, at] + delta
    other = attrs.evolve(inventory, values=values * inventory.unit)
    answers = [
        ProvidedInventory(_tagged(inventory, "bundled"), "bundled", "b"),
        ProvidedInventory(_tagged(other, "adapter"), "adapter", "a"),
    ]
    quick = choose_sources(answers)
    original = datasets._same_series
    try:
        datasets._same_series = lambda *args: False  # type: ignore[assignment]
        full = choose_sources(answers)
    finally:
        datasets._same_series = original
    assert quick is not None and full is not None
    assert quick.disagreements == full.disagreements
    for area in ("167", "309"):
        i = inventory.areas.position(area)
        same = np.array_equal(values[i], inventory.magnitude[i], equal_nan=True)
        assert datasets._same_series(inventory, other, area) == same
