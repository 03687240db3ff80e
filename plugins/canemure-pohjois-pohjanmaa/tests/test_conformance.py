"""canemure's conformance kit, run on this adapter."""

import canemure_pohjois_pohjanmaa

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_pohjois_pohjanmaa.ADAPTER
    region_id = "pohjois-pohjanmaa"
