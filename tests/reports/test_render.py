"""Baseline reports name their gaps in the report's language, by municipality and sector."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory
from canemure.reports import build_baseline, render
from canemure.reports.baseline import stated_decimals
from canemure.reports.render import grid
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


def test_coverage_counts_missing_figures_with_grammar() -> None:
    report = build_baseline(lemi_inventory(), gazetteer().municipality("416"), [2007, 2024])
    # one municipality-year with one sector not estimated: one missing figure
    assert "Coverage: 1 missing figure" in render(report, "table", "en").splitlines()
    assert "Kattavuus: 1 puute" in render(report, "table", "fi").splitlines()
    assert "Täckning: 1 saknad uppgift" in render(report, "table", "sv").splitlines()
    region = gazetteer().region("Etelä-Karjala")
    two = build_baseline(
        EmissionInventory.from_array(
            [[[NaN, NaN], [10.0, 8.0]]],
            "kt CO2e / a",
            areas=["416"],
            sectors=["Kul", "Tie"],
            years=[2007, 2024],
            rule=HINKU,
        ),
        region,
        [2007, 2024],
    )
    assert "Kattavuus: 2 puutetta" in render(two, "table", "fi").splitlines()
    assert "Täckning: 2 saknade uppgifter" in render(two, "table", "sv").splitlines()


def test_units_and_rule_in_the_report_language() -> None:
    report = build_baseline(lemi_inventory(), gazetteer().municipality("416"), [2007, 2024])
    swedish = render(report, "table", "sv")
    assert "Beräkningsmetod: Hinku-beräkning utan utsläppskrediter; Enhet: kt CO2e/år" in swedish
    assert any(
        line.startswith("Per invånare (t CO2e/invånare/år)") for line in swedish.splitlines()
    )
    finnish = render(report, "table", "fi")
    assert any(
        line.startswith("Asukasta kohden (t CO2e/asukas/a)") for line in finnish.splitlines()
    )


def test_json_states_values_with_the_source_decimals() -> None:
    inventory = EmissionInventory.from_array(
        [[[0.1, 0.7], [0.2, 0.6]]],  # 0.1 + 0.2 = 0.30000000000000004 in floats
        "kt CO2e / a",
        areas=["416"],
        sectors=["Kul", "Tie"],
        years=[2007, 2024],
        rule=HINKU,
    )
    report = build_baseline(inventory, gazetteer().municipality("416"), [2007, 2024])
    assert report.decimals == 1
    data = json.loads(render(report, "json"))
    assert data["total"]["values"] == {"2007": 0.3, "2024": 1.3}
    assert data["total"]["change_percent"] == 333.3  # (1.3 - 0.3) / 0.3, one decimal


def test_grid_splits_wide_tables_into_blocks() -> None:
    header = ["name", *(f"col{i}" for i in range(30))]
    rows = [["a" * 20, *("x" * 8 for _ in range(30))], None, ["b", *("y" for _ in range(30))]]
    lines = grid(header, rows, width=60)
    assert max(map(len, lines)) <= 60
    heads = [line for line in lines if line.startswith("name")]
    assert len(heads) > 1
    assert [w for h in heads for w in h.split() if w != "name"] == [f"col{i}" for i in range(30)]


cells = (
    st.text(alphabet="abcäö 0123456789,.−%", min_size=1, max_size=14).map(str.strip).filter(bool)
)


@given(
    header=st.lists(cells, min_size=2, max_size=25),
    n_rows=st.integers(0, 4),
    data=st.data(),
    width=st.integers(40, 100),
)
def test_grid_never_exceeds_the_width_and_keeps_every_cell(
    header: list[str], n_rows: int, data: st.DataObject, width: int
) -> None:
    rows = [
        data.draw(st.lists(cells, min_size=len(header), max_size=len(header)))
        for _ in range(n_rows)
    ]
    lines = grid(header, rows, width=width)
    assert max(map(len, lines)) <= width
    blocks = [
        lines[i + 1]
        for i, line in enumerate(lines)
        if i + 1 < len(lines) and set(lines[i + 1]) == {"-"}
    ]
    assert len(blocks) >= 1
    # every body cell is printed once, in its column's block
    text = "\n".join(lines)
    for row in rows:
        for cell in row[1:]:
            assert cell in text


@given(
    st.lists(st.integers(-(10**7), 10**7), min_size=1, max_size=20),
    st.integers(0, 3),
)
def test_stated_decimals_is_the_fewest_that_state_sums_exactly(tenths: list[int], d: int) -> None:
    values = [v / 10**d for v in tenths]
    summed = [sum(values[: i + 1]) for i in range(len(values))]  # float sums carry noise
    decimals = stated_decimals(summed)
    assert decimals <= d
    assert [round(v, decimals) for v in summed] == pytest.approx(summed, abs=1e-6)
    if decimals > 0:  # one decimal fewer would change some value
        assert any(abs(round(v, decimals - 1) - v) > 1e-9 for v in summed)
