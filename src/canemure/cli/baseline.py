"""``canemure baseline``: print an area's baseline emissions by sector."""

from __future__ import annotations

import argparse
import re
import sys

from canemure.datasets import baseline_sources
from canemure.geography import resolve_area
from canemure.reports import build_baseline, render
from canemure.reports.i18n import label
from canemure.reports.render import disagreement_lines
from canemure.sectors import accounting_rule

__all__ = ["parse_years", "run"]

_RANGE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


def parse_years(text: str | None, available: tuple[int, ...]) -> list[int]:
    """Parse ``--years``: ``"2007,2024"``, ``"2005-2024"``, ``"latest"`` or ``None``.

    ``None`` means 2007 (the HINKU base year) and the latest year with figures; ``latest`` may
    be combined with years (``"2007,latest"``). A year without figures is an error naming the
    years that exist.
    """
    if not available:
        raise ValueError("no figures for this area")
    latest = available[-1]
    if text is None:
        return sorted({2007, latest}) if 2007 in available else [available[0], latest]
    years: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part.lower() in ("latest", "viimeisin", "senaste"):
            years.add(latest)
        elif match := _RANGE.fullmatch(part):
            first, last = int(match.group(1)), int(match.group(2))
            if first > last:
                raise ValueError(f"--years: range {part!r} runs backwards")
            years.update(y for y in available if first <= y <= last)
        elif part.isdigit():
            years.add(int(part))
        else:
            raise ValueError(f"--years: cannot read {part!r}; use e.g. 2007,2024 or 2005-2024")
    missing = sorted(y for y in years if y not in available)
    if missing:
        raise ValueError(
            f"--years: no figures for {', '.join(map(str, missing))}; available: "
            f"{available[0]}-{available[-1]} ({len(available)} years)"
        )
    if not years:
        raise ValueError("--years selects no year")
    return sorted(years)


def run(args: argparse.Namespace) -> int:
    """Run ``canemure baseline`` with parsed arguments."""
    area = resolve_area(args.area)
    rule = accounting_rule(args.rules)
    if args.download:  # progress to stderr: stdout stays the report (csv/json stay parseable)
        from canemure.cli.data import download_for_baseline

        if status := download_for_baseline(area, args):
            return status
    sourced = baseline_sources(area, rule, use_plugins=not args.no_plugins)
    years = parse_years(args.years, tuple(sourced.inventory.years))
    report = build_baseline(sourced, area, years)
    output = render(report, args.format, args.lang)
    prefix = f"canemure: {label('warning', args.lang)}: {label('sources_disagree', args.lang)}"
    for line in disagreement_lines(report, args.lang):
        print(f"{prefix}: {line}", file=sys.stderr)
    sys.stdout.write(output)
    return 0
