"""``canemure report``: the meeting report of a region as one self-contained HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from canemure.cli.main import default_language
from canemure.geography import gazetteer
from canemure.reports.html import build_meeting_report, write_report

__all__ = ["run"]

_WRITTEN = {
    "fi": "canemure: raportti kirjoitettu: {path}",
    "sv": "canemure: rapporten skrevs: {path}",
    "en": "canemure: report written: {path}",
}


def run(args: argparse.Namespace) -> int:
    """Build the meeting report of ``args.region`` and write it to ``args.output``."""
    lang = args.lang or default_language()
    args.lang = lang  # the adapter-failure notice after the command uses the same language
    from canemure.cli.progress import Progress
    from canemure.i18n import label
    from canemure.reports.html import PROGRESS_STEPS

    region = gazetteer().region(args.region)
    scenario = None
    if getattr(args, "scenario", None):
        from canemure.engine.scenario import read_scenario

        scenario = read_scenario(args.scenario)
    with Progress(PROGRESS_STEPS, label("progress_report", lang)) as progress:
        report = build_meeting_report(
            region,
            lang=lang,
            rule=args.rules,
            charts=not args.no_charts,
            scenario=scenario,
            progress=lambda _step: progress.advance(),
        )
    if args.output == "-":
        sys.stdout.write(report.to_html())
        return 0
    path = write_report(report, Path(args.output))
    print(_WRITTEN[lang].format(path=path), file=sys.stderr)
    return 0
