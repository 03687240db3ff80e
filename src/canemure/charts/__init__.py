"""Charts of inventories, trajectories and measures (optional extra ``plot``: matplotlib).

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global
state, no window), so it works in scripts, servers and tests alike; :func:`save` writes it as
PNG or SVG. Each sector has one colour across every chart (:func:`sector_colour`). Texts are in
Finnish, Swedish or English (``lang``); figures that no source provides are drawn as gaps and
named "not estimated", never as zero.

Install the extra with ``pip install 'canemure[plot]'``; without it the functions raise
:class:`~canemure.errors.MissingDependencyError` naming it.
"""

from canemure.charts.colours import SECTOR_COLOURS, sector_colour
from canemure.charts.emissions import emissions_by_sector, per_resident_ranking
from canemure.charts.measures import abatement_cost_curve, measure_wedges
from canemure.charts.output import save

__all__ = [
    "SECTOR_COLOURS",
    "abatement_cost_curve",
    "emissions_by_sector",
    "measure_wedges",
    "per_resident_ranking",
    "save",
    "sector_colour",
]
