"""Charts: what is drawn is the data (bar heights, positions, colours), labelled with units.

Each test reads the drawn artists back from the matplotlib Figure and compares them with the
inventory's figures computed by hand, so a chart that draws the wrong thing fails.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from canemure.charts import (
    SECTOR_COLOURS,
    abatement_cost_curve,
    emissions_by_sector,
    measure_wedges,
    per_resident_ranking,
    save,
    sector_colour,
)
from canemure.errors import MissingDependencyError
from canemure.inventory import EmissionInventory
from canemure.io.bundled import pohjois_karjala
from canemure.sectors import HINKU, sector_hierarchy
from canemure.units import Q_


def _bars(fig: Any, gid: str) -> list[Any]:
    return [p for p in fig.axes[0].patches if p.get_gid() == gid]


def _hex(rgba: Any) -> str:
    from matplotlib.colors import to_hex

    return str(to_hex(rgba))


@pytest.fixture(scope="module")
def region() -> EmissionInventory:
    return pohjois_karjala().to_regions()


def test_sector_bars_are_the_inventory_figures_stacked(region: EmissionInventory) -> None:
    fig = emissions_by_sector(region, lang="en")
    values = region.values.m_as("kt CO2e / a")[0]
    years = list(region.years)
    sectors = list(region.sectors)
    below = np.zeros(len(years))
    for i, key in enumerate(sectors):
        bars = _bars(fig, f"sector:{key}")
        assert [round(b.get_x() + b.get_width() / 2) for b in bars] == years
        assert [b.get_height() for b in bars] == pytest.approx(values[i])
        assert [b.get_y() for b in bars] == pytest.approx(below)  # stacked on the ones before
        assert {_hex(b.get_facecolor()) for b in bars} == {sector_colour(key)}
        below += values[i]
    # the top of 2024 is the region's total, 937.2 kt (SYKE's published figure, summed)
    assert below[years.index(2024)] == pytest.approx(937.2, abs=0.05)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Emissions (kt CO2e/a)"
    assert ax.get_title() == "North Karelia"
    assert "Road transport" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_labels_follow_the_language(region: EmissionInventory) -> None:
    fig = emissions_by_sector(region, lang="fi")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Vuosi"
    assert ax.get_ylabel() == "Päästöt (kt CO2e/a)"
    assert ax.get_title() == "Pohjois-Karjala"
    assert "Tieliikenne" in [t.get_text() for t in ax.get_legend().get_texts()]
    sv = emissions_by_sector(region, lang="sv").axes[0]
    assert "Vägtrafik" in [t.get_text() for t in sv.get_legend().get_texts()]


def test_a_missing_figure_is_a_gap_marked_not_estimated_never_a_zero_bar() -> None:
    array = np.array([[[10.0, 12.0, 11.0], [5.0, np.nan, 4.0]]])
    inv = EmissionInventory.from_array(
        array,
        "kt CO2e / a",
        areas=["167"],
        sectors=["Tie", "Kau"],
        years=[2020, 2021, 2022],
        rule=HINKU,
    )
    fig = emissions_by_sector(inv, lang="en")
    kau = _bars(fig, "sector:Kau")
    assert [round(b.get_x() + b.get_width() / 2) for b in kau] == [2020, 2022]  # no 2021 bar
    marks = [line for line in fig.axes[0].lines if line.get_gid() == "not-estimated"]
    assert len(marks) == 1
    assert list(marks[0].get_xdata()) == [2021.0]
    assert "not estimated" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_credits_stack_below_zero() -> None:
    array = np.array([[[10.0], [-3.0], [4.0]]])
    inv = EmissionInventory.from_array(
        array, "kt CO2e / a", areas=["167"], sectors=["Tie", "Tuu", "Kau"], years=[2022], rule=HINKU
    )
    fig = emissions_by_sector(inv)
    (credit,) = _bars(fig, "sector:Tuu")
    (kau,) = _bars(fig, "sector:Kau")
    assert (credit.get_y(), credit.get_height()) == (0.0, -3.0)
    assert (kau.get_y(), kau.get_height()) == (10.0, 4.0)  # on top of road transport only


def test_trajectory_and_targets_are_drawn_where_they_are(region: EmissionInventory) -> None:
    level = Q_(337.36, "kt CO2e / a")
    fig = emissions_by_sector(region, trajectory=region, targets=[("HINKU -80 %", 2030, level)])
    ax = fig.axes[0]
    (path,) = [line for line in ax.lines if line.get_gid() == "trajectory"]
    assert list(path.get_ydata()) == pytest.approx(region.total().values.m_as("kt CO2e / a")[0, 0])
    (target,) = [line for line in ax.lines if line.get_gid() == "target"]
    assert (list(target.get_xdata()), list(target.get_ydata())) == ([2030], [pytest.approx(337.36)])
    assert "Target: HINKU -80 %" in [t.get_text() for t in ax.texts]


def test_many_areas_need_a_choice() -> None:
    with pytest.raises(ValueError, match="pass area="):
        emissions_by_sector(pohjois_karjala())


def test_per_resident_bars_are_total_over_population_sorted() -> None:
    inv = pohjois_karjala()
    fig = per_resident_ranking(inv, 2024, lang="fi")
    ax = fig.axes[0]
    totals = inv.sel(years=[2024]).total().values.m_as("t CO2e / a")[:, 0, 0]
    residents = inv.population.at(list(inv.areas), [2024]).m_as("resident")[:, 0]
    by_hand = sorted(totals / residents, reverse=True)
    bars = sorted(_bars(fig, "per-resident"), key=lambda b: -b.get_y())  # top first
    assert [b.get_width() for b in bars] == pytest.approx(by_hand)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Joensuu" in labels
    assert ax.get_xlabel() == "Päästöt asukasta kohden (t CO2e/asukas/a)"


def test_per_resident_without_a_figure_is_listed_not_drawn() -> None:
    from canemure.inventory import Population

    array = np.array([[[100.0]], [[np.nan]]])
    inv = EmissionInventory.from_array(
        array, "kt CO2e / a", areas=["167", "091"], sectors=["Tie"], years=[2024], rule=HINKU
    ).with_population(Population.from_mapping({("167", 2024): 77000, ("091", 2024): 675000}))
    fig = per_resident_ranking(inv, 2024, lang="en")
    assert [b.get_width() for b in _bars(fig, "per-resident")] == pytest.approx([100e3 / 77000])
    assert " not estimated" in [t.get_text() for t in fig.axes[0].texts]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Joensuu", "Helsinki"]


def test_wedges_fill_between_the_remaining_emissions_and_the_baseline() -> None:
    years = [2025, 2026, 2027]
    baseline = Q_([100.0, 100.0, 100.0], "kt CO2e / a")
    wedges = {
        "heat pumps": Q_([0.0, 10.0, 20.0], "kt CO2e / a"),
        "cars": Q_([5.0, 5.0, 5.0], "kt CO2e / a"),
    }
    fig = measure_wedges(years, baseline, wedges)
    ax = fig.axes[0]
    (remaining,) = [c for c in ax.collections if c.get_gid() == "remaining"]
    tops = remaining.get_paths()[0].vertices[:, 1]
    assert max(tops) == pytest.approx(95.0)  # 100 - 0 - 5 in 2025
    (cars,) = [c for c in ax.collections if c.get_gid() == "wedge:cars"]
    ys = cars.get_paths()[0].vertices[:, 1]
    assert max(ys) == pytest.approx(100.0)  # the last wedge reaches the baseline
    assert ax.get_ylabel() == "Emissions (kt CO2e/a)"


def test_wedges_year_axis_has_whole_years_only() -> None:
    years = list(range(2015, 2036))
    flat = Q_([900.0] * len(years), "kt CO2e / a")
    fig = measure_wedges(years, flat, {"cars": Q_([1.0] * len(years), "kt CO2e / a")})
    ticks = [t for t in fig.axes[0].get_xticks() if 2015 <= t <= 2035]
    assert len(ticks) >= 3
    assert all(float(t).is_integer() for t in ticks)  # no 2017.5


def test_abatement_cost_curve_widths_heights_and_order() -> None:
    fig = abatement_cost_curve(
        ["wind", "heat pumps", "biogas"],
        Q_([10.0, 30.0, 5.0], "kt CO2e / a"),
        Q_([50.0, -20.0, 120.0], "EUR / (t CO2e)"),
    )
    bars = [_bars(fig, f"measure:{n}")[0] for n in ("heat pumps", "wind", "biogas")]
    assert [b.get_x() for b in bars] == [0.0, 30.0, 40.0]  # cumulative abatement, cheapest first
    assert [b.get_width() for b in bars] == [30.0, 10.0, 5.0]
    assert [b.get_height() for b in bars] == [-20.0, 50.0, 120.0]
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Abatement (kt CO2e/a)"
    assert ax.get_ylabel() == "Cost (€/t CO2e)"
    with pytest.raises(ValueError, match="every cost known"):
        abatement_cost_curve(["x"], Q_([1.0], "kt CO2e / a"), Q_([np.nan], "EUR / (t CO2e)"))


def test_every_level3_sector_has_its_own_colour_and_children_inherit() -> None:
    tree = sector_hierarchy()
    keys = [s.key for s in tree.level(3)]
    assert set(keys) == set(SECTOR_COLOURS)
    assert len(set(SECTOR_COLOURS.values())) == len(SECTOR_COLOURS)
    leaf = tree.leaves_under("Tie")[0].key
    assert sector_colour(leaf) == sector_colour("Tie")


def test_save_writes_png_and_svg(tmp_path: Path, region: EmissionInventory) -> None:
    fig = emissions_by_sector(region, lang="fi")
    png = save(fig, tmp_path / "chart.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = save(fig, tmp_path / "chart.svg").read_text("utf-8")
    assert "<svg" in svg and "Tieliikenne" in svg  # text stays text
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        save(fig, tmp_path / "chart.pdf")


def test_without_matplotlib_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, region: EmissionInventory
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r"canemure\[plot\]"):
        emissions_by_sector(region)
