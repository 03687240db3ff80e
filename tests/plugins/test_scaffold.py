"""``create_adapter`` writes a distribution that passes the conformance kit as generated."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from canemure.errors import UnknownNameError
from canemure.geography import gazetteer
from canemure.plugins import PluginManager
from canemure.plugins.scaffold import create_adapter, next_steps, package_name
from canemure.testing import run_conformance

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def import_generated(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[[Path, str], ModuleType]]:
    """Import a generated package by its real name (its data folder is read by that name)."""
    imported: list[str] = []

    def load(root: Path, package: str) -> ModuleType:
        monkeypatch.syspath_prepend(str(root / "src"))
        imported.append(package)
        return importlib.import_module(package)

    yield load
    for package in imported:
        sys.modules.pop(package, None)


def test_generated_distribution_layout(tmp_path: Path) -> None:
    root = create_adapter("canemure-kainuu", "Kajanaland", tmp_path)
    assert root == tmp_path / "canemure-kainuu"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "pyproject.toml",
        "src/canemure_kainuu/__init__.py",
        "src/canemure_kainuu/data/README.md",
        "src/canemure_kainuu/data/cooperation_group.toml",
        "src/canemure_kainuu/data/coordinators.toml",
        "src/canemure_kainuu/data/factors.csv",
        "src/canemure_kainuu/data/measures.csv",
        "src/canemure_kainuu/data/targets.csv",
        "src/canemure_kainuu/py.typed",
        "tests/conftest.py",
        "tests/test_conformance.py",
    ]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "canemure-kainuu"
    assert project["entry-points"] == {"canemure": {"kainuu": "canemure_kainuu:ADAPTER"}}
    assert project["optional-dependencies"] == {"test": ["pytest>=8"]}
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
    assert "13 passed" in done.stdout  # 12 conformance checks and the packaging check


@pytest.mark.parametrize("region", ["Uusimaa", "Åland", "Lappi", "Keski-Suomi"])
def test_generated_adapter_conforms_for_any_region(
    tmp_path: Path, region: str, import_generated: Callable[[Path, str], ModuleType]
) -> None:
    place = gazetteer().region(region)
    name = f"canemure-{place.id}-adapter"
    module = import_generated(create_adapter(name, region, tmp_path), package_name(name))
    assert run_conformance(module.ADAPTER, place.id) == []
    manager = PluginManager(entry_points=False)
    assert manager.register(module.ADAPTER, place.id)
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


def test_generated_data_files_are_read_by_the_adapter(
    tmp_path: Path, import_generated: Callable[[Path, str], ModuleType]
) -> None:
    """A row added to the generated targets.csv reaches the hook; nothing is there before."""
    root = create_adapter("canemure-kainuu-data", "Kainuu", tmp_path)
    targets = root / "src" / "canemure_kainuu_data" / "data" / "targets.csv"
    with targets.open("a", encoding="utf-8") as file:
        file.write("k-1,Hiilineutraali Kainuu,,,,2035,,kainuu.fi,hiilineutraali 2035\n")
    module = import_generated(root, "canemure_kainuu_data")
    (target,) = module.ADAPTER.canemure_targets("kainuu")
    assert (target.id, target.target_year, target.region_id) == ("k-1", 2035, "kainuu")
    assert module.ADAPTER.canemure_measures("kainuu") is None
    assert module.ADAPTER.canemure_coordinators("kainuu") is None


def test_next_step_installs_the_test_extra(tmp_path: Path) -> None:
    hint = next_steps(tmp_path / "canemure kainuu")
    assert (
        hint == f"next: cd '{tmp_path / 'canemure kainuu'}' && pip install -e '.[test]' && pytest"
    )


def test_new_plugin_command_prints_the_next_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from canemure.cli.main import main

    args = ["new-plugin", "canemure-kainuu", "--region", "Kainuu", "--dest", str(tmp_path)]
    assert main([*args, "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    root = tmp_path / "canemure-kainuu"
    assert out == [f"created {root}", f"next: cd {root} && pip install -e '.[test]' && pytest"]
    args[1] = "canemure-kainuu-fi"  # the same in Finnish (a new folder: nothing overwritten)
    assert main([*args, "--lang", "fi"]) == 0
    root_fi = tmp_path / "canemure-kainuu-fi"
    assert capsys.readouterr().out.splitlines() == [
        f"luotu {root_fi}",
        f"seuraavaksi: cd {root_fi} && pip install -e '.[test]' && pytest",
    ]
    assert (root / "src" / "canemure_kainuu" / "data" / "targets.csv").is_file()


def test_new_plugin_errors_are_said_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from canemure.cli.main import main

    assert main(["new-plugin", "bad name!", "--region", "kainuu", "--lang", "fi"]) == 2
    assert "ei kelvollinen jakelupaketin nimi: 'bad name!'" in capsys.readouterr().err
    (tmp_path / "canemure-x").mkdir()
    args = ["new-plugin", "canemure-x", "--region", "kainuu", "--dest", str(tmp_path)]
    assert main([*args, "--lang", "sv"]) == 2
    assert f"{tmp_path / 'canemure-x'} finns redan" in capsys.readouterr().err
    assert not any((tmp_path / "canemure-x").iterdir())  # nothing written into it
