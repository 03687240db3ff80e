"""``canemure roadmap`` and ``canemure compare``: compute scenarios and print what they add up to.

``canemure roadmap [AREA] [--scenario FILE]`` reads a scenario (by default the example shipped
for Pohjois-Karjala), computes its roadmap on the area's inventory and prints the trajectory in
a few milestone years, the gap to each target in its target year, and the measures' wedges and
costs. ``canemure compare A.toml B.toml`` prints the variants side by side, with differences
from the first per sector. Both take ``--format table|csv|json`` and ``--lang fi|sv|en``.

Problems in a scenario file reach standard error as one list (file, table and key of each),
under a heading in the chosen language, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from canemure.errors import CanemureError, DataFormatError

if TYPE_CHECKING:  # the engine is imported when a command runs, not when the parser is built
    from canemure.engine.compare import Comparison
    from canemure.engine.roadmap import RoadmapResult
    from canemure.engine.scenario import MeasureSpec, Scenario
    from canemure.io.excel_export import Sheet

LEVEL_UNIT = "kt CO2e / a"
COST_UNIT = "EUR / a"

__all__ = ["add_parsers", "label", "run_compare", "run_roadmap"]

_LABELS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "roadmap": ("Tiekartta", "Färdplan", "Roadmap"),
    "area": ("Alue", "Område", "Area"),
    "rule": ("Laskentatapa", "Beräkningsmetod", "Accounting rule"),
    "unit": ("Yksikkö", "Enhet", "Unit"),
    "projection": ("Perusura", "Basbana", "Baseline projection"),
    "year": ("Vuosi", "År", "Year"),
    "baseline": ("Perusura", "Basbana", "Baseline"),
    "with_measures": ("Toimenpiteineen", "Med åtgärder", "With measures"),
    "level": ("Tavoitetaso", "Målnivå", "Target level"),
    "gap": ("Puuttuva vähennys", "Saknad minskning", "Gap (extra abatement needed)"),
    "targets": ("Tavoitteet", "Mål", "Targets"),
    "milestone": ("Välitavoite", "Delmål", "Milestone"),
    "met": ("saavutettu", "uppnått", "met"),
    "not met": ("ei saavutettu", "inte uppnått", "not met"),
    "not estimated": ("ei arvioitu", "ej uppskattad", "not estimated"),
    "measures": ("Toimenpiteet", "Åtgärder", "Measures"),
    "measure": ("Toimenpide", "Åtgärd", "Measure"),
    "wedge": ("Vähennys", "Minskning", "Reduction (wedge)"),
    "share": ("Osuus", "Andel", "Share"),
    "cost": ("Kustannus", "Kostnad", "Annualised cost"),
    "cost_effectiveness": ("Kustannustehokkuus", "Kostnadseffektivitet", "Cost-effectiveness"),
    "illustrative": ("havainnollistava", "illustrativ", "illustrative"),
    "illustrative_note": (
        "* = havainnollistava oletus, ei lähteeseen perustuva luku (ks. skenaariotiedosto)",
        "* = illustrativt antagande, inte ett källbelagt värde (se scenariofilen)",
        "* = illustrative assumption, not a sourced figure (see the scenario file)",
    ),
    "compensation": (
        "Kompensaatio (erillään päästöistä)",
        "Kompensation (skild från utsläppen)",
        "Compensation (kept apart from emissions)",
    ),
    "cumulative": ("Kumulatiiviset päästöt", "Kumulativa utsläpp", "Cumulative emissions"),
    "total_reduction": ("Vähennys yhteensä", "Minskning totalt", "Total reduction"),
    "scenario_problems": (
        "Skenaariotiedostossa on virheitä; korjaa ne ja aja uudelleen",
        "Scenariofilen innehåller fel; rätta dem och kör igen",
        "The scenario file has problems; correct them and run again",
    ),
    "variant": ("Vaihtoehto", "Alternativ", "Variant"),
    "difference": ("Ero", "Skillnad", "Difference"),
    "sector": ("Sektori", "Sektor", "Sector"),
    "total": ("Yhteensä", "Totalt", "Total"),
    "vs": ("verrattuna", "jämfört med", "compared with"),
    "municipalities": ("kuntaa", "kommuner", "municipalities"),
    "target": ("Tavoite", "Mål", "Target"),
    "source": ("Lähde", "Källa", "Source"),
    "emissions": ("Päästöt", "Utsläpp", "Emissions"),
    "description": ("Kuvaus", "Beskrivning", "Description"),
    "sourced": ("lähde mainittu", "källa angiven", "sourced"),
    "not_sourced": ("ei lähdettä", "ingen källa", "not sourced"),
    "within_scope": ("soveltamisalan sisällä", "inom tillämpningsområdet", "within scope"),
    "scope_accepted": (
        "soveltamisalan ulkopuolella, hyväksytty: {reasons}",
        "utanför tillämpningsområdet, godtaget: {reasons}",
        "scope mismatch accepted: {reasons}",
    ),
}


def _error_word(lang: str) -> str:
    """'error' in ``lang``, from the shared catalogue (as the other commands print it)."""
    from canemure import i18n

    return i18n.label("error", lang)


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (``fi``, ``sv`` or ``en``)."""
    return _LABELS[key][("fi", "sv", "en").index(lang)]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``roadmap`` and ``compare`` on the ``canemure`` sub-command parser."""
    from canemure.cli.main import add_command

    parser = add_command(
        sub,
        "roadmap",
        help="compute a roadmap scenario: trajectory, gap to targets, wedges and costs",
        description="Compute a scenario's roadmap on the area's inventory and print the "
        "trajectory in milestone years, the gap to each target and the measures' wedges and "
        "costs. Without --scenario, runs the example shipped for the area.",
        example="canemure roadmap pohjois-karjala --lang fi",
    )
    parser.add_argument(
        "area",
        nargs="?",
        default="pohjois-karjala",
        help="area of a shipped example scenario",
    )
    parser.add_argument("--scenario", metavar="FILE", help="a scenario TOML file")
    _common(parser)
    parser.set_defaults(run="canemure.cli.roadmap:run_roadmap")
    cmp = add_command(
        sub,
        "compare",
        help="compare roadmap scenarios side by side (differences per sector and year)",
        description="Compute each scenario's roadmap and print the differences from the first "
        "one per sector in one year, and in the totals of every year.",
        example="canemure compare examples/pohjois-karjala.toml my-variant.toml --year 2030",
    )
    cmp.add_argument("scenarios", nargs="+", metavar="FILE", help="scenario TOML files")
    cmp.add_argument(
        "--year", type=int, default=None, help="year of the sector differences (default: 2030)"
    )
    _common(cmp)
    cmp.set_defaults(run="canemure.cli.roadmap:run_compare")
    from canemure.cli.macc import add_parser

    add_parser(sub)


def _common(parser: argparse.ArgumentParser) -> None:
    """The options every scenario command shares with ``baseline``: format, language, plugins."""
    from canemure.cli.main import add_format, add_lang, add_no_plugins

    add_format(parser)
    add_lang(parser)
    add_no_plugins(parser)


# ----------------------------------------------------------------------------- computing
def _scenario(args: argparse.Namespace, file: str | None) -> Scenario:
    from canemure.engine.scenario import EXAMPLES, example_scenario, read_scenario

    if file is not None:
        return read_scenario(file)
    key = args.area.strip().lower().replace(" ", "-")
    if key not in EXAMPLES:  # a code or another name of a region with an example, or a typo
        from canemure._text import fold
        from canemure.geography import Region, resolve_area

        area = resolve_area(args.area)  # an unknown area is named, with suggestions
        names = area.names.all() if isinstance(area, Region) else ()
        found = [name for name in EXAMPLES if any(fold(name) == fold(n) for n in names)]
        if not found:
            raise _NoExampleError.keyed(
                "no_example_scenario", area=args.area, shipped=", ".join(EXAMPLES)
            )
        key = found[0]
    return example_scenario(key)


class _NoExampleError(CanemureError, ValueError):
    """No example scenario is shipped for the area asked for."""


def _compute(scenario: Scenario, no_plugins: bool) -> RoadmapResult:
    from canemure.engine.roadmap import Roadmap

    probe = Roadmap(area=scenario.area, rule=scenario.accounting)
    inventory = probe.inventory(use_plugins=not no_plugins)
    return scenario.to_roadmap(inventory).compute(inventory)


def _problems(exc: DataFormatError, lang: str) -> int:
    print(f"canemure: {_error_word(lang)}: {label('scenario_problems', lang)}:", file=sys.stderr)
    print(_described(exc, lang), file=sys.stderr)
    return 2


def _described(exc: Exception, lang: str) -> str:
    """``exc`` in ``lang`` (file, line, key and value of each problem kept)."""
    from canemure import i18n

    return i18n.describe(exc, lang)


def _number(value: float, lang: str, decimals: int = 1) -> str:
    if not math.isfinite(value):
        return label("not estimated", lang)
    text = f"{value:,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def _costs_illustrative(spec: MeasureSpec | None) -> bool:
    return spec is not None and spec.costs is not None and spec.costs.illustrative


def _summary(result: RoadmapResult, scenario: Scenario) -> dict[str, Any]:
    """The figures every format prints, with English keys (JSON as is)."""
    from canemure.reports.roadmap import roadmap_summary

    return roadmap_summary(result, scenario)


# ----------------------------------------------------------------------------- rendering
def _align(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        cells = [row[0].ljust(widths[0]), *rest]
        out.append("  ".join(cells).rstrip())
    return out


def _table(s: dict[str, Any], lang: str) -> str:
    def t(key: str) -> str:
        return label(key, lang)

    def n(value: float | None, decimals: int = 1) -> str:
        return _number(math.nan if value is None else value, lang, decimals)

    out = [
        f"{t('roadmap')}: {s['scenario']}",
        f"{t('area')}: {s['area']} ({len(s['municipalities'])} {t('municipalities')}); "
        f"{t('rule')}: {s['accounting']}; {t('unit')}: {s['unit']}",
        f"{t('projection')}: {s['projection']}",
        "",
    ]
    rows = [[t("year"), *map(str, s["years"])]]
    rows.append([t("baseline"), *(n(v) for v in s["baseline"])])
    rows.append([t("with_measures"), *(n(v) for v in s["trajectory"])])
    for target in s["targets"]:
        rows.append([f"{t('gap')}: {target['target']}", *(n(v) for v in target["gap_by_year"])])
    out += _align(rows)
    out += ["", f"{t('targets')}:"]
    for target in s["targets"]:
        out.append(f"  {_target_label(target, lang)}")
        status = target["milestone"]
        out.append(
            f"    {t('level')} {target['year']}: {n(target['level'])}; "
            f"{t('gap')}: {n(target['gap'])} ({t('baseline')}: {n(target['baseline_gap'])}); "
            f"{t('milestone')}: {t(status) if status else t('not estimated')}"
        )
    out += [
        "",
        f"{t('measures')} ({s['focus_year']}; {t('wedge')} kt CO2e/a, {t('share')} %, "
        f"{t('cost')} EUR/a, {t('cost_effectiveness')} EUR/t CO2e):",
    ]
    rows = [[t("measure"), "kt CO2e/a", "%", "EUR/a", "EUR/t"]]
    for m in s["measures"]:
        star = "*" if m["illustrative"] or m["costs_illustrative"] else ""
        rows.append(
            [
                m["measure"] + star,
                n(m["wedge"]),
                n(m["share"]),
                n(m["cost"], 0),
                n(m["cost_effectiveness"], 0),
            ]
        )
    rows.append([t("total_reduction"), n(s["total_reduction"]), "", "", ""])
    out += _align(rows)
    out += [
        f"{t('compensation')}: {n(s['compensation'])} kt CO2e/a",
        f"{t('cumulative')} {s['cumulative']['first_year']}-{s['cumulative']['last_year']}: "
        f"{n(s['cumulative']['trajectory'], 0)} kt CO2e ({t('baseline')} "
        f"{n(s['cumulative']['baseline'], 0)})",
    ]
    if any(m["illustrative"] or m["costs_illustrative"] for m in s["measures"]):
        out.append(t("illustrative_note"))
    return "\n".join(_fit(line) for line in out) + "\n"


def _target_label(target: dict[str, Any], lang: str) -> str:
    """The target's id, year, source status and scope in ``lang`` (the level's ``label``)."""
    from canemure import i18n

    status = label("sourced" if target["sourced"] else "not_sourced", lang)
    mismatches = target["scope_mismatches"]
    reasons = "; ".join(i18n.said(reason, lang) for reason in mismatches)
    scope = label("scope_accepted", lang).format(reasons=reasons) if mismatches else None
    return (
        f"{target['target']} ({target['year']}, {status}; {scope or label('within_scope', lang)})"
    )


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _csv(s: dict[str, Any], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "item", "year", "value", "unit", "note"])

    def cell(value: float | None) -> str:
        return "" if value is None or not math.isfinite(value) else repr(value)

    for name, values in (("baseline", s["baseline"]), ("trajectory", s["trajectory"])):
        for year, value in zip(s["years"], values, strict=True):
            writer.writerow(["trajectory", name, year, cell(value), s["unit"], ""])
    for target in s["targets"]:
        writer.writerow(
            ["level", target["target"], target["year"], cell(target["level"]), s["unit"],
             target["label"]]
        )  # fmt: skip
        for year, value in zip(s["years"], target["gap_by_year"], strict=True):
            writer.writerow(
                ["gap", target["target"], year, cell(value), s["unit"], target["scope"]]
            )
    for m in s["measures"]:
        note = label("illustrative", lang) if m["illustrative"] else ""
        year = s["focus_year"]
        writer.writerow(["wedge", m["measure"], year, cell(m["wedge"]), s["unit"], note])
        writer.writerow(["cost", m["measure"], year, cell(m["cost"]), "EUR/a", note])
        writer.writerow(
            ["cost_effectiveness", m["measure"], year, cell(m["cost_effectiveness"]),
             "EUR/t CO2e", note]
        )  # fmt: skip
    return buffer.getvalue()


def _cell(value: float) -> str:
    return repr(float(value)) if math.isfinite(value) else ""


def _render(s: dict[str, Any], fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(_clean(s), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if fmt == "csv":
        return _csv(s, lang)
    return _table(s, lang)


def _roadmap_sheets(s: dict[str, Any], lang: str) -> list[Sheet]:
    """The roadmap as three sheets: trajectory by year, targets, measures (units in headers)."""
    from canemure.io.excel_export import Sheet

    def t(key: str) -> str:
        return label(key, lang)

    kt = f"({s['unit']})"
    trajectory = Sheet(
        t("roadmap"),
        [
            t("year"),
            f"{t('baseline')} {kt}",
            f"{t('with_measures')} {kt}",
            *(f"{t('gap')}: {target['target']} {kt}" for target in s["targets"]),
        ],
        [
            [year, s["baseline"][i], s["trajectory"][i]]
            + [target["gap_by_year"][i] for target in s["targets"]]
            for i, year in enumerate(s["years"])
        ],
    )
    targets = Sheet(
        t("targets"),
        [
            t("target"),
            t("description"),
            t("year"),
            f"{t('level')} {kt}",
            f"{t('gap')} {kt}",
            f"{t('gap')}, {t('baseline').lower()} {kt}",
            t("milestone"),
        ],
        [
            [
                target["target"],
                target["label"],
                target["year"],
                target["level"],
                target["gap"],
                target["baseline_gap"],
                t(target["milestone"]) if target["milestone"] else None,
            ]
            for target in s["targets"]
        ],
    )
    year = s["focus_year"]
    measures = Sheet(
        t("measures"),
        [
            t("measure"),
            f"{t('wedge')} {year} {kt}",
            f"{t('share')} (%)",
            f"{t('cost')} {year} (EUR/a)",
            f"{t('cost_effectiveness')} (EUR/t CO2e)",
            f"{t('compensation')} {year} {kt}",
            t("illustrative"),
            t("source"),
        ],
        [
            [
                m["measure"],
                m["wedge"],
                m["share"],
                m["cost"],
                m["cost_effectiveness"],
                m["compensation"],
                label("illustrative", lang) if m["illustrative"] else "",
                m["source"],
            ]
            for m in s["measures"]
        ],
    )
    return [trajectory, targets, measures]


def _about(s: dict[str, Any], lang: str) -> list[tuple[str, object]]:
    from canemure import i18n

    return [
        (label("roadmap", lang), s["scenario"]),
        (label("area", lang), s["area"]),
        (label("rule", lang), i18n.rule_name(s["accounting"], lang)),
        (label("projection", lang), s["projection"]),
    ]


def run_roadmap(args: argparse.Namespace) -> int:
    """Run ``canemure roadmap`` with parsed arguments."""
    from canemure import i18n
    from canemure.cli.output import check_output, write_text, write_xlsx
    from canemure.cli.progress import activity

    check_output(args)
    try:
        scenario = _scenario(args, args.scenario)
        with activity(i18n.label("progress_roadmap", args.lang)):
            result = _compute(scenario, args.no_plugins)
    except DataFormatError as exc:
        return _problems(exc, args.lang)
    summary = _summary(result, scenario)
    if args.format == "xlsx":
        write_xlsx(args, _roadmap_sheets(summary, args.lang), _about(summary, args.lang))
    else:
        write_text(args, _render(summary, args.format, args.lang))
    return 0


# ----------------------------------------------------------------------------- compare
def _variant_names(scenarios: Sequence[Scenario]) -> list[str]:
    names = [s.name for s in scenarios]
    if len(set(names)) == len(names):
        return names
    return [Path(s.file).stem if s.file else s.name for s in scenarios]


def _comparison(cmp: Comparison, year: int) -> dict[str, Any]:
    k = cmp.years.index(year)
    totals = cmp.emissions.m_as(LEVEL_UNIT).sum(axis=(1, 2))
    sectors = cmp.sector_difference.m_as(LEVEL_UNIT)[:, :, k]
    return {
        "reference": cmp.reference,
        "year": year,
        "unit": "kt CO2e/a",
        "variants": [
            {
                "variant": name,
                "total": float(totals[v, k]),
                "difference": float(cmp.total_difference.m_as(LEVEL_UNIT)[v, k]),
                "sectors": {s: float(sectors[v, j]) for j, s in enumerate(cmp.sectors)},
            }
            for v, name in enumerate(cmp.names)
        ],
    }


def run_compare(args: argparse.Namespace) -> int:
    """Run ``canemure compare`` with parsed arguments."""
    from canemure import i18n
    from canemure.cli.output import check_output, write_text, write_xlsx
    from canemure.cli.progress import activity
    from canemure.engine.compare import compare

    check_output(args)
    from canemure.engine.scenario import read_scenario

    problems: list[DataFormatError] = []
    scenarios = []
    for file in args.scenarios:
        try:
            scenarios.append(read_scenario(file))
        except DataFormatError as exc:
            problems.append(exc)
    if problems:
        print(
            f"canemure: {_error_word(args.lang)}: {label('scenario_problems', args.lang)}:",
            file=sys.stderr,
        )
        for found in problems:
            print(_described(found, args.lang), file=sys.stderr)
        return 2
    try:
        with activity(i18n.label("progress_roadmap", args.lang)):
            results = [_compute(s, args.no_plugins) for s in scenarios]
    except DataFormatError as exc:
        return _problems(exc, args.lang)
    cmp = compare(dict(zip(_variant_names(scenarios), results, strict=True)))
    year = args.year if args.year is not None else (2030 if 2030 in cmp.years else cmp.years[-1])
    if year not in cmp.years:
        raise ValueError(f"--year {year} is not a year of these roadmaps")
    data = _comparison(cmp, year)
    lang = args.lang
    if args.format == "xlsx":
        write_xlsx(args, _compare_sheets(cmp, lang), [(label("vs", lang), cmp.reference)])
        return 0
    if args.format == "json":
        write_text(args, json.dumps(_clean(data), ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["variant", "sector", "year", "emissions", "difference", "unit"])
        emissions = cmp.emissions.m_as(LEVEL_UNIT).sum(axis=1)
        difference = cmp.sector_difference.m_as(LEVEL_UNIT)
        for v, name in enumerate(cmp.names):  # every sector and year
            for j, sector in enumerate(cmp.sectors):
                for y, when in enumerate(cmp.years):
                    values = (_cell(emissions[v, j, y]), _cell(difference[v, j, y]))
                    writer.writerow([name, sector, when, *values, data["unit"]])
        write_text(args, buffer.getvalue())
        return 0
    header = [label("sector", lang), *(v["variant"] for v in data["variants"])]
    rows = [header]
    rows.append(
        [f"{label('total', lang)} {year}", *(_number(v["total"], lang) for v in data["variants"])]
    )
    for sector in cmp.sectors:
        rows.append([sector, *(_number(v["sectors"][sector], lang) for v in data["variants"])])
    out = [
        f"{label('difference', lang)} {label('vs', lang)} {data['reference']!r}, {year} "
        f"({data['unit']})",
        "",
        *_align(rows),
    ]
    write_text(args, "\n".join(out) + "\n")
    return 0


def _compare_sheets(cmp: Comparison, lang: str) -> list[Sheet]:
    """Emissions and differences from the reference, per variant, sector and year."""
    from canemure.io.excel_export import Sheet

    header = [
        label("variant", lang),
        label("sector", lang),
        *(f"{year} ({LEVEL_UNIT.replace(' / ', '/')})" for year in cmp.years),
    ]
    emissions = cmp.emissions.m_as(LEVEL_UNIT).sum(axis=1)
    difference = cmp.sector_difference.m_as(LEVEL_UNIT)

    def rows(values: Any) -> list[list[object]]:
        return [
            [name, sector, *(float(v) for v in values[v_, j])]
            for v_, name in enumerate(cmp.names)
            for j, sector in enumerate(cmp.sectors)
        ]

    return [
        Sheet(label("emissions", lang), header, rows(emissions)),
        Sheet(label("difference", lang), header, rows(difference)),
    ]


def _fit(line: str) -> str:
    """A text line longer than the report width wrapped, the rest indented (tables fit already)."""
    from canemure.reports.render import WIDTH, wrap

    if len(line) <= WIDTH:
        return line
    body = line.lstrip()
    return "\n".join(wrap(body, indent=line[: len(line) - len(body)]))
