"""Find the figures for an area: bundled data, region adapter plugins, user-imported files.

:func:`baseline_inventory` gathers every inventory that covers a region or municipality under an
accounting rule, in increasing order of precedence:

1. data bundled with canemure (the Pohjois-Karjala HINKU inventory);
2. inventories supplied by region adapter plugins (``canemure_load_inventory`` hooks);
3. SYKE files the user imported with ``canemure data import`` (the user's own download is the
   most specific statement of what they want used).

Later sources win cell by cell where they have an estimated value; each area keeps the list of
sources its figures came from, so reports can say where every figure came from. Nothing is
filled in: municipalities no source covers stay missing and make regional totals
"not estimated".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from canemure.errors import DataNotAvailableError
from canemure.geography import Municipality, Region, gazetteer
from canemure.inventory import EmissionInventory
from canemure.sectors import AccountingRule

__all__ = ["baseline_inventory", "bundled_inventories"]


def _codes(area: Region | Municipality) -> set[str]:
    return set(gazetteer().municipality_codes(area))


def _region_of(area: Region | Municipality) -> Region:
    return area if isinstance(area, Region) else gazetteer().region_of(area)


def bundled_inventories(rule: AccountingRule) -> list[EmissionInventory]:
    """Inventories bundled with canemure that follow ``rule``."""
    from canemure.io.bundled import pohjois_karjala

    return [inv for inv in (pohjois_karjala(),) if inv.rule == rule]


def _restrict(inventory: EmissionInventory, codes: set[str]) -> EmissionInventory | None:
    keep = [a for a in inventory.areas if a in codes]
    return inventory.sel(areas=keep) if keep else None


def _plugin_inventories(region: Region, rule: AccountingRule) -> list[EmissionInventory]:
    from canemure.plugins import get_plugin_manager

    manager = get_plugin_manager()
    return list(manager.load_inventories(region, rule))


def _imported_inventories(rule: AccountingRule) -> list[EmissionInventory]:
    from canemure.io.imports import imported_inventories

    return imported_inventories(rule)


def baseline_inventory(
    area: Region | Municipality,
    rule: AccountingRule,
    *,
    use_plugins: bool = True,
    use_imports: bool = True,
    extra: Iterable[EmissionInventory] = (),
) -> EmissionInventory:
    """All figures for ``area`` under ``rule``, merged (see the module docstring).

    ``extra`` inventories are merged last (highest precedence). Raises
    :class:`~canemure.errors.DataNotAvailableError` when no source covers any municipality of
    the area, naming what was tried and how to add data.
    """
    codes = _codes(area)
    providers: list[Callable[[], list[EmissionInventory]]] = [lambda: bundled_inventories(rule)]
    if use_plugins:
        providers.append(lambda: _plugin_inventories(_region_of(area), rule))
    if use_imports:
        providers.append(lambda: _imported_inventories(rule))
    providers.append(lambda: list(extra))
    merged: EmissionInventory | None = None
    for provide in providers:
        for inventory in provide():
            part = _restrict(inventory, codes)
            if part is None:
                continue
            merged = part if merged is None else merged.merge(part)
    if merged is None:
        raise DataNotAvailableError(
            f"no {rule.name('en')} figures for {area} in the bundled data, the region adapter "
            "plugins or the user cache. Download the municipalities' SYKE files from "
            "https://paastot.hiilineutraalisuomi.fi/ and run: canemure data import <files>"
        )
    return merged
