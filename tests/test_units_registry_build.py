"""The registry is built without pint's text parser, and means exactly what the parser would.

``canemure.units`` turns ``definitions.txt`` and the GWP gas units into pint's definition
objects itself (:func:`canemure.units._registry.fast_definitions`,
:func:`~canemure.units._registry.base_unit_definition`), which makes ``import canemure.units``
several times faster. The oracle everywhere is pint's own parser on the same text.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pint
import pytest
from fresh_process import python_output
from hypothesis import given
from hypothesis import strategies as st
from pint.util import ParserHelper

from canemure.units import GASES, ureg
from canemure.units._registry import (
    _definition_lines,
    _expression,
    base_unit_definition,
    fast_definitions,
)


def _parsed_by_pint(lines: list[str]) -> list[Any]:
    parser = pint.UnitRegistry(None)._def_parser
    project = parser.parse_string("\n".join(lines))
    return list(parser.iter_parsed_project(project))


def _fields(definition: Any) -> tuple[Any, ...]:
    """A definition's kind and fields (pint's parser makes subclasses of the plain classes)."""
    kind = next(
        cls for cls in type(definition).__mro__ if cls.__module__ == "pint.facets.plain.definitions"
    )
    values = {f.name: getattr(definition, f.name) for f in dataclasses.fields(kind)}
    types = {name: type(value).__name__ for name, value in values.items()}
    scale = getattr(values.get("converter"), "scale", None)
    return kind.__name__, values, types, type(scale).__name__


def test_definitions_file_gives_what_pints_parser_gives() -> None:
    lines = _definition_lines()
    ours = fast_definitions(lines)
    assert ours is not None  # the file stays within the fast grammar
    theirs = _parsed_by_pint(lines)
    assert len(ours) == len(theirs) > 60
    assert [_fields(d) for d in ours] == [_fields(d) for d in theirs]


def test_every_gas_unit_is_what_pints_parser_makes_of_its_line() -> None:
    for gas in GASES[1:]:
        dimension = f"[{gas.lower()}_gas]"
        (theirs,) = _parsed_by_pint([f"{gas} = {dimension}"])
        assert _fields(base_unit_definition(gas, dimension)) == _fields(theirs)


def test_registry_has_the_units_and_meanings_of_a_pint_parsed_one() -> None:
    parsed: pint.UnitRegistry[Any] = pint.UnitRegistry(None, on_redefinition="ignore")
    parsed.load_definitions(_definition_lines())
    for gas in GASES[1:]:
        parsed.define(f"{gas} = [{gas.lower()}_gas]")
    assert set(parsed._units) <= set(ureg._units)
    for name in parsed._units:
        factor, root = ureg.get_root_units(name)
        expected_factor, expected_root = parsed.get_root_units(name)
        assert factor == pytest.approx(expected_factor, rel=1e-15), name
        assert dict(root._units) == dict(expected_root._units), name
    assert set(parsed._prefixes) == set(ureg._prefixes)


@pytest.mark.parametrize(
    "line",
    [
        "[density] = [mass] / [volume]",  # a derived dimension
        "@alias meter = metre_",  # a directive
        "foot = 12 inch = ft",  # implicit multiplication
        "sq_m = meter ^ 2",  # caret power
        "x_unit = meter * (second / 2)",  # parentheses
        "y_unit = meter ** 2 ** 2",  # chained power
        "z_unit = square meter",  # a word pint's preprocessor rewrites
        "w_unit = -1 * meter",  # a sign
        "v_unit = meter  # an inline comment",
    ],
)
def test_a_line_beyond_the_fast_grammar_sends_the_file_to_pints_parser(line: str) -> None:
    assert fast_definitions(["meter = [length] = m", line]) is None


_NAMES = st.sampled_from(["meter", "kilogram", "second", "[length]", "[]", "kt", "CO2e", "a_b1"])
_NUMBERS = st.sampled_from(["1", "2", "60", "0.5", "1e6", "1e-3", "1.5e+2", "365.25", "3."])
_TERMS = st.one_of(
    _NAMES,
    _NUMBERS,
    st.tuples(_NAMES, st.sampled_from(["2", "3", "-1", "0.5"])).map(lambda t: f"{t[0]} ** {t[1]}"),
)


@given(st.lists(st.tuples(st.sampled_from(["*", "/", " * ", " / "]), _TERMS), max_size=5), _TERMS)
def test_fast_expressions_equal_pints_parser(rest: list[tuple[str, str]], first: str) -> None:
    text = first + "".join(op + term for op, term in rest)
    ours = _expression(text)
    if ours is None:  # '** -1' and the like: left to pint's parser, which must read it
        ParserHelper.from_string(text, float)
        return
    theirs = ParserHelper.from_string(text, float)
    assert ours == theirs
    assert type(ours.scale) is type(theirs.scale)
    assert dict(ours) == dict(theirs)


def test_gas_units_parse_everywhere_in_a_fresh_process() -> None:
    """Each way of naming a gas works first thing in a process, whatever is imported first."""
    code = (
        "import pint\n"
        "from canemure.units._registry import Q_, ureg\n"
        "from canemure.units import unit_text, gwp_context\n"
        "print(Q_(1, 'kt CH4').to('kt CO2e', gwp_context()).magnitude)\n"
        "print(ureg('t CO2e').units == ureg.Unit('t CO2e'))\n"
        "print(pint.get_application_registry().Quantity(2, 'kt SF6 / a').units)\n"
        "u = ureg.Unit('EUR / (t N2O)')\n"
        "print(ureg.Unit(unit_text(u)) == u)\n"
        "print(str(Q_(3, 'kt HFC134a / a')))\n"
    )
    expected = ["28.0", "True", "kt SF6/a", "True", "3 kt HFC134a/a"]
    assert python_output(code).splitlines() == expected


def test_full_definitions_keep_the_gases_and_kilotonne_in_a_fresh_process() -> None:
    code = (
        "from canemure.units import Q_, ureg, gwp_context\n"
        "print(Q_(1, 'knot').to('km/h').magnitude)\n"
        "print(Q_(1, 'kt CH4').to('t CO2e', gwp_context()).magnitude)\n"
        "print(ureg.Unit('kt') == ureg.Unit('kilotonne_'))\n"
    )
    lines = python_output(code, CANEMURE_UNITS="full").splitlines()
    assert lines == ["1.852", "28000.0", "True"]
