"""canemure region adapter for Päijät-Häme.

Päijät-Häme is one of the seven Canemure regions. What the adapter answers, and from where
(published facts only; nothing is estimated here):

* ``canemure_regions`` / ``canemure_municipalities``: the region (Statistics Finland code 07)
  and its municipalities from canemure's reference gazetteer (2025 structure).
* ``canemure_coordinators``: Päijät-Hämeen liitto (Regional Council of Päijät-Häme), with web
  pages and sources.
* ``canemure_cooperation_group``: the Canemure regional cooperation group -- four meetings a
  year with a paid regional coordinator; its members are not published in the sources read.
* ``canemure_measures`` / ``canemure_targets``: measures and targets of the region and of its
  cities from canemure's bundled data sets. Cities: Lahti (Climate City Contract action plan, 39
  rows).
* ``canemure_emission_factors``: measure parameters published for places in the region.
* ``canemure_load_inventory``: the bundled district-heat figures of ALas 1.1 (2005-2018) as a
  partial inventory whose other sectors are not estimated. SYKE open data the user downloaded
  or imported is read by canemure's built-in user-cache provider and takes precedence.

Roadmap: Hiilineutraali Päijät-Häme 2030, approved by the Regional Board 12.10.2020, seven
themes (:data:`ADAPTER` ``.roadmap()``, from :mod:`canemure.published.roadmaps`).

The plugin is :data:`ADAPTER` (the entry point names it): the region's facts in a
:class:`canemure.adapters.RegionAdapter`, whose methods implement every hook.
"""

from __future__ import annotations

from canemure.adapters import RegionAdapter, Text
from canemure.geography import Coordinator

__all__ = ["ADAPTER", "REGION_CODE", "REGION_ID"]

__version__ = "0.1.0"
"""Version of this adapter (kept equal to the distribution's version)."""

REGION_ID = "paijat-hame"
"""The region id this adapter claims; also its entry-point name."""

REGION_CODE = "07"
"""Statistics Finland code of Päijät-Häme."""

ADAPTER = RegionAdapter(
    region_id=REGION_ID,
    region_code=REGION_CODE,
    coordinating_organisations=(
        Coordinator(
            organisation="Päijät-Hämeen liitto",
            organisation_en="Regional Council of Päijät-Häme",
            role=Text(
                "regional coordinator (Canemure)",
                "en",
                fi="alueellinen koordinaattori (Canemure)",
                sv="regional koordinator (Canemure)",
            ),
            web_pages=(
                "https://paijat-hame.fi/en/climate-action-roadmap/",
                "https://paijat-hame.fi/hiilineutraali-paijat-hame-2030-ilmastotiekartta/",
                "https://paijat-hame.fi/tehtavat/liiton-tehtavat/ilmasto/ilmastotiekartta/",
            ),
            source=(
                "paijat-hame.fi pages as collected in the project's data/regions.md; English "
                "name from the project brief (DOMAIN.md)"
            ),
        ),
    ),
    cooperation_group_source=(
        "The sources read (data/regions.md) name the coordinator but neither the group's own "
        "name nor its members."
    ),
)
"""The plugin: the region's facts, with every hook implemented by ``RegionAdapter``."""
