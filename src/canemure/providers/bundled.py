"""Built-in provider: the inventories bundled with canemure (``src/canemure/data``).

Today that is the ALas HINKU inventory of Pohjois-Karjala (13 municipalities, 1990 and
2005-2024, read and checked once per process by :func:`canemure.io.bundled.pohjois_karjala`).
Its precedence class is ``"bundled"``, the lowest: a region adapter's data or the user's own
import of a municipality replaces the bundled series of that municipality.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from canemure.errors import UnknownNameError
from canemure.geography import gazetteer
from canemure.plugins.markers import hookimpl

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory
    from canemure.inventory.provenance import SourceKind
    from canemure.sectors import AccountingRule

__all__ = ["CANEMURE_SOURCE_KIND", "bundled_inventories", "canemure_load_inventory"]

CANEMURE_SOURCE_KIND: SourceKind = "bundled"
"""Precedence class of this provider's answers."""


def bundled_inventories(rule: AccountingRule) -> list[EmissionInventory]:
    """Inventories bundled with canemure that follow ``rule``."""
    from canemure.io.bundled import pohjois_karjala

    return [inv for inv in (pohjois_karjala(),) if inv.rule == rule]


@functools.cache
def _bundled_areas() -> frozenset[str]:
    """The municipality codes the bundled inventories cover (read once, without checking)."""
    from canemure.io.bundled import bundled_area_codes

    return bundled_area_codes()


@hookimpl
def canemure_load_inventory(
    region_id: str, rule: AccountingRule, years: Sequence[int] | None
) -> EmissionInventory | None:
    """Return the bundled figures for the region's municipalities under ``rule``, or ``None``."""
    try:
        region = gazetteer().region(region_id)
    except UnknownNameError:
        return None
    codes = set(gazetteer().municipality_codes(region))
    if not codes & _bundled_areas():
        return None  # without reading and checking the bundled inventories
    parts = []
    for inventory in bundled_inventories(rule):
        areas = [a for a in inventory.areas if a in codes]
        wanted = list(inventory.years) if years is None else sorted(set(years))
        kept = [y for y in wanted if y in inventory.years]
        if areas and kept:
            parts.append(inventory.sel(areas=areas, years=kept))
    if not parts:
        return None
    from canemure.datasets import stack_areas

    return stack_areas(parts)
