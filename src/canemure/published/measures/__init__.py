"""Published mitigation measures: typed records, readers and overlap-aware totals.

Step 3 of a regional roadmap is to compile the planned and already decided measures. This
package holds them as published -- printed text next to what could be parsed from it -- in a
shape a roadmap engine can turn into effect models: an ALas sector, a status, an effect as a
pint quantity with its basis (annual, cumulative ...), costs in euros, and explicit markers of
which rows overlap, so that nothing is counted twice.
"""

from canemure.published.measures.model import (
    EffectBasis,
    EffectConvention,
    MeasureName,
    MeasureStatus,
    PublishedCost,
    PublishedEffect,
    PublishedMeasure,
    SectorMappedBy,
)
from canemure.published.measures.parsing import (
    parse_costs,
    parse_effect,
    parse_status,
    split_responsible,
)
from canemure.published.measures.readers import (
    CITY_MEASURES_FILE,
    MEASURE_FIELDS_OPTIONAL,
    MEASURE_FIELDS_REQUIRED,
    REGION_MEASURES_FILE,
    read_city_measures,
    read_measures_file,
    read_region_measures,
)
from canemure.published.measures.relations import MeasureRelations
from canemure.published.measures.totals import (
    EffectTotal,
    OverlappingMeasuresError,
    Selection,
    select_summable,
    total_effect,
)

__all__ = [
    "CITY_MEASURES_FILE",
    "MEASURE_FIELDS_OPTIONAL",
    "MEASURE_FIELDS_REQUIRED",
    "REGION_MEASURES_FILE",
    "EffectBasis",
    "EffectConvention",
    "EffectTotal",
    "MeasureName",
    "MeasureRelations",
    "MeasureStatus",
    "OverlappingMeasuresError",
    "PublishedCost",
    "PublishedEffect",
    "PublishedMeasure",
    "SectorMappedBy",
    "Selection",
    "parse_costs",
    "parse_effect",
    "parse_status",
    "read_city_measures",
    "read_measures_file",
    "read_region_measures",
    "select_summable",
    "split_responsible",
    "total_effect",
]
