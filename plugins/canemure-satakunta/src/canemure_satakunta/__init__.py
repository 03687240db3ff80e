"""canemure region adapter for Satakunta.

Satakunta is one of the seven Canemure regions. What the adapter answers, and from where
(published facts only; nothing is estimated here):

* ``canemure_regions`` / ``canemure_municipalities``: the region (Statistics Finland code 04)
  and its municipalities from canemure's reference gazetteer (2025 structure).
* ``canemure_coordinators``: Satakunnan ammattikorkeakoulu SAMK (Satakunta University of Applied
  Sciences), with web pages and sources.
* ``canemure_cooperation_group``: the Canemure regional cooperation group -- four meetings a
  year with a paid regional coordinator; its members are not published in the sources read.
* ``canemure_measures`` / ``canemure_targets``: measures and targets of the region and of its
  cities from canemure's bundled data sets. Cities: none: no city climate plan of the region is
  bundled.
* ``canemure_emission_factors``: measure parameters published for places in the region.
* ``canemure_load_inventory``: the bundled district-heat figures of ALas 1.1 (2005-2018) as a
  partial inventory whose other sectors are not estimated. SYKE open data the user downloaded
  or imported is read by canemure's built-in user-cache provider and takes precedence.

Roadmap: Satakunnan ilmasto- ja energiastrategia 2030, completed spring 2021 (approval date not
found) (:data:`ADAPTER` ``.roadmap()``, from :mod:`canemure.published.roadmaps`).

The plugin is :data:`ADAPTER` (the entry point names it): the region's facts in a
:class:`canemure.adapters.RegionAdapter`, whose methods implement every hook.
"""

from __future__ import annotations

from canemure.adapters import RegionAdapter, Text
from canemure.geography import Coordinator

__all__ = ["ADAPTER", "REGION_CODE", "REGION_ID"]

__version__ = "0.1.0"
"""Version of this adapter (kept equal to the distribution's version)."""

REGION_ID = "satakunta"
"""The region id this adapter claims; also its entry-point name."""

REGION_CODE = "04"
"""Statistics Finland code of Satakunta."""

ADAPTER = RegionAdapter(
    region_id=REGION_ID,
    region_code=REGION_CODE,
    coordinating_organisations=(
        Coordinator(
            organisation="Satakunnan ammattikorkeakoulu SAMK",
            organisation_en="Satakunta University of Applied Sciences",
            role=Text(
                (
                    "regional coordinator (Canemure); produced the Satakunnan ilmasto- ja "
                    "energiastrategia 2030"
                ),
                "en",
                fi=(
                    "alueellinen koordinaattori (Canemure); laati Satakunnan ilmasto- ja "
                    "energiastrategian 2030"
                ),
                sv=(
                    "regional koordinator (Canemure); tog fram Satakunnan ilmasto- ja "
                    "energiastrategia 2030"
                ),
            ),
            web_pages=(
                "https://satakunta.fi/category/ilmastotyo/",
                "https://satakunta.fi/alueiden-kaytto/ymparisto/ilmastotyo/",
                "https://ymparistonyt.fi/teemat/hiilineutraalilounaissuomi/satakunnan-ilmastojaenergiastrategia-2030/hiilineutraali-satakunta/",
                "https://samk.fi/",
            ),
            source=(
                "satakunta.fi, ymparistonyt.fi ('Hiilineutraali Lounais-Suomi' pages) and "
                "samk.fi news 11.1.2021, as collected in the project's data/regions.md and "
                "data/roadmaps_regions.md; English name from the project brief (DOMAIN.md)"
            ),
        ),
    ),
    cooperation_group_source=(
        "The sources read (data/regions.md) name the coordinator but neither the group's own "
        "name nor its members."
    ),
)
"""The plugin: the region's facts, with every hook implemented by ``RegionAdapter``."""
