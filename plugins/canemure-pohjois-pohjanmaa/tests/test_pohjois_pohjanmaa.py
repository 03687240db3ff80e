"""What the Pohjois-Pohjanmaa adapter answers -- and where it has nothing to say."""

from __future__ import annotations

import datetime as dt

import canemure_pohjois_pohjanmaa as adapter
import pytest

from canemure.plugins import PluginManager
from canemure.sectors import HINKU


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "pohjois-pohjanmaa")
    return manager


def test_municipalities(manager: PluginManager) -> None:
    codes = manager.municipalities("North Ostrobothnia")
    assert codes is not None
    assert len(codes) == 30
    assert "564" in codes  # Oulu


def test_no_published_measures_targets_or_parameters(manager: PluginManager) -> None:
    assert manager.measures("pohjois-pohjanmaa") == ()
    assert manager.targets("pohjois-pohjanmaa") == ()
    assert manager.emission_factors("pohjois-pohjanmaa") == ()


def test_roadmap_and_coordinator(manager: PluginManager) -> None:
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.approved == dt.date(2021, 2, 15)
    assert len(roadmap.themes) == 7
    coordinators = manager.coordinators("pohjois-pohjanmaa")
    assert coordinators is not None
    assert coordinators[0].organisation_en == "Oulu University of Applied Sciences"


def test_inventory_coverage_is_declared(manager: PluginManager) -> None:
    coverage = adapter.ADAPTER.CANEMURE_COVERAGE["pohjois-pohjanmaa"]
    assert coverage[HINKU.id] == tuple(range(2005, 2019))
    inventory = manager.load_inventory("pohjois-pohjanmaa", HINKU)
    assert inventory is not None
    assert inventory.coverage().estimated_cells > 0
    assert not inventory.coverage().is_complete  # only district heat is bundled
