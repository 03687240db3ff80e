"""The bundled data sets: figures as published, nothing dropped, nothing filled in."""

from __future__ import annotations

import math
import re
from importlib import resources

import numpy as np
import pytest

from canemure.errors import DataNotAvailableError
from canemure.inventory import EmissionInventory
from canemure.io.bundled import (
    DISTRICT_HEATING_SOURCE,
    district_heating_alas11,
    lappeenranta_2020,
    national_emission_factor,
    national_emission_factors,
    pohjois_karjala,
)
from canemure.sectors import ALL, ESR, ETS, HINKU, HINKU_WITH_CREDITS, sector_hierarchy
from canemure.units import ureg


def test_pohjois_karjala_keeps_its_behaviour() -> None:
    inventory = pohjois_karjala()
    assert inventory.shape == (13, 13, 21)
    assert inventory.rule is HINKU
    assert list(inventory.years)[:2] == [1990, 2005]
    assert list(inventory.years)[-1] == 2024
    assert inventory.value("090", "Kul", 1990).m_as("kt CO2e / a") == 2.8
    assert inventory.population is not None
    assert inventory.population.at(["090"], [1990]).m_as("resident")[0, 0] == 5364
    assert inventory.coverage().is_complete
    assert pohjois_karjala() is inventory  # cached


# ----------------------------------------------------------------------------- district heating
def test_district_heating_parts() -> None:
    data = district_heating_alas11()
    parts = (data.emissions_ets, data.emissions_non_ets, data.energy_ets, data.energy_non_ets)
    for part in parts:
        assert part.shape == (308, 1, 14)
        assert list(part.sectors) == ["Kau"]
        assert part.sector_level == 3
        assert list(part.years) == list(range(2005, 2019))
        assert part.sources["167"] == (DISTRICT_HEATING_SOURCE,)
    assert data.emissions_ets.rule is ETS
    assert data.emissions_non_ets.rule is ESR
    assert data.energy_ets.rule is ETS
    assert str(data.emissions_ets.unit) == "kt CO2e/a"
    assert data.energy_ets.values.is_compatible_with("GWh / a")
    # Joensuu 2005, as in the file
    assert data.emissions_ets.value("167", "Kau", 2005).m_as("kt CO2e / a") == 72.107
    assert data.emissions_non_ets.value("167", "Kau", 2005).m_as("kt CO2e / a") == 17.707
    assert data.energy_ets.value("167", "Kau", 2005).m_as("GWh / a") == 443.32
    assert data.energy_non_ets.value("167", "Kau", 2005).m_as("GWh / a") == 98.471
    assert data.names["167"] == "Joensuu"


def test_district_heating_keeps_every_row_and_fills_nothing() -> None:
    data = district_heating_alas11()
    cells = sum(int(part.estimated.sum()) for part in (data.emissions_ets, data.emissions_non_ets))
    assert cells == 5387  # every row of the bundled file
    # Alajärvi has no ETS plant row: not estimated, not zero
    assert math.isnan(data.emissions_ets.value("005", "Kau", 2005).magnitude)
    assert math.isnan(data.emissions_total().value("005", "Kau", 2005).magnitude)
    explicit = data.emissions_total(absent_as_zero=True)
    assert explicit.value("005", "Kau", 2005).m_as("kt CO2e / a") == 5.812
    # 043 (Eckerö) starts in 2009: both parts absent stays not estimated
    assert math.isnan(explicit.value("043", "Kau", 2005).magnitude)


def test_district_heating_totals_and_factors() -> None:
    data = district_heating_alas11()
    total = data.emissions_total()
    assert total.rule is ALL
    assert total.value("167", "Kau", 2005).m_as("kt CO2e / a") == pytest.approx(89.814)
    assert data.emissions_total(rule=HINKU).rule is HINKU
    assert data.energy_total(rule=HINKU_WITH_CREDITS).value("167", "Kau", 2005).m_as(
        "GWh / a"
    ) == pytest.approx(541.791)
    with pytest.raises(ValueError, match="does not count all district heat"):
        data.emissions_total(rule=ETS)
    factor = data.implied_emission_factor("non-ets")
    row = list(data.emissions_ets.areas).index("005")
    assert factor.units == ureg.Unit("kg CO2e / kWh")
    assert factor.magnitude[row, 0] == pytest.approx(0.341882352941176, rel=1e-12)
    joensuu = list(data.emissions_ets.areas).index("167")
    combined = data.implied_emission_factor()[joensuu, 0].m_as("kg CO2e / kWh")
    assert combined == pytest.approx((72.107 + 17.707) / (443.32 + 98.471))
    with pytest.raises(ValueError, match="part must be"):
        data.implied_emission_factor("both")  # type: ignore[arg-type]


def test_district_heating_former_municipalities_and_regions() -> None:
    data = district_heating_alas11()
    groups = data.region_groups()
    assert "099" in groups["04"]  # Honkajoki, Satakunta
    assert "588" in groups["10"]  # Pertunmaa, Etelä-Savo
    assert sum(len(v) for v in groups.values()) == 308
    regional = data.emissions_non_ets.aggregate_areas(groups, area_level="region")
    assert isinstance(regional, EmissionInventory)
    assert regional.shape == (len(groups), 1, 14)


# ----------------------------------------------------------------------------- national factors
def test_national_factors() -> None:
    records = national_emission_factors()
    assert len(records) == 233
    oil = national_emission_factor("oil heating", 2010)
    assert oil.factor.m_as("kg CO2e / kWh") == 0.258078119997383
    assert oil.emissions.m_as("kt CO2e") == 2978.437
    assert oil.energy.m_as("GWh") == 11540.835
    assert oil.period == (2010, 2010)
    assert oil.source.id == "bundled:emission-factors-alas11-national"
    ets = national_emission_factor(
        "Industry and machinery", 2010, level5="Teollisuuden polttoaineet", emissions_trading=True
    )
    assert ets.factor.m_as("kg CO2e / kWh") == 0.169673045360799
    pooled = [r for r in records if r.year is None]
    assert len(pooled) == 9
    assert all(r.period == (2005, 2018) and r.note for r in pooled)
    wood = national_emission_factor("wood heating", None, level5="Asuminen")
    assert "mislabel" in str(wood.note)
    for record in records:
        if record.year is not None:
            implied = record.emissions.m_as("kt CO2e") / record.energy.m_as("GWh")
            assert implied == pytest.approx(record.factor.m_as("kg CO2e / kWh"), rel=1e-9)


def test_national_factor_lookup_errors() -> None:
    with pytest.raises(DataNotAvailableError, match="oil heating"):
        national_emission_factor("oil heatin", 2010)
    with pytest.raises(DataNotAvailableError):
        national_emission_factor("oil heating", 2019)
    with pytest.raises(ValueError, match="pick one of"):
        national_emission_factor("other heating", 2010)


# ----------------------------------------------------------------------------- Lappeenranta
def test_lappeenranta_table_keeps_forestry_outside_alas() -> None:
    table = lappeenranta_2020()
    assert table.municipality == "405"
    assert table.year == 2020
    assert len(table.rows) == 15
    (forestry,) = table.non_alas_rows
    assert forestry.source_en == "Forestry"
    assert forestry.emissions.m_as("kt CO2e / a") == 97.7
    assert not forestry.part_of_alas
    assert forestry.sector is None
    assert table.total.emissions.m_as("kt CO2e / a") == 461.1
    assert table.total.is_total
    assert not table.total.part_of_alas
    assert table.alas_sum().m_as("kt CO2e / a") == pytest.approx(363.3)
    level3 = [s.key for s in sector_hierarchy().level(3) if s.key != "Tuu"]
    assert sorted(str(r.sector) for r in table.alas_rows) == sorted(level3)
    roads = next(r for r in table.rows if r.source_en == "Transport: roads")
    assert roads.sector == "Tie"
    assert roads.share.m_as("percent") == 26.7


# ----------------------------------------------------------------------------- provenance
def test_every_bundled_file_has_provenance() -> None:
    data = resources.files("canemure").joinpath("data")
    files = sorted(
        p.name for p in data.iterdir() if p.is_file() and p.name not in {"PROVENANCE.md"}
    )
    text = data.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([^`]+)`$", text, flags=re.MULTILINE))
    missing = [name for name in files if name not in documented]
    assert not missing, f"add a section to canemure/data/PROVENANCE.md for {missing}"
    stale = sorted(documented - set(files))
    assert not stale, f"PROVENANCE.md documents files that are not bundled: {stale}"


def test_arrays_are_float64() -> None:
    data = district_heating_alas11()
    for part in (data.emissions_ets, data.energy_non_ets, data.emissions_total()):
        assert part.magnitude.dtype == np.float64
