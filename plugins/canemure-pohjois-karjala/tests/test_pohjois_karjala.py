"""What the Pohjois-Karjala adapter answers, checked against the published figures."""

from __future__ import annotations

import tomllib
from pathlib import Path

import canemure_pohjois_karjala as adapter
import numpy as np
import pytest

from canemure.io.bundled import pohjois_karjala
from canemure.plugins import PluginManager
from canemure.published.targets import TargetKind
from canemure.sectors import ALL, ESR, ETS, HINKU, HINKU_WITH_CREDITS
from canemure.units import Q_

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

# The 13 municipalities of Pohjois-Karjala (Statistics Finland, 2025): Heinävesi, Ilomantsi,
# Joensuu, Juuka, Kitee, Kontiolahti, Lieksa, Liperi, Nurmes, Outokumpu, Polvijärvi, Rääkkylä,
# Tohmajärvi.
PK_CODES = (
    "090",
    "146",
    "167",
    "176",
    "260",
    "276",
    "309",
    "422",
    "426",
    "541",
    "607",
    "707",
    "848",
)


@pytest.fixture
def manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter, "pohjois-karjala")
    return manager


def test_region_and_municipalities(manager: PluginManager) -> None:
    (region,) = manager.regions()
    assert (region.id, region.region_code) == ("pohjois-karjala", "12")
    assert region.names.all() == ("Pohjois-Karjala", "Norra Karelen", "North Karelia")
    assert manager.municipalities("North Karelia") == PK_CODES


def test_hinku_inventory_is_the_bundled_one(manager: PluginManager) -> None:
    inventory = manager.load_inventory("pohjois-karjala", HINKU)
    assert inventory is not None
    bundled = pohjois_karjala()
    assert tuple(inventory.areas) == PK_CODES
    assert list(inventory.years) == list(adapter.CANEMURE_COVERAGE["pohjois-karjala"]["hinku"])
    assert len(inventory.sectors) == 13
    np.testing.assert_array_equal(inventory.magnitude, bundled.magnitude)
    assert inventory.values.units == Q_(1, "kt CO2e / a").units
    assert inventory.coverage().is_complete
    assert inventory.population is not None
    assert {s.publisher for ss in inventory.sources.values() for s in ss} == {
        "Suomen ympäristökeskus SYKE"
    }


@pytest.mark.parametrize("rule", [ALL, HINKU_WITH_CREDITS, ESR, ETS])
def test_other_rules_are_not_covered(manager: PluginManager, rule: object) -> None:
    assert manager.load_inventory("pohjois-karjala", rule) is None  # type: ignore[arg-type]
    assert manager.failures() == ()


def test_years_outside_the_data_are_left_out(manager: PluginManager) -> None:
    inventory = manager.load_inventory("pohjois-karjala", HINKU, [2000, 2007, 2024, 2030])
    assert inventory is not None
    assert list(inventory.years) == [2007, 2024]
    assert manager.load_inventory("pohjois-karjala", HINKU, [1995, 2030]) is None


def test_published_targets(manager: PluginManager) -> None:
    targets = {t.id: t for t in manager.targets("pohjois-karjala")}
    assert set(targets) == {"pk_ghg_80pct", "pk_oil_free_energy_2020", "pk_oil_free_transport_2030"}
    cut = targets["pk_ghg_80pct"]
    assert cut.kind is TargetKind.REDUCTION_PERCENT
    assert cut.value == Q_(80, "percent")
    assert (cut.base_year, cut.target_year) == (2007, 2030)
    assert cut.source.startswith("https://www.pohjois-karjala.fi/")
    assert "80 %:ia vuoden 2007 tasosta vuoteen 2030" in cut.quote


def test_entry_point_and_versions_match_the_packaging() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["canemure"] == {adapter.REGION_ID: "canemure_pohjois_karjala"}
    assert f"canemure{adapter.CANEMURE_REQUIRES}" in project["dependencies"]
    assert project["version"] == adapter.__version__


def test_coverage_names_the_hinku_rule() -> None:
    """The module names the rule by its id (importing canemure.sectors would slow start-up)."""
    assert list(adapter.CANEMURE_COVERAGE[adapter.REGION_ID]) == [HINKU.id]
