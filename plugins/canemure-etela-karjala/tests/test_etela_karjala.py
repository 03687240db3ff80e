"""What the Etelä-Karjala adapter answers: Lappeenranta's Climate City Contract actions."""

from __future__ import annotations

import canemure_etela_karjala as adapter
import pytest

from canemure.plugins import PluginManager
from canemure.published.measures import (
    EffectBasis,
    MeasureStatus,
    OverlappingMeasuresError,
    select_summable,
    total_effect,
)
from canemure.published.targets import TargetKind
from canemure.units import Q_


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "etela-karjala")
    return manager


def test_municipalities_and_coordinator(manager: PluginManager) -> None:
    codes = manager.municipalities("etela-karjala")
    assert codes is not None
    assert len(codes) == 9
    assert "405" in codes  # Lappeenranta
    coordinators = manager.coordinators("etela-karjala")
    assert coordinators is not None
    assert coordinators[0].organisation == "Lappeenrannan kaupunki"
    assert coordinators[0].organisation_en == "City of Lappeenranta"


def test_lappeenranta_actions(manager: PluginManager) -> None:
    measures = {m.id: m for m in manager.measures("etela-karjala")}
    assert len(measures) == 16
    peat = measures["lpr_1_1_peat_phaseout_chp"]  # measures_regions_and_cities.csv line 2
    assert peat.effect is not None
    assert peat.effect.low == Q_(25_000, "t CO2e / a")
    assert peat.effect.basis is EffectBasis.ANNUAL
    assert peat.costs[0].low == Q_(8_000_000, "EUR")
    assert peat.status is MeasureStatus.PLANNED
    assert peat.sector == "Kau"
    assert measures["lpr_1_3_dh_network_efficiency"].effect is None  # counted in 1.1


def test_component_with_its_aggregate_is_refused(manager: PluginManager) -> None:
    measures = {m.id: m for m in manager.measures("etela-karjala")}
    pair = [measures["lpr_1_1_peat_phaseout_chp"], measures["lpr_1_3_dh_network_efficiency"]]
    with pytest.raises(OverlappingMeasuresError, match="includes the figures of"):
        total_effect(pair)
    chosen = select_summable(pair)
    assert [m.id for m in chosen.kept] == ["lpr_1_1_peat_phaseout_chp"]


def test_targets(manager: PluginManager) -> None:
    targets = {t.id: t for t in manager.targets("etela-karjala")}
    assert targets["ek_hinku_80pct"].value == Q_(80, "percent")
    residual = targets["lpr_residual_2030"]  # 85 000 t CO2e in 2030
    assert residual.kind is TargetKind.ABSOLUTE_LEVEL
    assert residual.value == Q_(85, "kt CO2e / a")


def test_roadmap_structure_not_found() -> None:
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.title is None
    assert roadmap.themes == ()
    assert not roadmap.themes_complete


def test_no_local_parameters(manager: PluginManager) -> None:
    assert manager.emission_factors("etela-karjala") == ()
