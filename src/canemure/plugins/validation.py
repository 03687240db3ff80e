"""Checks on what a plugin returns from each hook.

The host does not trust plugins: every answer is checked against the hook's contract before the
rest of canemure sees it. A wrong answer at registration refuses the plugin; a wrong answer in
use is dropped and reported (the plugin's other answers and the other plugins keep working).
The same checks back the conformance kit (:mod:`canemure.testing`), so an adapter's own test
suite fails on exactly what would be refused or dropped in use.

Checks raise :class:`HookResultError` with a message that quotes the offending value. Classes of
the domain model (inventories, measures, targets, factors) are imported inside the checks, so
importing this module stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from canemure.errors import PluginError
from canemure.geography import Coordinator, Region, gazetteer
from canemure.plugins.types import CooperationGroup, RegionInfo

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.sectors import AccountingRule

__all__ = [
    "EMISSIONS_UNIT",
    "HookResultError",
    "check_cooperation_group",
    "check_coordinators",
    "check_inventory",
    "check_municipalities",
    "check_records",
    "check_regions",
    "check_roadmap",
    "municipalities_of_other_regions",
]

EMISSIONS_UNIT = "kt CO2e / a"
"""The unit an inventory's values must be convertible to."""

T = TypeVar("T")

_SHOWN = 80


class HookResultError(PluginError):
    """A hook returned something that breaks its contract."""


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _sequence(value: object, what: str) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise HookResultError(
            f"must return a sequence (list or tuple) of {what} or None, "
            f"got {type(value).__name__} {_show(value)}"
        )
    return value


def check_records(value: object, cls: type[T], what: str) -> tuple[T, ...]:
    """Return ``value`` as a tuple after checking every item is an instance of ``cls``."""
    items = _sequence(value, what)
    for position, item in enumerate(items):
        if not isinstance(item, cls):
            raise HookResultError(
                f"item {position} must be a {cls.__module__}.{cls.__qualname__}, "
                f"got {type(item).__name__} {_show(item)}"
            )
    return tuple(items)


def check_regions(value: object) -> tuple[RegionInfo, ...]:
    """``canemure_regions``: RegionInfo records with unique ids and real region codes."""
    regions = check_records(value, RegionInfo, "RegionInfo")
    seen: set[str] = set()
    known = {r.code for r in gazetteer().regions}
    for info in regions:
        if info.id in seen:
            raise HookResultError(f"declares region id {info.id!r} twice")
        seen.add(info.id)
        if info.region_code not in known:
            raise HookResultError(
                f"region {info.id!r} has region code {info.region_code!r}, which is not a "
                "Statistics Finland region code"
            )
    return regions


def check_municipalities(value: object) -> tuple[str, ...]:
    """``canemure_municipalities``: existing 3-digit municipality codes, each once."""
    codes = check_records(value, str, "3-digit municipality codes")
    gaz = gazetteer()
    unknown = [code for code in codes if not gaz.has_municipality(code)]
    if unknown:
        raise HookResultError(
            f"lists municipality codes that do not exist: {', '.join(map(repr, unknown))}"
        )
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise HookResultError(f"lists municipality codes twice: {', '.join(map(repr, repeated))}")
    return codes


def municipalities_of_other_regions(codes: Sequence[str], region_code: str) -> str | None:
    """Return the problem when ``codes`` list municipalities outside region ``region_code``.

    The host refuses such an answer when it registers an adapter, and the conformance kit
    reports it; both use this function, so the message is the same. ``None`` means every code
    belongs to the region (unknown codes are :func:`check_municipalities`' business).
    """
    gaz = gazetteer()
    outside = [
        code
        for code in codes
        if gaz.has_municipality(code) and gaz.municipality(code).region_code != region_code
    ]
    if not outside:
        return None
    return (
        f"codes {outside} are not municipalities of region {region_code} "
        f"({gaz.region(region_code)})"
    )


def check_coordinators(value: object) -> tuple[Coordinator, ...]:
    """``canemure_coordinators``: Coordinator records."""
    return check_records(value, Coordinator, "Coordinator")


def check_cooperation_group(value: object) -> CooperationGroup:
    """``canemure_cooperation_group``: one CooperationGroup."""
    if not isinstance(value, CooperationGroup):
        raise HookResultError(
            f"must return a CooperationGroup or None, got {type(value).__name__} {_show(value)}"
        )
    return value


def check_roadmap(value: object, region_id: str) -> RoadmapInfo:
    """``canemure_roadmap``: one RoadmapInfo about the region asked for."""
    from canemure.published.roadmaps import RoadmapInfo as Roadmap  # at run time only when called

    if not isinstance(value, Roadmap):
        raise HookResultError(
            f"must return a RoadmapInfo or None, got {type(value).__name__} {_show(value)}"
        )
    if value.region_id != region_id:
        raise HookResultError(
            f"was asked for region {region_id!r} and returned the roadmap of {value.region_id!r}"
        )
    return value


def _check_areas(inventory: EmissionInventory, region: Region | None) -> None:
    gaz = gazetteer()
    if inventory.area_level == "municipality":
        unknown = [a for a in inventory.areas if not gaz.has_municipality(a)]
        if unknown:
            raise HookResultError(f"inventory has unknown municipality codes {unknown}")
        if region is not None:
            outside = [a for a in inventory.areas if gaz.municipality(a).region_code != region.code]
            if outside:
                raise HookResultError(
                    f"inventory for {region.names.fi} has municipalities of other regions: "
                    f"{outside}"
                )
    elif inventory.area_level == "region":
        known = {r.code for r in gaz.regions}
        unknown = [a for a in inventory.areas if a not in known]
        if unknown:
            raise HookResultError(f"inventory has unknown region codes {unknown}")


def check_inventory(
    value: object,
    *,
    rule: AccountingRule,
    years: Sequence[int] | None,
    region: Region | None = None,
) -> EmissionInventory:
    """``canemure_load_inventory``: an inventory that answers the question that was asked.

    It must follow ``rule``, be in a unit convertible to :data:`EMISSIONS_UNIT`, hold only the
    requested ``years`` (when given), real areas (of ``region``, when known), a source for every
    area, and no infinite values (missing figures are NaN, never zero or inf).
    """
    import numpy as np

    from canemure.inventory import EmissionInventory

    if not isinstance(value, EmissionInventory):
        raise HookResultError(
            f"must return an EmissionInventory or None, got {type(value).__name__} {_show(value)}"
        )
    inventory = value
    if inventory.rule != rule:
        raise HookResultError(
            f"was asked for rule {rule.id!r} but returned an inventory of rule "
            f"{inventory.rule.id!r}"
        )
    if not inventory.values.is_compatible_with(EMISSIONS_UNIT):
        raise HookResultError(
            f"inventory unit {str(inventory.unit)!r} is not convertible to {EMISSIONS_UNIT!r}"
        )
    if 0 in inventory.shape:
        raise HookResultError(
            f"returned an empty inventory (shape {inventory.shape}); return None when there is "
            "no data"
        )
    if years is not None:
        extra = sorted(set(inventory.years) - set(years))
        if extra:
            raise HookResultError(f"was asked for years {list(years)} but returned years {extra}")
    _check_areas(inventory, region)
    without = [a for a in inventory.areas if not inventory.sources.get(a)]
    if without:
        raise HookResultError(f"inventory has no source for areas {without}")
    if np.isinf(inventory.magnitude).any():
        raise HookResultError("inventory holds infinite values; missing figures must be NaN")
    return inventory
