"""Render a :class:`~canemure.reports.baseline.BaselineReport` as a table, CSV or JSON.

* ``table``: aligned text for a terminal; numbers in the language's style (decimal comma in
  Finnish and Swedish), "not estimated" spelled out in the chosen language.
* ``csv``: one row per sector, machine-readable (comma-separated, decimal point, empty cell and a
  ``status`` column for not-estimated values), headers in the chosen language. After the
  figures, one ``source`` row per municipality (``sector`` = the municipality, ``status`` =
  the kind of source and its title) and one ``disagreement`` row per municipality whose
  sources disagree (``year``, ``value`` = the largest difference, ``status`` = the sources).
* ``json``: the whole report with ``null`` for not-estimated values; keys are English. Standard
  JSON only: no ``NaN`` or ``Infinity`` (``allow_nan=False``).

Every format says per municipality which source its figures come from, and where a source set
aside disagrees, the largest difference (:func:`disagreement_lines`, which the CLI also prints
as warnings on standard error).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from canemure.geography import Municipality, gazetteer
from canemure.inventory import Gap
from canemure.reports.baseline import BaselineReport, ReportRow
from canemure.reports.i18n import label
from canemure.sectors import sector_hierarchy

if TYPE_CHECKING:
    from canemure.datasets import Disagreement

__all__ = ["FORMATS", "disagreement_lines", "render"]

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
    by_source: dict[tuple[str, str], list[str]] = {}
    titles: dict[tuple[str, str], str] = {}
    for use in report.sources:
        key: tuple[str, str] = (use.kind or "", use.source.id)
        by_source.setdefault(key, []).append(use.area_name)
        kind = f"{label(f'kind_{use.kind}', lang)}: " if use.kind else ""
        titles[key] = f"{kind}{use.source}"
    for shown, names in by_source.items():
        lines.append(f"  - {titles[shown]} [{', '.join(names)}]")
    if report.disagreements:
        lines.append(f"{label('sources_disagree', lang)}:")
        lines.extend(f"  - {line}" for line in disagreement_lines(report, lang))
    return lines


def _kind_name(kind: str, provider: str, lang: str) -> str:
    return f"{label(f'kind_{kind}', lang)} ({provider})"


def _signed(value: float, lang: str) -> str:
    text = _number(abs(value), lang)
    return f"−{text}" if value < 0 else f"+{text}"


def disagreement_lines(report: BaselineReport, lang: str = "en") -> list[str]:
    """One line per municipality whose sources disagree, with the largest difference."""
    tree = sector_hierarchy()

    def line(d: Disagreement) -> str:
        return label("disagreement", lang).format(
            municipality=_municipality(d.area, lang),
            used=_kind_name(d.used.kind, d.used.provider, lang),
            other=_kind_name(d.other_kind, d.other_provider, lang),
            diff=_signed(d.difference, lang),
            unit=report.unit,
            year=d.year,
            sector=tree[d.sector].names.get(lang) if d.sector in tree else d.sector,
            used_value=_number(d.used_value, lang),
            other_value=_number(d.other_value, lang),
            n=d.cells,
        )

    return [line(d) for d in report.disagreements]


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
    for use in report.sources:
        kind = f"{use.kind}: " if use.kind else ""
        writer.writerow(
            ["source", _municipality(use.area, lang), "", "", "", f"{kind}{use.source}"]
        )
    for d in report.disagreements:
        writer.writerow(
            [
                "disagreement",
                _municipality(d.area, lang),
                d.year,
                repr(round(d.difference, 6)),
                report.unit,
                f"{d.used.kind} ({d.used.provider}) vs {d.other_kind} ({d.other_provider}); "
                f"{d.sector}: {d.used_value!r} vs {d.other_value!r}",
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
                "kind": u.kind,
                "provider": u.provider,
                "source_id": u.source.id,
                "title": u.source.title,
                "publisher": u.source.publisher,
                "url": u.source.url,
                "path": u.source.path,
            }
            for u in report.sources
        ],
        "disagreements": [
            {
                "municipality": d.area,
                "used": {"kind": d.used.kind, "provider": d.used.provider},
                "set_aside": {"kind": d.other_kind, "provider": d.other_provider},
                "year": d.year,
                "sector": d.sector,
                "used_value": _finite(d.used_value),
                "set_aside_value": _finite(d.other_value),
                "difference": _finite(d.difference),
                "figures_differing": d.cells,
            }
            for d in report.disagreements
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None
