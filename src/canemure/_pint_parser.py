"""pint's text-definition parser, run when first used rather than at ``import pint``.

``import pint`` imports ``pint.delegates``, whose ``__init__`` imports ``txt_defparser`` (the
parser of pint's definition files: flexparser blocks and some fifty dataclasses) and whose
``base_defparser`` imports ``flexcache`` (pint's disk cache, which also asks
``importlib.metadata`` for its own version); every ``UnitRegistry()`` then makes a
``txt_defparser.DefParser``. Together about 50 ms of a ``canemure baseline`` that never parses a
definition text: canemure builds its registry from definition objects
(:func:`canemure.units._registry.fast_definitions`).

:func:`defer`, called by the command line (``canemure.cli.main``, so only in a ``canemure``
process: a library user's pint is left as pint makes it) while pint is not imported yet, puts two
stand-ins into ``sys.modules``: module objects for ``pint.delegates.txt_defparser`` and
``flexcache`` with their real spec, file and path, whose own code runs (exactly as an import
would run it) the first time anything asks them for an attribute. Until then,
``txt_defparser.DefParser(...)`` (what ``UnitRegistry.__init__`` calls) gives a :class:`_Parser`
that makes the real parser when first used: ``ureg.define("text")``, ``ureg.load_definitions``,
``Context.from_lines``, :func:`canemure.units.load_full_definitions`, a default
``pint.UnitRegistry()``, ... all run pint's own code, only later. Nothing is deferred when pint
(or either module) is imported already, or when pint's files are not laid out as pint 0.25 lays
them out (plain folders, ``delegates/txt_defparser/defparser.py``).
``tests/test_units_pint_parser.py`` checks, in fresh processes, that units, contexts and pint's
default registry come out the same either way.
"""

from __future__ import annotations

import _thread
import os
import sys
import types
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader, SourcelessFileLoader
from importlib.util import find_spec
from typing import Any

__all__ = ["DEFERRED", "defer", "is_deferred"]

DEFERRED = ("pint.delegates.txt_defparser", "flexcache")
"""The modules :func:`defer` leaves unrun until first used."""

_lock = _thread.RLock()  # (the _thread module: threading is not imported yet at this point)


class _Deferred(types.ModuleType):
    # A module whose code runs the first time anything asks it for an attribute it does not
    # have yet (``__version__``, ``__all__`` for ``import *`` and ``__doc__`` too). What the
    # import system reads of a module found in ``sys.modules`` (``__spec__``, ``__name__``,
    # ``__file__``, ...) is set on it; ``__path__`` runs it, so importing a submodule first
    # runs the package, as an import does.

    @property
    def __path__(self) -> list[str]:  # type: ignore[override]
        _run(self)
        path: list[str] = self.__dict__["__path__"]
        return path

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        _run(self)
        doc: str | None = self.__dict__.get("__doc__")
        return doc

    def __getattr__(self, name: str) -> Any:
        _run(self)
        try:  # set by the module's code; missing while it runs (an import cycle) or if never set
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None


def _run(module: types.ModuleType) -> None:
    """Run a stand-in's module code now (once), turning it into the plain module."""
    with _lock:
        spec = module.__dict__.pop("_canemure_deferred_spec", None)
        if spec is None:  # running (in this thread) or done
            return
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(spec.name, None)  # as a failed import leaves it; a later use
            module.__dict__["_canemure_deferred_spec"] = spec  # tries again, as imports do
            raise
        module.__class__ = types.ModuleType


class _Parser:
    """Stands for ``txt_defparser.DefParser(*args, **kwargs)`` until something uses it."""

    _module: types.ModuleType

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._arguments = (args, kwargs)
        self._parser: Any = None

    def __getattr__(self, name: str) -> Any:
        if (name.startswith("__") and name.endswith("__")) or name in ("_arguments", "_parser"):
            raise AttributeError(name)  # (the last two: a copy not yet given its state)
        with _lock:
            if self._parser is None:
                _run(self._module)
                made = self._module.DefParser
                if isinstance(made, type) and issubclass(made, _Parser):  # never replaced
                    raise ImportError(f"{self._module.__name__} defines no DefParser")
                args, kwargs = self._arguments
                self._parser = made(*args, **kwargs)
        return getattr(self._parser, name)


def _stand_in(name: str, spec: ModuleSpec | None) -> _Deferred | None:
    if (
        spec is None
        or spec.origin is None
        or spec.submodule_search_locations is None  # both are packages
        or type(spec.loader) not in (SourceFileLoader, SourcelessFileLoader)
    ):
        return None
    module = _Deferred(name)
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__file__ = spec.origin
    module.__cached__ = spec.cached  # type: ignore[attr-defined]
    module.__dict__["__path__"] = list(spec.submodule_search_locations)
    module.__package__ = name
    module.__dict__["_canemure_deferred_spec"] = spec
    return module


def defer() -> None:
    """Leave pint's definition parser and flexcache unrun until first used (module docstring).

    Does nothing when ``pint`` or one of them is imported already, cannot be found as a
    plain folder package, or is not a release it was tested with (:data:`KNOWN`).
    """
    with _lock:
        if "pint" in sys.modules or any(name in sys.modules for name in DEFERRED):
            return
        pint_spec = find_spec("pint")  # as ``import pint`` finds it (a top-level name: no import)
        if pint_spec is None or not pint_spec.submodule_search_locations:
            return
        package = pint_spec.submodule_search_locations[0]
        if not _known_release(package):
            return
        folder = os.path.join(package, "delegates")
        if not os.path.isfile(os.path.join(folder, "txt_defparser", "defparser.py")):
            return
        parser = _stand_in(DEFERRED[0], PathFinder.find_spec(DEFERRED[0], [folder]))
        cache = _stand_in(DEFERRED[1], find_spec(DEFERRED[1]))
        if parser is None or cache is None:
            return
        # what UnitRegistry() calls; replaced by the real class when the module runs
        parser.DefParser = type("DefParser", (_Parser,), {"_module": parser})  # type: ignore[attr-defined]
        sys.modules[DEFERRED[0]] = parser
        sys.modules[DEFERRED[1]] = cache


KNOWN = ((0, 23), (0, 25))
"""The pint releases (first and last minor version) whose layout :func:`defer` is tested
with; with any other (a newer pint may lay its parser out otherwise) nothing is deferred."""


def _known_release(package: str) -> bool:
    """Whether the pint installed at ``package`` is one of the :data:`KNOWN` releases.

    Read from the name of its ``pint-X.Y.Z.dist-info`` folder beside it (no import); an
    install without one (an egg, a source checkout) is not known.
    """
    site = os.path.dirname(package)
    try:
        names = os.listdir(site)
    except OSError:
        return False
    for name in names:
        lowered = name.lower()
        if lowered.startswith("pint-") and lowered.endswith(".dist-info"):
            version = lowered[len("pint-") : -len(".dist-info")].split(".")
            try:
                found = (int(version[0]), int(version[1]))
            except (IndexError, ValueError):
                return False
            return KNOWN[0] <= found <= KNOWN[1]
    return False


def is_deferred(name: str) -> bool:
    """Whether the module ``name`` is a stand-in whose code has not run yet."""
    return isinstance(sys.modules.get(name), _Deferred)
