"""Download the SYKE files of whole areas (regions or municipalities) into the user cache.

``canemure data download`` and ``canemure baseline --download`` call :func:`fetch_areas`. Each
municipality's results file is fetched on its own with :class:`~canemure.io.download.SykeDownloader`
(cache first, retries, validation before storing, atomic writes), so one failing file does not
stop the others and never leaves a partial file: what was fetched is complete and verified, what
failed is reported with its reason, and nothing is filled in for it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import attrs

from canemure.errors import CanemureError
from canemure.geography import Municipality, Region, gazetteer
from canemure.io.cache import SYKE_DIR
from canemure.io.download import SykeDownloader, municipality_file, municipality_list_file

__all__ = ["FetchOutcome", "fetch_areas"]

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

    Returns
    -------
    One :class:`FetchOutcome` per file, municipalities by code, the list last. Failures are
    outcomes, not exceptions, so one unreachable file does not hide the others.
    """
    downloader = downloader or SykeDownloader()
    outcomes = [
        _fetch_one(
            downloader,
            municipality_file(m.code),
            str(m),
            force,
            functools.partial(downloader.fetch_municipality, m.code, force=force),
        )
        for m in _municipalities(areas)
    ]
    if population_year is not None:
        outcomes.append(
            _fetch_one(
                downloader,
                municipality_list_file(population_year),
                f"municipality list {population_year}",
                force,
                functools.partial(downloader.fetch_municipality_list, population_year, force=force),
            )
        )
    return tuple(outcomes)
