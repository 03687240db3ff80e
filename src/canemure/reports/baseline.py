"""The baseline report: an area's emissions by sector for chosen years (roadmap step 1).

:func:`build_baseline` turns a municipality-level inventory into a :class:`BaselineReport` for
one region or municipality: rows per level-3 sector, the total, the change between the first and
last year, population and tonnes per resident. The report is plain data; renderers in
:mod:`canemure.reports.render` print it as a table, CSV or JSON.

Figures that are not estimated stay ``None`` all the way to the output, where they print as
"not estimated"; a regional figure with a municipality missing is itself not estimated.

Given the :class:`~canemure.datasets.SourcedInventory` the figures were assembled from, the
report says per municipality which kind of source (the user's import, a region adapter, the
bundled data) its whole series comes from, and where a source set aside disagrees, the
largest difference (:attr:`BaselineReport.disagreements`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np

from canemure.geography import Municipality, Region, gazetteer
from canemure.inventory import EmissionInventory, Gap, Source
from canemure.inventory.provenance import SourceKind
from canemure.sectors import AccountingRule, SectorNames
from canemure.units import unit_label

if TYPE_CHECKING:
    from canemure.datasets import Disagreement, SourcedInventory

__all__ = [
    "RANK_KEYS",
    "BaselineReport",
    "RankRow",
    "Ranking",
    "ReportRow",
    "SourceUse",
    "build_baseline",
    "build_ranking",
    "stated_decimals",
]

_EMISSION_UNIT = "kt CO2e / a"
_PER_RESIDENT_UNIT = "t CO2e / resident / a"


def _opt(value: float) -> float | None:
    """``None`` for a value that is not estimated (NaN) or not a finite number.

    ``value`` may be a numpy scalar or a 0-d array (pint-xarray makes pint's scalars 0-d).
    """
    number = float(value)
    return number if math.isfinite(number) else None


_MAX_DECIMALS = 6


def stated_decimals(values: Iterable[float | None]) -> int:
    """The fewest decimals (at most 6) that state every finite value in ``values`` exactly.

    SYKE publishes kilotonnes with one decimal, so sums of its figures need one decimal too and
    ``195.69999999999996`` (a float sum) is stated as ``195.7``. Rounding to this many decimals
    loses nothing the source said: a sum of figures with ``d`` decimals has at most ``d``.

    >>> stated_decimals([195.69999999999996, 30.2, None]), stated_decimals([40.5, 2.25])
    (1, 2)
    """
    array = np.asarray([v for v in values if v is not None], dtype=float)
    array = array[np.isfinite(array)]
    for decimals in range(_MAX_DECIMALS):
        tolerance = 1e-9 * np.maximum(1.0, np.abs(array))
        if np.all(np.abs(np.round(array, decimals) - array) <= tolerance):
            return decimals
    return _MAX_DECIMALS


@attrs.frozen
class ReportRow:
    """One sector (or the total) of a baseline report."""

    key: str
    """Sector key (``"total"`` for the total row)."""
    names: SectorNames
    """Display names."""
    values: tuple[float | None, ...]
    """One value per report year, in the report's unit; ``None`` = not estimated."""
    change_percent: float | None
    """Change from the first to the last report year, in percent; ``None`` if not computable."""


@attrs.frozen
class SourceUse:
    """Which source the figures of one municipality came from."""

    area: str
    """Municipality code."""
    area_name: str
    """Municipality name (Finnish)."""
    source: Source
    """The source."""
    kind: SourceKind | None = None
    """Precedence class of the provider (``None`` when the report was built without it)."""
    provider: str | None = None
    """The plugin that provided the municipality's series."""


@attrs.frozen
class BaselineReport:
    """An area's baseline emissions by sector, ready to render."""

    area: Region | Municipality
    """The region or municipality reported."""
    rule: AccountingRule
    """Accounting rule of every figure."""
    years: tuple[int, ...]
    """Report years, ascending."""
    unit: str
    """Unit label of the sector values (``kt CO2e/a``)."""
    rows: tuple[ReportRow, ...]
    """One row per level-3 sector, in SYKE's order."""
    total: ReportRow
    """The sum of the rows."""
    population: tuple[float | None, ...]
    """Residents per report year (``None`` = not known)."""
    per_resident: tuple[float | None, ...]
    """Total divided by population, t CO2e per resident and year."""
    per_resident_unit: str
    """Unit label of :attr:`per_resident`."""
    municipalities: tuple[str, ...]
    """Codes of the municipalities the area consists of."""
    missing_municipalities: tuple[str, ...]
    """Codes of municipalities with no figures at all (they make regional figures unknown)."""
    sources: tuple[SourceUse, ...]
    """Where each municipality's figures came from."""
    gaps: tuple[Gap, ...]
    """Municipality-years with sectors not estimated (level-3 keys; from the coverage)."""
    disagreements: tuple[Disagreement, ...] = ()
    """Municipalities whose figures differ in a source set aside (largest difference each)."""
    decimals: int = _MAX_DECIMALS
    """Decimals the source states the emission values with (:func:`stated_decimals`)."""


def build_baseline(
    inventory: EmissionInventory | SourcedInventory,
    area: Region | Municipality,
    years: Sequence[int],
) -> BaselineReport:
    """Build the baseline report of ``area`` for ``years`` from a municipality-level inventory.

    The inventory may hold more municipalities and years than needed; sectors finer than level 3
    are summed up to level 3. Municipalities of ``area`` absent from the inventory are listed in
    :attr:`BaselineReport.missing_municipalities` and make the regional figures not estimated.
    Given a :class:`~canemure.datasets.SourcedInventory` (from
    :func:`~canemure.datasets.baseline_sources`), the report also names each municipality's
    kind of source and the disagreements between sources.
    """
    if isinstance(inventory, EmissionInventory):
        sourced = None
    else:
        sourced, inventory = inventory, inventory.inventory
    if inventory.area_level != "municipality":
        raise ValueError("build_baseline needs a municipality-level inventory")
    years = tuple(sorted(set(years)))
    missing_years = [y for y in years if y not in inventory.years]
    if missing_years:
        raise ValueError(
            f"no figures for year(s) {', '.join(map(str, missing_years))}; the inventory covers "
            f"{inventory.years.labels[0]}-{inventory.years.labels[-1]}"
        )
    codes = gazetteer().municipality_codes(area)
    present = [c for c in codes if c in inventory.areas]
    missing = tuple(c for c in codes if c not in inventory.areas)
    if not present:
        raise ValueError(f"the inventory has no figures for any municipality of {area}")
    by_sector = inventory.sel(areas=present, years=list(years)).aggregate_sectors(3)
    grouped = by_sector.aggregate_areas({area.code: list(codes)}, area_level="group")
    grouped = grouped.to(_EMISSION_UNIT)
    hierarchy = inventory.hierarchy
    values = grouped.magnitude[0]
    change = grouped.change(years[0]) if len(years) > 1 else None
    rows = tuple(
        ReportRow(
            key,
            hierarchy[key].names,
            tuple(_opt(v) for v in values[j]),
            _opt(change.value(area.code, key, years[-1]).m_as("percent"))
            if change is not None
            else None,
        )
        for j, key in enumerate(grouped.sectors)
    )
    total_inv = grouped.total()
    total_values = total_inv.magnitude[0, 0]
    total_change = (
        total_inv.change(years[0]).value(area.code, "total", years[-1]).m_as("percent")
        if len(years) > 1
        else None
    )
    total = ReportRow(
        "total",
        hierarchy["total"].names,
        tuple(_opt(v) for v in total_values),
        _opt(total_change) if total_change is not None else None,
    )
    if total_inv.population is not None:
        residents = total_inv.population.at([area.code], list(years)).m_as("resident")[0]
        ratio = total_inv.per_resident(_PER_RESIDENT_UNIT)
        per_resident = ratio.sel(areas=area.code, sectors="total").m_as(_PER_RESIDENT_UNIT)[0, 0]
    else:
        residents = np.full(len(years), np.nan)
        per_resident = np.full(len(years), np.nan)
    gaz = gazetteer()
    chosen = {c.area: c for c in sourced.choices} if sourced is not None else {}
    sources = tuple(
        SourceUse(
            code,
            gaz.municipality(code).name,
            source,
            chosen[code].kind if code in chosen else None,
            chosen[code].provider if code in chosen else None,
        )
        for code in present
        for source in inventory.sources.get(code, ())
    )
    wanted = set(codes)
    disagreements = (
        tuple(d for d in sourced.disagreements if d.area in wanted) if sourced is not None else ()
    )
    gaps = by_sector.coverage().gaps
    return BaselineReport(
        area=area,
        rule=inventory.rule,
        years=years,
        unit=unit_label(grouped.unit),
        rows=rows,
        total=total,
        population=tuple(_opt(v) for v in residents),
        per_resident=tuple(_opt(v) for v in per_resident),
        per_resident_unit=unit_label(_PER_RESIDENT_UNIT),
        municipalities=codes,
        missing_municipalities=missing,
        sources=sources,
        gaps=gaps,
        disagreements=disagreements,
        decimals=stated_decimals([v for r in (*rows, total) for v in r.values]),
    )


RANK_KEYS = ("total", "per-resident", "change")
"""What ``canemure baseline REGION --rank`` can rank municipalities by."""


@attrs.frozen
class RankRow:
    """One municipality of a :class:`Ranking`."""

    municipality: Municipality
    """The municipality."""
    total: float | None
    """Total emissions in the ranking's last year (kt CO2e/a); ``None`` = not estimated."""
    per_resident: float | None
    """Total per resident in the last year (t CO2e/resident/a); ``None`` = not known."""
    change_percent: float | None
    """Change of the total from the base year to the last year, in percent."""


@attrs.frozen
class Ranking:
    """The municipalities of a region ranked by total, per resident or change."""

    region: Region
    """The region."""
    rule: AccountingRule
    """Accounting rule of every figure."""
    base_year: int
    """The year the change is measured from."""
    year: int
    """The year of the totals and per-resident figures."""
    by: str
    """What the rows are ordered by: one of :data:`RANK_KEYS`."""
    rows: tuple[RankRow, ...]
    """Municipalities in rank order; those whose figure is not estimated come last."""
    missing_municipalities: tuple[str, ...]
    """Codes of the region's municipalities with no figures at all (not ranked)."""
    unit: str = unit_label(_EMISSION_UNIT)
    """Unit label of :attr:`RankRow.total`."""
    per_resident_unit: str = unit_label(_PER_RESIDENT_UNIT)
    """Unit label of :attr:`RankRow.per_resident`."""
    decimals: int = _MAX_DECIMALS
    """Decimals the source states the totals with (:func:`stated_decimals`)."""


def build_ranking(
    inventory: EmissionInventory | SourcedInventory,
    region: Region,
    years: Sequence[int],
    by: str = "total",
) -> Ranking:
    """Rank the municipalities of ``region`` by total, per resident or change.

    Totals and per-resident figures are those of the last of ``years``, the change is measured
    from the first.

    ``by="total"`` and ``"per-resident"`` put the largest first, ``"change"`` the largest cut
    (most negative change) first; a municipality whose figure is not estimated comes last, in
    code order. Per-resident figures are derived from the municipality's own total and
    population, never averaged.
    """
    if by not in RANK_KEYS:
        raise ValueError(f"--rank must be one of {', '.join(RANK_KEYS)}, got {by!r}")
    if not isinstance(inventory, EmissionInventory):
        inventory = inventory.inventory
    chosen = sorted(set(years))
    base, last = chosen[0], chosen[-1]
    codes = gazetteer().municipality_codes(region)
    present = [c for c in codes if c in inventory.areas]
    if not present:
        raise ValueError(f"the inventory has no figures for any municipality of {region}")
    totals = inventory.sel(areas=present, years=[base, last]).total().to(_EMISSION_UNIT)
    values = totals.magnitude[:, 0, :]
    change = totals.change(base).sel(sectors="total", years=last).m_as("percent")[:, 0, 0]
    if totals.population is not None:
        ratio = totals.per_resident(_PER_RESIDENT_UNIT).sel(sectors="total", years=last)
        per_resident = ratio.m_as(_PER_RESIDENT_UNIT)[:, 0, 0]
    else:
        per_resident = np.full(len(present), np.nan)
    gaz = gazetteer()
    rows = [
        RankRow(gaz.municipality(code), _opt(values[i, -1]), _opt(per_resident[i]), _opt(change[i]))
        for i, code in enumerate(present)
    ]

    def key(row: RankRow) -> tuple[bool, float, str]:
        value = {"total": row.total, "per-resident": row.per_resident}.get(by, row.change_percent)
        if value is None:
            return (True, 0.0, row.municipality.code)
        return (False, value if by == "change" else -value, row.municipality.code)

    return Ranking(
        region=region,
        rule=inventory.rule,
        base_year=base,
        year=last,
        by=by,
        rows=tuple(sorted(rows, key=key)),
        missing_municipalities=tuple(c for c in codes if c not in inventory.areas),
        decimals=stated_decimals([r.total for r in rows]),
    )
