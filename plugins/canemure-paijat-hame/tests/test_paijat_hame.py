"""What the Päijät-Häme adapter answers: regional follow-up items and Lahti's CCC actions."""

from __future__ import annotations

import datetime as dt

import canemure_paijat_hame as adapter
import pytest

from canemure.plugins import PluginManager
from canemure.published.measures import OverlappingMeasuresError, total_effect
from canemure.published.targets import TargetKind
from canemure.units import Q_


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter.ADAPTER, "paijat-hame")
    return manager


def test_municipalities(manager: PluginManager) -> None:
    codes = manager.municipalities("Päijänne-Tavastland")
    assert codes is not None
    assert len(codes) == 10
    assert "398" in codes  # Lahti


def test_measures(manager: PluginManager) -> None:
    measures = {m.id: m for m in manager.measures("paijat-hame")}
    assert sum(m.city == "Lahti" for m in measures.values()) == 39
    regional = [m for m in measures.values() if m.city is None]
    assert len(regional) == 6
    assert all(not m.quantified for m in regional)
    offsetting = measures["lahti:C-3.1 Carbon sinks and offsetting"]
    assert not offsetting.summable
    with pytest.raises(OverlappingMeasuresError, match="Offsetting/sinks, not reductions"):
        total_effect([offsetting])


def test_goal_2030(manager: PluginManager) -> None:
    targets = {t.id: t for t in manager.targets("paijat-hame")}
    goal = targets["ph_total_2030"]  # "The goal for the year 2030 is 378.4 kt/v."
    assert goal.kind is TargetKind.ABSOLUTE_LEVEL
    assert goal.value == Q_(378.4, "kt CO2e / a")
    assert (goal.base_year, goal.base_year_text) == (2007, "2007 (1900 kt)")


def test_roadmap() -> None:
    roadmap = adapter.ADAPTER.roadmap()
    assert roadmap is not None
    assert roadmap.approved == dt.date(2020, 10, 12)
    assert len(roadmap.themes) == 7
