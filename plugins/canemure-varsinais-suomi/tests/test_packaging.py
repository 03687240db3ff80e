"""The packaging metadata names this adapter's plugin object, region and core requirement."""

import tomllib
from pathlib import Path

import canemure_varsinais_suomi

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_entry_point_names_the_adapter() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["canemure"] == {
        canemure_varsinais_suomi.REGION_ID: "canemure_varsinais_suomi:ADAPTER"
    }


def test_versions_and_core_requirement_match() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["version"] == canemure_varsinais_suomi.__version__
    assert (
        f"canemure{canemure_varsinais_suomi.ADAPTER.CANEMURE_REQUIRES}" in project["dependencies"]
    )
