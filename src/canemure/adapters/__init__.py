"""First-party region adapter support: the code the seven Canemure adapters share.

:class:`RegionAdapter` carries one region's facts and answers every hook of the plugin contract
from them. It lives outside :mod:`canemure.plugins`, which is the plugin *host* only: the host
knows nothing of any particular adapter, and an adapter is one client of the host among others.
"""

from canemure.adapters.region_adapter import (
    COOPERATION_CADENCE_SOURCE,
    MERGED_MUNICIPALITIES,
    LiveCoverage,
    RegionAdapter,
    cached_syke_inventory,
    district_heating_inventory,
    local_factors,
)

__all__ = [
    "COOPERATION_CADENCE_SOURCE",
    "MERGED_MUNICIPALITIES",
    "LiveCoverage",
    "RegionAdapter",
    "cached_syke_inventory",
    "district_heating_inventory",
    "local_factors",
]
