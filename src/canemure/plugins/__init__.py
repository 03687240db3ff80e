"""Region adapter plugins: the hook contract, the typed host and its report.

A region adapter implements hooks from :mod:`canemure.plugins.hookspecs` with the
:data:`hookimpl` marker and declares an entry point in the group ``canemure``. The host,
:class:`PluginManager` (shared instance: :func:`get_plugin_manager`), loads entry points on first
use, checks every answer, and reports a failing plugin or hook call as a :class:`PluginFailure`
while the others keep working. See ``docs/plugins.md``.
"""

from canemure.plugins.hookspecs import NAME
from canemure.plugins.loading import ALLOW_ENV, BLOCK_ENV, ENTRY_POINT_GROUP, REGION_ADAPTER_ENV
from canemure.plugins.manager import PluginManager, get_plugin_manager, used_plugin_manager
from canemure.plugins.markers import hookimpl
from canemure.plugins.report import (
    FailureStage,
    HookAnswer,
    PluginFailure,
    PluginInfo,
    PluginReport,
    PluginWarning,
    SkippedPlugin,
    format_plugin_report,
)
from canemure.plugins.types import CooperationGroup, RegionInfo

__all__ = [
    "ALLOW_ENV",
    "BLOCK_ENV",
    "ENTRY_POINT_GROUP",
    "NAME",
    "REGION_ADAPTER_ENV",
    "CooperationGroup",
    "FailureStage",
    "HookAnswer",
    "PluginFailure",
    "PluginInfo",
    "PluginManager",
    "PluginReport",
    "PluginWarning",
    "RegionInfo",
    "SkippedPlugin",
    "format_plugin_report",
    "get_plugin_manager",
    "hookimpl",
    "used_plugin_manager",
]
