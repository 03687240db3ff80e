"""canemure's conformance kit, run on this adapter."""

import canemure_etela_karjala

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_etela_karjala.ADAPTER
    region_id = "etela-karjala"
