"""``canemure report``: the meeting report of a region as one self-contained HTML file."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from canemure.geography import gazetteer
from canemure.reports.html import build_meeting_report, write_report

__all__ = ["language_from_locale", "run"]

_WRITTEN = {
    "fi": "canemure: raportti kirjoitettu: {path}",
    "sv": "canemure: rapporten skrevs: {path}",
    "en": "canemure: report written: {path}",
}


def language_from_locale(environ: Mapping[str, str] | None = None) -> str:
    """``fi``, ``sv`` or ``en`` from the locale (``LC_ALL``, ``LC_MESSAGES``, then ``LANG``).

    ``LANG=fi_FI.UTF-8`` gives Finnish, ``sv_FI`` or ``sv_SE`` Swedish, anything else English.

    >>> language_from_locale({"LANG": "fi_FI.UTF-8"})
    'fi'
    >>> language_from_locale({"LC_ALL": "C", "LANG": "sv_FI.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in ("fi", "sv") else "en"
    return "en"


def run(args: argparse.Namespace) -> int:
    """Build the meeting report of ``args.region`` and write it to ``args.output``."""
    lang = args.lang or language_from_locale()
    args.lang = lang  # the adapter-failure notice after the command uses the same language
    region = gazetteer().region(args.region)
    report = build_meeting_report(region, lang=lang, rule=args.rules, charts=not args.no_charts)
    if args.output == "-":
        sys.stdout.write(report.to_html())
        return 0
    path = write_report(report, Path(args.output))
    print(_WRITTEN[lang].format(path=path), file=sys.stderr)
    return 0
