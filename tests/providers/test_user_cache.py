"""The user-cache provider: looked up by municipality, each file parsed once per process."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fake_syke import syke_csv_text

from canemure.datasets import baseline_sources
from canemure.geography import gazetteer
from canemure.io import syke_csv
from canemure.io.cache import Cache
from canemure.plugins import PluginManager
from canemure.providers import bundled, user_cache
from canemure.reports import build_region_profile
from canemure.sectors import (
    HINKU,
    HINKU_WITH_CREDITS,
    RULES,
    AccountingRule,
    sector_hierarchy,
)

CREDITS_LEAF = next(leaf.key for leaf in sector_hierarchy().leaves if leaf.key.startswith("Tuu/"))


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
    # read once with every leaf; each rule selects its leaves from that one table
    assert reads[("kunta_167.csv", "every-leaf")] == 1
    assert sum(n for (name, _), n in reads.items() if name == "kunta_167.csv") == 1
    # another region's file is never opened: entries are looked up by municipality
    assert not [key for key in reads if key[0] == "kunta_405.csv"]


def test_a_replaced_file_is_read_afresh(cache: Cache, reads: Counter[tuple[str, str]]) -> None:
    _store(cache, 167, [2007, 2024])
    region = gazetteer().region("12")
    first = user_cache.cached_inventory(region, HINKU)
    _store(cache, 167, [2007, 2024], value="1,0")
    second = user_cache.cached_inventory(region, HINKU)
    assert reads[("kunta_167.csv", "every-leaf")] == 2
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


def _distinct_values_text() -> str:
    """A real-layout file whose every row has its own figure, with the gaps SYKE files have.

    Row ``i`` (1-based) holds ``i / 10`` kt, the credits leaf ``-i / 10`` in ``kt_tuuli``; one
    leaf is an explicit null (not estimated) and three rows of 2023 are absent (zero).
    """
    header, *rows = syke_csv_text([2007, 2023, 2024]).splitlines()
    lines = [header]
    for i, row in enumerate(rows, start=1):
        cells = row.split(";")
        if cells[3] == "2023" and i % 29 == 0:
            continue  # a leaf without a row: zero in that year
        figure = f"{i / 10:.1f}".replace(".", ",")
        if cells[6] == "Tuu":
            cells[1] = "-" + figure
        else:
            cells[0] = cells[1] = "NA" if i == 7 else figure
        lines.append(";".join(cells))
    return "\n".join(lines) + "\n"


def test_every_rule_from_one_reading_equals_reading_under_the_rule(
    cache: Cache, tmp_path: Path, reads: Counter[tuple[str, str]]
) -> None:
    text = _distinct_values_text()
    path = tmp_path / "kunta_167.csv"
    path.write_text(text, encoding="utf-8")
    cache.store_bytes("syke/Tulokset_taso_5/kunta_167.csv", text.encode(), "test", "download")
    every_leaf = AccountingRule("every", "kaikki", "every leaf", "every leaf", credits=True)
    whole = syke_csv.read_syke_csv(path, rule=every_leaf, energy=False).emissions
    assert len(whole.sectors) == len(sector_hierarchy().leaves)
    for rule in RULES:
        expected = syke_csv.read_syke_csv(path, rule=rule, energy=False).emissions
        for found in (
            user_cache.under_rule(whole, rule),
            user_cache.municipality_inventory("167", rule, cache),
        ):
            assert found is not None
            assert found.rule == rule
            assert list(found.areas) == list(expected.areas) == ["167"]
            assert list(found.sectors) == list(expected.sectors)
            assert list(found.years) == list(expected.years) == [2007, 2023, 2024]
            assert found.unit == expected.unit
            np.testing.assert_array_equal(found.magnitude, expected.magnitude)
        assert user_cache.under_rule(whole, rule).sources == expected.sources
    # the file's gaps survive the selection: a null is not estimated, a missing row is zero
    assert np.isnan(whole.magnitude).sum() == 1  # row 7: the seventh leaf in 2007
    assert np.isnan(whole.magnitude[0, 6, 0])
    assert (whole.magnitude == 0).sum() == 3  # the three rows 2023 lacks
    assert (whole.magnitude[0, :, 1] == 0).sum() == 3
    credits = user_cache.under_rule(whole, HINKU_WITH_CREDITS)
    assert (credits.sel(sectors=[CREDITS_LEAF]).magnitude < 0).all()
    # the cache provider parsed the file once for all five rules
    assert reads[("kunta_167.csv", "every-leaf")] == 1


def test_a_municipality_baseline_opens_only_its_file(
    cache: Cache, reads: Counter[tuple[str, str]]
) -> None:
    _store(cache, 167, [2007, 2024])  # Joensuu
    _store(cache, 276, [2007, 2024])  # Kontiolahti, same region
    manager = _manager()
    found = baseline_sources(gazetteer().municipality("167"), HINKU, manager=manager)
    assert list(found.inventory.areas) == ["167"]
    assert found.source_of("167").kind == "user-import"
    assert {name for name, _ in reads} == {"kunta_167.csv"}
    # the region asks for every municipality: Kontiolahti's file is read then
    region = baseline_sources(gazetteer().region("pohjois-karjala"), HINKU, manager=manager)
    assert region.source_of("276").kind == "user-import"
    assert {name for name, _ in reads} == {"kunta_167.csv", "kunta_276.csv"}


def test_only_municipalities_is_a_scoped_hint(cache: Cache) -> None:
    _store(cache, 167, [2007, 2024])
    _store(cache, 276, [2007, 2024])
    with user_cache.only_municipalities(["276"]):
        inner = user_cache.canemure_load_inventory("pohjois-karjala", HINKU, None)
        with user_cache.only_municipalities(["999"]):  # no such municipality in the region
            assert user_cache.canemure_load_inventory("pohjois-karjala", HINKU, None) is None
    outer = user_cache.canemure_load_inventory("pohjois-karjala", HINKU, None)
    assert inner is not None and list(inner.areas) == ["276"]
    assert outer is not None and sorted(outer.areas) == ["167", "276"]
