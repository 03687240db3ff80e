"""The built-in providers do only the work a region needs (issue 9: whole-process speed).

Counted, not timed: the user cache asks the manifest once for a region's absent files, and
the bundled provider does not read the bundled inventory for a region it has no
municipality of.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_syke import syke_csv_text

from canemure.geography import gazetteer
from canemure.io.cache import Cache
from canemure.providers import bundled, user_cache
from canemure.sectors import HINKU


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cache:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    user_cache.clear_parsed()
    return Cache()


def test_a_region_asks_the_manifest_only_about_files_it_holds(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = syke_csv_text([2007, 2024]).encode()
    cache.store_bytes("syke/Tulokset_taso_5/kunta_167.csv", data, "test", "download")  # Joensuu
    asked: list[str] = []
    listed: list[None] = []
    checked: list[str] = []
    real_entry, real_entries, real_check = Cache.entry, Cache.entries, Cache.entry_problem

    def counting(self: Cache, relative: str) -> object:
        asked.append(str(relative))
        return real_entry(self, relative)

    def listing(self: Cache) -> object:
        listed.append(None)
        return real_entries(self)

    def checking(self: Cache, entry: object) -> object:
        checked.append(entry.path)  # type: ignore[attr-defined]
        return real_check(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(Cache, "entry", counting)
    monkeypatch.setattr(Cache, "entries", listing)
    monkeypatch.setattr(Cache, "entry_problem", checking)
    region = gazetteer().region("pohjois-karjala")
    inventory = user_cache.cached_inventory(region, HINKU)
    assert inventory is not None
    assert list(inventory.areas) == ["167"]
    # The manifest is read once for the region; then only Joensuu's file is checked against
    # its record: not the other 12 municipalities' files, their Excel exports, nor a
    # population list for each year, and no second manifest query per file
    assert len(listed) == 1
    assert asked == []
    assert checked == ["syke/Tulokset_taso_5/kunta_167.csv"]


def test_the_bundled_inventory_is_not_read_for_another_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def must_not_run(rule: object) -> list[object]:
        raise AssertionError("the bundled inventories were read")

    monkeypatch.setattr(bundled, "bundled_inventories", must_not_run)
    assert bundled.canemure_load_inventory("uusimaa", HINKU, None) is None
    with pytest.raises(AssertionError, match="were read"):  # its own region still reads them
        bundled.canemure_load_inventory("pohjois-karjala", HINKU, None)
