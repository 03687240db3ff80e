"""What whole ``canemure`` processes import (issue 9: start-up speed), in fresh interpreters.

Counted, not timed: the commands that need neither leave numpy, pint and the modules only
some hooks need unimported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_HEAVY = ("numpy", "pint", "canemure.units", "canemure.inventory")


def _imported(tmp_path: Path, *args: str) -> set[str]:
    code = (
        "import sys\n"
        "from canemure.cli.main import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "CANEMURE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    return set(done.stderr.split())


@pytest.mark.parametrize("args", [("--help",), ("plugins",)])
def test_help_and_plugins_import_no_numbers(tmp_path: Path, args: tuple[str, ...]) -> None:
    imported = _imported(tmp_path, *args)
    assert "canemure.cli.main" in imported  # the listing works
    assert not imported & set(_HEAVY)


def test_plugins_leave_sectors_and_roadmaps_to_the_hooks_that_need_them(tmp_path: Path) -> None:
    imported = _imported(tmp_path, "plugins")
    assert "canemure.plugins.manager" in imported
    assert "canemure.adapters.region_adapter" in imported
    assert not imported & {"canemure.sectors", "canemure.published.roadmaps", "tomllib"}


def test_baseline_with_an_empty_cache_leaves_the_cache_module_alone(tmp_path: Path) -> None:
    imported = _imported(tmp_path, "baseline", "pohjois-karjala", "--format", "json")
    assert "canemure.providers.user_cache" in imported  # the user cache was asked
    assert "canemure.io.bundled" in imported  # and the figures were read
    assert not imported & {"canemure.io.cache", "sqlite3"}


def test_baseline_leaves_the_region_profile_alone(tmp_path: Path) -> None:
    imported = _imported(tmp_path, "baseline", "pohjois-karjala", "--format", "json")
    assert "canemure.reports.baseline" in imported  # the report was built
    assert "canemure.reports.region" not in imported


def test_reports_names_stay_importable_in_a_fresh_process() -> None:
    code = (
        "import sys\n"
        "import canemure.reports as reports\n"
        "assert 'canemure.reports.region' not in sys.modules\n"
        "import canemure.reports.render\n"  # the module named like the function
        "from canemure.reports import render, FORMATS, build_region_profile\n"
        "from canemure.reports import RegionProfile, render_region_profile\n"
        "from canemure.reports.region import build_region_profile as direct\n"
        "assert callable(render) and not isinstance(render, type(sys))\n"
        "assert build_region_profile is direct\n"
        "assert set(reports.__all__) <= set(dir(reports))\n"
        "try:\n"
        "    reports.no_such_name\n"
        "except AttributeError as error:\n"
        "    assert 'no_such_name' in str(error)\n"
        "else:\n"
        "    raise AssertionError('no error')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_plugins_list_without_importlib_metadata(tmp_path: Path) -> None:
    imported = _imported(tmp_path, "plugins")
    assert "canemure.plugins.loading" in imported
    assert not imported & {"importlib.metadata", "email"}


def test_plugins_list_the_same_with_importlib_metadata_imported(tmp_path: Path) -> None:
    """Read directly or by importlib.metadata, the plugins and their listing are the same."""
    env = {**os.environ, "CANEMURE_CACHE_DIR": str(tmp_path / "cache")}
    listings = []
    for first in ("", "import importlib.metadata\n"):
        code = f"{first}from canemure.cli.main import main\nmain(['plugins'])\n"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
        listings.append(done.stdout)
    assert listings[0] == listings[1]
    assert "0 failed" in listings[0]


def test_plugins_list_without_pathlib_or_importlib_resources(tmp_path: Path) -> None:
    """Bundled files are read from the package folder directly (canemure._resources)."""
    imported = _imported(tmp_path, "plugins")
    assert "canemure.geography.reference" in imported  # the gazetteer was read
    assert not imported & {"pathlib", "importlib.resources", "zipfile", "tempfile"}
