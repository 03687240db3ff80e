"""Testing helpers for region adapter authors: the conformance kit.

Run the kit in an adapter's own test suite by subclassing :class:`AdapterConformanceSuite`
(see ``docs/plugins.md``); the ``check_*`` functions and :func:`run_conformance` are the same
checks for use outside pytest.
"""

from canemure.testing.conformance import (
    UNKNOWN_REGION_ID,
    AdapterConformanceSuite,
    ConformanceError,
    adapter_manager,
    check_cooperation_group,
    check_coordinators,
    check_emission_factors,
    check_hooks_typed,
    check_inventories,
    check_measures,
    check_municipalities,
    check_region_metadata,
    check_registration,
    check_roadmap,
    check_targets,
    check_unknown_regions,
    run_conformance,
)

__all__ = [
    "UNKNOWN_REGION_ID",
    "AdapterConformanceSuite",
    "ConformanceError",
    "adapter_manager",
    "check_cooperation_group",
    "check_coordinators",
    "check_emission_factors",
    "check_hooks_typed",
    "check_inventories",
    "check_measures",
    "check_municipalities",
    "check_region_metadata",
    "check_registration",
    "check_roadmap",
    "check_targets",
    "check_unknown_regions",
    "run_conformance",
]
