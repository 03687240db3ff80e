"""The package's single pint unit registry, built from canemure's own compact definitions.

Design notes
------------
* There is exactly one registry, :data:`ureg`, and it is installed as pint's application
  registry, so quantities built by users with ``pint.Quantity`` interoperate with ours.
* **Compact definitions.** pint's default registry parses its whole definitions file (about
  0.1--0.3 s per process, more than everything else ``canemure baseline`` does); pint's own
  cache would store pickles, which canemure's rule on data files excludes. The registry is
  built instead from ``definitions.txt`` beside this module: SI base units and prefixes, and the
  time, mass, energy, power, volume, area, currency, count and CO2e units the field uses, with
  the canonical names, symbols and factors of pint's own file. Its lines are simple (``name =
  number * unit ** n / unit = symbol = alias``), so :func:`fast_definitions` turns them into
  pint's own definition objects without pint's general text parser (which took about 0.1 s a
  process, more than the rest of the registry); a line it does not recognise sends the whole
  file through pint's parser, and a test checks that both give equal definitions. pint's
  parser module itself (and flexcache) then runs only when something parses a definition text
  (:mod:`canemure._pint_parser`, set up by ``import canemure`` before pint is imported).
* **Units outside it** (knots, miles, BTU, ...): call :func:`load_full_definitions` once, or set
  ``CANEMURE_UNITS=full`` in the environment before canemure is imported. Both add pint's whole
  default file to *this* registry (quantities already made stay valid) while keeping
  canemure's meanings: ``kt`` stays the kilotonne (pint's file also calls the knot ``kt``; the
  knot keeps ``kn`` and ``knot``).
* ``kt`` means *kilotonne* here; ``a`` is a year.
* Greenhouse gases are dimensions of their own (``[carbon_dioxide]``, ``[methane]``, ...), so a
  tonne of CH4 can never silently become a tonne of CO2e. ``CO2`` and ``CO2e`` are the same unit:
  CO2 is its own equivalent under every metric. Other gases convert to CO2e only inside a GWP
  metric context (see :mod:`canemure.units.gwp`).
* EUR is a dimension of its own (``[currency]``), so € never cancels against anything silently.
* ``resident`` is a dimension (``[population]``) so per-resident quantities keep their meaning.
"""

from __future__ import annotations

import operator
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pint
from pint.converters import Converter
from pint.facets.plain import PrefixDefinition, ScaleConverter, UnitDefinition
from pint.util import ParserHelper, UnitsContainer

from canemure._resources import package_text

__all__ = [
    "FULL_DEFINITIONS_ENV",
    "Q_",
    "base_unit_definition",
    "fast_definitions",
    "load_full_definitions",
    "ureg",
]

FULL_DEFINITIONS_ENV = "CANEMURE_UNITS"
"""Environment variable: ``full`` loads pint's whole default definitions at import."""

_DEFINITIONS_FILE = "definitions.txt"


def _preprocess(text: str) -> str:
    # '€' is not a valid pint identifier; 'CO2-e' and 'CO2-ekv' are common Finnish spellings.
    return (
        text.replace("€", " EUR ")
        .replace("CO2-eq", "CO2e")
        .replace("CO2-ekv", "CO2e")
        .replace("CO2-e", "CO2e")
        .replace("CO₂", "CO2")
    )


def _definition_lines() -> list[str]:
    text = package_text("canemure.units", _DEFINITIONS_FILE)
    return text.splitlines()


_NUMBER = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_TOKEN = re.compile(
    rf"\s*(?:(?P<number>{_NUMBER})(?![A-Za-z0-9_.])|(?P<op>\*\*|\*|/)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z_]*\]))"
)
_REWRITTEN_WORDS = frozenset({"per", "squared", "cubed", "cubic", "square", "sq", "nan"})
"""Words pint's string preprocessor rewrites: an expression with one goes to pint's parser."""

_Value = int | float | ParserHelper
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {"*": operator.mul, "/": operator.truediv}


def _number(text: str) -> int | float:
    """A number as pint's parser reads it: ``int`` when it can be, else ``float``."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def _expression(text: str) -> ParserHelper | None:
    """What ``ParserHelper.from_string(text)`` gives, for the simple expressions only.

    Terms are numbers, names and ``[dimension]`` s joined by ``*`` and ``/``, each with an
    optional ``** number``; anything else gives ``None``.
    """
    tokens: list[tuple[str, str]] = []
    text = text.strip()
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.lastgroup is None:
            return None
        kind, token = match.lastgroup, match.group(match.lastgroup)
        if kind == "name" and token.lower() in _REWRITTEN_WORDS:
            return None
        tokens.append((kind, token))
        position = match.end()
    value: _Value | None = None
    pending = "*"
    index = 0
    while True:
        if index >= len(tokens) or tokens[index][0] == "op":
            return None
        kind, token = tokens[index]
        term: _Value = _number(token) if kind == "number" else ParserHelper.from_word(token)
        index += 1
        if index < len(tokens) and tokens[index] == ("op", "**"):
            if index + 1 >= len(tokens) or tokens[index + 1][0] != "number":
                return None
            term = operator.pow(term, _number(tokens[index + 1][1]))
            index += 2
        value = term if value is None else _OPERATORS[pending](value, term)
        if index == len(tokens):
            break
        kind, token = tokens[index]
        if kind != "op" or token not in _OPERATORS:  # also a second '**' (a ** b ** c)
            return None
        pending = token
        index += 1
    if isinstance(value, ParserHelper):
        return value
    return ParserHelper(value, non_int_type=float)


def _symbol_and_aliases(parts: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    """``= symbol = alias = ...`` as pint reads it (``_`` for no symbol)."""
    symbol: str | None = None
    aliases = list(parts)
    if aliases:
        if aliases[0] == "_":
            aliases = aliases[1:]
        else:
            symbol, *aliases = aliases
    return symbol, tuple(alias for alias in aliases if alias not in ("", "_"))


def _fast_definition(line: str) -> object | None:
    """The pint definition of one plain unit or prefix line, or ``None`` when it is not one."""
    if line.startswith(("[", "@")) or "=" not in line or "#" in line:
        return None
    name, value, *rest = (part.strip() for part in line.split("="))
    if name.endswith("-"):
        number = _expression(value)
        if number is None or len(number):
            return None
        symbol, aliases = _symbol_and_aliases([alias.rstrip("-") for alias in rest])
        return PrefixDefinition(name.rstrip("-"), number.scale, symbol, aliases)  # type: ignore[arg-type]
    modifiers: dict[str, Any] = {}
    if ";" in value:
        value, _, text = value.partition(";")
        for part in text.split(";"):
            key, sep, number_text = part.partition(":")
            number = _expression(number_text)
            if not sep or number is None or len(number):
                return None
            modifiers[key.strip()] = number.scale
    scaled = _expression(value)
    if scaled is None:
        return None
    symbol, aliases = _symbol_and_aliases(rest)
    converter = Converter.from_arguments(scale=scaled.scale, **modifiers)
    return UnitDefinition(name, symbol, aliases, converter, UnitsContainer(scaled))


def fast_definitions(lines: Iterable[str]) -> list[object] | None:
    """Pint's definition objects for the lines of a simple definitions file, in order.

    Comments and blank lines are skipped. ``None`` when any line is more than a plain unit or
    prefix definition (a dimension, a directive, a group, an expression beyond ``*``, ``/``
    and ``**``): pint's parser must read such a file. The objects equal those pint's own parser
    makes from the same lines (``tests/test_units_registry_build.py``).
    """
    definitions: list[object] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        definition = _fast_definition(line)
        if definition is None:
            return None
        definitions.append(definition)
    return definitions


def base_unit_definition(name: str, dimension: str) -> UnitDefinition:
    """The definition of ``name = [dimension]``: a base unit of a dimension of its own.

    Equal to what pint's parser makes of that line, without running the parser.
    """
    return UnitDefinition(name, None, (), ScaleConverter(1), UnitsContainer({dimension: 1}))


def _build_registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        None,
        preprocessors=[_preprocess],
        on_redefinition="ignore",
        autoconvert_offset_to_baseunit=True,
    )
    lines = _definition_lines()
    definitions = fast_definitions(lines)
    if definitions is None:
        registry.load_definitions(lines)
    else:
        for definition in definitions:
            registry.define(definition)  # type: ignore[arg-type]
    return registry


ureg: pint.UnitRegistry[Any] = _build_registry()
"""The package's unit registry; also pint's application registry."""

pint.set_application_registry(ureg)  # type: ignore[no-untyped-call]

Q_ = ureg.Quantity
"""Shortcut for ``ureg.Quantity``."""

_full_lock = threading.Lock()
_full_loaded = False


def _pint_default_lines() -> list[str]:
    """Pint's default definitions, with its constants inlined and ``kt`` left to the kilotonne."""
    from importlib import resources

    package = resources.files("pint")
    text = package.joinpath("default_en.txt").read_text("utf-8")
    constants = package.joinpath("constants_en.txt").read_text("utf-8")
    text = text.replace("@import constants_en.txt", constants)
    text = re.sub(r"^(knot = [^\n]*?)= kt ", r"\1", text, flags=re.MULTILINE)
    return text.splitlines()


def load_full_definitions() -> None:
    """Add pint's whole default unit definitions to canemure's registry (once).

    For units the compact definitions leave out (``knot``, ``mile``, ``BTU``, ``gallon``, ...).
    Costs about as long as building pint's default registry (0.1--0.3 s). Names canemure
    defines keep canemure's meaning: ``kt`` is still the kilotonne.

    >>> from canemure.units import Q_, load_full_definitions
    >>> load_full_definitions()
    >>> Q_(1, "mile").to("km")
    <Quantity(1.609344, 'kilometer')>
    >>> Q_(1, "kt").to("t")
    <Quantity(1000, 'metric_ton')>
    """
    global _full_loaded  # noqa: PLW0603 - one registry per process, extended once
    with _full_lock:
        if _full_loaded:
            return
        # pint's system definitions compare unit *texts*; canemure's display format
        # ("kt CO2e/a", see canemure.units.format) must not be in force while they load.
        shown = ureg.formatter.default_format
        ureg.formatter.default_format = ""
        try:
            ureg.load_definitions(_pint_default_lines())
        finally:
            ureg.formatter.default_format = shown
        _full_loaded = True


if os.environ.get(FULL_DEFINITIONS_ENV, "").strip().lower() == "full":
    load_full_definitions()
