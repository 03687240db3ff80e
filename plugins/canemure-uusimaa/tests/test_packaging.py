"""The packaging metadata names this adapter's plugin object, region and core requirement."""

import tomllib
from pathlib import Path

import canemure_uusimaa

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_entry_point_names_the_adapter() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["canemure"] == {
        canemure_uusimaa.REGION_ID: "canemure_uusimaa:ADAPTER"
    }


def test_versions_and_core_requirement_match() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["version"] == canemure_uusimaa.__version__
    assert f"canemure{canemure_uusimaa.ADAPTER.CANEMURE_REQUIRES}" in project["dependencies"]
