"""Render a :class:`~canemure.reports.baseline.BaselineReport` as a table, CSV or JSON.

* ``table``: aligned text for a terminal; numbers in the language's style (decimal comma in
  Finnish and Swedish), "not estimated" spelled out in the chosen language.
* ``csv``: one row per sector, machine-readable (comma-separated, decimal point, empty cell and a
  ``status`` column for not-estimated values), headers in the chosen language.
* ``json``: the whole report with ``null`` for not-estimated values; keys are English.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from canemure.geography import Municipality, gazetteer
from canemure.inventory import Gap
from canemure.reports.baseline import BaselineReport, ReportRow
from canemure.reports.i18n import label

__all__ = ["FORMATS", "render"]

FORMATS = ("table", "csv", "json")

_GAPS_SHOWN = 10
"""The table lists this many municipality-years with gaps (JSON lists them all)."""


def _number(value: float | None, lang: str, decimals: int = 1) -> str:
    if value is None:
        return label("not_estimated", lang)
    text = f"{value:,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def _percent(value: float | None, lang: str) -> str:
    if value is None:
        return label("not_estimated", lang)
    return (
        f"{_number(value, lang)} %".replace("-", "−", 1)
        if value < 0
        else f"+{_number(value, lang)} %"
    )


def _area_name(report: BaselineReport, lang: str) -> str:
    return report.area.names[lang]


def render(report: BaselineReport, fmt: str = "table", lang: str = "en") -> str:
    """Render ``report`` in ``fmt`` (``table``, ``csv`` or ``json``) and language ``lang``."""
    if fmt == "table":
        return _table(report, lang)
    if fmt == "csv":
        return _csv(report, lang)
    if fmt == "json":
        return _json(report)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")


def _table(report: BaselineReport, lang: str) -> str:
    years = [str(y) for y in report.years]
    change_head = f"{label('change', lang)} {years[0]}–{years[-1]}" if len(years) > 1 else ""
    header = [label("sector", lang), *years] + ([change_head] if change_head else [])

    def line(row: ReportRow) -> list[str]:
        cells = [row.names.get(lang), *(_number(v, lang) for v in row.values)]
        if change_head:
            cells.append(_percent(row.change_percent, lang))
        return cells

    body = [line(r) for r in report.rows]
    total = line(report.total)
    extra = [
        [f"{label('population', lang)}", *(_number(v, lang, 0) for v in report.population)],
        [
            f"{label('per_resident', lang)} ({report.per_resident_unit})",
            *(_number(v, lang, 2) for v in report.per_resident),
        ],
    ]
    if change_head:
        extra = [[*row, ""] for row in extra]
    widths = [max(len(r[i]) for r in [header, *body, total, *extra]) for i in range(len(header))]

    def fmt(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule_line = "-" * (sum(widths) + 2 * (len(widths) - 1))
    kind = (
        ""
        if isinstance(report.area, Municipality)
        else " (" + label("n_municipalities", lang).format(n=len(report.municipalities)) + ")"
    )
    out = [
        f"{label('baseline', lang)}: {_area_name(report, lang)}{kind}",
        f"{label('rule', lang)}: {report.rule.name(lang)}; {label('unit', lang)}: {report.unit}",
        "",
        fmt(header),
        rule_line,
        *(fmt(r) for r in body),
        rule_line,
        fmt(total),
        *(fmt(r) for r in extra),
        "",
    ]
    out.extend(_notes(report, lang))
    return "\n".join(out).rstrip() + "\n"


def _municipality(code: str, lang: str) -> str:
    return f"{gazetteer().municipality(code).names[lang]} ({code})"


def _gap_line(gap: Gap, sector_names: dict[str, str], lang: str) -> str:
    sectors = ", ".join(sector_names.get(key, key) for key in gap.sectors)
    return f"{_municipality(gap.area, lang)} {gap.year}: {label('not_estimated', lang)}: {sectors}"


def _notes(report: BaselineReport, lang: str) -> list[str]:
    lines: list[str] = []
    if report.missing_municipalities:
        missing = ", ".join(_municipality(code, lang) for code in report.missing_municipalities)
        lines.append(f"{label('missing_municipalities', lang)}: {missing}")
    lines.append(
        f"{label('coverage', lang)}: "
        + (
            label("complete", lang)
            if not report.gaps and not report.missing_municipalities
            else f"{len(report.gaps)} {label('gaps', lang).lower()}"
        )
    )
    sector_names = {row.key: row.names.get(lang) for row in report.rows}
    lines.extend(f"  {_gap_line(gap, sector_names, lang)}" for gap in report.gaps[:_GAPS_SHOWN])
    if len(report.gaps) > _GAPS_SHOWN:
        lines.append("  " + label("n_more", lang).format(n=len(report.gaps) - _GAPS_SHOWN))
    if report.gaps or report.missing_municipalities:
        lines.append(label("fill_hint", lang).format(url="https://paastot.hiilineutraalisuomi.fi/"))
    lines.append(f"{label('sources', lang)}:")
    by_source: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for use in report.sources:
        by_source.setdefault(use.source.id, []).append(use.area_name)
        titles[use.source.id] = str(use.source)
    for source_id, names in by_source.items():
        lines.append(f"  - {titles[source_id]} [{', '.join(names)}]")
    return lines


def _csv(report: BaselineReport, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["sector_key", label("sector", lang), "year", "value", "unit", "status"])
    for row in (*report.rows, report.total):
        for year, value in zip(report.years, row.values, strict=True):
            writer.writerow(
                [
                    row.key,
                    row.names.get(lang),
                    year,
                    "" if value is None else repr(round(value, 6)),
                    report.unit,
                    "estimated" if value is not None else "not estimated",
                ]
            )
    for year, value in zip(report.years, report.per_resident, strict=True):
        writer.writerow(
            [
                "per_resident",
                label("per_resident", lang),
                year,
                "" if value is None else repr(round(value, 6)),
                report.per_resident_unit,
                "estimated" if value is not None else "not estimated",
            ]
        )
    return buffer.getvalue()


def _json(report: BaselineReport) -> str:
    def row(r: ReportRow) -> dict[str, Any]:
        return {
            "key": r.key,
            "name": {"fi": r.names.fi, "sv": r.names.get("sv"), "en": r.names.get("en")},
            "values": {str(y): v for y, v in zip(report.years, r.values, strict=True)},
            "change_percent": r.change_percent,
        }

    data = {
        "area": {
            "code": report.area.code,
            "kind": "municipality" if isinstance(report.area, Municipality) else "region",
            "name": {
                "fi": report.area.names.fi,
                "sv": report.area.names.sv,
                "en": report.area.names.en,
            },
        },
        "rule": {
            "id": report.rule.id,
            "name_fi": report.rule.name_fi,
            "name_en": report.rule.name_en,
        },
        "unit": report.unit,
        "years": list(report.years),
        "sectors": [row(r) for r in report.rows],
        "total": row(report.total),
        "population": {str(y): v for y, v in zip(report.years, report.population, strict=True)},
        "per_resident": {
            "unit": report.per_resident_unit,
            "values": {str(y): v for y, v in zip(report.years, report.per_resident, strict=True)},
        },
        "municipalities": list(report.municipalities),
        "missing_municipalities": list(report.missing_municipalities),
        "gaps": [
            {"municipality": gap.area, "year": gap.year, "sectors": list(gap.sectors)}
            for gap in report.gaps
        ],
        "sources": [
            {
                "municipality": u.area,
                "name": u.area_name,
                "source_id": u.source.id,
                "title": u.source.title,
                "publisher": u.source.publisher,
                "url": u.source.url,
                "path": u.source.path,
            }
            for u in report.sources
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
