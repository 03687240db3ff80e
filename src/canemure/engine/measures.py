"""Model measures: what a measure does to an area's emissions, and who does it.

A published measure (:mod:`canemure.published.measures`) records what a plan printed; a
model measure (:class:`Measure`) *acts* on an :class:`~canemure.inventory.EmissionInventory`. Every
mechanism reduces to three kinds of effect on one sector of the areas it applies to (see
:mod:`canemure.engine.combine` for how they combine):

* ``relative``: a fraction of the sector's emissions is cut (negative: they grow);
* ``cut``: an absolute amount is removed (never more than what remains);
* ``add``: an absolute amount is added (e.g. electricity for heat pumps);

and compensation, which never touches the emissions (HINKU counts at most 20 % of it, so it is
kept apart and reported next to them).

Units are checked when a mechanism is built (a cut must be a mass of CO2e per time, a factor
change compares two factors of one dimension) and again against the inventory's unit when a
measure acts on it. No mechanism has a default quantity: factors, counts and efficiencies are
required inputs, because canemure never invents a number.

Status: the published :class:`~canemure.published.measures.MeasureStatus` has no
"cancelled"; the engine adds :data:`CANCELLED` (an :class:`EngineStatus`) rather than
changing the published record. A cancelled measure is kept in a portfolio for the record
but acts on nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

import attrs
import numpy as np
import pint

from canemure.engine.costs import MeasureCosts
from canemure.engine.ramp import Ramp
from canemure.errors import UnitError
from canemure.published.measures import MeasureStatus
from canemure.units import ensure_unit

__all__ = [
    "CANCELLED",
    "AbsoluteCut",
    "ActivityChange",
    "ActivityTerm",
    "Compensation",
    "Effect",
    "EffectKind",
    "EngineStatus",
    "FactorChange",
    "Measure",
    "Mechanism",
    "RelativeCut",
    "Status",
]

EMISSION_RATE = "t CO2e / a"
"""The dimension every emission amount of a mechanism must have."""

EffectKind = Literal["relative", "cut", "add", "compensation"]
"""What an :class:`Effect` does to its sector (see the module notes)."""


class EngineStatus(enum.Enum):
    """Statuses beyond the published :class:`~canemure.published.measures.MeasureStatus`."""

    CANCELLED = "cancelled"
    """Decided against or abandoned: kept for the record, acts on nothing."""


CANCELLED = EngineStatus.CANCELLED
"""Shortcut for :attr:`EngineStatus.CANCELLED`."""

Status: TypeAlias = MeasureStatus | EngineStatus
"""A model measure's status: a published status or :data:`CANCELLED`."""


@attrs.frozen
class Effect:
    """One effect of a mechanism on one sector, at full effect and unit scale."""

    kind: EffectKind
    """``relative``, ``cut``, ``add`` or ``compensation``."""
    sector: str | None
    """The sector key it acts on (``None`` for compensation)."""
    amount: float
    """A fraction for ``relative``; otherwise an amount in the inventory's unit (>= 0)."""


def _fraction(value: object) -> float:
    if isinstance(value, pint.Quantity):
        if not value.dimensionless:
            raise UnitError(f"a fraction must be dimensionless (e.g. '20 %'), got {value!r}")
        return float(value.m_as("dimensionless"))
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"a fraction must be a number or a dimensionless Quantity, got {value!r}")
    return float(value)


def _emission_rate(value: object, what: str) -> pint.Quantity[Any]:
    return ensure_unit(value, EMISSION_RATE, what)


def _amount(value: object) -> pint.Quantity[Any]:
    return ensure_unit(value, EMISSION_RATE, "amount")


def _in_unit(value: pint.Quantity[Any], unit: pint.Unit, what: str) -> float:
    try:
        return float(value.m_as(unit))
    except pint.DimensionalityError as exc:
        raise UnitError(
            f"{what} is {value!r}, which cannot act on an inventory in {unit}: {exc}"
        ) from exc


@attrs.frozen
class RelativeCut:
    """Cut a fraction of a sector's emissions (``0.2`` or ``Q_(20, "%")`` = 20 % less)."""

    sector: str
    """The sector key (e.g. ``"Tie"``)."""
    fraction: float = attrs.field(converter=_fraction)
    """The share cut at full effect, from 0 to 1."""

    def __attrs_post_init__(self) -> None:
        if not 0.0 <= self.fraction <= 1.0:
            raise ValueError(f"a relative cut must be between 0 and 1, got {self.fraction!r}")

    def effects(self, unit: pint.Unit) -> tuple[Effect, ...]:
        """The effects at full effect (the unit is not needed: a fraction has none)."""
        return (Effect("relative", self.sector, self.fraction),)


@attrs.frozen
class AbsoluteCut:
    """Remove an amount of emissions per year from a sector (``Q_(2, "kt CO2e/a")``)."""

    sector: str
    """The sector key."""
    amount: pint.Quantity[Any] = attrs.field(converter=_amount)
    """The cut at full effect, a mass of CO2e per time, >= 0."""

    def __attrs_post_init__(self) -> None:
        if not self.amount.m >= 0:  # also refuses NaN
            raise ValueError(f"an absolute cut must be a number >= 0, got {self.amount!r}")

    def effects(self, unit: pint.Unit) -> tuple[Effect, ...]:
        """The effect at full effect, in ``unit``."""
        return (Effect("cut", self.sector, _in_unit(self.amount, unit, "an absolute cut")),)


@attrs.frozen
class ActivityTerm:
    """A change of activity in one sector times the emission factor of that activity.

    ``activity`` is negative for activity removed (oil no longer burnt), positive for activity
    added (electricity for heat pumps). ``activity * factor`` must be a mass of CO2e per time.
    """

    sector: str
    """The sector key the activity belongs to."""
    activity: pint.Quantity[Any]
    """The change of activity per year (e.g. ``Q_(-3.2, "GWh/a")``)."""
    factor: pint.Quantity[Any]
    """The emission factor of that activity (e.g. ``Q_(0.266, "kg CO2e/kWh")``)."""

    def __attrs_post_init__(self) -> None:
        for name in ("activity", "factor"):
            if not isinstance(getattr(self, name), pint.Quantity):
                raise UnitError(f"{name} of sector {self.sector!r} needs a unit")
        if not self.factor.m >= 0 or np.isnan(self.activity.m):
            raise ValueError(
                f"need a number for the activity and a factor >= 0, got {self.activity!r} "
                f"and {self.factor!r}"
            )
        _emission_rate(self.emissions, f"activity x factor in sector {self.sector!r}")

    @property
    def emissions(self) -> pint.Quantity[Any]:
        """The change of emissions, ``activity * factor`` (negative = fewer)."""
        result: pint.Quantity[Any] = self.activity * self.factor
        return result


def _terms(value: Iterable[ActivityTerm]) -> tuple[ActivityTerm, ...]:
    return tuple(value)


@attrs.frozen
class ActivityChange:
    """Change activities times their emission factors, in one or more sectors."""

    terms: tuple[ActivityTerm, ...] = attrs.field(converter=_terms)
    """The activity changes; removed activity is a cut, added activity an addition."""

    def __attrs_post_init__(self) -> None:
        if not self.terms:
            raise ValueError("an activity change needs at least one term")

    @classmethod
    def heat_pumps(
        cls,
        *,
        count: pint.Quantity[Any] | float,
        fuel_use: pint.Quantity[Any],
        fuel_factor: pint.Quantity[Any],
        heat_demand: pint.Quantity[Any],
        cop: pint.Quantity[Any] | float,
        electricity_factor: pint.Quantity[Any],
        from_sector: str = "Ölj",
        to_sector: str = "Säh",
    ) -> ActivityChange:
        """``count`` buildings switch from a fuel to heat pumps.

        Removes ``count * fuel_use * fuel_factor`` from ``from_sector`` (oil heating by default)
        and adds ``count * heat_demand / cop * electricity_factor`` to ``to_sector`` (electric
        heating, where ALas counts heat pumps). Every quantity is a required input: ``fuel_use``
        and ``heat_demand`` per building per year, ``cop`` the seasonal coefficient of
        performance (dimensionless).
        """
        n = float(count.m_as("dimensionless")) if isinstance(count, pint.Quantity) else count
        performance = _fraction(cop)
        if not (n >= 0 and performance > 0):  # also refuses NaN
            raise ValueError(f"count must be >= 0 and cop > 0, got {count!r} and {cop!r}")
        removed = ActivityTerm(from_sector, -n * fuel_use, fuel_factor)
        added = ActivityTerm(to_sector, n * heat_demand / performance, electricity_factor)
        return cls((removed, added))

    def effects(self, unit: pint.Unit) -> tuple[Effect, ...]:
        """Removed activity as cuts, added activity as additions, in ``unit``."""
        out = []
        for term in self.terms:
            value = _in_unit(term.emissions, unit, f"activity x factor in {term.sector!r}")
            out.append(Effect("cut" if value < 0 else "add", term.sector, abs(value)))
        return tuple(out)


@attrs.frozen
class FactorChange:
    """Change the emission factor of (a share of) a sector's activity: a fuel switch.

    The sector's emissions are activity x factor, so a new factor scales them by
    ``new / old`` on the ``share`` of the activity it covers: a relative change of
    ``share * (1 - new / old)`` (negative when the new factor is higher).
    """

    sector: str
    """The sector key (e.g. ``"Kau"`` for district heating)."""
    old: pint.Quantity[Any]
    """The factor before the switch."""
    new: pint.Quantity[Any]
    """The factor after the switch (same dimension as ``old``)."""
    share: float = attrs.field(default=1.0, converter=_fraction)
    """The share of the sector's activity that switches (1 = all of it)."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.old, pint.Quantity) or not isinstance(self.new, pint.Quantity):
            raise UnitError(f"old and new factors need units, got {self.old!r}, {self.new!r}")
        if not self.old.is_compatible_with(self.new.units):
            raise UnitError(f"old factor {self.old!r} and new factor {self.new!r} differ in kind")
        if not (self.old.m > 0 and self.new.m >= 0):  # also refuses NaN
            raise ValueError(f"need old > 0 and new >= 0, got {self.old!r} and {self.new!r}")
        if not 0.0 <= self.share <= 1.0:
            raise ValueError(f"share must be between 0 and 1, got {self.share!r}")

    @property
    def fraction(self) -> float:
        """The relative cut at full effect, ``share * (1 - new / old)``."""
        return self.share * (1.0 - float((self.new / self.old).m_as("dimensionless")))

    def effects(self, unit: pint.Unit) -> tuple[Effect, ...]:
        """One relative effect (a cut, or growth when the new factor is higher)."""
        return (Effect("relative", self.sector, self.fraction),)


@attrs.frozen
class Compensation:
    """Compensation or a sink: counted apart from emissions, never subtracted from them."""

    amount: pint.Quantity[Any] = attrs.field(converter=_amount)
    """Tonnes of CO2e per year compensated or removed at full effect, >= 0."""
    kind: Literal["compensation", "sink"] = attrs.field(
        default="compensation", validator=attrs.validators.in_(("compensation", "sink"))
    )
    """Bought or produced compensation, or a carbon sink."""

    def __attrs_post_init__(self) -> None:
        if not self.amount.m >= 0:
            raise ValueError(f"a compensation must be a number >= 0, got {self.amount!r}")

    def effects(self, unit: pint.Unit) -> tuple[Effect, ...]:
        """The compensated amount in ``unit`` (kept apart from emissions)."""
        return (Effect("compensation", None, _in_unit(self.amount, unit, "a compensation")),)


Mechanism: TypeAlias = RelativeCut | AbsoluteCut | ActivityChange | FactorChange | Compensation
"""How a measure acts on an inventory."""


def _areas(value: Sequence[str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _scales(value: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


@attrs.frozen
class Measure:
    """A model measure: a mechanism acting on areas from a start year, with its provenance.

    A measure is defined for ``areas[0]`` with the quantities of that area; replicated to
    other areas (:func:`canemure.engine.replication.replicate`) its absolute quantities are
    multiplied by ``scales`` (relative ones apply unchanged), and ``scaled_by`` says how.
    """

    name: str
    """A unique name within a portfolio."""
    mechanism: Mechanism
    """What it does (relative cut, absolute cut, activity change, factor change, compensation)."""
    ramp: Ramp
    """Start year, year of full effect, shape and lifetime."""
    source: str
    """Provenance: where the measure and its numbers come from, or that they are illustrative."""
    areas: tuple[str, ...] = attrs.field(converter=_areas)
    """The areas (municipality codes) it applies to; the first is where it was defined."""
    scales: tuple[float, ...] = attrs.field(converter=_scales)
    """Multiplier of its absolute quantities in each area (1 where it was defined)."""
    status: Status = MeasureStatus.PLANNED
    """Published status, or :data:`CANCELLED`."""
    actor: str | None = None
    """Who is responsible for carrying it out."""
    costs: MeasureCosts | None = None
    """Investment, operating cost and savings as defined for ``areas[0]``; ``None`` = unknown."""
    scaled_by: str | None = None
    """How it was scaled to other areas (e.g. ``"population 2023"``); ``None`` = not scaled."""

    @scales.default
    def _one_per_area(self) -> tuple[float, ...]:
        return (1.0,) * len(self.areas)

    def __attrs_post_init__(self) -> None:
        if not self.name:
            raise ValueError("a measure needs a name")
        if not self.areas:
            raise ValueError(f"measure {self.name!r} applies to no area")
        if len(set(self.areas)) != len(self.areas):
            raise ValueError(f"measure {self.name!r} lists an area twice: {self.areas}")
        if len(self.scales) != len(self.areas):
            raise ValueError(
                f"measure {self.name!r}: {len(self.scales)} scales for {len(self.areas)} areas"
            )
        bad = [s for s in self.scales if not s >= 0]  # also catches NaN
        if bad:
            raise ValueError(f"measure {self.name!r}: scales must be >= 0, got {bad}")
        if not self.source.strip():
            raise ValueError(f"measure {self.name!r} needs a source (or say 'illustrative')")

    @property
    def cancelled(self) -> bool:
        """Whether the measure was cancelled (it then acts on nothing)."""
        return self.status is CANCELLED

    @property
    def total_scale(self) -> float:
        """The sum of its scales: how many times its defining area's quantities it amounts to."""
        return float(sum(self.scales))

    def annualised_cost(self) -> pint.Quantity[Any]:
        """Annualised cost over the lifetime, in all its areas (EUR/a); needs costs, lifetime."""
        if self.costs is None:
            raise ValueError(f"measure {self.name!r} has no costs")
        if self.ramp.lifetime is None:
            raise ValueError(f"measure {self.name!r} needs a lifetime to annualise its costs")
        result: pint.Quantity[Any] = self.costs.annualised(self.ramp.lifetime) * self.total_scale
        return result

    def cost_per_year(self, years: Sequence[int]) -> pint.Quantity[Any]:
        """Annualised cost of the part deployed in each of ``years`` (EUR/a).

        The annualised cost (:meth:`annualised_cost`) times the ramp share of the year: what
        is deployed costs its annuity, operation and savings while it acts, and nothing after
        its lifetime. Needs costs and a lifetime.
        """
        result: pint.Quantity[Any] = self.annualised_cost() * self.ramp.shares(years)
        return result

    def __repr__(self) -> str:
        kind = type(self.mechanism).__name__
        where = self.areas[0] if len(self.areas) == 1 else f"{len(self.areas)} areas"
        return f"<Measure {self.name!r} {kind} in {where} from {self.ramp.start}>"
