"""Reports for regional coordinators: the baseline report and its renderers."""

from canemure.reports.baseline import BaselineReport, ReportRow, SourceUse, build_baseline
from canemure.reports.render import FORMATS, render

__all__ = ["FORMATS", "BaselineReport", "ReportRow", "SourceUse", "build_baseline", "render"]
