"""Reading the user cache back: checked before use, one bad entry costs only its municipality."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from fake_syke import syke_csv_text

from canemure.io.cache import Cache, CacheWarning
from canemure.io.imports import entry_municipality, imported_inventories
from canemure.sectors import accounting_rule

KUNTA = syke_csv_text([2007, 2024]).encode()
LEMI = "syke/Tulokset_taso_5/kunta_416.csv"
LAPPEENRANTA = "syke/Tulokset_taso_5/kunta_405.csv"


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    cache = Cache(tmp_path / "cache")
    cache.store_bytes(LEMI, KUNTA, source="u:416", kind="download")
    cache.store_bytes(LAPPEENRANTA, KUNTA, source="u:405", kind="download")
    return cache


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("syke/Tulokset_taso_5/kunta_5.csv", "005"),
        ("syke/Tulokset_taso_5/kunta_416.csv", "416"),
        ("imports/ALas_167_hinku.xlsx", "167"),
        ("syke/asukasluvut_2023.csv", None),
        ("imports/notes.csv", None),
    ],
)
def test_entry_municipality(path: str, code: str | None) -> None:
    assert entry_municipality(path) == code


def areas(inventories: list[object]) -> list[str]:
    return sorted(a for inv in inventories for a in inv.areas)  # type: ignore[attr-defined]


def test_both_files_are_read(cache: Cache) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = imported_inventories(accounting_rule("hinku"), cache)
    assert areas(found) == ["405", "416"]


def test_a_changed_file_is_left_out_with_a_warning(cache: Cache) -> None:
    cache.path_for(LEMI).write_bytes(KUNTA.replace(b"0,5", b"7,5"))
    with pytest.warns(CacheWarning) as caught:
        found = imported_inventories(accounting_rule("hinku"), cache)
    assert areas(found) == ["405"]
    (message,) = [str(w.message) for w in caught]
    assert str(cache.path_for(LEMI)) in message
    assert "changed since it was stored" in message and "canemure data import" in message


def test_a_stored_file_that_no_longer_parses_costs_only_its_municipality(cache: Cache) -> None:
    cache.store_bytes(LEMI, b"kt;vuosi\n1,0;2024\n", source="u:416", kind="import")
    with pytest.warns(CacheWarning, match="required column is missing") as caught:
        found = imported_inventories(accounting_rule("hinku"), cache)
    assert areas(found) == ["405"]
    assert "Import the file again" in str(caught[0].message)


def test_a_missing_file_is_left_out_with_a_warning(cache: Cache) -> None:
    cache.path_for(LEMI).unlink()
    with pytest.warns(CacheWarning, match="recorded in the cache manifest but missing"):
        found = imported_inventories(accounting_rule("hinku"), cache)
    assert areas(found) == ["405"]


def test_files_of_other_municipalities_are_not_even_checked(cache: Cache) -> None:
    cache.path_for(LEMI).write_bytes(b"tampered")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning about Lemi: it is not asked for
        found = imported_inventories(accounting_rule("hinku"), cache, municipalities={"405"})
    assert areas(found) == ["405"]
