"""Labelled results for analysts: names in sel/value, pandas and xarray exports, unit printing.

The numbers are made up so each case can be checked by eye (test inputs, not emissions); the
municipality codes, names and sector names are the real reference lists.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
from hypothesis import given
from strategies import inventories

from canemure.errors import MissingDependencyError, UnknownNameError
from canemure.inventory import EmissionInventory
from canemure.sectors import HINKU
from canemure.units import Q_, ureg

NaN = math.nan


# ----------------------------------------------------------------------------- names in sel/value
@pytest.mark.parametrize("year", [2024, "2024", " 2024 ", np.int64(2024), [2024], ["2024"]])
def test_one_year_is_one_label_never_its_characters(
    inventory: EmissionInventory, year: object
) -> None:
    chosen = inventory.sel(years=year)  # type: ignore[arg-type]
    assert chosen.years.labels == (2024,)
    assert chosen.magnitude[0, :, 0].tolist() == [2.0, 4.0]
    assert chosen.magnitude[1, 0, 0] == 6.0
    assert np.isnan(chosen.magnitude[1, 1, 0])


def test_unknown_year_is_named_as_given(inventory: EmissionInventory) -> None:
    with pytest.raises(UnknownNameError, match="'2025'") as err:
        inventory.sel(years="2025")
    assert "'2'" not in str(err.value)
    assert err.value.name == "2025"
    with pytest.raises(UnknownNameError, match="'vuosi'"):
        inventory.sel(years="vuosi")
    with pytest.raises(UnknownNameError, match="'True'"):
        inventory.value("837", "Kul", True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "code"),
    [("Tampere", "837"), ("Tammerfors", "837"), ("turku", "853"), ("Åbo", "853"), ("853", "853")],
)
def test_areas_by_name_in_any_language(inventory: EmissionInventory, name: str, code: str) -> None:
    assert inventory.sel(areas=name).areas.labels == (code,)
    assert inventory.sel(areas=[name]).areas.labels == (code,)
    row = 0 if code == "837" else 1
    assert inventory.value(name, "Kul", 2023).m == [1.0, 5.0][row]


@pytest.mark.parametrize("name", ["Säh", "Sähkölämmitys", "Eluppvärmning", "Electric heating"])
def test_sectors_by_name_in_any_language(inventory: EmissionInventory, name: str) -> None:
    assert inventory.sel(sectors=name).sectors.labels == ("Säh",)
    assert inventory.value("Tampere", name, "2024") == Q_(4.0, "kt CO2e/a")


def test_known_name_not_in_the_inventory_says_the_name_given(inventory: EmissionInventory) -> None:
    with pytest.raises(UnknownNameError, match=r"'Helsingfors \(091\)'") as err:
        inventory.sel(areas=["Tampere", "Helsingfors"])
    assert "not in this inventory" in str(err.value)
    with pytest.raises(UnknownNameError, match=r"'Tieliikenne \(Tie\)'"):
        inventory.sel(sectors="Tieliikenne")
    with pytest.raises(UnknownNameError, match="'Tamprere'") as unknown:
        inventory.value("Tamprere", "Kul", 2023)
    assert "Tampere" in unknown.value.suggestions


def test_region_inventory_takes_region_names(inventory: EmissionInventory) -> None:
    regions = inventory.to_regions()
    assert regions.area_level == "region"
    # Pirkanmaa has more municipalities than Tampere: its regional figures are not estimated
    assert math.isnan(regions.value("Birkaland", "Kul", 2023).m)
    assert regions.area_names("en")["06"] == "Pirkanmaa"


# ----------------------------------------------------------------------------- pandas
def test_long_frame_has_a_unit_column_and_keeps_nan(inventory: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    frame = inventory.to_pandas()
    assert list(frame.columns) == ["area", "sector", "year", "value", "unit"]
    assert frame["unit"].unique().tolist() == ["kt CO2e/a"]
    assert frame.iloc[6].tolist() == ["853", "Säh", 2023, 7.0, "kt CO2e/a"]
    assert frame["value"].isna().tolist() == [False] * 7 + [True]  # never filled with 0
    assert frame.attrs["unit"] == "kt CO2e/a"


def test_long_frame_with_names(inventory: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    frame = inventory.to_pandas(names=True, lang="sv")
    assert list(frame.columns) == [
        "area", "area_name", "sector", "sector_name", "year", "value", "unit"
    ]  # fmt: skip
    assert frame.iloc[3, :4].tolist() == ["837", "Tammerfors", "Säh", "Eluppvärmning"]
    english = inventory.to_pandas(names=True, lang="en")
    assert set(english["area_name"]) == {"Tampere", "Turku"}
    assert set(english["sector_name"]) == {"Electric heating", inventory.sector_names("en")["Kul"]}


def test_wide_frame_has_years_as_columns(inventory: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    wide = inventory.to_pandas(wide=True, names=True)
    assert list(wide.columns) == [
        "area", "area_name", "sector", "sector_name", "unit", 2023, 2024
    ]  # fmt: skip
    assert wide.shape == (4, 7)
    assert wide.iloc[0].tolist() == ["837", "Tampere", "Kul", "Kulutussähkö", "kt CO2e/a", 1.0, 2.0]
    assert wide[2023].tolist() == [1.0, 3.0, 5.0, 7.0]
    assert wide[2024].isna().tolist() == [False, False, False, True]


@given(inventories(level=None, max_areas=4, max_years=3, max_holes=4))
def test_wide_and_long_frames_hold_the_array(inventory: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    long = inventory.to_pandas()
    a, s, y = inventory.shape
    np.testing.assert_array_equal(long["value"].to_numpy().reshape(a, s, y), inventory.magnitude)
    wide = inventory.to_pandas(wide=True)
    years = list(inventory.years)
    np.testing.assert_array_equal(
        wide[years].to_numpy().reshape(a, s, y), inventory.magnitude
    )  # NaN where NaN (assert_array_equal treats NaN as equal to NaN only there)
    pivoted = long.pivot_table(
        index=["area", "sector"], columns="year", values="value", observed=True, dropna=False
    )
    assert pivoted.shape[1] == y


def test_pint_pandas_column_in_canemure_units(inventory: EmissionInventory) -> None:
    pytest.importorskip("pint_pandas")
    frame = inventory.to_pandas(pint=True)
    assert str(frame["value"].pint.units) == "kt CO2e/a"
    total = frame["value"].pint.quantity.to("t CO2e/a")
    assert total.m[:7].tolist() == [1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 7000.0]
    assert np.isnan(total.m[7])


def test_population_to_pandas(inventory: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    assert inventory.population is not None
    frame = inventory.population.to_pandas(names=True, lang="en")
    assert list(frame.columns) == ["area", "area_name", "year", "value", "unit"]
    assert frame["value"].tolist()[:3] == [240_000.0, 250_000.0, 200_000.0]
    assert math.isnan(frame["value"].iloc[3])
    assert frame["unit"].unique().tolist() == ["resident"]
    wide = inventory.population.to_pandas(wide=True)
    assert list(wide.columns) == ["area", "unit", 2023, 2024]
    assert wide[2023].tolist() == [240_000.0, 200_000.0]


@pytest.mark.parametrize(
    ("call", "package"),
    [
        (lambda inv: inv.to_pandas(wide=True), "pandas"),
        (lambda inv: inv.population.to_pandas(), "pandas"),
        (lambda inv: inv.to_pandas(pint=True), "pint_pandas"),
        (lambda inv: inv.to_dataset(), "xarray"),
    ],
)
def test_missing_packages_name_the_extra(
    inventory: EmissionInventory, call: object, package: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, package, None)
    extra = package.replace("_", "-")
    with pytest.raises(MissingDependencyError, match=rf"canemure\[{extra}\]"):
        call(inventory)  # type: ignore[operator]


# ----------------------------------------------------------------------------- xarray
@pytest.fixture
def pint_xarray(monkeypatch: pytest.MonkeyPatch) -> object:
    """pint-xarray, and canemure's registry as it leaves it, restored after the test.

    Importing pint-xarray sets ``force_ndarray_like`` on pint's application registry, which is
    canemure's registry (scalars then hold 0-d arrays); the other tests run without it.
    """
    monkeypatch.setattr(ureg, "force_ndarray_like", ureg.force_ndarray_like)
    module = pytest.importorskip("pint_xarray")
    ureg.force_ndarray_like = True  # as the first import of pint-xarray does
    return module


def test_data_array_is_named_with_names_and_units(inventory: EmissionInventory) -> None:
    pytest.importorskip("xarray")
    da = inventory.to_xarray(lang="sv")
    assert da.name == "emissions"
    assert da.dims == ("area", "sector", "year")
    assert da.attrs["units"] == "kt CO2e/a"
    assert da["area_name"].values.tolist() == ["Tammerfors", "Åbo"]
    assert da.sel(area="853", sector="Kul", year=2024).item() == 6.0
    assert math.isnan(da.sel(area="853", sector="Säh", year=2024).item())


@pytest.mark.parametrize("unit", ["kt CO2e / a", "EUR / (t CO2e)", "t CO2e / resident / a"])
@pytest.mark.usefixtures("pint_xarray")
def test_pint_xarray_quantifies_in_canemure_registry(unit: str) -> None:
    inventory = EmissionInventory.from_array(
        [[[1.0, 2.0]]], unit, areas=["837"], sectors=["Kul"], years=[2023, 2024], rule=HINKU
    )
    da = inventory.to_xarray()
    for quantified in (da.pint.quantify(), da.pint.quantify(unit_registry=ureg)):
        assert quantified.pint.units == ureg.Unit(unit)
        assert quantified.sum().data == Q_(3.0, unit)
    dequantified = da.pint.quantify(unit_registry=ureg).pint.dequantify(format="text")
    assert ureg.Unit(dequantified.attrs["units"]) == ureg.Unit(unit)  # prints, parses back
    assert da.attrs["units"] == dequantified.attrs["units"]


@pytest.mark.usefixtures("pint_xarray")
def test_pint_xarray_converts_units() -> None:
    inventory = EmissionInventory.from_array(
        [[[1.0, 2.0]]], "kt CO2e/a", areas=["837"], sectors=["Kul"], years=[2023, 2024], rule=HINKU
    )
    tonnes = inventory.to_xarray().pint.quantify(unit_registry=ureg).pint.to("t CO2e/a")
    assert tonnes.pint.dequantify().values.ravel().tolist() == [1000.0, 2000.0]


def test_dataset_holds_emissions_and_population(inventory: EmissionInventory) -> None:
    pytest.importorskip("xarray")
    ds = inventory.to_dataset(lang="en")
    assert set(ds.data_vars) == {"emissions", "population"}
    assert ds["population"].dims == ("area", "year")
    assert ds["population"].attrs["units"] == "resident"
    assert ds["population"].sel(area="837", year=2024).item() == 250_000.0
    assert math.isnan(ds["population"].sel(area="853", year=2024).item())
    per_resident = (ds["emissions"].sum("sector") * 1e6 / ds["population"]).sel(year=2023)
    assert per_resident.sel(area="837").item() == pytest.approx((1.0 + 3.0) * 1e6 / 240_000)
    without = EmissionInventory.from_array(
        [[[1.0]]], "kt CO2e/a", areas=["837"], sectors=["Kul"], years=[2023], rule=HINKU
    )
    assert set(without.to_dataset().data_vars) == {"emissions"}


# ----------------------------------------------------------------------------- unit printing
@pytest.mark.parametrize(
    ("spec", "text"),
    [
        ("", "12.345 kt CO2e/a"),
        ("~", "12.345 kt CO2e/a"),
        (".1f", "12.3 kt CO2e/a"),
        ("~P", "12.345 kt CO2e/a"),
        ("P", "12.345 kt CO2e/a"),
        ("D", "12.345 kt CO2e/a"),
        ("~D", "12.345 kt CO2e/a"),
        ("C", "12.345 kt CO2e/a"),
        ("~H", "12.345 kt CO2e/a"),
        (".2f~P", "12.35 kt CO2e/a"),
        ("~.1f", "12.3 kt CO2e/a"),
        (".1e", "1.2e+01 kt CO2e/a"),
        ("L", "12.345 \\mathrm{kt\\ CO2e/a}"),
    ],
)
def test_quantities_print_as_kt_co2e_per_a_in_every_spec(spec: str, text: str) -> None:
    q = Q_(12.345, "kt CO2e / a")
    assert format(q, spec) == text
    assert "kt_" not in format(q.units, spec) and "year" not in format(q.units, spec)


def test_units_and_arrays_print_readably() -> None:
    assert str(Q_(12.345, "kt CO2e / a")) == "12.345 kt CO2e/a"
    assert f"{Q_(1.0, 'EUR / (t CO2e)').units:~}" == "€/t CO2e"
    assert f"{Q_(np.array([1.25, 2.0]), 'kt CO2e / a'):.1f}" == "[1.2 2.0] kt CO2e/a"
    assert f"{Q_(5.0, 't CO2e / resident / a'):~P}" == "5.0 t CO2e/resident/a"
    assert f"{Q_(3.0, ''):.1f}" == "3.0"
    # the spec "text" parses back to the same unit, also where the label would not
    euro = ureg.Unit("EUR / (t CO2e)")
    assert ureg.Unit(f"{euro:text}") == euro
    assert ureg.Unit(f"{euro}") != euro  # "€/t CO2e" reads as (€/t)*CO2e: why "text" exists
