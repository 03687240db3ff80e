"""Geography: Finnish regions, municipalities and coordinators, with the bundled reference list."""

from canemure.geography.model import Coordinator, Municipality, Names, Region
from canemure.geography.reference import (
    Gazetteer,
    gazetteer,
    municipality,
    region,
    resolve_area,
)

__all__ = [
    "Coordinator",
    "Gazetteer",
    "Municipality",
    "Names",
    "Region",
    "gazetteer",
    "municipality",
    "region",
    "resolve_area",
]
