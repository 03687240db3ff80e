"""canemure region adapter for Pirkanmaa.

Pirkanmaa is one of the seven Canemure regions. What the adapter answers, and from where
(published facts only; nothing is estimated here):

* ``canemure_regions`` / ``canemure_municipalities``: the region (Statistics Finland code 06)
  and its municipalities from canemure's reference gazetteer (2025 structure).
* ``canemure_coordinators``: Pirkanmaan liitto (Council of Tampere Region); Pirkanmaan
  ELY-keskus, with web pages and sources.
* ``canemure_cooperation_group``: the Canemure regional cooperation group -- four meetings a
  year with a paid regional coordinator; its members are not published in the sources read.
* ``canemure_measures`` / ``canemure_targets``: measures and targets of the region and of its
  cities from canemure's bundled data sets. Cities: Tampere (Climate City Contract action plan
  with the Carbon Neutral Tampere 2030 roadmap, 328 rows).
* ``canemure_emission_factors``: measure parameters published for places in the region.
* ``canemure_load_inventory``: the bundled district-heat figures of ALas 1.1 (2005-2018) as a
  partial inventory whose other sectors are not estimated. SYKE open data the user downloaded
  or imported is read by canemure's built-in user-cache provider and takes precedence.

Roadmap: Hiilineutraali Pirkanmaa 2030, approved by maakuntahallitus 17.11.2020, six themes
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

REGION_ID = "pirkanmaa"
"""The region id this adapter claims; also its entry-point name."""

REGION_CODE = "06"
"""Statistics Finland code of Pirkanmaa."""

ADAPTER = RegionAdapter(
    region_id=REGION_ID,
    region_code=REGION_CODE,
    coordinating_organisations=(
        Coordinator(
            organisation="Pirkanmaan liitto",
            organisation_en="Council of Tampere Region",
            role=Text(
                (
                    "regional coordinator (Canemure); implemented and co-financed the regional "
                    "work with Pirkanmaan ELY-keskus (Pirkanmaa budget 500 000 €)"
                ),
                "en",
                fi=(
                    "alueellinen koordinaattori (Canemure); toteutti ja osarahoitti alueellisen "
                    "työn yhdessä Pirkanmaan ELY-keskuksen kanssa (Pirkanmaan budjetti 500 000 €)"
                ),
                sv=(
                    "regional koordinator (Canemure); genomförde och medfinansierade det regionala "
                    "arbetet med Pirkanmaan ELY-keskus (Birkalands budget 500 000 €)"
                ),
            ),
            web_pages=("https://www.pirkanmaa.fi/energiamurros-etenee-pirkanmaalla/",),
            source=(
                "sttinfo.fi releases (2020-11, 2025-01, 2025-05, 2025-12) and pirkanmaa.fi "
                "pages, as collected in the project's data/regions.md and "
                "data/roadmaps_regions.md; English name from the project brief (DOMAIN.md)"
            ),
        ),
        Coordinator(
            organisation="Pirkanmaan ELY-keskus",
            organisation_en=None,
            role=Text(
                "implemented and co-financed the Canemure work in Pirkanmaa with Pirkanmaan liitto",
                "en",
                fi=(
                    "toteutti ja osarahoitti Canemure-työn Pirkanmaalla yhdessä Pirkanmaan liiton "
                    "kanssa"
                ),
                sv=(
                    "genomförde och medfinansierade Canemure-arbetet i Birkaland med Pirkanmaan "
                    "liitto"
                ),
            ),
            source="data/regions.md, Pirkanmaa row ('both implemented and co-financed')",
        ),
    ),
    cooperation_group_source=(
        "The sources read (data/regions.md, data/roadmaps_regions.md) name the coordinators "
        "but neither the group's own name nor its members."
    ),
)
"""The plugin: the region's facts, with every hook implemented by ``RegionAdapter``."""
