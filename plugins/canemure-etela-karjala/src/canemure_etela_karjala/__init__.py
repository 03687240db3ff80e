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
* ``canemure_load_inventory``: the bundled district-heat figures of ALas 1.1 (2005-2018) as a
  partial inventory whose other sectors are not estimated. SYKE open data the user downloaded
  or imported is read by canemure's built-in user-cache provider and takes precedence.

Roadmap: a regional roadmap and programme exist, but their title, approval and themes were not
found (:data:`ADAPTER` ``.roadmap()``, from :mod:`canemure.published.roadmaps`).

The plugin is :data:`ADAPTER` (the entry point names it): the region's facts in a
:class:`canemure.adapters.RegionAdapter`, whose methods implement every hook.
"""

from __future__ import annotations

from canemure.adapters import RegionAdapter, Text
from canemure.geography import Coordinator

__all__ = ["ADAPTER", "REGION_CODE", "REGION_ID"]

__version__ = "0.1.0"
"""Version of this adapter (kept equal to the distribution's version)."""

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
            role=Text(
                (
                    "regional coordinator of the Canemure work in Etelä-Karjala ('implementing a "
                    "regional cooperation group in South-Karelia ... piloting a heat accumulator')"
                ),
                "en",
                fi=(
                    "Canemure-työn alueellinen koordinaattori Etelä-Karjalassa (lähteen sanoin: "
                    "'implementing a regional cooperation group in South-Karelia ... piloting a "
                    "heat accumulator')"
                ),
                sv=(
                    "regional koordinator för Canemure-arbetet i Södra Karelen (med källans ord: "
                    "'implementing a regional cooperation group in South-Karelia ... piloting a "
                    "heat accumulator')"
                ),
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
"""The plugin: the region's facts, with every hook implemented by ``RegionAdapter``."""
