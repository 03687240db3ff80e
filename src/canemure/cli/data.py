"""``canemure data``: download or import SYKE files into the user cache, list what it holds."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from canemure.geography import resolve_area
from canemure.io.cache import Cache
from canemure.io.download import SykeDownloader
from canemure.io.fetch_areas import FetchOutcome, fetch_areas
from canemure.io.imports import import_paths

EXIT_FAILED = 1
"""Exit status when some files could not be fetched (network or data problems)."""

_STATES = ("downloaded", "cached", "failed")

__all__ = ["downloader_from_args", "print_outcomes", "run_download", "run_import", "run_list"]


def run_import(args: argparse.Namespace) -> int:
    """Validate and store the files named in ``args.paths``."""
    stored = import_paths(args.paths)
    cache = Cache()
    for candidate, entry in stored:
        print(f"imported {candidate.path} -> {cache.path_for(entry.path)}")
        print(f"  {candidate.description}; sha256 {entry.sha256[:16]}")
    print(f"{len(stored)} file(s) stored in {cache.root}; `canemure baseline` now uses them.")
    return 0


def downloader_from_args(args: argparse.Namespace) -> SykeDownloader:
    """The downloader the ``--base-url``, ``--timeout`` and ``--retries`` options describe."""
    options: dict[str, Any] = {"timeout": args.timeout, "retries": args.retries}
    if args.base_url:
        options["base_url"] = args.base_url
    return SykeDownloader(**options)


def print_outcomes(outcomes: Sequence[FetchOutcome], *, stream: TextIO) -> int:
    """Print one line per file and a summary to ``stream``; return how many failed."""
    for outcome in outcomes:
        if outcome.state == "failed":
            reason = str(outcome.reason).replace("\n", "\n    ")  # a problem list, indented
            print(f"  {outcome.label}: FAILED: {reason}", file=stream)
        else:
            print(f"  {outcome.label}: {outcome.state} -> {outcome.path}", file=stream)
    counts = {state: sum(o.state == state for o in outcomes) for state in _STATES}
    print(
        f"{counts['downloaded']} downloaded, {counts['cached']} already cached, "
        f"{counts['failed']} failed",
        file=stream,
    )
    return counts["failed"]


def run_download(args: argparse.Namespace) -> int:
    """Fetch the SYKE files of ``args.areas``; exit 1 if any file failed (the rest are kept)."""
    areas = [resolve_area(text) for text in args.areas]
    outcomes = fetch_areas(
        areas,
        downloader_from_args(args),
        force=args.force,
        population_year=args.population_year,
    )
    failed = print_outcomes(outcomes, stream=sys.stdout)
    if failed:
        print(
            f"canemure: {failed} file(s) could not be fetched; their municipalities stay "
            "'not estimated'. Files fetched are complete and kept.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("`canemure baseline` now uses them.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the cache manifest."""
    cache = Cache()
    entries = cache.entries() if cache.exists() else []
    if not entries:
        print(f"the user cache at {cache.root} holds no SYKE files")
        return 0
    print(f"user cache: {cache.root}")
    for entry in entries:
        state = "ok" if cache.verify(entry.path) else "CHANGED since stored"
        print(f"  {entry.path}  {entry.kind} {entry.timestamp}  {entry.size} bytes  {state}")
        print(f"    from {entry.source}")
    sys.stdout.flush()
    return 0
