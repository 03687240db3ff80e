"""What the plugin host knows about its plugins: loaded, failed and skipped, and a text report.

Every record names the plugin by its entry-point name and, where it came from an installed
distribution, the distribution's name and version, so a user can tell *which* install to fix.
A failure also says at which stage it happened and why; the same records back
``canemure plugins`` (:func:`format_plugin_report`) and programmatic checks.
"""

from __future__ import annotations

from typing import Literal, Protocol

import attrs

from canemure.plugins.messages import message, restate, restate_reason

__all__ = [
    "FailureStage",
    "HookAnswer",
    "PluginFailure",
    "PluginInfo",
    "PluginReport",
    "PluginWarning",
    "SkippedPlugin",
    "WarningKind",
    "format_failure",
    "format_item",
    "format_plugin_report",
    "said_reason",
]

FailureStage = Literal["load", "version", "register", "validate", "hook"]
"""Where a plugin failed.

``load``: importing the entry point raised; ``version``: the plugin needs another core version;
``register``: pluggy refused the plugin (unknown hook, wrong argument names, a name already in
use); ``validate``: its metadata (regions, municipalities) is wrong; ``hook``: a hook raised or
returned something of the wrong type while in use (only that answer is lost; the plugin's other
hooks keep working).
"""

WarningKind = Literal["output", "slow", "conflict", "choice", "setting"]
"""What a warning is about.

``output``: the plugin printed to standard output while being imported or registered (the text
is kept out of the command's output); ``slow``: importing it took long; ``conflict``: two
plugins claim one region id and no setting chose between them; ``choice``: they do, and
``CANEMURE_REGION_ADAPTER`` chose (for the record only); ``setting``: a plugin setting
(environment variable) could not be applied.
"""


def _label(name: str, dist: str | None, version: str | None) -> str:
    if dist is None:
        return name
    return f"{name} ({dist} {version})" if version else f"{name} ({dist})"


@attrs.frozen
class PluginInfo:
    """A plugin that is registered and working."""

    name: str
    """Entry-point name (the name used by the allow and block lists)."""
    dist: str | None
    """Name of the distribution that provides it; ``None`` for a plugin registered in code."""
    version: str | None
    """Version of that distribution."""
    value: str
    """What was loaded: the entry point's ``module[:attribute]`` or the object's name."""
    hooks: tuple[str, ...]
    """The hooks it implements, sorted."""
    regions: tuple[str, ...] = ()
    """Region ids it claims through ``canemure_regions``."""

    @property
    def builtin(self) -> bool:
        """Whether it is part of the canemure core itself."""
        return self.dist == "canemure"

    def __str__(self) -> str:
        return _label(self.name, self.dist, self.version)


@attrs.frozen
class PluginFailure:
    """A plugin that was refused at load, or one of its hook calls that failed, with the reason."""

    name: str
    """Entry-point name (or the name it was registered under)."""
    dist: str | None
    """Distribution name, where known."""
    version: str | None
    """Distribution version, where known."""
    stage: FailureStage
    """Where it failed (see :data:`FailureStage`)."""
    reason: str
    """What went wrong, in words, quoting the offending value."""
    hook: str | None = None
    """The hook that failed, for ``validate`` and ``hook`` failures."""
    region: str | None = None
    """The region id the failing call was about, where there was one."""

    @property
    def label(self) -> str:
        """The plugin as ``name (dist version)``."""
        return _label(self.name, self.dist, self.version)

    def __str__(self) -> str:
        where = f" in {self.hook}" if self.hook else ""
        about = f" for region {self.region!r}" if self.region else ""
        return f"{self.label}: {self.stage} failed{where}{about}: {self.reason}"


@attrs.frozen
class PluginWarning:
    """Something about a working plugin the user should know and may want to act on."""

    name: str
    """Entry-point name (or the name it was registered under)."""
    dist: str | None
    """Distribution name, where known."""
    version: str | None
    """Distribution version, where known."""
    kind: WarningKind
    """What it is about (see :data:`WarningKind`)."""
    message: str
    """What happened and what the user can do, in words."""
    region: str | None = None
    """The region id concerned, for conflicts."""

    @property
    def label(self) -> str:
        """The plugin as ``name (dist version)``."""
        return _label(self.name, self.dist, self.version)

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@attrs.frozen
class HookAnswer:
    """One plugin's answer to one hook call (:meth:`PluginManager.call_each`)."""

    plugin: str
    """Entry-point name of the plugin that answered."""
    hook: str
    """The hook called."""
    value: object
    """The checked answer; ``None`` when the plugin has nothing to say or failed."""
    failure: PluginFailure | None = None
    """Why the call failed, when it did."""


@attrs.frozen
class SkippedPlugin:
    """An installed plugin that was not loaded because the allow or block list excludes it."""

    name: str
    """Entry-point name."""
    dist: str | None
    """Distribution name, where known."""
    version: str | None
    """Distribution version, where known."""
    reason: str
    """Which setting excluded it."""

    def __str__(self) -> str:
        return f"{_label(self.name, self.dist, self.version)}: {self.reason}"


@attrs.frozen
class PluginReport:
    """The state of a plugin manager after loading."""

    loaded: tuple[PluginInfo, ...]
    """Working plugins, in registration order."""
    failed: tuple[PluginFailure, ...]
    """Plugins refused at load and hook calls that failed, in the order they failed."""
    skipped: tuple[SkippedPlugin, ...]
    """Plugins excluded by ``CANEMURE_PLUGINS_ALLOW`` / ``CANEMURE_PLUGINS_BLOCK``."""
    core_version: str
    """The canemure version the plugins were checked against."""
    warnings: tuple[PluginWarning, ...] = ()
    """Output at import, slow imports, region conflicts and unusable settings."""

    @property
    def ok(self) -> bool:
        """Whether no plugin failed."""
        return not self.failed

    def report(self) -> PluginReport:
        """Return itself, so a report can stand in for the manager that made it."""
        return self


def format_failure(failure: PluginFailure, lang: str = "en") -> str:
    """``failure`` as one line in ``lang`` (``fi``, ``sv`` or ``en``); ``en`` is ``str(failure)``.

    The host's words (the stage, hook and region, "raised") come from the catalogue of
    :mod:`canemure.plugins.messages`; the adapter's own error text is quoted as it was raised,
    and a reason the catalogue does not know is shown as recorded.
    """
    where = message("in_hook", lang).format(hook=failure.hook) if failure.hook else ""
    about = (
        message("for_region", lang).format(region=repr(failure.region)) if failure.region else ""
    )
    stage = message(f"stage_{failure.stage}", lang)
    return f"{failure.label}: {stage}{where}{about}: {said_reason(failure.reason, lang)}"


def said_reason(reason: str, lang: str = "en") -> str:
    """A failure's ``reason`` in ``lang``.

    The host's own words are translated (a version or register problem, "raised", "import
    failed"), the adapter's error text is quoted as raised, and a reason the catalogue does not
    know is shown as recorded.
    """
    reason = restate_reason(reason, lang) or reason
    if lang != "en":
        for key in ("reason_import", "reason_raised"):
            said = restate(key, reason, lang, within={"error": "reason_exit"})
            if said is not None:
                return said
    return reason


_WARNING_KEYS = {"slow": "warning_slow", "output": "warning_output", "conflict": "warning_conflict"}
"""The catalogue keys of the warnings whose texts are said in the user's language."""


def format_item(item: PluginFailure | PluginWarning, lang: str = "en") -> str:
    """A failure or a warning as one line in ``lang``; in ``en`` exactly its ``str``.

    The reasons quote the adapters' own errors as they were raised; a text the catalogue does
    not know is shown as recorded.
    """
    if isinstance(item, PluginFailure):
        return format_failure(item, lang)
    key = _WARNING_KEYS.get(item.kind)
    said = restate(key, item.message, lang) if key is not None and lang != "en" else None
    return f"{item.label}: {said or item.message}"


class ReportSource(Protocol):
    """Anything that can give a :class:`PluginReport` (a plugin manager, or a report itself)."""

    def report(self) -> PluginReport:
        """Return the report."""
        ...


def format_plugin_report(source: ReportSource, lang: str = "en") -> str:
    """Return the text ``canemure plugins`` prints, in ``lang``: loaded, failed, skipped, warnings.

    ``source`` is a :class:`PluginReport` or a plugin manager (which loads its plugins here if
    it has not yet); nothing is printed to the terminal. Headings and counts come from
    :mod:`canemure.i18n`, failures and warnings are said as :func:`format_item` says them.
    """
    from canemure.i18n import label

    report = source.report()
    lines = [
        label("plugins_head", lang).format(
            version=report.core_version,
            loaded=len(report.loaded),
            failed=len(report.failed),
            skipped=len(report.skipped),
        )
    ]
    regions_word, hooks_word = label("plugins_regions", lang), label("plugins_hooks", lang)
    width = max(len(regions_word), len(hooks_word)) + 1
    if report.loaded:
        lines += ["", label("plugins_loaded", lang)]
        for info in report.loaded:
            kind = f" [{label('plugins_builtin', lang)}]" if info.builtin else ""
            lines.append(f"  {info}{kind}  <- {info.value}")
            if info.regions:
                lines.append(f"      {regions_word:<{width}}{', '.join(info.regions)}")
            lines.append(f"      {hooks_word:<{width}}{', '.join(info.hooks)}")
    if report.failed:
        lines += ["", label("plugins_failed", lang)]
        lines.extend(f"  {format_item(failure, lang)}" for failure in report.failed)
    if report.warnings:
        lines += ["", label("plugins_warnings", lang)]
        lines.extend(f"  {format_item(warning, lang)}" for warning in report.warnings)
    if report.skipped:
        lines += ["", label("plugins_skipped", lang)]
        lines.extend(f"  {skipped}" for skipped in report.skipped)
    return "\n".join(lines)
