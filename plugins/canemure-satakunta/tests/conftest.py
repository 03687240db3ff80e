"""Keep the tests independent of the user's canemure cache."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point canemure's cache at an empty folder, so inventories come from bundled data only."""
    cache = tmp_path / "canemure-cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    return cache
