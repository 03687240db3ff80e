"""The shared implementation of the first-party region adapters: cache, fallback, coverage.

A ``RegionAdapter`` object is itself the plugin; the tests at the end register one the way the
host does and check that the version and coverage checks reach it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from canemure.adapters import (
    RegionAdapter,
    cached_syke_inventory,
    district_heating_inventory,
    local_factors,
)
from canemure.geography import Coordinator, gazetteer
from canemure.io.cache import Cache
from canemure.plugins import PluginManager
from canemure.plugins.hookspecs import NAME
from canemure.sectors import ALL, ETS, HINKU, AccountingRule
from canemure.testing import run_conformance

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
    inventory = adapter().canemure_load_inventory("pirkanmaa", HINKU, None)
    assert inventory is not None
    assert list(inventory.years) == list(range(2005, 2019))
    assert inventory.sector_level == 3
    assert adapter().coverage() == {
        "pirkanmaa": {
            rule: tuple(range(2005, 2019))
            for rule in ("all", "hinku", "hinku-credits", "esr", "ets")
        }
    }


def test_cached_syke_file_wins_through_the_user_cache_provider(cache: Cache) -> None:
    from canemure.providers import user_cache

    cache.store_bytes("syke/Tulokset_taso_5/kunta_837.csv", SYKE_FILE, "test", "download")
    # the adapter no longer reads the cache: its answer is the bundled district heat
    own = adapter().canemure_load_inventory("pirkanmaa", HINKU, None)
    assert own is not None
    assert list(own.years) == list(range(2005, 2019))
    inventory = cached_syke_inventory(gazetteer().region("06"), HINKU)
    assert inventory is not None
    assert list(inventory.areas) == ["837"]  # only what is cached; nothing filled in
    assert list(inventory.years) == [2021, 2022]
    assert inventory.value("837", "Kau/Kau/Asu:HE", 2022).m == pytest.approx(6.5)
    manager = PluginManager(entry_points=False)
    manager.register(adapter(), "pirkanmaa")
    manager.register(user_cache, "user-cache")
    chosen = manager.load_inventory("pirkanmaa", HINKU)
    assert chosen is not None
    # Tampere's whole series is the cached file's: no district heat from the adapter mixed in
    assert [s.path for s in chosen.sources["837"]] == [
        str(cache.path_for("syke/Tulokset_taso_5/kunta_837.csv"))
    ]
    assert np.isnan(chosen.sel(areas=["837"], years=list(range(2005, 2019))).magnitude).all()
    others = [a for a in own.areas if a != "837"]
    np.testing.assert_array_equal(  # the other municipalities keep the adapter's series
        chosen.sel(areas=others, sectors=list(own.sectors), years=list(own.years)).magnitude,
        own.sel(areas=others).magnitude,
    )
    only = cached_syke_inventory(gazetteer().region("06"), HINKU, [2022])
    assert only is not None
    assert list(only.years) == [2022]
    assert cached_syke_inventory(gazetteer().region("06"), HINKU, [1990]) is None


def test_a_tampered_cache_file_is_not_trusted(cache: Cache) -> None:
    cache.store_bytes("syke/Tulokset_taso_5/kunta_837.csv", SYKE_FILE, "test", "download")
    cache.path_for("syke/Tulokset_taso_5/kunta_837.csv").write_bytes(SYKE_FILE + b"x")
    from canemure.io.cache import CacheWarning

    with pytest.warns(CacheWarning, match=r"kunta_837\.csv changed since it was stored"):
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
    assert a.canemure_municipalities("uusimaa") is None
    assert a.canemure_measures("uusimaa") is None
    assert a.canemure_load_inventory("uusimaa", HINKU, None) is None
    group = a.canemure_cooperation_group("pirkanmaa")
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


# ---------------------------------------------------------------------- the object is the plugin
HOOKS = {
    "canemure_regions",
    "canemure_municipalities",
    "canemure_coordinators",
    "canemure_cooperation_group",
    "canemure_roadmap",
    "canemure_load_inventory",
    "canemure_measures",
    "canemure_targets",
    "canemure_emission_factors",
}


def test_every_hook_is_a_method_named_as_its_spec() -> None:
    marked = {
        name
        for name in dir(RegionAdapter)
        if getattr(getattr(RegionAdapter, name), f"{NAME}_impl", None) is not None
    }
    assert marked == HOOKS


def test_a_registered_adapter_object_answers_through_the_manager(cache: Cache) -> None:
    manager = PluginManager(entry_points=False)
    plugin = adapter()
    assert manager.register(plugin, "pirkanmaa"), manager.failures()
    (info,) = manager.plugins()
    assert set(info.hooks) == HOOKS
    assert info.regions == ("pirkanmaa",)
    assert [r.region_code for r in manager.regions()] == ["06"]
    assert manager.municipalities("Birkaland") == tuple(
        m.code for m in gazetteer().municipalities_of("06")
    )
    assert manager.coordinators("pirkanmaa") == (COORDINATOR,)
    group = manager.cooperation_group("06")
    assert group is not None
    assert group.supported_by == "a paid regional coordinator (Kainuun liitto)"
    roadmap = manager.roadmap("Birkaland")
    assert roadmap is not None and roadmap.region_id == "pirkanmaa" and roadmap.themes
    assert manager.roadmap("kainuu") is None
    inventory = manager.load_inventory("pirkanmaa", HINKU, [2018])
    assert inventory is not None
    assert list(inventory.years) == [2018]
    assert {m.region_id for m in manager.measures("pirkanmaa")} == {"pirkanmaa"}
    assert {t.region_id for t in manager.targets("pirkanmaa")} == {"pirkanmaa"}
    factors = manager.emission_factors("pirkanmaa")
    assert factors
    assert all("Tampere" in f.scope for f in factors)
    assert manager.municipalities("kainuu") is None  # no built-in here: nobody answers
    assert manager.failures() == ()


def test_the_version_check_reads_the_object() -> None:
    assert adapter().CANEMURE_REQUIRES == ">=0.1"
    too_new = RegionAdapter(
        region_id="pirkanmaa",
        region_code="06",
        coordinating_organisations=[COORDINATOR],
        cooperation_group_source="t",
        canemure_requires=">=99",
    )
    manager = PluginManager(entry_points=False, core_version="0.1.0")
    assert manager.register(too_new, "pirkanmaa") is False
    (failure,) = manager.failures()
    assert failure.stage == "version"
    assert failure.reason == ("needs canemure >=99 (CANEMURE_REQUIRES), this is canemure 0.1.0")


def test_coverage_is_a_view_computed_on_lookup(cache: Cache) -> None:
    a = adapter()
    coverage = a.CANEMURE_COVERAGE
    assert list(coverage) == ["pirkanmaa"]
    assert dict(coverage) == a.coverage()
    assert "uusimaa" not in coverage
    cache.store_bytes("syke/Tulokset_taso_5/kunta_837.csv", SYKE_FILE, "test", "download")
    # the cache belongs to the user-cache provider, not to the adapter's coverage
    assert coverage["pirkanmaa"]["hinku"] == tuple(range(2005, 2019))


def test_the_conformance_kit_checks_the_declared_coverage(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_conformance(adapter(), "pirkanmaa") == []

    def claims_too_much(self: RegionAdapter) -> dict[str, dict[str, tuple[int, ...]]]:
        return {"pirkanmaa": {"hinku": (2004, 2005)}}

    monkeypatch.setattr(RegionAdapter, "coverage", claims_too_much)
    (problem,) = run_conformance(adapter(), "pirkanmaa")
    assert "differ from the declared [2004, 2005]" in problem
    assert "rule 'all' gives an inventory but is not declared in CANEMURE_COVERAGE" in problem


def test_registering_reads_no_coverage(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: RegionAdapter) -> dict[str, dict[str, tuple[int, ...]]]:
        raise RuntimeError("damaged cache file")

    monkeypatch.setattr(RegionAdapter, "coverage", broken)
    a = adapter()
    for name in dir(a):  # what older pluggy releases do while looking for hook implementations
        getattr(a, name)
    manager = PluginManager(entry_points=False)
    assert manager.register(a, "pirkanmaa"), manager.failures()
    with pytest.raises(RuntimeError, match="damaged cache file"):
        a.CANEMURE_COVERAGE["pirkanmaa"]


def test_old_adapter_support_path_warns_and_still_works() -> None:
    import canemure.adapters
    import canemure.plugins.adapter_support as old

    with pytest.warns(DeprecationWarning, match=r"canemure\.adapters\.RegionAdapter"):
        moved = old.RegionAdapter
    assert moved is canemure.adapters.RegionAdapter
    with pytest.raises(AttributeError):
        _ = old.NoSuchName
