"""What the Pirkanmaa adapter answers, checked against the bundled published data."""

from __future__ import annotations

import datetime as dt
import math

import canemure_pirkanmaa as adapter
import pytest

from canemure._resources import read_bundled_csv
from canemure.plugins import PluginManager
from canemure.published.measures import EffectBasis, OverlappingMeasuresError, total_effect
from canemure.published.targets import TargetKind
from canemure.sectors import ESR, ETS, HINKU
from canemure.units import Q_


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "pirkanmaa")
    return manager


def test_region_has_23_municipalities_with_tampere(manager: PluginManager) -> None:
    codes = manager.municipalities("pirkanmaa")
    assert codes is not None
    assert len(codes) == 23
    assert "837" in codes  # Tampere


def test_coordinators_and_group(manager: PluginManager) -> None:
    coordinators = manager.coordinators("pirkanmaa")
    assert coordinators is not None
    assert [c.organisation for c in coordinators] == ["Pirkanmaan liitto", "Pirkanmaan ELY-keskus"]
    assert coordinators[0].organisation_en == "Council of Tampere Region"
    group = manager.cooperation_group("pirkanmaa")
    assert group is not None
    assert group.meetings_per_year == 4
    assert group.members == ()  # not published in the sources read
    assert "members" in (group.source or "")


def test_tampere_ccc_measures_are_included(manager: PluginManager) -> None:
    measures = {m.id: m for m in manager.measures("pirkanmaa")}
    assert len(measures) == 329  # 328 Tampere rows + 1 regional example
    assert sum(m.city == "Tampere" for m in measures.values()) == 328
    naistenlahti = measures["tampere:Roadmap 4.1.1"]
    assert naistenlahti.name.en == "Naistenlahti 3 power plant"
    # measures_cities.csv line 210: "160,000 (2022-2024)" with the misprinted unit "ICG2e"
    assert naistenlahti.effect is None
    assert "ICG2e" in (naistenlahti.effect_parse_note or "")
    # line 350: 50 000 t CO2e, basis not stated
    b225 = measures["tampere:CCC B-2.2.5"].effect
    assert b225 is not None
    assert b225.low == Q_(50_000, "t CO2e")
    assert b225.basis is EffectBasis.UNKNOWN


def test_all_measures_cannot_be_summed(manager: PluginManager) -> None:
    with pytest.raises(OverlappingMeasuresError, match=r"tampere:C-3\.1 subsidiaries energy"):
        total_effect(manager.measures("pirkanmaa"))


def test_targets(manager: PluginManager) -> None:
    targets = {t.id: t for t in manager.targets("pirkanmaa")}
    hinku = targets["pir_total_80pct"]
    assert hinku.kind is TargetKind.REDUCTION_PERCENT
    assert (hinku.value, hinku.base_year, hinku.target_year) == (Q_(80, "percent"), 2007, 2030)
    residual = targets["tampere-2"]
    assert residual.kind is TargetKind.ABSOLUTE_LEVEL
    assert residual.value == Q_(260, "kt CO2e / a")


def test_roadmap_themes() -> None:
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.approved == dt.date(2020, 11, 17)
    assert len(roadmap.themes) == 6
    assert "Hiilinielut ja kompensointi" in roadmap.themes


def _bundled_dh(code: str, year: int) -> dict[bool, float]:
    rows = read_bundled_csv("emissions_district_heating_alas11_2005_2018.csv")
    return {
        row["emissions_trading"] == "yes": float(row["emission_ktco2e"])
        for row in rows
        if row["municipality_code"] == code and row["year"] == str(year)
    }


def test_inventory_is_partial_district_heat(manager: PluginManager) -> None:
    parts = _bundled_dh("837", 2018)
    hinku = manager.load_inventory("pirkanmaa", HINKU)
    assert hinku is not None
    assert list(hinku.years) == list(range(2005, 2019))
    assert hinku.value("837", "Kau", 2018).m_as("kt CO2e / a") == pytest.approx(
        parts[True] + parts[False]
    )
    assert math.isnan(hinku.value("837", "Tie", 2018).m)  # road transport: not estimated
    assert math.isnan(hinku.total().value("837", "total", 2018).m)
    ets = manager.load_inventory("pirkanmaa", ETS, [2018])
    esr = manager.load_inventory("pirkanmaa", ESR, [2018])
    assert ets is not None
    assert esr is not None
    assert ets.value("837", "Kau", 2018).m == pytest.approx(parts[True])
    assert esr.value("837", "Kau", 2018).m == pytest.approx(parts[False])


def test_local_parameters_include_tampere_district_heat(manager: PluginManager) -> None:
    factors = {f.line: f for f in manager.emission_factors("pirkanmaa")}
    # measure_parameters.csv line 158: "2020: 140; 2022: 122; 2023: 113" -- several values
    assert factors[158].name == "ef_district_heat_tampere_ilmakalu"
    assert factors[158].value is None
    assert factors[18].value == Q_(2.56, "kWh / vkm")
