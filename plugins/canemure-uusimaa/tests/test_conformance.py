"""canemure's conformance kit, run on this adapter."""

import canemure_uusimaa

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_uusimaa.ADAPTER
    region_id = "uusimaa"
