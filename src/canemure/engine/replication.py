"""Replicability: a measure defined for one municipality, scaled to others.

A measure is defined with the quantities of its home area (``measure.areas[0]``). Replicated
to other areas, each area gets a scale ``size(area) / size(home)``, where the size is one of

* :class:`ByPopulation`: residents in a given year;
* :class:`BySector`: the emissions of a sector in a given year (the size of what it acts on);
* :class:`ByActivity`: an activity you give per area (oil-heated houses, bus kilometres ...).

Absolute quantities (cuts, activity changes, compensation, costs) are multiplied by the scale;
relative ones (a 20 % cut, a factor change) apply unchanged. A size that is missing, not
estimated or zero in the home area cannot give a scale: every such problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine.measures import Measure
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory, Population

__all__ = ["ByActivity", "ByPopulation", "BySector", "Scaling", "replicate"]

FloatArray = npt.NDArray[np.float64]


class Scaling(Protocol):
    """A size per area that scales a measure from its home area to others."""

    @property
    def label(self) -> str:
        """How the scale is derived, for the record (``"population 2023"``)."""

    def sizes(self, areas: Sequence[str]) -> FloatArray:
        """The size of each area (NaN where unknown)."""


@attrs.frozen
class ByPopulation:
    """Scale by residents in ``year``."""

    population: Population
    """Residents per area and year."""
    year: int
    """The year whose population is used."""

    @property
    def label(self) -> str:
        """How the scale is derived."""
        return f"population {self.year}"

    def sizes(self, areas: Sequence[str]) -> FloatArray:
        """Residents of each area in :attr:`year` (NaN where unknown)."""
        known = set(self.population.areas)
        out = np.full(len(areas), np.nan)
        present = [i for i, a in enumerate(areas) if a in known]
        if present:
            values = self.population.at([areas[i] for i in present], [self.year])
            out[present] = np.asarray(values.m_as("resident"), dtype=np.float64)[:, 0]
        return out


@attrs.frozen
class BySector:
    """Scale by a sector's emissions in ``year`` (the size of what the measure acts on)."""

    inventory: EmissionInventory
    """Emissions per area, sector and year."""
    sector: str
    """The sector key."""
    year: int
    """The year whose emissions are used."""

    @property
    def label(self) -> str:
        """How the scale is derived."""
        return f"emissions of sector {self.sector} in {self.year}"

    def sizes(self, areas: Sequence[str]) -> FloatArray:
        """The sector's emissions in each area (NaN where unknown)."""
        inv = self.inventory
        j = inv.sectors.position(self.sector)
        k = inv.years.position(self.year)
        return np.array(
            [
                inv.magnitude[inv.areas.position(a), j, k] if a in inv.areas else np.nan
                for a in areas
            ]
        )


def _activity_values(value: Mapping[str, pint.Quantity[Any]]) -> dict[str, pint.Quantity[Any]]:
    found = dict(value)
    units = {str(q.dimensionality) for q in found.values() if isinstance(q, pint.Quantity)}
    if len(units) > 1 or any(not isinstance(q, pint.Quantity) for q in found.values()):
        raise UnitError(f"activities must be Quantities of one dimension, got {found!r}")
    return found


@attrs.frozen
class ByActivity:
    """Scale by an activity given per area (e.g. number of oil-heated detached houses)."""

    activity: Mapping[str, pint.Quantity[Any]] = attrs.field(converter=_activity_values)
    """The activity of each area, all of one dimension."""
    what: str
    """What the activity is, for the record."""

    @property
    def label(self) -> str:
        """How the scale is derived."""
        return self.what

    def sizes(self, areas: Sequence[str]) -> FloatArray:
        """The activity of each area (NaN where not given)."""
        first = next(iter(self.activity.values()), None)
        if first is None:
            return np.full(len(areas), np.nan)
        unit = first.units
        return np.array(
            [float(self.activity[a].m_as(unit)) if a in self.activity else np.nan for a in areas]
        )


def replicate(measure: Measure, areas: Sequence[str], by: Scaling) -> Measure:
    """``measure`` applied to ``areas`` (its home area first, then the others in order).

    Each area's scale is ``size(area) / size(home)``. Raises :class:`ValueError` listing every
    area whose size is unknown or negative, or a home area whose size is zero.
    """
    if len(measure.areas) != 1:
        raise ValueError(f"measure {measure.name!r} is already replicated to {measure.areas}")
    home = measure.areas[0]
    targets = [home, *[a for a in areas if a != home]]
    sizes = by.sizes(targets)
    problems = [
        f"{area}: size {size!r} ({by.label})"
        for area, size in zip(targets, sizes, strict=True)
        if not size >= 0  # NaN or negative
    ]
    if sizes[0] == 0:
        problems.append(f"{home}: home area has size 0 ({by.label}), nothing to scale from")
    if problems:
        raise ValueError(f"cannot replicate measure {measure.name!r}: " + "; ".join(problems))
    scales = tuple(float(s) for s in sizes / sizes[0])
    return attrs.evolve(measure, areas=tuple(targets), scales=scales, scaled_by=by.label)
