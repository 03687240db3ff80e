"""Charts of emission inventories: sectors over the years, and municipalities per resident."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from canemure.charts._mpl import figure, text
from canemure.charts.colours import sector_colour
from canemure.sectors import sector_hierarchy
from canemure.units import unit_label

if TYPE_CHECKING:
    import pint

    from canemure.inventory import EmissionInventory

__all__ = ["TargetMark", "emissions_by_sector", "per_resident_ranking"]

TargetMark = tuple[str, int, "pint.Quantity[Any]"]
"""A target drawn on a chart: its label, its year and its level (an emission rate)."""


def _one_area(inventory: EmissionInventory, area: str | None) -> EmissionInventory:
    if area is not None:
        return inventory.sel(areas=[area])
    if len(inventory.areas) != 1:
        listed = ", ".join(list(inventory.areas)[:5])
        raise ValueError(
            f"the inventory has {len(inventory.areas)} areas ({listed}, ...); pass area= to "
            "choose one, or chart inventory.to_regions() for the regional total"
        )
    return inventory


def _area_name(code: str, lang: str) -> str:
    from canemure.errors import UnknownNameError
    from canemure.geography import gazetteer

    try:
        return gazetteer().resolve_area(code).names[lang]
    except (UnknownNameError, KeyError):
        return code


def emissions_by_sector(
    inventory: EmissionInventory,
    area: str | None = None,
    *,
    lang: str = "en",
    trajectory: EmissionInventory | None = None,
    targets: Sequence[TargetMark] = (),
    title: str | None = None,
) -> Any:
    """Stacked bars of one area's emissions by sector and year, with a trajectory and targets.

    Negative figures (wind-power credits) stack below zero. A sector with no figure in a year
    is left out of that year's bar, and the year is marked "not estimated" under the axis, so
    a gap never looks like a small emission. ``trajectory`` (an inventory of the same area,
    e.g. a projection) is drawn as the line of its totals; ``targets`` as labelled markers.
    """
    one = _one_area(inventory, area)
    unit = one.unit
    values = one.values.m_as(unit)[0]  # sectors x years
    years = np.asarray(list(one.years), dtype=float)
    tree = sector_hierarchy()
    fig = figure()
    ax = fig.add_subplot()
    above = np.zeros(len(years))
    below = np.zeros(len(years))
    for i, key in enumerate(one.sectors):
        row = values[i]
        known = ~np.isnan(row)
        if not known.any():
            continue
        heights = np.where(known, row, 0.0)
        positive = heights >= 0
        bottoms = np.where(positive, above, below)
        name = tree[key].name(lang) if key in tree else key
        ax.bar(
            years[known],
            heights[known],
            bottom=bottoms[known],
            color=sector_colour(key),
            label=name,
            width=0.8,
            gid=f"sector:{key}",
        )
        above = np.where(positive, above + heights, above)
        below = np.where(positive, below, below + heights)
    missing = np.isnan(values).any(axis=0)
    if missing.any():
        ax.plot(
            years[missing],
            np.zeros(int(missing.sum())),
            linestyle="none",
            marker="x",
            color="black",
            label=text("not_estimated", lang),
            gid="not-estimated",
        )
    if trajectory is not None:
        path = _one_area(trajectory, area)
        totals = path.values.m_as(unit)[0].sum(axis=0)  # NaN where any sector is NaN
        ax.plot(
            list(path.years),
            totals,
            color="black",
            linestyle="--",
            label=text("trajectory", lang),
            gid="trajectory",
        )
    for label, year, level in targets:
        ax.plot([year], [level.m_as(unit)], marker="v", markersize=9, color="#d00000", gid="target")
        ax.annotate(
            f"{text('target', lang)}: {label}",
            (year, level.m_as(unit)),
            textcoords="offset points",
            xytext=(4, 6),
            fontsize=8,
        )
    ax.axhline(0.0, color="black", linewidth=0.6)
    ax.set_xlabel(text("year", lang))
    ax.set_ylabel(f"{text('emissions', lang)} ({unit_label(unit)})")
    ax.set_title(title if title is not None else _area_name(next(iter(one.areas)), lang))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def per_resident_ranking(
    inventory: EmissionInventory,
    year: int,
    *,
    lang: str = "en",
    unit: str = "t CO2e / resident / a",
    title: str | None = None,
) -> Any:
    """Horizontal bars of each municipality's total emissions per resident in ``year``.

    Per resident is the area's total divided by its population (never a sum of ratios).
    Municipalities without a figure are listed at the bottom as "not estimated", not drawn as
    zero. Needs an inventory with a population.
    """
    totals = inventory.sel(years=[year]).total()
    ratio = totals.per_resident(unit)
    per_resident = ratio.sel(sectors="total", years=year).magnitude[:, 0, 0]
    order = sorted(
        range(len(per_resident)),
        key=lambda i: (np.isnan(per_resident[i]), -np.nan_to_num(per_resident[i])),
    )
    codes = list(totals.areas)
    names = [_area_name(codes[i], lang) for i in order]
    heights = [per_resident[i] for i in order]
    fig = figure(8.0, max(2.5, 0.28 * len(order) + 1.2))
    ax = fig.add_subplot()
    positions = np.arange(len(order))[::-1]
    known = ~np.isnan(np.asarray(heights))
    ax.barh(
        positions[known],
        np.asarray(heights)[known],
        color=sector_colour("total"),
        gid="per-resident",
    )
    for position, value in zip(positions, heights, strict=True):
        label = text("not_estimated", lang) if np.isnan(value) else f"{value:.1f}"
        ax.text(
            0 if np.isnan(value) else value,
            position,
            f" {label}",
            va="center",
            fontsize=7,
            style="italic" if np.isnan(value) else "normal",
        )
    ax.set_yticks(positions, names, fontsize=7)
    shown = unit_label(ratio.unit).replace("resident", text("resident", lang))
    ax.set_xlabel(f"{text('per_resident', lang)} ({shown})")
    ax.set_title(title if title is not None else f"{text('per_resident', lang)} {year}")
    return fig
