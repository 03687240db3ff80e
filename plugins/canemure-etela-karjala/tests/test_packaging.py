"""The packaging metadata names this adapter's plugin object, region and core requirement."""

import tomllib
from pathlib import Path

import canemure_etela_karjala

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_entry_point_names_the_adapter() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["canemure"] == {
        canemure_etela_karjala.REGION_ID: "canemure_etela_karjala:ADAPTER"
    }


def test_versions_and_core_requirement_match() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["version"] == canemure_etela_karjala.__version__
    assert f"canemure{canemure_etela_karjala.ADAPTER.CANEMURE_REQUIRES}" in project["dependencies"]
