"""Human-readable unit labels in the order the field writes them: ``kt CO2e/a``, ``€/t CO2e``.

Every quantity and unit of the package registry prints this way, whatever pint format spec
is given: ``f"{q}"``, ``f"{q:~}"``, ``f"{q:.1f}"``, ``f"{q:~P}"`` all end in ``kt CO2e/a``,
never in pint's ``kt_ * CO2e / year``. The spec's number part (``.1f``, ``.2e``) formats the
magnitude; ``L`` writes the label in LaTeX (``mathrm``); ``#`` converts to a compact unit
first. :func:`unit_text` (and the unit spec ``text``: ``f"{unit:text}"``) writes text that
parses back to the same unit: the label where it does, pint's explicit text where it does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pint

from canemure.units._registry import ureg

__all__ = ["unit_label", "unit_text"]

_GAS_DIMENSIONS = ("_gas]", "[carbon_dioxide]")


def _is_gas(name: str) -> bool:
    dims = str(ureg.get_dimensionality(name))
    return any(marker in dims for marker in _GAS_DIMENSIONS)


def _symbol(name: str) -> str:
    if name == "EUR":
        return "€"
    symbol = ureg.get_symbol(name)
    return {"metric_ton": "t"}.get(symbol, symbol)


def _term(name: str, power: float) -> str:
    exponent = abs(power)
    text = _symbol(name)
    return text if exponent == 1 else f"{text}^{exponent:g}"


def unit_label(unit: pint.Unit | str) -> str:
    """Format ``unit`` with the amount first, then the gas, then ``/`` and the denominators.

    >>> from canemure.units import ureg
    >>> unit_label(ureg.Unit("kt CO2e / a"))
    'kt CO2e/a'
    >>> unit_label("EUR / (t CO2e)")
    '€/t CO2e'
    >>> unit_label("t CO2e / resident / a")
    't CO2e/resident/a'
    """
    parsed = ureg.Unit(unit) if isinstance(unit, str) else unit
    return _label(parsed._units.items())


def unit_text(unit: pint.Unit | str) -> str:
    """Text for ``unit`` that a file can store and :func:`ureg.Unit` parses back to the same unit.

    The readable :func:`unit_label` where it round-trips (``kt CO2e/a``), else pint's
    explicit text: a gas in a denominator does not survive the label (``"€/t CO2e"`` parses as
    ``(€/t)*CO2e``), so such a unit is written ``EUR / CO2e / t``.

    >>> unit_text("kt CO2e / a")
    'kt CO2e/a'
    >>> ureg.Unit(unit_text("EUR / (t CO2e)")) == ureg.Unit("EUR / (t CO2e)")
    True
    """
    parsed = ureg.Unit(unit) if isinstance(unit, str) else unit
    label = unit_label(parsed)
    try:
        if ureg.Unit(label) == parsed:
            return label
    except (pint.PintError, ValueError, TypeError):
        pass
    return str(_native_format_unit(parsed, "~D"))


def _label(items: Iterable[tuple[str, Any]]) -> str:
    powers = [(name, float(power)) for name, power in items if name and name != "dimensionless"]
    if not powers:
        return ""
    numerator = [(n, p) for n, p in powers if p > 0]
    denominator = [(n, p) for n, p in powers if p < 0]

    def ordered(terms: list[tuple[str, float]]) -> list[str]:
        plain = [_term(n, p) for n, p in terms if not _is_gas(n)]
        gases = [_term(n, p) for n, p in terms if _is_gas(n)]
        return plain + gases

    top = " ".join(ordered(numerator)) or "1"  # noqa: RUF100
    bottom = ordered(denominator)
    gas_terms = [_term(n, p) for n, p in denominator if _is_gas(n)]
    if gas_terms and len(bottom) > len(gas_terms):  # "€/t CO2e": the gas qualifies its amount
        bottom = [f"{bottom[0]} {' '.join(gas_terms)}", *bottom[1 : len(bottom) - len(gas_terms)]]
    if not bottom:
        return top
    if top == "1" and len(bottom) == 1:
        return f"1/{bottom[0]}"
    return "/".join([top, *bottom])


@pint.register_unit_format("canemure")  # type: ignore[untyped-decorator]
def _pint_format(unit: Any, registry: Any, **options: Any) -> str:
    return _label(dict(unit).items())


_FORMAT = "canemure"
_UNIT_SPEC = re.compile(r"canemure|Lx|[~LHPDC#^]")
_native_format_unit: Any = ureg.formatter.format_unit
_native_format_quantity: Any = ureg.formatter.format_quantity
_plain_magnitude: Any = ureg.formatter._formatters["D"].format_magnitude


def _shown() -> bool:
    """Whether canemure's display is in force (pint's own texts are needed while loading)."""
    return bool(ureg.formatter.default_format == _FORMAT)


def _items(unit: Any) -> Iterable[tuple[str, Any]]:
    return unit._units.items() if isinstance(unit, pint.Unit) else unit


def _styled(label: str, spec: str) -> str:
    if "L" in spec and label:
        return "\\mathrm{" + label.replace(" ", "\\ ").replace("%", "\\%") + "}"
    return label


def _format_unit(unit: Any, uspec: str = "", sort_func: Any = None, **babel: Any) -> str:
    """Every unit spec gives the canemure label (styled for LaTeX with ``L``).

    The spec ``text`` gives :func:`unit_text`, which parses back to the same unit (pint-xarray:
    ``da.pint.dequantify(format="text")``).
    """
    if uspec == "text" and isinstance(unit, pint.Unit):
        return unit_text(unit)
    if not _shown():
        return str(_native_format_unit(unit, uspec, sort_func, **babel))
    return _styled(_label(_items(unit)), uspec or "")


def _format_quantity(quantity: Any, spec: str = "", **babel: Any) -> str:
    """``magnitude label``: the spec's number part formats the magnitude, the label is ours."""
    if not _shown():
        return str(_native_format_quantity(quantity, spec, **babel))
    spec = spec or ""
    if "#" in spec:
        quantity = quantity.to_compact()
    number = _plain_magnitude(quantity.magnitude, _UNIT_SPEC.sub("", spec))
    label = _styled(_label(_items(quantity.units)), spec)
    return f"{number} {label}" if label else str(number)


ureg.formatter.format_unit = _format_unit  # type: ignore[method-assign]
ureg.formatter.format_quantity = _format_quantity  # type: ignore[method-assign]
ureg.formatter.default_format = _FORMAT
