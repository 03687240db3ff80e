"""Emission inventories: labelled area x sector x year arrays with units, rules and provenance."""

from canemure.inventory.axes import Axis
from canemure.inventory.coverage import Coverage, Gap
from canemure.inventory.inventory import AreaLevel, EmissionInventory
from canemure.inventory.labelled import LabelledArray, LabelledValues
from canemure.inventory.population import Population
from canemure.inventory.provenance import Source
from canemure.inventory.records import EmissionRecord, from_records, to_records

__all__ = [
    "AreaLevel",
    "Axis",
    "Coverage",
    "EmissionInventory",
    "EmissionRecord",
    "Gap",
    "LabelledArray",
    "LabelledValues",
    "Population",
    "Source",
    "from_records",
    "to_records",
]
