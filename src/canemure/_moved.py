"""Old import paths of modules that moved: aliases that warn, for at least one minor release.

Published records (what plans printed) moved into :mod:`canemure.published` in 0.2, so that
they stand apart from the roadmap engine (:mod:`canemure.engine`, what canemure computes):

=============================  =======================================
old path                       new path
=============================  =======================================
``canemure.targets``           ``canemure.published.targets``
``canemure.measures`` (+ sub)  ``canemure.published.measures`` (+ sub)
``canemure.roadmaps``          ``canemure.published.roadmaps``
``canemure.factors``           ``canemure.published.factors``
=============================  =======================================

An import finder on ``sys.meta_path`` answers the old names: importing one warns with
:class:`DeprecationWarning` naming the new path and returns the *same* module object, so
``canemure.targets.Target is canemure.published.targets.Target`` and records made through
either path are the same type. Nothing is imported until an old name is asked for.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Mapping, Sequence
from types import ModuleType

__all__ = ["MOVED", "install"]

MOVED: Mapping[str, str] = {
    "canemure.targets": "canemure.published.targets",
    "canemure.measures": "canemure.published.measures",
    "canemure.roadmaps": "canemure.published.roadmaps",
    "canemure.factors": "canemure.published.factors",
}
"""Old module name -> new module name (submodules follow their package)."""


def new_name(old: str) -> str | None:
    """Return the new name of module ``old``, or ``None`` when it did not move."""
    for before, after in MOVED.items():
        if old == before or old.startswith(before + "."):
            return after + old[len(before) :]
    return None


class _MovedFinder:
    """Finds the old names and loads each as the module at its new name, with a warning.

    A meta path finder and loader by protocol (``find_spec``, ``create_module``,
    ``exec_module``): subclassing ``importlib.abc`` would import ``importlib.resources`` for
    every command (about 25 ms of ``canemure plugins``).
    """

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if new_name(fullname) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)  # type: ignore[arg-type]

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = new_name(spec.name)
        assert new is not None
        warnings.warn(
            f"{spec.name} moved to {new} (published records are gathered in "
            f"canemure.published); import from {new}: the old path goes in a future release",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module was imported under its new name."""


_FINDER = _MovedFinder()


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)  # before the path finder, so submodules alias too
