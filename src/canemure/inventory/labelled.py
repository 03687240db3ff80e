"""Labelled ``area x sector x year`` values: what an inventory and its derived results share.

Design notes
------------
* :class:`~canemure.inventory.EmissionInventory` holds *extensive* quantities (emissions,
  energy use): they sum over areas and sectors. Per-resident values, changes and shares are
  *intensive*: summing them is the classic mistake. So
  :meth:`~canemure.inventory.EmissionInventory.per_resident`, ``change`` and ``shares`` return a
  :class:`LabelledValues`: the same axes, name look-ups, selection and exports as the
  inventory (all from the shared base :class:`LabelledCube`, nothing copied), but no
  aggregation methods. Derive an intensity of a region from the region's summed inventory.
* Array access follows pint: ``values`` is the Quantity (as for the inventory), ``magnitude``
  the bare float64 array, ``unit`` its unit and ``m_as(unit)`` the array in another unit. As in
  xarray, labels select (``sel``, ``value``); positions are for the arrays.
* A derived result shares its parent's axes, hierarchy and rule (nothing is re-validated or
  copied): building one costs a few microseconds on top of its numpy kernel, measured in
  ``benchmarks/bench_inventory.py`` (``per_resident()``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure._text import suggest
from canemure.errors import MissingDependencyError, UnitError, UnknownNameError
from canemure.inventory._plans import as_slice
from canemure.inventory.axes import Axis
from canemure.sectors.hierarchy import SectorHierarchy, sector_hierarchy
from canemure.units import Q_, unit_label, unit_text

if TYPE_CHECKING:
    from canemure.sectors.rules import AccountingRule

__all__ = ["AreaLevel", "LabelledArray", "LabelledCube", "LabelledValues"]

AreaLevel = Literal["municipality", "region", "group"]
"""What the area axis holds: municipality codes, region codes, or caller-defined groups."""

FloatArray = npt.NDArray[np.float64]


# ----------------------------------------------------------------------------- helpers
def area_axis(labels: Iterable[str] | Axis[str]) -> Axis[str]:
    """``labels`` as the area axis (an axis is kept as it is)."""
    return labels if isinstance(labels, Axis) else Axis("area", labels)


def sector_axis(labels: Iterable[str] | Axis[str]) -> Axis[str]:
    """``labels`` as the sector axis (an axis is kept as it is)."""
    return labels if isinstance(labels, Axis) else Axis("sector", labels)


def year_axis(labels: Iterable[int] | Axis[int]) -> Axis[int]:
    """``labels`` as the year axis, as ints (an axis is kept as it is)."""
    return labels if isinstance(labels, Axis) else Axis("year", [int(y) for y in labels])


def wrap(magnitude: FloatArray, like: pint.Quantity[Any]) -> pint.Quantity[Any]:
    """A Quantity of ``magnitude`` in the unit of ``like``, without parsing or checking the unit.

    What ``Q_(magnitude, like.units)`` makes, minus the fixed cost of a new ``Unit`` object and
    pint's argument checks (most of a derived inventory's overhead at a few hundred areas).
    ``magnitude`` must be a numpy array: pint would keep one as it is too.
    """
    quantity: pint.Quantity[Any] = object.__new__(type(like))
    quantity._magnitude = magnitude
    quantity._units = like._units
    return quantity


def scalar(value: float, unit: str | pint.Unit) -> pint.Quantity[Any]:
    """A Quantity whose magnitude is the Python float ``value``.

    Also where pint-xarray has made pint's scalars 0-d arrays: ``round(q.m, 1)`` and
    ``f"{q.m:.1f}"`` work on it.

    >>> scalar(1.25, "kt CO2e/a").m
    1.25
    """
    quantity: pint.Quantity[Any] = Q_(value, unit)
    quantity._magnitude = float(value)
    return quantity


_ONE_LABEL = (str, int, np.integer)
"""What ``labels_of`` takes as one label (a tuple: ``isinstance`` checks it faster than a union)."""


def labels_of(value: Any) -> list[Any]:
    """A list of labels; one label (a string or an integer) is a list of one."""
    if isinstance(value, _ONE_LABEL):
        return [value]
    return list(value)


def lang_of(found: Any, text: str) -> str:
    """The language of the name ``text`` of ``found`` (a region or municipality)."""
    from canemure._text import fold

    return next(
        (lang for lang in ("fi", "sv", "en") if fold(found.names[lang]) == fold(text)), "fi"
    )


def year_key(year: object) -> int:
    """A year as an int: an int or a string of digits; anything else is refused by name."""
    if isinstance(year, int | np.integer) and not isinstance(year, bool):
        return int(year)
    if isinstance(year, str) and year.strip().isdigit():
        return int(year.strip())
    raise UnknownNameError("year (a year is a whole number like 2024)", str(year))


def year_positions(axis: Axis[int], years: Sequence[Any]) -> npt.NDArray[np.intp]:
    """Positions of ``years`` (ints or their digits) on ``axis``; unknown ones named as given."""
    index = axis.index
    try:  # ints as held (the usual case): one dict look-up each
        return np.fromiter(map(index.__getitem__, years), dtype=np.intp, count=len(years))
    except (KeyError, TypeError):
        pass
    out = np.empty(len(years), dtype=np.intp)
    for i, given in enumerate(years):
        key = year_key(given)
        if key not in index:
            raise UnknownNameError(
                "year (not in this inventory)",
                str(given),
                suggest(str(given), [str(y) for y in axis.labels]),
            )
        out[i] = index[key]
    return out


def pandas_module(purpose: str) -> Any:
    """pandas, or an error naming the extra that installs it."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", purpose) from None
    return pd


def xarray_module(purpose: str) -> Any:
    """xarray, or an error naming the extra that installs it."""
    try:
        import xarray as xr
    except ImportError:
        raise MissingDependencyError("xarray", "xarray", purpose) from None
    return xr


def _named(pd: Any, names: Iterable[str], codes: npt.NDArray[np.intp]) -> Any:
    """A categorical column of ``names`` taken at ``codes`` (names need not be unique)."""
    return pd.Categorical(np.array(list(names), dtype=object)[codes])


def _pint_array(values: FloatArray, unit: pint.Unit) -> Any:
    """A pint-pandas array of ``values`` in ``unit`` of canemure's registry."""
    try:
        import pint_pandas
    except ImportError:
        raise MissingDependencyError("pint-pandas", "pint-pandas", "to_pandas(pint=True)") from None
    from_quantity: Any = pint_pandas.PintArray.from_1darray_quantity  # untyped in some versions
    return from_quantity(Q_(values, unit))


@lru_cache(maxsize=64)
def cached_unit_label(unit: pint.Unit) -> str:
    """:func:`canemure.units.unit_label`, cached per unit."""
    return unit_label(unit)


@lru_cache(maxsize=64)
def cached_unit_text(unit: pint.Unit) -> str:
    """:func:`canemure.units.unit_text`, cached per unit (it parses the label back)."""
    return unit_text(unit)


def take(values: FloatArray, index: list[npt.NDArray[np.intp] | slice]) -> FloatArray:
    """``values[index]`` as a new C-contiguous array, gathering once where numpy can."""
    rows, sectors, years = index
    if type(sectors) is slice and type(years) is slice:  # rows only (the usual selection)
        if type(rows) is slice:  # a view: copy it, a selection never shares memory
            return np.array(values[rows, sectors, years], order="C")
        return np.ascontiguousarray(values[rows, sectors, years])  # one gather: one copy
    gathers = [axis for axis, part in enumerate(index) if not isinstance(part, slice)]
    for axis in gathers[1:]:  # numpy would broadcast several index arrays together
        part = index[axis]
        assert not isinstance(part, slice)
        values = np.take(values, part, axis=axis)
        index[axis] = slice(None)
    if not gathers:  # a view: copy it, a selection never shares memory with its parent
        return np.array(values[tuple(index)], order="C")
    return np.ascontiguousarray(values[tuple(index)])  # one gather (with slices): one copy


_SMALL = 256
"""Up to this many chosen labels, a selection checks them for repeats with a set."""


def _sub_axis(
    axis: Axis[Any], part: npt.NDArray[np.intp] | slice, keys: Sequence[Any]
) -> Axis[Any]:
    """The axis of a selection of ``axis`` at ``part`` (whose labels are ``keys``).

    A slice of unique labels is unique; positions are unique when no row is chosen twice,
    which one vectorised count says without hashing the labels.
    """
    if isinstance(part, slice):
        return Axis.trusted(axis.name, axis.labels[part])
    if len(part) <= _SMALL:  # a few labels: a set of them (their hashes are cached)
        unique = len(set(keys)) == len(keys)
    else:
        chosen = np.zeros(len(axis), dtype=np.bool_)
        chosen[part] = True
        unique = int(np.count_nonzero(chosen)) == len(part)
    if not unique:
        return Axis(axis.name, keys)  # raises, naming the labels chosen twice
    return Axis.trusted(axis.name, tuple(keys))


def _year_part(axis: Axis[int], asked: list[Any]) -> tuple[npt.NDArray[np.intp] | slice, Axis[int]]:
    """Where the years ``asked`` lie on ``axis`` (ascending; a slice for a run) and their axis."""
    count = len(asked)
    if count:  # a run of years as held (the usual request): a slice, checked in one compare
        first = axis.index.get(asked[0]) if isinstance(asked[0], int) else None
        if first is not None:
            run = axis.labels[first : first + count]
            if run == tuple(asked):
                return slice(first, first + count), Axis.trusted("year", run)
    columns = year_positions(axis, asked)
    part = as_slice(columns)
    if isinstance(part, slice):  # a run of an ascending axis: ascending
        return part, Axis.trusted("year", axis.labels[part])
    chosen = [axis.labels[k] for k in columns.tolist()]
    if count > 1 and not bool(np.all(np.diff(columns) > 0)):
        raise ValueError(f"years must be ascending, got {chosen}")
    return part, Axis.trusted("year", tuple(chosen))


# ----------------------------------------------------------------------------- names
def area_key(areas: Axis[str], level: AreaLevel, area: str) -> str:
    """The code on ``areas`` of ``area`` (a code, or a name in fi/sv/en).

    An unknown one raises :class:`~canemure.errors.UnknownNameError` naming it as given, with
    suggestions; a group (``level="group"``) is known only by its label.
    """
    if area in areas:
        return area
    text = str(area)
    if level == "group":  # known by the label it was given
        raise UnknownNameError("area (not in this inventory)", text, suggest(text, list(areas)))
    from canemure.geography import gazetteer

    gaz = gazetteer()
    found = gaz.region(text) if level == "region" else gaz.municipality(text)
    if found.code not in areas:
        shown = text if text == found.code else f"{text} ({found.code})"
        raise UnknownNameError(
            f"{level} (not in this inventory)",
            shown,
            suggest(text, list(areas))
            if text.isdigit()
            else suggest(text, list(area_names(areas, level, lang_of(found, text)).values())),
        )
    return found.code


def sector_key(sectors: Axis[str], hierarchy: SectorHierarchy, sector: str) -> str:
    """The key on ``sectors`` of ``sector`` (a key, abbreviation or name in fi/sv/en)."""
    if sector in sectors:
        return sector
    level = hierarchy[sectors.labels[0]].level if len(sectors) else 0
    found = hierarchy.find(str(sector), level)
    if found.key not in sectors:
        held = [n for key in sectors for n in hierarchy[key].names.all()]
        raise UnknownNameError(
            "sector (not in this inventory)",
            sector if sector == found.key else f"{sector} ({found.key})",
            suggest(str(sector), held),
        )
    return found.key


def area_names(areas: Iterable[str], level: AreaLevel, lang: str = "fi") -> dict[str, str]:
    """Area code -> name in ``lang``; a group's name (or an unknown code) is its label."""
    if level == "group":
        return {a: a for a in areas}
    from canemure.geography import gazetteer

    gaz = gazetteer()
    look_up = gaz.region if level == "region" else gaz.municipality
    names: dict[str, str] = {}
    for code in areas:
        try:
            names[code] = look_up(code).names[lang]
        except UnknownNameError:
            names[code] = code
    return names


# ----------------------------------------------------------------------------- shared base
class LabelledCube:
    """Labels, look-ups, selection and exports of ``area x sector x year`` values with a unit.

    The base of :class:`~canemure.inventory.EmissionInventory` and :class:`LabelledValues`;
    subclasses hold the fields named below.
    """

    __slots__ = ()

    values: pint.Quantity[Any]
    areas: Axis[str]
    sectors: Axis[str]
    years: Axis[int]
    area_level: AreaLevel
    hierarchy: SectorHierarchy

    # ------------------------------------------------------------------ arrays
    @property
    def unit(self) -> pint.Unit:
        """The unit of the values."""
        unit: pint.Unit = self.values.units  # type: ignore[assignment]
        return unit

    @property
    def magnitude(self) -> FloatArray:
        """The raw values in :attr:`unit` (a view; do not modify)."""
        result: FloatArray = self.values.magnitude
        return result

    @property
    def shape(self) -> tuple[int, int, int]:
        """``(areas, sectors, years)``."""
        a, s, y = self.values.magnitude.shape
        return (a, s, y)

    @property
    def sector_level(self) -> int:
        """The hierarchy level of the sector axis (0 = total ... 5, 6 = leaves)."""
        return self.hierarchy[self.sectors.labels[0]].level if len(self.sectors) else 0

    @property
    def estimated(self) -> npt.NDArray[np.bool_]:
        """Boolean mask: ``True`` where a value is estimated, ``False`` where not estimated."""
        return ~np.isnan(self.magnitude)

    def m_as(self, unit: str | pint.Unit) -> FloatArray:
        """The values as a float64 array in ``unit`` (pint's ``m_as``)."""
        try:
            result: FloatArray = np.asarray(self.values.m_as(unit), dtype=np.float64)
        except pint.DimensionalityError as exc:
            raise UnitError(f"cannot express {unit_label(self.unit)} as {unit}: {exc}") from exc
        return result

    # ------------------------------------------------------------------ names
    def _area_key(self, area: str) -> str:
        """The code of ``area`` (a code or a name); unknown ones are named as the user gave them."""
        return area_key(self.areas, self.area_level, area)

    def _sector_key(self, sector: str) -> str:
        """The key of ``sector`` (a key, abbreviation or name) on this sector axis."""
        return sector_key(self.sectors, self.hierarchy, sector)

    def area_names(self, lang: str = "fi") -> dict[str, str]:
        """Area code -> name in ``lang`` (fi/sv/en); a group's name is its label.

        A code the reference list does not know keeps its code as its name.
        """
        return area_names(self.areas, self.area_level, lang)

    def sector_names(self, lang: str = "fi") -> dict[str, str]:
        """Sector key -> name in ``lang`` (fi/sv/en)."""
        return {key: self.hierarchy[key].name(lang) for key in self.sectors}

    # ------------------------------------------------------------------ selection
    def value(self, area: str, sector: str, year: int | str) -> pint.Quantity[Any]:
        """One value as a scalar Quantity (NaN magnitude when not estimated).

        Its magnitude is a Python ``float`` (``round(q.m, 1)``, ``f"{q.m:.1f}"`` work), also
        where pint-xarray has made pint's scalars 0-d arrays. ``area`` and ``sector`` are
        codes or names (fi/sv/en), ``year`` an int or its digits; an unknown one raises
        :class:`~canemure.errors.UnknownNameError` naming it as given, with suggestions.
        """
        i = self.areas.position(self._area_key(area))
        j = self.sectors.position(self._sector_key(sector))
        k = int(year_positions(self.years, [year])[0])
        scalar: pint.Quantity[Any] = object.__new__(type(self.values))
        scalar._magnitude = float(self.magnitude[i, j, k])  # a float, also under pint-xarray
        scalar._units = self.values._units
        return scalar

    def _selection(
        self,
        areas: Sequence[str] | str | None,
        sectors: Sequence[str] | str | None,
        years: Sequence[int | str] | int | str | range | None,
    ) -> tuple[FloatArray, dict[str, Any]]:
        """The selected values and the changed axes (``areas``, ``sectors``, ``years``).

        The usual request (codes and keys as held, years as ints) costs one dict look-up per
        label, one gather and the new axes; names, digits and unknown labels take the general
        path, which resolves names and raises with suggestions.
        """
        changes: dict[str, Any] = {}
        index: list[npt.NDArray[np.intp] | slice] = [slice(None)] * 3
        if areas is not None:
            index[0], changes["areas"] = self._pick(self.areas, labels_of(areas), self._area_key)
        if sectors is not None:
            index[1], changes["sectors"] = self._pick(
                self.sectors, labels_of(sectors), self._sector_key
            )
        if years is not None:
            index[2], changes["years"] = _year_part(self.years, labels_of(years))
        return take(self.values.magnitude, index), changes

    @staticmethod
    def _pick(
        axis: Axis[str], asked: list[Any], key: Callable[[str], str]
    ) -> tuple[npt.NDArray[np.intp] | slice, Axis[str]]:
        """Where the labels ``asked`` lie on ``axis`` (a slice for a run) and their new axis."""
        held = axis.index
        try:  # labels as held (the usual case): one dict look-up each, in C
            where = np.fromiter(map(held.__getitem__, asked), dtype=np.intp, count=len(asked))
            keys = asked
        except (KeyError, TypeError):  # names, or unknown labels (the error suggests)
            keys = [key(label) for label in asked]
            where = axis.positions(keys)
        part = as_slice(where)
        return part, _sub_axis(axis, part, keys)

    # ------------------------------------------------------------------ exports
    def _frame(self, *, wide: bool, names: bool, lang: str, pint: bool, purpose: str) -> Any:
        """The frame of :meth:`EmissionInventory.to_pandas` (its docstring says what it holds)."""
        pd = pandas_module(purpose)
        a, s, y = self.shape
        unit = cached_unit_text(self.unit)
        area_codes = np.repeat(np.arange(a), s if wide else s * y)
        sector_codes = np.tile(np.repeat(np.arange(s), 1 if wide else y), a)
        columns: dict[str | int, Any] = {
            "area": pd.Categorical.from_codes(area_codes, categories=pd.Index(self.areas.labels))
        }
        if names:  # names may repeat (leaf sectors differ only by their flags): own categories
            columns["area_name"] = _named(pd, self.area_names(lang).values(), area_codes)
        columns["sector"] = pd.Categorical.from_codes(
            sector_codes, categories=pd.Index(self.sectors.labels)
        )
        if names:
            columns["sector_name"] = _named(pd, self.sector_names(lang).values(), sector_codes)
        rows = a * s if wide else a * s * y
        units = pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), categories=[unit])
        if wide:
            if pint:
                raise ValueError("pint=True needs the long frame (wide=False)")
            columns["unit"] = units
            table = self.magnitude.reshape(a * s, y)
            for k, year in enumerate(self.years):
                columns[year] = table[:, k]
        else:
            columns["year"] = np.tile(np.array(self.years.labels, dtype=np.int64), a * s)
            columns["value"] = self.magnitude.ravel()
            if pint:
                columns["value"] = _pint_array(columns["value"], self.unit)
            columns["unit"] = units
        frame = pd.DataFrame(columns, copy=True)
        frame.attrs.update(unit=cached_unit_label(self.unit))
        return frame

    def _data_array(self, *, lang: str, name: str, purpose: str, **attributes: str) -> Any:
        """The DataArray of :meth:`EmissionInventory.to_xarray`, with ``attributes`` added."""
        xr = xarray_module(purpose)
        return xr.DataArray(
            self.magnitude.copy(),
            dims=("area", "sector", "year"),
            coords={
                "area": list(self.areas.labels),
                "sector": list(self.sectors.labels),
                "year": list(self.years.labels),
                "area_name": ("area", list(self.area_names(lang).values())),
                "sector_name": ("sector", list(self.sector_names(lang).values())),
            },
            name=name,
            attrs={"units": cached_unit_text(self.unit), **attributes},
        )

    def _describe(self, what: str) -> str:
        """``what: 13 municipalities x 1 level-0 sector x 21 years (1990-2024), unit``."""
        a, s, y = self.shape
        years = f"{self.years.labels[0]}-{self.years.labels[-1]}" if y else "no years"
        level = self.area_level
        areas = f"{a} {level if a == 1 else level.replace('ty', 'tie') + 's'}"
        sectors = f"{s} level-{self.sector_level} sector{'' if s == 1 else 's'}"
        label = cached_unit_label(self.unit) or "dimensionless"
        return f"{what}: {areas} x {sectors} x {y} year{'' if y == 1 else 's'} ({years}), {label}"


# ----------------------------------------------------------------------------- derived values
@attrs.frozen(eq=False, repr=False)
class LabelledValues(LabelledCube):
    """Values derived from an inventory (per resident, change, share) on its labelled axes.

    Select by codes or names like the inventory (``sel``, ``value``), export with
    ``to_pandas`` and ``to_xarray``, reach the arrays through ``values`` (the Quantity),
    ``magnitude`` and ``unit``. There are no aggregation methods: these are intensive values,
    which are derived again from summed parts, never summed.

    >>> from canemure.io.bundled import pohjois_karjala
    >>> per = pohjois_karjala().to_regions().total().per_resident()
    >>> per.what
    'emissions per resident'
    >>> print(f"{per.value('Pohjois-Karjala', 'total', 2024):.2f}")
    5.78 t CO2e/resident/a
    """

    values: pint.Quantity[Any]
    """One Quantity of a float64 array, shape ``(areas, sectors, years)``; NaN = not estimated."""
    areas: Axis[str] = attrs.field(converter=area_axis)
    """Area codes (or group labels)."""
    sectors: Axis[str] = attrs.field(converter=sector_axis)
    """Sector keys of the hierarchy, all at one level."""
    years: Axis[int] = attrs.field(converter=year_axis)
    """Calendar years, ascending."""
    what: str
    """What the values are, in words: ``"emissions per resident"``, ``"change since 2007"``."""
    name: str = "value"
    """A short identifier: the name of :meth:`to_xarray`'s DataArray (``"per_resident"``)."""
    area_level: AreaLevel = "municipality"
    """What the area axis holds."""
    hierarchy: SectorHierarchy = attrs.field(factory=sector_hierarchy)
    """The sector hierarchy the sector keys belong to."""
    rule: AccountingRule | None = None
    """The accounting rule of the inventory the values come from."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.values, pint.Quantity) or not isinstance(
            self.values.magnitude, np.ndarray
        ):
            raise UnitError("labelled values must be one pint Quantity of a numpy array")
        shape = (len(self.areas), len(self.sectors), len(self.years))
        if self.values.magnitude.shape != shape:
            raise ValueError(
                f"values have shape {self.values.magnitude.shape}, expected {shape} "
                "(areas x sectors x years)"
            )

    @classmethod
    def derived(
        cls, parent: LabelledCube, values: pint.Quantity[Any], what: str, name: str
    ) -> LabelledValues:
        """Values on ``parent``'s axes (shared, not re-validated): the derived results' path."""
        new: LabelledValues = object.__new__(cls)
        set_field = object.__setattr__
        set_field(new, "values", values)
        set_field(new, "areas", parent.areas)
        set_field(new, "sectors", parent.sectors)
        set_field(new, "years", parent.years)
        set_field(new, "what", what)
        set_field(new, "name", name)
        set_field(new, "area_level", parent.area_level)
        set_field(new, "hierarchy", parent.hierarchy)
        set_field(new, "rule", getattr(parent, "rule", None))
        return new

    def _with(self, values: FloatArray, **axes: Axis[Any]) -> LabelledValues:
        new = LabelledValues.derived(self, wrap(values, self.values), self.what, self.name)
        for field, axis in axes.items():
            object.__setattr__(new, field, axis)
        return new

    def to(self, unit: str | pint.Unit) -> LabelledValues:
        """The same values in another (compatible) unit."""
        try:
            converted = self.values.to(unit)
        except pint.DimensionalityError as exc:
            raise UnitError(f"cannot convert {unit_label(self.unit)} to {unit}: {exc}") from exc
        return LabelledValues.derived(self, converted, self.what, self.name)

    def sel(
        self,
        *,
        areas: Sequence[str] | str | None = None,
        sectors: Sequence[str] | str | None = None,
        years: Sequence[int | str] | int | str | range | None = None,
    ) -> LabelledValues:
        """Select by labels, as :meth:`EmissionInventory.sel` does (codes or names, years).

        Every requested label must exist; an unknown one raises an error naming it as given,
        with suggestions.
        """
        values, axes = self._selection(areas, sectors, years)
        return self._with(values, **axes)

    def to_pandas(
        self, *, wide: bool = False, names: bool = False, lang: str = "fi", pint: bool = False
    ) -> Any:
        """A ``pandas.DataFrame``, laid out as :meth:`EmissionInventory.to_pandas`.

        ``attrs`` holds the unit, what the values are and the rule.
        """
        frame = self._frame(
            wide=wide, names=names, lang=lang, pint=pint, purpose="LabelledValues.to_pandas()"
        )
        frame.attrs.update(what=self.what)
        if self.rule is not None:
            frame.attrs.update(rule=self.rule.id)
        return frame

    def to_xarray(self, *, lang: str = "fi", name: str | None = None) -> Any:
        """An ``xarray.DataArray`` named :attr:`name`, laid out as the inventory's.

        ``attrs["units"]`` is canemure's unit text, which pint-xarray reads in canemure's
        registry; ``attrs["long_name"]`` says what the values are.
        """
        extra = {"long_name": self.what}
        if self.rule is not None:
            extra["rule"] = self.rule.id
        return self._data_array(
            lang=lang, name=name or self.name, purpose="LabelledValues.to_xarray()", **extra
        )

    def __repr__(self) -> str:
        head = f"<LabelledValues {self._describe(self.what)}>"
        a, s, y = self.shape
        if a * s > 6 or y == 0:
            return head
        shown = self.years.labels[-4:]
        width = max(len(f"{area} {sector}") for area in self.areas for sector in self.sectors)
        lines = [head, " " * (width + 2) + "".join(f"{year:>10}" for year in shown)]
        for i, area in enumerate(self.areas):
            for j, sector in enumerate(self.sectors):
                cells = self.magnitude[i, j, y - len(shown) :].tolist()
                text = "".join("       nan" if v != v else f"{v:>10.4g}" for v in cells)  # noqa: PLR0124
                lines.append(f"  {f'{area} {sector}':<{width}}{text}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- any dimensions
_DIM_OF = {"areas": "area", "sectors": "sector", "years": "year", "measures": "measure"}
_DIM_OF |= {"variants": "variant"}


@attrs.frozen(eq=False, repr=False)
class LabelledArray:
    """A Quantity with named dimensions and labels: what the engine's results return.

    Like an ``xarray.DataArray`` with units: ``dims`` names the axes (``"measure"``,
    ``"area"``, ``"sector"``, ``"year"``, ``"variant"``), ``coords`` holds their labels.
    ``sel(year=2030, measure="Tuulivoima")`` and ``value(...)`` take labels (areas and
    sectors also by their names in fi/sv/en, years also as digits; the plural keywords of the
    inventory's ``sel`` work too); ``to_pandas()`` and ``to_xarray()`` export them;
    ``values`` (the Quantity), ``magnitude`` and ``unit`` reach the array.
    """

    values: pint.Quantity[Any]
    """One Quantity of a numpy array whose axes are :attr:`dims`."""
    dims: tuple[str, ...]
    """The dimension names, in axis order."""
    coords: dict[str, Axis[Any]]
    """Labels per dimension (``Axis`` objects)."""
    what: str = "value"
    """What the values are, in words (the name of :meth:`to_xarray`'s DataArray)."""
    area_level: AreaLevel = "municipality"
    """What the ``area`` labels are (municipality or region codes, or group labels)."""
    hierarchy: SectorHierarchy = attrs.field(factory=sector_hierarchy)
    """The hierarchy the ``sector`` labels belong to."""

    def __attrs_post_init__(self) -> None:
        magnitude = getattr(self.values, "magnitude", None)
        if not isinstance(self.values, pint.Quantity) or not isinstance(magnitude, np.ndarray):
            raise UnitError("labelled arrays are one pint Quantity of a numpy array")
        shape = tuple(len(self.coords[d]) for d in self.dims)
        if magnitude.shape != shape:
            raise ValueError(f"values have shape {magnitude.shape}, expected {shape} {self.dims}")

    @classmethod
    def of(
        cls,
        values: pint.Quantity[Any],
        coords: Sequence[tuple[str, Iterable[Any]]],
        what: str,
        *,
        area_level: AreaLevel | None = None,
    ) -> LabelledArray:
        """``values`` labelled by ``[(dim, labels), ...]`` in axis order.

        ``area_level`` defaults from the area codes: 3 digits municipalities, 2 regions,
        anything else groups.
        """
        axes = {
            dim: labels if isinstance(labels, Axis) else Axis(dim, labels) for dim, labels in coords
        }
        if area_level is None:
            codes = axes["area"].labels if "area" in axes else ()
            digits = {len(c) if str(c).isdigit() else 0 for c in codes}
            area_level = "municipality" if digits == {3} else "region" if digits == {2} else "group"
        values = (
            values
            if isinstance(values.magnitude, np.ndarray)
            else Q_(np.asarray(values.magnitude), values.units)
        )
        dims: tuple[str, ...] = tuple(dim for dim, _ in coords)
        return cls(values, dims, axes, what, area_level)

    # ------------------------------------------------------------------ arrays
    @property
    def unit(self) -> pint.Unit:
        """The unit of the values."""
        unit: pint.Unit = self.values.units  # type: ignore[assignment]
        return unit

    @property
    def magnitude(self) -> npt.NDArray[Any]:
        """The bare array in :attr:`unit` (do not modify)."""
        result: npt.NDArray[Any] = self.values.magnitude
        return result

    @property
    def shape(self) -> tuple[int, ...]:
        """Lengths of the dimensions."""
        return tuple(self.magnitude.shape)

    def m_as(self, unit: str | pint.Unit) -> npt.NDArray[Any]:
        """The bare array in ``unit``."""
        try:
            return np.asarray(self.values.m_as(unit))
        except pint.DimensionalityError as exc:
            raise UnitError(f"cannot express {unit_label(self.unit)} as {unit}: {exc}") from exc

    # ------------------------------------------------------------------ labels
    def _dim(self, keyword: str) -> str:
        dim = _DIM_OF.get(keyword, keyword)
        if dim not in self.dims:
            raise UnknownNameError(
                f"dimension (this array has {', '.join(self.dims)})",
                keyword,
                suggest(keyword, list(self.dims)),
            )
        return dim

    def _positions(self, dim: str, labels: Sequence[Any]) -> npt.NDArray[np.intp]:
        axis = self.coords[dim]
        if dim == "year":
            return year_positions(axis, labels)
        if dim == "area":
            return axis.positions([area_key(axis, self.area_level, a) for a in labels])
        if dim == "sector":
            return axis.positions([sector_key(axis, self.hierarchy, s) for s in labels])
        index = axis.index
        for label in labels:
            if label not in index:
                raise UnknownNameError(
                    f"{dim} (not in this result)", str(label), suggest(str(label), map(str, axis))
                )
        return axis.positions(labels)

    def sel(self, **labels: Any) -> LabelledArray:
        """Select by labels per dimension: ``sel(year=2030)``, ``sel(areas=["Joensuu"])``.

        One label keeps its dimension (length 1), as in the inventory's ``sel``.
        """
        values = self.magnitude
        coords = dict(self.coords)
        for keyword, chosen in labels.items():
            dim = self._dim(keyword)
            axis_no = self.dims.index(dim)
            positions = self._positions(dim, labels_of(chosen))
            values = np.take(values, positions, axis=axis_no)
            held = self.coords[dim].labels
            coords[dim] = Axis(dim, [held[k] for k in positions.tolist()])
        return attrs.evolve(
            self, values=wrap(np.ascontiguousarray(values), self.values), coords=coords
        )

    def value(self, **labels: Any) -> pint.Quantity[Any]:
        """One value (a float magnitude) at one label of every dimension."""
        missing = [d for d in self.dims if d not in {_DIM_OF.get(k, k) for k in labels}]
        if missing:
            raise ValueError(f"value() needs a label for every dimension; missing {missing}")
        index = tuple(
            int(self._positions(d, [labels[k]])[0])
            for d in self.dims
            for k in labels
            if _DIM_OF.get(k, k) == d
        )
        scalar: pint.Quantity[Any] = object.__new__(type(self.values))
        scalar._magnitude = float(self.magnitude[index])
        scalar._units = self.values._units
        return scalar

    # ------------------------------------------------------------------ exports
    def to_pandas(self, *, wide: bool = False) -> Any:
        """A ``pandas.DataFrame``: one column per dimension, ``value`` and ``unit``.

        ``wide=True`` puts the last dimension (usually ``year``) in the columns.
        """
        pd = pandas_module("LabelledArray.to_pandas()")
        unit = cached_unit_text(self.unit)
        dims = self.dims[:-1] if wide else self.dims
        shape = self.shape[: len(dims)]
        rows = int(np.prod(shape)) if dims else 1
        columns: dict[Any, Any] = {}
        for axis_no, dim in enumerate(dims):
            codes = np.indices(shape).reshape(len(dims), -1)[axis_no] if dims else np.zeros(1)
            columns[dim] = pd.Categorical.from_codes(
                codes, categories=pd.Index(self.coords[dim].labels)
            )
        if wide:
            table = self.magnitude.reshape(rows, self.shape[-1])
            for k, label in enumerate(self.coords[self.dims[-1]]):
                columns[label] = table[:, k]
        else:
            columns["value"] = self.magnitude.ravel()
        columns["unit"] = pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), [unit])
        frame = pd.DataFrame(columns, copy=True)
        frame.attrs.update(unit=cached_unit_label(self.unit), what=self.what)
        return frame

    def to_xarray(self, *, name: str | None = None) -> Any:
        """An ``xarray.DataArray`` (pint-xarray reads its ``units`` in canemure's registry)."""
        xr = xarray_module("LabelledArray.to_xarray()")
        return xr.DataArray(
            np.array(self.magnitude),
            dims=self.dims,
            coords={dim: list(self.coords[dim].labels) for dim in self.dims},
            name=name or self.what.replace(" ", "_"),
            attrs={"units": cached_unit_text(self.unit), "long_name": self.what},
        )

    def __repr__(self) -> str:
        shape = " x ".join(
            f"{len(self.coords[d])} {d}{'' if len(self.coords[d]) == 1 else 's'}" for d in self.dims
        )
        label = cached_unit_label(self.unit) or "dimensionless"
        head = f"<LabelledArray {self.what}: {shape or 'scalar'}, {label}>"
        if self.magnitude.size > 24 or self.magnitude.ndim > 2 or not self.magnitude.size:
            return head
        table = self.magnitude.reshape(self.shape[0] if self.dims else 1, -1)
        rows = [str(x) for x in self.coords[self.dims[0]]] if self.dims else [""]
        columns = [str(x) for x in self.coords[self.dims[1]]] if len(self.dims) > 1 else [""]
        width = max(len(r) for r in rows)
        lines = [head]
        if len(self.dims) > 1:
            lines.append(" " * (width + 2) + "".join(f"{c:>10}" for c in columns))
        for r, cells in zip(rows, table.tolist(), strict=True):
            text = "".join("       nan" if v != v else f"{v:>10.4g}" for v in cells)  # noqa: PLR0124
            lines.append(f"  {r:<{width}}{text}")
        return "\n".join(lines)
