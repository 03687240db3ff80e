"""canemure's own inventory providers, plugins behind the same hook region adapters use.

Like tox and sqlfluff, canemure registers its internals as plugins through its own entry points
(``[project.entry-points.canemure]`` in canemure's ``pyproject.toml``):

``bundled-data`` (:mod:`canemure.providers.bundled`)
    The inventories bundled with canemure (the Pohjois-Karjala ALas HINKU inventory).
``user-cache`` (:mod:`canemure.providers.user_cache`)
    SYKE files in the user cache (``canemure data download`` / ``canemure data import``), each
    looked up by municipality and parsed once per process.

Each answers ``canemure_load_inventory`` and states its precedence class in the module
attribute ``CANEMURE_SOURCE_KIND`` (a :data:`~canemure.inventory.provenance.SourceKind`). The
host (:meth:`canemure.plugins.PluginManager.load_inventories`) returns every answer as a
:class:`ProvidedInventory` carrying that class; any other plugin's answer is of kind
``"adapter"``. Only modules of this package may declare another kind, so an installed adapter
cannot pass its figures off as the user's own import. Being plugins, they show in
``canemure plugins`` and can be switched off like any other (``CANEMURE_PLUGINS_BLOCK``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory
    from canemure.inventory.provenance import SourceKind

__all__ = ["SOURCE_KIND_ATTRIBUTE", "ProvidedInventory", "source_kind_of"]

SOURCE_KIND_ATTRIBUTE = "CANEMURE_SOURCE_KIND"
"""The plugin attribute a built-in provider states its precedence class in."""


@attrs.frozen
class ProvidedInventory:
    """One provider's answer to ``canemure_load_inventory``, with its precedence class."""

    inventory: EmissionInventory
    """The checked inventory."""
    kind: SourceKind
    """Its precedence class: ``"user-import"`` beats ``"adapter"`` beats ``"bundled"``."""
    provider: str
    """The name of the plugin that answered (its entry-point name)."""

    @property
    def rank(self) -> int:
        """Position of :attr:`kind` in :data:`~canemure.inventory.provenance.SOURCE_KINDS`."""
        from canemure.inventory.provenance import SOURCE_KINDS  # numpy-free start-up

        return SOURCE_KINDS.index(self.kind)


def source_kind_of(plugin: object) -> SourceKind:
    """Return the precedence class of ``plugin``'s inventories.

    A module of :mod:`canemure.providers` states it in ``CANEMURE_SOURCE_KIND``; every other
    plugin is an ``"adapter"``.
    """
    from canemure.inventory.provenance import SOURCE_KINDS  # numpy-free start-up

    module = getattr(plugin, "__name__", None)
    if not (isinstance(module, str) and module.startswith(f"{__name__}.")):
        return "adapter"
    declared = getattr(plugin, SOURCE_KIND_ATTRIBUTE, "adapter")
    for kind in SOURCE_KINDS:
        if declared == kind:
            return kind
    raise ValueError(f"{module}.{SOURCE_KIND_ATTRIBUTE} must be one of {SOURCE_KINDS}")
