"""Packaging checks for region adapters, and the ready-made test suite every adapter runs.

:class:`AdapterTestSuite` is what an adapter's own ``tests/`` needs from canemure: the
conformance kit (:class:`~canemure.testing.AdapterConformanceSuite`) and the packaging checks
(the entry point in ``pyproject.toml`` names the adapter object, the distribution's version
and core requirement agree with the module's). An adapter enables it in one class::

    from canemure.testing import AdapterTestSuite


    class TestAdapter(AdapterTestSuite):
        entry_point = "canemure_kainuu:ADAPTER"  # as in [project.entry-points.canemure]
        region_id = "kainuu"

The ``pyproject.toml`` checked is the first one found walking up from the test module's
folder, so the suite works from the adapter's folder and from a repository root alike. This
module does not import pytest: the checks also run outside it (:func:`check_packaging`).
"""

from __future__ import annotations

import importlib
import inspect
import tomllib
from pathlib import Path
from typing import Any, ClassVar

from canemure.plugins.hookspecs import NAME
from canemure.testing.conformance import AdapterConformanceSuite, ConformanceError

__all__ = ["AdapterTestSuite", "check_packaging", "find_pyproject", "load_entry_point"]


def load_entry_point(value: str) -> object:
    """Import what an entry-point value (``"module"`` or ``"module:attribute"``) names."""
    module_name, _, attribute = value.partition(":")
    obj: object = importlib.import_module(module_name)
    for part in filter(None, attribute.split(".")):
        obj = getattr(obj, part)
    return obj


def find_pyproject(start: str | Path) -> Path:
    """Return the first ``pyproject.toml`` in ``start`` or a folder above it."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate / "pyproject.toml"
    raise ConformanceError("no pyproject.toml", [f"none in {folder} or any folder above it"])


def check_packaging(pyproject: str | Path, entry_point: str, region_id: str) -> None:
    """Check that ``pyproject`` declares the adapter as the host will load it.

    The ``canemure`` entry point named ``region_id`` must have the value ``entry_point``; the
    project's version must equal the adapter module's ``__version__`` (when it has one); and
    the adapter's ``CANEMURE_REQUIRES`` (when it has one) must appear as
    ``canemure<requirement>`` in the dependencies. Raises :class:`ConformanceError` listing
    every mismatch.
    """
    data: dict[str, Any] = tomllib.loads(Path(pyproject).read_text(encoding="utf-8"))
    project = data.get("project", {})
    problems: list[str] = []
    declared = project.get("entry-points", {}).get(NAME, {})
    if declared.get(region_id) != entry_point:
        problems.append(
            f"[project.entry-points.{NAME}] should hold {region_id} = {entry_point!r}, "
            f"has {declared!r}"
        )
    plugin = load_entry_point(entry_point)
    module = importlib.import_module(entry_point.partition(":")[0])
    version = getattr(module, "__version__", None)
    if version is not None and project.get("version") != version:
        problems.append(
            f"version {project.get('version')!r} differs from {module.__name__}.__version__ "
            f"{version!r}"
        )
    requires = getattr(plugin, "CANEMURE_REQUIRES", None)
    if requires is not None and f"canemure{requires}" not in project.get("dependencies", []):
        problems.append(
            f"dependencies {project.get('dependencies')!r} lack 'canemure{requires}' "
            "(the adapter's CANEMURE_REQUIRES)"
        )
    if problems:
        raise ConformanceError(f"packaging of {Path(pyproject)}", problems)


class AdapterTestSuite(AdapterConformanceSuite):
    """The conformance kit and the packaging checks, for an adapter named by its entry point.

    Set :attr:`entry_point` (the value of the adapter's ``canemure`` entry point) and
    :attr:`region_id`; :attr:`plugin` is loaded from the entry point.
    """

    entry_point: ClassVar[str]
    """The adapter's entry-point value, e.g. ``"canemure_kainuu:ADAPTER"``."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "entry_point" in vars(cls):
            cls.plugin = load_entry_point(cls.entry_point)

    def test_pyproject_declares_the_adapter(self) -> None:
        """The entry point, version and core requirement in pyproject.toml match the adapter."""
        cls = type(self)
        if not hasattr(cls, "entry_point"):
            raise ConformanceError(f"{cls.__name__} is not set up", ["set 'entry_point'"])
        check_packaging(
            find_pyproject(Path(inspect.getfile(cls)).parent), cls.entry_point, self.region_id
        )
