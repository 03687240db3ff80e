"""Scenarios written by people in TOML: a roadmap's projection, targets and measures.

A scenario file is read into a :class:`Scenario`, a plain record of what the file says (no
engine objects yet), and :meth:`Scenario.to_roadmap` turns it into a
:class:`~canemure.engine.roadmap.Roadmap` for an inventory. :func:`write_scenario` writes a
scenario back; reading what it wrote gives an equal :class:`Scenario`.

Rules of the format (see ``examples/pohjois-karjala.toml`` for a whole file):

* Quantities are strings in canemure's unit registry: ``"12 GWh/a"``, ``"73.5 g CO2e/MJ"``,
  ``"20 %"``. An arithmetic expression is allowed (``"2300 l/a * 10 kWh/l"``), so a figure
  derived from two sourced parameters can show both; the writer writes the result.
* Every table says where its figures come from: ``source = "..."`` (non-empty). A figure
  without a source is marked ``illustrative = true``, and ``source`` then says why it is
  only illustrative. Results carry the flag.
* Unknown keys are errors, and every problem of a file is reported at once
  (:class:`~canemure.errors.DataFormatError`), each with the file and the table and key
  (``measure[2].fraction``). TOML gives no line numbers after parsing, so tables are named
  by their position (1-based) and the measure's name.
* ``template = "<key>"`` in a ``[[measure]]`` builds it from a catalogue template
  (:data:`canemure.engine.catalogue.TEMPLATES`) instead of ``mechanism``: the template's inputs
  are keys of the table (``houses = 1500``, ``capacity = "30 MW"``), every input not given takes
  the template's cited default, ``estimate = "low"|"high"`` picks the end of defaults printed as
  a range, ``sectors = { from = "Ölj" }`` sets the sector of a role, and ``costs = false`` leaves
  the costs not estimated (their inputs are then not needed). Unknown, missing and wrongly
  unitted inputs are reported with the other problems. The measure's source names the template
  and every value with its citation (or "given").

Tables: ``[scenario]`` (``name``, ``area``, ``accounting``, ``end_year``, ``description``),
``[projection]`` (``method`` = ``constant`` | ``log-linear``, ``window``, ``nonpositive``,
``gaps``, ``base_year``, and ``[[projection.factor_path]]``), ``[[target]]`` (``published``
= a bundled target id, or your own with ``id``, ``year`` and one of ``reduction`` with
``base_year``, ``level``, ``neutral``) and ``[[measure]]`` (``mechanism`` = one of
:data:`MECHANISMS`, its settings, ``start``, ``full``, ``shape``, ``lifetime``, ``areas``,
``split``, ``status``, ``actor`` and an optional ``[measure.costs]``; or ``template`` with its
inputs).
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pint

from canemure.engine.catalogue import TEMPLATES, Template, TemplateInputError
from canemure.engine.costs import EnergySaving, MeasureCosts
from canemure.engine.levels import own_target
from canemure.engine.measures import (
    CANCELLED,
    AbsoluteCut,
    ActivityChange,
    ActivityTerm,
    Compensation,
    FactorChange,
    Measure,
    Mechanism,
    RelativeCut,
    Status,
)
from canemure.engine.projection import (
    Constant,
    FactorPath,
    LogLinearTrend,
    Method,
)
from canemure.engine.ramp import Ramp
from canemure.engine.replication import ByPopulation, BySector
from canemure.engine.roadmap import Roadmap, RoadmapTarget
from canemure.errors import CanemureError, DataFormatError, Problem
from canemure.inventory import EmissionInventory, Source
from canemure.published.measures import MeasureStatus
from canemure.published.targets import Target
from canemure.units import Q_, unit_text

__all__ = [
    "MECHANISMS",
    "ActivityTermSpec",
    "CostSpec",
    "FactorPathSpec",
    "MeasureSpec",
    "ProjectionSpec",
    "SavingSpec",
    "Scenario",
    "TargetSpec",
    "example_scenario",
    "published_target",
    "read_scenario",
    "scenario_from_text",
    "write_scenario",
]

Value = str | float | int | bool | pint.Quantity[Any] | tuple[Any, ...] | None

# ----------------------------------------------------------------------------- records


@attrs.frozen
class SavingSpec:
    """Energy saved per year and its price (``[[measure.costs.savings]]``)."""

    energy: pint.Quantity[Any]
    """Energy saved per year (negative: more energy used, e.g. electricity)."""
    price: pint.Quantity[Any]
    """Price of that energy."""


@attrs.frozen
class CostSpec:
    """A measure's costs (``[measure.costs]``), as :class:`~canemure.engine.costs.MeasureCosts`."""

    investment: pint.Quantity[Any]
    """One-off investment, EUR."""
    operating: pint.Quantity[Any]
    """Operating cost per year, EUR/a."""
    discount_rate: pint.Quantity[Any] | float
    """Real discount rate (``"3.5 %"`` or ``0.035``)."""
    source: str
    """Where the cost figures come from (or why they are illustrative)."""
    illustrative: bool = False
    """Whether the figures are illustrative rather than sourced."""
    savings: tuple[SavingSpec, ...] = ()
    """Energy saved per year, each at a price."""


@attrs.frozen
class ActivityTermSpec:
    """One term of an ``activity`` measure (``terms = [{sector, activity, factor}]``)."""

    sector: str
    """The sector key the activity belongs to."""
    activity: pint.Quantity[Any]
    """Change of activity per year (negative: removed)."""
    factor: pint.Quantity[Any]
    """Emission factor of that activity."""


@attrs.frozen
class MeasureSpec:
    """A ``[[measure]]`` table: a mechanism, its settings, ramp, areas and provenance."""

    name: str
    """Unique name."""
    mechanism: str
    """One of :data:`MECHANISMS`, or ``"template"`` for a measure built from :attr:`template`."""
    settings: tuple[tuple[str, Any], ...]
    """The mechanism's settings (or the template's inputs) ``(key, value)``, sorted by key."""
    start: int
    """Start year of the ramp."""
    full: int
    """Year of full effect."""
    source: str
    """Where the measure and its numbers come from (or why they are illustrative)."""
    illustrative: bool = False
    """Whether its numbers are illustrative rather than sourced."""
    shape: str = "linear"
    """Ramp shape, ``linear`` or ``s-curve``."""
    lifetime: int | None = None
    """Years the measure acts (needed for costs)."""
    areas: tuple[str, ...] | None = None
    """Municipalities it acts in (codes or names); ``None`` = every municipality of the area."""
    split: str | None = None
    """How absolute amounts given for all its areas are divided: ``each`` (every area does the
    full amount), ``sector`` (by the sector's emissions) or ``population``."""
    split_year: int | None = None
    """The year whose sizes split (default: the latest inventory year)."""
    status: str = "planned"
    """A published status (``proposed`` ... ``implemented``) or ``cancelled``."""
    actor: str | None = None
    """Who carries it out."""
    costs: CostSpec | None = None
    """Its costs, or ``None`` (unknown: reported as not estimated). ``None`` for templates."""
    template: str | None = None
    """Key of the catalogue template it is built from (``mechanism`` is then ``"template"``)."""
    estimate: str | None = None
    """Template measures: ``"low"`` or ``"high"`` end of defaults printed as a range."""
    sectors: tuple[tuple[str, str], ...] = ()
    """Template measures: sector key by role (``("from", "Ölj")``), sorted; others default."""
    template_costs: bool = True
    """Template measures: whether the template's costs are computed (``costs = false``: not
    estimated, and the cost inputs are not needed)."""

    def setting(self, key: str, default: Any = None) -> Any:
        """One of :attr:`settings`."""
        return dict(self.settings).get(key, default)

    @property
    def full_source(self) -> str:
        """The source as carried by the model measure (illustrative ones say so first)."""
        return f"illustrative: {self.source}" if self.illustrative else self.source


@attrs.frozen
class FactorPathSpec:
    """A ``[[projection.factor_path]]``: values per year multiplying some sectors."""

    sectors: tuple[str, ...]
    """Sector keys."""
    years: tuple[int, ...]
    """Years of the values, ascending."""
    values: tuple[pint.Quantity[Any] | float, ...]
    """Multipliers (numbers) or factors (quantities, one unit kind)."""
    source: str
    """Where the path comes from (or why it is illustrative)."""
    illustrative: bool = False
    """Whether the path is illustrative."""


@attrs.frozen
class ProjectionSpec:
    """The ``[projection]`` table."""

    method: str = "constant"
    """``constant`` or ``log-linear``."""
    window: tuple[int, int] | None = None
    """First and last year of a log-linear fit."""
    nonpositive: str = "constant"
    """Log-linear: what a zero or negative cell gets (``constant``/``not-estimated``)."""
    gaps: str = "not-estimated"
    """Log-linear: what a cell with gaps gets (``not-estimated``/``fit-available``)."""
    base_year: int | None = None
    """Last history year (default: the latest)."""
    factor_paths: tuple[FactorPathSpec, ...] = ()
    """Exogenous factor paths."""


@attrs.frozen
class TargetSpec:
    """A ``[[target]]``: a bundled published target, or your own."""

    published: str | None = None
    """Id of a bundled target (``fi-hinku-80``, ``pk_ghg_80pct`` ...)."""
    id: str | None = None
    """Id of your own target."""
    year: int | None = None
    """Target year of your own target."""
    reduction: pint.Quantity[Any] | None = None
    """Your own target's cut (``"80 %"``), with :attr:`base_year`."""
    base_year: int | None = None
    """Base year of your own reduction."""
    level: pint.Quantity[Any] | None = None
    """Your own target's level (``"300 kt CO2e/a"``)."""
    neutral: bool = False
    """Your own target is carbon neutrality."""
    source: str | None = None
    """Where your own target comes from (or why it is illustrative)."""
    illustrative: bool = False
    """Whether your own target is illustrative."""
    scope_mismatch: str = "error"
    """``accept`` to compare outside the target's scope (labelled)."""
    allocate: str = "none"
    """``proportional`` to allocate the level to sectors."""
    pathway: str = "level"
    """``level`` or ``linear``."""

    def target(self) -> Target:
        """The :class:`~canemure.published.targets.Target` it names or defines."""
        if self.published is not None:
            return published_target(self.published)
        assert self.id is not None and self.year is not None  # noqa: PT018 - checked on reading
        text = f"{self.id} ({'illustrative' if self.illustrative else self.source})"
        return own_target(
            self.id,
            self.year,
            reduction=self.reduction,
            base_year=self.base_year,
            level=self.level,
            neutral=self.neutral,
            text=text,
        )


@attrs.frozen
class Scenario:
    """What a scenario file says (module notes); :meth:`to_roadmap` makes it computable."""

    name: str
    """The scenario's name."""
    area: str
    """Region or municipality (code or name)."""
    accounting: str = "hinku"
    """Accounting rule id."""
    end_year: int = 2050
    """Last projected year."""
    description: str = ""
    """What the scenario is about."""
    projection: ProjectionSpec = attrs.field(factory=ProjectionSpec)
    """The baseline projection."""
    targets: tuple[TargetSpec, ...] = ()
    """Targets compared with."""
    measures: tuple[MeasureSpec, ...] = ()
    """The measures."""
    file: str | None = attrs.field(default=None, eq=False)
    """The file it was read from (not part of equality)."""
    lines: Mapping[str, int] = attrs.field(factory=dict, eq=False, repr=False)
    """Line of each table and key in the file (:func:`key_lines`; not part of equality)."""

    def to_roadmap(self, inventory: EmissionInventory) -> Roadmap:
        """The roadmap of this scenario for ``inventory`` (areas and splits need it).

        Every problem (an area not in the inventory, a split that cannot be made) is reported
        at once with the file, table and key.
        """
        problems: list[Problem] = []
        projection = _projection(self.projection)
        roadmap = Roadmap(
            area=self.area,
            rule=self.accounting,
            end_year=self.end_year,
            projection=projection,
            name=self.name,
            base_year=self.projection.base_year,
        )
        codes = roadmap.area_codes(inventory)
        measures = []
        for n, spec in enumerate(self.measures, start=1):
            built = _measure(
                spec,
                f"measure[{n}]",
                codes=codes,
                inventory=inventory,
                file=self.file,
                problems=problems,
            )
            if built is not None:
                measures.append(built)
        targets = []
        for n, target in enumerate(self.targets, start=1):
            try:
                targets.append(
                    RoadmapTarget(
                        target.target(),
                        scope_mismatch=target.scope_mismatch,  # type: ignore[arg-type]
                        allocate=target.allocate,  # type: ignore[arg-type]
                        pathway=target.pathway,  # type: ignore[arg-type]
                    )
                )
            except (ValueError, LookupError) as exc:
                problems.append(
                    Problem.keyed("as_raised", self.file, column=f"target[{n}]", error=exc)
                )
        paths = []
        for n, path in enumerate(self.projection.factor_paths, start=1):
            try:
                paths.append(_factor_path(path))
            except (ValueError, pint.DimensionalityError) as exc:
                where = f"projection.factor_path[{n}]"
                problems.append(Problem(str(exc), self.file, column=where))
        if problems:
            located = [
                attrs.evolve(p, line=_line(self.lines, p.column)) if p.column else p
                for p in problems
            ]
            raise DataFormatError(located, self.file)
        return attrs.evolve(
            roadmap, measures=tuple(measures), targets=tuple(targets), factor_paths=tuple(paths)
        )


# ----------------------------------------------------------------------------- lookups
def published_target(target_id: str) -> Target:
    """A bundled target by id: national (incl. the Climate Act's), regional or city."""
    from canemure.errors import UnknownNameError
    from canemure.published.targets import national_targets, read_city_targets, read_region_targets

    known = [
        *national_targets(include_brief_statements=True),
        *read_region_targets(),
        *read_city_targets(),
    ]
    for target in known:
        if target.id == target_id:
            return target
    import difflib

    ids = [t.id for t in known]
    raise UnknownNameError("target", target_id, difflib.get_close_matches(target_id, ids, 3))


# ----------------------------------------------------------------------------- building
def _factor_path(spec: FactorPathSpec) -> FactorPath:
    first = spec.values[0]
    if isinstance(first, pint.Quantity):
        unit = first.units
        values = Q_(
            np.array([float(Q_(v).m_as(unit)) for v in spec.values], dtype=np.float64), unit
        )
    else:
        values = Q_(np.array([float(v) for v in spec.values], dtype=np.float64), "")
    title = ("illustrative: " if spec.illustrative else "") + spec.source
    source = Source(id=f"scenario:factor-path:{'+'.join(spec.sectors)}", title=title)
    return FactorPath(spec.sectors, spec.years, values, source)


def _projection(spec: ProjectionSpec) -> Method:
    if spec.method == "constant":
        return Constant()
    assert spec.window is not None  # checked on reading
    return LogLinearTrend(
        spec.window,
        nonpositive=spec.nonpositive,  # type: ignore[arg-type]
        gaps=spec.gaps,  # type: ignore[arg-type]
    )


def _mechanism(spec: MeasureSpec) -> Mechanism:
    s = spec.setting
    kind = spec.mechanism
    if kind == "relative":
        return RelativeCut(s("sector"), s("fraction"))
    if kind == "absolute":
        return AbsoluteCut(s("sector"), s("amount"))
    if kind == "factor":
        return FactorChange(s("sector"), s("old"), s("new"), s("share", 1.0))
    if kind == "compensation":
        return Compensation(s("amount"), s("kind", "compensation"))
    if kind == "heat-pumps":
        return ActivityChange.heat_pumps(
            count=s("count"),
            fuel_use=s("fuel_use"),
            fuel_factor=s("fuel_factor"),
            heat_demand=s("heat_demand"),
            cop=s("cop"),
            electricity_factor=s("electricity_factor"),
            from_sector=s("from_sector", "Ölj"),
            to_sector=s("to_sector", "Säh"),
        )
    if kind == "activity":
        return ActivityChange(
            tuple(ActivityTerm(t.sector, t.activity, t.factor) for t in s("terms"))
        )
    raise ValueError(f"unknown mechanism {kind!r}")


def _from_template(spec: MeasureSpec) -> Measure:
    """The measure its catalogue template builds (areas and scales are set by the caller)."""
    assert spec.template is not None  # only called for template measures
    return TEMPLATES[spec.template].measure(
        spec.name,
        "template",
        Ramp(spec.start, spec.full, spec.shape, spec.lifetime),  # type: ignore[arg-type]
        source=spec.full_source,
        costs=spec.template_costs,
        estimate=spec.estimate,  # type: ignore[arg-type]
        sectors=dict(spec.sectors),
        **dict(spec.settings),
    )


def _built(spec: MeasureSpec) -> tuple[Mechanism, MeasureCosts | None, str]:
    """The mechanism, costs and source of a measure (from its template or its settings)."""
    if spec.template is not None:
        measure = _from_template(spec)
        return measure.mechanism, measure.costs, measure.source
    costs = None if spec.costs is None else _costs(spec.costs)
    return _mechanism(spec), costs, spec.full_source


def _costs(spec: CostSpec) -> MeasureCosts:
    source = ("illustrative: " if spec.illustrative else "") + spec.source
    return MeasureCosts(
        spec.investment,
        spec.operating,
        spec.discount_rate,
        tuple(EnergySaving(x.energy, x.price) for x in spec.savings),
        source,
    )


def _status(text: str) -> Status:
    return CANCELLED if text == CANCELLED.value else MeasureStatus(text)


def _split_sector(mechanism: Mechanism) -> str | None:
    if isinstance(mechanism, RelativeCut | AbsoluteCut | FactorChange):
        return str(mechanism.sector)
    if isinstance(mechanism, ActivityChange):
        return str(mechanism.terms[0].sector)  # heat pumps: the sector the oil leaves
    return None


def _scales(
    spec: MeasureSpec, mechanism: Mechanism, areas: Sequence[str], inventory: EmissionInventory
) -> tuple[tuple[float, ...], str | None]:
    if len(areas) == 1 or isinstance(mechanism, RelativeCut | FactorChange):
        return (1.0,) * len(areas), None
    if spec.split is None:
        raise ValueError(
            f"it acts in {len(areas)} municipalities: say how its amounts are divided with "
            'split = "each", "sector" or "population"'
        )
    if spec.split == "each":
        return (1.0,) * len(areas), "the full amount in each municipality"
    year = spec.split_year if spec.split_year is not None else inventory.years.labels[-1]
    if spec.split == "sector":
        sector = _split_sector(mechanism)
        if sector is None:
            raise ValueError('a compensation acts on no sector: split = "each" or "population"')
        sizes = BySector(inventory, inventory._sector_key(sector), year).sizes(areas)
        label = f"split by the emissions of sector {sector} in {year}"
    else:
        if inventory.population is None:
            raise ValueError('the inventory has no population: split = "each" or "sector"')
        sizes = ByPopulation(inventory.population, year).sizes(areas)
        label = f"split by population {year}"
    total = float(np.sum(sizes))
    if not (np.all(sizes >= 0) and total > 0):  # also refuses NaN
        raise ValueError(f"cannot {label}: sizes {sizes.tolist()} ({', '.join(areas)})")
    return tuple(float(s) for s in sizes / total), label


def _code(area: str) -> str:
    """A municipality's code from its code or name (an unknown name is kept as written)."""
    from canemure.geography import gazetteer

    try:
        return gazetteer().municipality(area).code
    except LookupError:
        return area


def _measure(
    spec: MeasureSpec,
    where: str,
    *,
    codes: Sequence[str],
    inventory: EmissionInventory,
    file: str | None,
    problems: list[Problem],
) -> Measure | None:
    areas = [_code(a) for a in spec.areas] if spec.areas is not None else list(codes)
    outside = [a for a in areas if a not in codes]
    if outside:
        problems.append(
            Problem(
                f"measure {spec.name!r}: {', '.join(outside)} not among the area's "
                f"municipalities in the inventory ({', '.join(codes)})",
                file,
                column=f"{where}.areas",
            )
        )
        return None
    mechanism, costs, source = _built(spec)
    try:
        scales, scaled_by = _scales(spec, mechanism, areas, inventory)
    except (ValueError, LookupError) as exc:
        problems.append(Problem(f"measure {spec.name!r}: {exc}", file, column=f"{where}.split"))
        return None
    return Measure(
        name=spec.name,
        mechanism=mechanism,
        ramp=Ramp(spec.start, spec.full, spec.shape, spec.lifetime),  # type: ignore[arg-type]
        source=source,
        areas=tuple(areas),
        scales=scales,
        status=_status(spec.status),
        actor=spec.actor,
        costs=costs,
        scaled_by=scaled_by,
    )


# ----------------------------------------------------------------------------- reading
MECHANISMS: dict[str, dict[str, tuple[str, bool]]] = {
    "relative": {"sector": ("text", True), "fraction": ("ratio", True)},
    "absolute": {"sector": ("text", True), "amount": ("t CO2e / a", True)},
    "factor": {
        "sector": ("text", True),
        "old": ("quantity", True),
        "new": ("quantity", True),
        "share": ("ratio", False),
    },
    "compensation": {"amount": ("t CO2e / a", True), "kind": ("text", False)},
    "heat-pumps": {
        "count": ("number", True),
        "fuel_use": ("MWh / a", True),
        "fuel_factor": ("t CO2e / MWh", True),
        "heat_demand": ("MWh / a", True),
        "cop": ("ratio", True),
        "electricity_factor": ("t CO2e / MWh", True),
        "from_sector": ("text", False),
        "to_sector": ("text", False),
    },
    "activity": {"terms": ("terms", True)},
}
"""Each mechanism's settings: ``key: (kind, required)``. Kinds: ``text``, ``number``,
``ratio`` (a number or a dimensionless quantity such as ``"20 %"``), ``quantity`` (any
unit), ``terms`` (activity terms), or a unit whose dimension the quantity must have."""

_MEASURE_KEYS = {
    "name",
    "mechanism",
    "start",
    "full",
    "shape",
    "lifetime",
    "areas",
    "split",
    "split_year",
    "status",
    "actor",
    "costs",
    "source",
    "illustrative",
    "template",
}
_STATUSES = (*(s.value for s in MeasureStatus), CANCELLED.value)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_LAST_PART = re.compile(r"(\[\d+\]|\.[^.\[]*)$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def key_lines(text: str) -> dict[str, int]:
    """The line of every table header and key, by the paths problems use (``measure[2].name``).

    A light scan of the text (tomllib keeps no positions): array tables are counted per
    parent, so ``[[measure.costs.savings]]`` under the second measure is
    ``measure[2].costs.savings[1]``. Only bare keys are found; others fall back to their table.
    Lines are counted at line feeds as TOML counts them (not at U+0085 or U+2028, which
    ``str.splitlines`` would also break at).
    """
    found: dict[str, int] = {}
    latest: dict[str, str] = {}  # dotted table name -> path of its latest element
    counts: dict[str, int] = {}
    current = ""

    def join(path: str, part: str) -> str:
        return f"{path}.{part}" if path else part

    def resolve(parts: list[str]) -> str:
        path = ""
        for i, part in enumerate(parts):
            path = latest.get(".".join(parts[: i + 1]), join(path, part))
        return path

    for number, line in enumerate(text.split("\n"), start=1):
        if header := _HEADER.match(line):
            parts = header.group(2).split(".")
            if header.group(1) == "[[":
                name = ".".join(parts)
                base = join(resolve(parts[:-1]), parts[-1])
                counts[base] = counts.get(base, 0) + 1
                current = f"{base}[{counts[base]}]"
                for deeper in [k for k in latest if k.startswith(name + ".")]:
                    del latest[deeper]
                latest[name] = current
            else:
                current = resolve(parts)
            found.setdefault(current, number)
        elif key := _KEY.match(line):
            found.setdefault(join(current, key.group(1)), number)
    return found


def _line(lines: Mapping[str, int], where: str) -> int | None:
    """The line of ``where`` or of the nearest table or key that holds it."""
    path = where
    while path:
        if path in lines:
            return lines[path]
        shorter = _LAST_PART.sub("", path)
        if shorter == path:
            return None
        path = shorter
    return None


@attrs.define
class _Reader:
    """Walks the parsed TOML, converting values and collecting every problem."""

    file: str | None
    lines: Mapping[str, int] = attrs.field(factory=dict)
    problems: list[Problem] = attrs.field(factory=list)

    def add(self, where: str, message: str, value: object = None) -> None:
        line = _line(self.lines, where)
        self.problems.append(Problem(message, self.file, line, where, value))

    def add_keyed(self, where: str, key: str, /, value: object = None, **params: object) -> None:
        """Record the catalogue problem ``key`` (:mod:`canemure.i18n`) at ``where``."""
        line = _line(self.lines, where)
        self.problems.append(Problem.keyed(key, self.file, line, where, value, **params))

    def keys(self, table: Mapping[str, Any], where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                self.add_keyed(
                    f"{where}.{key}" if where else key,
                    "toml_unknown_key",
                    name=key,
                    known=", ".join(sorted(allowed)),
                )

    def table(self, data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.add_keyed(where, "toml_not_table", name=key)
            return {}
        return value

    def tables(self, data: Mapping[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add_keyed(where, "toml_not_tables", name=key, where=where)
            return []
        return value

    def get(
        self,
        table: Mapping[str, Any],
        where: str,
        key: str,
        check: Callable[[Any], Any],
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        path = f"{where}.{key}" if where else key
        if key not in table:
            if required:
                self.add_keyed(path, "toml_required", name=key)
            return default
        try:
            return check(table[key])
        except (ValueError, TypeError, pint.PintError) as exc:
            self.add_keyed(path, "as_raised", table[key], error=exc)
            return default

    def provenance(self, table: Mapping[str, Any], where: str) -> tuple[str, bool]:
        source = self.get(table, where, "source", _text, default="")
        illustrative = self.get(table, where, "illustrative", _bool, default=False)
        if not source:
            self.add_keyed(f"{where}.source", "toml_no_source")
        return source, illustrative


class _InvalidValueError(CanemureError, ValueError):
    """A value of the wrong kind in a scenario file (the message is in the error catalogue)."""


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _InvalidValueError.keyed("expected_text")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _InvalidValueError.keyed("expected_bool")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _InvalidValueError.keyed("expected_int")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _InvalidValueError.keyed("expected_number")
    return float(value)


def _choice(*options: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in options:
            raise _InvalidValueError.keyed(
                "expected_choice", options=", ".join(repr(o) for o in options)
            )
        return str(value)

    return check


def _quantity(dimension: str | None) -> Callable[[object], pint.Quantity[Any]]:
    def check(value: object) -> pint.Quantity[Any]:
        if not isinstance(value, str):
            raise _InvalidValueError.keyed("expected_quantity_text")
        try:
            quantity: pint.Quantity[Any] = Q_(value)
        except (pint.PintError, SyntaxError, TypeError, ValueError, AttributeError) as exc:
            raise _InvalidValueError.keyed(
                "quantity_unreadable", value=value, error=str(exc)
            ) from None
        if not isinstance(quantity, pint.Quantity):
            raise _InvalidValueError.keyed("quantity_no_unit", value=value)
        if not math.isfinite(float(quantity.m)):
            raise _InvalidValueError.keyed("quantity_not_finite", value=value)
        if dimension is not None and not quantity.is_compatible_with(dimension):
            if not dimension:
                raise _InvalidValueError.keyed("quantity_not_ratio", value=value)
            raise _InvalidValueError.keyed("quantity_wrong_units", value=value, kind=dimension)
        return quantity

    return check


def _ratio(value: object) -> pint.Quantity[Any] | float:
    if isinstance(value, str):
        return _quantity("")(value)
    return _number(value)


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise TypeError("expected a non-empty array of strings")
    return tuple(_text(v) for v in value)


def _ints(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise _InvalidValueError.keyed("expected_ints")
    return tuple(_int(v) for v in value)


def _window(value: object) -> tuple[int, int]:
    years = _ints(value)
    if len(years) != 2 or years[0] >= years[1]:
        raise _InvalidValueError.keyed("expected_window")
    return (years[0], years[1])


def _read_costs(reader: _Reader, table: Mapping[str, Any], where: str) -> CostSpec | None:
    reader.keys(
        table,
        where,
        {"investment", "operating", "discount_rate", "savings", "source", "illustrative"},
    )
    investment = reader.get(table, where, "investment", _quantity("EUR"), required=True)
    operating = reader.get(table, where, "operating", _quantity("EUR / a"), required=True)
    rate = reader.get(table, where, "discount_rate", _ratio, required=True)
    source, illustrative = reader.provenance(table, where)
    savings = []
    for n, item in enumerate(reader.tables(table, "savings", f"{where}.savings"), start=1):
        at = f"{where}.savings[{n}]"
        reader.keys(item, at, {"energy", "price"})
        energy = reader.get(item, at, "energy", _quantity("MWh / a"), required=True)
        price = reader.get(item, at, "price", _quantity("EUR / MWh"), required=True)
        if energy is not None and price is not None:
            savings.append(SavingSpec(energy, price))
    if investment is None or operating is None or rate is None:
        return None
    return CostSpec(investment, operating, rate, source, illustrative, tuple(savings))


def _read_terms(reader: _Reader, value: object, where: str) -> tuple[ActivityTermSpec, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        reader.add(where, "terms must be a non-empty array of {sector, activity, factor} tables")
        return ()
    terms = []
    for n, item in enumerate(value, start=1):
        at = f"{where}[{n}]"
        reader.keys(item, at, {"sector", "activity", "factor"})
        sector = reader.get(item, at, "sector", _text, required=True)
        activity = reader.get(item, at, "activity", _quantity(None), required=True)
        factor = reader.get(item, at, "factor", _quantity(None), required=True)
        if sector is not None and activity is not None and factor is not None:
            terms.append(ActivityTermSpec(sector, activity, factor))
    return tuple(terms)


def _read_template_inputs(
    reader: _Reader, table: Mapping[str, Any], where: str
) -> tuple[str | None, dict[str, Any], dict[str, Any]]:
    """A template measure's key, inputs and options (``estimate``, ``sectors``, ``costs``)."""
    key = reader.get(table, where, "template", _text)
    found: Template | None = None
    if key is not None:
        if key in TEMPLATES:
            found = TEMPLATES[key]
        else:
            import difflib

            close = difflib.get_close_matches(key, list(TEMPLATES), n=3)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            reader.add(
                f"{where}.template",
                f"unknown catalogue template {key!r}; {hint}known: {', '.join(TEMPLATES)}",
                key,
            )
    if "mechanism" in table:
        reader.add(f"{where}.mechanism", "give either template or mechanism, not both")
    estimate = reader.get(table, where, "estimate", _choice("low", "high"))
    with_costs = True
    if "costs" in table:
        if isinstance(table["costs"], bool):
            with_costs = table["costs"]
        else:
            reader.add(
                f"{where}.costs",
                "a template computes its costs from its inputs: give them as keys of the "
                "measure, or write costs = false (not estimated)",
            )
    options: dict[str, Any] = {"estimate": estimate, "template_costs": with_costs}
    if found is None:
        return None, {}, options
    common = (_MEASURE_KEYS - {"mechanism", "costs"}) | {"estimate", "sectors", "costs"}
    reader.keys(table, where, common | {p.name for p in found.parameters})
    inputs: dict[str, Any] = {}
    for p in found.parameters:
        at = f"{where}.{p.name}"
        needed = with_costs or not p.costs
        if p.name in table:
            if not needed:
                reader.add(at, f"{p.name!r} is a cost input, not used with costs = false")
                continue
            check = _ratio if p.unit == "dimensionless" else _quantity(p.unit)
            value = reader.get(table, where, p.name, check)
            if value is not None:
                inputs[p.name] = value
        elif needed and p.default is None:
            reader.add(
                at,
                f"missing input {p.name!r} [{p.unit}] of template {found.key!r}: "
                f"{p.description} (no sourced default"
                + (", or write costs = false)" if p.costs else ")"),
            )
        elif needed and p.default is not None and p.default.is_range and estimate is None:
            reader.add(
                f"{where}.estimate",
                f'{p.name!r}: {p.default} is a printed range; write estimate = "low" or '
                f'"high", or give {p.name} yourself',
            )
    sectors: dict[str, str] = {}
    raw = table.get("sectors", {})
    if not isinstance(raw, dict):
        reader.add(f"{where}.sectors", 'sectors must be a table, e.g. { from = "Ölj" }', raw)
        raw = {}
    for role in raw:
        if role not in found.sectors:
            roles = ", ".join(found.sectors) or "none"
            reader.add(f"{where}.sectors", f"unknown sector role {role!r} (roles: {roles})")
            continue
        sector = reader.get(raw, f"{where}.sectors", role, _text)
        if sector is not None:
            sectors[role] = sector
    for role, default in found.sectors.items():
        if default is None and role not in raw:
            reader.add(
                f"{where}.sectors",
                f"template {found.key!r} needs the sector of role {role!r} "
                f'(sectors = {{ {role} = "..." }}, an ALas sector key)',
            )
    options["sectors"] = tuple(sorted(sectors.items()))
    return found.key, inputs, options


def _read_measure(reader: _Reader, table: Mapping[str, Any], where: str) -> MeasureSpec | None:
    before = len(reader.problems)
    name = reader.get(table, where, "name", _text, required=True)
    settings: dict[str, Any] = {}
    options: dict[str, Any] = {}
    template: str | None = None
    if "template" in table:
        template, settings, options = _read_template_inputs(reader, table, where)
        mechanism: str | None = "template"
    else:
        mechanism = reader.get(
            table, where, "mechanism", _choice(*MECHANISMS), required=True, default=None
        )
        schema = MECHANISMS.get(mechanism, {}) if mechanism is not None else {}
        reader.keys(table, where, _MEASURE_KEYS | set(schema) if mechanism else _MEASURE_KEYS)
        _read_settings(reader, table, where, schema, settings)
    start = reader.get(table, where, "start", _int, required=True)
    full = reader.get(table, where, "full", _int, default=start)
    shape = reader.get(table, where, "shape", _choice("linear", "s-curve"), default="linear")
    lifetime = reader.get(table, where, "lifetime", _int)
    areas = reader.get(table, where, "areas", _strings)
    split = reader.get(table, where, "split", _choice("each", "sector", "population"))
    split_year = reader.get(table, where, "split_year", _int)
    status = reader.get(table, where, "status", _choice(*_STATUSES), default="planned")
    actor = reader.get(table, where, "actor", _text)
    source, illustrative = reader.provenance(table, where)
    costs = None
    if "costs" in table and "template" not in table:
        costs_table = reader.table(table, "costs", f"{where}.costs")
        costs = _read_costs(reader, costs_table, f"{where}.costs")
    if len(reader.problems) > before or name is None or mechanism is None or start is None:
        return None
    spec = MeasureSpec(
        name=name,
        mechanism=mechanism,
        settings=tuple(sorted(settings.items())),
        start=start,
        full=full,
        source=source,
        illustrative=illustrative,
        shape=shape,
        lifetime=lifetime,
        areas=areas,
        split=split,
        split_year=split_year,
        status=status,
        actor=actor,
        costs=costs,
        template=template,
        **options,
    )
    # what the engine refuses (a fraction above 1, a factor of the wrong kind, a ramp that
    # ends before it starts, factors of different boundaries) is reported here too
    try:
        Ramp(spec.start, spec.full, spec.shape, spec.lifetime)  # type: ignore[arg-type]
        _built(spec)
    except (ValueError, TypeError, pint.PintError, TemplateInputError) as exc:
        reader.add_keyed(where, "toml_measure", name=name, error=exc)
        return None
    return spec


def _read_settings(
    reader: _Reader,
    table: Mapping[str, Any],
    where: str,
    schema: Mapping[str, tuple[str, bool]],
    settings: dict[str, Any],
) -> None:
    """Read a mechanism's settings into ``settings``."""
    for key, (kind, required) in schema.items():
        if kind == "terms":
            if key in table:
                settings[key] = _read_terms(reader, table[key], f"{where}.{key}")
            else:
                reader.add_keyed(f"{where}.{key}", "toml_required", name=key)
            continue
        check: Callable[[Any], Any] = {
            "text": _text,
            "number": _number,
            "ratio": _ratio,
            "quantity": _quantity(None),
        }.get(kind) or _quantity(kind)
        value = reader.get(table, where, key, check, required=required)
        if value is not None:
            settings[key] = value


def _read_target(reader: _Reader, table: Mapping[str, Any], where: str) -> TargetSpec | None:
    before = len(reader.problems)
    common = {"scope_mismatch", "allocate", "pathway"}
    own = {"id", "year", "reduction", "base_year", "level", "neutral", "source", "illustrative"}
    options = {
        "scope_mismatch": reader.get(
            table, where, "scope_mismatch", _choice("error", "accept"), default="error"
        ),
        "allocate": reader.get(
            table, where, "allocate", _choice("none", "proportional"), default="none"
        ),
        "pathway": reader.get(table, where, "pathway", _choice("level", "linear"), default="level"),
    }
    if "published" in table:
        reader.keys(table, where, common | {"published"})
        published = reader.get(table, where, "published", _text)
        if published is not None:
            try:
                published_target(published)
            except LookupError as exc:
                reader.add_keyed(f"{where}.published", "as_raised", error=exc)
        if len(reader.problems) > before:
            return None
        return TargetSpec(published=published, **options)
    reader.keys(table, where, common | own)
    target_id = reader.get(table, where, "id", _text, required=True)
    year = reader.get(table, where, "year", _int, required=True)
    reduction = reader.get(table, where, "reduction", _quantity(""))
    base_year = reader.get(table, where, "base_year", _int)
    level = reader.get(table, where, "level", _quantity("kt CO2e / a"))
    neutral = reader.get(table, where, "neutral", _bool, default=False)
    source, illustrative = reader.provenance(table, where)
    if [reduction is not None, level is not None, neutral].count(True) != 1:
        reader.add_keyed(where, "toml_target_kind")
    elif reduction is not None and base_year is None:
        reader.add_keyed(f"{where}.base_year", "toml_reduction_base_year")
    if len(reader.problems) > before:
        return None
    return TargetSpec(
        id=target_id,
        year=year,
        reduction=reduction,
        base_year=base_year,
        level=level,
        neutral=neutral,
        source=source,
        illustrative=illustrative,
        **options,
    )


def _read_factor_path(
    reader: _Reader, table: Mapping[str, Any], where: str
) -> FactorPathSpec | None:
    before = len(reader.problems)
    reader.keys(table, where, {"sectors", "years", "values", "source", "illustrative"})
    sectors = reader.get(table, where, "sectors", _strings, required=True)
    years = reader.get(table, where, "years", _ints, required=True)
    raw = table.get("values")
    values: list[Any] = []
    if not isinstance(raw, list) or not raw:
        reader.add(f"{where}.values", "values must be a non-empty array (numbers or quantities)")
    else:
        for n, item in enumerate(raw, start=1):
            at = f"{where}.values[{n}]"
            try:
                values.append(_quantity(None)(item) if isinstance(item, str) else _number(item))
            except (ValueError, TypeError) as exc:
                reader.add(at, str(exc), item)
    source, illustrative = reader.provenance(table, where)
    if years is not None and values and len(values) != len(years):
        reader.add(f"{where}.values", f"{len(values)} values for {len(years)} years")
    if len(reader.problems) > before:
        return None
    return FactorPathSpec(sectors, years, tuple(values), source, illustrative)


def _read_projection(reader: _Reader, table: Mapping[str, Any]) -> ProjectionSpec:
    where = "projection"
    reader.keys(
        table, where, {"method", "window", "nonpositive", "gaps", "base_year", "factor_path"}
    )
    method = reader.get(
        table, where, "method", _choice("constant", "log-linear"), default="constant"
    )
    window = reader.get(table, where, "window", _window)
    if method == "log-linear" and window is None and "window" not in table:
        reader.add(f"{where}.window", "a log-linear trend needs window = [first, last]")
    nonpositive = reader.get(
        table, where, "nonpositive", _choice("constant", "not-estimated"), default="constant"
    )
    gaps = reader.get(
        table, where, "gaps", _choice("not-estimated", "fit-available"), default="not-estimated"
    )
    base_year = reader.get(table, where, "base_year", _int)
    paths = []
    for n, item in enumerate(reader.tables(table, "factor_path", f"{where}.factor_path"), 1):
        path = _read_factor_path(reader, item, f"{where}.factor_path[{n}]")
        if path is not None:
            paths.append(path)
    return ProjectionSpec(method, window, nonpositive, gaps, base_year, tuple(paths))


def scenario_from_text(text: str, file: str | None = None) -> Scenario:
    """Read a scenario from TOML text; every problem is raised at once (module notes)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFormatError([Problem.keyed("toml_invalid", file, error=str(exc))], file) from None
    lines = key_lines(text)
    reader = _Reader(file, lines)
    reader.keys(data, "", {"scenario", "projection", "target", "measure"})
    head = reader.table(data, "scenario", "scenario")
    reader.keys(head, "scenario", {"name", "area", "accounting", "end_year", "description"})
    name = reader.get(head, "scenario", "name", _text, required=True)
    area = reader.get(head, "scenario", "area", _text, required=True)
    accounting = reader.get(
        head,
        "scenario",
        "accounting",
        _choice("all", "hinku", "hinku-credits", "esr", "ets"),
        default="hinku",
    )
    end_year = reader.get(head, "scenario", "end_year", _int, default=2050)
    description = reader.get(head, "scenario", "description", _text, default="")
    if area is not None:
        from canemure.geography import resolve_area

        try:
            resolve_area(area)
        except LookupError as exc:
            reader.add_keyed("scenario.area", "as_raised", error=exc)
    projection = _read_projection(reader, reader.table(data, "projection", "projection"))
    targets = []
    for n, item in enumerate(reader.tables(data, "target", "target"), start=1):
        target = _read_target(reader, item, f"target[{n}]")
        if target is not None:
            targets.append(target)
    measures: list[MeasureSpec] = []
    seen: set[str] = set()
    for n, item in enumerate(reader.tables(data, "measure", "measure"), start=1):
        measure = _read_measure(reader, item, f"measure[{n}]")
        if measure is None:
            continue
        if measure.name in seen:
            reader.add_keyed(f"measure[{n}].name", "toml_duplicate_measure", measure.name)
        seen.add(measure.name)
        measures.append(measure)
    if reader.problems:
        raise DataFormatError(reader.problems, file)
    assert name is not None and area is not None  # noqa: PT018 - required, checked above
    return Scenario(
        name=name,
        area=area,
        accounting=accounting,
        end_year=end_year,
        description=description,
        projection=projection,
        targets=tuple(targets),
        measures=tuple(measures),
        file=file,
        lines=lines,
    )


def read_scenario(path: str | Path) -> Scenario:
    """Read a scenario file (UTF-8 TOML); every problem is raised at once."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            [Problem.keyed("not_utf8", str(path), error=str(exc))], path
        ) from None
    return scenario_from_text(text, str(path))


EXAMPLES = {"pohjois-karjala": "scenario_pohjois_karjala.toml"}
"""Example scenarios shipped in ``canemure/data`` (the same as ``examples/*.toml``)."""


def example_scenario(name: str = "pohjois-karjala") -> Scenario:
    """A scenario shipped with canemure, by name (see :data:`EXAMPLES`)."""
    from importlib import resources

    from canemure._resources import bundled_path
    from canemure.errors import UnknownNameError

    if name not in EXAMPLES:
        raise UnknownNameError("example scenario", name, tuple(EXAMPLES))
    file = EXAMPLES[name]
    text = resources.files("canemure").joinpath("data").joinpath(file).read_text("utf-8")
    return scenario_from_text(text, bundled_path(file))


# ----------------------------------------------------------------------------- writing
def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes, plus DEL, which TOML also wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pint.Quantity):
        magnitude = value.m
        number = repr(int(magnitude)) if isinstance(magnitude, int) else repr(float(magnitude))
        unit = unit_text(str(value.units))
        return _string(f"{number} {unit}".strip())
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r}")


def _key(key: str) -> str:
    """A TOML key: bare where it can be, else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _string(key)


def _lines(pairs: Sequence[tuple[str, Value]]) -> list[str]:
    return [f"{key} = {_value(value)}" for key, value in pairs if value is not None]


def _source_pairs(source: str | None, illustrative: bool) -> list[tuple[str, Value]]:
    return [("source", source), ("illustrative", True if illustrative else None)]


def write_scenario(scenario: Scenario) -> str:
    """The scenario as TOML text; :func:`scenario_from_text` reads it back equal."""
    out = ["[scenario]"]
    out += _lines(
        [
            ("name", scenario.name),
            ("area", scenario.area),
            ("accounting", scenario.accounting),
            ("end_year", scenario.end_year),
            ("description", scenario.description or None),
        ]
    )
    p = scenario.projection
    out += ["", "[projection]"]
    out += _lines(
        [
            ("method", p.method),
            ("window", p.window),
            ("nonpositive", p.nonpositive),
            ("gaps", p.gaps),
            ("base_year", p.base_year),
        ]
    )
    for path in p.factor_paths:
        out += ["", "[[projection.factor_path]]"]
        out += _lines(
            [
                ("sectors", path.sectors),
                ("years", path.years),
                ("values", path.values),
                *_source_pairs(path.source, path.illustrative),
            ]
        )
    for t in scenario.targets:
        out += ["", "[[target]]"]
        pairs: list[tuple[str, Value]] = [("published", t.published)]
        if t.published is None:
            pairs += [
                ("id", t.id),
                ("year", t.year),
                ("reduction", t.reduction),
                ("base_year", t.base_year),
                ("level", t.level),
                ("neutral", True if t.neutral else None),
                *_source_pairs(t.source, t.illustrative),
            ]
        pairs += [("scope_mismatch", t.scope_mismatch), ("allocate", t.allocate)]
        pairs += [("pathway", t.pathway)]
        out += _lines(pairs)
    for m in scenario.measures:
        out += ["", "[[measure]]"]
        settings: list[tuple[str, Value]] = []
        for key, value in m.settings:
            if key == "terms":
                inline = ", ".join(
                    "{ "
                    + ", ".join(
                        f"{k} = {_value(v)}"
                        for k, v in (
                            ("sector", t.sector),
                            ("activity", t.activity),
                            ("factor", t.factor),
                        )
                    )
                    + " }"
                    for t in value
                )
                out.append(f"terms = [{inline}]")
            else:
                settings.append((key, value))
        if m.sectors:
            inline = ", ".join(f"{_key(role)} = {_value(key)}" for role, key in m.sectors)
            out.append(f"sectors = {{ {inline} }}")
        kind: list[tuple[str, Value]] = [("mechanism", m.mechanism)]
        if m.template is not None:
            kind = [("template", m.template), ("estimate", m.estimate)]
            kind += [("costs", None if m.template_costs else False)]
        out += _lines(
            [
                ("name", m.name),
                *kind,
                *settings,
                ("start", m.start),
                ("full", m.full),
                ("shape", m.shape),
                ("lifetime", m.lifetime),
                ("areas", m.areas),
                ("split", m.split),
                ("split_year", m.split_year),
                ("status", m.status),
                ("actor", m.actor),
                *_source_pairs(m.source, m.illustrative),
            ]
        )
        if m.costs is not None:
            c = m.costs
            out += ["", "[measure.costs]"]
            out += _lines(
                [
                    ("investment", c.investment),
                    ("operating", c.operating),
                    ("discount_rate", c.discount_rate),
                    *_source_pairs(c.source, c.illustrative),
                ]
            )
            for saving in c.savings:
                out += ["", "[[measure.costs.savings]]"]
                out += _lines([("energy", saving.energy), ("price", saving.price)])
    return "\n".join(out) + "\n"
