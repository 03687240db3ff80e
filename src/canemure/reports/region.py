"""A region's profile: who coordinates, its roadmap, targets, published measures and data.

What a regional coordinator opens first: everything the installed region adapter knows about
the region (through the plugin host, so a third-party adapter's answers appear the same way),
plus which years have emission figures under each accounting rule. Nothing is filled in: what
no adapter answers is shown as not known, and what an adapter failed to answer as failed.
Where two sources of a municipality's figures disagree, each rule names the largest difference
(:func:`region_disagreement_lines`, which the CLI also prints as warnings).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from canemure.errors import DataNotAvailableError
from canemure.geography import Coordinator, Municipality, Region, gazetteer
from canemure.i18n import Text, label, plural, shown
from canemure.plugins.messages import message
from canemure.reports.render import disagreement_lines, wrap
from canemure.units import unit_label

if TYPE_CHECKING:
    from canemure.datasets import Disagreement
    from canemure.inventory.provenance import SourceKind
    from canemure.plugins import CooperationGroup, PluginFailure, PluginInfo, PluginManager
    from canemure.published.measures import PublishedMeasure
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.published.targets import Target

__all__ = [
    "RegionProfile",
    "build_region_profile",
    "format_years",
    "region_disagreement_lines",
    "render_region_profile",
]

_DISAGREEMENT_UNIT = unit_label("kt CO2e / a")
"""Unit of :class:`~canemure.datasets.Disagreement` values."""


@attrs.frozen
class RegionProfile:
    """What the host knows about one region."""

    region: Region
    """The region."""
    municipalities: tuple[Municipality, ...]
    """Its municipalities (from the adapter, else the reference list)."""
    plugin: PluginInfo | None
    """The adapter that claims the region; ``None`` when none is installed."""
    coordinators: tuple[Coordinator, ...] | None
    """Who coordinates the region's climate work; ``None`` when not known."""
    cooperation_group: CooperationGroup | None
    """The climate cooperation group; ``None`` when not known."""
    roadmap: RoadmapInfo | None
    """The roadmap as published; ``None`` when not known."""
    targets: tuple[Target, ...]
    """Published targets of the region and its cities (see :attr:`targets_known`)."""
    measures: tuple[PublishedMeasure, ...]
    """Published planned and decided measures of the region and its cities (see
    :attr:`measures_known`)."""
    data_years: dict[str, tuple[int, ...]]
    """For each accounting rule id, the years with at least one figure for the region."""
    data_share: dict[str, float]
    """For each rule id, the share of municipality x main-sector figures estimated in those years.

    Below 1 means partial data (e.g. district heating only): regional totals are not estimated.
    """
    data_sources: dict[str, tuple[tuple[str, SourceKind, str], ...]] = attrs.field(factory=dict)
    """For each rule id, ``(municipality code, kind of source, provider)`` per municipality."""
    failures: tuple[PluginFailure, ...] = ()
    """Adapter failures that concern the region: its hook calls that failed, an adapter refused
    while validating it, and, when no adapter serves it, adapters that could not be loaded."""
    disagreements: dict[str, tuple[Disagreement, ...]] = attrs.field(factory=dict)
    """For each rule id, the municipalities whose figures differ in a source set aside (the
    largest difference each); rules without disagreements are left out."""

    @property
    def targets_known(self) -> bool:
        """Whether :attr:`targets` is known: an adapter serves the region or a plugin answered.

        With no adapter for the region an empty :attr:`targets` means nobody was asked, not none.
        """
        return self.plugin is not None or bool(self.targets)

    @property
    def measures_known(self) -> bool:
        """Whether :attr:`measures` is known (as :attr:`targets_known`)."""
        return self.plugin is not None or bool(self.measures)

    def failed(self, hook: str) -> bool:
        """Whether a call of ``hook`` for this region failed (its answer is lost)."""
        return any(f.hook == hook and f.stage == "hook" for f in self.failures)


def _region_failures(
    manager: PluginManager, region: Region, plugin: PluginInfo | None
) -> tuple[PluginFailure, ...]:
    region_id = manager.region_id(region)
    return tuple(
        f
        for f in manager.failures()
        if f.region == region_id or (plugin is None and f.stage in ("load", "version", "register"))
    )


def build_region_profile(region: Region, manager: PluginManager | None = None) -> RegionProfile:
    """Ask the plugin host (the shared one by default) everything about ``region``.

    Every question, the emission figures included, goes to ``manager``; each municipality's
    figures come from one source (:func:`canemure.datasets.baseline_sources`).
    """
    from canemure.datasets import baseline_sources
    from canemure.plugins import get_plugin_manager
    from canemure.sectors import RULES

    manager = manager or get_plugin_manager()
    gaz = gazetteer()
    codes = manager.municipalities(region) or gaz.municipality_codes(region)
    data_years: dict[str, tuple[int, ...]] = {}
    data_share: dict[str, float] = {}
    data_sources: dict[str, tuple[tuple[str, SourceKind, str], ...]] = {}
    disagreements: dict[str, tuple[Disagreement, ...]] = {}
    for rule in RULES:
        try:
            sourced = baseline_sources(region, rule, manager=manager)
        except DataNotAvailableError:
            continue
        inventory = sourced.inventory
        main_sectors = inventory.aggregate_sectors(min(3, inventory.sector_level))
        estimated = main_sectors.estimated
        with_data: list[bool] = np.any(estimated, axis=(0, 1)).tolist()
        years = tuple(y for y, e in zip(inventory.years, with_data, strict=True) if e)
        if not years:
            continue
        data_years[rule.id] = years
        cells = estimated[:, :, with_data]
        data_share[rule.id] = float(cells.sum()) / (len(codes) * cells.shape[1] * cells.shape[2])
        data_sources[rule.id] = tuple((c.area, c.kind, c.provider) for c in sourced.choices)
        if sourced.disagreements:
            disagreements[rule.id] = sourced.disagreements
    plugin = manager.region_plugin(region)
    return RegionProfile(
        region=region,
        municipalities=tuple(gaz.municipality(c) for c in codes),
        plugin=plugin,
        coordinators=manager.coordinators(region),
        cooperation_group=manager.cooperation_group(region),
        roadmap=manager.roadmap(region),
        targets=manager.targets(region),
        measures=manager.measures(region),
        data_years=data_years,
        data_share=data_share,
        data_sources=data_sources,
        disagreements=disagreements,
        failures=_region_failures(manager, region, plugin),  # last: after every call
    )


def format_years(years: Sequence[int]) -> str:
    """Return sorted ``years`` as runs: ``1990, 2005-2024`` (``-`` when there are none)."""
    ordered = sorted(years)
    if not ordered:
        return "-"
    runs: list[str] = []
    start = prev = ordered[0]
    for year in (*ordered[1:], None):
        if year is not None and year == prev + 1:
            prev = year
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if year is not None:
            start = prev = year
    return ", ".join(runs)


def _adapter(profile: RegionProfile, lang: str) -> str:
    if profile.plugin:
        return f"{profile.plugin.name} ({profile.plugin.dist} {profile.plugin.version})"
    refused = sorted({f.name for f in profile.failures if f.stage != "hook"})
    if refused:
        return message("adapter_failed", lang).format(names=", ".join(refused))
    return label("no_adapter", lang)


@attrs.frozen
class _RuleDisagreements:
    """One rule's disagreements, read by :func:`canemure.reports.render.disagreement_lines`."""

    disagreements: tuple[Disagreement, ...]
    unit: str = _DISAGREEMENT_UNIT


def _rule_disagreements(profile: RegionProfile, rule: str, lang: str) -> list[str]:
    return disagreement_lines(_RuleDisagreements(profile.disagreements.get(rule, ())), lang)


def region_disagreement_lines(profile: RegionProfile, lang: str = "en") -> list[str]:
    """One line per rule and municipality whose sources disagree: ``rule: largest difference``."""
    return [
        f"{rule}: {line}"
        for rule in sorted(profile.disagreements)
        for line in _rule_disagreements(profile, rule, lang)
    ]


def _count(profile: RegionProfile, hook: str, n: int, known: bool, lang: str) -> str:
    """A count, ``not known``, or ``failed`` (with what other plugins answered) when it failed."""
    if not profile.failed(hook):
        return str(n) if known else label("not_known", lang)
    failed = message("failed", lang)
    return f"{n} ({message('failed_answer', lang)})" if n else failed


def adapter_texts(profile: RegionProfile) -> list[str]:
    """The adapter's own texts a report shows: roles, the group's words, roadmap, targets."""
    found: list[str | None] = [c.role for c in profile.coordinators or ()]
    group = profile.cooperation_group
    if group is not None:
        found += [group.name, *group.members, group.supported_by]
    roadmap = profile.roadmap
    if roadmap is not None:
        found += [roadmap.title, roadmap.approved_text, *roadmap.themes]
    found += [target.text for target in profile.targets]
    return [text for text in found if text]


def _unmarked_texts(profile: RegionProfile) -> bool:
    """Whether the adapter gave a text shown in the report without saying its language."""
    return any(not isinstance(text, Text) for text in adapter_texts(profile))


def _table(profile: RegionProfile, lang: str) -> str:
    unknown = label("not_known", lang)
    failed = message("failed", lang)

    def missing(hook: str) -> str:
        return failed if profile.failed(hook) else unknown

    region = profile.region
    out = [
        f"{region.names[lang]} ({region.code}): "
        + plural("municipalities", len(profile.municipalities), lang),
        f"{label('adapter', lang)}: {_adapter(profile, lang)}",
        *([label("adapter_texts_unmarked", lang)] if _unmarked_texts(profile) else []),
        "",
        f"{label('coordinators', lang)}:",
    ]
    if profile.coordinators:
        for c in profile.coordinators:
            organisation = (
                c.organisation_en if lang == "en" and c.organisation_en else c.organisation
            )
            out.append(f"  - {organisation}: {shown(c.role, lang)}")
            out.extend(f"    {page}" for page in c.web_pages)
    else:
        out.append(f"  {missing('canemure_coordinators')}")
    out.append(f"{label('cooperation_group', lang)}:")
    group = profile.cooperation_group
    if group is None:
        out.append(f"  {missing('canemure_cooperation_group')}")
    else:
        meetings = group.meetings_per_year
        out.append(f"  {shown(group.name, lang)}")
        out.append(
            f"  {label('meetings_per_year', lang)}: {meetings if meetings is not None else unknown}"
        )
        members = ", ".join(shown(m, lang) for m in group.members) if group.members else unknown
        out.append(f"  {label('members', lang)}: {members}")
        if group.supported_by:
            out.append(f"  {shown(group.supported_by, lang)}")
    out.append(f"{label('roadmap', lang)}:")
    roadmap = profile.roadmap
    if roadmap is None:
        out.append(f"  {missing('canemure_roadmap')}")
    else:
        out.append(f"  {shown(roadmap.title, lang) if roadmap.title else unknown}")
        out.append(f"  {shown(roadmap.approved_text, lang)}")
        if roadmap.themes:
            suffix = "" if roadmap.themes_complete else f" ({label('partial_list', lang)})"
            out.append(f"  {label('themes', lang)}{suffix}:")
            out.extend(f"    - {shown(theme, lang)}" for theme in roadmap.themes)
    targets = _count(profile, "canemure_targets", len(profile.targets), profile.targets_known, lang)
    out.append(f"{label('targets', lang)}: {targets}")
    for target in profile.targets:
        owner = target.city or region.names.fi
        out.append(f"  - {owner}: {shown(target.text, lang)}")
    measures = _count(
        profile, "canemure_measures", len(profile.measures), profile.measures_known, lang
    )
    out.append(f"{label('measures', lang)}: {measures}")
    by_owner = Counter(m.owner for m in profile.measures)
    quantified_by_owner = Counter(m.owner for m in profile.measures if m.effect is not None)
    for owner, n in sorted(by_owner.items()):
        quantified = quantified_by_owner[owner]
        out.append(f"  - {owner}: {n} ({label('with_effect', lang).format(n=quantified)})")
    out.append(f"{label('emission_data', lang)}:")
    if profile.data_years:
        for rule, years in sorted(profile.data_years.items()):
            share = label("share_estimated", lang).format(p=100 * profile.data_share[rule])
            out.append(f"  {rule}: {format_years(years)} ({share})")
            by_kind: dict[str, list[str]] = {}
            for code, kind, provider in profile.data_sources.get(rule, ()):
                name = gazetteer().municipality(code).names[lang]
                by_kind.setdefault(f"{label(f'kind_{kind}', lang)} ({provider})", []).append(name)
            out.extend(f"    {kind}: {', '.join(names)}" for kind, names in by_kind.items())
            if rule in profile.disagreements:
                out.append(f"    {label('sources_disagree', lang)}:")
                out.extend(f"      - {line}" for line in _rule_disagreements(profile, rule, lang))
    elif not profile.failed("canemure_load_inventory"):
        out.append(f"  {label('no_emission_data', lang)}")
    if profile.failed("canemure_load_inventory"):
        out.append(f"  {failed}: canemure_load_inventory")
    text = "\n".join(_fit(line) for line in out) + "\n"
    if profile.failures:  # quoted as raised, one line each, so they can be searched for
        text += f"{message('failures', lang)}:\n"
        text += "".join(f"  {failure}\n" for failure in profile.failures)
    return text


def _fit(line: str) -> str:
    """``line`` wrapped to 100 columns, continuation lines indented two more spaces."""
    indent = line[: len(line) - len(line.lstrip(" "))]
    return "\n".join(wrap(line.strip(), indent)) if len(line) > 100 else line


def _json(profile: RegionProfile) -> str:
    def plain(value: Any) -> Any:
        return attrs.asdict(value, value_serializer=_serialize) if value is not None else None

    data = {
        "region": {
            "code": profile.region.code,
            "id": profile.region.id,
            "names": attrs.asdict(profile.region.names),
        },
        "municipalities": [m.code for m in profile.municipalities],
        "adapter": plain(profile.plugin),
        "coordinators": [plain(c) for c in profile.coordinators or ()] or None,
        "cooperation_group": plain(profile.cooperation_group),
        "roadmap": plain(profile.roadmap),
        "targets": [
            {"id": t.id, "city": t.city, "text": t.text, "source": t.source}
            for t in profile.targets
        ]
        if profile.targets_known
        else None,
        "measures": {
            "count": len(profile.measures),
            "with_effect": sum(1 for m in profile.measures if m.effect is not None),
            "by_status": dict(Counter(m.status.value for m in profile.measures)),
        }
        if profile.measures_known
        else None,
        "emission_data": {
            rule: {
                "years": list(years),
                "share_estimated": round(profile.data_share[rule], 4),
                "sources": [
                    {"municipality": code, "kind": kind, "provider": provider}
                    for code, kind, provider in profile.data_sources.get(rule, ())
                ],
                "disagreements": [
                    {
                        "municipality": d.area,
                        "used": {"kind": d.used.kind, "provider": d.used.provider},
                        "set_aside": {"kind": d.other_kind, "provider": d.other_provider},
                        "year": d.year,
                        "sector": d.sector,
                        "used_value": round(d.used_value, 6),
                        "set_aside_value": round(d.other_value, 6),
                        "difference": round(d.difference, 6),
                        "figures_differing": d.cells,
                        "unit": _DISAGREEMENT_UNIT,
                    }
                    for d in profile.disagreements.get(rule, ())
                ],
            }
            for rule, years in profile.data_years.items()
        },
        "failed_hooks": sorted({f.hook for f in profile.failures if f.hook and f.stage == "hook"}),
        "failures": [attrs.asdict(f) for f in profile.failures],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _serialize(_instance: object, _field: object, value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _csv(profile: RegionProfile, lang: str) -> str:
    """One row per fact: area code, section, item, value (headers in ``lang``).

    What is not known is left out; a failed hook is a ``failed`` row.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    region = profile.region
    keys = ("area_code", "col_section", "col_item", "value")
    writer.writerow([label(key, lang) for key in keys])

    def row(section: str, item: object, value: object) -> None:
        writer.writerow([region.code, section, item, value])

    row("region", region.names[lang], len(profile.municipalities))
    if profile.plugin:
        row("adapter", profile.plugin.name, f"{profile.plugin.dist} {profile.plugin.version}")
    for c in profile.coordinators or ():
        organisation = c.organisation_en if lang == "en" and c.organisation_en else c.organisation
        row("coordinator", organisation, shown(c.role, lang))
    group = profile.cooperation_group
    if group is not None:
        name = shown(group.name, lang)
        row("cooperation_group", name, group.meetings_per_year or "")
        for member in group.members:
            row("cooperation_group_member", name, shown(member, lang))
    roadmap = profile.roadmap
    if roadmap is not None:
        title = shown(roadmap.title, lang) if roadmap.title else ""
        row("roadmap", title, shown(roadmap.approved_text, lang))
        for theme in roadmap.themes:
            row("roadmap_theme", title, shown(theme, lang))
    for target in profile.targets:
        row("target", target.city or region.names.fi, shown(target.text, lang))
    by_owner = Counter(m.owner for m in profile.measures)
    quantified = Counter(m.owner for m in profile.measures if m.effect is not None)
    for owner, n in sorted(by_owner.items()):
        row("measures", owner, n)
        row("measures_with_effect", owner, quantified[owner])
    for rule, years in sorted(profile.data_years.items()):
        row("emission_data_years", rule, format_years(years))
        row("emission_data_share", rule, round(profile.data_share[rule], 4))
    for rule in sorted(profile.disagreements):
        for line in _rule_disagreements(profile, rule, lang):
            row("disagreement", rule, line)
    for hook in sorted({f.hook for f in profile.failures if f.hook and f.stage == "hook"}):
        row("failed", hook, message("failed", lang))
    return buffer.getvalue()


def render_region_profile(profile: RegionProfile, fmt: str = "table", lang: str = "en") -> str:
    """Render ``profile`` as text (``table``, labels in ``lang``), ``csv`` or ``json``."""
    if fmt == "table":
        return _table(profile, lang)
    if fmt == "csv":
        return _csv(profile, lang)
    if fmt == "json":
        return _json(profile)
    raise ValueError(f"format must be 'table', 'csv' or 'json', got {fmt!r}")
