"""canemure's compact unit definitions against pint's full default file, and the opt-in to it.

The compact file (``canemure/units/definitions.txt``) must give every unit the package reads
from its bundled data the same meaning as pint's own default definitions (with ``kt`` as the
kilotonne): the oracle here is a separate registry built from pint's whole default file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pint
import pytest
from fresh_process import python_output

from canemure.units import ureg


@pytest.fixture(scope="module")
def oracle() -> pint.UnitRegistry[Any]:
    """pint's full default registry with canemure's field units on top (kt = kilotonne)."""
    full: pint.UnitRegistry[Any] = pint.UnitRegistry(on_redefinition="ignore")
    for line in (
        "kt_ = 1e6 * kilogram = kt = kilotonne_",
        "Mt_ = 1e9 * kilogram = Mt = megatonne_",
        "EUR = [currency] = _ = euro = eur",
        "CO2e = [carbon_dioxide] = _ = CO2 = CO2eq = CO2_eq = CO2ekv",
        "resident = [population] = _ = inhabitant = capita = person = asukas",
        "vehicle = [vehicle]",
        "vehicle_kilometre = vehicle * kilometer = vkm = vehicle_km",
        "head = [livestock] = head_of_cattle",
        "watt_peak = watt = Wp",
        "passenger = [passenger]",
        "passenger_kilometre = passenger * kilometer = pkm = passenger_km",
    ):
        full.define(line)
    return full


@pytest.fixture(scope="module")
def units_read_from_bundled_data() -> set[str]:
    """Every unit text the package parses while reading all of its bundled data."""
    seen: set[str] = set()
    original = ureg.parse_units

    def spy(text: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(text, str):
            seen.add(text)
        return original(text, *args, **kwargs)

    from canemure.io.bundled import (
        district_heating_alas11,
        national_emission_factors,
        pohjois_karjala,
    )
    from canemure.published.factors import read_measure_parameters
    from canemure.published.measures import read_city_measures, read_region_measures
    from canemure.published.targets import read_city_targets, read_region_targets

    ureg.parse_units = spy  # type: ignore[method-assign]
    try:
        for read in (
            read_measure_parameters,
            read_region_measures,
            read_city_measures,
            read_region_targets,
            read_city_targets,
            pohjois_karjala,
            district_heating_alas11,
            national_emission_factors,
        ):
            cache_clear = getattr(read, "cache_clear", None)
            if cache_clear is not None:
                cache_clear()
            read()
    finally:
        del ureg.parse_units
    return seen


def _same(ours: pint.Unit, theirs: pint.Unit, oracle: pint.UnitRegistry[Any]) -> bool:
    mine = ureg.get_root_units(ours)
    other = oracle.get_root_units(theirs)
    return dict(mine[1].dimensionality) == dict(other[1].dimensionality) and mine[
        0
    ] == pytest.approx(other[0], rel=1e-12)


def test_bundled_data_units_mean_the_same_as_in_pints_full_file(
    units_read_from_bundled_data: set[str], oracle: pint.UnitRegistry[Any]
) -> None:
    assert len(units_read_from_bundled_data) >= 10  # the spy really saw the readers' units
    different = [
        text
        for text in sorted(units_read_from_bundled_data)
        if not _same(ureg.Unit(text), oracle.Unit(text), oracle)
    ]
    assert different == []


@pytest.mark.parametrize(
    "text",
    [
        "kt CO2e / a",
        "t CO2e / resident / a",
        "kg CO2e / kWh",
        "g CO2e / MJ",
        "GWh / a",
        "MWh",
        "TJ",
        "toe",
        "kW",
        "MW h",
        "m ** 3",
        "l / km",
        "ha",
        "EUR / (t CO2e)",
        "EUR / MWh",
        "kWh / vkm",
        "percent",
        "%",
        "ppm",
        "degC",
        "min",
        "week",
        "month",
        "Mt CO2e",
    ],
)
def test_field_units_match_pints_full_file(text: str, oracle: pint.UnitRegistry[Any]) -> None:
    assert _same(ureg.Unit(text), oracle.Unit(text), oracle)


def test_units_outside_the_compact_file_say_so() -> None:
    with pytest.raises(pint.UndefinedUnitError):
        ureg.Unit("knot")


def test_load_full_definitions_adds_pints_units_and_keeps_kilotonne() -> None:
    out = python_output(
        "from canemure.units import Q_, load_full_definitions\n"
        "q = Q_(2.0, 'kt CO2e / a')\n"
        "load_full_definitions(); load_full_definitions()\n"
        "print(Q_(1, 'mile').m_as('km'), Q_(1, 'knot').m_as('km/h'), Q_(1, 'kt').m_as('t'),"
        " q.m_as('t CO2e / a'))"
    )
    assert out.split() == ["1.609344", "1.852", "1000.0", "2000.0"]


def test_environment_variable_loads_the_full_definitions_at_import() -> None:
    code = "from canemure.units import Q_; print(Q_(1, 'mile').m_as('km'), Q_(1, 'kt').m_as('t'))"
    assert python_output(code, CANEMURE_UNITS="full").split() == ["1.609344", "1000.0"]


def test_gwp_contexts_work_after_loading_full_definitions() -> None:
    out = python_output(
        "from canemure.units import Q_, gwp_context, load_full_definitions\n"
        "load_full_definitions()\n"
        "print(Q_(1.0, 'kt CH4 / a').to('kt CO2e / a', gwp_context('AR5GWP100')).m)"
    )
    assert out == "28.0"


def _lines() -> Iterator[str]:
    from importlib import resources

    text = resources.files("canemure.units").joinpath("definitions.txt").read_text("utf-8")
    return iter(text.splitlines())


def test_definitions_file_is_plain_data() -> None:
    # a data file: definitions and comments only, no @import of anything outside the package
    assert not [line for line in _lines() if line.lstrip().startswith("@import")]
