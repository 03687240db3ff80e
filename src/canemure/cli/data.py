"""``canemure data``: download or import SYKE files into the user cache, list what it holds.

Downloads report each file on standard error as it finishes (several run at once); the summary
goes to standard output. Ctrl-C stops with status 130 and leaves nothing half-written: files
stored before it are complete and recorded, partial ones are removed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from canemure.geography import Municipality, Region, resolve_area
from canemure.io.cache import Cache
from canemure.io.download import SykeDownloader
from canemure.io.fetch_areas import FetchOutcome, fetch_areas
from canemure.io.imports import import_paths

EXIT_FAILED = 1
"""Exit status when some files could not be fetched (network or data problems)."""
EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT, as shells report it)."""

_STATES = ("downloaded", "cached", "failed")

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "download_for_baseline",
    "downloader_from_args",
    "outcome_line",
    "print_outcomes",
    "run_download",
    "run_import",
    "run_list",
    "summary_line",
]


def _interrupted(what: str) -> int:
    print(f"canemure: interrupted (Ctrl-C). {what}", file=sys.stderr)
    return EXIT_INTERRUPTED


def run_import(args: argparse.Namespace) -> int:
    """Validate and store the files named in ``args.paths``."""
    try:
        stored = import_paths(args.paths, municipality=getattr(args, "municipality", None))
    except KeyboardInterrupt:
        return _interrupted(
            "Nothing is half-written: files stored before the interrupt are complete and "
            "recorded, the others were not stored. Run the same command again to import them."
        )
    cache = Cache()
    for candidate, entry in stored:
        print(f"imported {candidate.path} -> {cache.path_for(entry.path)}")
        print(f"  {candidate.description}; sha256 {entry.sha256[:16]}")
    print(f"{len(stored)} file(s) stored in {cache.root}; `canemure baseline` now uses them.")
    return 0


def downloader_from_args(args: argparse.Namespace) -> SykeDownloader:
    """The downloader the ``--base-url``, ``--timeout``, ``--deadline``, ``--retries`` describe."""
    options: dict[str, Any] = {"timeout": args.timeout, "retries": args.retries}
    if getattr(args, "deadline", None) is not None:
        options["deadline"] = args.deadline
    if args.base_url:
        options["base_url"] = args.base_url
    return SykeDownloader(**options)


def outcome_line(outcome: FetchOutcome) -> str:
    """One file's outcome for people: ``"  Lemi (416): downloaded -> <path>"`` or its failure."""
    if outcome.state == "failed":
        reason = str(outcome.reason).replace("\n", "\n    ")  # a problem list, indented
        return f"  {outcome.label}: FAILED: {reason}"
    return f"  {outcome.label}: {outcome.state} -> {outcome.path}"


def summary_line(outcomes: Sequence[FetchOutcome]) -> str:
    """``"7 downloaded, 0 already cached, 2 failed"``."""
    counts = {state: sum(o.state == state for o in outcomes) for state in _STATES}
    return (
        f"{counts['downloaded']} downloaded, {counts['cached']} already cached, "
        f"{counts['failed']} failed"
    )


def print_outcomes(outcomes: Sequence[FetchOutcome], *, stream: TextIO) -> int:
    """Print one line per file and a summary to ``stream``; return how many failed."""
    for outcome in outcomes:
        print(outcome_line(outcome), file=stream)
    print(summary_line(outcomes), file=stream)
    return sum(o.state == "failed" for o in outcomes)


def _fetch(
    areas: list[Region | Municipality], args: argparse.Namespace
) -> tuple[FetchOutcome, ...]:
    """Fetch with each file reported on standard error as soon as it is done."""
    from canemure import i18n
    from canemure.cli.main import default_language
    from canemure.cli.progress import Progress

    lang = getattr(args, "lang", None) or default_language()
    total = _file_count(areas) + (args.population_year is not None)
    with Progress(total, i18n.label("progress_download", lang), delay=0.0) as progress:

        def report(outcome: FetchOutcome) -> None:
            progress.line(outcome_line(outcome), count=1)  # the bar redrawn below it

        return fetch_areas(
            areas,
            downloader_from_args(args),
            force=args.force,
            population_year=args.population_year,
            jobs=getattr(args, "jobs", 4),
            on_done=report,
        )


def _file_count(areas: Sequence[Region | Municipality]) -> int:
    """How many results files the areas have (one per municipality, each counted once)."""
    from canemure.geography import gazetteer

    return len({code for area in areas for code in gazetteer().municipality_codes(area)})


_DOWNLOAD_INTERRUPTED = (
    "Files downloaded before it are complete and recorded; partial downloads were removed. "
    "Run the same command again: files already cached are not fetched again."
)


def run_download(args: argparse.Namespace) -> int:
    """Fetch the SYKE files of ``args.areas``; exit 1 if any file failed (the rest are kept)."""
    areas = [resolve_area(text) for text in args.areas]
    try:
        outcomes = _fetch(areas, args)
    except KeyboardInterrupt:
        return _interrupted(_DOWNLOAD_INTERRUPTED)
    print(summary_line(outcomes))
    failed = sum(o.state == "failed" for o in outcomes)
    if failed:
        print(
            f"canemure: {failed} file(s) could not be fetched (reasons above); their "
            "municipalities stay 'not estimated'. Files fetched are complete and kept.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("`canemure baseline` now uses them.")
    return 0


def download_for_baseline(area: Region | Municipality, args: argparse.Namespace) -> int:
    """``baseline --download``: fetch ``area``'s files, reporting on standard error.

    Returns 0 to go on with the report, or the exit status to stop with: 1 when every file
    failed (each failure is reported), 130 after Ctrl-C.
    """
    try:
        outcomes = _fetch([area], args)
    except KeyboardInterrupt:
        return _interrupted(_DOWNLOAD_INTERRUPTED)
    print(summary_line(outcomes), file=sys.stderr)
    if outcomes and all(o.state == "failed" for o in outcomes):
        print(
            f"canemure: error: every download for {area} failed (reasons above); no report "
            "printed. Check the network or the address (--base-url), or get the files by hand "
            "and run: canemure data import <files>",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the cache manifest, checking every file against its recorded checksum."""
    cache = Cache()
    entries = cache.entries() if cache.exists() else []
    if not entries:
        print(f"the user cache at {cache.root} holds no SYKE files")
        return 0
    print(f"user cache: {cache.root}")
    for entry in entries:
        state = (
            "ok" if cache.verify(entry.path) else "CHANGED or missing since stored: import again"
        )
        print(f"  {entry.path}  {entry.kind} {entry.timestamp}  {entry.size} bytes  {state}")
        print(f"    from {entry.source}")
    sys.stdout.flush()
    return 0
