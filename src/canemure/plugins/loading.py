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
    """An entry point that may become a plugin, with the distribution it belongs to."""

    entry_point: EntryPoint
    """The entry point itself; loading it imports the plugin."""
    dist: str | None
    """Name of the distribution that declares it (``"canemure"`` for the built-in)."""
    version: str | None
    """Version of that distribution."""
    requires: tuple[str, ...] = ()
    """The distribution's ``Requires-Dist`` lines, for the core-version check."""

    @property
    def name(self) -> str:
        """Entry-point name."""
        return self.entry_point.name


def discover(group: str = ENTRY_POINT_GROUP) -> list[Candidate]:
    """Return every entry point of ``group``, the built-in first, then sorted by name.

    ``importlib.metadata`` is imported here, not with the module: reading installed metadata
    is part of loading plugins, which happens on first use.
    """
    from importlib.metadata import EntryPoint, entry_points

    candidates: list[Candidate] = []
    has_builtin = False
    described: dict[int, tuple[str | None, str | None, tuple[str, ...]]] = {}
    for entry_point in entry_points(group=group):
        dist = entry_point.dist
        if entry_point.value == BUILTIN_VALUE:
            has_builtin = True
        if dist is None:
            candidates.append(Candidate(entry_point, None, None, ()))
            continue
        if id(dist) not in described:  # a distribution's entry points share its metadata
            described[id(dist)] = _describe_distribution(dist)
        candidates.append(Candidate(entry_point, *described[id(dist)]))
    if not has_builtin and group == ENTRY_POINT_GROUP:
        builtin = EntryPoint(name=BUILTIN_NAME, value=BUILTIN_VALUE, group=ENTRY_POINT_GROUP)
        candidates.append(Candidate(builtin, "canemure", __version__))
    candidates.sort(key=lambda c: (c.entry_point.value != BUILTIN_VALUE, c.name))
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
