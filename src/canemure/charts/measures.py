"""Charts of measures: wedges of abatement over the years, and the abatement cost curve."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pint

from canemure.charts._mpl import figure, text
from canemure.units import unit_label

__all__ = ["abatement_cost_curve", "measure_wedges"]

_PALETTE = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)


def measure_wedges(
    years: Sequence[int],
    baseline: pint.Quantity[Any],
    wedges: Mapping[str, pint.Quantity[Any]],
    *,
    lang: str = "en",
    title: str | None = None,
) -> Any:
    """Stacked wedges of each measure's abatement between the baseline and what remains.

    ``baseline`` is the emission path without measures (one value per year); each wedge the
    abatement attributed to one measure in the same years (e.g. Shapley values, which add up to
    the total reduction). The remaining emissions are the baseline less all wedges.
    """
    unit = baseline.units
    base = baseline.m_as(unit)
    shown = unit_label(str(unit))
    x = np.asarray(list(years), dtype=float)
    if base.shape != x.shape:
        raise ValueError(f"baseline has {base.shape} values for {len(x)} years")
    fig = figure()
    ax = fig.add_subplot()
    remaining = base - sum((w.m_as(unit) for w in wedges.values()), np.zeros_like(base))
    ax.fill_between(
        x, 0, remaining, color="#cccccc", label=text("remaining", lang), gid="remaining"
    )
    lower = remaining
    for i, (name, wedge) in enumerate(wedges.items()):
        values = wedge.m_as(unit)
        if values.shape != x.shape:
            raise ValueError(f"wedge {name!r} has {values.shape} values for {len(x)} years")
        ax.fill_between(
            x,
            lower,
            lower + values,
            color=_PALETTE[i % len(_PALETTE)],
            label=name,
            gid=f"wedge:{name}",
        )
        lower = lower + values
    ax.plot(x, base, color="black", label=text("baseline", lang), gid="baseline")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, never 2017.5
    ax.set_xlabel(text("year", lang))
    ax.set_ylabel(f"{text('emissions', lang)} ({shown})")
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def abatement_cost_curve(
    names: Sequence[str],
    abatement: pint.Quantity[Any],
    cost_per_tonne: pint.Quantity[Any],
    *,
    lang: str = "en",
    abatement_unit: str = "kt CO2e / a",
    cost_unit: str = "EUR / (t CO2e)",
    title: str | None = None,
) -> Any:
    """Marginal abatement cost curve: one bar per measure, cheapest first.

    Width is the measure's abatement (as given: pass each measure's abatement *given those
    before it*, so interactions are not counted twice), height its cost per tonne (negative
    for measures that save money). Bars stand side by side, so the x axis is cumulative
    abatement.
    """
    widths = abatement.m_as(abatement_unit)
    heights = cost_per_tonne.m_as(cost_unit)
    if not len(names) == len(widths) == len(heights):
        raise ValueError("names, abatement and cost_per_tonne must have one entry per measure")
    if (widths < 0).any() or np.isnan(widths).any() or np.isnan(heights).any():
        raise ValueError("abatement must be known and not negative, and every cost known")
    order = np.argsort(heights, kind="stable")
    fig = figure()
    ax = fig.add_subplot()
    left = 0.0
    for rank, i in enumerate(order):
        ax.bar(
            left,
            heights[i],
            width=widths[i],
            align="edge",
            color=_PALETTE[rank % len(_PALETTE)],
            edgecolor="white",
            label=names[i],
            gid=f"measure:{names[i]}",
        )
        left += widths[i]
    ax.axhline(0.0, color="black", linewidth=0.6)
    ax.set_xlabel(f"{text('abatement', lang)} ({unit_label(abatement_unit)})")
    ax.set_ylabel(f"{text('cost_per_tonne', lang)} ({unit_label(cost_unit)})")
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig
