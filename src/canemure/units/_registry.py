"""The package's single pint unit registry.

Design notes
------------
* There is exactly one registry, :data:`ureg`, and it is installed as pint's application
  registry, so quantities built by users with ``pint.Quantity`` interoperate with ours.
* ``kt`` means *kilotonne* here (pint's default reads it as *knot*); ``a`` is a year.
* Greenhouse gases are dimensions of their own (``[carbon_dioxide]``, ``[methane]``, ...), so a
  tonne of CH4 can never silently become a tonne of CO2e. ``CO2`` and ``CO2e`` are the same unit:
  CO2 is its own equivalent under every metric. Other gases convert to CO2e only inside a GWP
  metric context (see :mod:`canemure.units.gwp`).
* EUR is a dimension of its own (``[currency]``), so € never cancels against anything silently.
* ``resident`` is a dimension (``[population]``) so per-resident quantities keep their meaning.
"""

from __future__ import annotations

from typing import Any

import pint

__all__ = ["Q_", "ureg"]

_DEFINITIONS = """
kt_ = 1e6 * kilogram = kt = kilotonne_
Mt_ = 1e9 * kilogram = Mt = megatonne_
EUR = [currency] = _ = euro = eur
CO2e = [carbon_dioxide] = _ = CO2 = CO2eq = CO2_eq = CO2ekv
resident = [population] = _ = inhabitant = capita = person = asukas
vehicle = [vehicle]
vehicle_kilometre = vehicle * kilometer = vkm = vehicle_km
head = [livestock] = head_of_cattle
"""


def _preprocess(text: str) -> str:
    # '€' is not a valid pint identifier; 'CO2-e' and 'CO2-ekv' are common Finnish spellings.
    return (
        text.replace("€", " EUR ")
        .replace("CO2-eq", "CO2e")
        .replace("CO2-ekv", "CO2e")
        .replace("CO2-e", "CO2e")
        .replace("CO₂", "CO2")
    )


def _build_registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        preprocessors=[_preprocess],
        on_redefinition="ignore",
        autoconvert_offset_to_baseunit=True,
    )
    for line in _DEFINITIONS.strip().splitlines():
        registry.define(line.strip())
    return registry


ureg: pint.UnitRegistry[Any] = _build_registry()
"""The package's unit registry; also pint's application registry."""

pint.set_application_registry(ureg)  # type: ignore[no-untyped-call]

Q_ = ureg.Quantity
"""Shortcut for ``ureg.Quantity``."""
