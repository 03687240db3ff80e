"""Population per area and year: the denominator of every per-resident figure."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.errors import MissingDependencyError, UnitError, UnknownNameError
from canemure.inventory._grow import append_rows
from canemure.inventory._plans import AreaPlan, axis_plan
from canemure.inventory.axes import Axis, L
from canemure.inventory.labelled import wrap
from canemure.inventory.provenance import Source
from canemure.units import Q_

__all__ = ["Population"]

_RESIDENT = Q_(1, "resident").units


def _check_values(instance: Population, _attribute: object, value: object) -> None:
    magnitude = getattr(value, "magnitude", None)
    # a scalar is refused alike with or without pint-xarray (which makes it a 0-d array)
    if (
        not isinstance(value, pint.Quantity)
        or not isinstance(magnitude, np.ndarray)
        or not (magnitude.ndim)
    ):
        raise TypeError(
            f"population values must be one Quantity of a numpy array (areas x years), "
            f"got {value!r}"
        )
    if value.units != _RESIDENT:  # the converter has turned every compatible unit into residents
        raise UnitError(f"population must be in residents, got unit {value.units}")


def _in_residents(value: object) -> object:
    """Store populations in residents, so every computation can use the bare magnitude."""
    if not isinstance(value, pint.Quantity) or value.units == _RESIDENT:
        return value
    if not value.is_compatible_with(_RESIDENT):
        return value  # the validator says what is wrong
    return value.to(_RESIDENT)


def _area_axis(labels: Iterable[str] | Axis[str]) -> Axis[str]:
    return labels if isinstance(labels, Axis) else Axis("area", labels)


def _year_axis(labels: Iterable[int] | Axis[int]) -> Axis[int]:
    return labels if isinstance(labels, Axis) else Axis("year", labels)


def _positions(axis: Axis[L], labels: Sequence[L]) -> npt.NDArray[np.intp] | None:
    """Positions of ``labels`` on ``axis`` (-1 where missing), or ``None`` if they are the axis."""
    if isinstance(labels, Axis):
        labels = labels.labels
    if labels is axis.labels or tuple(labels) == axis.labels:  # the first: no per-label compare
        return None
    index = axis.index
    return np.fromiter((index.get(x, -1) for x in labels), dtype=np.intp, count=len(labels))


def _area_names(codes: Sequence[str], lang: str) -> dict[str, str]:
    """Code -> name in ``lang``: 3-digit codes are municipalities, 2-digit ones regions."""
    from canemure.geography import gazetteer

    gaz = gazetteer()
    names: dict[str, str] = {}
    for code in codes:
        try:
            found = gaz.region(code) if len(code) <= 2 else gaz.municipality(code)
            names[code] = found.names[lang]
        except UnknownNameError:  # a group's label, or a code the reference list lacks
            names[code] = code
    return names


@attrs.frozen(eq=False)
class Population:
    """Residents per area (municipality or region code) and year.

    Missing values are NaN ("not known") and propagate: a region whose municipality lacks a
    population figure has no population either, so its per-resident value is not estimated.
    """

    values: pint.Quantity[Any] = attrs.field(converter=_in_residents, validator=_check_values)
    """Residents, shape ``(len(areas), len(years))`` (stored in the unit ``resident``)."""
    areas: Axis[str] = attrs.field(converter=_area_axis)
    """Area codes."""
    years: Axis[int] = attrs.field(converter=_year_axis)
    """Years."""
    source: Source | None = None
    """Where the figures come from."""

    def __attrs_post_init__(self) -> None:
        shape = (len(self.areas), len(self.years))
        if self.values.magnitude.shape != shape:
            raise ValueError(
                f"population values have shape {self.values.magnitude.shape}, "
                f"expected {shape} (areas x years)"
            )

    @classmethod
    def from_mapping(
        cls, data: Mapping[tuple[str, int], float], source: Source | None = None
    ) -> Population:
        """Build from ``{(area, year): residents}``; absent combinations are NaN."""
        areas = sorted({a for a, _ in data})
        years = sorted({y for _, y in data})
        array = np.full((len(areas), len(years)), np.nan)
        a_pos = {a: i for i, a in enumerate(areas)}
        y_pos = {y: i for i, y in enumerate(years)}
        for (area, year), value in data.items():
            array[a_pos[area], y_pos[year]] = value
        return cls(Q_(array, "resident"), areas, years, source)

    def at(self, areas: Sequence[str], years: Sequence[int]) -> pint.Quantity[Any]:
        """Residents for ``areas`` x ``years``; areas or years this table lacks are NaN."""
        found = self.magnitude_at(areas, years)
        return Q_(found.copy() if found is self.values.magnitude else found, _RESIDENT)

    def magnitude_at(self, areas: Sequence[str], years: Sequence[int]) -> npt.NDArray[np.float64]:
        """Like :meth:`at`, in residents, without a unit.

        The stored array itself (do not modify it) when ``areas`` and ``years`` are this
        table's axes.
        """
        magnitude: npt.NDArray[np.float64] = self.values.magnitude  # stored in residents
        rows = _positions(self.areas, areas)
        columns = _positions(self.years, years)
        out = magnitude
        if rows is not None:
            out = np.take(out, np.maximum(rows, 0), axis=0)
        if columns is not None:
            out = np.take(out, np.maximum(columns, 0), axis=1)
        if rows is not None and (rows < 0).any():
            out[rows < 0] = np.nan
        if columns is not None and (columns < 0).any():
            out[:, columns < 0] = np.nan
        return out

    def aggregate(self, groups: Mapping[str, Iterable[str]]) -> Population:
        """Sum populations into groups ``{new_area: member_areas}``; a missing member gives NaN."""
        return self.aggregate_planned(tuple((name, tuple(group)) for name, group in groups.items()))

    def aggregate_planned(
        self,
        members_of: tuple[tuple[str, tuple[str, ...]], ...],
        plan: AreaPlan | None = None,
    ) -> Population:
        """Like :meth:`aggregate`, with the groups as ``((name, members), ...)``.

        That is the form the area plans are cached by, so an inventory's aggregation passes
        its groups on without rebuilding them, and its ``plan`` too when this table's areas
        are the inventory's (the plan of the same groups over the same areas).
        """
        if plan is None:
            plan = axis_plan(self.areas, members_of)
        out = plan.sum(self.values.magnitude)
        # a derived table: in residents already, on checked axes (nothing to convert or check)
        new: Population = object.__new__(Population)
        object.__setattr__(new, "values", wrap(out, self.values))
        object.__setattr__(new, "areas", plan.axis)
        object.__setattr__(new, "years", self.years)
        object.__setattr__(new, "source", self.source)
        return new

    def to_pandas(self, *, wide: bool = False, names: bool = False, lang: str = "fi") -> Any:
        """A ``pandas.DataFrame`` of residents. Needs ``canemure[pandas]``.

        Long (the default): columns ``area`` (categorical), ``year``, ``value`` (float64, NaN
        = not known) and ``unit`` (``resident``); ``wide=True``: one row per area, columns
        ``area``, ``unit`` and one per year. ``names=True`` adds ``area_name`` in ``lang``
        (municipality or region names from the reference list; an unknown code keeps its code).
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError("pandas", "pandas", "Population.to_pandas()") from None
        a, y = len(self.areas), len(self.years)
        areas = pd.Categorical.from_codes(
            np.repeat(np.arange(a), 1 if wide else y), categories=pd.Index(self.areas.labels)
        )
        columns: dict[str | int, Any] = {"area": areas}
        if names:
            names_of = _area_names(self.areas.labels, lang)
            columns["area_name"] = pd.Categorical([names_of[a] for a in areas])
        values = np.array(self.values.magnitude, dtype=np.float64)
        if wide:
            columns["unit"] = "resident"
            for k, year in enumerate(self.years):
                columns[int(year)] = values[:, k]
        else:
            columns["year"] = np.tile(np.array(self.years.labels, dtype=np.int64), a)
            columns["value"] = values.ravel()
            columns["unit"] = "resident"
        frame = pd.DataFrame(columns, copy=True)
        frame["unit"] = frame["unit"].astype("category")
        frame.attrs.update(unit="resident")
        return frame

    def _derived(
        self, values: npt.NDArray[Any], areas: Axis[str], source: Source | None
    ) -> Population:
        """A table on ``areas`` and these years, in residents (nothing to convert or check)."""
        new: Population = object.__new__(Population)
        object.__setattr__(new, "values", wrap(values, self.values))
        object.__setattr__(new, "areas", areas)
        object.__setattr__(new, "years", self.years)
        object.__setattr__(new, "source", source)
        return new

    def merge(self, other: Population) -> Population:
        """Combine two tables; where both have a figure, ``other`` wins.

        Adding new areas on the same (ascending) years, as successive merges of one-area
        tables do, takes amortised time in the size of ``other``: the result is a read-only
        view of a buffer that a later merge into the newest result fills in place (earlier
        tables keep their values; the module ``canemure.inventory._grow`` says how).
        """
        years_axis = self.years.labels
        if other.years.labels == years_axis and all(map(operator.lt, years_axis, years_axis[1:])):
            if other is self:  # every figure is its own: the table itself
                return self
            mine, theirs = self.values.magnitude, other.values.magnitude
            if other.areas.labels == self.areas.labels:  # the same cells: one pass
                merged = np.where(np.isnan(theirs), mine, theirs)
                return self._derived(merged, self.areas, self.source or other.source)
            new_areas = self.areas.extended(other.areas)  # None when an area is in both
            if new_areas is not None and mine.dtype == theirs.dtype == np.float64:
                grown = append_rows(mine, theirs)
                return self._derived(grown, new_areas, self.source or other.source)
        areas = list(dict.fromkeys([*self.areas, *other.areas]))
        years = sorted(set(self.years) | set(other.years))
        base = self.at(areas, years).m_as("resident")
        update = other.at(areas, years).m_as("resident")
        merged = np.where(np.isnan(update), base, update)
        return Population(Q_(merged, "resident"), areas, years, self.source or other.source)
