"""A roadmap scenario in the meeting report, and the figures every roadmap output prints.

:func:`roadmap_summary` gathers what ``canemure roadmap`` prints in every format (English keys,
NaN where not estimated). :func:`roadmap_section` is the meeting report's ``roadmap`` section:
the scenario computed by the engine as ``canemure roadmap`` computes it (the example shipped
for the region, :data:`canemure.engine.scenario.EXAMPLES`, or a scenario file), its targets and
the gap, the measures with their status and attribution (each measure's Shapley wedge in the
first target year), the wedges chart and the marginal abatement cost curve as inline SVG.
Without a scenario for the region the section says that no roadmap was computed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from canemure.i18n import label, plural, rule_name

if TYPE_CHECKING:
    from canemure.engine.roadmap import RoadmapResult
    from canemure.engine.scenario import Scenario
    from canemure.engine.trajectory import TargetGap
    from canemure.geography import Region
    from canemure.plugins import PluginManager

__all__ = ["find_scenario", "roadmap_section", "roadmap_summary"]

LEVEL_UNIT = "kt CO2e / a"
COST_UNIT = "EUR / a"
_WEDGE_HISTORY = 10
"""Years of history shown left of the wedges."""


def _years(result: RoadmapResult) -> list[int]:
    """Years shown: 2007, the last history year and the next, target years and the end year."""
    base = result.cumulative.first_year - 1  # the last year of history
    wanted = {2007, base, base + 1, result.roadmap.end_year}
    wanted.update(level.year for level in result.levels)
    return sorted(y for y in wanted if y in result.years)


def _sector_gap(gap: TargetGap, k: int | None) -> dict[str, float] | None:
    """Gap per sector in the target year, when the level was allocated to sectors."""
    sector_gap = gap.sector_gap
    if sector_gap is None or k is None or gap.level.sectors is None:
        return None
    values = sector_gap.m_as(LEVEL_UNIT)[0, :, k]
    return {s: float(v) for s, v in zip(gap.level.sectors, values, strict=True)}


def roadmap_summary(result: RoadmapResult, scenario: Scenario) -> dict[str, Any]:
    """The figures every format prints, with English keys (JSON as is)."""
    import numpy as np

    years = _years(result)
    idx = [result.year_index(y) for y in years]
    base = result.total("baseline").m_as(LEVEL_UNIT)
    traj = result.total().m_as(LEVEL_UNIT)
    region = result.rollup({scenario.area: result.areas})
    targets = []
    for level, tgap, bgap in zip(region.levels, region.gaps, region.baseline_gaps, strict=True):
        k = result.year_index(level.year) if level.year in result.years else None
        status = None
        for m in region.milestones:
            if m.level.target_id == level.target_id:
                status = m.status[0].value
        targets.append(
            {
                "target": level.target_id,
                "label": level.label,
                "year": level.year,
                "level": float(level.level.m_as(LEVEL_UNIT)[0]),
                "gap": None if k is None else float(tgap.gap.m_as(LEVEL_UNIT)[0, k]),
                "baseline_gap": None if k is None else float(bgap.gap.m_as(LEVEL_UNIT)[0, k]),
                "gap_by_year": [float(tgap.gap.m_as(LEVEL_UNIT)[0, i]) for i in idx],
                "sector_gap": _sector_gap(tgap, k),
                "milestone": status,
                "scope": level.scope_label,
                "sourced": level.sourced,
                "scope_mismatches": list(level.scope_mismatches),
                "citation": level.citation,
            }
        )
    focus = min((lv.year for lv in result.levels if lv.year in result.years), default=years[-1])
    k = result.year_index(focus)
    wedges = result.wedge_totals.m_as(LEVEL_UNIT)[:, k]
    costs = result.cost_totals.m_as(COST_UNIT)[:, k]
    reduction = float(np.nansum(result.reduction.m_as(LEVEL_UNIT)[:, :, k]))
    specs = {m.name: m for m in scenario.measures}
    measures = []
    for n, name in enumerate(result.measures):
        wedge, cost = float(wedges[n]), float(costs[n])
        with np.errstate(divide="ignore", invalid="ignore"):
            per_tonne = cost / (wedge * 1000.0) if wedge > 0 else math.nan
        measures.append(
            {
                "measure": name,
                "wedge": wedge,
                "share": wedge / reduction * 100.0 if reduction else math.nan,
                "cost": cost,
                "cost_effectiveness": per_tonne,
                "compensation": float(result.compensation.m_as(LEVEL_UNIT)[n, :, k].sum()),
                "illustrative": specs[name].illustrative if name in specs else False,
                "costs_illustrative": bool(
                    name in specs
                    and specs[name].costs is not None
                    and specs[name].costs.illustrative  # type: ignore[union-attr]
                ),
                "source": result.sources[n],
            }
        )
    cumulative = result.cumulative.total().m_as("kt CO2e").sum()
    baseline_cumulative = result.baseline_cumulative.total().m_as("kt CO2e").sum()
    return {
        "scenario": scenario.name,
        "file": scenario.file,
        "area": scenario.area,
        "municipalities": list(result.areas),
        "accounting": result.trajectory.rule.id,
        "unit": "kt CO2e/a",
        "projection": result.baseline.sources[result.areas[0]][-1].title,
        "years": years,
        "baseline": [float(base[i]) for i in idx],
        "trajectory": [float(traj[i]) for i in idx],
        "targets": targets,
        "focus_year": focus,
        "total_reduction": reduction,
        "measures": measures,
        "compensation": float(result.compensation.m_as(LEVEL_UNIT)[:, :, k].sum()),
        "cumulative": {
            "first_year": result.cumulative.first_year,
            "last_year": result.cumulative.last_year,
            "trajectory": float(cumulative),
            "baseline": float(baseline_cumulative),
            "unit": "kt CO2e",
        },
        "wedges_exact": result.exact,
    }


# ----------------------------------------------------------------------------- the report section
def find_scenario(region: Region) -> Scenario | None:
    """The scenario shipped with canemure for ``region`` (its area in the region), if any."""
    from canemure.engine.scenario import EXAMPLES, example_scenario
    from canemure.geography import Municipality, gazetteer, resolve_area

    for key in EXAMPLES:
        scenario = example_scenario(key)
        area = resolve_area(scenario.area)
        if area.code == region.code or (
            isinstance(area, Municipality) and area.code in gazetteer().municipality_codes(region)
        ):
            return scenario
    return None


def compute_roadmap(
    scenario: Scenario, region: Region, manager: PluginManager | None = None
) -> RoadmapResult:
    """The scenario's roadmap on the region's inventory under the scenario's rule."""
    from canemure.datasets import baseline_inventory
    from canemure.sectors import accounting_rule

    inventory = baseline_inventory(region, accounting_rule(scenario.accounting), manager=manager)
    return scenario.to_roadmap(inventory).compute(inventory)


def roadmap_section(
    region: Region,
    *,
    lang: str,
    charts: bool,
    manager: PluginManager | None = None,
    scenario: Scenario | None = None,
) -> str:
    """The body of the report's ``roadmap`` section (escaped HTML).

    ``scenario`` defaults to :func:`find_scenario`. A shipped scenario that cannot be computed
    (no figures under its rule, say) gives a line with the reason; the one given is computed
    and its problems raised, since the user asked for it.
    """
    from canemure.errors import CanemureError
    from canemure.reports.html import _p

    given = scenario is not None
    chosen = scenario if scenario is not None else find_scenario(region)
    if chosen is None:
        return _p(label("report_no_roadmap", lang).format(region=region.id), "missing")
    try:
        result = compute_roadmap(chosen, region, manager)
    except (CanemureError, ValueError, LookupError) as exc:
        if given:
            raise
        return _p(label("report_roadmap_failed", lang).format(reason=exc), "missing")
    return _section(result, chosen, lang, charts)


def _section(result: RoadmapResult, scenario: Scenario, lang: str, charts: bool) -> str:
    from canemure.reports.html import _cell, _e, _head, _p, _signed_cell, _tables

    s = roadmap_summary(result, scenario)
    kt = "kt CO2e/a"
    parts = [
        _p(
            label("report_roadmap_intro", lang).format(
                scenario=s["scenario"],
                rule=rule_name(s["accounting"], lang),
                projection=_projection(result, scenario, lang),
            )
        )
    ]
    head = _head(
        [
            (label("targets", lang), False),
            (label("col_target_year", lang), True),
            (label("col_level", lang), True),
            (label("col_with_measures", lang), True),
            (label("col_gap_measures", lang), True),
            (label("col_gap_baseline", lang), True),
            (label("col_milestone", lang), False),
        ]
    )
    total = result.total().m_as(LEVEL_UNIT)
    rows = []
    for target in s["targets"]:
        year = target["year"]
        emissions = float(total[result.year_index(year)]) if year in result.years else math.nan
        status = target["milestone"]
        met = label("yes" if status == "met" else "no", lang) if status else None
        met_cell = (
            f"<td>{_e(met)}</td>"
            if met
            else f'<td class="not-estimated">{_e(label("not_estimated", lang))}</td>'
        )
        rows.append(
            f'<tr class="target" data-target="{_e(target["target"])}">'
            f'<td title="{_e(target["label"])}">{_e(target["target"])}</td>'
            f'<td class="num">{year}</td>{_cell(target["level"], lang)}'
            f"{_cell(emissions, lang)}{_signed_cell(target['gap'], lang)}"
            f"{_signed_cell(target['baseline_gap'], lang)}{met_cell}</tr>"
        )
    caption = label("report_roadmap_targets", lang).format(unit=kt)
    parts.append(_tables(head, rows, caption, per_table=10, cls="roadmap-targets"))
    year = s["focus_year"]
    head = _head(
        [
            (label("col_measure", lang), False),
            (label("col_status", lang), False),
            (f"{label('col_reduction', lang)} {year} ({kt})", True),
            (f"{label('col_share', lang)} (%)", True),
            (f"{label('col_annual_cost', lang)} (EUR/a)", True),
            (f"{label('col_cost_per_tonne', lang)} (EUR/t CO2e)", True),
        ]
    )
    statuses = {m.name: m.status.value for m in result.roadmap.measures}
    rows = []
    for m in s["measures"]:
        star = "*" if m["illustrative"] or m["costs_illustrative"] else ""
        status = statuses.get(m["measure"], "unknown")
        share = m["share"]
        rows.append(
            f'<tr class="measure"><td>{_e(m["measure"] + star)}</td>'
            f"<td>{_e(label(f'measure_status_{status}', lang))}</td>"
            f"{_cell(m['wedge'], lang)}"
            f"{_cell(share, lang)}"
            f"{_cell(m['cost'], lang, 0)}{_cell(m['cost_effectiveness'], lang, 0)}</tr>"
        )
    rows.append(
        f'<tr class="total"><td>{_e(label("total_reduction", lang))}</td><td></td>'
        f"{_cell(s['total_reduction'], lang)}<td></td><td></td><td></td></tr>"
    )
    caption = label("report_roadmap_measures", lang).format(year=year)
    parts.append(_tables(head, rows, caption, per_table=15, cls="roadmap-measures"))
    if math.isfinite(s["compensation"]) and s["compensation"] > 0:
        from canemure.reports.render import _number

        value = _number(s["compensation"], lang)
        parts.append(_p(label("report_compensation", lang).format(year=year, value=value)))
    parts.append(_p(label("report_roadmap_note", lang), "note"))
    if any(m["illustrative"] or m["costs_illustrative"] for m in s["measures"]):
        parts.append(_p(label("illustrative_mark", lang), "note"))
    if charts:
        parts.append(_wedges_chart(result, lang))
        parts.append(_macc_chart(result, lang, year))
    return "\n".join(parts)


def _projection(result: RoadmapResult, scenario: Scenario, lang: str) -> str:
    """The baseline projection in words, in ``lang``."""
    spec = scenario.projection
    first, last = result.cumulative.first_year, result.cumulative.last_year
    if spec.method == "constant":
        text = label("projection_constant", lang).format(first=first, last=last, base=first - 1)
    else:
        window = f"{spec.window[0]}-{spec.window[1]}" if spec.window else "?"
        text = label("projection_log_linear", lang).format(first=first, last=last, window=window)
    if spec.factor_paths:
        text += "; " + plural("factor_paths", len(spec.factor_paths), lang)
    return text


def _wedges_chart(result: RoadmapResult, lang: str) -> str:
    from canemure.charts import measure_wedges
    from canemure.reports.html import _figure, _svg
    from canemure.units import Q_

    base = result.cumulative.first_year - 1
    years = [y for y in result.years if y >= base - _WEDGE_HISTORY + 1]
    k = [result.year_index(y) for y in years]
    baseline = result.total("baseline").m_as(LEVEL_UNIT)[k]
    wedges = result.wedge_totals.m_as(LEVEL_UNIT)[:, k]
    figure = measure_wedges(
        years,
        Q_(baseline, LEVEL_UNIT),
        {name: Q_(wedges[n], LEVEL_UNIT) for n, name in enumerate(result.measures)},
        lang=lang,
    )
    caption = label("report_wedges_caption", lang).format(unit="kt CO2e/a")
    return _figure(_svg(figure, "wedges", caption), caption)


def _macc_chart(result: RoadmapResult, lang: str, year: int) -> str:
    from canemure.charts import abatement_cost_curve
    from canemure.reports.html import _figure, _p, _svg
    from canemure.reports.macc import macc_rows
    from canemure.units import Q_

    rows = macc_rows(result, year)
    shown = [r for r in rows if math.isfinite(r.cost_per_tonne) and r.abatement > 0]
    left_out = [r.measure for r in rows if r not in shown]
    parts = []
    if shown:
        figure = abatement_cost_curve(
            [r.measure for r in shown],
            Q_(np.array([r.abatement for r in shown]), "kt CO2e / a"),
            Q_(np.array([r.cost_per_tonne for r in shown]), "EUR / (t CO2e)"),
            lang=lang,
        )
        caption = label("report_macc_caption", lang).format(year=year)
        parts.append(_figure(_svg(figure, "macc", caption), caption))
    else:
        parts.append(_p(label("macc_chart_empty", lang), "missing"))
    if left_out:
        parts.append(_p(label("macc_left_out", lang).format(names=", ".join(left_out)), "note"))
    return "\n".join(parts)
