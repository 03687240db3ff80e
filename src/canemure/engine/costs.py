"""Costs of a measure: annualised cost and cost-effectiveness, with EUR as its own dimension.

The annualised cost spreads the investment over the lifetime ``n`` with the capital recovery
factor of a discount rate ``r``::

    crf(r, n) = r (1 + r)^n / ((1 + r)^n - 1)        (1 / n when r = 0)
    annualised = investment * crf + operating - sum(energy saved * price)

Cost-effectiveness is the annualised cost divided by the annual abatement it buys, in
EUR/t CO2e. EUR is a dimension of its own in :mod:`canemure.units`, so no arithmetic can make
it cancel: a cost-effectiveness always has ``[currency] / [mass] / [carbon_dioxide]``. A
negative figure means the measure saves more than it costs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np
import pint

from canemure.errors import UnitError
from canemure.units import Q_, ensure_unit

__all__ = ["EnergySaving", "MeasureCosts", "capital_recovery_factor", "cost_effectiveness"]

COST_EFFECTIVENESS_UNIT = "EUR / (t CO2e)"
"""The unit cost-effectiveness is reported in."""


def capital_recovery_factor(rate: float, lifetime: int) -> float:
    """The annuity factor ``r (1 + r)^n / ((1 + r)^n - 1)``; ``1 / n`` at ``r = 0``.

    >>> round(capital_recovery_factor(0.05, 20), 6)
    0.080243
    """
    if lifetime < 1:
        raise ValueError(f"lifetime must be at least 1 year, got {lifetime!r}")
    if rate <= -1.0:
        raise ValueError(f"discount rate must be above -100 %, got {rate!r}")
    if rate == 0.0:
        return 1.0 / lifetime
    # (1 + r)^n - 1 as expm1(n log1p(r)): exact also for rates close to zero
    return rate * (1.0 + rate) ** lifetime / math.expm1(lifetime * math.log1p(rate))


def _energy(value: object) -> pint.Quantity[Any]:
    return ensure_unit(value, "MWh / a", "energy saved")


def _price(value: object) -> pint.Quantity[Any]:
    return ensure_unit(value, "EUR / MWh", "energy price")


def _investment(value: object) -> pint.Quantity[Any]:
    return ensure_unit(value, "EUR", "investment")


def _operating(value: object) -> pint.Quantity[Any]:
    return ensure_unit(value, "EUR / a", "operating cost")


@attrs.frozen
class EnergySaving:
    """Energy saved per year, valued at a price (e.g. 12 MWh/a of oil at 120 EUR/MWh)."""

    energy: pint.Quantity[Any] = attrs.field(converter=_energy)
    """Energy saved per year."""
    price: pint.Quantity[Any] = attrs.field(converter=_price)
    """The price of that energy."""

    @property
    def value(self) -> pint.Quantity[Any]:
        """The saving per year in EUR/a."""
        result: pint.Quantity[Any] = (self.energy * self.price).to("EUR / a")
        return result


def _savings(value: Iterable[EnergySaving]) -> tuple[EnergySaving, ...]:
    return tuple(value)


def _rate(value: object) -> float:
    if isinstance(value, pint.Quantity):
        if not value.dimensionless:
            raise UnitError(f"a discount rate is dimensionless (e.g. '4 %'), got {value!r}")
        return float(value.m_as("dimensionless"))
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"a discount rate must be a number or a Quantity, got {value!r}")
    return float(value)


@attrs.frozen
class MeasureCosts:
    """A measure's investment, yearly operating cost and energy savings, and its discount rate.

    All fields are required: a missing cost is not zero. Say ``Q_(0, "EUR/a")`` when a measure
    really has no operating cost, and give no savings when none are claimed.
    """

    investment: pint.Quantity[Any] = attrs.field(converter=_investment)
    """One-off investment (EUR)."""
    operating: pint.Quantity[Any] = attrs.field(converter=_operating)
    """Operating and maintenance cost per year (EUR/a), excluding the energy saved."""
    discount_rate: float = attrs.field(converter=_rate)
    """Real discount rate per year (``0.04`` or ``Q_(4, "%")``)."""
    savings: tuple[EnergySaving, ...] = attrs.field(default=(), converter=_savings)
    """Energy saved per year, each at its price."""
    source: str = ""
    """Where the cost figures come from."""

    def __attrs_post_init__(self) -> None:
        figures = [self.investment.m, self.operating.m, self.discount_rate]
        figures += [x for saving in self.savings for x in (saving.energy.m, saving.price.m)]
        if any(np.isnan(x) for x in figures):
            raise ValueError(f"a cost figure is NaN (a missing cost is an error): {self!r}")

    def annualised(self, lifetime: int) -> pint.Quantity[Any]:
        """Investment as an annuity over ``lifetime`` years, plus operating cost, minus savings."""
        crf = capital_recovery_factor(self.discount_rate, lifetime)
        total = (self.investment * crf / Q_(1, "a")).to("EUR / a") + self.operating.to("EUR / a")
        for saving in self.savings:
            total = total - saving.value
        result: pint.Quantity[Any] = total
        return result


def cost_effectiveness(
    annualised_cost: pint.Quantity[Any], abatement: pint.Quantity[Any]
) -> pint.Quantity[Any]:
    """EUR per tonne of CO2e abated: annualised cost / annual abatement.

    Arrays work element-wise (e.g. per year). Zero abatement gives ``inf`` or ``nan`` (numpy's
    rules), never a silent zero.
    """
    cost = ensure_unit(annualised_cost, "EUR / a", "annualised cost").m_as("EUR / a")
    abated = ensure_unit(abatement, "t CO2e / a", "abatement").m_as("t CO2e / a")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.asarray(cost, dtype=np.float64) / np.asarray(abated, dtype=np.float64)
    return Q_(float(ratio) if ratio.ndim == 0 else ratio, COST_EFFECTIVENESS_UNIT)
