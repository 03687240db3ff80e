"""Finding plugins: entry points of the group ``canemure``, filtered by allow and block lists.

Design choices
--------------
* **Nothing happens at import.** :func:`discover` is called by the plugin manager the first
  time something asks it a question; ``import canemure`` and ``import canemure.plugins`` never
  read distribution metadata or import a plugin.
* **One entry point at a time.** pluggy's ``load_setuptools_entrypoints`` loads every entry
  point in one go and stops at the first error. Here each candidate is loaded on its own by the
  manager, so a plugin that fails to import is reported and the others still load.
* **The core's own behaviour comes the same way.** canemure declares
  ``[project.entry-points.canemure] builtin = "canemure.plugins.builtin"``. When the core runs
  from a source tree without installed metadata (``PYTHONPATH=src``), that entry point is not
  visible, so :func:`discover` adds the identical entry point itself; it is loaded, checked and
  registered exactly like a third party's.
* **Deterministic order.** Candidates are sorted by entry-point name (the built-in first), so the
  first claim on a region id does not depend on the order of ``sys.path``.
* **Allow and block lists** (:data:`ALLOW_ENV`, :data:`BLOCK_ENV`) hold comma-separated
  entry-point names and are read when plugins are first loaded. The built-in is an ordinary
  entry point named ``builtin``: block it, or leave it out of an allow list, to switch it off.
* **A region has one adapter, chosen in the open.** When two plugins claim one region id, the
  first in entry-point order keeps it and the conflict is reported (``canemure plugins`` and
  every command's standard error); :data:`REGION_ADAPTER_ENV` (``region=entry-point`` pairs,
  comma-separated) lets the user choose instead. Nothing is replaced silently.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from canemure._version import __version__
from canemure.plugins.hookspecs import NAME

if TYPE_CHECKING:
    from importlib.metadata import Distribution, EntryPoint

__all__ = [
    "ALLOW_ENV",
    "BLOCK_ENV",
    "BUILTIN_NAME",
    "BUILTIN_VALUE",
    "ENTRY_POINT_GROUP",
    "REGION_ADAPTER_ENV",
    "Candidate",
    "Selection",
    "discover",
]

ENTRY_POINT_GROUP = NAME
"""The entry-point group region adapters declare (``[project.entry-points.canemure]``)."""

ALLOW_ENV = "CANEMURE_PLUGINS_ALLOW"
"""Environment variable: if set and non-empty, only these entry-point names load."""

BLOCK_ENV = "CANEMURE_PLUGINS_BLOCK"
"""Environment variable: entry-point names that never load (applied after the allow list)."""

REGION_ADAPTER_ENV = "CANEMURE_REGION_ADAPTER"
"""Environment variable: which plugin serves a region two plugins claim.

Comma-separated ``region-id=entry-point-name`` pairs, e.g.
``CANEMURE_REGION_ADAPTER=pohjois-karjala=pohjois-karjala,kainuu=kainuu-dev``.
"""

BUILTIN_NAME = "builtin"
"""Name of the core's own entry point, as declared in canemure's ``pyproject.toml``."""

BUILTIN_VALUE = "canemure.plugins.builtin"
"""Value (module) of the core's own entry point."""


def _names(text: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (text or "").split(",") if part.strip())


@attrs.frozen
class Selection:
    """Which entry-point names may load."""

    allow: frozenset[str] | None = None
    """Only these names load; ``None`` = every name."""
    block: frozenset[str] = frozenset()
    """These names never load."""
    region_adapter: Mapping[str, str] = attrs.field(factory=dict)
    """Region id -> entry-point name of the plugin chosen to serve it."""
    problems: tuple[str, ...] = ()
    """Parts of the settings that could not be read, in words."""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Selection:
        """Read :data:`ALLOW_ENV`, :data:`BLOCK_ENV` and :data:`REGION_ADAPTER_ENV`.

        Lists are comma-separated; spaces are ignored.
        """
        allow = _names(environ.get(ALLOW_ENV))
        choice: dict[str, str] = {}
        problems: list[str] = []
        for part in sorted(_names(environ.get(REGION_ADAPTER_ENV))):
            region, sep, name = (text.strip() for text in part.partition("="))
            if not sep or not region or not name:
                problems.append(
                    f"{REGION_ADAPTER_ENV}: cannot read {part!r}; "
                    "write REGION=ENTRY_POINT, e.g. pohjois-karjala=pohjois-karjala"
                )
            elif choice.get(region, name) != name:
                problems.append(
                    f"{REGION_ADAPTER_ENV} chooses two plugins for {region!r}: "
                    f"{choice[region]!r} and {name!r}"
                )
            else:
                choice[region] = name
        return cls(allow or None, _names(environ.get(BLOCK_ENV)), choice, tuple(problems))

    def reason_to_skip(self, name: str) -> str | None:
        """Why ``name`` must not load, or ``None`` when it may."""
        if name in self.block:
            return f"blocked by {BLOCK_ENV}"
        if self.allow is not None and name not in self.allow:
            return f"not in {ALLOW_ENV}"
        return None


@attrs.frozen
class Candidate:
    """An entry point that may become a plugin, with the distribution it belongs to.

    Built either from an :class:`importlib.metadata.EntryPoint` or, by the quick discovery
    (:func:`discover`), from the entry point's ``(name, value, group)`` as declared; then
    :attr:`entry_point` is made on first access, so listing plugins need not import
    ``importlib.metadata``; such an entry point has no ``dist`` (the distribution's name,
    version and requirements are the fields here).
    """

    _entry_point: EntryPoint | None = attrs.field(alias="entry_point")
    dist: str | None
    """Name of the distribution that declares it (``"canemure"`` for the built-in)."""
    version: str | None
    """Version of that distribution."""
    requires: tuple[str, ...] = ()
    """The distribution's ``Requires-Dist`` lines, for the core-version check."""
    declared: tuple[str, str, str] | None = attrs.field(default=None, kw_only=True)
    """``(name, value, group)`` of an entry point found without ``importlib.metadata``."""

    def __attrs_post_init__(self) -> None:
        if self._entry_point is None and self.declared is None:
            raise TypeError("a Candidate needs an entry point or its declared (name, value, group)")

    @property
    def entry_point(self) -> EntryPoint:
        """The entry point itself; loading it imports the plugin."""
        if self._entry_point is None:
            from importlib.metadata import EntryPoint

            assert self.declared is not None  # checked when made
            name, value, group = self.declared
            object.__setattr__(self, "_entry_point", EntryPoint(name, value, group))
        assert self._entry_point is not None
        return self._entry_point

    @property
    def name(self) -> str:
        """Entry-point name."""
        return self.declared[0] if self.declared else self.entry_point.name

    @property
    def value(self) -> str:
        """Entry-point value, ``module[:attribute]``."""
        return self.declared[1] if self.declared else self.entry_point.value

    def load(self) -> object:
        """Import the entry point's module and return the object it names.

        What :meth:`importlib.metadata.EntryPoint.load` does (the same pattern); a value it
        cannot read is left to that method, which raises its own error.
        """
        if self.declared is None:
            return self.entry_point.load()
        match = _ENTRY_POINT_VALUE.match(self.value)
        if match is None:
            return self.entry_point.load()
        import importlib

        found: object = importlib.import_module(match.group("module"))
        for part in filter(None, (match.group("attr") or "").split(".")):
            found = getattr(found, part)
        return found


_ENTRY_POINT_VALUE = re.compile(
    r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"
)
"""``importlib.metadata.EntryPoint.pattern``."""


def discover(group: str = ENTRY_POINT_GROUP) -> list[Candidate]:
    """Return every entry point of ``group``, the built-in first, then sorted by name.

    When every distribution sits in a plain folder on ``sys.path`` (the usual install), the
    folders are read directly (:func:`_quick_candidates`: the same entry points in the same
    order, with the same metadata), which spares a command importing ``importlib.metadata``
    and its ``email``, ``zipfile`` and ``csv``, and is faster than its scan even where another
    module has imported it (pint does, so ``canemure baseline`` gains 4-6 ms). Anything else is
    read with ``importlib.metadata``, imported then (:func:`_importlib_candidates`).
    """
    quick = _quick_candidates(group)
    if quick is not None:
        return _finish(quick, group)
    return _finish(_importlib_candidates(group), group)


def _importlib_candidates(group: str) -> list[Candidate]:
    """The entry points of ``group`` as ``importlib.metadata.entry_points`` gives them."""
    from importlib.metadata import entry_points

    candidates: list[Candidate] = []
    described: dict[int, tuple[str | None, str | None, tuple[str, ...]]] = {}
    for entry_point in entry_points(group=group):
        dist = entry_point.dist
        if dist is None:
            candidates.append(Candidate(entry_point, None, None, ()))
            continue
        if id(dist) not in described:  # a distribution's entry points share its metadata
            described[id(dist)] = _describe_distribution(dist)
        candidates.append(Candidate(entry_point, *described[id(dist)]))
    return candidates


def _finish(candidates: list[Candidate], group: str) -> list[Candidate]:
    """Add the built-in when its metadata is not installed; the built-in first, then by name."""
    if group == ENTRY_POINT_GROUP and not any(c.value == BUILTIN_VALUE for c in candidates):
        declared = (BUILTIN_NAME, BUILTIN_VALUE, ENTRY_POINT_GROUP)
        candidates.append(Candidate(None, "canemure", __version__, declared=declared))
    candidates.sort(key=lambda c: (c.value != BUILTIN_VALUE, c.name))
    return candidates


def _normalize(name: str) -> str:
    """``importlib.metadata.Prepared.normalize``."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(folder: str, name: str) -> str | None:
    """``PathDistribution.read_text``: the file's text, ``None`` when it cannot be read."""
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _declared_entry_points(text: str) -> list[tuple[str, str, str]] | None:
    """Every ``(name, value, group)`` of an ``entry_points.txt``.

    Read as ``importlib.metadata`` reads it (``Sectioned``); ``None`` for a line it fails on.
    """
    found = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, sep, value = line.partition("=")
        if not sep:
            return None
        found.append((name.strip(), value.strip(), section))
    return found


def _quick_candidates(group: str) -> list[Candidate] | None:
    """The entry points ``importlib.metadata.entry_points(group=group)`` finds, read directly.

    Follows ``importlib.metadata``'s path finder: each ``sys.path`` folder in order (``""`` is
    the working folder), its ``*.dist-info`` and ``*.egg-info`` entries grouped by normalised
    name in listing order, the first distribution of each normalised name kept. ``None``
    (read them with ``importlib.metadata``) for anything beyond that: another finder that
    provides distributions, a zip file or an egg on ``sys.path``, an egg-info or unusually
    named folder declaring such an entry point, an ``entry_points.txt`` importlib cannot read,
    or metadata without a name and version.
    """
    from importlib.machinery import PathFinder

    if any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return None
    seen: set[str] = set()
    candidates: list[Candidate] = []
    for root in sys.path:
        if not isinstance(root, str) or root.lower().endswith(".egg"):
            return None
        folder = root or "."
        try:
            children = os.listdir(folder)
        except OSError:
            if os.path.exists(folder):
                return None  # a zip file (or a folder it cannot list): importlib's own way
            continue
        infos: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                key = _normalize(low.rpartition(".")[0].partition("-")[0])
                infos.setdefault(key, []).append(child)
        for child in (child for group_ in infos.values() for child in group_):
            stem, ext = os.path.splitext(child)
            if ext not in (".dist-info", ".egg-info"):
                return None  # importlib names this one from its metadata
            key = _normalize(stem.partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            path = os.path.join(root if root else "", child)
            text = _read(path, "entry_points.txt")
            if text is None:
                continue
            declared = _declared_entry_points(text)
            if declared is None:
                return None
            mine = [entry for entry in declared if entry[2] == group]
            if not mine:
                continue
            if ext != ".dist-info":
                return None
            metadata = _read(path, "METADATA")
            fields = _metadata_headers(metadata) if metadata else {}
            names, versions = fields.get("name"), fields.get("version")
            if (
                not names
                or not versions
                or ("requires-dist" not in fields and _read(path, "requires.txt") is not None)
            ):
                return None
            requires = tuple(fields.get("requires-dist", ()))
            candidates.extend(
                Candidate(None, names[0], versions[0], requires, declared=entry) for entry in mine
            )
    return candidates


def _metadata_headers(text: str) -> dict[str, list[str]]:
    """The header fields of a core-metadata file (lower-case names), each with its values.

    The header ends at the first empty line (or at a line that is no header); a line starting
    with a space or a tab continues the previous field, as in ``email`` parsing.
    """
    fields: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            break
        if line[0] in " \t" and last:
            last[-1] = f"{last[-1]}\n{line}"
            continue
        name, sep, value = line.partition(":")
        if not sep:  # not a header line: the body starts here, as in ``email`` parsing
            break
        last = fields.setdefault(name.strip().lower(), [])
        last.append(value.strip())
    return fields


def _describe_distribution(dist: Distribution) -> tuple[str | None, str | None, tuple[str, ...]]:
    """A distribution's name, version and ``Requires-Dist`` lines, its metadata read once.

    ``dist.name``, ``dist.version`` and ``dist.requires`` each parse the whole metadata file
    with the ``email`` package (three parses per entry point, a good part of ``canemure
    plugins``); this reads the plain header fields once. Metadata it cannot read that way
    (no ``METADATA``/``PKG-INFO`` text, no name or version) is asked of ``dist`` itself.
    """
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO")
    fields = _metadata_headers(text) if text else {}
    names, versions = fields.get("name"), fields.get("version")
    if not names or not versions:
        return dist.name, dist.version, tuple(dist.requires or ())
    requires = fields.get("requires-dist")
    if requires is None:  # an egg-info keeps its requirements in requires.txt
        return names[0], versions[0], tuple(dist.requires or ())
    return names[0], versions[0], tuple(requires)
