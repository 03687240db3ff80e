"""Typed aliases and checks for pint quantities wrapping numpy arrays.

pint's typing is loose; keeping the aliases here confines mypy's complaints to one module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pint

from canemure.errors import UnitError
from canemure.units._registry import ureg

__all__ = ["QuantityArray", "QuantityScalar", "ensure_unit", "magnitude"]

if TYPE_CHECKING:
    import numpy.typing as npt  # for annotations only: importing it costs start-up time

    QuantityArray: TypeAlias = pint.Quantity[Any]
    """A pint Quantity whose magnitude is one numpy array (never an array of Quantities)."""
    QuantityScalar: TypeAlias = pint.Quantity[Any]
    """A pint Quantity whose magnitude is one number."""
else:
    QuantityArray = pint.Quantity
    """A pint Quantity whose magnitude is one numpy array (never an array of Quantities)."""
    QuantityScalar = pint.Quantity
    """A pint Quantity whose magnitude is a Python or numpy scalar."""


def ensure_unit(value: object, dimension_of: str, what: str = "value") -> pint.Quantity[Any]:
    """Return ``value`` as a Quantity with the dimension of unit ``dimension_of``.

    Strings are parsed (``"12 kt CO2e/a"``); plain numbers are refused because a number without a
    unit is ambiguous. Raises :class:`~canemure.errors.UnitError` naming ``what`` and the value.
    """
    if isinstance(value, str):
        try:
            value = ureg.Quantity(value)
        except Exception as exc:  # pint raises several unrelated types on bad strings
            raise UnitError.keyed(
                "unit_unparsable", what=what, value=value, error=str(exc)
            ) from exc
    if not isinstance(value, pint.Quantity):
        raise UnitError.keyed("unit_missing", what=what, value=value, unit=dimension_of)
    if not value.is_compatible_with(dimension_of):
        raise UnitError.keyed(
            "unit_dimension",
            what=what,
            value=value,
            dimension=str(value.dimensionality),
            unit=dimension_of,
        )
    return value


def magnitude(value: pint.Quantity[Any], unit: str) -> npt.NDArray[np.float64]:
    """Strip ``value`` to a float array in ``unit`` (the edge of a numeric kernel)."""
    try:
        return np.asarray(value.m_as(unit), dtype=np.float64)
    except pint.DimensionalityError as exc:
        raise UnitError.keyed("unit_inexpressible", value=value, unit=unit, error=str(exc)) from exc
