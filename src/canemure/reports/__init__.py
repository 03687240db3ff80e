"""Reports for regional coordinators: the baseline report and its renderers."""

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
