"""The core's own plugin: municipality lists from the reference gazetteer, as a last resort.

It is registered through the same entry point mechanism as third-party adapters
(``[project.entry-points.canemure] builtin = "canemure.plugins.builtin"`` in canemure's
``pyproject.toml``), so it shows up in ``canemure plugins`` and can be switched off with
``CANEMURE_PLUGINS_BLOCK=builtin``.

Its only hook, :func:`canemure_municipalities`, is ``trylast``: a region adapter that knows its
region better (for example one that follows a municipal merger earlier or later than the
bundled 2025 classification) answers first. For any region of the gazetteer (by id such as
``"kainuu"``, 2-digit code or name) the answer is the Statistics Finland 2025 municipality list.
The built-in claims no region ids, so it never clashes with an adapter.

canemure registers two more internals the same way, the inventory providers of
:mod:`canemure.providers` (entry points ``bundled-data`` and ``user-cache``): the bundled data
and the user's cached SYKE files answer ``canemure_load_inventory`` like any adapter, each with
its precedence class.
"""

from __future__ import annotations

from canemure.errors import UnknownNameError
from canemure.geography import gazetteer
from canemure.plugins.markers import hookimpl

__all__ = ["canemure_municipalities"]


@hookimpl(trylast=True)
def canemure_municipalities(region_id: str) -> tuple[str, ...] | None:
    """Codes of the region's municipalities in the bundled reference gazetteer (2025 structure)."""
    gaz = gazetteer()
    try:
        region = gaz.region(region_id)
    except UnknownNameError:
        return None
    return gaz.municipality_codes(region)
