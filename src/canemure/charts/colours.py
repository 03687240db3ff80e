"""One colour per ALas sector, the same in every chart.

The 13 main sectors and the wind-power credits (level 3 of the ALas hierarchy) each have a
fixed colour, grouped by theme: heating in reds and oranges, transport in blues, agriculture in
green, industry and machinery in greys and browns. A sector below level 3 takes the colour of its
level-3 ancestor; the levels above (energy, transport, ...) have colours of their own. The
palette is a design choice, not data; colours were picked to stay apart for common forms of
colour blindness where the number of sectors allows.
"""

from __future__ import annotations

from collections.abc import Mapping

from canemure.sectors import sector_hierarchy

__all__ = ["OTHER_COLOUR", "SECTOR_COLOURS", "sector_colour"]

SECTOR_COLOURS: Mapping[str, str] = {
    "Kul": "#f2c14e",  # consumer electricity
    "Säh": "#f78154",  # electric heating
    "Kau": "#d1495b",  # district heating
    "Ölj": "#8c2f39",  # oil heating
    "Muu": "#e8a0a8",  # other heating
    "Teo": "#6c757d",  # industry
    "Työ": "#a47148",  # machinery
    "Tie": "#1d4e89",  # road transport
    "Rai": "#4d9de0",  # rail transport
    "Ves": "#7fc8f8",  # water transport
    "Maa": "#3f8f4f",  # agriculture
    "Jät": "#8d6fb8",  # waste treatment
    "F-k": "#c9a227",  # F-gases
    "Tuu": "#9bc53d",  # wind-power credits
}
"""Colour of each level-3 sector, by key (hex RGB)."""

_UPPER_COLOURS: Mapping[str, str] = {"total": "#333333"}
OTHER_COLOUR = "#b0b0b0"
"""Colour of a sector the palette does not know."""


def sector_colour(key: str) -> str:
    """Return the colour of sector ``key``.

    Below level 3 a sector takes its level-3 ancestor's colour; above it, its first level-3
    descendant's (energy is the colour of consumer electricity).

    >>> sector_colour("Kau")
    '#d1495b'
    """
    if key in SECTOR_COLOURS:
        return SECTOR_COLOURS[key]
    if key in _UPPER_COLOURS:
        return _UPPER_COLOURS[key]
    tree = sector_hierarchy()
    if key not in tree:
        return OTHER_COLOUR
    node = tree[key]
    if node.level > 3:
        return SECTOR_COLOURS.get(tree.ancestor(key, 3).key, OTHER_COLOUR)
    below = [child.key for child in tree.children(key)]
    return sector_colour(below[0]) if below else OTHER_COLOUR
