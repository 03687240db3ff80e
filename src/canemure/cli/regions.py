"""``canemure regions``: the 19 regions, which have a region adapter, which have data.

For every region of the reference list (Statistics Finland's 19 maakunnat, the seven Canemure
regions marked): the region adapter that serves it (its entry-point name and distribution), or
the adapters that failed for it (at load, or in a call about the region), and for each kind of
source (bundled with canemure, the user's cache, an adapter's data) how many of the region's
municipalities have at least one emission figure under the chosen rule, and in which years.
Every question goes through the plugin host, as ``canemure baseline`` asks it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from canemure.geography import Region, gazetteer
from canemure.i18n import label, plural
from canemure.reports.region import format_years
from canemure.reports.render import grid, wrap
from canemure.sectors import AccountingRule, accounting_rule

if TYPE_CHECKING:
    from canemure.io.excel_export import Sheet
    from canemure.plugins import PluginManager

__all__ = ["DATA_KINDS", "RegionData", "RegionStatus", "region_statuses", "render_regions", "run"]

DATA_KINDS = ("bundled", "user-import", "adapter")
"""The kinds of source reported, in the order of the columns."""

_COLUMN = {"bundled": "data_bundled", "user-import": "data_cache_head", "adapter": "data_adapter"}


@attrs.frozen
class RegionData:
    """What one kind of source holds for a region."""

    municipalities: int
    """Municipalities of the region with at least one figure."""
    years: tuple[int, ...]
    """Years with at least one figure."""
    providers: tuple[str, ...]
    """The plugins that answered."""


@attrs.frozen
class RegionStatus:
    """One region: its adapter and its data."""

    region: Region
    """The region."""
    municipalities: int
    """How many municipalities it has (reference list)."""
    adapter: str | None
    """The serving adapter as ``entry-point (distribution version)``; ``None`` when none."""
    failed: tuple[str, ...]
    """Adapters (entry-point names) that failed for the region or could not be loaded."""
    data: dict[str, RegionData]
    """Per kind of source (:data:`DATA_KINDS`) with figures for the region."""


def _data(region: Region, rule: AccountingRule, manager: PluginManager) -> dict[str, RegionData]:
    from canemure.errors import CanemureError

    codes = set(gazetteer().municipality_codes(region))
    found: dict[str, RegionData] = {}
    for kind in DATA_KINDS:
        try:
            answers = manager.load_inventories(region, rule, kinds=[kind])  # type: ignore[list-item]
        except CanemureError:  # an unreadable cached file: reported by baseline, not here
            continue
        areas: set[str] = set()
        years: set[int] = set()
        for answer in answers:
            inventory = answer.inventory
            estimated = inventory.estimated
            for i, area in enumerate(inventory.areas):
                if area in codes and bool(estimated[i].any()):
                    areas.add(area)
            with_data = np.any(estimated, axis=(0, 1)).tolist()
            years.update(y for y, e in zip(inventory.years, with_data, strict=True) if e)
        if areas:
            providers = tuple(sorted({a.provider for a in answers}))
            found[kind] = RegionData(len(areas), tuple(sorted(years)), providers)
    return found


def region_statuses(
    rule: AccountingRule, manager: PluginManager | None = None
) -> tuple[RegionStatus, ...]:
    """The status of every region of the reference list under ``rule``."""
    from canemure.plugins import get_plugin_manager

    manager = manager or get_plugin_manager()
    gaz = gazetteer()
    statuses = []
    data = {region.code: _data(region, rule, manager) for region in gaz.regions}
    failures = manager.failures()  # after every call about every region
    not_loaded = sorted({f.name for f in failures if f.stage in ("load", "version", "register")})
    for region in gaz.regions:
        plugin = manager.region_plugin(region)
        region_id = manager.region_id(region)
        failed = sorted({f.name for f in failures if f.region == region_id})
        statuses.append(
            RegionStatus(
                region=region,
                municipalities=len(gaz.municipality_codes(region)),
                adapter=f"{plugin.name} ({plugin.dist} {plugin.version})" if plugin else None,
                failed=tuple(failed if plugin else sorted({*failed, *not_loaded})),
                data=data[region.code],
            )
        )
    return tuple(statuses)


def _adapter_cell(status: RegionStatus, lang: str) -> str:
    name = status.adapter.split(" ")[0] if status.adapter else "-"
    if status.failed:
        failed = f"{label('adapter_failed_short', lang)}: {', '.join(status.failed)}"
        return failed if name == "-" else f"{name}; {failed}"
    return name


def _data_cell(status: RegionStatus, kind: str) -> str:
    found = status.data.get(kind)
    return f"{found.municipalities}/{status.municipalities}" if found else "-"


def _table(statuses: tuple[RegionStatus, ...], rule: AccountingRule, lang: str) -> str:
    header = [
        label("code", lang),
        label("region", lang),
        "Canemure",
        label("adapter", lang),
        *(label(_COLUMN[kind], lang) for kind in DATA_KINDS),
    ]
    rows = [
        [
            s.region.code,
            s.region.names[lang],
            label("yes", lang) if s.region.canemure else "",
            _adapter_cell(s, lang),
            *(_data_cell(s, kind) for kind in DATA_KINDS),
        ]
        for s in statuses
    ]
    with_adapter = sum(1 for s in statuses if s.adapter)
    out = [
        *wrap(f"{label('regions_title', lang)} ({rule.id})"),
        "",
        *grid(header, rows, keep=2, left=4),
        "",
        *wrap(
            plural("regions_with_adapter", with_adapter, lang)
            + "; "
            + label("regions_data_note", lang)
        ),
    ]
    return "\n".join(out) + "\n"


def _csv(statuses: tuple[RegionStatus, ...], rule: AccountingRule, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            label(key, lang)
            for key in (
                "area_code",
                "area_name",
                "rule_id",
                "col_canemure",
                "col_municipalities",
                "col_adapter",
                "col_failed",
                "col_source_kind",
                "col_with_data",
                "col_years",
            )
        ]
    )
    for s in statuses:
        common = [
            s.region.code,
            s.region.names[lang],
            rule.id,
            int(s.region.canemure),
            s.municipalities,
            s.adapter or "",
            ";".join(s.failed),
        ]
        for kind in DATA_KINDS:
            found = s.data.get(kind)
            writer.writerow(
                [
                    *common,
                    kind,
                    found.municipalities if found else 0,
                    format_years(found.years) if found else "",
                ]
            )
    return buffer.getvalue()


def _json(statuses: tuple[RegionStatus, ...], rule: AccountingRule) -> str:
    def entry(s: RegionStatus) -> dict[str, Any]:
        return {
            "code": s.region.code,
            "id": s.region.id,
            "name": {lang: s.region.names[lang] for lang in ("fi", "sv", "en")},
            "canemure": s.region.canemure,
            "municipalities": s.municipalities,
            "adapter": s.adapter,
            "failed_adapters": list(s.failed),
            "data": {
                kind: {
                    "municipalities": found.municipalities,
                    "years": list(found.years),
                    "providers": list(found.providers),
                }
                for kind, found in s.data.items()
            },
        }

    data = {"rule": rule.id, "regions": [entry(s) for s in statuses]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_regions(
    statuses: tuple[RegionStatus, ...], rule: AccountingRule, fmt: str = "table", lang: str = "en"
) -> str:
    """Render the statuses as a table (labels in ``lang``), CSV or JSON."""
    if fmt == "table":
        return _table(statuses, rule, lang)
    if fmt == "csv":
        return _csv(statuses, rule, lang)
    if fmt == "json":
        return _json(statuses, rule)
    raise ValueError(f"format must be 'table', 'csv' or 'json', got {fmt!r}")


def regions_sheets(
    statuses: tuple[RegionStatus, ...], rule: AccountingRule, lang: str = "en"
) -> list[Sheet]:
    """The statuses as one workbook sheet: the CSV's rows, numbers as numbers."""
    from canemure.io.excel_export import Sheet

    rows = list(csv.reader(io.StringIO(_csv(statuses, rule, lang))))
    header, body = rows[0], rows[1:]
    numeric = {4, 8}  # municipalities, municipalities with data

    def cell(i: int, text: str) -> object:
        return int(text) if i in numeric or (i == 3 and text in ("0", "1")) else text

    return [
        Sheet(label("region", lang), header, [[cell(i, c) for i, c in enumerate(r)] for r in body])
    ]


def run(args: argparse.Namespace) -> int:
    """Print every region's adapter and data."""
    from canemure.cli.output import check_output, write_text, write_xlsx
    from canemure.cli.progress import activity

    check_output(args)
    rule = accounting_rule(args.rules)
    with activity(label("progress_reading", args.lang)):
        statuses = region_statuses(rule)
    if args.format == "xlsx":
        write_xlsx(
            args, regions_sheets(statuses, rule, args.lang), [(label("rule", args.lang), rule.id)]
        )
        return 0
    write_text(args, render_regions(statuses, rule, args.format, args.lang))
    return 0
