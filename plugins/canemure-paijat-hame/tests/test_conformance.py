"""canemure's conformance kit, run on this adapter."""

import canemure_paijat_hame

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_paijat_hame.ADAPTER
    region_id = "paijat-hame"
