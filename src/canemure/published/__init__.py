"""Published records: what regional and city plans, SYKE and other sources printed.

Targets (:mod:`~canemure.published.targets`), planned and decided measures
(:mod:`~canemure.published.measures`), roadmap facts (:mod:`~canemure.published.roadmaps`) and
sourced parameters such as emission factors and costs (:mod:`~canemure.published.factors`),
each kept as printed next to what could be read from it, with its source and quote. These
*describe*; the roadmap engine (:mod:`canemure.engine`) *models*: it turns them into levels,
measures and trajectories.

The names below are imported on first use, so ``import canemure.published`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from canemure.published.factors import EmissionFactor, read_measure_parameters
    from canemure.published.measures import MeasureStatus, PublishedMeasure
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.published.targets import Target

__all__ = [
    "EmissionFactor",
    "MeasureStatus",
    "PublishedMeasure",
    "RoadmapInfo",
    "Target",
    "read_measure_parameters",
]

_LAZY = {
    "EmissionFactor": "canemure.published.factors",
    "read_measure_parameters": "canemure.published.factors",
    "MeasureStatus": "canemure.published.measures",
    "PublishedMeasure": "canemure.published.measures",
    "RoadmapInfo": "canemure.published.roadmaps",
    "Target": "canemure.published.targets",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
