"""The shared implementation of the first-party region adapters: cache, fallback, coverage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from canemure.geography import Coordinator, gazetteer
from canemure.io.cache import Cache
from canemure.plugins.adapter_support import (
    RegionAdapter,
    cached_syke_inventory,
    district_heating_inventory,
    local_factors,
)
from canemure.sectors import ALL, ETS, HINKU, AccountingRule

COORDINATOR = Coordinator(organisation="Kainuun liitto", role="test", source="test")

# taso_3;taso_4;taso_5;hinku_laskenta;päästökauppa;vuosi;kt;kt_tuuli;GWh -- SYKE's layout
SYKE_FILE = (
    "taso_3;taso_4;taso_5;hinku_laskenta;päästökauppa;vuosi;kt;kt_tuuli;GWh\r\n"
    "Kau;Kau;Asu;TRUE;TRUE;2021;7,5;7,5;40\r\n"
    "Kau;Kau;Asu;TRUE;TRUE;2022;6,5;6,5;38\r\n"
).encode()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cache:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    return Cache()


def adapter() -> RegionAdapter:
    return RegionAdapter(
        region_id="pirkanmaa",
        region_code="06",
        coordinating_organisations=[COORDINATOR],
        cooperation_group_source="t",
    )


def test_without_cache_the_bundled_district_heat_is_used(cache: Cache) -> None:
    inventory = adapter().load_inventory("pirkanmaa", HINKU, None)
    assert inventory is not None
    assert list(inventory.years) == list(range(2005, 2019))
    assert inventory.sector_level == 3
    assert adapter().coverage() == {
        "pirkanmaa": {
            rule: tuple(range(2005, 2019))
            for rule in ("all", "hinku", "hinku-credits", "esr", "ets")
        }
    }


def test_cached_syke_file_wins(cache: Cache) -> None:
    cache.store_bytes("syke/Tulokset_taso_5/kunta_837.csv", SYKE_FILE, "test", "download")
    inventory = adapter().load_inventory("pirkanmaa", HINKU, None)
    assert inventory is not None
    assert list(inventory.areas) == ["837"]  # only what is cached; nothing filled in
    assert list(inventory.years) == [2021, 2022]
    assert inventory.value("837", "Kau/Kau/Asu:HE", 2022).m == pytest.approx(6.5)
    assert adapter().coverage()["pirkanmaa"]["hinku"] == (2021, 2022)
    only = cached_syke_inventory(gazetteer().region("06"), HINKU, [2022])
    assert only is not None
    assert list(only.years) == [2022]
    assert cached_syke_inventory(gazetteer().region("06"), HINKU, [1990]) is None


def test_a_tampered_cache_file_is_not_trusted(cache: Cache) -> None:
    cache.store_bytes("syke/Tulokset_taso_5/kunta_837.csv", SYKE_FILE, "test", "download")
    cache.path_for("syke/Tulokset_taso_5/kunta_837.csv").write_bytes(SYKE_FILE + b"x")
    assert cached_syke_inventory(gazetteer().region("06"), ALL) is None


def test_a_custom_rule_gets_the_matching_part() -> None:
    ets_only = AccountingRule("my-ets", "oma", "mine", "ETS leaves only", ets=True)
    custom = district_heating_inventory(gazetteer().region("06"), ets_only, [2018])
    ets = district_heating_inventory(gazetteer().region("06"), ETS, [2018])
    assert custom is not None
    assert ets is not None
    assert custom.rule == ets_only
    np.testing.assert_array_equal(
        custom.sel(sectors=["Kau"]).magnitude, ets.sel(sectors=["Kau"]).magnitude
    )


def test_unknown_years_give_none() -> None:
    assert district_heating_inventory(gazetteer().region("06"), HINKU, [1066]) is None


def test_hooks_answer_none_for_other_regions(cache: Cache) -> None:
    a = adapter()
    assert a.municipalities("uusimaa") is None
    assert a.measures("uusimaa") is None
    assert a.load_inventory("uusimaa", HINKU, None) is None
    group = a.cooperation_group("pirkanmaa")
    assert group is not None
    assert group.meetings_per_year == 4
    assert group.members == ()


def test_an_adapter_needs_a_coordinator() -> None:
    with pytest.raises(ValueError, match="coordinating organisation"):
        RegionAdapter(
            region_id="pirkanmaa",
            region_code="06",
            coordinating_organisations=[],
            cooperation_group_source="t",
        )


def test_local_factors_skip_national_scopes() -> None:
    uusimaa = {f.line for f in local_factors(gazetteer().region("01"))}
    assert 95 not in uusimaa  # 'Finland (Helsinki, Helen)' is a national figure
    assert 52 in uusimaa  # 'Helsinki-Espoo'
