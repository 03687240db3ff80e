"""Regional roadmaps as published: title, approval, themes and targets in words.

A regional climate-mitigation roadmap (maakunnallinen ilmastonmuutoksen hillinnän tiekartta)
organises measures under a handful of themes or priorities. :class:`RoadmapInfo` records what
the regions published about their roadmaps, read from the bundled
``canemure/data/roadmaps_regions.toml`` (compiled from the project's sourced notes, with the
source of each entry). Unknowns stay unknown: ``approved`` is a date only where a day was
published, and ``themes_complete`` is ``False`` where the sources list only some themes.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs

from canemure._resources import bundled_path
from canemure.errors import DataFormatError, Problem, UnknownNameError
from canemure.geography import gazetteer

__all__ = ["ROADMAPS_FILE", "RoadmapInfo", "roadmap", "roadmaps"]

ROADMAPS_FILE = "roadmaps_regions.toml"
"""Bundled file of roadmap facts."""


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class RoadmapInfo:
    """What a region published about its climate-mitigation roadmap."""

    region_id: str
    """Region id, e.g. ``"pirkanmaa"``."""
    title: str | None
    """Published title; ``None`` when not found."""
    approved: dt.date | None
    """Approval day, where published."""
    approved_text: str
    """What is known about approval and updates, in words."""
    themes: tuple[str, ...] = attrs.field(converter=_strings)
    """Themes or priorities as published (Finnish wording)."""
    themes_complete: bool
    """Whether :attr:`themes` is the full list (``False`` when the sources show only some)."""
    source: str
    """Where the facts were read."""
    approved_by: str | None = None
    """Body that approved the roadmap, where published."""
    target_text: str | None = None
    """The roadmap's target in words (quantified targets are in :mod:`canemure.targets`)."""
    notes: str | None = None
    """Further published facts and caveats."""


_FIELDS = {a.name for a in attrs.fields(RoadmapInfo)} - {"region_id"}
_REQUIRED = {"approved_text", "themes", "themes_complete", "source"}


def _entry(region_id: str, raw: Mapping[str, Any], problems: list[Problem]) -> RoadmapInfo | None:
    where = bundled_path(ROADMAPS_FILE)
    unknown = set(raw) - _FIELDS
    missing = _REQUIRED - set(raw)
    for key in sorted(unknown):
        problems.append(Problem("unknown key", file=where, column=f"{region_id}.{key}"))
    for key in sorted(missing):
        problems.append(Problem("missing key", file=where, column=f"{region_id}.{key}"))
    try:
        gazetteer().region(region_id)
    except UnknownNameError as exc:
        problems.append(Problem(str(exc), file=where, column=region_id))
        return None
    approved = raw.get("approved")
    if approved is not None and not isinstance(approved, dt.date):
        problems.append(
            Problem(
                "approved must be a date",
                file=where,
                column=f"{region_id}.approved",
                value=approved,
            )
        )
        return None
    if unknown or missing:
        return None
    return RoadmapInfo(
        region_id=region_id,
        title=raw.get("title"),
        approved=approved,
        approved_text=raw["approved_text"],
        themes=raw["themes"],
        themes_complete=bool(raw["themes_complete"]),
        source=raw["source"],
        approved_by=raw.get("approved_by"),
        target_text=raw.get("target_text"),
        notes=raw.get("notes"),
    )


@cache
def roadmaps() -> Mapping[str, RoadmapInfo]:
    """All bundled roadmap facts by region id (read once, then cached)."""
    text = resources.files("canemure").joinpath("data").joinpath(ROADMAPS_FILE).read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFormatError(str(exc), bundled_path(ROADMAPS_FILE)) from exc
    problems: list[Problem] = []
    out = {}
    for region_id, raw in data.items():
        entry = _entry(region_id, raw, problems)
        if entry is not None:
            out[region_id] = entry
    if problems:
        raise DataFormatError(problems, bundled_path(ROADMAPS_FILE))
    return out


def roadmap(region_id: str) -> RoadmapInfo | None:
    """Return the roadmap facts of ``region_id`` (id, code or name); ``None`` if not bundled."""
    return roadmaps().get(gazetteer().region(region_id).id)
