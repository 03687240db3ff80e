"""What the Varsinais-Suomi adapter answers: Turku's two levels of figures are never summed."""

from __future__ import annotations

import datetime as dt

import canemure_varsinais_suomi as adapter
import pytest

from canemure.plugins import PluginManager
from canemure.published.measures import OverlappingMeasuresError, select_summable, total_effect
from canemure.published.targets import TargetKind
from canemure.units import Q_


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "varsinais-suomi")
    return manager


def test_municipalities(manager: PluginManager) -> None:
    codes = manager.municipalities("Egentliga Finland")
    assert codes is not None
    assert len(codes) == 27
    assert "853" in codes  # Turku


def test_turku_portfolio_and_interventions_are_not_summable(manager: PluginManager) -> None:
    turku = [m for m in manager.measures("varsinais-suomi") if m.city == "Turku"]
    assert len(turku) == 17
    with pytest.raises(OverlappingMeasuresError) as caught:
        total_effect(turku)
    assert any(
        "tku_p1_carbon_neutral_energy_system includes the figures of tku_c3_municipal_buildings"
        in c
        for c in caught.value.conflicts
    )


def test_turku_portfolio_level_total(manager: PluginManager) -> None:
    turku = [m for m in manager.measures("varsinais-suomi") if m.city == "Turku"]
    chosen = select_summable(turku)
    kept = {m.id for m in chosen.kept}
    assert kept == {
        "tku_p1_carbon_neutral_energy_system",
        "tku_p2_low_carbon_mobility",
        "tku_p3_circular_economy",
        "tku_p4_biodiversity_sinks",
        "tku_p5_urban_structure_construction",
    }
    total = total_effect(chosen.kept)
    # 158 000 + 4 000 + 16 000 t CO2e/a in 2030 (measures_regions_and_cities.csv lines 18, 20, 21)
    assert total.low == Q_(178, "kt CO2e / a")
    assert total.other_basis == ("tku_p2_low_carbon_mobility",)  # 49 000 t, per year not stated
    assert total.unquantified == ("tku_p5_urban_structure_construction",)
    assert not total.complete


def test_regional_measures_are_unquantified(manager: PluginManager) -> None:
    regional = [m for m in manager.measures("varsinais-suomi") if m.city is None]
    assert len(regional) == 8
    assert all(m.effect is None for m in regional)


def test_targets(manager: PluginManager) -> None:
    targets = {t.id: t for t in manager.targets("varsinais-suomi")}
    neutral = targets["vs_carbon_neutral_2035"]
    assert (neutral.kind, neutral.target_year) == (TargetKind.CARBON_NEUTRALITY, 2035)
    turku = targets["tku_total_90pct"]
    assert (turku.value, turku.base_year, turku.target_year) == (Q_(90, "percent"), 1990, 2029)
    assert targets["tku_scen_dh"].kind is TargetKind.OTHER  # a scenario contribution


def test_roadmap_and_coordinator(manager: PluginManager) -> None:
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.approved == dt.date(2021, 1, 25)
    coordinators = manager.coordinators("varsinais-suomi")
    assert coordinators is not None
    assert coordinators[0].organisation == "Varsinais-Suomen ELY-keskus"


def test_turku_parameters(manager: PluginManager) -> None:
    factors = {f.line: f for f in manager.emission_factors("varsinais-suomi")}
    assert sorted(factors) == [89, 90, 91, 110]
    assert factors[89].value == Q_(500_000, "EUR / vehicle")  # e-bus, "EUR per bus"
