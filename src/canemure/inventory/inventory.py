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

import operator
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.errors import UnitError
from canemure.inventory._grow import append_rows
from canemure.inventory._plans import (
    AreaSources,
    axis_plan,
    axis_region_groups,
    axis_sources,
    same_labels,
    sector_groups,
    sector_levels,
)
from canemure.inventory.axes import Axis
from canemure.inventory.labelled import (
    AreaLevel,
    LabelledCube,
    LabelledValues,
    wrap,
    xarray_module,
    year_positions,
)
from canemure.inventory.labelled import area_axis as _area_axis
from canemure.inventory.labelled import sector_axis as _sector_axis
from canemure.inventory.labelled import year_axis as _year_axis
from canemure.inventory.population import Population
from canemure.inventory.provenance import Source
from canemure.sectors.hierarchy import SectorHierarchy, sector_hierarchy
from canemure.sectors.rules import AccountingRule
from canemure.units import Q_, unit_label

if TYPE_CHECKING:
    from canemure.inventory.coverage import Coverage
    from canemure.inventory.records import EmissionRecord

__all__ = ["AreaLevel", "EmissionInventory"]


FloatArray = npt.NDArray[np.float64]

_SLICE_SUM_BYTES = 16 << 20
"""Up to this size, sector groups are summed slice by slice (faster while the array is in
cache, measured in ``benchmarks/bench_inventory.py``); larger arrays in one ``reduceat``."""


def _check_values(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, pint.Quantity):
        raise UnitError(f"inventory values must be a pint Quantity, got {type(value).__name__}")
    if not isinstance(value.magnitude, np.ndarray) or value.magnitude.ndim != 3:
        raise TypeError("inventory values must wrap one 3-d numpy array (area x sector x year)")
    if value.magnitude.dtype != np.float64:
        raise TypeError(f"inventory values must be float64, got {value.magnitude.dtype}")


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


def _merged_sources(
    mine: Mapping[str, tuple[Source, ...]], other: Mapping[str, tuple[Source, ...]]
) -> dict[str, tuple[Source, ...]]:
    """The sources of a merge: ``other``'s first for each of its areas, each source once."""
    sources = dict(mine)
    for area, found in other.items():
        sources[area] = tuple(dict.fromkeys([*found, *sources.get(area, ())]))
    return sources


_PERCENT = Q_(np.ones(1), "percent")
"""A Quantity in percent, whose unit the changes and shares take (see ``wrap``)."""
_PER_RESIDENT_WHAT = "emissions per resident"


@lru_cache(maxsize=64)
def _per_resident_factor(unit: Any, target: str) -> tuple[float, pint.Quantity[Any]]:
    """The factor from ``unit`` (a unit's container) per resident to ``target``.

    Also a Quantity in ``target``, whose unit the results take (see ``wrap``).
    """
    per_resident = Q_(1.0, unit) / Q_(1.0, "resident")
    try:
        converted = per_resident.to(target)
    except pint.DimensionalityError as exc:
        raise UnitError(
            f"cannot express {unit_label(per_resident.units)} per resident as {target}"
        ) from exc
    return float(converted.magnitude), Q_(np.ones(1), converted.units)


@attrs.frozen(eq=False)
class EmissionInventory(LabelledCube):
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
        set_field = object.__setattr__
        set_field(new, "values", wrap(values, self.values))
        for name, value in zip(_FIELDS[1:], _OTHER_FIELDS(self)):  # noqa: B905 (same length)
            set_field(new, name, value)
        for name, given in changes.items():
            value = given
            if name == "years" and not isinstance(given, Axis):  # a selection's comes checked
                value = _year_axis(given)
                if list(value) != sorted(value):
                    raise ValueError(f"years must be ascending, got {list(value)}")
            elif name in _AXIS_OF:
                value = _AXIS_OF[name](given)
            set_field(new, name, value)
        shape = (len(new.areas.labels), len(new.sectors.labels), len(new.years.labels))
        if values.shape != shape:
            raise ValueError(f"inventory values have shape {values.shape}, expected {shape}")
        return new

    def to(self, unit: str | pint.Unit) -> EmissionInventory:
        """The same inventory in another (compatible) unit."""
        try:
            converted = self.values.to(unit)
        except pint.DimensionalityError as exc:
            raise UnitError(f"cannot convert inventory in {self.unit} to {unit}: {exc}") from exc
        return attrs.evolve(self, values=converted)

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
        values, changes = self._selection(areas, sectors, years)
        if "areas" in changes:  # the parent's sources, read through (not copied per area)
            changes["sources"] = AreaSources(self.sources, changes["areas"])
        return self._replace(values, **changes)

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
        parents = Axis.trusted("sector", groups.parents)  # unique: the plan made them so
        if len(groups.parents) == 1:  # one parent (e.g. the total): a plain sum is ~2x faster
            return self._replace(values.sum(axis=1, keepdims=True), sectors=parents)
        if groups.permutation is not None:
            values = values[:, groups.permutation]
        if values.nbytes > _SLICE_SUM_BYTES:
            summed = np.add.reduceat(values, groups.starts, axis=1)
        else:  # each group a contiguous block of the sector axis: sum it as a view
            summed = np.empty((values.shape[0], len(groups.parents), values.shape[2]))
            bounds = [*groups.starts.tolist(), values.shape[1]]
            for g in range(len(groups.parents)):
                values[:, bounds[g] : bounds[g + 1]].sum(axis=1, out=summed[:, g])
        return self._replace(summed, sectors=parents)

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
        plan = axis_plan(self.areas, members_of)
        sources = axis_sources(self.areas, plan, self.sources, members_of)
        out = plan.sum(self.magnitude)
        population = self.population
        if population is not None:  # on the same areas (the usual case): the same plan
            same = same_labels(self.areas, population.areas)
            population = population.aggregate_planned(members_of, plan if same else None)
        return self._replace(
            out,
            areas=plan.axis,
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
            return self._aggregate_planned(axis_region_groups(self.areas), "region")
        gaz = gazetteer()
        chosen = [gaz.region(r) for r in regions]
        groups = {r.code: gaz.municipality_codes(r) for r in chosen}
        return self.aggregate_areas(groups, area_level="region")

    # ------------------------------------------------------------------ derived quantities
    def per_resident(self, unit: str = "t CO2e / resident / a") -> LabelledValues:
        """Values divided by the population of the same area and year, on the same axes.

        Computed from the inventory's (summed) values and (summed) population, never by summing
        per-resident values: for a region, take ``to_regions()`` first. Missing population
        gives NaN ("not estimated"). The result is labelled (:class:`LabelledValues`, "emissions
        per resident"): ``per.value("Joensuu", "total", 2024)``.
        """
        if self.population is None:
            raise ValueError("this inventory has no population; attach one with with_population()")
        factor, target = _per_resident_factor(self.values._units, unit)
        residents = self.population.magnitude_at(self.areas.labels, self.years.labels)
        scale = factor / residents  # one pass over the (small) population, one over the values
        values = wrap(self.magnitude * scale[:, None, :], target)
        return LabelledValues.derived(self, values, _PER_RESIDENT_WHAT, "per_resident")

    def with_population(self, population: Population) -> EmissionInventory:
        """The same inventory with ``population`` attached."""
        return attrs.evolve(self, population=population)

    def change(self, base_year: int | str) -> LabelledValues:
        """Relative change against ``base_year``, in percent, for every cell, on the same axes.

        NaN where either year is not estimated or the base value is zero. The result is
        labelled (:class:`LabelledValues`, "change since <base_year>").
        """
        values = self.magnitude
        k = int(year_positions(self.years, [base_year])[0])
        base = values[:, :, k][:, :, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            relative = np.where(base != 0, (values - base) / base, np.nan)
        year = self.years.labels[k]
        return LabelledValues.derived(
            self, wrap(relative * 100.0, _PERCENT), f"change since {year}", "change"
        )

    def shares(self) -> LabelledValues:
        """Each sector's share of its area's total of the same year, in percent.

        The result is labelled (:class:`LabelledValues`, "share of area total").
        """
        values = self.magnitude
        totals = values.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(totals != 0, values / totals, np.nan)
        return LabelledValues.derived(
            self, wrap(share * 100.0, _PERCENT), "share of area total", "share"
        )

    # ------------------------------------------------------------------ combining
    def merge(self, other: EmissionInventory) -> EmissionInventory:
        """Combine with ``other``; where ``other`` has an estimated value it wins.

        Both must follow the same rule at the same sector level and have compatible units.
        Sources are kept per area, so a report can say which source each figure came from.

        Adding new areas on the same sectors and years (building an inventory part by part,
        as the adapters do) takes amortised time in the size of ``other``, not of the result:
        the result is a read-only view of a buffer with spare rows, which a later merge into
        the newest result fills in place (``self`` and every earlier result keep their values;
        the module ``canemure.inventory._grow`` says how).
        """
        if other.rule is not self.rule and other.rule != self.rule:
            raise ValueError(f"cannot merge rule {other.rule.id!r} into rule {self.rule.id!r}")
        if other.sector_level != self.sector_level:
            other = other.aggregate_sectors(min(self.sector_level, other.sector_level))
            base = self.aggregate_sectors(other.sector_level)
            return base.merge(other)
        if other.values._units == self.values._units:  # the same numbers, without a conversion
            other_values = other.magnitude
        else:
            other_values = other.values.m_as(self.unit)
        sources = _merged_sources(self.sources, other.sources)
        population = self.population
        if other.population is not None:
            population = (
                other.population if population is None else population.merge(other.population)
            )
        if other.sectors == self.sectors and other.years == self.years:
            new_areas = self.areas.extended(other.areas)  # None when an area is in both
            if new_areas is not None:  # new areas on the same sectors and years: append them
                out = append_rows(self.magnitude, other_values)
                return self._replace(out, areas=new_areas, sources=sources, population=population)
        areas = list(dict.fromkeys([*self.areas, *other.areas]))
        sectors = list(dict.fromkeys([*self.sectors, *other.sectors]))
        years = sorted(set(self.years) | set(other.years))
        out = np.full((len(areas), len(sectors), len(years)), np.nan)
        # self's cells land on empty (NaN) cells: copy them; other's win where estimated
        _place(out, self.magnitude, (self, areas, sectors, years), only_estimated=False)
        _place(out, other_values, (other, areas, sectors, years), only_estimated=True)
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
        frame = self._frame(
            wide=wide, names=names, lang=lang, pint=pint, purpose="EmissionInventory.to_pandas()"
        )
        frame.attrs.update(rule=self.rule.id)
        return frame

    def to_xarray(self, *, lang: str = "fi", name: str = "emissions") -> Any:
        """An ``xarray.DataArray`` named ``name``. Needs ``canemure[xarray]``.

        Dimensions ``area``, ``sector``, ``year``; coordinates ``area_name`` and
        ``sector_name`` (in ``lang``) beside the codes; ``attrs["units"]`` is canemure's unit
        text (``kt CO2e/a``), which pint-xarray reads in canemure's registry:
        ``da.pint.quantify(unit_registry=canemure.units.ureg)``. NaN = not estimated.
        See :meth:`to_dataset` for emissions and population together.
        """
        return self._data_array(
            lang=lang, name=name, purpose="EmissionInventory.to_xarray()", rule=self.rule.id
        )

    def to_dataset(self, *, lang: str = "fi") -> Any:
        """An ``xarray.Dataset``: ``emissions`` and, when attached, ``population``.

        ``population`` (dims ``area``, ``year``; units ``resident``) covers the inventory's
        areas and years, NaN where not known. Needs ``canemure[xarray]``.
        """
        xr = xarray_module("EmissionInventory.to_dataset()")
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
_OTHER_FIELDS = operator.attrgetter(*_FIELDS[1:])
"""Every field but ``values``, read in one call (a derived inventory copies them)."""
_AXIS_OF = {"areas": _area_axis, "sectors": _sector_axis}
