"""The catalogue: templates for the replicable measures every Finnish region discusses.

A :class:`Template` turns a few inputs (how many houses, cars, kWp ...) and sourced defaults
into an engine :class:`~canemure.engine.measures.Measure` with its
:class:`~canemure.engine.costs.MeasureCosts`. Every default is a row of the bundled
``measure_parameters.csv`` (read with
:func:`canemure.published.factors.read_measure_parameters`) and cites that row: parameter name,
CSV line and reliability grade (:class:`Citation`). Where the file holds no figure, the
parameter is *required* and building the measure without it fails with one error naming every
missing input, its unit and what it means. canemure adds no numbers of its own: a default that
was printed as a range (``15000-20000 EUR``) is used only when the caller picks its ``"low"`` or
``"high"`` end (``estimate=``), as for published measures
(:func:`canemure.engine.published.from_published`).

Boundaries are never mixed. Factors of one template (the oil factor and the electricity
factor of a heat-pump switch, say) are checked to share their gas basis (CO2 vs CO2e) and
their boundary (lifecycle vs direct combustion; "not stated" counts as a boundary of its own),
as :func:`canemure.published.factors.require_comparable` does. The defaults are chosen in pairs
that pass (e.g. Ilmakalu's oil and electricity factors); a caller who passes an
:class:`~canemure.published.factors.EmissionFactor` record instead of a bare quantity is checked
too. A bare quantity cannot be checked and is recorded in the measure's source as "given".

Print a template's parameters with :meth:`Template.describe`; build a measure with
:meth:`Template.measure`; list the templates with :data:`TEMPLATES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs
import pint

from canemure.engine.costs import EnergySaving, MeasureCosts
from canemure.engine.measures import (
    ActivityChange,
    ActivityTerm,
    Compensation,
    FactorChange,
    Measure,
    Mechanism,
    RelativeCut,
)
from canemure.engine.ramp import Ramp
from canemure.errors import CanemureError, UnitError, UnknownNameError
from canemure.published.factors import EmissionFactor, read_measure_parameters, require_comparable
from canemure.published.measures import MeasureStatus
from canemure.units import Q_, ensure_unit
from canemure.units.format import unit_label

__all__ = [
    "TEMPLATES",
    "Citation",
    "Default",
    "Template",
    "TemplateInputError",
    "TemplateParameter",
    "sourced",
    "template",
]

PARAMETERS_CSV = "measure_parameters.csv"

Estimate = Literal["low", "high"]


class TemplateInputError(CanemureError, ValueError):
    """Inputs of a template are missing, unknown or of the wrong kind (all listed at once)."""


@attrs.frozen
class Citation:
    """Where a default comes from: one row of the bundled ``measure_parameters.csv``."""

    parameter: str
    """The row's parameter name (names recur, so the line is what identifies the row)."""
    line: int
    """Line of the row in ``measure_parameters.csv`` (header = line 1)."""
    reliability: str | None
    """Reliability grade of the row's source (A official ... D); ``None`` = not graded."""
    printed: str
    """The value and unit as printed in the row."""

    def __str__(self) -> str:
        grade = self.reliability or "not graded"
        return f"{self.parameter} ({PARAMETERS_CSV} line {self.line}, grade {grade})"


@attrs.frozen
class Default:
    """A sourced default: a value, or the low and high end of a printed range, and its row."""

    low: pint.Quantity[Any]
    """The value, or the low end of the printed range."""
    high: pint.Quantity[Any]
    """The value again, or the high end of the printed range."""
    citation: Citation
    """The row it was read from."""
    record: EmissionFactor
    """The row itself (for boundary and gas-basis checks)."""

    @property
    def is_range(self) -> bool:
        """Whether the row printed a range (the caller then picks an end)."""
        return bool(self.low.m != self.high.m)

    def pick(self, estimate: Estimate | None) -> pint.Quantity[Any]:
        """The value; for a range, its ``"low"`` or ``"high"`` end (``None`` is refused)."""
        if not self.is_range:
            return self.low
        if estimate is None:
            raise TemplateInputError(f"{self.citation} printed a range: choose estimate=low|high")
        return self.low if estimate == "low" else self.high

    def __str__(self) -> str:
        unit = unit_label(str(self.low.units))
        shown = f"{self.low.m:g}" if not self.is_range else f"{self.low.m:g}-{self.high.m:g}"
        shown = f"{shown} {unit}" if unit else shown
        return f"{shown} [{self.citation}]"


def _row(name: str, line: int) -> EmissionFactor:
    for record in read_measure_parameters():
        if record.line == line:
            if record.name != name:
                raise RuntimeError(f"{PARAMETERS_CSV} line {line} is {record.name!r}, not {name!r}")
            return record
    raise RuntimeError(f"{PARAMETERS_CSV} has no line {line}")


def sourced(name: str, line: int, unit: str, variant: str | None = None) -> Default:
    """The default read from row ``line`` (named ``name``) of ``measure_parameters.csv``.

    ``variant`` picks one labelled value of a row that prints several (``"2023"``). The value
    is converted to ``unit`` (which checks its dimension).
    """
    record = _row(name, line)
    low, high = record.low, record.high
    if variant is not None:
        chosen = [v for v in record.variants if v.label == variant]
        if len(chosen) != 1:
            raise RuntimeError(f"{PARAMETERS_CSV} line {line} has no variant {variant!r}")
        low, high = chosen[0].low, chosen[0].high
    if low is None or high is None:
        raise RuntimeError(f"{PARAMETERS_CSV} line {line} has no readable value")
    printed = f"{record.value_text} {record.unit_text}"
    citation = Citation(record.name, line, record.reliability, printed)
    return Default(low.to(unit), high.to(unit), citation, record)


def _luminaires_of_line_108() -> Default:
    """The luminaire count printed in the unit of row 108 (``EUR (for ~83 400 luminaires)``)."""
    record = _row("led_streetlight_helsinki_capex", 108)
    found = re.search(r"~?([\d ]+) luminaires", record.unit_note or "")
    if found is None:
        raise RuntimeError(f"{PARAMETERS_CSV} line 108 no longer prints a luminaire count")
    count = Q_(float(found.group(1).replace(" ", "")), "dimensionless")
    printed = f"{record.unit_text} (the count in the unit)"
    return Default(count, count, Citation(record.name, 108, record.reliability, printed), record)


@attrs.frozen
class TemplateParameter:
    """One input of a template: its name, unit, meaning and sourced default (or required)."""

    name: str
    """The keyword to give it by (``houses=...``)."""
    unit: str
    """The unit it is expected in (any unit of the same dimension is accepted)."""
    description: str
    """What it means."""
    default: Default | None = None
    """Its sourced default; ``None`` = a required input."""
    costs: bool = False
    """Whether it is only needed for the costs."""
    factor: bool = False
    """Whether it is an emission factor (checked for boundary and gas basis)."""

    @property
    def required(self) -> bool:
        """Whether the caller must give it (no sourced default exists)."""
        return self.default is None


Values = Mapping[str, pint.Quantity[Any]]
Built = tuple[Mechanism, Callable[[Values], MeasureCosts] | None]


@attrs.frozen
class Template:
    """A replicable measure: its parameters, the sectors it acts on and how it is built."""

    key: str
    """Short name (``"oil-to-ground-source-heat-pump"``)."""
    title: str
    """What the measure is, in words."""
    mechanism: str
    """How it acts on the inventory, in words (with the formula)."""
    parameters: tuple[TemplateParameter, ...]
    """Its inputs, in order."""
    sectors: Mapping[str, str | None]
    """The sectors it acts on, by role (``"from"``, ``"to"``); ``None`` = required."""
    build: Callable[[Values, Mapping[str, str]], Built] = attrs.field(repr=False)
    """Builds the mechanism (and a function of the values giving the costs)."""

    def parameter(self, name: str) -> TemplateParameter:
        """The parameter called ``name``."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise UnknownNameError("template parameter", name, [p.name for p in self.parameters])

    def describe(self) -> str:
        """The parameters as a plain-text table: name, unit, default with citation or required."""
        lines = [f"{self.key}: {self.title}", f"  mechanism: {self.mechanism}"]
        for role, sector in self.sectors.items():
            lines.append(f"  sector {role}: {sector if sector else 'required'}")
        for p in self.parameters:
            default = str(p.default) if p.default is not None else "required"
            tag = " (costs)" if p.costs else ""
            lines.append(f"  {p.name} [{p.unit}]{tag}: {default} -- {p.description}")
        return "\n".join(lines)

    def values(
        self,
        inputs: Mapping[str, object],
        *,
        costs: bool = True,
        estimate: Estimate | None = None,
    ) -> dict[str, pint.Quantity[Any]]:
        """The value of every parameter: given, else its default; all problems in one error."""
        values, problems = self._collect(inputs, costs, estimate)
        if problems:
            raise TemplateInputError(self._problems(problems))
        return values

    def _problems(self, problems: list[str]) -> str:
        listed = "\n  - ".join(problems)
        return f"template {self.key!r}: {len(problems)} problem(s):\n  - {listed}"

    def _collect(
        self, inputs: Mapping[str, object], costs: bool, estimate: Estimate | None
    ) -> tuple[dict[str, pint.Quantity[Any]], list[str]]:
        names = {p.name for p in self.parameters}
        problems = [
            f"unknown input {k!r} (known: {', '.join(sorted(names))})"
            for k in inputs
            if k not in names
        ]
        values: dict[str, pint.Quantity[Any]] = {}
        records: dict[str, EmissionFactor] = {}
        for p in self.parameters:
            if p.costs and not costs:
                continue
            if p.name in inputs:
                try:
                    value, record = _given(inputs[p.name], p, estimate)
                except (UnitError, TemplateInputError, TypeError) as exc:
                    problems.append(str(exc))
                    continue
                if record is not None:
                    records[p.name] = record
                values[p.name] = value
            elif p.default is None:
                problems.append(f"missing required input {p.name!r} [{p.unit}]: {p.description}")
            elif p.default.is_range and estimate is None:
                problems.append(
                    f"{p.name!r}: {p.default} is a printed range; pass estimate='low' or 'high' "
                    f"or give {p.name}= yourself"
                )
            else:
                values[p.name] = p.default.pick(estimate)
                if p.factor:
                    records[p.name] = p.default.record
        factors = {k: r for k, r in records.items() if self.parameter(k).factor}
        try:
            _same_boundary(factors)
        except UnitError as exc:
            problems.append(str(exc))
        return values, problems

    def measure(
        self,
        name: str,
        area: str,
        ramp: Ramp,
        *,
        source: str,
        costs: bool = True,
        estimate: Estimate | None = None,
        sectors: Mapping[str, str] | None = None,
        status: MeasureStatus = MeasureStatus.PLANNED,
        actor: str | None = None,
        **inputs: object,
    ) -> Measure:
        """An engine :class:`~canemure.engine.measures.Measure` for ``area`` from ``inputs``.

        ``source`` says where the inputs come from (or ``"illustrative"``); the measure's
        source adds every parameter's value and its citation or "given". ``costs=False``
        builds the measure without costs (their parameters are then not needed). ``estimate``
        picks the end of every ranged default used. ``sectors`` overrides the sector of a role.
        """
        if not source.strip():
            raise TemplateInputError(
                f"template {self.key!r}: say where the inputs come from (source=...), "
                "or source='illustrative'"
            )
        chosen = {**self.sectors, **(sectors or {})}
        unknown = sorted(set(sectors or {}) - set(self.sectors))
        missing = sorted(role for role, key in chosen.items() if not key)
        problems = [
            f"unknown sector role {r!r} (roles: {', '.join(self.sectors)})" for r in unknown
        ]
        problems += [f"missing required sector {r!r} (an ALas sector key)" for r in missing]
        values, more = self._collect(inputs, costs, estimate)
        problems += more
        if problems:
            raise TemplateInputError(self._problems(problems))
        keys = {role: key for role, key in chosen.items() if key}
        mechanism, cost_of = self.build(values, keys)
        record = self._record(values, inputs, source, estimate)
        measure_costs = cost_of(values) if costs and cost_of is not None else None
        if measure_costs is not None:
            measure_costs = attrs.evolve(measure_costs, source=record)
        return Measure(
            name,
            mechanism,
            ramp,
            record,
            area,
            status=status,
            actor=actor,
            costs=measure_costs,
        )

    def _record(
        self,
        values: Values,
        inputs: Mapping[str, object],
        source: str,
        estimate: Estimate | None,
    ) -> str:
        parts = []
        for p in self.parameters:
            if p.name not in values:
                continue
            shown = f"{values[p.name].m:g} {unit_label(str(values[p.name].units))}".strip()
            if p.name in inputs:
                given = inputs[p.name]
                origin = "[given]"
                if isinstance(given, EmissionFactor):
                    where = f", line {given.line}" if given.line is not None else ""
                    grade = given.reliability or "not graded"
                    origin = f"[{given.name}{where}, grade {grade}: {given.source}]"
            else:
                assert p.default is not None
                end = f", {estimate} end" if p.default.is_range else ""
                origin = f"[{p.default.citation}{end}]"
            parts.append(f"{p.name} = {shown} {origin}")
        return f"{source}; catalogue template {self.key!r}: " + "; ".join(parts)


def _given(
    value: object, parameter: TemplateParameter, estimate: Estimate | None
) -> tuple[pint.Quantity[Any], EmissionFactor | None]:
    record = None
    if isinstance(value, EmissionFactor):
        record = value
        if value.low is None or value.high is None:
            raise TemplateInputError(f"{parameter.name!r}: {value.name} has no readable value")
        if value.is_range and estimate is None:
            raise TemplateInputError(
                f"{parameter.name!r}: {value.name} is a range; pass estimate='low' or 'high'"
            )
        value = value.high if value.is_range and estimate == "high" else value.low
    if (
        parameter.unit == "dimensionless"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        value = Q_(float(value), "dimensionless")
    quantity = ensure_unit(value, parameter.unit, parameter.name)
    if not quantity.m == quantity.m:  # NaN: a missing value is an error, not a default
        raise TemplateInputError(f"{parameter.name!r} is NaN")
    return quantity.to(parameter.unit), record


def _same_boundary(factors: Mapping[str, EmissionFactor]) -> None:
    """Refuse factors whose gas basis or boundary differ (lifecycle vs direct)."""
    listed = list(factors.values())
    by_dimension: dict[str, list[EmissionFactor]] = {}
    for record in listed:
        if record.low is not None:
            by_dimension.setdefault(str(record.low.dimensionality), []).append(record)
    for group in by_dimension.values():
        if len(group) > 1:
            require_comparable(group)  # same kind of factor side by side (old/new factor)
    for label, attribute in (("gas basis", "gas_basis"), ("boundary", "boundary")):
        found = {getattr(f, attribute) for f in listed}
        if len(found) > 1:
            shown = ", ".join(f"{k}: {f.name} {getattr(f, attribute)}" for k, f in factors.items())
            raise UnitError(f"emission factors of one measure must share the {label}: {shown}")


# --- the defaults, each one row of measure_parameters.csv -------------------------------------

ELECTRICITY_FACTOR = sourced("ef_electricity_consumption_ilmakalu", 138, "g CO2e / kWh")
"""Electricity consumed in Finland in 2023 (Ilmakalu, grade D; same tool as the oil factor)."""
OIL_FACTOR = sourced("ef_light_fuel_oil_heating_ilmakalu", 144, "g CO2e / kWh")
"""Light fuel oil burnt for heating, per kWh of fuel (Ilmakalu, grade D)."""
CAR_FACTOR = sourced("ef_car_fleet_avg_co2e", 6, "g CO2e / km")
"""Finnish passenger-car fleet average (LIPASTO 2011)."""
DISCOUNT_RATE = sourced("discount_rate_default", 48, "dimensionless")
"""Cost-benefit discount rate (Tampere's tool, grade D)."""
OIL_PRICE = sourced("price_light_fuel_oil_household", 65, "EUR / MWh")
"""Household light fuel oil price, March 2021 (Statistics Finland, incl. VAT)."""
HOUSEHOLD_ELECTRICITY_PRICE = sourced("price_electricity_household_L2", 66, "EUR / MWh")
"""Household electricity price L2, March 2021 (same table and month as :data:`OIL_PRICE`)."""
ELECTRICITY_PRICE = sourced("electricity_price_default", 46, "EUR / MWh")
"""Electricity price of Tampere's tool (grade D), for non-household buyers."""


def _p(
    name: str,
    unit: str,
    description: str,
    default: Default | None = None,
    *,
    costs: bool = False,
    factor: bool = False,
) -> TemplateParameter:
    return TemplateParameter(name, unit, description, default, costs, factor)


def _discount() -> TemplateParameter:
    return _p("discount_rate", "dimensionless", "real discount rate", DISCOUNT_RATE, costs=True)


def _electricity_factor() -> TemplateParameter:
    """The emission factor of the electricity a measure adds (the same in every template)."""
    return _p(
        "electricity_factor",
        "g CO2e / kWh",
        "emissions of electricity used",
        ELECTRICITY_FACTOR,
        factor=True,
    )


def _costs(
    investment: pint.Quantity[Any],
    operating: pint.Quantity[Any],
    values: Values,
    savings: tuple[EnergySaving, ...] = (),
) -> MeasureCosts:
    return MeasureCosts(
        investment.to("EUR"),
        operating.to("EUR / a"),
        float(values["discount_rate"].m_as("dimensionless")),
        savings,
    )


# --- heat pumps replacing oil -----------------------------------------------------------------


def _heat_pump_parameters(cop: Default, capex: Default) -> tuple[TemplateParameter, ...]:
    return (
        _p("houses", "dimensionless", "number of oil-heated houses that switch"),
        _p(
            "oil_use",
            "l / a",
            "oil burnt per house per year",
            sourced("oil_use_avg_oil_heated_house", 101, "l / a"),
        ),
        _p(
            "oil_energy",
            "kWh / l",
            "energy content of light fuel oil",
            sourced("light_fuel_oil_energy_content", 99, "kWh / l"),
        ),
        _p(
            "oil_factor",
            "g CO2e / kWh",
            "emissions of oil burnt, per kWh of fuel",
            OIL_FACTOR,
            factor=True,
        ),
        _p(
            "boiler_efficiency",
            "dimensionless",
            "seasonal efficiency of the old oil boiler (useful heat / fuel)",
            sourced("oil_boiler_seasonal_efficiency_old", 103, "dimensionless"),
        ),
        _p("cop", "dimensionless", "seasonal coefficient of performance of the heat pump", cop),
        _electricity_factor(),
        _p("investment_per_house", "EUR", "installed heat pump per house", capex, costs=True),
        _p(
            "operating_per_house",
            "EUR / a",
            "change of maintenance cost per house and year, energy excluded",
            costs=True,
        ),
        _p("oil_price", "EUR / MWh", "price of the oil no longer bought", OIL_PRICE, costs=True),
        _p(
            "electricity_price",
            "EUR / MWh",
            "price of the electricity bought",
            HOUSEHOLD_ELECTRICITY_PRICE,
            costs=True,
        ),
        _discount(),
    )


def _heat_pump(values: Values, sectors: Mapping[str, str]) -> Built:
    fuel = values["oil_use"] * values["oil_energy"]
    heat = fuel * values["boiler_efficiency"]
    mechanism = ActivityChange.heat_pumps(
        count=values["houses"],
        fuel_use=fuel,
        fuel_factor=values["oil_factor"],
        heat_demand=heat,
        cop=values["cop"],
        electricity_factor=values["electricity_factor"],
        from_sector=sectors["from"],
        to_sector=sectors["to"],
    )

    def costs(v: Values) -> MeasureCosts:
        n = v["houses"]
        electricity = n * heat / v["cop"]
        savings = (
            EnergySaving((n * fuel).to("MWh / a"), v["oil_price"]),
            EnergySaving(-electricity.to("MWh / a"), v["electricity_price"]),
        )
        return _costs(n * v["investment_per_house"], n * v["operating_per_house"], v, savings)

    return mechanism, costs


_HEAT_PUMP_MECHANISM = (
    "removes houses x oil_use x oil_energy x oil_factor from oil heating; adds houses x "
    "oil_use x oil_energy x boiler_efficiency / cop x electricity_factor to electric heating"
)
_HEATING_SECTORS = {"from": "Ölj", "to": "Säh"}

GROUND_SOURCE = Template(
    "oil-to-ground-source-heat-pump",
    "oil-heated houses switch to ground-source heat pumps",
    _HEAT_PUMP_MECHANISM,
    _heat_pump_parameters(
        sourced("cop_ground_source_heat_pump_oil_replacement", 42, "dimensionless"),
        sourced("capex_ground_source_heat_pump_detached_house", 35, "EUR"),
    ),
    _HEATING_SECTORS,
    _heat_pump,
)
AIR_TO_WATER = Template(
    "oil-to-air-to-water-heat-pump",
    "oil-heated houses switch to air-to-water heat pumps",
    _HEAT_PUMP_MECHANISM,
    _heat_pump_parameters(
        sourced("cop_air_water_heat_pump_municipal", 43, "dimensionless"),
        sourced("capex_air_water_heat_pump_detached_house", 34, "EUR"),
    ),
    _HEATING_SECTORS,
    _heat_pump,
)


# --- generic costs for templates without sourced cost figures --------------------------------


def _plain_cost_parameters() -> tuple[TemplateParameter, ...]:
    return (
        _p("investment", "EUR", "total investment", costs=True),
        _p("operating", "EUR / a", "operating cost per year, net of any savings", costs=True),
        _discount(),
    )


def _plain_costs(v: Values) -> MeasureCosts:
    return _costs(v["investment"], v["operating"], v)


# --- district heat fuel switch ------------------------------------------------------------------


def _fuel_switch(values: Values, sectors: Mapping[str, str]) -> Built:
    mechanism = FactorChange(
        sectors["sector"], values["old_factor"], values["new_factor"], values["share"]
    )
    return mechanism, _plain_costs


DISTRICT_HEAT_SWITCH = Template(
    "district-heat-fuel-switch",
    "a district-heat utility replaces (part of) its fuels",
    "district-heat emissions x (1 - share x (1 - new_factor / old_factor))",
    (
        _p("old_factor", "g CO2e / kWh", "the utility's factor before the switch", factor=True),
        _p("new_factor", "g CO2e / kWh", "the factor of the heat that replaces it", factor=True),
        _p("share", "dimensionless", "share of the utility's heat that switches"),
        *_plain_cost_parameters(),
    ),
    {"sector": "Kau"},
    _fuel_switch,
)


# --- transport ----------------------------------------------------------------------------------


def _electric_cars(values: Values, sectors: Mapping[str, str]) -> Built:
    km = values["cars"] * values["km_per_car"] * Q_(1, "vehicle")
    km = km.to("km / a")
    mechanism = ActivityChange(
        (
            ActivityTerm(sectors["from"], -km, values["car_factor"]),
            ActivityTerm(
                sectors["to"], km * values["electricity_use"], values["electricity_factor"]
            ),
        )
    )

    def costs(v: Values) -> MeasureCosts:
        n = v["cars"] * Q_(1, "vehicle")
        return _costs(n * v["price_premium"], n * v["operating_per_car"], v)

    return mechanism, costs


ELECTRIC_CARS = Template(
    "electric-cars",
    "petrol and diesel cars replaced by battery-electric cars",
    "removes cars x km_per_car x car_factor from road transport; adds cars x km_per_car x "
    "electricity_use x electricity_factor to consumer electricity (ALas has no electricity "
    "row under road transport, see sector_hierarchy_alas.csv)",
    (
        _p("cars", "dimensionless", "number of cars replaced"),
        _p(
            "km_per_car",
            "km / vehicle / a",
            "kilometres per car and year",
            sourced("car_km_per_car_avg", 26, "km / vehicle / a"),
        ),
        _p("car_factor", "g CO2e / km", "emissions of the cars replaced", CAR_FACTOR, factor=True),
        _p(
            "electricity_use",
            "kWh / km",
            "electricity of a battery-electric car",
            sourced("energy_use_car_bev_ilmakalu", 152, "kWh / km"),
        ),
        _electricity_factor(),
        _p(
            "price_premium",
            "EUR / vehicle",
            "extra price of an electric car over a combustion car",
            sourced("ev_price_premium_car", 93, "EUR / vehicle"),
            costs=True,
        ),
        _p(
            "operating_per_car",
            "EUR / vehicle / a",
            "change of energy and maintenance cost per car and year (negative = saving)",
            costs=True,
        ),
        _discount(),
    ),
    {"from": "Tie", "to": "Kul"},
    _electric_cars,
)


def _electric_buses(values: Values, sectors: Mapping[str, str]) -> Built:
    km = (values["buses"] * Q_(1, "vehicle") * values["km_per_bus"]).to("km / a")
    mechanism = ActivityChange(
        (
            ActivityTerm(sectors["from"], -km, values["diesel_bus_factor"]),
            ActivityTerm(
                sectors["to"], km * values["electricity_use"], values["electricity_factor"]
            ),
        )
    )

    def costs(v: Values) -> MeasureCosts:
        n = v["buses"] * Q_(1, "vehicle")
        premium = v["bus_price"] * (1 - 1 / v["price_ratio"])
        return _costs(n * premium, n * v["operating_per_bus"], v)

    return mechanism, costs


ELECTRIC_BUSES = Template(
    "electric-buses",
    "diesel city buses replaced by battery-electric buses",
    "removes buses x km_per_bus x diesel_bus_factor from road transport; adds buses x "
    "km_per_bus x electricity_use x electricity_factor to consumer electricity; investment = "
    "buses x bus_price x (1 - 1 / price_ratio), the extra price over a diesel bus",
    (
        _p("buses", "dimensionless", "number of buses replaced"),
        _p("km_per_bus", "km / vehicle / a", "kilometres per bus and year"),
        _p(
            "diesel_bus_factor",
            "g CO2e / km",
            "emissions of a diesel bus",
            sourced("ef_bus_avg_co2e", 9, "g CO2e / km"),
            factor=True,
        ),
        _p(
            "electricity_use",
            "kWh / km",
            "electricity of an electric city bus",
            sourced("energy_use_electric_bus", 90, "kWh / km"),
        ),
        _electricity_factor(),
        _p(
            "bus_price",
            "EUR / vehicle",
            "price of an electric city bus",
            sourced("capex_electric_bus", 89, "EUR / vehicle"),
            costs=True,
        ),
        _p(
            "price_ratio",
            "dimensionless",
            "electric bus price / diesel bus price",
            sourced("electric_bus_price_ratio_vs_diesel", 92, "dimensionless"),
            costs=True,
        ),
        _p(
            "operating_per_bus",
            "EUR / vehicle / a",
            "change of energy and maintenance cost per bus and year (negative = saving)",
            costs=True,
        ),
        _discount(),
    ),
    {"from": "Tie", "to": "Kul"},
    _electric_buses,
)


def _cycling(values: Values, sectors: Mapping[str, str]) -> Built:
    avoided: pint.Quantity[Any] = values["car_km_avoided"].to("km / a") * -1.0
    term = ActivityTerm(sectors["from"], avoided, values["car_factor"])
    return ActivityChange((term,)), _plain_costs


CYCLING_WALKING = Template(
    "cycling-and-walking-shift",
    "car trips shifted to cycling and walking",
    "removes car_km_avoided x car_factor from road transport",
    (
        _p("car_km_avoided", "km / a", "car kilometres no longer driven per year"),
        _p(
            "car_factor", "g CO2e / km", "emissions of the cars not driven", CAR_FACTOR, factor=True
        ),
        *_plain_cost_parameters(),
    ),
    {"from": "Tie"},
    _cycling,
)


# --- electricity -------------------------------------------------------------------------------


def _street_lighting(values: Values, sectors: Mapping[str, str]) -> Built:
    scale = values["luminaires"] / values["reference_luminaires"]
    saved = (scale * values["reference_saving"]).to("MWh / a")
    term = ActivityTerm(sectors["from"], -saved, values["electricity_factor"])

    def costs(v: Values) -> MeasureCosts:
        saving = (EnergySaving(saved, v["electricity_price"]),)
        maintenance = -scale * v["reference_maintenance_saving"]
        return _costs(scale * v["reference_investment"], maintenance, v, saving)

    return ActivityChange((term,)), costs


STREET_LIGHTING = Template(
    "led-street-lighting",
    "street lights retrofitted with LED luminaires, scaled from Helsinki's retrofit",
    "removes luminaires / reference_luminaires x reference_saving x electricity_factor from "
    "consumer electricity; investment and maintenance saving scale the same way",
    (
        _p("luminaires", "dimensionless", "number of luminaires retrofitted"),
        _p(
            "reference_luminaires",
            "dimensionless",
            "luminaires of the reference retrofit (Helsinki)",
            _luminaires_of_line_108(),
        ),
        _p(
            "reference_saving",
            "GWh / a",
            "electricity saved by the reference retrofit",
            sourced("led_streetlight_helsinki_energy_saving", 107, "GWh / a"),
        ),
        _p(
            "electricity_factor",
            "g CO2e / kWh",
            "emissions of electricity saved",
            ELECTRICITY_FACTOR,
            factor=True,
        ),
        _p(
            "reference_investment",
            "EUR",
            "investment of the reference retrofit",
            sourced("led_streetlight_helsinki_capex", 108, "EUR"),
            costs=True,
        ),
        _p(
            "reference_maintenance_saving",
            "EUR / a",
            "maintenance saved by the reference retrofit",
            sourced("led_streetlight_helsinki_maintenance_saving", 109, "EUR / a"),
            costs=True,
        ),
        _p(
            "electricity_price",
            "EUR / MWh",
            "price of electricity saved",
            ELECTRICITY_PRICE,
            costs=True,
        ),
        _discount(),
    ),
    {"from": "Kul"},
    _street_lighting,
)


def _solar(values: Values, sectors: Mapping[str, str]) -> Built:
    produced = (values["capacity"] * values["specific_yield"]).to("MWh / a")
    term = ActivityTerm(sectors["from"], -produced, values["electricity_factor"])

    def costs(v: Values) -> MeasureCosts:
        saving = (EnergySaving(produced, v["electricity_price"]),)
        return _costs(v["capacity"] * v["investment_per_kwp"], v["operating"], v, saving)

    return ActivityChange((term,)), costs


ROOFTOP_SOLAR = Template(
    "rooftop-solar",
    "rooftop solar panels whose electricity replaces bought electricity",
    "removes capacity x specific_yield x electricity_factor from consumer electricity",
    (
        _p("capacity", "kWp", "peak power installed"),
        _p(
            "specific_yield",
            "kWh / kWp / a",
            "yearly yield per kWp (southern Finland, good site)",
            sourced("pv_specific_yield_south_finland", 59, "kWh / kWp / a"),
        ),
        _p(
            "electricity_factor",
            "g CO2e / kWh",
            "emissions of electricity replaced",
            ELECTRICITY_FACTOR,
            factor=True,
        ),
        _p(
            "investment_per_kwp",
            "EUR / kWp",
            "installed price of rooftop PV below 10 kW, VAT 0 %",
            sourced("capex_pv_residential_lt10kW", 53, "EUR / kWp"),
            costs=True,
        ),
        _p("operating", "EUR / a", "operating and maintenance cost per year", costs=True),
        _p(
            "electricity_price",
            "EUR / MWh",
            "price of the electricity not bought",
            HOUSEHOLD_ELECTRICITY_PRICE,
            costs=True,
        ),
        _discount(),
    ),
    {"from": "Kul"},
    _solar,
)


def _wind(values: Values, sectors: Mapping[str, str]) -> Built:
    produced = values["capacity"] * values["capacity_factor"]
    compensated = (produced * values["electricity_factor"]).to("t CO2e / a")

    def costs(v: Values) -> MeasureCosts:
        return _costs(v["capacity"] * v["investment_per_mw"], v["operating"], v)

    return Compensation(compensated), costs


ONSHORE_WIND = Template(
    "onshore-wind-compensation",
    "onshore wind power counted as compensation (kept apart from emissions)",
    "compensates capacity x capacity_factor x 1 a x electricity_factor per year",
    (
        _p("capacity", "MW", "rated power built"),
        _p(
            "capacity_factor",
            "dimensionless",
            "yearly mean output / rated power (turbines built 2011-2017)",
            sourced("wind_capacity_factor_2011_2017_turbines", 63, "dimensionless"),
        ),
        _p(
            "electricity_factor",
            "g CO2e / kWh",
            "emissions of the electricity it displaces",
            ELECTRICITY_FACTOR,
            factor=True,
        ),
        _p(
            "investment_per_mw",
            "EUR / MW",
            "investment per MW of onshore wind",
            sourced("capex_onshore_wind", 60, "EUR / MW"),
            costs=True,
        ),
        _p("operating", "EUR / a", "operating cost per year, net of sales revenue", costs=True),
        _discount(),
    ),
    {},
    _wind,
)


# --- agriculture and buildings -------------------------------------------------------------------


def _biogas(values: Values, sectors: Mapping[str, str]) -> Built:
    fuel = (values["plants"] * values["fuel_displaced_per_plant"]).to("MWh / a")
    removed: pint.Quantity[Any] = -fuel
    term = ActivityTerm(sectors["from"], removed, values["fossil_factor"])

    def costs(v: Values) -> MeasureCosts:
        n = v["plants"]
        saving = (EnergySaving(fuel, v["fuel_price"]),)
        return _costs(n * v["investment_per_plant"], n * v["operating_per_plant"], v, saving)

    return ActivityChange((term,)), costs


FARM_BIOGAS = Template(
    "farm-biogas",
    "farm-scale manure biogas plants replacing oil burnt on the farm",
    "removes plants x fuel_displaced_per_plant x fossil_factor from the sector given",
    (
        _p("plants", "dimensionless", "number of farm-scale plants"),
        _p("fuel_displaced_per_plant", "MWh / a", "oil no longer burnt per plant and year"),
        _p(
            "fossil_factor",
            "g CO2e / kWh",
            "emissions of the oil displaced",
            OIL_FACTOR,
            factor=True,
        ),
        _p(
            "investment_per_plant",
            "EUR",
            "investment of one farm-scale plant (before grants)",
            sourced("capex_farm_biogas_plant", 111, "EUR"),
            costs=True,
        ),
        _p("operating_per_plant", "EUR / a", "operating cost per plant and year", costs=True),
        _p("fuel_price", "EUR / MWh", "price of the oil no longer bought", OIL_PRICE, costs=True),
        _discount(),
    ),
    {"from": None},
    _biogas,
)


def _renovation(values: Values, sectors: Mapping[str, str]) -> Built:
    share = values["share_renovated"] * values["heat_saving"]
    return RelativeCut(sectors["sector"], share), _plain_costs


DEEP_RENOVATION = Template(
    "deep-renovation-detached-houses",
    "deep energy renovation of detached houses",
    "cuts share_renovated x heat_saving of the heating sector given",
    (
        _p(
            "share_renovated",
            "dimensionless",
            "share of the sector's heat used by the houses renovated",
        ),
        _p(
            "heat_saving",
            "dimensionless",
            "share of heating energy a deep renovation saves (houses built before 1990)",
            sourced("detached_house_heat_saving_potential_deep_renovation", 115, "dimensionless"),
        ),
        *_plain_cost_parameters(),
    ),
    {"sector": None},
    _renovation,
)


TEMPLATES: Mapping[str, Template] = {
    t.key: t
    for t in (
        GROUND_SOURCE,
        AIR_TO_WATER,
        DISTRICT_HEAT_SWITCH,
        ELECTRIC_CARS,
        ELECTRIC_BUSES,
        STREET_LIGHTING,
        ROOFTOP_SOLAR,
        ONSHORE_WIND,
        FARM_BIOGAS,
        DEEP_RENOVATION,
        CYCLING_WALKING,
    )
}
"""Every catalogue template by key."""


def template(key: str) -> Template:
    """The catalogue template called ``key`` (see :data:`TEMPLATES`)."""
    try:
        return TEMPLATES[key]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, list(TEMPLATES), n=3)
        raise UnknownNameError("catalogue template", key, close) from None
