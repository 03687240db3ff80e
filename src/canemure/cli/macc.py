"""``canemure macc``: the marginal abatement cost curve of a roadmap scenario's measures.

The scenario is read and computed as ``canemure roadmap`` does (the example shipped for the
area, or ``--scenario FILE``); the curve is :func:`canemure.reports.macc.macc_rows` in one
year (default: the first target year). Table, CSV (headers in ``--lang``), JSON (keys in
English, ``null`` where not estimated) or an ``.xlsx`` workbook; ``--chart FILE.svg|png`` also
draws the curve (the ``plot`` extra). A cost or abatement that is not estimated is printed
"not estimated" (an empty cell, ``null``), never 0, and such measures are left off the chart
with a line saying which.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from canemure.errors import DataFormatError
from canemure.i18n import label, rule_name

if TYPE_CHECKING:
    from canemure.engine.roadmap import RoadmapResult
    from canemure.engine.scenario import Scenario
    from canemure.io.excel_export import Sheet
    from canemure.reports.macc import MaccRow

__all__ = ["add_parser", "macc_data", "render_macc", "run"]

_ABATEMENT = "kt CO2e/a"
_COST = "EUR/a"
_PER_TONNE = "EUR/t CO2e"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``macc`` on the ``canemure`` sub-command parser."""
    from canemure.cli.main import add_command
    from canemure.cli.roadmap import _common

    parser = add_command(
        sub,
        "macc",
        help="marginal abatement cost curve of a roadmap scenario's measures",
        description="Compute a scenario's roadmap (as 'canemure roadmap' does) and print its "
        "measures on a marginal abatement cost curve in one year: cheapest per tonne first, "
        "each with the abatement it adds after those before it (overlaps are not counted "
        "twice), the cumulative abatement, the annualised cost and the cost per tonne. A "
        "cost or abatement that is not estimated is printed 'not estimated', never 0; such "
        "measures come last and are left off the chart. Without --scenario, runs the example "
        "shipped for the area.",
        example="canemure macc pohjois-karjala --chart macc.svg --lang fi",
    )
    parser.add_argument(
        "area",
        nargs="?",
        default="pohjois-karjala",
        help="area of a shipped example scenario (default: pohjois-karjala)",
    )
    parser.add_argument("--scenario", metavar="FILE", help="a scenario TOML file")
    parser.add_argument(
        "--year",
        type=int,
        default=None,
        help="year of the abatement (default: the first target year of the scenario)",
    )
    parser.add_argument(
        "--chart",
        metavar="FILE",
        default=None,
        help="also draw the curve to FILE.svg or FILE.png (needs canemure[plot])",
    )
    _common(parser)
    parser.set_defaults(run="canemure.cli.macc:run")


def _status(value: str, lang: str) -> str:
    key = f"measure_status_{value}"
    from canemure import i18n

    return i18n.label(key, lang) if key in i18n._LABELS else value


def macc_data(
    result: RoadmapResult, scenario: Scenario, rows: tuple[MaccRow, ...], year: int
) -> dict[str, Any]:
    """The curve with English keys, as JSON prints it (``None`` where not estimated)."""
    from canemure.geography import resolve_area

    area = resolve_area(scenario.area)
    illustrative = {m.name: m.illustrative for m in scenario.measures}

    def rounded(value: float, decimals: int) -> float | None:
        return round(value, decimals) + 0.0 if math.isfinite(value) else None

    return {
        "scenario": scenario.name,
        "file": scenario.file,
        "area": {"code": area.code, "name": {k: area.names[k] for k in ("fi", "sv", "en")}},
        "rule": result.trajectory.rule.id,
        "year": year,
        "units": {
            "abatement": _ABATEMENT,
            "cumulative_abatement": _ABATEMENT,
            "annualised_cost": _COST,
            "cost_per_tonne": _PER_TONNE,
        },
        "measures": [
            {
                "measure": row.measure,
                "status": row.status,
                "abatement": rounded(row.abatement, 3),
                "cumulative_abatement": rounded(row.cumulative, 3),
                "annualised_cost": rounded(row.cost, 0),
                "cost_per_tonne": rounded(row.cost_per_tonne, 1),
                "cost_estimated": row.priced,
                "compensation": row.compensation,
                "illustrative": illustrative.get(row.measure, False),
            }
            for row in rows
        ],
    }


def _number(value: float | None, lang: str, decimals: int) -> str:
    from canemure.reports.render import _number as number

    return number(value if value is not None and math.isfinite(value) else None, lang, decimals)


def _mark(m: dict[str, Any]) -> str:
    return ("*" if m["illustrative"] else "") + ("\u2020" if m["compensation"] else "")


def _table(data: dict[str, Any], lang: str) -> str:
    from canemure.cli.roadmap import label as roadmap_label
    from canemure.reports.render import grid, wrap

    area = data["area"]["name"][lang]
    out = [
        *wrap(label("macc_title", lang).format(scenario=data["scenario"])),
        *wrap(
            label("macc_intro", lang).format(
                area=area, rule=rule_name(data["rule"], lang), year=data["year"]
            )
        ),
        *wrap(
            f"{label('unit', lang)}: {label('col_abatement', lang)} {_ABATEMENT}, "
            f"{label('col_cost_per_tonne', lang)} {_PER_TONNE}"
        ),
        "",
    ]
    if not data["measures"]:
        return "\n".join([*out, label("macc_no_measures", lang)]) + "\n"
    header = [
        label("col_measure", lang),
        label("col_status", lang),
        _ABATEMENT,
        f"\u03a3 {_ABATEMENT}",
        _PER_TONNE,
    ]
    rows = [
        [
            m["measure"] + _mark(m),
            _status(m["status"], lang),
            _number(m["abatement"], lang, 1),
            _number(m["cumulative_abatement"], lang, 1),
            _number(m["cost_per_tonne"], lang, 0),
        ]
        for m in data["measures"]
    ]
    out += grid(header, rows, keep=1, left=2)
    out += ["", *wrap(label("macc_note", lang))]
    if any(m["compensation"] for m in data["measures"]):
        out.append(f"\u2020 {label('macc_compensation', lang)}")
    if any(m["illustrative"] for m in data["measures"]):
        out += wrap(roadmap_label("illustrative_note", lang))
    return "\n".join(out) + "\n"


def _columns(lang: str) -> list[str]:
    return [
        label("area_code", lang),
        label("area_name", lang),
        label("rule_id", lang),
        label("year", lang),
        label("col_measure", lang),
        label("col_status", lang),
        f"{label('col_abatement', lang)} ({_ABATEMENT})",
        f"{label('col_cumulative', lang)} ({_ABATEMENT})",
        f"{label('col_annual_cost', lang)} ({_COST})",
        f"{label('col_cost_per_tonne', lang)} ({_PER_TONNE})",
        label("col_note", lang),
    ]


def _note(m: dict[str, Any], lang: str) -> str:
    from canemure.cli.roadmap import label as roadmap_label

    notes = []
    if m["compensation"]:
        notes.append(label("macc_compensation", lang))
    if m["illustrative"]:
        notes.append(roadmap_label("illustrative", lang))
    return "; ".join(notes)


def _rows(data: dict[str, Any], lang: str) -> list[list[Any]]:
    area = [data["area"]["code"], data["area"]["name"][lang], data["rule"], data["year"]]
    return [
        [
            *area,
            m["measure"],
            _status(m["status"], lang),
            m["abatement"],
            m["cumulative_abatement"],
            m["annualised_cost"],
            m["cost_per_tonne"],
            _note(m, lang),
        ]
        for m in data["measures"]
    ]


def _csv(data: dict[str, Any], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_columns(lang))
    for row in _rows(data, lang):
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue()


def macc_sheets(data: dict[str, Any], lang: str) -> list[Sheet]:
    """The curve as one sheet (headers in ``lang``, units in the headers)."""
    from canemure.io.excel_export import Sheet

    return [Sheet(label("col_measure", lang), _columns(lang), _rows(data, lang))]


def render_macc(data: dict[str, Any], fmt: str, lang: str) -> str:
    """The curve as a table, CSV or JSON (``xlsx`` is written by :func:`run`)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if fmt == "csv":
        return _csv(data, lang)
    if fmt == "table":
        return _table(data, lang)
    raise ValueError(f"format must be table, csv or json here, got {fmt!r}")


def _chart(data: dict[str, Any], path: str, lang: str) -> None:
    """Draw the measures whose cost and abatement are estimated; say which were left out."""
    from canemure.charts import abatement_cost_curve, save
    from canemure.units import Q_

    shown = [
        m
        for m in data["measures"]
        if m["abatement"] is not None and m["abatement"] > 0 and m["cost_per_tonne"] is not None
    ]
    left_out = [m["measure"] for m in data["measures"] if m not in shown]
    if not shown:
        raise ValueError(label("macc_chart_empty", lang))
    figure = abatement_cost_curve(
        [m["measure"] for m in shown],
        Q_([m["abatement"] for m in shown], "kt CO2e / a"),
        Q_([m["cost_per_tonne"] for m in shown], "EUR / (t CO2e)"),
        lang=lang,
        title=label("macc_title", lang).format(scenario=data["area"]["name"][lang]),
    )
    target = save(figure, path)
    print("canemure: " + label("chart_written", lang).format(path=target), file=sys.stderr)
    if left_out:
        text = label("macc_left_out", lang).format(names=", ".join(left_out))
        print(f"canemure: {text}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run ``canemure macc`` with parsed arguments."""
    from canemure.cli.output import check_output, write_text, write_xlsx
    from canemure.cli.progress import activity
    from canemure.cli.roadmap import _compute, _problems, _scenario
    from canemure.reports.macc import macc_rows, macc_year

    lang = args.lang
    check_output(args)
    if args.chart is not None:
        suffix = Path(args.chart).suffix.lower()
        if suffix not in (".svg", ".png"):
            raise ValueError(label("chart_suffix", lang).format(suffix=suffix))
        from canemure.charts._mpl import figure

        figure(1.0, 1.0)  # a missing plot extra is reported before the work
    try:
        scenario = _scenario(args, args.scenario)
        with activity(label("progress_roadmap", lang)):
            result = _compute(scenario, args.no_plugins)
            year = macc_year(result) if args.year is None else args.year
            rows = macc_rows(result, year)
    except DataFormatError as exc:
        return _problems(exc, lang)
    data = macc_data(result, scenario, rows, year)
    if args.format == "xlsx":
        about = [
            (label("area", lang), data["area"]["name"][lang]),
            (label("rule", lang), rule_name(data["rule"], lang)),
            (label("year", lang), year),
            (label("roadmap", lang), data["scenario"]),
            (label("col_note", lang), label("macc_note", lang)),
        ]
        write_xlsx(args, macc_sheets(data, lang), about)
    else:
        write_text(args, render_macc(data, args.format, lang))
    if args.chart is not None:
        _chart(data, args.chart, lang)
    return 0
