"""Global-warming-potential metrics as pint contexts.

Each greenhouse gas is a dimension of its own, so ``Q_(2, "kt CH4/a").to("kt CO2e/a")`` raises:
the conversion depends on a *metric*, which the caller must choose. Metrics come from the IPCC
assessment-report tables carried by the zero-dependency ``globalwarmingpotentials`` package
(SAR, TAR, AR4, AR5 and AR6; GWP100 and others). A context is built lazily the first time its
metric is used, which keeps ``import canemure`` fast.

>>> from canemure.units import Q_, gwp_context
>>> Q_(1.0, "kt CH4/a").to("kt CO2e/a", gwp_context("AR5GWP100"))
<Quantity(28.0, 'CO2e * kilotonne / year')>
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import globalwarmingpotentials as _gwp_tables
import pint

from canemure.errors import UnitError, UnknownNameError
from canemure.units._registry import Q_, base_unit_definition, ureg

__all__ = [
    "DEFAULT_METRIC",
    "GASES",
    "GWP_METRICS",
    "GWP_SOURCE",
    "gwp",
    "gwp_context",
    "to_co2e",
]

GWP_SOURCE = (
    "IPCC assessment reports (SAR, TAR, AR4, AR5, AR6) as tabulated by the "
    f"'globalwarmingpotentials' package, version {_gwp_tables.__version__}"
)
"""Where the GWP values come from."""

GWP_METRICS: tuple[str, ...] = tuple(_gwp_tables.data)
"""Names of the available metrics, e.g. ``"AR4GWP100"``, ``"AR5GWP100"``, ``"AR6GWP100"``."""

DEFAULT_METRIC = "AR5GWP100"
"""The metric SYKE's ALas model reports in (AR5 GWP100 is used in Finland's national inventory
since 2023 submissions; ALas follows it). Pass another metric explicitly where needed."""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _dimension(gas: str) -> str:
    return f"[{gas.lower()}_gas]"


def _define_gases() -> tuple[str, ...]:
    gases = sorted(
        {g for table in _gwp_tables.data.values() for g in table if _NAME.fullmatch(g)} - {"CO2"}
    )
    defined = []
    for gas in gases:
        # An existing unit of the same name (with or without a prefix) would be ambiguous.
        # (``gas in ureg`` asks the same through pint's whole expression parser.)
        if ureg.parse_unit_name(gas):
            continue
        # What ureg.define(f"{gas} = {_dimension(gas)}") defines, without pint's text parser
        # (about 0.5 ms a line; 100 gases made it most of the cost of importing canemure.units)
        ureg.define(base_unit_definition(gas, _dimension(gas)))  # type: ignore[arg-type]
        defined.append(gas)
    return tuple(defined)


GASES: tuple[str, ...] = ("CO2", *_define_gases())
"""Gases with a unit of their own; every one but CO2 needs a metric to become CO2e."""


def gwp(gas: str, metric: str = DEFAULT_METRIC) -> float:
    """Return the global-warming potential of ``gas`` under ``metric`` (CO2 is always 1)."""
    table = _table(metric)
    if gas in ("CO2", "CO2e"):
        return 1.0
    try:
        return float(table[gas])
    except KeyError:
        raise UnknownNameError(f"gas in metric {metric}", gas, _close(gas, table)) from None


def _table(metric: str) -> dict[str, float]:
    try:
        return dict(_gwp_tables.data[metric])
    except KeyError:
        raise UnknownNameError("GWP metric", metric, _close(metric, GWP_METRICS)) from None


def _close(name: str, options: object) -> list[str]:
    import difflib

    return difflib.get_close_matches(name, [str(o) for o in options], n=3)  # type: ignore[attr-defined]


@cache
def gwp_context(metric: str = DEFAULT_METRIC) -> str:
    """Register the pint context for ``metric`` (once) and return its name.

    Use the name with ``Quantity.to(unit, name)`` or ``with ureg.context(name):``.
    """
    table = _table(metric)
    context = pint.Context(metric)
    for gas in GASES[1:]:
        if gas not in table:
            continue
        factor = float(table[gas])
        for form in ("{g}", "[mass] * {g}", "[mass] * {g} / [time]"):
            src = form.format(g=_dimension(gas))
            dst = form.format(g="[carbon_dioxide]")
            context.add_transformation(src, dst, _converter(gas, factor))
    ureg.add_context(context)
    return metric


def _converter(gas: str, factor: float) -> Any:
    co2e_per_gas = Q_(factor, f"CO2e / {gas}")

    def convert(_registry: pint.UnitRegistry[Any], value: pint.Quantity[Any]) -> pint.Quantity[Any]:
        result: pint.Quantity[Any] = value * co2e_per_gas
        return result

    return convert


def to_co2e(
    quantity: pint.Quantity[Any], metric: str = DEFAULT_METRIC, unit: str = "kt CO2e / a"
) -> pint.Quantity[Any]:
    """Convert an emission of one gas to CO2e under ``metric``.

    Raises :class:`~canemure.errors.UnitError` when the quantity is not an emission of a gas.
    """
    try:
        result: pint.Quantity[Any] = quantity.to(unit, gwp_context(metric))
        return result
    except pint.DimensionalityError as exc:
        raise UnitError(f"cannot express {quantity:~} as {unit} under {metric}: {exc}") from exc
