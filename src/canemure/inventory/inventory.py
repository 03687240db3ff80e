"""The emission inventory: a labelled ``area x sector x year`` array with a unit.

Design notes
------------
* The values are **one** pint Quantity wrapping one float64 numpy array. Every operation strips
  the unit once at the edge of its numpy kernel and re-attaches it once, so the unit-aware API
  costs little more than raw numpy (``benchmarks/`` measures the ratio).
* **"Not estimated" is NaN** and is never the same as zero: it propagates through every sum, so
  a regional total with a missing municipality, or a sector total with a missing sub-sector, is
  itself "not estimated" instead of quietly under-reporting. :meth:`EmissionInventory.coverage`
  says where the gaps are; renderers print "not estimated".
* All sectors on the sector axis are at the **same level** of the ALas hierarchy (a leaf-level
  inventory from SYKE's open data, or the 13 level-3 sectors of SYKE's Excel export).
  Aggregation goes up the hierarchy; it never mixes levels, so nothing is counted twice.
* Extensive quantities (emissions, population) are summed. Intensive ones (per resident, change,
  shares) are *derived* from summed parts by methods, never stored and never summed.
* Every inventory states the :class:`~canemure.sectors.AccountingRule` it follows and the
  :class:`~canemure.inventory.Source` of each area's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure._text import suggest
from canemure.errors import MissingDependencyError, UnitError, UnknownNameError
from canemure.inventory._plans import (
    area_plan,
    as_slice,
    group_sources,
    region_groups,
    sector_groups,
    sector_levels,
)
from canemure.inventory.axes import Axis
from canemure.inventory.population import Population
from canemure.inventory.provenance import Source
from canemure.sectors.hierarchy import SectorHierarchy, sector_hierarchy
from canemure.sectors.rules import AccountingRule
from canemure.units import Q_, unit_label, unit_text

if TYPE_CHECKING:
    from canemure.inventory.coverage import Coverage
    from canemure.inventory.records import EmissionRecord

__all__ = ["AreaLevel", "EmissionInventory"]

AreaLevel = Literal["municipality", "region", "group"]
"""What the area axis holds: municipality codes, region codes, or caller-defined groups."""

FloatArray = npt.NDArray[np.float64]

_SLICE_SUM_BYTES = 16 << 20
"""Up to this size, sector groups are summed slice by slice (faster while the array is in
cache, measured in ``benchmarks/bench_inventory.py``); larger arrays in one ``reduceat``."""


def _area_axis(labels: Iterable[str] | Axis[str]) -> Axis[str]:
    return labels if isinstance(labels, Axis) else Axis("area", labels)


def _sector_axis(labels: Iterable[str] | Axis[str]) -> Axis[str]:
    return labels if isinstance(labels, Axis) else Axis("sector", labels)


def _year_axis(labels: Iterable[int] | Axis[int]) -> Axis[int]:
    return labels if isinstance(labels, Axis) else Axis("year", [int(y) for y in labels])


def _check_values(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, pint.Quantity):
        raise UnitError(f"inventory values must be a pint Quantity, got {type(value).__name__}")
    if not isinstance(value.magnitude, np.ndarray) or value.magnitude.ndim != 3:
        raise TypeError("inventory values must wrap one 3-d numpy array (area x sector x year)")
    if value.magnitude.dtype != np.float64:
        raise TypeError(f"inventory values must be float64, got {value.magnitude.dtype}")


def _take(values: FloatArray, index: list[npt.NDArray[np.intp] | slice]) -> FloatArray:
    """``values[index]`` as a new C-contiguous array, gathering once where numpy can."""
    gathers = [axis for axis, part in enumerate(index) if not isinstance(part, slice)]
    for axis in gathers[1:]:  # numpy would broadcast several index arrays together
        part = index[axis]
        assert not isinstance(part, slice)
        values = np.take(values, part, axis=axis)
        index[axis] = slice(None)
    if not gathers:  # a view: copy it, a selection never shares memory with its parent
        return np.array(values[tuple(index)], order="C")
    return np.ascontiguousarray(values[tuple(index)])  # one gather (with slices): one copy


def _where(labels: Axis[Any], into: Sequence[Any]) -> slice | npt.NDArray[np.intp]:
    """Positions of ``labels`` in the list ``into``: a slice when contiguous (a view, no gather)."""
    if not len(labels):
        return slice(0, 0)
    first = into.index(labels.labels[0])  # one scan; the rest are dict look-ups
    stop = first + len(labels)
    if tuple(into[first:stop]) == labels.labels:
        return slice(first, stop)
    index = {label: i for i, label in enumerate(into)}
    return np.fromiter((index[x] for x in labels), dtype=np.intp, count=len(labels))


def _place(
    out: FloatArray,
    values: FloatArray,
    layout: tuple[EmissionInventory, Sequence[str], Sequence[str], Sequence[int]],
    *,
    only_estimated: bool,
) -> None:
    """Write ``values`` (on the axes of ``layout[0]``) into ``out`` (on the other three axes)."""
    inventory, areas, sectors, years = layout
    where = (
        _where(inventory.areas, areas),
        _where(inventory.sectors, sectors),
        _where(inventory.years, years),
    )
    if all(isinstance(w, slice) for w in where):  # a block of out: write through a view
        view = out[where]
        if only_estimated:
            np.copyto(view, values, where=~np.isnan(values))
        else:
            view[...] = values
        return
    index = np.ix_(*(np.arange(w.start, w.stop) if isinstance(w, slice) else w for w in where))
    if only_estimated:
        values = np.where(np.isnan(values), out[index], values)
    out[index] = values


def _labels(value: Any) -> list[Any]:
    """A list of labels; one label (a string or an integer) is a list of one."""
    if isinstance(value, str | int | np.integer):
        return [value]
    return list(value)


def _lang_of(found: Any, text: str) -> str:
    """The language of the name ``text`` of ``found`` (a region or municipality)."""
    from canemure._text import fold

    return next(
        (lang for lang in ("fi", "sv", "en") if fold(found.names[lang]) == fold(text)), "fi"
    )


def _year_key(year: object) -> int:
    """A year as an int: an int or a string of digits; anything else is refused by name."""
    if isinstance(year, int | np.integer) and not isinstance(year, bool):
        return int(year)
    if isinstance(year, str) and year.strip().isdigit():
        return int(year.strip())
    raise UnknownNameError("year (a year is a whole number like 2024)", str(year))


def _pandas(purpose: str) -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", purpose) from None
    return pd


def _xarray(purpose: str) -> Any:
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
def _unit_label(unit: pint.Unit) -> str:
    return unit_label(unit)


@lru_cache(maxsize=64)
def _unit_text(unit: pint.Unit) -> str:
    return unit_text(unit)  # parses the label back: worth keeping for the next export


@lru_cache(maxsize=64)
def _per_resident_factor(unit: pint.Unit, target: str) -> tuple[float, pint.Unit]:
    """The factor from ``unit`` per resident to ``target``, and ``target`` parsed."""
    per_resident = Q_(1.0, unit) / Q_(1.0, "resident")
    try:
        converted = per_resident.to(target)
    except pint.DimensionalityError as exc:
        raise UnitError(f"cannot express {per_resident.units} per resident as {target}") from exc
    converted_unit: pint.Unit = converted.units
    return float(converted.magnitude), converted_unit


@attrs.frozen(eq=False)
class EmissionInventory:
    """Emissions (or energy use) per area, sector and year, with unit, rule and provenance."""

    values: pint.Quantity[Any] = attrs.field(validator=_check_values)
    """One Quantity of a float64 array, shape ``(areas, sectors, years)``; NaN = not estimated."""
    areas: Axis[str] = attrs.field(converter=_area_axis)
    """Area codes (3-digit municipality codes, 2-digit region codes, or group names)."""
    sectors: Axis[str] = attrs.field(converter=_sector_axis)
    """Sector keys of the ALas hierarchy, all at the same level."""
    years: Axis[int] = attrs.field(converter=_year_axis)
    """Calendar years, ascending."""
    rule: AccountingRule
    """The accounting rule the figures follow."""
    sources: Mapping[str, tuple[Source, ...]] = attrs.field(factory=dict)
    """For each area, the sources of its figures."""
    population: Population | None = None
    """Residents per area and year, for per-resident values (optional)."""
    area_level: AreaLevel = "municipality"
    """What the area axis holds."""
    hierarchy: SectorHierarchy = attrs.field(factory=sector_hierarchy, repr=False)
    """The sector hierarchy the sector keys belong to."""

    def __attrs_post_init__(self) -> None:
        shape = (len(self.areas), len(self.sectors), len(self.years))
        if self.values.magnitude.shape != shape:
            raise ValueError(
                f"inventory values have shape {self.values.magnitude.shape}, expected {shape} "
                "(areas x sectors x years)"
            )
        levels = sector_levels(self.hierarchy, self.sectors.labels)
        if len(levels) > 1:
            raise ValueError(
                f"all sectors of an inventory must be at one hierarchy level, got levels "
                f"{sorted(levels)}"
            )
        if list(self.years) != sorted(self.years):
            raise ValueError(f"years must be ascending, got {list(self.years)}")

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_array(
        cls,
        array: npt.ArrayLike,
        unit: str | pint.Unit,
        *,
        areas: Iterable[str],
        sectors: Iterable[str],
        years: Iterable[int],
        rule: AccountingRule,
        source: Source | None = None,
        population: Population | None = None,
        area_level: AreaLevel = "municipality",
    ) -> EmissionInventory:
        """Build an inventory from a plain array and a unit; one source for every area."""
        areas = tuple(areas)
        values = Q_(np.array(array, dtype=np.float64), unit)
        # one tuple for every area: aggregations dedupe sources by identity
        sources = dict.fromkeys(areas, (source,)) if source is not None else {}
        return cls(
            values, areas, tuple(sectors), tuple(years), rule, sources, population, area_level
        )

    def _replace(self, values: FloatArray, **changes: Any) -> EmissionInventory:
        """A derived inventory: ``values`` (float64, in this unit) and the changed fields.

        Skips what the derivation cannot break (the unit, the rule, the hierarchy, one sector
        level) instead of re-validating everything as ``attrs.evolve`` would; that fixed cost
        is most of an aggregation of a small inventory. The shape, the changed axes (unique
        labels) and ascending years are still checked.
        """
        new: EmissionInventory = object.__new__(EmissionInventory)
        fields = {name: getattr(self, name) for name in _FIELDS}
        fields.update(changes)
        fields["values"] = Q_(values, self.values.units)
        if "areas" in changes:
            fields["areas"] = _area_axis(changes["areas"])
        if "sectors" in changes:
            fields["sectors"] = _sector_axis(changes["sectors"])
        if "years" in changes:
            fields["years"] = years = _year_axis(changes["years"])
            if list(years) != sorted(years):
                raise ValueError(f"years must be ascending, got {list(years)}")
        for name, value in fields.items():
            object.__setattr__(new, name, value)
        shape = (len(new.areas), len(new.sectors), len(new.years))
        if values.shape != shape:
            raise ValueError(f"inventory values have shape {values.shape}, expected {shape}")
        return new

    # ------------------------------------------------------------------ basic properties
    @property
    def unit(self) -> pint.Unit:
        """The unit of the values."""
        unit: pint.Unit = self.values.units  # type: ignore[assignment]
        return unit

    @property
    def sector_level(self) -> int:
        """The hierarchy level of the sector axis (0 = total ... 5, 6 = leaves)."""
        return self.hierarchy[self.sectors.labels[0]].level if len(self.sectors) else 0

    @property
    def shape(self) -> tuple[int, int, int]:
        """``(areas, sectors, years)``."""
        a, s, y = self.values.magnitude.shape
        return (a, s, y)

    @property
    def magnitude(self) -> FloatArray:
        """The raw values in :attr:`unit` (a view; do not modify)."""
        result: FloatArray = self.values.magnitude
        return result

    @property
    def estimated(self) -> npt.NDArray[np.bool_]:
        """Boolean mask: ``True`` where a value is estimated, ``False`` where not estimated."""
        return ~np.isnan(self.magnitude)

    def to(self, unit: str | pint.Unit) -> EmissionInventory:
        """The same inventory in another (compatible) unit."""
        try:
            converted = self.values.to(unit)
        except pint.DimensionalityError as exc:
            raise UnitError(f"cannot convert inventory in {self.unit} to {unit}: {exc}") from exc
        return attrs.evolve(self, values=converted)

    def value(self, area: str, sector: str, year: int | str) -> pint.Quantity[Any]:
        """One value as a scalar Quantity (NaN magnitude when not estimated).

        ``area`` and ``sector`` are codes or names (fi/sv/en), ``year`` an int or its digits.
        """
        i = self.areas.position(self._area_key(area))
        j = self.sectors.position(self._sector_key(sector))
        k = self.years.position(_year_key(year))
        return Q_(float(self.magnitude[i, j, k]), self.unit)

    # ------------------------------------------------------------------ selection
    def _area_key(self, area: str) -> str:
        """The code of ``area`` (a code or a name); unknown ones are named as the user gave them."""
        if area in self.areas:
            return area
        text = str(area)
        if self.area_level == "group":
            return text  # a group is known by the name it was given: the axis says if it is not
        from canemure.geography import gazetteer

        gaz = gazetteer()
        found = gaz.region(text) if self.area_level == "region" else gaz.municipality(text)
        if found.code not in self.areas:
            shown = text if text == found.code else f"{text} ({found.code})"
            raise UnknownNameError(
                f"{self.area_level} (not in this inventory)",
                shown,
                suggest(text, list(self.areas))
                if text.isdigit()
                else suggest(text, [n for n in self.area_names(_lang_of(found, text)).values()]),
            )
        return found.code

    def _sector_key(self, sector: str) -> str:
        """The key of ``sector`` (a key, abbreviation or name) on this inventory's sector axis."""
        if sector in self.sectors:
            return sector
        found = self.hierarchy.find(str(sector), self.sector_level)
        if found.key not in self.sectors:
            held = [n for key in self.sectors for n in self.hierarchy[key].names.all()]
            raise UnknownNameError(
                "sector (not in this inventory)",
                sector if sector == found.key else f"{sector} ({found.key})",
                suggest(str(sector), held),
            )
        return found.key

    def area_names(self, lang: str = "fi") -> dict[str, str]:
        """Area code -> name in ``lang`` (fi/sv/en); a group's name is its label.

        A code the reference list does not know keeps its code as its name.
        """
        if self.area_level == "group":
            return {a: a for a in self.areas}
        from canemure.geography import gazetteer

        gaz = gazetteer()
        look_up = gaz.region if self.area_level == "region" else gaz.municipality
        names: dict[str, str] = {}
        for code in self.areas:
            try:
                names[code] = look_up(code).names[lang]
            except UnknownNameError:
                names[code] = code
        return names

    def sector_names(self, lang: str = "fi") -> dict[str, str]:
        """Sector key -> name in ``lang`` (fi/sv/en)."""
        return {key: self.hierarchy[key].name(lang) for key in self.sectors}

    def sel(
        self,
        *,
        areas: Sequence[str] | str | None = None,
        region: str | None = None,
        sectors: Sequence[str] | str | None = None,
        years: Sequence[int | str] | int | str | range | None = None,
    ) -> EmissionInventory:
        """Select by labels: area codes or names, a region, sector keys or names, years.

        One label may be given where a list is expected (``years=2024``, ``years="2024"``,
        ``areas="Tampere"``): it is taken as one label, never as a sequence of characters.
        Every requested label must exist; an unknown one raises an error with suggestions (a
        selection never silently drops a label). ``region`` (code or name) selects the
        municipalities of that region that the inventory holds; which ones it lacks shows in
        :meth:`to_regions`, whose regional figures are then not estimated.
        """
        changes: dict[str, Any] = {}
        index: list[npt.NDArray[np.intp] | slice] = [slice(None)] * 3
        if region is not None:
            if areas is not None:
                raise ValueError("give either areas or region, not both")
            if self.area_level != "municipality":
                raise ValueError(f"region selection needs municipalities, not {self.area_level}s")
            from canemure.geography import gazetteer

            members = {m.code for m in gazetteer().municipalities_of(region)}
            areas = [a for a in self.areas if a in members]
            if not areas:
                raise ValueError(f"this inventory holds no municipality of region {region!r}")
        if areas is not None:
            asked = _labels(areas)
            held = self.areas.index
            try:  # codes as held (the usual case): one dict look-up each
                rows = np.fromiter(map(held.__getitem__, asked), dtype=np.intp, count=len(asked))
                keys = asked
            except KeyError:  # names, or unknown codes (the error suggests)
                keys = [self._area_key(a) for a in asked]
                rows = self.areas.positions(keys)
            index[0] = as_slice(rows)
            changes["areas"] = keys
            held_sources = self.sources
            found = map(held_sources.__getitem__, keys)
            try:
                changes["sources"] = dict(zip(keys, found, strict=True))
            except KeyError:  # some areas have no source
                changes["sources"] = {a: held_sources[a] for a in keys if a in held_sources}
        if sectors is not None:
            keys = [self._sector_key(s) for s in _labels(sectors)]
            index[1] = as_slice(self.sectors.positions(keys))
            changes["sectors"] = keys
        if years is not None:
            chosen_years = [_year_key(y) for y in _labels(years)]
            index[2] = as_slice(self.years.positions(chosen_years))
            changes["years"] = chosen_years
        return self._replace(_take(self.magnitude, index), **changes)

    # ------------------------------------------------------------------ aggregation
    def aggregate_sectors(self, level: int) -> EmissionInventory:
        """Sum sectors up the hierarchy to ``level`` (0 = total, 1-5, or 6 for leaves).

        A parent is "not estimated" as soon as one of its children in the inventory is. Only the
        children present on the sector axis are summed: an inventory restricted by a rule sums
        the leaves the rule counts.
        """
        current = self.sector_level
        if level == current:
            return self
        if level > current:
            raise ValueError(
                f"cannot disaggregate sectors from level {current} to level {level}; "
                "finer data is needed"
            )
        groups = sector_groups(self.hierarchy, self.sectors.labels, level)
        values = self.magnitude
        if len(groups.parents) == 1:  # one parent (e.g. the total): a plain sum is ~2x faster
            return self._replace(values.sum(axis=1, keepdims=True), sectors=groups.parents)
        if groups.permutation is not None:
            values = values[:, groups.permutation]
        if values.nbytes > _SLICE_SUM_BYTES:
            summed = np.add.reduceat(values, groups.starts, axis=1)
        else:  # each group a contiguous block of the sector axis: sum it as a view
            summed = np.empty((values.shape[0], len(groups.parents), values.shape[2]))
            bounds = [*groups.starts.tolist(), values.shape[1]]
            for g in range(len(groups.parents)):
                values[:, bounds[g] : bounds[g + 1]].sum(axis=1, out=summed[:, g])
        return self._replace(summed, sectors=groups.parents)

    def total(self) -> EmissionInventory:
        """Sum of all sectors (sector axis ``("total",)``)."""
        return self.aggregate_sectors(0)

    def aggregate_areas(
        self, groups: Mapping[str, Iterable[str]], *, area_level: AreaLevel = "group"
    ) -> EmissionInventory:
        """Sum areas into groups ``{group: member areas}``.

        A member that is not in the inventory makes the group "not estimated" (NaN) for every
        sector and year: a total must not quietly under-report. :meth:`coverage` names the gap.
        A member listed twice in one group is an error (it would be counted twice).
        """
        members_of = tuple((name, tuple(group)) for name, group in groups.items())
        return self._aggregate_planned(members_of, area_level)

    def _aggregate_planned(
        self, members_of: tuple[tuple[str, tuple[str, ...]], ...], area_level: AreaLevel
    ) -> EmissionInventory:
        plan = area_plan(self.areas.labels, members_of)
        sources = group_sources(self.sources, members_of, plan.present)
        out = plan.sum(self.magnitude)
        population = self.population
        if population is not None:
            population = population.aggregate_planned(members_of)
        return self._replace(
            out,
            areas=[name for name, _ in members_of],
            sources=sources,
            population=population,
            area_level=area_level,
        )

    def to_regions(self, regions: Iterable[str] | None = None) -> EmissionInventory:
        """Sum municipalities into their regions (all municipalities of the reference list).

        ``regions`` limits the result to some regions (codes or names); by default every region
        with at least one municipality in the inventory. A region with a municipality missing
        from the inventory is "not estimated".
        """
        from canemure.geography import gazetteer

        if self.area_level != "municipality":
            raise ValueError(
                f"to_regions() needs municipalities, this inventory holds {self.area_level}s"
            )
        if regions is None:  # cached per area axis, in the form the area plans are cached by
            return self._aggregate_planned(region_groups(self.areas.labels), "region")
        gaz = gazetteer()
        chosen = [gaz.region(r) for r in regions]
        groups = {r.code: gaz.municipality_codes(r) for r in chosen}
        return self.aggregate_areas(groups, area_level="region")

    # ------------------------------------------------------------------ derived quantities
    def per_resident(self, unit: str = "t CO2e / resident / a") -> pint.Quantity[Any]:
        """Values divided by the population of the same area and year.

        Computed from the inventory's (summed) values and (summed) population, never by summing
        per-resident values. Missing population gives NaN ("not estimated").
        """
        if self.population is None:
            raise ValueError("this inventory has no population; attach one with with_population()")
        factor, target = _per_resident_factor(self.unit, unit)
        residents = self.population.magnitude_at(self.areas.labels, self.years.labels)
        scale = factor / residents  # one pass over the (small) population, one over the values
        return Q_(self.magnitude * scale[:, None, :], target)

    def with_population(self, population: Population) -> EmissionInventory:
        """The same inventory with ``population`` attached."""
        return attrs.evolve(self, population=population)

    def change(self, base_year: int) -> pint.Quantity[Any]:
        """Relative change against ``base_year``, in percent, for every cell.

        NaN where either year is not estimated or the base value is zero.
        """
        values = self.magnitude
        base = values[:, :, self.years.position(base_year)][:, :, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            relative = np.where(base != 0, (values - base) / base, np.nan)
        return Q_(relative * 100.0, "percent")

    def shares(self) -> pint.Quantity[Any]:
        """Each sector's share of its area's total of the same year, in percent."""
        values = self.magnitude
        totals = values.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(totals != 0, values / totals, np.nan)
        return Q_(share * 100.0, "percent")

    # ------------------------------------------------------------------ combining
    def merge(self, other: EmissionInventory) -> EmissionInventory:
        """Combine with ``other``; where ``other`` has an estimated value it wins.

        Both must follow the same rule at the same sector level and have compatible units.
        Sources are kept per area, so a report can say which source each figure came from.
        """
        if other.rule != self.rule:
            raise ValueError(f"cannot merge rule {other.rule.id!r} into rule {self.rule.id!r}")
        if other.sector_level != self.sector_level:
            other = other.aggregate_sectors(min(self.sector_level, other.sector_level))
            base = self.aggregate_sectors(other.sector_level)
            return base.merge(other)
        other_values = other.values.m_as(self.unit)
        areas = list(dict.fromkeys([*self.areas, *other.areas]))
        sectors = list(dict.fromkeys([*self.sectors, *other.sectors]))
        years = sorted(set(self.years) | set(other.years))
        if (
            other.sectors == self.sectors
            and other.years == self.years
            and self.areas.index.keys().isdisjoint(other.areas.labels)
        ):  # new areas on the same sectors and years (the adapters' pattern): one copy
            out = np.concatenate((self.magnitude, other_values))
        else:
            out = np.full((len(areas), len(sectors), len(years)), np.nan)
            # self's cells land on empty (NaN) cells: copy them; other's win where estimated
            _place(out, self.magnitude, (self, areas, sectors, years), only_estimated=False)
            _place(out, other_values, (other, areas, sectors, years), only_estimated=True)
        sources = dict(self.sources)
        for area, found in other.sources.items():
            sources[area] = tuple(dict.fromkeys([*found, *sources.get(area, ())]))
        population = self.population
        if other.population is not None:
            population = (
                other.population if population is None else population.merge(other.population)
            )
        return self._replace(
            out, areas=areas, sectors=sectors, years=years, sources=sources, population=population
        )

    @classmethod
    def concat(cls, parts: Sequence[EmissionInventory]) -> EmissionInventory:
        """Stack inventories of disjoint areas into one, in linear time.

        Every part must follow the same rule and have the same sectors, years and area level,
        in compatible units (the result is in the first part's unit); no area may appear in two
        parts. Unlike :meth:`merge`, nothing is combined cell by cell: each area keeps exactly
        the figures and sources of the one part it comes from. Populations are stacked too (an
        area whose part has none is NaN, "not known").
        """
        if not parts:
            raise ValueError("concat needs at least one inventory")
        first = parts[0]
        seen: set[str] = set()
        clashes: list[str] = []
        for part in parts:
            if part.rule != first.rule:
                raise ValueError(f"cannot concat rule {part.rule.id!r} with rule {first.rule.id!r}")
            if part.sectors.labels != first.sectors.labels:
                raise ValueError("cannot concat inventories with different sectors")
            if part.years.labels != first.years.labels:
                raise ValueError(
                    f"cannot concat years {list(part.years)} with years {list(first.years)}"
                )
            if part.area_level != first.area_level:
                raise ValueError(f"cannot concat {part.area_level}s with {first.area_level}s")
            for area in part.areas:
                if area in seen:
                    clashes.append(area)
                seen.add(area)
        if clashes:
            raise ValueError(f"concat needs disjoint areas; in several parts: {clashes}")
        try:
            blocks = [part.values.m_as(first.unit) for part in parts]
        except pint.DimensionalityError as exc:
            raise UnitError(f"cannot concat inventories in different dimensions: {exc}") from exc
        values = np.concatenate(blocks, axis=0)
        areas = [area for part in parts for area in part.areas]
        sources = {area: found for part in parts for area, found in part.sources.items()}
        populations = [part.population for part in parts if part.population is not None]
        population = None
        if populations:
            years = sorted({int(y) for p in populations for y in p.years})
            residents = np.concatenate(
                [
                    part.population.at(part.areas.labels, years).m_as("resident")
                    if part.population is not None
                    else np.full((len(part.areas), len(years)), np.nan)
                    for part in parts
                ],
                axis=0,
            )
            population = Population(Q_(residents, "resident"), areas, years, populations[0].source)
        return first._replace(values, areas=areas, sources=sources, population=population)

    # ------------------------------------------------------------------ reports and export
    def coverage(self) -> Coverage:
        """Which cells are estimated, per area and year (see :class:`Coverage`)."""
        from canemure.inventory.coverage import Coverage

        return Coverage.of(self)

    def to_records(self) -> list[EmissionRecord]:
        """Tidy long records, one per cell (not-estimated cells have ``value=None``)."""
        from canemure.inventory.records import to_records

        return to_records(self)

    @classmethod
    def from_records(
        cls,
        records: Iterable[EmissionRecord],
        *,
        rule: AccountingRule,
        sources: Mapping[str, tuple[Source, ...]] | None = None,
        area_level: AreaLevel = "municipality",
    ) -> EmissionInventory:
        """Build from tidy records (see :func:`canemure.inventory.records.from_records`)."""
        from canemure.inventory.records import from_records

        return from_records(records, rule=rule, sources=sources, area_level=area_level)

    def to_pandas(
        self, *, wide: bool = False, names: bool = False, lang: str = "fi", pint: bool = False
    ) -> Any:
        """A ``pandas.DataFrame`` with codes, names and the unit. Needs ``canemure[pandas]``.

        Long (the default): one row per cell, columns ``area``, ``sector`` (categorical, in
        axis order), ``year`` (int64), ``value`` (float64, NaN = not estimated, never 0) and
        ``unit`` (canemure's unit text, e.g. ``kt CO2e/a``). ``wide=True``: one row per area
        and sector, columns ``area``, ``sector``, ``unit``, then one float column per year.
        ``names=True`` adds ``area_name`` and ``sector_name`` (in ``lang``: fi, sv or en)
        after the codes. ``pint=True`` (long only) makes ``value`` a pint-pandas column in
        canemure's registry (needs ``pint-pandas``). ``attrs`` holds the unit and the rule.
        """
        pd = _pandas("EmissionInventory.to_pandas()")
        a, s, y = self.shape
        unit = _unit_text(self.unit)
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
        frame.attrs.update(unit=_unit_label(self.unit), rule=self.rule.id)
        return frame

    def to_xarray(self, *, lang: str = "fi", name: str = "emissions") -> Any:
        """An ``xarray.DataArray`` named ``name``. Needs ``canemure[xarray]``.

        Dimensions ``area``, ``sector``, ``year``; coordinates ``area_name`` and
        ``sector_name`` (in ``lang``) beside the codes; ``attrs["units"]`` is canemure's unit
        text (``kt CO2e/a``), which pint-xarray reads in canemure's registry:
        ``da.pint.quantify(unit_registry=canemure.units.ureg)``. NaN = not estimated.
        See :meth:`to_dataset` for emissions and population together.
        """
        xr = _xarray("EmissionInventory.to_xarray()")
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
            attrs={"units": _unit_text(self.unit), "rule": self.rule.id},
        )

    def to_dataset(self, *, lang: str = "fi") -> Any:
        """An ``xarray.Dataset``: ``emissions`` and, when attached, ``population``.

        ``population`` (dims ``area``, ``year``; units ``resident``) covers the inventory's
        areas and years, NaN where not known. Needs ``canemure[xarray]``.
        """
        xr = _xarray("EmissionInventory.to_dataset()")
        emissions = self.to_xarray(lang=lang)
        variables = {"emissions": emissions}
        if self.population is not None:
            residents = self.population.magnitude_at(self.areas.labels, self.years.labels)
            variables["population"] = xr.DataArray(
                np.array(residents, dtype=np.float64),
                dims=("area", "year"),
                coords={"area": emissions["area"], "year": emissions["year"]},
                name="population",
                attrs={"units": "resident"},
            )
        return xr.Dataset(variables, attrs={"rule": self.rule.id})

    def to_iamc(self, *, model: str, scenario: str, **options: Any) -> Any:
        """The IAMC table of this inventory (see :func:`canemure.io.iamc.to_iamc`)."""
        from canemure.io.iamc import to_iamc

        return to_iamc(self, model=model, scenario=scenario, **options)

    def to_excel(self, path: str | Path, *, lang: str = "fi") -> Path:
        """Write an ``.xlsx`` workbook (see :func:`canemure.io.excel_export.write_excel`)."""
        from canemure.io.excel_export import write_excel

        return write_excel(self, path, lang=lang)

    def __repr__(self) -> str:
        a, s, y = self.shape
        years = f"{self.years.labels[0]}-{self.years.labels[-1]}" if y else "no years"
        return (
            f"<EmissionInventory {a} {self.area_level.replace('ty', 'tie')}s x {s} "
            f"level-{self.sector_level} sectors "
            f"x {y} years ({years}), {unit_label(self.unit)}, rule {self.rule.id!r}>"
        )


_FIELDS = tuple(field.name for field in attrs.fields(EmissionInventory))
