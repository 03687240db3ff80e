"""The 30 measure parameters that printed counts, peaks, cents, ratios or lists, now read.

Each expectation is the printed cell read by hand (the CSV line is named), so a change in
how canemure reads a cell breaks a test here.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure._printed import PrintedNumberError
from canemure._printed_variants import split_variants
from canemure.errors import UnitError
from canemure.published.factors import ParameterKind, parse_parameter_unit, read_measure_parameters
from canemure.units import Q_

FACTORS = {f.line: f for f in read_measure_parameters()}


def test_amounts_per_installation_house_or_plant_are_euros_with_what_they_are_per() -> None:
    f = FACTORS[34]  # 8000-12000 | EUR per installation (incl. VAT, installed)
    assert (f.low, f.high, f.per) == (Q_(8000, "EUR"), Q_(12000, "EUR"), "installation")
    assert f.unit_note == "(incl. VAT, installed)"
    assert f.kind is ParameterKind.COST
    assert (FACTORS[111].value, FACTORS[111].per) == (Q_(400000, "EUR"), "farm-scale plant")
    assert (FACTORS[132].value, FACTORS[132].per) == (Q_(4000, "EUR"), "house")


def test_cents_peak_power_and_passenger_kilometres() -> None:
    # the source's own unit is centiEUR/kWh
    assert FACTORS[46].value == Q_(0.18, "EUR / kWh")  # 18.0 c/kWh
    assert FACTORS[47].value.m_as("EUR / MWh") == pytest.approx(145.0)  # 14.5 c/kWh
    pv = FACTORS[53]  # 1300-2000 EUR/kWp (VAT 0%)
    assert (pv.low, pv.high, pv.unit_note) == (
        Q_(1300, "EUR / kWp"),
        Q_(2000, "EUR / kWp"),
        "(VAT 0%)",
    )
    # 800 kWh/kWp/a: full-load hours, so the PV output of 5 kWp is 4 MWh/a
    assert (FACTORS[59].value * Q_(5, "kWp")).m_as("MWh / a") == pytest.approx(4.0)
    assert FACTORS[83].value == Q_(68, "g CO2e / pkm")
    assert FACTORS[83].kind is ParameterKind.EMISSION_FACTOR
    assert not FACTORS[83].value.is_compatible_with("g CO2e / vkm")  # a passenger is no vehicle


def test_qualified_denominators_keep_their_words() -> None:
    borehole = FACTORS[37]  # 100 | kWh per borehole metre per year
    assert borehole.value == Q_(100, "kWh / m / a")
    assert borehole.unit_note == "borehole metre"
    cycling = FACTORS[117]  # 0.3-1.3 | EUR per cycled km
    assert (cycling.low, cycling.high, cycling.unit_note) == (
        Q_(0.3, "EUR / km"),
        Q_(1.3, "EUR / km"),
        "cycled km",
    )


def test_ratios_relative_to_something_and_counts() -> None:
    bus = FACTORS[92]  # 2.0 | x diesel bus price
    assert (bus.value, bus.relative_to, bus.kind) == (
        Q_(2.0, "dimensionless"),
        "diesel bus price",
        ParameterKind.RATIO,
    )
    assert FACTORS[110].relative_to == "mercury vapour lamp power"
    houses = FACTORS[102]  # 190000 | houses
    assert (houses.value, houses.counted, houses.kind) == (
        Q_(190000, "dimensionless"),
        "houses",
        ParameterKind.COUNT,
    )


def test_cells_listing_values_per_category_year_or_cohort() -> None:
    heat = FACTORS[49]  # detached 115; terraced 109; apartment 66; other 82 | kWh/m2/a
    assert [(v.label, v.low.m_as("kWh / m**2 / a")) for v in heat.variants] == [
        ("detached", 115),
        ("terraced", 109),
        ("apartment", 66),
        ("other", 82),
    ]
    assert (heat.low, heat.high) == (Q_(66, "kWh / m**2 / a"), Q_(115, "kWh / m**2 / a"))
    tampere = FACTORS[158]  # 2020: 140; 2022: 122; 2023: 113 | g CO2e/kWh
    assert {v.label: v.low for v in tampere.variants} == {
        "2020": Q_(140, "g CO2e / kWh"),
        "2022": Q_(122, "g CO2e / kWh"),
        "2023": Q_(113, "g CO2e / kWh"),
    }
    assert tampere.gas_basis == "CO2e"
    boiler = FACTORS[147]  # 0.76 (pre-1920s stock) .. 0.83 (2018+) | -
    assert [(v.label, v.low.m) for v in boiler.variants] == [
        ("pre-1920s stock", 0.76),
        ("2018+", 0.83),
    ]
    by_building = FACTORS[38]  # detached 10000-20000; terraced 35000-65000; apartment block ...
    assert [(v.label, v.low.m, v.high.m) for v in by_building.variants] == [
        ("detached", 10000, 20000),
        ("terraced", 35000, 65000),
        ("apartment block", 100000, 200000),
    ]
    assert by_building.per == "installation"


def test_shares_and_several_quantities_in_one_cell() -> None:
    split = FACTORS[51]  # detached/terraced 100% heat pumps; apartment/... 50% HP 50% DH
    assert [(v.label, v.low.m_as("percent")) for v in split.variants] == [
        ("detached/terraced: heat pumps", 100),
        ("apartment/service/industrial: HP", 50),
        ("apartment/service/industrial: DH", 50),
    ]
    wind = FACTORS[64]  # 6949 MW; 14.4 TWh; 1601 turbines | MW, TWh/a
    assert wind.kind is ParameterKind.SEVERAL
    assert (wind.low, wind.high) == (None, None)  # no single span across MW, TWh/a and a count
    assert [(v.label, v.low, v.counted) for v in wind.variants] == [
        ("MW", Q_(6949, "MW"), None),
        ("TWh", Q_(14.4, "TWh / a"), None),  # the row's unit column says TWh/a
        ("turbines", Q_(1601, "dimensionless"), "turbines"),
    ]
    helsinki = FACTORS[116]  # 114 MEUR investment -> 888 MEUR benefits (NPV) | EUR
    assert {v.label: v.low.m_as("EUR") for v in helsinki.variants} == {
        "investment": 114e6,
        "benefits (NPV)": 888e6,
    }


def test_a_method_is_text_not_a_number() -> None:
    method = FACTORS[121]
    assert method.kind is ParameterKind.TEXT
    assert method.value_text == "benefit-sharing (hyödynjakomenetelmä)"
    assert (method.low, method.parse_note) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "about 5",  # one value is not a list
        "detached 115; detached 109",  # labels must tell the parts apart
        "detached 115; terraced at least 100",  # a bound is not a value
        "detached 115; 20,000 terraced extra",  # ambiguous thousands in one part
    ],
)
def test_lists_are_read_whole_or_not_at_all(text: str) -> None:
    with pytest.raises(PrintedNumberError):
        split_variants(text)


def test_unknown_words_in_units_are_still_refused() -> None:
    for bad in ("EUR per widget", "kWh per borehole per year", "x"):
        with pytest.raises(UnitError):
            parse_parameter_unit(bad)


labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@given(
    st.lists(
        st.tuples(labels, st.integers(0, 10**6)), min_size=2, max_size=6, unique_by=lambda x: x[0]
    )
)
def test_label_value_lists_round_trip(parts: list[tuple[str, int]]) -> None:
    text = "; ".join(f"{label} {value}" for label, value in parts)
    read = split_variants(text)
    assert [(v.label, v.amount.low) for v in read] == [(lab, float(val)) for lab, val in parts]
