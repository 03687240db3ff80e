"""What the Uusimaa adapter answers: Espoo's and Helsinki's CCC actions, Helsinki parameters."""

from __future__ import annotations

import canemure_uusimaa as adapter
import pytest

from canemure.plugins import PluginManager
from canemure.units import Q_


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "uusimaa")
    return manager


def test_municipalities(manager: PluginManager) -> None:
    codes = manager.municipalities("Nyland")
    assert codes is not None
    assert len(codes) == 26
    assert {"049", "091"} <= set(codes)  # Espoo, Helsinki


def test_city_measures(manager: PluginManager) -> None:
    measures = {m.id: m for m in manager.measures("uusimaa")}
    assert sum(m.city == "Espoo" for m in measures.values()) == 50
    assert sum(m.city == "Helsinki" for m in measures.values()) == 71
    # measures_cities.csv line 369: "-319" in "kt (Emissions 2030 compared to 2022)": no gas named
    e1 = measures["espoo:E1"]
    assert e1.effect is None
    assert "names no greenhouse gas" in (e1.effect_parse_note or "")
    # line 390: "-65,6" kt CO2-ekv, a potential in 2030 printed as a signed change
    ev = measures["espoo:M3-add: faster EV uptake"].effect
    assert ev is not None
    assert ev.reduction_low == Q_(65.6, "kt CO2e / a")


def test_local_parameters(manager: PluginManager) -> None:
    factors = {f.line: f for f in manager.emission_factors("uusimaa")}
    assert sorted(factors) == [49, 51, 52, 107, 108, 109, 116, 117, 118]
    assert factors[107].value == Q_(27.7, "GWh / a")  # Helsinki LED street lights
    assert factors[52].gas_basis == "CO2"  # "t CO2/a (2030)"


def test_roadmap() -> None:
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.title == "Hiilineutraali Uusimaa 2030"
    assert roadmap.approved is None  # only "joulukuussa 2020" is published
    assert len(roadmap.themes) == 6
