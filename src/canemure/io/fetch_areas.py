"""Download the SYKE files of whole areas (regions or municipalities) into the user cache.

``canemure data download`` and ``canemure baseline --download`` call :func:`fetch_areas`. Each
municipality's results file is fetched on its own with :class:`~canemure.io.download.SykeDownloader`
(cache first, retries, validation before storing, atomic writes), so one failing file does not
stop the others and never leaves a partial file: what was fetched is complete and verified, what
failed is reported with its reason, and nothing is filled in for it.

Files are fetched a few at a time (``jobs`` threads, 4 by default), so a slow or hanging server
costs one deadline per batch rather than per file; ``on_done`` is called with each outcome as it
finishes (in the calling thread), for progress reports. The cache is safe for concurrent writers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Literal

import attrs

from canemure.errors import CanemureError
from canemure.geography import Municipality, Region, gazetteer
from canemure.io.cache import SYKE_DIR
from canemure.io.download import SykeDownloader, municipality_file, municipality_list_file

__all__ = ["DEFAULT_JOBS", "FetchOutcome", "fetch_areas"]

DEFAULT_JOBS = 4
"""How many files are downloaded at once by default: polite to SYKE's site, quick enough."""

FetchState = Literal["cached", "downloaded", "failed"]


@attrs.frozen
class FetchOutcome:
    """What happened to one file."""

    file: str
    """The file's path on SYKE's site, e.g. ``"Tulokset_taso_5/kunta_167.csv"``."""
    label: str
    """What the file holds, for people: ``"Joensuu (167)"`` or ``"municipality list 2023"``."""
    state: FetchState
    """``"cached"`` (a verified copy was already there), ``"downloaded"`` or ``"failed"``."""
    path: Path | None = None
    """Where the cached copy is; ``None`` when the fetch failed."""
    reason: str | None = None
    """Why the fetch failed."""


def _municipalities(areas: Iterable[Region | Municipality]) -> list[Municipality]:
    """The municipalities of ``areas`` (a region stands for all of its), each once, by code."""
    gaz = gazetteer()
    codes = {code for area in areas for code in gaz.municipality_codes(area)}
    return [gaz.municipality(code) for code in sorted(codes)]


def _fetch_one(
    downloader: SykeDownloader,
    relative: str,
    label: str,
    force: bool,
    fetch: Callable[[], Path],
) -> FetchOutcome:
    # Hashes a cached copy once more than fetch() does, but manifest entries are stamped to the
    # second, so comparing them before and after could mistake a re-download for the cache.
    was_cached = not force and downloader.cache.verify(f"{SYKE_DIR}/{relative}")
    try:
        path = fetch()
    except CanemureError as exc:
        return FetchOutcome(relative, label, "failed", reason=str(exc))
    return FetchOutcome(relative, label, "cached" if was_cached else "downloaded", path)


def fetch_areas(
    areas: Iterable[Region | Municipality],
    downloader: SykeDownloader | None = None,
    *,
    force: bool = False,
    population_year: int | None = None,
    jobs: int = DEFAULT_JOBS,
    on_done: Callable[[FetchOutcome], None] | None = None,
) -> tuple[FetchOutcome, ...]:
    """Fetch the results file of every municipality of ``areas`` (and a municipality list).

    Parameters
    ----------
    areas
        Regions and/or municipalities.
    downloader
        The downloader (default: SYKE's site, the per-user cache, offline mode from the
        environment).
    force
        Download again even where a verified copy is cached.
    population_year
        Also fetch SYKE's municipality list ``asukasluvut_<year>.csv`` (populations) of that year.
    jobs
        How many files to fetch at once (at least 1).
    on_done
        Called with each outcome as soon as its file is done, in the calling thread.

    Returns
    -------
    One :class:`FetchOutcome` per file, municipalities by code, the list last. Failures are
    outcomes, not exceptions, so one unreachable file does not hide the others.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs!r}")
    downloader = downloader or SykeDownloader()
    tasks: list[tuple[str, str, Callable[[], Path]]] = [
        (
            municipality_file(m.code),
            str(m),
            functools.partial(downloader.fetch_municipality, m.code, force=force),
        )
        for m in _municipalities(areas)
    ]
    if population_year is not None:
        tasks.append(
            (
                municipality_list_file(population_year),
                f"municipality list {population_year}",
                functools.partial(downloader.fetch_municipality_list, population_year, force=force),
            )
        )
    executor = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="canemure-fetch")
    try:
        futures: list[Future[FetchOutcome]] = [
            executor.submit(_fetch_one, downloader, relative, label, force, fetch)
            for relative, label, fetch in tasks
        ]
        for future in as_completed(futures):
            if on_done is not None:
                on_done(future.result())
        outcomes = tuple(future.result() for future in futures)
    except BaseException:
        downloader.cancel()  # Ctrl-C: files being fetched stop at their next read
        raise
    finally:
        # On Ctrl-C: start nothing new; files being fetched finish or clean up after themselves.
        executor.shutdown(wait=False, cancel_futures=True)
    return outcomes
