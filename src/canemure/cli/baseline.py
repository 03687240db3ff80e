"""``canemure baseline``: print areas' baseline emissions by sector, or rank municipalities.

Several areas (``canemure baseline pohjois-karjala joensuu kuopio``) give one report each:
tables one after another, one CSV with an area column, a JSON list. With ``--rank`` each area
must be a region, and its municipalities are ranked by total, per resident or change since the
first report year. An area without figures does not stop the others: its error is printed and
the command exits 1 (partial failure); when no area has figures it exits 3 (missing data).
"""

from __future__ import annotations

import argparse
import re
import sys

from canemure.datasets import baseline_sources
from canemure.errors import DataNotAvailableError
from canemure.geography import Municipality, Region, resolve_area
from canemure.i18n import describe, label, rule_name
from canemure.reports import BaselineReport, build_baseline
from canemure.reports.baseline import Ranking, build_ranking
from canemure.reports.render import disagreement_lines, render_many, render_ranking
from canemure.sectors import AccountingRule, accounting_rule

__all__ = ["parse_years", "run"]

EXIT_PARTIAL = 1

_RANGE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


def parse_years(text: str | None, available: tuple[int, ...], lang: str = "en") -> list[int]:
    """Parse ``--years``: ``"2007,2024"``, ``"2005-2024"``, ``"latest"`` or ``None``.

    ``None`` means 2007 (the HINKU base year) and the latest year with figures; ``latest`` may
    be combined with years (``"2007,latest"``). A year without figures is an error naming the
    years that exist. Errors are in ``lang``.
    """
    if not available:
        raise ValueError(label("years_no_figures", lang))
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
                raise ValueError(label("years_backwards", lang).format(part=repr(part)))
            years.update(y for y in available if first <= y <= last)
        elif part.isdigit():
            years.add(int(part))
        else:
            raise ValueError(label("years_unreadable", lang).format(part=repr(part)))
    missing = sorted(y for y in years if y not in available)
    if missing:
        raise ValueError(
            label("years_missing", lang).format(
                years=", ".join(map(str, missing)),
                first=available[0],
                last=available[-1],
                n=len(available),
            )
        )
    if not years:
        raise ValueError(label("years_none", lang))
    return sorted(years)


def _areas(keys: list[str], rank: bool, lang: str) -> list[Region | Municipality]:
    """Resolve every area first, so a typo stops the command before any work (exit 2)."""
    areas: list[Region | Municipality] = []
    for key in keys:
        area = resolve_area(key)
        if rank and not isinstance(area, Region):
            raise ValueError(label("rank_not_region", lang).format(area=area.names[lang]))
        if area not in areas:
            areas.append(area)
    return areas


def _one(
    area: Region | Municipality, rule: AccountingRule, args: argparse.Namespace
) -> BaselineReport | Ranking:
    sourced = baseline_sources(area, rule, use_plugins=not args.no_plugins)
    years = parse_years(args.years, tuple(sourced.inventory.years), args.lang)
    if args.rank:
        assert isinstance(area, Region)  # checked by _areas
        return build_ranking(sourced, area, years, args.rank)
    return build_baseline(sourced, area, years)


def run(args: argparse.Namespace) -> int:
    """Run ``canemure baseline`` with parsed arguments."""
    from canemure.cli.output import check_output, write_text, write_xlsx
    from canemure.cli.progress import activity

    check_output(args)
    areas = _areas(list(args.areas), bool(args.rank), args.lang)
    rule = accounting_rule(args.rules)
    if args.download:  # progress to stderr: stdout stays the report (csv/json stay parseable)
        from canemure.cli.data import download_for_baseline

        for area in areas:
            if status := download_for_baseline(area, args):
                return status
    results: list[BaselineReport | Ranking] = []
    missing: list[DataNotAvailableError] = []
    with activity(label("progress_reading", args.lang)):  # many cached files can take a while
        for area in areas:
            try:
                results.append(_one(area, rule, args))
            except DataNotAvailableError as exc:
                if len(areas) == 1:
                    raise
                missing.append(exc)
    if not results:
        raise missing[0]
    reports = [r for r in results if isinstance(r, BaselineReport)]
    rankings = [r for r in results if isinstance(r, Ranking)]
    output = ""
    if args.format == "xlsx":
        from canemure.reports.render import baseline_sheets, ranking_sheets

        sheets = (
            ranking_sheets(rankings, args.lang) if rankings else baseline_sheets(reports, args.lang)
        )
    elif rankings:
        output = "\n".join(render_ranking(r, args.format, args.lang) for r in rankings)
    else:
        output = render_many(reports, args.format, args.lang, single=len(areas) == 1)
    prefix = f"canemure: {label('warning', args.lang)}: {label('sources_disagree', args.lang)}"
    for report in reports:
        for line in disagreement_lines(report, args.lang):
            print(f"{prefix}: {line}", file=sys.stderr)
    if args.format == "xlsx":
        write_xlsx(args, sheets, [(label("rule", args.lang), rule_name(rule.id, args.lang))])
    else:
        write_text(args, output)
    for error in missing:
        print(
            f"canemure: {label('error', args.lang)}: {describe(error, args.lang)}", file=sys.stderr
        )
    if missing:
        failed = label("partial_failure", args.lang).format(n=len(missing), total=len(areas))
        print(f"canemure: {failed}", file=sys.stderr)
        return EXIT_PARTIAL
    return 0
