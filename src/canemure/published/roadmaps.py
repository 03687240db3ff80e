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
from typing import TYPE_CHECKING, Any

import attrs

from canemure._resources import bundled_path
from canemure.errors import DataFormatError, Problem, UnknownNameError
from canemure.geography import gazetteer

if TYPE_CHECKING:
    from canemure._team_files import TeamFile

__all__ = ["ROADMAPS_FILE", "RoadmapInfo", "read_roadmap_file", "roadmap", "roadmaps"]

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
    """The roadmap's target in words (quantified ones: :mod:`canemure.published.targets`)."""
    notes: str | None = None
    """Further published facts and caveats."""


_FIELDS = {a.name for a in attrs.fields(RoadmapInfo)} - {"region_id"}
_REQUIRED = {"approved_text", "themes", "themes_complete", "source"}


def _entry(
    region_id: str,
    raw: Mapping[str, Any],
    problems: list[Problem],
    where: str = bundled_path(ROADMAPS_FILE),
    prefix: str | None = None,
) -> RoadmapInfo | None:
    """Check one roadmap table and build its record; ``prefix`` names its keys in problems."""
    prefix = f"{region_id}." if prefix is None else prefix
    unknown = set(raw) - _FIELDS
    missing = _REQUIRED - set(raw)
    for key in sorted(unknown):
        problems.append(Problem.keyed("team_unknown_key", where, column=f"{prefix}{key}"))
    for key in sorted(missing):
        problems.append(Problem.keyed("team_missing_key", where, column=f"{prefix}{key}"))
    try:
        gazetteer().region(region_id)
    except UnknownNameError as exc:
        problems.append(Problem.keyed("as_raised", where, column=region_id, error=exc))
        return None
    approved = raw.get("approved")
    if approved is not None and not isinstance(approved, dt.date):
        problems.append(
            Problem.keyed(
                "team_key_not_date",
                where,
                column=f"{prefix}approved",
                value=approved,
                key="approved",
            )
        )
        unknown.add("approved")
    for key, kind in (
        ("title", str),
        ("approved_text", str),
        ("source", str),
        ("approved_by", str),
        ("target_text", str),
        ("notes", str),
        ("themes_complete", bool),
    ):
        if key in raw and not isinstance(raw[key], kind):
            problems.append(
                Problem.keyed(
                    "team_key_not_bool" if kind is bool else "team_key_not_string",
                    where,
                    column=f"{prefix}{key}",
                    value=raw[key],
                    key=key,
                )
            )
            unknown.add(key)
    themes = raw.get("themes", [])
    if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
        problems.append(
            Problem.keyed("team_key_not_strings", where, column=f"{prefix}themes", key="themes")
        )
        unknown.add("themes")
    if "source" in raw and isinstance(raw["source"], str) and not raw["source"].strip():
        problems.append(
            Problem.keyed("team_key_empty", where, column=f"{prefix}source", key="source")
        )
        unknown.add("source")
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


def read_roadmap_file(file: TeamFile, *, region_id: str) -> RoadmapInfo:
    """Read a team's own roadmap facts of ``region_id`` from a TOML file.

    The file holds the keys of one region's table in the bundled ``roadmaps_regions.toml``,
    at top level: ``approved_text``, ``themes`` (an array), ``themes_complete`` and ``source``
    are required; ``title``, ``approved`` (a TOML date), ``approved_by``, ``target_text`` and
    ``notes`` are optional (left out = not published). Unknown keys, missing keys and values of
    the wrong type are reported together in one :class:`~canemure.errors.DataFormatError`.
    """
    from canemure._team_files import read_toml_table

    where, raw = read_toml_table(file)
    problems: list[Problem] = []
    entry = _entry(gazetteer().region(region_id).id, raw, problems, where, prefix="")
    if problems or entry is None:
        raise DataFormatError(problems, where)
    return entry
