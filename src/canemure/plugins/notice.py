"""The few lines every command prints on standard error when region adapters failed.

``canemure plugins`` lists everything on standard output; every other command ends with this
notice (:func:`format_plugin_notice`), so a coordinator sees which adapter failed, in which hook
and why, and what to do, even when the report itself looks complete.
"""

from __future__ import annotations

from canemure.plugins.loading import BLOCK_ENV, BUILTIN_NAME, REGION_ADAPTER_ENV
from canemure.plugins.messages import message
from canemure.plugins.report import PluginFailure, PluginReport, PluginWarning, format_item

__all__ = ["format_plugin_notice"]


def format_plugin_notice(report: PluginReport, lang: str = "en") -> str:
    """Return the notice for ``report`` in ``lang``, or ``""`` when there is nothing to say.

    Failures and warnings are listed in ``lang`` (the reasons quote the adapters' own errors as
    they were raised; a text the catalogue does not know is shown as recorded); the hints say
    how to look closer (``canemure plugins --check REGION``), how to switch an adapter off
    (``CANEMURE_PLUGINS_BLOCK``) and how to choose between two adapters of one region
    (``CANEMURE_REGION_ADAPTER``). A conflict the user already settled is not
    repeated here.
    """
    warnings = [w for w in report.warnings if w.kind != "choice"]
    items: list[PluginFailure | PluginWarning] = [*report.failed, *warnings]
    if not items:
        return ""
    lines = [message("problems", lang).format(n=len(items))]
    lines.extend(f"  {format_item(item, lang)}" for item in items)
    regions = sorted({item.region for item in items if item.region})
    if regions:
        lines.extend(message("check_region", lang).format(region=r) for r in regions)
    else:
        lines.append(message("check_all", lang))
    names = sorted(
        {f.name for f in report.failed if f.name != BUILTIN_NAME}
        | {w.name for w in warnings if w.kind in ("output", "slow")}
    )
    if names:
        lines.append(message("what_to_do", lang).format(env=BLOCK_ENV, names=",".join(names)))
    if any(w.kind == "conflict" for w in warnings):
        lines.append(message("choose", lang).format(env=REGION_ADAPTER_ENV))
    return "\n".join(lines)
