"""Render a :class:`~canemure.reports.baseline.BaselineReport` as a table, CSV or JSON.

* ``table``: aligned text for a terminal; numbers in the language's style (decimal comma in
  Finnish and Swedish), "not estimated" spelled out in the chosen language. Every line fits
  :data:`WIDTH` (100) columns: when the years do not fit, the table is printed in blocks of
  years (each with the sector names), and notes are wrapped (:func:`grid`, :func:`wrap`).
* ``csv``: one row per area, sector and year, machine-readable (comma-separated, decimal point,
  empty cell and a ``status`` column for not-estimated values), with the area and the
  accounting rule in their own columns and every header in the chosen language. After the
  figures, one ``source`` row per municipality (``sector`` = the municipality, ``status`` =
  the kind of source and its title) and one ``disagreement`` row per municipality whose
  sources disagree (``year``, ``value`` = the largest difference, ``status`` = the sources).
* ``json``: the whole report with ``null`` for not-estimated values; keys are English. Numbers
  are stated with the decimals the source states (SYKE prints 0.1 kt: ``195.7``, never
  ``195.69999999999996``), populations as integers. Standard JSON only: no ``NaN`` or
  ``Infinity`` (``allow_nan=False``).

:func:`render_many` renders several reports (one table after another, one CSV, a JSON list);
:func:`render_ranking` a :class:`~canemure.reports.baseline.Ranking` of municipalities.

Every format says per municipality which source its figures come from, and where a source set
aside disagrees, the largest difference (:func:`disagreement_lines`, which the CLI also prints
as warnings on standard error).
"""

from __future__ import annotations

import csv
import io
import json
import math
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from canemure.geography import Municipality, gazetteer
from canemure.i18n import label, plural, rule_name, unit_text
from canemure.inventory import Gap
from canemure.reports.baseline import BaselineReport, Ranking, ReportRow
from canemure.sectors import sector_hierarchy

if TYPE_CHECKING:
    from canemure.datasets import Disagreement
    from canemure.io.excel_export import Sheet

__all__ = [
    "FORMATS",
    "WIDTH",
    "baseline_sheets",
    "disagreement_lines",
    "grid",
    "ranking_sheets",
    "render",
    "render_many",
    "render_ranking",
    "wrap",
]

FORMATS = ("table", "csv", "json")
"""The output formats of :func:`render`."""

WIDTH = 100
"""No line of a table is longer than this."""

_GAPS_SHOWN = 10
"""The table lists this many municipality-years with gaps (JSON lists them all)."""

_PER_RESIDENT_DECIMALS = 3
"""Tonnes per resident are stated to the kilogram."""

_PERCENT_DECIMALS = 1


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


def _round(value: float | None, decimals: int) -> float | None:
    """``value`` stated with ``decimals`` (``None`` stays ``None``; no ``-0.0``)."""
    if value is None or not math.isfinite(value):
        return None
    return round(value, decimals) + 0.0


def _integer(value: float | None) -> int | None:
    return None if value is None or not math.isfinite(value) else round(value)


def _area_name(report: BaselineReport, lang: str) -> str:
    return report.area.names[lang]


def _by_syke(report: BaselineReport) -> bool:
    """Whether every figure of the report comes from a source SYKE published."""
    return bool(report.sources) and all(
        "SYKE" in (use.source.publisher or "") for use in report.sources
    )


def wrap(text: str, indent: str = "", more: str | None = None, width: int = WIDTH) -> list[str]:
    """``text`` as lines of at most ``width`` characters.

    The first line is indented by ``indent``, the others by ``more`` (default: two spaces more
    than ``indent``).
    """
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent + "  " if more is None else more,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[str] | None],
    *,
    keep: int = 1,
    width: int = WIDTH,
    left: int = 1,
) -> list[str]:
    """Aligned text table; ``None`` in ``rows`` is a rule line.

    The first ``left`` columns are left-aligned, the others right-aligned. When the columns
    do not fit ``width``, they are printed in blocks (each repeating the first ``keep``
    columns), one block under the other, so no line is longer than ``width``.
    """
    table = [list(header), *(list(r) for r in rows if r is not None)]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    blocks: list[list[int]] = []
    fixed = sum(widths[:keep]) + 2 * keep
    current: list[int] = []
    used = fixed
    for i in range(keep, len(header)):
        if current and used + widths[i] + 2 > width:
            blocks.append(current)
            current, used = [], fixed
        current.append(i)
        used += widths[i] + 2
    blocks.append(current)
    out: list[str] = []
    for number, block in enumerate(blocks):
        columns = [*range(keep), *block]

        def line(cells: Sequence[str], columns: list[int] = columns) -> str:
            parts = [
                cells[i].ljust(widths[i]) if i < left else cells[i].rjust(widths[i])
                for i in columns
            ]
            return "  ".join(parts).rstrip()

        rule = "-" * (sum(widths[i] for i in columns) + 2 * (len(columns) - 1))
        if number:
            out.append("")
        out.append(line(header))
        out.append(rule)
        out.extend(rule if r is None else line(r) for r in rows)
    return out


def render(report: BaselineReport, fmt: str = "table", lang: str = "en") -> str:
    """Render ``report`` in ``fmt`` (``table``, ``csv`` or ``json``) and language ``lang``."""
    return render_many([report], fmt, lang, single=True)


def render_many(
    reports: Sequence[BaselineReport], fmt: str = "table", lang: str = "en", *, single: bool = False
) -> str:
    """Render several reports: tables one after another, one CSV, a JSON list.

    ``single=True`` with one report gives the JSON object itself rather than a list of one.
    """
    if fmt == "table":
        return "\n".join(_table(report, lang) for report in reports)
    if fmt == "csv":
        return _csv(reports, lang)
    if fmt == "json":
        data = [_json_data(report) for report in reports]
        return _dump(data[0] if single and len(data) == 1 else data)
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

    per_resident_unit = unit_text(report.per_resident_unit, lang)
    extra = [
        [f"{label('population', lang)}", *(_number(v, lang, 0) for v in report.population)],
        [
            f"{label('per_resident_short', lang)} ({per_resident_unit})",
            *(_number(v, lang, 2) for v in report.per_resident),
        ],
    ]
    if change_head:
        extra = [[*row, ""] for row in extra]
    kind = (
        ""
        if isinstance(report.area, Municipality)
        else " (" + plural("municipalities", len(report.municipalities), lang) + ")"
    )
    out = [
        *wrap(f"{label('baseline', lang)}: {_area_name(report, lang)}{kind}"),
        *wrap(
            f"{label('rule', lang)}: {rule_name(report.rule.id, lang)}; "
            f"{label('unit', lang)}: {unit_text(report.unit, lang)}"
        ),
        "",
        *grid(header, [*(line(r) for r in report.rows), None, line(report.total), *extra]),
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
        lines.extend(wrap(f"{label('missing_municipalities', lang)}: {missing}"))
    complete = "complete" if _by_syke(report) else "complete_other"
    missing_figures = sum(len(gap.sectors) for gap in report.gaps)
    lines.append(
        f"{label('coverage', lang)}: "
        + (
            label(complete, lang)
            if not report.gaps and not report.missing_municipalities
            else plural("gaps", missing_figures, lang)
        )
    )
    sector_names = {row.key: row.names.get(lang) for row in report.rows}
    for gap in report.gaps[:_GAPS_SHOWN]:
        lines.extend(wrap(_gap_line(gap, sector_names, lang), "  ", "    "))
    if len(report.gaps) > _GAPS_SHOWN:
        lines.append("  " + plural("more", len(report.gaps) - _GAPS_SHOWN, lang))
    if report.gaps or report.missing_municipalities:
        hint = label("fill_hint", lang).format(url="https://paastot.hiilineutraalisuomi.fi/")
        lines.extend(wrap(hint))
    lines.append(f"{label('sources', lang)}:")
    by_source: dict[tuple[str, str], list[str]] = {}
    titles: dict[tuple[str, str], str] = {}
    for use in report.sources:
        key: tuple[str, str] = (use.kind or "", use.source.id)
        by_source.setdefault(key, []).append(use.area_name)
        kind = f"{label(f'kind_{use.kind}', lang)}: " if use.kind else ""
        titles[key] = f"{kind}{use.source}"
    for shown, names in by_source.items():
        lines.extend(wrap(f"- {titles[shown]} [{', '.join(names)}]", "  ", "    "))
    if report.disagreements:
        lines.append(f"{label('sources_disagree', lang)}:")
        for line in disagreement_lines(report, lang):
            lines.extend(wrap(f"- {line}", "  ", "    "))
    return lines


def _kind_name(kind: str, provider: str, lang: str) -> str:
    return f"{label(f'kind_{kind}', lang)} ({provider})"


def _signed(value: float, lang: str) -> str:
    text = _number(abs(value), lang)
    return f"−{text}" if value < 0 else f"+{text}"


class _Disagreeing(Protocol):
    """What :func:`disagreement_lines` reads (a baseline report, a rule of a region profile)."""

    @property
    def disagreements(self) -> tuple[Disagreement, ...]: ...

    @property
    def unit(self) -> str: ...


def disagreement_lines(report: _Disagreeing, lang: str = "en") -> list[str]:
    """One line per municipality whose sources disagree, with the largest difference."""
    tree = sector_hierarchy()

    def line(d: Disagreement) -> str:
        return label("disagreement", lang).format(
            municipality=_municipality(d.area, lang),
            used=_kind_name(d.used.kind, d.used.provider, lang),
            other=_kind_name(d.other_kind, d.other_provider, lang),
            diff=_signed(d.difference, lang),
            unit=unit_text(report.unit, lang),
            year=d.year,
            sector=tree[d.sector].names.get(lang) if d.sector in tree else d.sector,
            used_value=_number(d.used_value, lang),
            other_value=_number(d.other_value, lang),
            differ=plural("figures_differ", d.cells, lang),
        )

    return [line(d) for d in report.disagreements]


def _csv_header(lang: str, *keys: str) -> list[str]:
    return [label(key, lang) for key in keys]


def _csv(reports: Sequence[BaselineReport], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        _csv_header(
            lang,
            "area_code",
            "area_name",
            "rule_id",
            "sector_key",
            "sector_col",
            "year",
            "value",
            "unit_col",
            "status",
        )
    )
    for report in reports:
        _csv_rows(writer, report, lang)
    return buffer.getvalue()


def _csv_rows(writer: Any, report: BaselineReport, lang: str) -> None:
    area = [report.area.code, report.area.names[lang], report.rule.id]
    estimated = label("status_estimated" if _by_syke(report) else "status_available", lang)
    not_estimated = label("status_not_estimated", lang)

    def cell(value: float | None, decimals: int) -> str:
        rounded = _round(value, decimals)
        return "" if rounded is None else repr(rounded)

    for row in (*report.rows, report.total):
        for year, value in zip(report.years, row.values, strict=True):
            writer.writerow(
                [
                    *area,
                    row.key,
                    row.names.get(lang),
                    year,
                    cell(value, report.decimals),
                    report.unit,
                    estimated if value is not None else not_estimated,
                ]
            )
    for year, value in zip(report.years, report.per_resident, strict=True):
        writer.writerow(
            [
                *area,
                "per_resident",
                label("per_resident", lang),
                year,
                cell(value, _PER_RESIDENT_DECIMALS),
                report.per_resident_unit,
                estimated if value is not None else not_estimated,
            ]
        )
    for use in report.sources:
        kind = f"{use.kind}: " if use.kind else ""
        writer.writerow(
            [*area, "source", _municipality(use.area, lang), "", "", "", f"{kind}{use.source}"]
        )
    for d in report.disagreements:
        writer.writerow(
            [
                *area,
                "disagreement",
                _municipality(d.area, lang),
                d.year,
                cell(d.difference, report.decimals),
                report.unit,
                f"{d.used.kind} ({d.used.provider}) vs {d.other_kind} ({d.other_provider}); "
                f"{d.sector}: {_round(d.used_value, report.decimals)!r} vs "
                f"{_round(d.other_value, report.decimals)!r}",
            ]
        )


def _names(names: Any) -> dict[str, str]:
    return {lang: names.get(lang) if hasattr(names, "get") else names[lang] for lang in LANGS}


LANGS = ("fi", "sv", "en")


def _rule(report: BaselineReport | Ranking) -> dict[str, Any]:
    rule = report.rule
    return {
        "id": rule.id,
        "name": {lang: rule_name(rule.id, lang) for lang in LANGS},
        "name_fi": rule.name_fi,
        "name_en": rule.name_en,
    }


def _json_data(report: BaselineReport) -> dict[str, Any]:
    decimals = report.decimals

    def row(r: ReportRow) -> dict[str, Any]:
        return {
            "key": r.key,
            "name": {"fi": r.names.fi, "sv": r.names.get("sv"), "en": r.names.get("en")},
            "values": {
                str(y): _round(v, decimals) for y, v in zip(report.years, r.values, strict=True)
            },
            "change_percent": _round(r.change_percent, _PERCENT_DECIMALS),
        }

    return {
        "area": {
            "code": report.area.code,
            "kind": "municipality" if isinstance(report.area, Municipality) else "region",
            "name": {
                "fi": report.area.names.fi,
                "sv": report.area.names.sv,
                "en": report.area.names.en,
            },
        },
        "rule": _rule(report),
        "unit": report.unit,
        "estimated_by": "SYKE" if _by_syke(report) else None,
        "years": list(report.years),
        "sectors": [row(r) for r in report.rows],
        "total": row(report.total),
        "population": {
            str(y): _integer(v) for y, v in zip(report.years, report.population, strict=True)
        },
        "per_resident": {
            "unit": report.per_resident_unit,
            "values": {
                str(y): _round(v, _PER_RESIDENT_DECIMALS)
                for y, v in zip(report.years, report.per_resident, strict=True)
            },
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
                "used_value": _round(d.used_value, decimals),
                "set_aside_value": _round(d.other_value, decimals),
                "difference": _round(d.difference, decimals),
                "figures_differing": d.cells,
            }
            for d in report.disagreements
        ],
    }


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_ranking(ranking: Ranking, fmt: str = "table", lang: str = "en") -> str:
    """Render a ranking of municipalities as a table, CSV or JSON (as :func:`render`)."""
    if fmt == "table":
        return _ranking_table(ranking, lang)
    if fmt == "csv":
        return _ranking_csv(ranking, lang)
    if fmt == "json":
        return _ranking_json(ranking)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")


def _rank_by(ranking: Ranking, lang: str) -> str:
    return label(f"by_{ranking.by.replace('-', '_')}", lang)


def _ranking_table(ranking: Ranking, lang: str) -> str:
    change = f"{label('change', lang)} {ranking.base_year}–{ranking.year}"
    header = [
        label("rank", lang),
        label("municipality", lang),
        label("total_in", lang).format(year=ranking.year),
        label("per_resident_in", lang).format(year=ranking.year),
        change,
    ]
    rows = [
        [
            str(number),
            row.municipality.names[lang],
            _number(_round(row.total, ranking.decimals), lang, min(ranking.decimals, 1)),
            _number(row.per_resident, lang, 2),
            _percent(row.change_percent, lang),
        ]
        for number, row in enumerate(ranking.rows, start=1)
    ]
    out = [
        *wrap(
            label("ranking", lang).format(
                region=ranking.region.names[lang], by=_rank_by(ranking, lang)
            )
        ),
        *wrap(f"{label('rule', lang)}: {rule_name(ranking.rule.id, lang)}"),
        f"{label('unit', lang)}: {unit_text(ranking.unit, lang)}; "
        f"{label('per_resident_short', lang).lower()}: "
        f"{unit_text(ranking.per_resident_unit, lang)}",
        "",
        *grid(header, rows, keep=2, left=2),
    ]
    if ranking.missing_municipalities:
        missing = ", ".join(_municipality(c, lang) for c in ranking.missing_municipalities)
        out.extend(["", *wrap(f"{label('missing_municipalities', lang)}: {missing}")])
    return "\n".join(out) + "\n"


def _ranking_csv(ranking: Ranking, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        _csv_header(
            lang,
            "col_rank",
            "area_code",
            "area_name",
            "rule_id",
            "col_base_year",
            "year",
            "col_total",
            "unit_col",
            "col_per_resident",
            "col_per_resident_unit",
            "col_change_percent",
        )
    )
    for cells, figures in _ranking_rows(ranking, lang):
        total, per_resident, change = ("" if v is None else repr(v) for v in figures)
        writer.writerow(
            [
                *cells,
                total,
                ranking.unit,
                per_resident,
                ranking.per_resident_unit,
                change,
            ]
        )
    return buffer.getvalue()


def _ranking_rows(
    ranking: Ranking, lang: str
) -> Iterator[tuple[list[object], tuple[float | None, float | None, float | None]]]:
    """Each ranked municipality's cells and its rounded figures.

    The cells: rank, code, name, rule, base year, year; the figures: total, per resident and
    change in percent (``None`` = not estimated).
    """
    for number, row in enumerate(ranking.rows, start=1):
        cells: list[object] = [
            number,
            row.municipality.code,
            row.municipality.names[lang],
            ranking.rule.id,
            ranking.base_year,
            ranking.year,
        ]
        figures = (
            _round(row.total, ranking.decimals),
            _round(row.per_resident, _PER_RESIDENT_DECIMALS),
            _round(row.change_percent, _PERCENT_DECIMALS),
        )
        yield cells, figures


def _ranking_json(ranking: Ranking) -> str:
    region = ranking.region
    return _dump(
        {
            "region": {"code": region.code, "name": _names(region.names)},
            "rule": _rule(ranking),
            "by": ranking.by,
            "base_year": ranking.base_year,
            "year": ranking.year,
            "unit": ranking.unit,
            "per_resident_unit": ranking.per_resident_unit,
            "municipalities": [
                {
                    "rank": number,
                    "code": row.municipality.code,
                    "name": _names(row.municipality.names),
                    "total": _round(row.total, ranking.decimals),
                    "per_resident": _round(row.per_resident, _PER_RESIDENT_DECIMALS),
                    "change_percent": _round(row.change_percent, _PERCENT_DECIMALS),
                }
                for number, row in enumerate(ranking.rows, start=1)
            ],
            "missing_municipalities": list(ranking.missing_municipalities),
        }
    )


# ----------------------------------------------------------------------------- xlsx sheets
def baseline_sheets(reports: Sequence[BaselineReport], lang: str = "en") -> list[Sheet]:
    """Reports as workbook sheets (``--format xlsx``): emissions, per resident, sources.

    Headers are in ``lang`` with units in them (``2024 (kt CO2e/a)``); a figure that is not
    estimated is ``None`` (an empty cell with a note), never 0. Years are the union of the
    reports' years (a report without a year leaves its cells empty).
    """
    from canemure.io.excel_export import Sheet

    years = sorted({y for report in reports for y in report.years})
    first = reports[0]
    unit = unit_text(first.unit, lang)
    per_unit = unit_text(first.per_resident_unit, lang)
    change = f"{label('change', lang)} (%)"
    area_head = [label("area_code", lang), label("area_name", lang), label("rule_id", lang)]
    emissions: list[list[object]] = []
    residents: list[list[object]] = []
    sources: list[list[object]] = []
    for report in reports:
        area = [report.area.code, report.area.names[lang], report.rule.id]
        index = {y: i for i, y in enumerate(report.years)}

        def at(
            values: Sequence[float | None], decimals: int, index: dict[int, int] = index
        ) -> list[object]:
            return [_round(values[index[y]], decimals) if y in index else None for y in years]

        for row in (*report.rows, report.total):
            emissions.append(
                [*area, row.key, row.names.get(lang), *at(row.values, report.decimals),
                 _round(row.change_percent, _PERCENT_DECIMALS)]
            )  # fmt: skip
        residents.append([*area, label("population", lang), *at(report.population, 0)])
        residents.append(
            [*area, f"{label('per_resident', lang)} ({per_unit})",
             *at(report.per_resident, _PER_RESIDENT_DECIMALS)]
        )  # fmt: skip
        for use in report.sources:
            sources.append(
                [*area, use.area, _municipality(use.area, lang), use.kind or "", str(use.source)]
            )
    return [
        Sheet(
            label("baseline", lang)[:31],
            [
                *area_head,
                label("sector_key", lang),
                label("sector_col", lang),
                *(f"{y} ({unit})" for y in years),
                change,
            ],
            emissions,
        ),
        Sheet(
            label("per_resident_short", lang)[:31],
            [*area_head, label("col_item", lang), *(str(y) for y in years)],
            residents,
        ),
        Sheet(
            label("sources", lang)[:31],
            [
                *area_head,
                label("col_municipality_code", lang),
                label("municipality", lang),
                label("col_source_kind", lang),
                label("row_source", lang),
            ],
            sources,
        ),
    ]


def ranking_sheets(rankings: Sequence[Ranking], lang: str = "en") -> list[Sheet]:
    """Rankings as one workbook sheet (headers in ``lang``, units in the headers)."""
    from canemure.io.excel_export import Sheet

    first = rankings[0]
    rows: list[list[object]] = []
    for ranking in rankings:
        rows.extend([*cells, *figures] for cells, figures in _ranking_rows(ranking, lang))
    header = [
        label("col_rank", lang),
        label("area_code", lang),
        label("area_name", lang),
        label("rule_id", lang),
        label("col_base_year", lang),
        label("year", lang),
        f"{label('col_total', lang)} ({unit_text(first.unit, lang)})",
        f"{label('col_per_resident', lang)} ({unit_text(first.per_resident_unit, lang)})",
        f"{label('col_change_percent', lang)} (%)",
    ]
    return [Sheet(label("rank", lang), header, rows)]
