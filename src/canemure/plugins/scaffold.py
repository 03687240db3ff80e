"""``canemure new-plugin``: write a new region adapter distribution from the template.

The template (``canemure/plugins/template/*.tmpl``, filled in with :class:`string.Template`)
produces a complete distribution that installs, is discovered through its entry point and
passes the conformance kit as generated, in the style of canemure's first-party adapters:
``pyproject.toml`` with the ``canemure`` entry point naming ``<package>:ADAPTER``, the
core-version requirement and a ``test`` extra; a package whose ``ADAPTER`` is a
:class:`canemure.adapters.RegionAdapter` reading the package's own ``data/`` folder (the
region and its municipalities come from the reference gazetteer; the data files start with
their header only -- real data, no placeholders); and tests that run
:class:`canemure.testing.AdapterTestSuite` with the cache fixture of
:mod:`canemure.testing.pytest_plugin`. The author then fills in the data files.

Nothing is overwritten: an existing destination folder is an error.
"""

from __future__ import annotations

import re
import shlex
import string
from importlib import resources
from pathlib import Path

from canemure._version import __version__
from canemure.errors import CanemureError
from canemure.geography import gazetteer
from canemure.plugins.versions import parse_release

__all__ = ["create_adapter", "next_command", "next_steps", "package_name"]

_DIST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")

_FILES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "README.md": "README.md.tmpl",
    "src/{package}/__init__.py": "package_init.py.tmpl",
    "src/{package}/py.typed": None,
    "src/{package}/data/README.md": "data_README.md.tmpl",
    "src/{package}/data/cooperation_group.toml": "cooperation_group.toml.tmpl",
    "src/{package}/data/coordinators.toml": "coordinators.toml.tmpl",
    "src/{package}/data/factors.csv": "factors.csv.tmpl",
    "src/{package}/data/measures.csv": "measures.csv.tmpl",
    "src/{package}/data/targets.csv": "targets.csv.tmpl",
    "tests/conftest.py": "conftest.py.tmpl",
    "tests/test_conformance.py": "test_conformance.py.tmpl",
}


class AdapterNameError(CanemureError, ValueError):
    """A distribution name that cannot be an adapter's (said in the user's language)."""


class FolderExistsError(CanemureError, FileExistsError):
    """The adapter's folder exists already: nothing is overwritten."""


def package_name(dist_name: str) -> str:
    """Return the import name of distribution ``dist_name`` (``canemure-x`` -> ``canemure_x``).

    Raises :class:`ValueError` quoting the name when it is not a valid distribution name or
    does not give a Python identifier.
    """
    if not _DIST_NAME.fullmatch(dist_name):
        raise AdapterNameError.keyed("plugin_name_invalid", name=dist_name)
    package = re.sub(r"[-_.]+", "_", dist_name).lower()
    if not package.isidentifier():
        raise AdapterNameError.keyed("plugin_name_no_package", name=dist_name)
    return package


def _core_requirement() -> str:
    major, minor = (*parse_release(__version__), 0, 0)[:2]
    return f">={major}.{minor},<{major + 1}"


def create_adapter(name: str, region: str, dest: str | Path = ".") -> Path:
    """Write a new adapter distribution ``name`` for ``region`` under ``dest``; return its folder.

    ``region`` is a region code or name in any language (``"18"``, ``"Kainuu"``,
    ``"Kajanaland"``); the adapter claims the region's id (``"kainuu"``), which is also its
    entry-point name. Raises :class:`~canemure.errors.UnknownNameError` for an unknown region,
    :class:`ValueError` for a bad name and :class:`FileExistsError` if the folder exists.
    """
    package = package_name(name)
    place = gazetteer().region(region)
    root = Path(dest) / name
    if root.exists():
        raise FolderExistsError.keyed("plugin_folder_exists", root=str(root))
    values = {
        "dist_name": name,
        "package": package,
        "region_id": place.id,
        "region_code": place.code,
        "name_fi": place.names.fi,
        "name_sv": place.names.sv,
        "name_en": place.names.en,
        "core_requirement": _core_requirement(),
    }
    templates = resources.files("canemure.plugins").joinpath("template")
    for target, template in _FILES.items():
        path = root / target.format(package=package)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = ""
        if template is not None:
            source = templates.joinpath(template).read_text(encoding="utf-8")
            text = string.Template(source).substitute(values)
        path.write_text(text, encoding="utf-8")
    return root


def next_steps(root: str | Path) -> str:
    """The line saying which command installs a generated adapter and runs its tests."""
    return f"next: {next_command(root)}"


def next_command(root: str | Path) -> str:
    """The command that installs a generated adapter with its test extra and runs its tests."""
    return f"cd {shlex.quote(str(root))} && pip install -e '.[test]' && pytest"
