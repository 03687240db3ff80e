"""Adapter READMEs say how to install from this repository, never from an index they are not on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
READMES = sorted(PLUGINS.glob("canemure-*/README.md"))


def test_there_are_adapter_readmes() -> None:
    assert len(READMES) == 8


@pytest.mark.parametrize("readme", READMES, ids=lambda p: p.parent.name)
def test_install_from_the_repository(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    name = readme.parent.name
    # "pip install canemure-x" (an index) is wrong; "pip install ./plugins/canemure-x" is right
    from_index = re.findall(r"pip install (?:-\S+ )*['\"]?(canemure[\w\-\[\]]*)", text)
    assert not from_index, f"{name}: installs from a package index: {from_index}"
    assert f"pip install ./plugins/{name}" in text
    assert "pip install . ./plugins/canemure-*" in text  # the README's set-up command
