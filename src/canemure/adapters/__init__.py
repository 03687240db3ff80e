"""First-party region adapter support: the code the seven Canemure adapters share.

:class:`RegionAdapter` carries one region's facts and answers every hook of the plugin contract
from them: from canemure's bundled data (the seven first-party adapters), or from the files a
regional team ships in its own package (``data_package=``; see ``docs/plugins.md``). It lives
outside :mod:`canemure.plugins`, which is the plugin *host* only: the host knows nothing of any
particular adapter, and an adapter is one client of the host among others.
"""

from canemure.adapters.region_adapter import (
    COOPERATION_CADENCE_SOURCE,
    MERGED_MUNICIPALITIES,
    PACKAGE_FILES,
    PACKAGE_INVENTORY_FILE,
    PACKAGE_SYKE_FOLDER,
    LiveCoverage,
    RegionAdapter,
    cached_syke_inventory,
    district_heating_inventory,
    local_factors,
    packaged_inventory,
    packaged_records,
    read_cooperation_group_file,
)
from canemure.i18n import Text

__all__ = [
    "COOPERATION_CADENCE_SOURCE",
    "MERGED_MUNICIPALITIES",
    "PACKAGE_FILES",
    "PACKAGE_INVENTORY_FILE",
    "PACKAGE_SYKE_FOLDER",
    "LiveCoverage",
    "RegionAdapter",
    "Text",
    "cached_syke_inventory",
    "district_heating_inventory",
    "local_factors",
    "packaged_inventory",
    "packaged_records",
    "read_cooperation_group_file",
]
