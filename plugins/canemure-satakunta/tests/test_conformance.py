"""canemure's conformance kit, run on this adapter."""

import canemure_satakunta

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_satakunta.ADAPTER
    region_id = "satakunta"
