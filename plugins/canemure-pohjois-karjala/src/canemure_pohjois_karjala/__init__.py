"""canemure region adapter for Pohjois-Karjala (North Karelia), the guide's worked example.

What it answers, and from where (all real, published figures; nothing is estimated here):

* ``canemure_regions`` / ``canemure_municipalities``: the region and its 13 municipalities
  from canemure's reference gazetteer (Statistics Finland classification, 2025).
* ``canemure_load_inventory``: SYKE's ALas inventory, HINKU calculation without credits, for
  the 13 municipalities, 13 sectors and the years 1990 and 2005-2024 (kt CO2e/a, rounded to
  0.1 kt as published), with population. canemure bundles the figures
  (:func:`canemure.io.bundled.pohjois_karjala`); this adapter makes them available through
  the plugin host like any region's data.
* ``canemure_targets``: the region's published targets (-80 % greenhouse-gas emissions from
  2007 by 2030, and the oil-free energy and transport goals), read from canemure's bundled
  ``targets_regions_and_cities.csv``.

Coverage is declared in :data:`CANEMURE_COVERAGE`: only the HINKU rule is available, so every other
rule gets ``None`` (the data cannot be re-cut into another rule: the excluded parts are not in
it). Years outside the data are left out of the answer, and a request for none of the years
the data has gets ``None``.

Importing the module is cheap: the inventory and target modules (numpy, pint) are imported in
the hooks that need them, so discovering the adapter does not slow canemure's start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from canemure.geography import gazetteer
from canemure.plugins import RegionInfo, hookimpl

if TYPE_CHECKING:  # numpy and pint load when a hook needs them, not when canemure starts
    from canemure.inventory import EmissionInventory
    from canemure.published.targets import Target
    from canemure.sectors import AccountingRule

__all__ = [
    "CANEMURE_COVERAGE",
    "CANEMURE_REQUIRES",
    "REGION_CODE",
    "REGION_ID",
    "canemure_load_inventory",
    "canemure_municipalities",
    "canemure_regions",
    "canemure_targets",
]

__version__ = "0.1.0"
"""Version of this adapter (kept equal to the distribution's version)."""

CANEMURE_REQUIRES = ">=0.1,<1"
"""The canemure versions this adapter is written for (as in its pyproject dependencies)."""

REGION_ID = "pohjois-karjala"
"""The region id this adapter claims; also its entry-point name."""

REGION_CODE = "12"
"""Statistics Finland code of Pohjois-Karjala."""

CANEMURE_COVERAGE: dict[str, dict[str, tuple[int, ...]]] = {
    REGION_ID: {"hinku": (1990, *range(2005, 2025))}  # canemure.sectors.HINKU.id
}
"""Region id -> accounting rule id -> years the inventory covers (13 municipalities x 13
sectors in each year); checked by the conformance kit."""

_GAZETTEER_SOURCE = (
    "Statistics Finland region and municipality classification (2025), as bundled in canemure"
)


@hookimpl
def canemure_regions() -> Sequence[RegionInfo]:
    """Declare Pohjois-Karjala with its names in Finnish, Swedish and English."""
    region = gazetteer().region(REGION_CODE)
    return [
        RegionInfo(
            id=REGION_ID, names=region.names, region_code=REGION_CODE, source=_GAZETTEER_SOURCE
        )
    ]


@hookimpl
def canemure_municipalities(region_id: str) -> Sequence[str] | None:
    """Return the codes of the 13 municipalities; ``None`` for other regions."""
    if region_id != REGION_ID:
        return None
    return [municipality.code for municipality in gazetteer().municipalities_of(REGION_CODE)]


@hookimpl
def canemure_load_inventory(
    region_id: str, rule: AccountingRule, years: Sequence[int] | None
) -> EmissionInventory | None:
    """Return the HINKU inventory (all years, or those of ``years`` it has); else ``None``."""
    if region_id != REGION_ID or rule.id not in CANEMURE_COVERAGE[REGION_ID]:
        return None
    from canemure.io.bundled import pohjois_karjala

    inventory = pohjois_karjala()
    if years is None:
        return inventory
    available = [year for year in sorted(set(years)) if year in inventory.years]
    return inventory.sel(years=available) if available else None


@hookimpl
def canemure_targets(region_id: str) -> Sequence[Target] | None:
    """Return the region's published targets as bundled in canemure; ``None`` elsewhere."""
    if region_id != REGION_ID:
        return None
    from canemure.published.targets import read_region_targets

    return [target for target in read_region_targets() if target.region_id == REGION_ID]
