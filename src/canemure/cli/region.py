"""``canemure region``: what the region's adapter knows, for the coordinator.

Where two sources of a municipality's figures disagree, the report says so and each
disagreement is also a warning on stderr (as ``canemure baseline`` does).
"""

from __future__ import annotations

import argparse
import sys

from canemure.geography import gazetteer
from canemure.i18n import label
from canemure.reports import build_region_profile, render_region_profile
from canemure.reports.region import region_disagreement_lines

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Print the profile of ``args.region``; disagreeing sources are also warned of on stderr."""
    region = gazetteer().region(args.region)
    profile = build_region_profile(region)
    output = render_region_profile(profile, args.format, args.lang)
    prefix = f"canemure: {label('warning', args.lang)}: {label('sources_disagree', args.lang)}"
    for line in region_disagreement_lines(profile, args.lang):
        print(f"{prefix}: {line}", file=sys.stderr)
    sys.stdout.write(output)
    return 0
