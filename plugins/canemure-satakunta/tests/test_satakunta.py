"""What the Satakunta adapter answers: strategy proposals and folded municipal mergers."""

from __future__ import annotations

import math

import canemure_satakunta as adapter
import pytest

from canemure._resources import read_bundled_csv
from canemure.plugins import PluginManager
from canemure.published.measures import MeasureStatus, total_effect
from canemure.sectors import ESR, ETS


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "satakunta")
    return manager


def test_municipalities(manager: PluginManager) -> None:
    codes = manager.municipalities("satakunta")
    assert codes is not None
    assert len(codes) == 16
    assert "099" not in codes  # Honkajoki merged into Kankaanpää in 2021


def test_measures_are_unquantified_proposals(manager: PluginManager) -> None:
    measures = manager.measures("satakunta")
    assert len(measures) == 19
    assert {m.status for m in measures} == {MeasureStatus.PROPOSED}
    total = total_effect(measures)
    assert total.low is None
    assert total.high is None
    assert len(total.unquantified) == 19


def _row(code: str, year: str, ets: str) -> float:
    rows = read_bundled_csv("emissions_district_heating_alas11_2005_2018.csv")
    (value,) = [
        float(r["emission_ktco2e"])
        for r in rows
        if (r["municipality_code"], r["year"], r["emissions_trading"]) == (code, year, ets)
    ]
    return value


def test_honkajoki_is_folded_into_kankaanpaa(manager: PluginManager) -> None:
    esr = manager.load_inventory("satakunta", ESR, [2010])
    assert esr is not None
    assert "099" not in esr.areas
    # district-heat file lines 597 and 1327: 1.856 + 3.087 kt CO2e (plants outside the ETS)
    assert esr.value("214", "Kau", 2010).m == pytest.approx(_row("099", "2010", "no") + 3.087)
    assert any("Honkajoki" in (s.notes or "") for s in esr.sources["214"])
    # Honkajoki has no ETS row: the merged area's ETS figure is not estimated, never 0
    ets = manager.load_inventory("satakunta", ETS, [2010])
    assert ets is not None
    assert math.isnan(ets.value("214", "Kau", 2010).m)


def test_targets_and_roadmap(manager: PluginManager) -> None:
    assert {t.id for t in manager.targets("satakunta")} == {
        "sat_carbon_neutral_2030",
        "sat_transport_zero_2045",
    }
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.approved is None
    assert not roadmap.themes_complete
