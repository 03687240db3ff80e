"""Testing helpers for region adapter authors: the conformance kit and packaging checks.

Run them in an adapter's own test suite by subclassing :class:`AdapterTestSuite` (conformance
and packaging) or :class:`AdapterConformanceSuite` (conformance only); see ``docs/plugins.md``.
:mod:`canemure.testing.pytest_plugin` gives every test an empty cache. The ``check_*``
functions and :func:`run_conformance` are the same checks for use outside pytest.
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
from canemure.testing.packaging import (
    AdapterTestSuite,
    check_packaging,
    find_pyproject,
    load_entry_point,
)

__all__ = [
    "UNKNOWN_REGION_ID",
    "AdapterConformanceSuite",
    "AdapterTestSuite",
    "ConformanceError",
    "adapter_manager",
    "check_cooperation_group",
    "check_coordinators",
    "check_emission_factors",
    "check_hooks_typed",
    "check_inventories",
    "check_measures",
    "check_municipalities",
    "check_packaging",
    "check_region_metadata",
    "check_registration",
    "check_roadmap",
    "check_targets",
    "check_unknown_regions",
    "find_pyproject",
    "load_entry_point",
    "run_conformance",
]
