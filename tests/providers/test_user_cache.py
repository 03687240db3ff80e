"""The user-cache provider: looked up by municipality, each file parsed once per process."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fake_syke import syke_csv_text

from canemure.datasets import baseline_sources
from canemure.geography import gazetteer
from canemure.io import syke_csv
from canemure.io.cache import Cache
from canemure.plugins import PluginManager
from canemure.providers import bundled, user_cache
from canemure.reports import build_region_profile
from canemure.sectors import ALL, HINKU, RULES


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cache:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    user_cache.clear_parsed()
    return Cache()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """Count the SYKE CSV reader's calls by (file name, rule id)."""
    calls: Counter[tuple[str, str]] = Counter()
    real = syke_csv.read_syke_csv

    def counting(path: Any, **kwargs: Any) -> Any:
        calls[(Path(path).name, kwargs.get("rule", HINKU).id)] += 1
        return real(path, **kwargs)

    monkeypatch.setattr(syke_csv, "read_syke_csv", counting)
    return calls


def _store(cache: Cache, code: int, years: list[int], value: str = "0,5") -> None:
    data = syke_csv_text(years, value).encode()
    cache.store_bytes(f"syke/Tulokset_taso_5/kunta_{code}.csv", data, "test", "download")


def _manager() -> PluginManager:
    manager = PluginManager(entry_points=False)
    assert manager.register(user_cache, "user-cache")
    assert manager.register(bundled, "bundled-data")
    return manager


def test_a_file_is_parsed_once_per_rule_per_process(
    cache: Cache, reads: Counter[tuple[str, str]]
) -> None:
    _store(cache, 167, [2007, 2024])  # Joensuu, Pohjois-Karjala
    _store(cache, 405, [2007, 2024])  # Lappeenranta, Etelä-Karjala
    manager = _manager()
    region = gazetteer().region("pohjois-karjala")
    for _ in range(2):
        baseline_sources(region, HINKU, manager=manager)
        baseline_sources(gazetteer().municipality("167"), HINKU, manager=manager)
    build_region_profile(region, manager)  # every rule, the HINKU file again
    assert reads[("kunta_167.csv", HINKU.id)] == 1
    assert reads[("kunta_167.csv", ALL.id)] == 1
    assert sum(n for (name, _), n in reads.items() if name == "kunta_167.csv") == len(RULES)
    # another region's file is never opened: entries are looked up by municipality
    assert not [key for key in reads if key[0] == "kunta_405.csv"]


def test_a_replaced_file_is_read_afresh(cache: Cache, reads: Counter[tuple[str, str]]) -> None:
    _store(cache, 167, [2007, 2024])
    region = gazetteer().region("12")
    first = user_cache.cached_inventory(region, HINKU)
    _store(cache, 167, [2007, 2024], value="1,0")
    second = user_cache.cached_inventory(region, HINKU)
    assert reads[("kunta_167.csv", HINKU.id)] == 2
    assert first is not None and second is not None
    leaf = first.sectors.labels[0]
    assert first.value("167", leaf, 2024).m == pytest.approx(0.5)
    assert second.value("167", leaf, 2024).m == pytest.approx(1.0)


def test_user_import_beats_bundled_for_its_municipality_only(cache: Cache) -> None:
    _store(cache, 167, [2007, 2024])
    found = baseline_sources(gazetteer().region("12"), HINKU, manager=_manager())
    kinds = {c.area: (c.kind, c.provider) for c in found.choices}
    assert kinds.pop("167") == ("user-import", "user-cache")
    assert set(kinds.values()) == {("bundled", "bundled-data")}
    assert len(kinds) == 12
    # Joensuu: every HINKU leaf is 0.5 kt -> 81 * 0.5 = 40.5 kt, the file's own sum
    assert found.inventory.sel(areas=["167"], years=[2024]).total().magnitude.item() == (
        pytest.approx(0.5 * len(HINKU.leaves()))
    )
    (gap,) = found.disagreements  # the bundled Joensuu series differs
    assert gap.area == "167" and gap.other_kind == "bundled"


def test_the_manager_given_is_the_one_asked(cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    import canemure.plugins as plugins_package
    import canemure.plugins.manager as manager_module

    def no_global() -> PluginManager:
        raise AssertionError("the process-wide plugin manager was used")

    monkeypatch.setattr(manager_module, "get_plugin_manager", no_global)
    monkeypatch.setattr(plugins_package, "get_plugin_manager", no_global)
    manager = PluginManager(entry_points=False)
    manager.register(bundled, "bundled-data")
    profile = build_region_profile(gazetteer().region("12"), manager)
    assert profile.data_years[HINKU.id][-1] == 2024
    assert {kind for _, kind, _ in profile.data_sources[HINKU.id]} == {"bundled"}
    found = baseline_sources(gazetteer().region("12"), HINKU, manager=manager)
    assert len(found.choices) == 13
