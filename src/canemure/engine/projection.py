"""Baseline projections: an inventory extended from its latest year to a chosen end year.

A projection returns an :class:`~canemure.inventory.EmissionInventory` that holds the history
unchanged followed by the projected years. Each area's sources gain one
:class:`ProjectedSource` that says which years are projected, from which base year and how, and
lists every area-sector whose method had to fall back (below).

Projection methods
------------------
:class:`Constant`
    Every projected year equals the base year (the latest inventory year by default).
:class:`LogLinearTrend`
    A growth rate fitted per area and sector by least squares on ``ln(emissions)`` over a
    window of years, applied from the base-year value: ``E(t) = E(base) * exp(b * (t - base))``.
    Anchoring at the base year keeps the series continuous, and an exponential of a
    non-negative value never goes below zero, so no sector has to be clipped.
    The logarithm is not defined for zero or negative values, so such cells are handled
    explicitly (``nonpositive``): ``"constant"`` (default) holds the base-year value and names
    the cell in the source notes; ``"not-estimated"`` gives NaN. A series that is zero in every
    window year stays zero under both choices (nothing to fit: the trend of nothing is nothing).
    Missing years inside the window (NaN) are handled by ``gaps``: ``"not-estimated"``
    (default) makes the whole projection of that cell NaN; ``"fit-available"`` fits on the
    estimated years when at least two remain. A NaN base-year value is always NaN.
:class:`PopulationDriver`
    Per-resident emissions of the base year (per area and sector) times a population path you
    pass: ``E(t) = E(base) / P(base) * P(t)``. The population of the base year comes from the
    path if it has it, otherwise from the inventory's population. A missing population is NaN.

Exogenous factor paths (:class:`FactorPath`) multiply the projected years of chosen sectors
on top of any method, e.g. the electricity emission factor falling. A path is either
dimensionless multipliers relative to the base year, or values in any unit (kg CO2e/kWh ...)
that include the base year, divided by the base-year value. Between the years given the path
is interpolated linearly; it must cover every projected year (no extrapolation).

Nothing here invents a number: the methods only extend the inventory's own figures with the
paths the caller passes, each with its :class:`~canemure.inventory.Source`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.errors import CanemureError, UnitError
from canemure.inventory import EmissionInventory, Population, Source
from canemure.units import Q_

__all__ = [
    "Constant",
    "FactorPath",
    "LogLinearTrend",
    "Method",
    "PopulationDriver",
    "ProjectedSource",
    "ProjectionError",
    "project",
    "projected_years",
]

FloatArray = npt.NDArray[np.float64]


class ProjectionError(CanemureError, ValueError):
    """A projection cannot be made as asked (years, windows, paths)."""


@attrs.frozen
class Constant:
    """Hold the base-year value in every projected year."""

    @property
    def label(self) -> str:
        """How the method is described in sources."""
        return "constant at the base-year value"


def _window(value: tuple[int, int]) -> tuple[int, int]:
    first, last = (int(v) for v in value)
    if first >= last:
        raise ProjectionError(f"a trend window needs first < last, got {value!r}")
    return (first, last)


@attrs.frozen
class LogLinearTrend:
    """A log-linear trend per area and sector, fitted over ``window`` (see module notes)."""

    window: tuple[int, int] = attrs.field(converter=_window)
    """First and last year of the fit, inclusive; every inventory year in between is used."""
    nonpositive: Literal["constant", "not-estimated"] = "constant"
    """What a cell with a zero or negative value in the window gets."""
    gaps: Literal["not-estimated", "fit-available"] = "not-estimated"
    """What a cell with a not-estimated (NaN) year in the window gets."""

    @property
    def label(self) -> str:
        """How the method is described in sources."""
        first, last = self.window
        return (
            f"log-linear trend fitted per area and sector over {first}-{last}, applied from the "
            f"base-year value (zero/negative in window: {self.nonpositive}; gaps in window: "
            f"{self.gaps})"
        )


@attrs.frozen
class PopulationDriver:
    """Base-year emissions per resident times a population path."""

    population: Population
    """Residents per area and projected year (and optionally the base year)."""

    @property
    def label(self) -> str:
        """How the method is described in sources."""
        source = self.population.source
        where = f" ({source.title})" if source is not None else ""
        return f"base-year emissions per resident x population path{where}"


Method: TypeAlias = Constant | LogLinearTrend | PopulationDriver
"""A baseline projection method."""


def _as_quantity(value: object) -> pint.Quantity[Any]:
    if isinstance(value, pint.Quantity):
        return value
    raise UnitError(
        f"factor path values must be a pint Quantity (dimensionless multipliers or a factor "
        f"such as kg CO2e/kWh), got {type(value).__name__}"
    )


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(v) for v in values)


@attrs.frozen(eq=False)
class FactorPath:
    """An exogenous path that multiplies some sectors' projected emissions."""

    sectors: tuple[str, ...] = attrs.field(converter=_strings)
    """Sector keys (or names) of the inventory the path applies to."""
    years: tuple[int, ...] = attrs.field(converter=_ints)
    """Years of the path values, ascending."""
    values: pint.Quantity[Any] = attrs.field(converter=_as_quantity)
    """One Quantity of a 1-d array: multipliers (dimensionless) or factor values in any unit."""
    source: Source
    """Where the path comes from (required: a path is an assumption and says whose)."""
    areas: tuple[str, ...] | None = None
    """Area codes the path applies to; ``None`` for every area."""

    def __attrs_post_init__(self) -> None:
        magnitude = np.asarray(self.values.magnitude, dtype=np.float64)
        if magnitude.shape != (len(self.years),):
            raise ProjectionError(
                f"factor path {self.source.id!r}: {magnitude.shape[0] if magnitude.ndim else 1} "
                f"values for {len(self.years)} years"
            )
        if list(self.years) != sorted(set(self.years)):
            raise ProjectionError(
                f"factor path {self.source.id!r}: years must be ascending and distinct, "
                f"got {list(self.years)}"
            )
        if not np.all(np.isfinite(magnitude)) or np.any(magnitude < 0):
            raise ProjectionError(
                f"factor path {self.source.id!r}: values must be finite and not negative, "
                f"got {magnitude.tolist()}"
            )

    def multipliers(self, base_year: int, years: Sequence[int]) -> FloatArray:
        """Multipliers relative to ``base_year`` for ``years`` (linear interpolation)."""
        missing = [y for y in years if not self.years[0] <= y <= self.years[-1]]
        if missing:
            raise ProjectionError(
                f"factor path {self.source.id!r} covers {self.years[0]}-{self.years[-1]}, not "
                f"{missing[0]}-{missing[-1]}; give values for every projected year"
            )
        if self.values.dimensionless:
            path = np.asarray(self.values.m_as(""), dtype=np.float64)
            return np.interp(np.array(years, dtype=np.float64), self.years, path)
        if base_year not in self.years:
            raise ProjectionError(
                f"factor path {self.source.id!r} is in {self.values.units}, so it needs a value "
                f"for the base year {base_year} to divide by (or give dimensionless multipliers)"
            )
        path = np.asarray(self.values.magnitude, dtype=np.float64)
        reference = float(path[self.years.index(base_year)])
        if reference == 0:
            raise ProjectionError(
                f"factor path {self.source.id!r} is zero in the base year {base_year}"
            )
        result: FloatArray = np.interp(np.array(years, dtype=np.float64), self.years, path)
        return result / reference


@attrs.frozen
class ProjectedSource(Source):
    """The source entry a projection adds to every area: which years, from what, how."""

    base_year: int = 0
    """The last year of history the projection starts from."""
    first_year: int = 0
    """First projected year."""
    last_year: int = 0
    """Last projected year."""
    method: str = ""
    """The method, in words."""
    factor_paths: tuple[Source, ...] = ()
    """Sources of the factor paths applied on top of the method."""
    fallbacks: tuple[tuple[str, str, str], ...] = ()
    """``(area, sector, what was done)`` for every cell whose method fell back."""

    @property
    def years(self) -> range:
        """The projected years."""
        return range(self.first_year, self.last_year + 1)


def projected_years(inventory: EmissionInventory) -> tuple[int, ...]:
    """Years of ``inventory`` that a projection produced (from its sources), ascending."""
    years: set[int] = set()
    for sources in inventory.sources.values():
        for source in sources:
            if isinstance(source, ProjectedSource):
                years.update(source.years)
    return tuple(y for y in inventory.years if y in years)


# ----------------------------------------------------------------------------- kernels
def _constant(base: FloatArray, steps: int) -> FloatArray:
    return np.repeat(base[:, :, None], steps, axis=2)


def _log_linear(
    history: FloatArray,
    years: Sequence[int],
    base_index: int,
    method: LogLinearTrend,
    steps: int,
) -> tuple[FloatArray, FloatArray]:
    """Projected values and, per cell, a fallback code (0 fit, 1 zeros, 2 nonpositive, 3 gap)."""
    first, last = method.window
    in_window = [i for i, y in enumerate(years) if first <= y <= last]
    if len(in_window) < 2:
        raise ProjectionError(
            f"the trend window {first}-{last} holds {len(in_window)} inventory year(s); a trend "
            "needs at least two"
        )
    window = history[:, :, in_window]
    t = np.array([years[i] for i in in_window], dtype=np.float64)
    base = history[:, :, base_index]
    estimated = ~np.isnan(window)
    enough = estimated.sum(axis=2) >= 2
    complete = estimated.all(axis=2)
    usable = complete if method.gaps == "not-estimated" else enough
    with np.errstate(invalid="ignore"):
        all_zero = np.all(np.where(estimated, window == 0, True), axis=2) & enough
        positive = np.all(np.where(estimated, window > 0, True), axis=2)
    fit = usable & positive
    # least-squares slope on the estimated points: b = sum(w(t-tm)(y-ym)) / sum(w(t-tm)^2)
    weights = (estimated & fit[:, :, None]).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(weights > 0, np.log(np.where(window > 0, window, 1.0)), 0.0)
        n = weights.sum(axis=2)
        t_mean = (weights * t).sum(axis=2) / n
        y_mean = (weights * logs).sum(axis=2) / n
        dt = (t[None, None, :] - t_mean[:, :, None]) * weights
        slope = (dt * (logs - y_mean[:, :, None])).sum(axis=2) / (dt * dt).sum(axis=2)
    offsets = np.arange(1, steps + 1, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        growth = np.exp(np.where(fit, slope, 0.0)[:, :, None] * offsets)
    out = base[:, :, None] * growth
    code = np.zeros(base.shape)
    code[~usable] = 3
    code[usable & ~positive & ~all_zero] = 2
    code[usable & all_zero] = 1
    out[~usable] = np.nan
    if method.nonpositive == "not-estimated":
        out[code == 2] = np.nan
    return out, code


def _driver(
    inventory: EmissionInventory, base_year: int, future: Sequence[int], driver: Population
) -> FloatArray:
    areas = list(inventory.areas)
    path = driver.at(areas, list(future)).m_as("resident")
    base_pop = driver.at(areas, [base_year]).m_as("resident")[:, 0]
    if inventory.population is not None:
        own = inventory.population.at(areas, [base_year]).m_as("resident")[:, 0]
        base_pop = np.where(np.isnan(base_pop), own, base_pop)
    base = inventory.magnitude[:, :, inventory.years.position(base_year)]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base_pop > 0, path / base_pop[:, None], np.nan)
    return base[:, :, None] * ratio[:, None, :]


def _fallback_list(
    inventory: EmissionInventory, code: FloatArray, method: LogLinearTrend
) -> tuple[tuple[str, str, str], ...]:
    what = {
        1: "zero in every window year: no trend, held at the base-year value",
        2: (
            "zero or negative in the window: held at the base-year value"
            if method.nonpositive == "constant"
            else "zero or negative in the window: not estimated"
        ),
        3: "not estimated in the window: not estimated",
    }
    found = np.argwhere(code > 0)
    return tuple(
        (inventory.areas.labels[i], inventory.sectors.labels[j], what[int(code[i, j])])
        for i, j in found
    )


def _apply_paths(
    inventory: EmissionInventory,
    projected: FloatArray,
    base_year: int,
    future: Sequence[int],
    paths: Iterable[FactorPath],
) -> None:
    for path in paths:
        multipliers = path.multipliers(base_year, future)
        keys = inventory.sel(sectors=list(path.sectors)).sectors.labels
        sectors = inventory.sectors.positions(list(keys))
        if path.areas is None:
            rows = np.arange(len(inventory.areas))
        else:
            rows = inventory.areas.positions(list(path.areas))
        projected[np.ix_(rows, sectors, np.arange(len(future)))] *= multipliers


def project(
    inventory: EmissionInventory,
    end_year: int,
    method: Method | None = None,
    *,
    factor_paths: Sequence[FactorPath] = (),
    base_year: int | None = None,
) -> EmissionInventory:
    """History of ``inventory`` up to ``base_year`` followed by a projection to ``end_year``.

    ``base_year`` defaults to the latest inventory year; years after it are replaced by the
    projection. ``method`` defaults to :class:`Constant`. The result keeps the inventory's
    unit, rule, areas and sectors; its sources add a :class:`ProjectedSource` per area.

    >>> from canemure.io.bundled import pohjois_karjala
    >>> future = project(pohjois_karjala(), 2050)
    >>> projected_years(future)[0], projected_years(future)[-1]
    (2025, 2050)
    """
    method = method if method is not None else Constant()
    base_year = inventory.years.labels[-1] if base_year is None else int(base_year)
    if base_year not in inventory.years:
        raise ProjectionError(f"base year {base_year} is not an inventory year")
    if end_year <= base_year:
        raise ProjectionError(f"end year {end_year} must come after the base year {base_year}")
    base_index = inventory.years.position(base_year)
    future = list(range(base_year + 1, end_year + 1))
    steps = len(future)
    history = inventory.magnitude[:, :, : base_index + 1]
    fallbacks: tuple[tuple[str, str, str], ...] = ()
    if isinstance(method, Constant):
        projected = _constant(history[:, :, -1], steps)
    elif isinstance(method, LogLinearTrend):
        projected, code = _log_linear(
            history, inventory.years.labels[: base_index + 1], base_index, method, steps
        )
        fallbacks = _fallback_list(inventory, code, method)
    elif isinstance(method, PopulationDriver):
        projected = _driver(inventory, base_year, future, method.population)
    else:  # pragma: no cover - the type says it cannot happen
        raise TypeError(f"unknown projection method {method!r}")
    _apply_paths(inventory, projected, base_year, future, factor_paths)
    values = np.concatenate([history, projected], axis=2)
    source = ProjectedSource(
        id=f"canemure:projection:{base_year + 1}-{end_year}",
        title=f"Projected {base_year + 1}-{end_year} from {base_year}: {method.label}",
        notes=_notes(factor_paths, fallbacks),
        base_year=base_year,
        first_year=base_year + 1,
        last_year=end_year,
        method=method.label,
        factor_paths=tuple(p.source for p in factor_paths),
        fallbacks=fallbacks,
    )
    # areas that shared one tuple of sources share one again (aggregations dedupe by identity)
    extended: dict[int, tuple[Source, ...]] = {}
    sources: dict[str, tuple[Source, ...]] = {}
    for area in inventory.areas:
        own = inventory.sources.get(area, ())
        sources[area] = extended.setdefault(id(own), (*own, source))
    population = inventory.population
    if isinstance(method, PopulationDriver):  # the path's projected years only: history stays
        areas = list(inventory.areas)
        path = method.population
        future_population = Population(path.at(areas, future), areas, future, path.source)
        population = (
            future_population if population is None else population.merge(future_population)
        )
    return attrs.evolve(
        inventory,
        values=Q_(np.ascontiguousarray(values), inventory.unit),
        years=[*inventory.years.labels[: base_index + 1], *future],
        sources=sources,
        population=population,
    )


def _notes(paths: Sequence[FactorPath], fallbacks: Sequence[tuple[str, str, str]]) -> str:
    parts = [f"factor path {p.source.id} on {', '.join(p.sectors)}" for p in paths]
    if fallbacks:
        parts.append(f"{len(fallbacks)} area-sector(s) fell back (see fallbacks)")
    return "; ".join(parts) if parts else "no factor paths; no fallbacks"
