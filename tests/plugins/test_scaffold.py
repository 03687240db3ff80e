"""``create_adapter`` writes a distribution that passes the conformance kit as generated."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from canemure.errors import UnknownNameError
from canemure.geography import gazetteer
from canemure.plugins import PluginManager
from canemure.plugins.scaffold import create_adapter, package_name
from canemure.testing import run_conformance

SRC = Path(__file__).resolve().parents[2] / "src"


def import_generated(root: Path, package: str) -> ModuleType:
    path = root / "src" / package / "__init__.py"
    spec = importlib.util.spec_from_file_location(f"generated_{package}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_distribution_layout(tmp_path: Path) -> None:
    root = create_adapter("canemure-kainuu", "Kajanaland", tmp_path)
    assert root == tmp_path / "canemure-kainuu"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "pyproject.toml",
        "src/canemure_kainuu/__init__.py",
        "src/canemure_kainuu/py.typed",
        "tests/test_conformance.py",
        "tests/test_packaging.py",
    ]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "canemure-kainuu"
    assert project["entry-points"] == {"canemure": {"kainuu": "canemure_kainuu"}}
    assert project["dependencies"] == ["canemure>=0.1,<1"]
    assert "Kainuu" in (root / "README.md").read_text(encoding="utf-8")


def test_generated_tests_pass_out_of_the_box(tmp_path: Path) -> None:
    root = create_adapter("canemure-kainuu", "18", tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(SRC)])}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "14 passed" in done.stdout


@pytest.mark.parametrize("region", ["Uusimaa", "Åland", "Lappi", "Keski-Suomi"])
def test_generated_adapter_conforms_for_any_region(tmp_path: Path, region: str) -> None:
    place = gazetteer().region(region)
    name = f"canemure-{place.id}-adapter"
    module = import_generated(create_adapter(name, region, tmp_path), package_name(name))
    assert run_conformance(module, place.id) == []
    manager = PluginManager(entry_points=False)
    assert manager.register(module, place.id)
    assert manager.municipalities(place.names.sv) == tuple(
        m.code for m in gazetteer().municipalities_of(place)
    )


def test_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "canemure-kainuu").mkdir()
    with pytest.raises(FileExistsError, match="already exists"):
        create_adapter("canemure-kainuu", "Kainuu", tmp_path)


@pytest.mark.parametrize("name", ["", "-canemure", "canemure kainuu", "9lives", "a/b"])
def test_bad_distribution_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=repr(name).replace("\\", "\\\\")):
        create_adapter(name, "Kainuu", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unknown_region_suggests_names(tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'Kainuu'"):
        create_adapter("canemure-x", "Kainu", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_package_name() -> None:
    assert package_name("canemure-Pohjois.Karjala") == "canemure_pohjois_karjala"
