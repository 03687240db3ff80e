"""Reports for regional coordinators: baseline, region profile, meeting report, renderers.

Names are imported on first use (PEP 562): the message catalogue (:mod:`canemure.reports.i18n`)
is used by every command, also by those that never load numpy or pint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from canemure.reports.baseline import BaselineReport, ReportRow, SourceUse, build_baseline
    from canemure.reports.html import MeetingReport, Section, build_meeting_report, write_report
    from canemure.reports.region import (
        RegionProfile,
        build_region_profile,
        render_region_profile,
    )
    from canemure.reports.render import FORMATS, render

__all__ = [
    "FORMATS",
    "BaselineReport",
    "MeetingReport",
    "RegionProfile",
    "ReportRow",
    "Section",
    "SourceUse",
    "build_baseline",
    "build_meeting_report",
    "build_region_profile",
    "render",
    "render_region_profile",
    "write_report",
]

_LAZY = {
    "FORMATS": "canemure.reports.render",
    "render": "canemure.reports.render",
    "BaselineReport": "canemure.reports.baseline",
    "ReportRow": "canemure.reports.baseline",
    "SourceUse": "canemure.reports.baseline",
    "build_baseline": "canemure.reports.baseline",
    "RegionProfile": "canemure.reports.region",
    "build_region_profile": "canemure.reports.region",
    "render_region_profile": "canemure.reports.region",
    "MeetingReport": "canemure.reports.html",
    "Section": "canemure.reports.html",
    "build_meeting_report": "canemure.reports.html",
    "write_report": "canemure.reports.html",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
