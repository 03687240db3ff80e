"""canemure region adapter for Etelä-Karjala (South Karelia).

Etelä-Karjala is one of the seven Canemure regions. What the adapter answers, and from where
(published facts only; nothing is estimated here):

* ``canemure_regions`` / ``canemure_municipalities``: the region (Statistics Finland code 09)
  and its municipalities from canemure's reference gazetteer (2025 structure).
* ``canemure_coordinators``: Lappeenrannan kaupunki (City of Lappeenranta), with web pages and
  sources.
* ``canemure_cooperation_group``: the Canemure regional cooperation group -- four meetings a
  year with a paid regional coordinator; its members are not published in the sources read.
* ``canemure_measures`` / ``canemure_targets``: measures and targets of the region and of its
  cities from canemure's bundled data sets. Cities: Lappeenranta (Climate City Contract action
  plan, 16 actions).
* ``canemure_emission_factors``: measure parameters published for places in the region.
* ``canemure_load_inventory``: SYKE open data the user downloaded into canemure's cache, or
  else the bundled district-heat figures of ALas 1.1 (2005-2018) as a partial inventory whose
  other sectors are not estimated.

Roadmap: a regional roadmap and programme exist, but their title, approval and themes were not
found (:data:`ADAPTER` ``.roadmap()``, from :mod:`canemure.roadmaps`).

The answers come from :class:`canemure.plugins.adapter_support.RegionAdapter`, shared by the
seven first-party adapters; this module holds the region's facts and the hooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from canemure.geography import Coordinator
from canemure.plugins import CooperationGroup, RegionInfo, hookimpl
from canemure.plugins.adapter_support import RegionAdapter
from canemure.sectors import AccountingRule

if TYPE_CHECKING:  # numpy and pint load when a hook needs them, not when canemure starts
    from canemure.factors import EmissionFactor
    from canemure.inventory import EmissionInventory
    from canemure.measures import PublishedMeasure
    from canemure.targets import Target

__all__ = [
    "ADAPTER",
    "CANEMURE_REQUIRES",
    "REGION_CODE",
    "REGION_ID",
    "canemure_cooperation_group",
    "canemure_coordinators",
    "canemure_emission_factors",
    "canemure_load_inventory",
    "canemure_measures",
    "canemure_municipalities",
    "canemure_regions",
    "canemure_targets",
]

__version__ = "0.1.0"
"""Version of this adapter (kept equal to the distribution's version)."""

CANEMURE_REQUIRES = ">=0.1"
"""The canemure versions this adapter is written for (as in its pyproject dependencies)."""

REGION_ID = "etela-karjala"
"""The region id this adapter claims; also its entry-point name."""

REGION_CODE = "09"
"""Statistics Finland code of Etelä-Karjala."""

ADAPTER = RegionAdapter(
    region_id=REGION_ID,
    region_code=REGION_CODE,
    coordinating_organisations=(
        Coordinator(
            organisation="Lappeenrannan kaupunki",
            organisation_en="City of Lappeenranta",
            role=(
                "regional coordinator of the Canemure work in Etelä-Karjala ('implementing a "
                "regional cooperation group in South-Karelia ... piloting a heat "
                "accumulator')"
            ),
            web_pages=(
                "https://greenreality.fi/hankkeet/ilmastosuunnitelmat-toteutukseen-etela-karjalassa",
                "https://ekarjala.fi/liitto/etela-karjala-ja-pirkanmaa-ensimmaiset-hinku-maakunnat/",
            ),
            source=(
                "greenreality.fi/en/hankkeet/canemure-... (Lappeenranta sub-project "
                "1.11.2018-31.10.2024), as quoted in the project's data/regions.md; Finnish "
                "and English names from the coordinator table of the project brief "
                "(DOMAIN.md)"
            ),
        ),
    ),
    cooperation_group_source=(
        "greenreality.fi Canemure project page, quoted in data/regions.md: the City of "
        "Lappeenranta is 'implementing a regional cooperation group in South-Karelia'. "
        "Neither its own name nor its members are given in the sources read."
    ),
)
"""The region's facts and the shared implementation of every hook."""


def __getattr__(name: str) -> object:
    """Compute ``CANEMURE_COVERAGE`` (region -> rule -> years the inventory hook has) on access.

    It depends on what the user has downloaded into canemure's cache, so it is not a constant.
    """
    if name == "CANEMURE_COVERAGE":
        return ADAPTER.coverage()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@hookimpl
def canemure_regions() -> Sequence[RegionInfo]:
    """Declare Etelä-Karjala with its names in Finnish, Swedish and English."""
    return ADAPTER.regions()


@hookimpl
def canemure_municipalities(region_id: str) -> Sequence[str] | None:
    """Return the codes of the region's municipalities; ``None`` for other regions."""
    return ADAPTER.municipalities(region_id)


@hookimpl
def canemure_coordinators(region_id: str) -> Sequence[Coordinator] | None:
    """Return the organisation(s) coordinating the region's Canemure work."""
    return ADAPTER.coordinators(region_id)


@hookimpl
def canemure_cooperation_group(region_id: str) -> CooperationGroup | None:
    """Return the region's cooperation group (members as published; four meetings a year)."""
    return ADAPTER.cooperation_group(region_id)


@hookimpl
def canemure_load_inventory(
    region_id: str, rule: AccountingRule, years: Sequence[int] | None
) -> EmissionInventory | None:
    """Return cached SYKE data for the region, else the bundled partial district-heat data."""
    return ADAPTER.load_inventory(region_id, rule, years)


@hookimpl
def canemure_measures(region_id: str) -> Sequence[PublishedMeasure] | None:
    """Return the published measures of the region and of its cities."""
    return ADAPTER.measures(region_id)


@hookimpl
def canemure_targets(region_id: str) -> Sequence[Target] | None:
    """Return the published targets of the region and of its cities."""
    return ADAPTER.targets(region_id)


@hookimpl
def canemure_emission_factors(region_id: str) -> Sequence[EmissionFactor] | None:
    """Return measure parameters published for places in the region."""
    return ADAPTER.emission_factors(region_id)
