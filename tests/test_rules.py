"""Accounting rules: each rule's leaf set, checked by SYKE's sector names, and rule look-ups."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from strategies import FloatArray, inventories

from canemure.errors import UnknownNameError
from canemure.inventory import EmissionInventory
from canemure.sectors import (
    ALL,
    CREDITS,
    ESR,
    ETS,
    HINKU,
    HINKU_WITH_CREDITS,
    RULES,
    AccountingRule,
    Sector,
    accounting_rule,
    sector_hierarchy,
)

TREE = sector_hierarchy()


def _names(leaf: Sector) -> tuple[str, str]:
    """(level-3 name, level-5 name) in Finnish, as SYKE prints them."""
    return (TREE.ancestor(leaf.key, 3).names.fi, leaf.names.fi)


def _keys(rule: AccountingRule) -> set[str]:
    return {leaf.key for leaf in rule.leaves()}


# The HINKU calculation excludes (ALas 1.4 methodology annex): fuel use of ETS industrial
# installations, all industrial electricity consumption, industrial waste treatment and
# drive-through lorry/van/bus traffic; the wind-power credits only count "with credits".
HINKU_EXCLUDED = {
    ("Kulutussähkö", "Teollisuus"),  # industrial electricity (ETS and non-ETS)
    ("Teollisuus", "Teollisuuden polttoaineet"),  # industrial fuels: ETS, and non-ETS not counted
    ("Jätteiden käsittely", "Teollisuus"),  # industrial waste (four treatment routes)
    ("Tieliikenne", "Läpiajoliikenne"),  # drive-through traffic
    ("Päästöhyvitykset", "Tuulivoima"),  # wind-power credits
}


def test_hinku_excludes_exactly_the_documented_leaves() -> None:
    excluded = [leaf for leaf in TREE.leaves if not HINKU.includes(leaf)]
    assert {_names(leaf) for leaf in excluded} == HINKU_EXCLUDED
    assert len(excluded) == 10  # 2 electricity + 2 fuels + 4 waste + 1 traffic + 1 credits
    assert len(HINKU.leaves()) == 81


def test_hinku_keeps_what_the_method_keeps() -> None:
    kept = {(_names(leaf), leaf.ets) for leaf in HINKU.leaves()}
    # district heat from ETS plants and consumed electricity in emissions trading are counted
    assert (("Kaukolämpö", "Teollisuus"), True) in kept
    assert (("Kulutussähkö", "Asuminen"), True) in kept
    # non-ETS industrial fuels flagged for HINKU are counted; ETS ones are not
    assert (("Teollisuus", "Teollisuuden polttoaineet"), False) in {
        (_names(leaf), leaf.ets) for leaf in HINKU.leaves() if leaf.hinku
    }
    fuels = [leaf for leaf in HINKU.leaves() if _names(leaf)[1] == "Teollisuuden polttoaineet"]
    assert [(leaf.hinku, leaf.ets) for leaf in fuels] == [(True, False)]
    # road traffic inside the municipality is counted
    assert {"Henkilöautot", "Kuorma-autot", "Linja-autot", "Pakettiautot"} <= {
        leaf.names.fi for leaf in HINKU.leaves() if _names(leaf)[0] == "Tieliikenne"
    }


def test_hinku_with_credits_adds_only_the_credits() -> None:
    added = _keys(HINKU_WITH_CREDITS) - _keys(HINKU)
    assert {_names(TREE[k]) for k in added} == {("Päästöhyvitykset", "Tuulivoima")}
    assert _keys(HINKU) < _keys(HINKU_WITH_CREDITS)


def test_all_is_every_leaf_but_the_credits() -> None:
    assert _keys(ALL) == {leaf.key for leaf in TREE.leaves if not leaf.key.startswith(CREDITS)}
    assert len(ALL.leaves()) == 90


def test_esr_and_ets_split_all() -> None:
    esr, ets = _keys(ESR), _keys(ETS)
    assert not esr & ets
    assert esr | ets == _keys(ALL)
    assert all(TREE[k].ets for k in ets)
    assert not any(TREE[k].ets for k in esr)
    assert {_names(TREE[k]) for k in ets} >= {
        ("Teollisuus", "Teollisuuden polttoaineet"),
        ("Kaukolämpö", "Asuminen"),
    }
    assert ("Tieliikenne", "Henkilöautot") not in {_names(TREE[k]) for k in ets}


def test_every_rule_is_a_subset_of_the_leaves_in_hierarchy_order() -> None:
    order = [leaf.key for leaf in TREE.leaves]
    for rule in RULES:
        keys = [leaf.key for leaf in rule.leaves()]
        assert keys == [k for k in order if k in set(keys)], rule.id


def test_rules_apply_to_leaves_only() -> None:
    with pytest.raises(ValueError, match="'Kul' is a level-3 node"):
        HINKU.includes(TREE["Kul"])


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("hinku", HINKU),
        ("HINKU", HINKU),
        ("Hinku-laskenta ilman päästöhyvityksiä", HINKU),
        ("HINKU calculation without credits", HINKU),
        ("hinku-credits", HINKU_WITH_CREDITS),
        ("hinku with credits", HINKU_WITH_CREDITS),
        ("Hinku-laskenta päästöhyvityksillä", HINKU_WITH_CREDITS),
        ("all", ALL),
        ("Kaikki ALas-päästöt", ALL),
        ("esr", ESR),
        ("Taakanjakosektori", ESR),
        ("ETS", ETS),
    ],
)
def test_accounting_rule_by_id_or_name(name: str, rule: AccountingRule) -> None:
    assert accounting_rule(name) is rule


def test_accounting_rule_passes_rules_through_and_suggests() -> None:
    assert accounting_rule(HINKU) is HINKU
    with pytest.raises(UnknownNameError) as err:
        accounting_rule("hinkku")
    assert err.value.suggestions[0] == "hinku"


def test_rule_names() -> None:
    assert str(HINKU) == "hinku"
    assert HINKU.name("fi") == "Hinku-laskenta ilman päästöhyvityksiä"
    assert HINKU.name("en") == "HINKU calculation without credits"
    assert HINKU.name("sv") == HINKU.name("en")
    assert len({r.id for r in RULES}) == len(RULES) == 5


def _restricted_total(inventory: EmissionInventory, rule: AccountingRule) -> FloatArray:
    counted = [k for k in inventory.sectors if rule.includes(TREE[k])]
    return inventory.sel(sectors=counted).total().magnitude


@given(inventories(level=6, complete_sectors=True, max_holes=0))
def test_hinku_plus_its_exclusions_is_all(inventory: EmissionInventory) -> None:
    everything = inventory.total().magnitude
    with_credits = _restricted_total(inventory, HINKU_WITH_CREDITS)
    excluded = [k for k in inventory.sectors if not HINKU_WITH_CREDITS.includes(TREE[k])]
    rest = inventory.sel(sectors=excluded).total().magnitude
    np.testing.assert_allclose(with_credits + rest, everything, rtol=1e-9, atol=1e-9)
    esr, ets = _restricted_total(inventory, ESR), _restricted_total(inventory, ETS)
    credits = inventory.sel(sectors=[leaf.key for leaf in TREE.leaves_under(CREDITS)]).total()
    np.testing.assert_allclose(esr + ets + credits.magnitude, everything, rtol=1e-9, atol=1e-9)
