"""``canemure region``: what the region's adapter knows, for the coordinator."""

from __future__ import annotations

import argparse
import sys

from canemure.geography import gazetteer
from canemure.reports import build_region_profile, render_region_profile

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Print the profile of ``args.region``."""
    region = gazetteer().region(args.region)
    sys.stdout.write(render_region_profile(build_region_profile(region), args.format, args.lang))
    return 0
