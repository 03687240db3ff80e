"""The ALas sector hierarchy: level sizes, ancestor chains, look-ups by name and abbreviation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure._text import fold
from canemure.errors import UnknownNameError
from canemure.sectors import CREDITS, ROOT, Sector, SectorNames, sector_hierarchy

TREE = sector_hierarchy()
LEVEL_SIZES = (1, 5, 9, 14, 30, 71, 91)
"""Nodes per level 0..6 of SYKE's ALas hierarchy (6 = the 91 flagged leaves)."""
SYKE_LEVEL_3 = (
    "Kul",
    "Säh",
    "Kau",
    "Ölj",
    "Muu",
    "Teo",
    "Työ",
    "Tie",
    "Rai",
    "Ves",
    "Maa",
    "Jät",
    "F-k",
    "Tuu",
)
"""SYKE's open-data abbreviations of the 13 sectors and the credits, in SYKE's order."""


def test_level_sizes() -> None:
    assert tuple(len(TREE.level(n)) for n in range(7)) == LEVEL_SIZES
    assert len(TREE.leaves) == 91
    assert len(TREE.nodes) == sum(LEVEL_SIZES)
    assert TREE.level(0)[0].key == ROOT


def test_level_3_keys_are_syke_abbreviations_in_syke_order() -> None:
    assert tuple(n.key for n in TREE.level(3)) == SYKE_LEVEL_3
    assert all(n.abbreviation == n.key for n in TREE.level(3))
    assert TREE[CREDITS].names.fi == "Päästöhyvitykset"


@given(st.sampled_from(TREE.leaves))
def test_every_leaf_has_a_full_ancestor_chain(leaf: Sector) -> None:
    assert leaf.is_leaf
    assert leaf.hinku is not None and leaf.ets is not None
    chain = [leaf]
    while chain[-1].parent is not None:
        chain.append(TREE[chain[-1].parent])
    assert [n.level for n in chain] == [6, 5, 4, 3, 2, 1, 0]
    assert chain[-1].key == ROOT
    for node in chain:
        assert TREE.ancestor(leaf.key, node.level) == node
        assert leaf in TREE.leaves_under(node.key)
    # a leaf is its level-5 sector plus the two flags
    flags = ("H" if leaf.hinku else "-") + ("E" if leaf.ets else "-")
    assert leaf.key == f"{chain[1].key}:{flags}"
    assert leaf.names == chain[1].names


def test_parents_and_children_agree() -> None:
    for node in TREE:
        for child in TREE.children(node.key):
            assert child.parent == node.key
            assert child.level == node.level + 1
        if node.parent is not None:
            assert node in TREE.children(node.parent)


@pytest.mark.parametrize("level", range(7))
def test_each_level_partitions_the_leaves(level: int) -> None:
    seen: list[str] = []
    for node in TREE.level(level):
        seen.extend(leaf.key for leaf in TREE.leaves_under(node.key))
    assert sorted(seen) == sorted(leaf.key for leaf in TREE.leaves)


def test_keys_are_unique_and_leaves_unique_per_flags() -> None:
    keys = [n.key for n in TREE]
    assert len(keys) == len(set(keys))
    triples = [(TREE.ancestor(leaf.key, 5).key, leaf.hinku, leaf.ets) for leaf in TREE.leaves]
    assert len(triples) == len(set(triples))


def test_industrial_fuels_come_as_three_leaves() -> None:
    fuels = TREE.leaves_under("Teo/Teo/TeP")
    assert {(leaf.hinku, leaf.ets) for leaf in fuels} == {
        (False, True),  # ETS installations
        (True, False),  # non-ETS, counted in HINKU
        (False, False),  # non-ETS, not counted
    }


def test_leaf_key() -> None:
    key = TREE.leaf_key("Kul", "Kul", "Teo", hinku=False, ets=True)
    assert key == "Kul/Kul/Teo:-E"
    assert TREE[key].names.en == "Industry"
    assert TREE.leaf_key("Tie", "Läp", "Läp", hinku=False, ets=False) in TREE


@pytest.mark.parametrize(
    ("name", "level", "key"),
    [
        ("Tieliikenne", 3, "Tie"),
        ("tieliikenne", None, "Tie"),
        ("Road transport", None, "Tie"),
        ("OLJYLAMMITYS", None, "Ölj"),
        ("Oljeuppvärmning", None, "Ölj"),
        ("kul", 3, "Kul"),
        ("F-k", 3, "F-k"),
        ("f k", 3, "F-k"),
        ("Maatalous", None, "maatalous"),  # the highest node of that name wins
        ("Maatalous", 3, "Maa"),
        ("Energy", None, "energia"),
        ("Kau/Kau", None, "Kau/Kau"),
        ("total", None, ROOT),
    ],
)
def test_find_by_name_abbreviation_or_key(name: str, level: int | None, key: str) -> None:
    assert TREE.find(name, level).key == key


def test_resolve_several() -> None:
    assert TREE.resolve(["Tieliikenne", "Kaukolämpö"], 3) == ("Tie", "Kau")


def test_unknown_sector_names_suggest() -> None:
    with pytest.raises(UnknownNameError) as err:
        TREE.find("Tieliikene", 3)
    assert err.value.suggestions[0] == "Tieliikenne"
    assert "level-3 sector" in str(err.value)
    with pytest.raises(UnknownNameError):
        TREE.find("Nuclear")
    with pytest.raises(UnknownNameError, match="'Kull'"):
        TREE["Kull"]


def test_bad_levels() -> None:
    with pytest.raises(ValueError, match=r"0\.\.6, got 7"):
        TREE.level(7)
    with pytest.raises(ValueError, match="above level 5"):
        TREE.ancestor("Kul", 5)
    assert TREE.ancestor("Kul", 3) == TREE["Kul"]


def test_sector_names_fall_back_to_finnish() -> None:
    names = SectorNames("Tieliikenne", "Road transport")
    assert names.get("sv") == "Tieliikenne"  # no Swedish name given: never invented
    assert names.get("en") == "Road transport"
    assert names.all() == ("Tieliikenne", "Road transport")
    with pytest.raises(KeyError):
        names.get("de")
    assert TREE["Tie"].name("sv") == "Vägtrafik"  # named in issue 10, see PROVENANCE
    assert TREE["Kul"].name("sv") == "Elförbrukning"


def test_hierarchy_is_cached() -> None:
    assert sector_hierarchy() is TREE


def _scan(name: str, level: int | None) -> Sector | None:
    """The first node (in hierarchy order) a name matches: what find() must return."""
    for node in TREE.nodes if level is None else TREE.level(level):
        spellings = {fold(n) for n in node.names.all()}
        if node.level == 3 and node.abbreviation:
            spellings.add(fold(node.abbreviation))
        if fold(name) in spellings:
            return node
    return None


@given(
    node=st.sampled_from(TREE.nodes),
    level=st.sampled_from([None, 0, 1, 2, 3, 4, 5, 6]),
    spelling=st.sampled_from([str.upper, str.lower, lambda s: f" {s}!"]),
)
def test_find_by_folded_name_is_the_first_match_of_a_scan(
    node: Sector, level: int | None, spelling: Callable[[str], str]
) -> None:
    for name in (*node.names.all(), node.abbreviation or node.names.fi):
        expected = _scan(name, level)
        text = spelling(name)
        if expected is None:
            with pytest.raises(UnknownNameError):
                TREE.find(text, level)
        else:
            assert TREE.find(text, level) is expected
            assert TREE.find(text, level) is expected  # the second look-up is remembered


def test_find_refuses_a_bad_level() -> None:
    with pytest.raises(ValueError, match=r"0\.\.6, got 9"):
        TREE.find("Kul", 9)
