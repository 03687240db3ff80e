"""Reports for regional coordinators: the baseline report, the region profile and renderers.

The message catalogue they print with is :mod:`canemure.i18n` (also used by commands that
never load numpy); the meeting report is :mod:`canemure.reports.html`.

The region profile's names are imported on first access (PEP 562), so ``canemure baseline``
does not import :mod:`canemure.reports.region`, which it never uses. :func:`render` stays an
eager import: it shares its name with the module :mod:`canemure.reports.render`, and importing
that module later would otherwise replace the function on this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from canemure.reports.baseline import BaselineReport, ReportRow, SourceUse, build_baseline
from canemure.reports.render import FORMATS, render

if TYPE_CHECKING:
    from canemure.reports.region import (
        RegionProfile,
        build_region_profile,
        render_region_profile,
    )

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

_LAZY: dict[str, str] = {
    "RegionProfile": "canemure.reports.region",
    "build_region_profile": "canemure.reports.region",
    "render_region_profile": "canemure.reports.region",
}
"""Public name imported on first access -> the module that defines it."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'canemure.reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
