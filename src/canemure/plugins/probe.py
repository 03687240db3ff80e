"""``canemure plugins --check REGION``: every hook of every plugin, called for one region.

For adapter authors and coordinators: :func:`probe_region` calls each hook implementation
(not only until the first answer, as in normal use) through
:meth:`~canemure.plugins.PluginManager.call_each`, so each answer is checked exactly as in use,
and :func:`format_probe` prints a short summary of each answer (counts, years) or its failure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from canemure.errors import Message, UnknownNameError
from canemure.geography import Region, gazetteer
from canemure.plugins.report import HookAnswer, PluginFailure
from canemure.plugins.validation import (
    check_cooperation_group,
    check_coordinators,
    check_inventory,
    check_municipalities,
    check_records,
    check_regions,
    check_roadmap,
)

if TYPE_CHECKING:
    from canemure.plugins.manager import PluginManager
    from canemure.sectors import AccountingRule

__all__ = ["HookProbe", "RegionProbe", "format_probe", "probe_region"]


@attrs.frozen
class HookProbe:
    """The answers of every plugin to one hook call."""

    hook: str
    """Hook name."""
    detail: str
    """What else the call was about (``rule hinku`` for inventories), or ``""``."""
    answers: tuple[HookAnswer, ...]
    """One per implementation, in call order; empty when no plugin implements the hook."""
    summaries: tuple[str, ...]
    """A short summary of each answer, matching :attr:`answers`."""


@attrs.frozen
class RegionProbe:
    """Everything ``canemure plugins --check REGION`` found."""

    region_id: str
    """The region id the hooks were asked with."""
    region: Region | None
    """The region in the reference gazetteer, where it is one."""
    served_by: str | None
    """The plugin that claims the region (``name (dist version)``), if any."""
    hooks: tuple[HookProbe, ...]
    """Each hook call."""
    refused: tuple[PluginFailure, ...]
    """Plugins refused at load, registration or validation (they were not asked)."""

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """The calls that failed."""
        return tuple(a.failure for h in self.hooks for a in h.answers if a.failure is not None)

    @property
    def ok(self) -> bool:
        """Whether nothing failed, at load or in a call."""
        return not self.failures and not self.refused


_SILENT = frozenset({"probe_declares_other", "probe_declares_none"})
"""Summaries of answers that say nothing about the region asked (counted, not listed)."""


def _inventory_check(rule: AccountingRule, place: Region | None) -> Callable[[object], Any]:
    return lambda value: check_inventory(value, rule=rule, years=None, region=place)


def _records_check(cls: type[Any]) -> Callable[[object], Any]:
    return lambda value: check_records(value, cls, cls.__name__)


def _count(key: str) -> Callable[[Any], str]:
    return lambda value: Message(key, n=len(value))


def _inventory(value: Any) -> str:
    from canemure.reports.region import format_years

    key = f"probe_inventory_{value.area_level}"
    return Message(key, n=len(value.areas), years=format_years(value.years))


def probe_region(manager: PluginManager, region: str | Region) -> RegionProbe:
    """Call every hook of every plugin for ``region``; check and summarise each answer.

    Raises :class:`~canemure.errors.UnknownNameError` when no plugin claims ``region`` and the
    reference gazetteer does not know it either.
    """
    from canemure.published.factors import EmissionFactor
    from canemure.published.measures import PublishedMeasure
    from canemure.published.targets import Target
    from canemure.sectors import RULES

    manager.load()
    region_id = manager.region_id(region)
    info = manager.region_info(region_id)
    try:
        place: Region | None = gazetteer().region(info.region_code if info else region_id)
    except UnknownNameError:
        if info is None:
            raise
        place = None
    owner = manager.region_plugin(region_id)

    def declared(value: Any) -> str:
        ids = [r.id for r in value]
        if not ids:
            return Message("probe_declares_none")
        key = "probe_declares" if region_id in ids else "probe_declares_other"
        return Message(key, ids=", ".join(ids))

    calls: list[tuple[str, str, Callable[[object], Any], Callable[[Any], str], dict[str, Any]]]
    calls = [
        ("canemure_regions", "", check_regions, declared, {}),
        ("canemure_municipalities", "", check_municipalities, _count("probe_municipalities"), {}),
        ("canemure_coordinators", "", check_coordinators, _count("probe_coordinators"), {}),
        ("canemure_cooperation_group", "", check_cooperation_group, lambda v: str(v.name), {}),
        (
            "canemure_roadmap",
            "",
            lambda v: check_roadmap(v, region_id),
            lambda v: str(v.title) if v.title else Message("probe_untitled_roadmap"),
            {},
        ),
    ]
    for rule in RULES:
        calls.append(
            (
                "canemure_load_inventory",
                f"rule {rule.id}",
                _inventory_check(rule, place),
                _inventory,
                {"rule": rule, "years": None},
            )
        )
    for hook, cls, what in (
        ("canemure_targets", Target, "probe_targets"),
        ("canemure_measures", PublishedMeasure, "probe_measures"),
        ("canemure_emission_factors", EmissionFactor, "probe_factors"),
    ):
        calls.append(
            (
                hook,
                "",
                _records_check(cls),
                _count(what),
                {},
            )
        )
    probes: list[HookProbe] = []
    for hook, detail, check, summary, extra in calls:
        kwargs = extra if hook == "canemure_regions" else {"region_id": region_id, **extra}
        answers = manager.call_each(hook, check, **kwargs)
        summaries = tuple(
            Message("probe_failed", reason=a.failure.reason)
            if a.failure is not None
            else (
                Message("probe_no_answer")
                if a.value is None
                else Message("probe_ok", summary=summary(a.value))
            )
            for a in answers
        )
        probes.append(HookProbe(hook, detail, answers, summaries))
    refused = tuple(f for f in manager.failures() if f.stage != "hook")
    return RegionProbe(region_id, place, str(owner) if owner else None, tuple(probes), refused)


def format_probe(probe: RegionProbe, lang: str = "en") -> str:
    """Return the text ``canemure plugins --check REGION`` prints, in ``lang`` (fi/sv/en).

    The hooks' summaries (counts, years, titles as the adapters give them) are said in
    ``lang``; failures are worded as in the plugin notice of every command.
    """
    from canemure import i18n
    from canemure.plugins.report import format_item, said_reason

    region = probe.region
    where = f" ({region.names[lang]} ({region.code}))" if region is not None else ""
    served = probe.served_by or i18n.label("probe_unclaimed", lang)
    lines = [i18n.label("probe_served", lang).format(region=probe.region_id + where, by=served)]
    for hook in probe.hooks:
        detail = f" ({hook.detail})" if hook.detail else ""
        lines.append(f"  {hook.hook}{detail}")
        if not hook.answers:
            lines.append(f"    {i18n.label('probe_not_implemented', lang)}")
            continue
        silent = 0
        for answer, summary in zip(hook.answers, hook.summaries, strict=True):
            if answer.failure is None and (answer.value is None or _said_nothing(summary)):
                silent += 1
            elif answer.failure is not None:  # the reason as the notice says it
                reason = said_reason(answer.failure.reason, lang)
                failed = i18n.error_text("probe_failed", lang, reason=reason)
                lines.append(f"    {answer.plugin}: {failed}")
            else:
                lines.append(f"    {answer.plugin}: {i18n.said(summary, lang)}")
        if silent:
            lines.append(f"    {i18n.label('probe_silent', lang).format(n=silent)}")
    if probe.refused:
        lines.append(f"  {i18n.label('probe_refused', lang)}")
        lines.extend(f"    {format_item(failure, lang)}" for failure in probe.refused)
    calls = sum(len(h.answers) for h in probe.hooks)
    total = i18n.label("probe_total", lang)
    lines.append(total.format(calls=calls, failed=len(probe.failures), refused=len(probe.refused)))
    return "\n".join(lines)


def _said_nothing(summary: str) -> bool:
    """Whether ``summary`` is of an answer about other regions only."""
    inner = getattr(summary, "params", {}).get("summary", summary)
    return getattr(inner, "key", None) in _SILENT
