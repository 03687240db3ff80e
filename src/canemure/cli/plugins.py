"""``canemure plugins`` and ``canemure new-plugin``: region adapters for coordinators, authors.

``canemure plugins`` speaks the user's language (``--lang``, default from the locale): its
headings, counts and status words come from :mod:`canemure.i18n`, failures and warnings are
said as in the notice other commands print (:mod:`canemure.plugins.notice`), and the adapters'
own error texts are quoted as they were raised. In English the text is exactly
:func:`canemure.plugins.report.format_plugin_report`'s.
"""

from __future__ import annotations

import argparse

from canemure import i18n
from canemure.plugins import get_plugin_manager
from canemure.plugins.report import PluginReport, ReportSource

__all__ = ["format_plugins", "run_list", "run_new"]


def format_plugins(source: ReportSource, lang: str = "en") -> str:
    """The text ``canemure plugins`` prints, in ``lang``: loaded, failed, skipped, warnings."""
    from canemure.plugins.notice import _line

    report: PluginReport = source.report()
    lines = [
        i18n.label("plugins_head", lang).format(
            version=report.core_version,
            loaded=len(report.loaded),
            failed=len(report.failed),
            skipped=len(report.skipped),
        )
    ]
    regions_word, hooks_word = (
        i18n.label("plugins_regions", lang),
        i18n.label("plugins_hooks", lang),
    )
    width = max(len(regions_word), len(hooks_word)) + 1
    if report.loaded:
        lines += ["", i18n.label("plugins_loaded", lang)]
        for info in report.loaded:
            kind = f" [{i18n.label('plugins_builtin', lang)}]" if info.builtin else ""
            lines.append(f"  {info}{kind}  <- {info.value}")
            if info.regions:
                lines.append(f"      {regions_word:<{width}}{', '.join(info.regions)}")
            lines.append(f"      {hooks_word:<{width}}{', '.join(info.hooks)}")
    if report.failed:
        lines += ["", i18n.label("plugins_failed", lang)]
        lines.extend(f"  {_line(failure, lang)}" for failure in report.failed)
    if report.warnings:
        lines += ["", i18n.label("plugins_warnings", lang)]
        lines.extend(f"  {_line(warning, lang)}" for warning in report.warnings)
    if report.skipped:
        lines += ["", i18n.label("plugins_skipped", lang)]
        lines.extend(f"  {skipped}" for skipped in report.skipped)
    return "\n".join(lines)


def run_list(args: argparse.Namespace) -> int:
    """List loaded and failed plugins (exit 1 when any failed), or ``--check REGION``."""
    from canemure.plugins.notice import _line

    lang = getattr(args, "lang", None) or "en"
    manager = get_plugin_manager()
    if getattr(args, "check", None):
        from canemure.plugins.probe import format_probe, probe_region

        probe = probe_region(manager, args.check)
        print(format_probe(probe, lang))
        warnings = [w for w in manager.warnings() if w.kind != "choice"]
        if warnings:
            print(i18n.label("plugins_warnings", lang).lower())
            print("\n".join(f"  {_line(warning, lang)}" for warning in warnings))
        return 0 if probe.ok else 1
    print(format_plugins(manager, lang).rstrip("\n"))
    return 0 if manager.report().ok else 1


def run_new(args: argparse.Namespace) -> int:
    """Create a new adapter distribution from the template."""
    from canemure.plugins.scaffold import create_adapter, next_steps

    root = create_adapter(args.name, args.region, args.dest)
    print(f"created {root}")
    print(next_steps(root))
    return 0
