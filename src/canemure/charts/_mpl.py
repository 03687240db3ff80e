"""matplotlib, imported when a chart is drawn, and the chart texts in three languages."""

from __future__ import annotations

from typing import Any

from canemure.errors import MissingDependencyError

__all__ = ["figure", "text"]

_TEXTS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "year": ("Vuosi", "År", "Year"),
    "emissions": ("Päästöt", "Utsläpp", "Emissions"),
    "per_resident": ("Päästöt asukasta kohden", "Utsläpp per invånare", "Emissions per resident"),
    "not_estimated": ("ei arvioitu", "ej uppskattad", "not estimated"),
    "trajectory": ("Kehityspolku", "Utvecklingsbana", "Trajectory"),
    "target": ("Tavoite", "Mål", "Target"),
    "abatement": ("Vähennys", "Minskning", "Abatement"),
    "cost_per_tonne": ("Kustannus", "Kostnad", "Cost"),
    "baseline": ("Perusura", "Basbana", "Baseline"),
    "remaining": ("Jäljelle jäävät päästöt", "Återstående utsläpp", "Remaining emissions"),
    "resident": ("asukas", "invånare", "resident"),
}


def text(key: str, lang: str) -> str:
    """The chart text ``key`` in ``lang`` (``fi``, ``sv`` or ``en``)."""
    languages = ("fi", "sv", "en")
    if lang not in languages:
        raise ValueError(f"language must be one of fi, sv, en, got {lang!r}")
    return _TEXTS[key][languages.index(lang)]


def figure(width: float = 9.0, height: float = 4.5) -> Any:
    """A new matplotlib Figure (no pyplot), or a clear error naming the ``plot`` extra."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingDependencyError("matplotlib", "plot", "drawing charts") from exc
    return Figure(figsize=(width, height), layout="constrained")
