"""CLI tests run in a neutral locale: ``--lang`` defaults from LC_ALL/LC_MESSAGES/LANG."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def neutral_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
