"""``canemure plugins`` and ``canemure new-plugin``: region adapters for coordinators, authors.

``canemure plugins`` prints :func:`canemure.plugins.report.format_plugin_report` in the user's
language (``--lang``, default from the locale): headings, counts and status words from
:mod:`canemure.i18n`, failures and warnings said as in the notice other commands print, the
adapters' own error texts quoted as they were raised.
"""

from __future__ import annotations

import argparse

from canemure import i18n
from canemure.plugins import get_plugin_manager
from canemure.plugins.report import format_plugin_report

__all__ = ["run_list", "run_new"]


def run_list(args: argparse.Namespace) -> int:
    """List loaded and failed plugins (exit 1 when any failed), or ``--check REGION``."""
    from canemure.plugins.report import format_item

    lang = getattr(args, "lang", None) or "en"
    manager = get_plugin_manager()
    if getattr(args, "check", None):
        from canemure.plugins.probe import format_probe, probe_region

        probe = probe_region(manager, args.check)
        print(format_probe(probe, lang))
        warnings = [w for w in manager.warnings() if w.kind != "choice"]
        if warnings:
            print(i18n.label("plugins_warnings", lang).lower())
            print("\n".join(f"  {format_item(warning, lang)}" for warning in warnings))
        return 0 if probe.ok else 1
    print(format_plugin_report(manager, lang).rstrip("\n"))
    return 0 if manager.report().ok else 1


def run_new(args: argparse.Namespace) -> int:
    """Create a new adapter distribution from the template."""
    from canemure.plugins.scaffold import create_adapter, next_command

    lang = getattr(args, "lang", None) or "en"
    root = create_adapter(args.name, args.region, args.dest)
    print(i18n.label("plugin_created", lang).format(root=root))
    print(i18n.label("plugin_next", lang).format(command=next_command(root)))
    return 0
