"""Units: the single registry, mass/energy round trips, € as its own dimension, GWP contexts."""

from __future__ import annotations

import math

import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.errors import UnitError, UnknownNameError
from canemure.units import (
    DEFAULT_METRIC,
    GASES,
    GWP_METRICS,
    Q_,
    ensure_unit,
    gwp,
    gwp_context,
    magnitude,
    to_co2e,
    unit_label,
    ureg,
)

finite = st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)


# ----------------------------------------------------------------------------- registry
def test_one_registry_is_pints_application_registry() -> None:
    assert pint.get_application_registry().get() is ureg
    # a quantity built through pint's own class mixes with ours
    assert (pint.Quantity(1, "kt") + Q_(1, "t")).m_as("t") == pytest.approx(1001.0)


def test_kt_is_kilotonne_not_knot() -> None:
    assert Q_(1, "kt").dimensionality == ureg.get_dimensionality("[mass]")
    assert Q_(1, "kt / a").m_as("t / a") == 1000.0
    assert Q_(1, "Mt").m_as("kt") == 1000.0


def test_spellings_of_co2e_and_euro() -> None:
    for text in ("t CO2e", "t CO2-e", "t CO2-ekv", "t CO2-eq", "t CO₂", "t CO2"):
        assert Q_(1, text).units == ureg.Unit("t CO2e"), text
    assert Q_(1, "€").units == ureg.Unit("EUR")
    assert Q_("5 €/MWh").units == ureg.Unit("EUR / MWh")


# ----------------------------------------------------------------------------- round trips
@given(finite)
def test_mass_round_trips_kt_t_mt(x: float) -> None:
    q = Q_(x, "kt CO2e / a")
    assert q.to("t CO2e / a").magnitude == pytest.approx(x * 1000.0, rel=1e-12, abs=1e-300)
    assert q.to("Mt CO2e / a").magnitude == pytest.approx(x / 1000.0, rel=1e-12, abs=1e-300)
    back = q.to("t CO2e / a").to("Mt CO2e / a").to("kt CO2e / a").magnitude
    assert back == pytest.approx(x, rel=1e-12, abs=1e-300)


@given(finite)
def test_energy_round_trips_gwh_mwh(x: float) -> None:
    q = Q_(x, "GWh / a")
    assert q.to("MWh / a").magnitude == pytest.approx(x * 1000.0, rel=1e-12, abs=1e-300)
    assert q.to("MWh / a").to("GWh / a").magnitude == pytest.approx(x, rel=1e-12, abs=1e-300)


@given(finite)
def test_emission_factor_kt_per_gwh_is_kg_per_kwh(x: float) -> None:
    # the data README: kg CO2e/kWh = kt/GWh = t/MWh
    q = Q_(x, "kt CO2e / GWh")
    assert q.m_as("kg CO2e / kWh") == pytest.approx(x, rel=1e-12, abs=1e-300)
    assert q.m_as("t CO2e / MWh") == pytest.approx(x, rel=1e-12, abs=1e-300)


@given(st.floats(0, 1e7, allow_nan=False), st.integers(1, 700_000))
def test_per_resident(kt: float, residents: int) -> None:
    per = (Q_(kt, "kt CO2e / a") / Q_(residents, "resident")).to("t CO2e / resident / a")
    assert per.magnitude == pytest.approx(kt * 1000.0 / residents, rel=1e-12, abs=1e-300)
    back = (per * Q_(residents, "resident")).to("kt CO2e / a")
    assert back.magnitude == pytest.approx(kt, rel=1e-12, abs=1e-300)
    with pytest.raises(pint.DimensionalityError):
        per.to("t CO2e / a")  # "per resident" never silently drops


@given(finite)
def test_euro_stays_euro(x: float) -> None:
    q = Q_(x, "EUR")
    assert q.to("EUR").magnitude == x
    assert q.to("kEUR").magnitude == pytest.approx(x / 1000.0, rel=1e-12, abs=1e-300)
    for other in ("dimensionless", "percent", "kg", "t", "kt CO2e", "resident", "GWh"):
        with pytest.raises(pint.DimensionalityError):
            q.to(other)


def test_euro_cancels_only_against_euro() -> None:
    cost = Q_(8_000_000, "EUR")
    effect = Q_(25_000, "t CO2e / a")
    per_tonne = (cost / (effect * Q_(1, "a"))).to("EUR / (t CO2e)")
    assert per_tonne.magnitude == pytest.approx(320.0)
    assert (per_tonne * Q_(2, "kt CO2e")).to("EUR").magnitude == pytest.approx(640_000.0)
    assert (Q_(5, "EUR") / Q_(2, "EUR")).dimensionless
    assert not (Q_(5, "EUR") / Q_(2, "t")).dimensionless
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "EUR / t").to("EUR / (t CO2e)")


# ----------------------------------------------------------------------------- GWP
# IPCC GWP100 values, written here by hand from the assessment reports' tables (not read from
# the package under test): AR4 WG1 Table 2.14 (CH4 25, N2O 298); AR5 WG1 Table 8.A.1 (CH4 28,
# N2O 265); AR6 WG1 Chapter 7 Supplementary Material Table 7.SM.7 (CH4 27.9, N2O 273; the main
# report's Table 7.15 splits methane into fossil 29.8 and non-fossil 27.0).
IPCC_GWP100 = {
    "AR4GWP100": {"CH4": 25.0, "N2O": 298.0},
    "AR5GWP100": {"CH4": 28.0, "N2O": 265.0},
    "AR6GWP100": {"CH4": 27.9, "N2O": 273.0},
}


@pytest.mark.parametrize("metric", sorted(IPCC_GWP100))
@pytest.mark.parametrize("gas", ["CH4", "N2O"])
def test_gwp_values_are_the_ipcc_numbers(metric: str, gas: str) -> None:
    expected = IPCC_GWP100[metric][gas]
    assert gwp(gas, metric) == expected
    assert to_co2e(Q_(1.0, f"kt {gas} / a"), metric).m_as("kt CO2e / a") == pytest.approx(expected)
    # the mass-only and bare forms convert too
    context = gwp_context(metric)
    assert Q_(2.0, f"t {gas}").to("t CO2e", context).magnitude == pytest.approx(2 * expected)
    assert Q_(1.0, gas).to("CO2e", context).magnitude == pytest.approx(expected)


@given(st.floats(0, 1e9, allow_nan=False), st.sampled_from(sorted(IPCC_GWP100)))
def test_methane_to_co2e_scales_linearly(tonnes: float, metric: str) -> None:
    converted = to_co2e(Q_(tonnes, "t CH4 / a"), metric, unit="t CO2e / a")
    assert converted.magnitude == pytest.approx(tonnes * IPCC_GWP100[metric]["CH4"], rel=1e-12)


@pytest.mark.parametrize("gas", ["CH4", "N2O"])
def test_gases_never_convert_without_a_metric(gas: str) -> None:
    to_co2e(Q_(1.0, f"kt {gas} / a"), "AR6GWP100")  # a context exists now ...
    with pytest.raises(pint.DimensionalityError):  # ... but is not active outside the call
        Q_(1.0, f"kt {gas} / a").to("kt CO2e / a")
    with ureg.context(gwp_context("AR4GWP100")):
        assert Q_(1.0, f"kt {gas} / a").m_as("kt CO2e / a") == IPCC_GWP100["AR4GWP100"][gas]


def test_co2_is_its_own_equivalent() -> None:
    assert Q_(3.0, "kt CO2 / a").m_as("kt CO2e / a") == 3.0
    assert gwp("CO2", "AR4GWP100") == gwp("CO2e") == 1.0
    assert GASES[0] == "CO2"
    assert {"CH4", "N2O"} <= set(GASES)


def test_default_metric_is_ar5() -> None:
    assert DEFAULT_METRIC == "AR5GWP100"
    assert to_co2e(Q_(1.0, "kt CH4 / a")).m_as("kt CO2e / a") == 28.0
    assert {"AR4GWP100", "AR5GWP100", "AR6GWP100"} <= set(GWP_METRICS)


def test_unknown_metric_and_gas_suggest_names() -> None:
    with pytest.raises(UnknownNameError) as err:
        gwp("CH4", "AR5GWP10")
    assert "AR5GWP100" in err.value.suggestions
    with pytest.raises(UnknownNameError, match="'Methane'"):
        gwp("Methane", "AR5GWP100")
    with pytest.raises(UnknownNameError):
        gwp_context("AR7GWP100")


def test_to_co2e_refuses_what_is_not_a_gas_emission() -> None:
    with pytest.raises(UnitError, match="EUR") as err:
        to_co2e(Q_(1.0, "EUR"), "AR6GWP100")
    assert isinstance(err.value, ValueError)
    with pytest.raises(UnitError):
        to_co2e(Q_(1.0, "kt CH4 / a"), "AR6GWP100", unit="EUR")
    with pytest.raises(pint.DimensionalityError):  # N2O is not CH4 under any metric
        Q_(1.0, "kt N2O / a").to("kt CH4 / a", gwp_context("AR5GWP100"))


# ----------------------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    ("unit", "label"),
    [
        ("kt CO2e / a", "kt CO2e/a"),
        ("EUR / (t CO2e)", "€/t CO2e"),
        ("t CO2e / resident / a", "t CO2e/resident/a"),
        ("GWh / a", "GWh/a"),
        ("kg CO2e / kWh", "kg CO2e/kWh"),
        ("EUR", "€"),
        ("1 / a", "1/a"),
    ],
)
def test_unit_label(unit: str, label: str) -> None:
    assert unit_label(unit) == label
    assert unit_label(ureg.Unit(unit)) == label
    assert f"{Q_(1, unit).units}" == label  # the package's default format


def test_ensure_unit() -> None:
    assert ensure_unit("12 kt CO2e/a", "t CO2e / a").m_as("t CO2e / a") == 12_000.0
    quantity = Q_(3, "GWh / a")
    assert ensure_unit(quantity, "MWh / a") is quantity
    with pytest.raises(UnitError, match=r"target: 5 has no unit"):
        ensure_unit(5, "kt CO2e / a", "target")
    with pytest.raises(UnitError, match=r"target: .*EUR.*kt CO2e / a"):
        ensure_unit("5 EUR", "kt CO2e / a", "target")
    with pytest.raises(UnitError, match="cannot parse '5 bananas'"):
        ensure_unit("5 bananas", "kt CO2e / a", "target")


def test_magnitude_strips_at_the_edge() -> None:
    stripped = magnitude(Q_(np.array([1, 2]), "kt CO2e / a"), "t CO2e / a")
    assert stripped.dtype == np.float64
    assert stripped.tolist() == [1000.0, 2000.0]
    with pytest.raises(UnitError, match="EUR"):
        magnitude(Q_(np.array([1.0]), "EUR"), "kt")


def test_whole_arrays_stay_one_quantity() -> None:
    array = Q_(np.arange(6.0).reshape(2, 3), "kt CO2e / a")
    converted = array.to("t CO2e / a")
    assert isinstance(converted.magnitude, np.ndarray)
    assert converted.magnitude.shape == (2, 3)
    assert math.isclose(float(converted.magnitude.sum()), 15_000.0)
