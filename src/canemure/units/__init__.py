"""Units: the package's single pint registry, GWP metric contexts and typed helpers."""

from canemure.units._registry import FULL_DEFINITIONS_ENV, Q_, load_full_definitions, ureg
from canemure.units.format import unit_label, unit_text
from canemure.units.gwp import (
    DEFAULT_METRIC,
    GASES,
    GWP_METRICS,
    GWP_SOURCE,
    gwp,
    gwp_context,
    to_co2e,
)
from canemure.units.typing import QuantityArray, QuantityScalar, ensure_unit, magnitude

__all__ = [
    "DEFAULT_METRIC",
    "FULL_DEFINITIONS_ENV",
    "GASES",
    "GWP_METRICS",
    "GWP_SOURCE",
    "Q_",
    "QuantityArray",
    "QuantityScalar",
    "ensure_unit",
    "gwp",
    "gwp_context",
    "load_full_definitions",
    "magnitude",
    "to_co2e",
    "unit_label",
    "unit_text",
    "ureg",
]
