"""Labelled derived results: per_resident(), change() and shares() keep the inventory's labels.

Worked examples use the bundled Pohjois-Karjala figures (HINKU, SYKE) checked by hand; the
small fixture's numbers are made up so each case can be checked by eye (test inputs, not
emissions).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inventories

from canemure.errors import UnitError, UnknownNameError
from canemure.inventory import EmissionInventory, LabelledValues
from canemure.io.bundled import pohjois_karjala
from canemure.units import Q_, ureg

NaN = math.nan


# ----------------------------------------------------------------------------- worked examples
def test_region_per_resident_by_name_in_every_language() -> None:
    # 2024: 937.2 kt / 162 091 residents = 937 200 t / 162 091 = 5.7819 t per resident
    per = pohjois_karjala().to_regions().total().per_resident()
    assert isinstance(per, LabelledValues)
    assert per.what == "emissions per resident"
    for name in ("Pohjois-Karjala", "Norra Karelen", "North Karelia", "12"):
        value = per.value(name, "total", 2024)
        assert value.m_as("t CO2e / resident / a") == pytest.approx(937_200 / 162_091)
    assert per.value("12", "Yhteensä", "2024") == per.value("12", "total", 2024)
    assert f"{per.value('12', 'total', 2024):.2f}" == "5.78 t CO2e/resident/a"


def test_change_and_shares_are_labelled_by_hand() -> None:
    inventory = pohjois_karjala()
    # Joensuu: (275.7 - 574.8) / 574.8 = -52.04 % from 2007 to 2024
    change = inventory.sel(areas="Joensuu").total().change(2007)
    assert change.what == "change since 2007"
    assert round(float(change.value("Joensuu", "total", 2024).m_as("percent")), 2) == -52.04
    assert change.value("Joensuu", "total", 2007).m_as("percent") == 0.0
    assert inventory.total().change("2007").what == "change since 2007"  # digits are a year
    shares = inventory.sel(areas="167", years=2024).shares()
    assert shares.what == "share of area total"
    road = shares.value("Joensuu", "Tieliikenne", 2024).m_as("percent")
    total = inventory.sel(areas="167", years=2024).total().value("167", "total", 2024)
    expected = inventory.value("167", "Tieliikenne", 2024) / total
    assert road == pytest.approx(expected.m_as("percent"))
    assert float(shares.magnitude.sum()) == pytest.approx(100.0)


def test_selection_keeps_labels_and_unit(inventory: EmissionInventory) -> None:
    per = inventory.per_resident("kg CO2e / resident / a")
    chosen = per.sel(areas="Åbo", sectors="Electric heating", years="2023")
    assert chosen.areas.labels == ("853",)
    assert chosen.sectors.labels == ("Säh",)
    assert chosen.years.labels == (2023,)
    assert chosen.unit == ureg.Unit("kg CO2e / resident / a")
    assert chosen.what == per.what
    assert chosen.magnitude.tolist() == [[[7.0e6 / 200_000]]]
    tonnes = per.to("t CO2e / resident / a")
    assert tonnes.value("837", "Kul", 2023).m == pytest.approx(1.0e3 / 240_000)
    assert per.m_as("t CO2e / resident / a")[0, 0, 0] == pytest.approx(1.0e3 / 240_000)
    with pytest.raises(UnitError):
        per.m_as("EUR")
    with pytest.raises(UnitError):
        per.to("kt CO2e / a")


def test_not_estimated_stays_nan(inventory: EmissionInventory) -> None:
    per = inventory.per_resident()
    assert math.isnan(per.value("Turku", "Kul", 2024).m)  # population not known
    assert math.isnan(per.value("Turku", "Säh", 2024).m)  # emissions not estimated
    shares = inventory.shares()
    assert math.isnan(shares.value("853", "Kul", 2024).m)  # area total not estimated


# ----------------------------------------------------------------------------- unknown names
def test_unknown_labels_are_named_as_given(inventory: EmissionInventory) -> None:
    per = inventory.per_resident()
    with pytest.raises(UnknownNameError, match="'2025'") as err:
        per.sel(years="2025")
    assert "'2'" not in str(err.value)
    with pytest.raises(UnknownNameError, match="'2025'"):
        per.value("837", "Kul", "2025")
    with pytest.raises(UnknownNameError, match="'2025'"):
        inventory.change("2025")
    with pytest.raises(UnknownNameError, match="'Tamprere'") as unknown:
        per.value("Tamprere", "Kul", 2023)
    assert "Tampere" in unknown.value.suggestions
    with pytest.raises(UnknownNameError, match=r"'Helsingfors \(091\)'"):
        per.sel(areas=["Tampere", "Helsingfors"])
    with pytest.raises(UnknownNameError, match=r"'Tieliikenne \(Tie\)'"):
        per.sel(sectors="Tieliikenne")


def test_joensu_is_suggested_joensuu() -> None:
    per = pohjois_karjala().total().per_resident()
    with pytest.raises(UnknownNameError, match="'Joensu'") as err:
        per.value("Joensu", "total", 2024)
    assert "Joensuu" in err.value.suggestions


def test_group_labels_are_exact(inventory: EmissionInventory) -> None:
    grouped = inventory.aggregate_areas({"cities": ["837", "853"]}).change(2023)
    assert grouped.value("cities", "Kul", 2024).m_as("percent") == pytest.approx(200 / 6)  # 6 -> 8
    with pytest.raises(UnknownNameError, match="'citys'") as err:
        grouped.value("citys", "Kul", 2024)
    assert err.value.suggestions == ("cities",)


# ----------------------------------------------------------------------------- exports
def test_long_and_wide_frames(inventory: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    per = inventory.per_resident()
    long = per.to_pandas(names=True, lang="sv")
    assert list(long.columns) == [
        "area",
        "area_name",
        "sector",
        "sector_name",
        "year",
        "value",
        "unit",
    ]
    assert long.attrs == {
        "unit": "t CO2e/resident/a",
        "what": "emissions per resident",
        "rule": "hinku",
    }
    assert set(long["unit"]) == {"t CO2e/resident/a"}
    row = long[(long["area"] == "853") & (long["sector"] == "Säh") & (long["year"] == 2023)]
    assert row["value"].item() == pytest.approx(7.0e3 / 200_000)
    assert row["area_name"].item() == "Åbo"
    wide = inventory.change(2023).to_pandas(wide=True)
    assert list(wide.columns) == ["area", "sector", "unit", 2023, 2024]
    assert wide[2024].tolist()[:3] == [100.0, pytest.approx(100 / 3), 20.0]
    assert math.isnan(wide[2024].tolist()[3])
    assert set(wide["unit"]) == {"%"}


@pytest.mark.usefixtures("pint_xarray")
def test_data_array_quantifies_in_canemure_registry(inventory: EmissionInventory) -> None:
    per = inventory.per_resident()
    da = per.to_xarray(lang="en")
    assert da.name == "per_resident"
    assert da.attrs["long_name"] == "emissions per resident"
    assert da.attrs["units"] == "t CO2e/resident/a"
    assert da["area_name"].values.tolist() == ["Tampere", "Turku"]
    quantified = da.pint.quantify(unit_registry=ureg)
    assert quantified.pint.units == ureg.Unit("t CO2e / resident / a")
    cell = quantified.sel(area="837", sector="Kul", year=2023).data
    assert cell.m_as("kg CO2e / resident / a") == pytest.approx(1.0e6 / 240_000)
    percent = inventory.shares().to_xarray().pint.quantify(unit_registry=ureg)
    assert percent.pint.units == ureg.Unit("percent")


@pytest.fixture
def pint_xarray(monkeypatch: pytest.MonkeyPatch) -> object:
    """pint-xarray, with canemure's registry restored after the test (see test_exports.py)."""
    monkeypatch.setattr(ureg, "force_ndarray_like", ureg.force_ndarray_like)
    module = pytest.importorskip("pint_xarray")
    ureg.force_ndarray_like = True
    return module


def test_repr_says_what_and_shows_small_tables(inventory: EmissionInventory) -> None:
    text = repr(inventory.change(2023))
    assert text.splitlines()[0] == (
        "<LabelledValues change since 2023: 2 municipalities x 2 level-3 sectors x 2 years "
        "(2023-2024), %>"
    )
    assert "837 Säh" in text and "33.33" in text and "nan" in text
    big = pohjois_karjala().per_resident()
    assert repr(big).count("\n") == 0
    assert "13 municipalities x 13 level-3 sectors x 21 years" in repr(big)


def test_intensities_have_no_sums(inventory: EmissionInventory) -> None:
    per = inventory.per_resident()
    for summing in ("to_regions", "aggregate_areas", "aggregate_sectors", "total", "merge"):
        assert not hasattr(per, summing)


def test_built_directly_checks_its_shape() -> None:
    values = LabelledValues(Q_(np.zeros((1, 1, 2)), "percent"), ["167"], ["Kul"], [2023, 2024], "x")
    assert values.sel(years=2024).shape == (1, 1, 1)
    with pytest.raises(ValueError, match="shape"):
        LabelledValues(Q_(np.zeros((1, 1, 1)), "percent"), ["167"], ["Kul"], [2023, 2024], "x")
    with pytest.raises(UnitError):
        LabelledValues(np.zeros((1, 1, 1)), ["167"], ["Kul"], [2023], "x")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- properties
@given(inventories(level=3, max_holes=2, with_population=True, max_areas=4), st.data())
def test_selection_commutes_with_derivation(
    inventory: EmissionInventory, data: st.DataObject
) -> None:
    areas = data.draw(st.lists(st.sampled_from(inventory.areas.labels), min_size=1, unique=True))
    years = sorted(data.draw(st.sets(st.sampled_from(inventory.years.labels), min_size=1)))
    base = inventory.years.labels[0]
    for derive in (
        lambda inv: inv.per_resident(),
        lambda inv: inv.change(base),
        lambda inv: inv.shares(),
    ):
        if base not in years:
            years = sorted({base, *years})
        whole = derive(inventory).sel(areas=areas, years=years)
        part = derive(inventory.sel(areas=areas, years=years))
        assert whole.areas == part.areas and whole.years == part.years
        np.testing.assert_allclose(whole.magnitude, part.magnitude, rtol=1e-12, equal_nan=True)


def test_doctests() -> None:
    import doctest

    from canemure.inventory import labelled

    assert doctest.testmod(labelled).failed == 0
