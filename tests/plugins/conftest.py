"""Fixtures for plugin-host tests: throwaway installed distributions on a temporary sys.path.

``installed`` writes a real ``*.dist-info`` folder (METADATA with Requires-Dist lines, and
entry_points.txt) plus the plugin's modules into a temporary folder on ``sys.path``: exactly
what an installer leaves behind, so ``importlib.metadata`` discovers the entry points as it
would for an installed adapter. (tests/plugins/test_external_adapter.py does a real pip install
of a scaffolded adapter once; these lighter fixtures let each failure mode have its own
distribution.) Modules the tests import are removed from ``sys.modules`` afterwards.
"""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from canemure.plugins import loading

Install = Callable[..., str]


@pytest.fixture
def site_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh folder on sys.path standing in for site-packages.

    Only the core's own entry point and those installed here are visible, so the tests give
    the same results whether or not the first-party adapters are installed in the environment.
    """
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    real_entry_points = importlib.metadata.entry_points

    def visible(**params: str) -> importlib.metadata.EntryPoints:
        found = real_entry_points(**params)
        keep = [
            ep
            for ep in found
            if ep.dist is None
            or ep.dist.name == "canemure"
            or str(site) in str(getattr(ep.dist, "_path", ""))
        ]
        return importlib.metadata.EntryPoints(keep)

    monkeypatch.setattr(importlib.metadata, "entry_points", visible)
    # discovery reads the folders itself when it can; here it must go importlib's way, filtered
    monkeypatch.setattr(loading, "_quick_candidates", lambda group: None)
    before = set(sys.modules)
    yield site
    for name in set(sys.modules) - before:
        module = sys.modules.get(name)
        if module is not None and str(site) in str(getattr(module, "__file__", "") or ""):
            del sys.modules[name]


@pytest.fixture
def installed(site_dir: Path) -> Install:
    """Install a throwaway distribution; return the unique module prefix used.

    ``installed(dist, {"ep-name": "module[:attr]"}, {"module": "source"}, version=...,
    requires=[...])`` writes the modules and the dist-info. Module names in the mapping may use
    ``{p}``, replaced by a prefix unique to the test, so sys.modules never mixes tests.
    """
    prefix = f"p{uuid.uuid4().hex[:8]}"

    def install(
        dist: str,
        entry_points: dict[str, str],
        modules: dict[str, str],
        *,
        version: str = "1.0",
        requires: tuple[str, ...] = ("canemure>=0.1,<1",),
    ) -> str:
        for name, source in modules.items():
            path = site_dir / f"{name.format(p=prefix)}.py"
            path.write_text(textwrap.dedent(source), encoding="utf-8")
        info = site_dir / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        metadata = ["Metadata-Version: 2.1", f"Name: {dist}", f"Version: {version}"]
        metadata += [f"Requires-Dist: {line}" for line in requires]
        (info / "METADATA").write_text("\n".join(metadata) + "\n", encoding="utf-8")
        lines = ["[canemure]"] + [
            f"{name} = {value.format(p=prefix)}" for name, value in entry_points.items()
        ]
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return prefix

    return install
