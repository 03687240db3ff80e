"""canemure's conformance kit, run on this adapter."""

import canemure_pohjois_karjala

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_pohjois_karjala
    region_id = "pohjois-karjala"
