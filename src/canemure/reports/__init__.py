"""Reports for regional coordinators: the baseline report, the region profile and renderers.

The message catalogue they print with is :mod:`canemure.i18n` (also used by commands that
never load numpy); the meeting report is :mod:`canemure.reports.html`.
"""

from canemure.reports.baseline import BaselineReport, ReportRow, SourceUse, build_baseline
from canemure.reports.region import RegionProfile, build_region_profile, render_region_profile
from canemure.reports.render import FORMATS, render

__all__ = [
    "FORMATS",
    "BaselineReport",
    "RegionProfile",
    "ReportRow",
    "SourceUse",
    "build_baseline",
    "build_region_profile",
    "render",
    "render_region_profile",
]
