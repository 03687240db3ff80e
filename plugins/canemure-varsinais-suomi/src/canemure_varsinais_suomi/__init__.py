"""canemure region adapter for Varsinais-Suomi (Southwest Finland).

Varsinais-Suomi is one of the seven Canemure regions. What the adapter answers, and from where
(published facts only; nothing is estimated here):

* ``canemure_regions`` / ``canemure_municipalities``: the region (Statistics Finland code 02)
  and its municipalities from canemure's reference gazetteer (2025 structure).
* ``canemure_coordinators``: Varsinais-Suomen ELY-keskus (Centre for Economic Development,
  Transport and the Environment of Southwest Finland), with web pages and sources.
* ``canemure_cooperation_group``: the Canemure regional cooperation group -- four meetings a
  year with a paid regional coordinator; its members are not published in the sources read.
* ``canemure_measures`` / ``canemure_targets``: measures and targets of the region and of its
  cities from canemure's bundled data sets. Cities: Turku (Climate City Contract action plan: 5
  portfolios and 12 costed interventions, two levels that must not be summed).
* ``canemure_emission_factors``: measure parameters published for places in the region.
* ``canemure_load_inventory``: the bundled district-heat figures of ALas 1.1 (2005-2018) as a
  partial inventory whose other sectors are not estimated. SYKE open data the user downloaded
  or imported is read by canemure's built-in user-cache provider and takes precedence.

Roadmap: Varsinais-Suomen ilmastotiekartta 2030, approved by maakuntahallitus 25.1.2021
(:data:`ADAPTER` ``.roadmap()``, from :mod:`canemure.published.roadmaps`).

The plugin is :data:`ADAPTER` (the entry point names it): the region's facts in a
:class:`canemure.adapters.RegionAdapter`, whose methods implement every hook.
"""

from __future__ import annotations

from canemure.adapters import RegionAdapter, Text
from canemure.geography import Coordinator

__all__ = ["ADAPTER", "REGION_CODE", "REGION_ID"]

__version__ = "0.1.0"
"""Version of this adapter (kept equal to the distribution's version)."""

REGION_ID = "varsinais-suomi"
"""The region id this adapter claims; also its entry-point name."""

REGION_CODE = "02"
"""Statistics Finland code of Varsinais-Suomi."""

ADAPTER = RegionAdapter(
    region_id=REGION_ID,
    region_code=REGION_CODE,
    coordinating_organisations=(
        Coordinator(
            organisation="Varsinais-Suomen ELY-keskus",
            organisation_en=(
                "Centre for Economic Development, Transport and the Environment of Southwest "
                "Finland"
            ),
            role=Text(
                (
                    "regional coordinator (Canemure); buys the practical work from "
                    "Varsinais-Suomen liitto / Valonia"
                ),
                "en",
                fi=(
                    "alueellinen koordinaattori (Canemure); ostaa käytännön työn Varsinais-Suomen "
                    "liitolta / Valonialta"
                ),
                sv=(
                    "regional koordinator (Canemure); köper det praktiska arbetet av "
                    "Varsinais-Suomen liitto / Valonia"
                ),
            ),
            web_pages=(
                "https://ymparistonyt.fi/hiilineutraalilounaissuomi/varsinais-suomen-ilmastotiekartta-2030/",
                "https://valonia.fi/hanke/kohti-hiilineutraaleja-kuntia-ja-maakuntia-canemure/",
            ),
            source=(
                "ymparistonyt.fi ('Hiilineutraali Lounais-Suomi' pages), sttinfo.fi "
                "(Varsinais-Suomen ELY-keskus) and valonia.fi, as collected in the project's "
                "data/regions.md; English name from the project brief (DOMAIN.md)"
            ),
        ),
    ),
    cooperation_group_source=(
        "The sources read (data/regions.md) name the coordinator but neither the group's own "
        "name nor its members."
    ),
)
"""The plugin: the region's facts, with every hook implemented by ``RegionAdapter``."""
