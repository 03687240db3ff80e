"""canemure's conformance kit, run on this adapter."""

import canemure_pirkanmaa

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_pirkanmaa.ADAPTER
    region_id = "pirkanmaa"
