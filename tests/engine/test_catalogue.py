"""Catalogue templates: defaults traced to their CSV rows, worked examples by hand, errors."""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.engine.catalogue import TEMPLATES, TemplateInputError, template
from canemure.engine.costs import cost_effectiveness
from canemure.engine.measures import ActivityChange, Compensation, FactorChange, RelativeCut
from canemure.engine.ramp import Ramp
from canemure.errors import UnknownNameError
from canemure.published.factors import read_measure_parameters
from canemure.units import Q_, ureg

KT = ureg.Unit("kt CO2e / a")
T = ureg.Unit("t CO2e / a")
RAMP = Ramp(2025, 2030, lifetime=20)


def _csv_rows() -> dict[int, dict[str, str]]:
    text = resources.files("canemure").joinpath("data/measure_parameters.csv").read_text("utf-8")
    return dict(enumerate(csv.DictReader(io.StringIO(text)), start=2))


# the value printed on each default's line, read from the CSV by eye (independent of the parser)
PRINTED = {
    ("oil-to-ground-source-heat-pump", "oil_use"): (101, "2300", "l/a"),
    ("oil-to-ground-source-heat-pump", "oil_energy"): (99, "10", "kWh/l"),
    ("oil-to-ground-source-heat-pump", "oil_factor"): (144, "263", "g CO2e/kWh fuel"),
    ("oil-to-ground-source-heat-pump", "boiler_efficiency"): (103, "0.75", "-"),
    ("oil-to-ground-source-heat-pump", "cop"): (42, "3", "-"),
    ("oil-to-ground-source-heat-pump", "electricity_factor"): (138, "74", "g CO2e/kWh"),
    ("oil-to-ground-source-heat-pump", "investment_per_house"): (
        35,
        "15000-20000",
        "EUR per installation (installed)",
    ),
    ("oil-to-ground-source-heat-pump", "oil_price"): (65, "95.9", "EUR/MWh (incl. VAT 24%)"),
    ("oil-to-ground-source-heat-pump", "discount_rate"): (48, "3.5", "%"),
    ("oil-to-air-to-water-heat-pump", "cop"): (43, "2.5", "-"),
    ("electric-cars", "km_per_car"): (26, "13600", "km/car/a"),
    ("electric-cars", "car_factor"): (6, "167", "g CO2e/km"),
    ("electric-cars", "price_premium"): (93, "20000", "EUR per car"),
    ("electric-buses", "diesel_bus_factor"): (9, "731", "g CO2e/km"),
    ("electric-buses", "price_ratio"): (92, "2.0", "x diesel bus price"),
    ("led-street-lighting", "reference_saving"): (107, "27.7", "GWh/a"),
    ("rooftop-solar", "specific_yield"): (59, "800", "kWh/kWp/a"),
    ("onshore-wind-compensation", "capacity_factor"): (63, "0.32", "-"),
    ("farm-biogas", "investment_per_plant"): (111, "400000", "EUR per farm-scale plant"),
    ("deep-renovation-detached-houses", "heat_saving"): (
        115,
        "0.582",
        "fraction of heating energy",
    ),
}


def test_every_default_is_the_row_it_cites() -> None:
    rows = _csv_rows()
    records = {f.line: f for f in read_measure_parameters()}
    checked = 0
    for t in TEMPLATES.values():
        for p in t.parameters:
            if p.default is None:
                continue
            cited = p.default.citation
            row = rows[cited.line]
            assert row["parameter"] == cited.parameter, (t.key, p.name)
            assert cited.reliability == records[cited.line].reliability
            assert row["value"] in cited.printed or row["unit"] in cited.printed
            checked += 1
    assert checked >= 50


@pytest.mark.parametrize(("key", "name"), sorted(PRINTED))
def test_defaults_match_what_the_row_prints(key: str, name: str) -> None:
    line, value, unit = PRINTED[(key, name)]
    row = _csv_rows()[line]
    assert (row["value"], row["unit"]) == (value, unit)
    default = template(key).parameter(name).default
    assert default is not None
    assert default.citation.line == line
    assert str(line) in str(default)


def test_unit_conversions_of_defaults_by_hand() -> None:
    gshp = template("oil-to-ground-source-heat-pump")
    rate = gshp.parameter("discount_rate").default
    assert rate is not None
    assert rate.low.m == pytest.approx(0.035)  # "3.5 %"
    low = template("electric-buses").parameter("bus_price").default
    assert low is not None
    assert low.low.m_as("EUR / vehicle") == 500000.0
    led = template("led-street-lighting").parameter("reference_luminaires").default
    assert led is not None
    assert led.low.m == 83400.0  # "EUR (for ~83 400 luminaires)" on line 108


def test_ground_source_heat_pumps_by_hand() -> None:
    m = template("oil-to-ground-source-heat-pump").measure(
        "gshp", "167", RAMP, source="illustrative", houses=100, costs=False
    )
    assert isinstance(m.mechanism, ActivityChange)
    cut, add = m.mechanism.effects(KT)
    # 100 houses x 2300 l/a x 10 kWh/l = 2.3 GWh/a of oil x 263 g/kWh = 604.9 t
    assert (cut.kind, cut.sector, cut.amount) == ("cut", "Ölj", pytest.approx(0.6049))
    # heat 2.3 GWh x 0.75 = 1.725 GWh; / COP 3 = 0.575 GWh x 74 g/kWh = 42.55 t
    assert (add.kind, add.sector, add.amount) == ("add", "Säh", pytest.approx(0.04255))
    assert "line 144" in m.source
    assert "houses = 100 [given]" in m.source


def test_heat_pump_costs_by_hand() -> None:
    m = template("oil-to-air-to-water-heat-pump").measure(
        "awhp",
        "167",
        Ramp(2025, 2025, lifetime=15),
        source="illustrative",
        houses=10,
        operating_per_house=Q_(0, "EUR/a"),
        discount_rate=0.0,
        estimate="high",
    )
    assert m.costs is not None
    # investment 10 x 12000 EUR (high end of 8000-12000) over 15 a at 0 %: 8000 EUR/a
    # oil saved 10 x 23 MWh x 95.9 EUR/MWh = 22057 EUR/a
    # electricity 10 x 23 MWh x 0.75 / 2.5 = 69 MWh x 142.5 EUR/MWh = 9832.5 EUR/a
    expected = 8000.0 - 22057.0 + 9832.5
    assert m.annualised_cost().m_as("EUR / a") == pytest.approx(expected)
    assert "high end" in m.source


def test_street_lighting_scales_from_helsinki() -> None:
    m = template("led-street-lighting").measure(
        "led", "167", RAMP, source="illustrative", luminaires=834, costs=False
    )
    (cut,) = m.mechanism.effects(T)
    # 834 / 83400 = 1 %: 0.277 GWh/a x 74 g/kWh = 20.498 t
    assert cut.amount == pytest.approx(20.498)


def test_wind_is_compensation() -> None:
    m = template("onshore-wind-compensation").measure(
        "wind", "167", RAMP, source="illustrative", capacity=Q_(10, "MW"), costs=False
    )
    assert isinstance(m.mechanism, Compensation)
    # 10 MW x 0.32 x 8766 h (a Julian year) x 74 g/kWh
    assert m.mechanism.amount.m_as("t CO2e / a") == pytest.approx(10 * 0.32 * 8766 * 0.074)


def test_factor_change_and_relative_cut_templates() -> None:
    switch = template("district-heat-fuel-switch").measure(
        "dh",
        "167",
        RAMP,
        source="illustrative",
        old_factor=Q_(200, "g CO2e/kWh"),
        new_factor=Q_(50, "g CO2e/kWh"),
        share=0.5,
        costs=False,
    )
    assert isinstance(switch.mechanism, FactorChange)
    assert switch.mechanism.fraction == pytest.approx(0.375)  # 0.5 x (1 - 50/200)
    renovation = template("deep-renovation-detached-houses").measure(
        "reno",
        "167",
        RAMP,
        source="illustrative",
        share_renovated=0.1,
        sectors={"sector": "Ölj"},
        costs=False,
    )
    assert isinstance(renovation.mechanism, RelativeCut)
    assert renovation.mechanism.fraction == pytest.approx(0.0582)


REQUIRED: dict[str, dict[str, Any]] = {
    "oil-to-ground-source-heat-pump": {"houses": 5, "operating_per_house": "0 EUR/a"},
    "oil-to-air-to-water-heat-pump": {"houses": 5, "operating_per_house": "0 EUR/a"},
    "district-heat-fuel-switch": {
        "old_factor": "180 g CO2e/kWh",
        "new_factor": "60 g CO2e/kWh",
        "share": 1,
        "investment": "1 MEUR",
        "operating": "0 EUR/a",
    },
    "electric-cars": {"cars": 100, "operating_per_car": "-300 EUR/vehicle/a"},
    "electric-buses": {
        "buses": 4,
        "km_per_bus": "60000 km/vehicle/a",
        "operating_per_bus": "0 EUR/vehicle/a",
    },
    "led-street-lighting": {"luminaires": 2000},
    "rooftop-solar": {"capacity": "500 kWp", "operating": "1000 EUR/a"},
    "onshore-wind-compensation": {"capacity": "20 MW", "operating": "600000 EUR/a"},
    "farm-biogas": {
        "plants": 2,
        "fuel_displaced_per_plant": "300 MWh/a",
        "operating_per_plant": "20000 EUR/a",
        "sectors": {"from": "Maa"},
    },
    "deep-renovation-detached-houses": {
        "share_renovated": 0.05,
        "investment": "3 MEUR",
        "operating": "0 EUR/a",
        "sectors": {"sector": "Ölj"},
    },
    "cycling-and-walking-shift": {
        "car_km_avoided": "2e6 km/a",
        "investment": "2 MEUR",
        "operating": "10000 EUR/a",
    },
}


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_builds_with_its_required_inputs(key: str) -> None:
    assert set(REQUIRED) == set(TEMPLATES)
    m = template(key).measure(
        "m", "167", RAMP, source="illustrative", estimate="low", **REQUIRED[key]
    )
    assert m.costs is not None
    ce = cost_effectiveness(m.annualised_cost(), Q_(1, "t CO2e / a"))
    assert ce.dimensionality == Q_(1, "EUR / (t CO2e)").dimensionality
    assert ce.dimensionality != Q_(1, "EUR / t").dimensionality
    assert "catalogue template" in m.source


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_missing_required_inputs_are_named_at_once(key: str) -> None:
    t = template(key)
    with pytest.raises(TemplateInputError) as raised:
        t.measure("m", "167", RAMP, source="s")
    message = str(raised.value)
    for p in t.parameters:
        if p.required:
            assert repr(p.name) in message
    for role, sector in t.sectors.items():
        if sector is None:
            assert repr(role) in message


def test_ranges_need_an_end_and_factors_need_the_same_boundary() -> None:
    gshp = template("oil-to-ground-source-heat-pump")
    with pytest.raises(TemplateInputError, match="estimate='low' or 'high'"):
        gshp.measure("m", "167", RAMP, source="s", houses=1, operating_per_house="0 EUR/a")
    lifecycle = next(f for f in read_measure_parameters() if f.line == 74)
    assert lifecycle.boundary == "lifecycle"
    with pytest.raises(TemplateInputError, match="boundary"):
        gshp.measure(
            "m", "167", RAMP, source="s", houses=1, electricity_factor=lifecycle, costs=False
        )


def test_factor_records_are_accepted_and_cited() -> None:
    jrc = next(f for f in read_measure_parameters() if f.line == 129)
    oil = next(f for f in read_measure_parameters() if f.line == 144)
    # both boundary not stated, CO2e: comparable
    m = template("oil-to-ground-source-heat-pump").measure(
        "m", "167", RAMP, source="s", houses=1, electricity_factor=jrc, oil_factor=oil, costs=False
    )
    assert "ef_electricity_national_JRC_CoM_avg, line 129, grade B (verify original)" in m.source
    with pytest.raises(TemplateInputError, match="source"):
        template("electric-cars").measure("m", "167", RAMP, source=" ", cars=1, costs=False)
    co2_only = next(f for f in read_measure_parameters() if f.line == 3)
    with pytest.raises(TemplateInputError, match="gas basis"):
        template("electric-cars").measure(
            "m", "167", RAMP, source="s", cars=1, electricity_factor=co2_only, costs=False
        )


def test_bad_inputs_are_reported_together() -> None:
    with pytest.raises(TemplateInputError) as raised:
        template("rooftop-solar").measure(
            "m", "167", RAMP, source="s", capacity="5 kg", colour="red", costs=False
        )
    message = str(raised.value)
    assert "'colour'" in message
    assert "capacity" in message
    assert "2 problem(s)" in message


def test_describe_lists_every_parameter_and_unknown_names_suggest() -> None:
    text = template("electric-buses").describe()
    for p in template("electric-buses").parameters:
        assert p.name in text
    assert "km_per_bus [km / vehicle / a]: required" in text
    assert "measure_parameters.csv line 89" in text
    with pytest.raises(UnknownNameError, match="electric-buses"):
        template("electric-bus")


@given(
    st.integers(1, 100_000),
    st.floats(-5000, 5000, allow_nan=False),
    st.sampled_from(["low", "high"]),
)
def test_heat_pumps_scale_with_houses_and_cost_eur_per_tonne(
    houses: int, operating: float, end: str
) -> None:
    gshp = template("oil-to-ground-source-heat-pump")
    one = gshp.measure(
        "one",
        "167",
        RAMP,
        source="s",
        houses=1,
        operating_per_house=Q_(operating, "EUR/a"),
        estimate=end,  # type: ignore[arg-type]
    )
    many = gshp.measure(
        "many",
        "167",
        RAMP,
        source="s",
        houses=houses,
        operating_per_house=Q_(operating, "EUR/a"),
        estimate=end,  # type: ignore[arg-type]
    )
    for a, b in zip(one.mechanism.effects(T), many.mechanism.effects(T), strict=True):
        assert b.amount == pytest.approx(a.amount * houses)
    assert many.annualised_cost().m == pytest.approx(one.annualised_cost().m * houses)
    net = sum(e.amount if e.kind == "cut" else -e.amount for e in many.mechanism.effects(T))
    ce = cost_effectiveness(many.annualised_cost(), Q_(net, "t CO2e / a"))
    assert ce.dimensionality == Q_(1, "EUR / (t CO2e)").dimensionality
