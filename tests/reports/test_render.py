"""Baseline reports name their gaps in the report's language, by municipality and sector."""

from __future__ import annotations

import json
import math

from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory
from canemure.reports import build_baseline, render
from canemure.sectors import HINKU

NaN = math.nan


def lemi_inventory() -> EmissionInventory:
    # Lemi (416): electricity not estimated in 2007, road transport known in both years
    return EmissionInventory.from_array(
        [[[NaN, 2.0], [10.0, 8.0]]],
        "kt CO2e / a",
        areas=["416"],
        sectors=["Kul", "Tie"],
        years=[2007, 2024],
        rule=HINKU,
    )


def test_gap_lines_use_the_report_language() -> None:
    report = build_baseline(lemi_inventory(), gazetteer().municipality("416"), [2007, 2024])
    assert [(g.area, g.year, g.sectors) for g in report.gaps] == [("416", 2007, ("Kul",))]
    swedish = render(report, "table", "sv")
    assert "  Lemi (416) 2007: ej uppskattad: Elförbrukning" in swedish.splitlines()
    finnish = render(report, "table", "fi")
    assert "  Lemi (416) 2007: ei arvioitu: Kulutussähkö" in finnish.splitlines()
    english = render(report, "table", "en")
    assert "  Lemi (416) 2007: not estimated: Electricity" in english.splitlines()


def test_json_lists_gaps_as_records() -> None:
    report = build_baseline(lemi_inventory(), gazetteer().municipality("416"), [2007, 2024])
    data = json.loads(render(report, "json"))
    assert data["gaps"] == [{"municipality": "416", "year": 2007, "sectors": ["Kul"]}]
    assert data["total"]["values"] == {"2007": None, "2024": 10.0}


def test_missing_municipalities_are_named() -> None:
    region = gazetteer().region("Etelä-Karjala")
    report = build_baseline(lemi_inventory(), region, [2007, 2024])
    table = render(report, "table", "fi")
    assert "Kunnat ilman tietoja: Imatra (153), Lappeenranta (405)" in table
    assert "... ja" not in table  # one gap only
