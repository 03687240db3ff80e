"""Hook specifications: the contract between canemure and a region adapter plugin.

A region adapter is a Python distribution that declares an entry point in the group
``canemure`` pointing at a module (or object) with functions decorated by
:data:`canemure.plugins.hookimpl`. Every hook is optional; implement those your region can
answer. Hooks that take a ``region_id`` must return ``None`` for regions the plugin does not
serve, so several adapters can live side by side.

Two calling conventions are used:

* **first result wins** (``firstresult=True``): the first plugin returning something other than
  ``None`` answers; used where one authority per region makes sense (municipalities,
  coordinators, cooperation group, roadmap).
* **collected**: every plugin's answer is gathered; used where several sources add up
  (regions, inventories, measures, targets, emission factors).

The host (:class:`canemure.plugins.PluginManager`) validates every answer and reports a plugin
that raises or returns the wrong type, without letting it take the host down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from canemure.geography import Coordinator
    from canemure.inventory import EmissionInventory
    from canemure.plugins.types import CooperationGroup, RegionInfo
    from canemure.published.factors import EmissionFactor
    from canemure.published.measures import PublishedMeasure
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.published.targets import Target
    from canemure.sectors import AccountingRule

__all__ = ["NAME", "hookspec"]

NAME = "canemure"
"""Project name of the hooks and the entry-point group of adapter plugins."""

hookspec = pluggy.HookspecMarker(NAME)
"""Marks the hook specifications below (pluggy's ``HookspecMarker`` for :data:`NAME`)."""


@hookspec
def canemure_regions() -> Sequence[RegionInfo] | None:
    """Declare the regions this plugin serves (collected).

    Return one :class:`~canemure.plugins.types.RegionInfo` per region: id (lower-case ASCII,
    e.g. ``"pirkanmaa"``), names in fi/sv/en and the Statistics Finland region code. Two plugins
    claiming the same id is an error the host reports; the second claim is refused.
    """


@hookspec(firstresult=True)
def canemure_municipalities(region_id: str) -> Sequence[str] | None:
    """Return the 3-digit Statistics Finland codes of the region's municipalities (first wins).

    The host checks every code against the reference list; an unknown code fails the plugin.
    """


@hookspec(firstresult=True)
def canemure_coordinators(region_id: str) -> Sequence[Coordinator] | None:
    """Return the organisation(s) coordinating the region's climate work (first wins)."""


@hookspec(firstresult=True)
def canemure_cooperation_group(region_id: str) -> CooperationGroup | None:
    """Return the region's climate cooperation group: members and meeting cadence (first wins)."""


@hookspec(firstresult=True)
def canemure_roadmap(region_id: str) -> RoadmapInfo | None:
    """Return what the region published about its climate roadmap (first wins).

    Title, approval (day and body, where published), themes or priorities as published and the
    target in words, with the source. Quantified targets go to :func:`canemure_targets`.
    """


@hookspec
def canemure_load_inventory(
    region_id: str, rule: AccountingRule, years: Sequence[int] | None
) -> EmissionInventory | None:
    """Return a baseline inventory for the region under ``rule`` (collected).

    ``years`` is the set of years asked for (``None`` = all the plugin has). Return ``None``
    when the plugin has no data for this region or rule. The inventory must carry its rule,
    unit and sources; missing figures are NaN ("not estimated"), never zero.

    Answers are never merged cell by cell: each municipality's whole series comes from one
    answer, by precedence (the user's import, then adapters, then canemure's bundled data;
    see :func:`canemure.datasets.baseline_sources`), and reports name that source.
    """


@hookspec
def canemure_measures(region_id: str) -> Sequence[PublishedMeasure] | None:
    """Return the region's planned and decided measures as published (collected)."""


@hookspec
def canemure_targets(region_id: str) -> Sequence[Target] | None:
    """Return the region's published emission targets (collected)."""


@hookspec
def canemure_emission_factors(region_id: str) -> Sequence[EmissionFactor] | None:
    """Return local emission factors and activity data with their sources (collected)."""
