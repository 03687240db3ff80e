"""canemure's conformance kit, run on this adapter."""

import canemure_varsinais_suomi

from canemure.testing import AdapterConformanceSuite


class TestConformance(AdapterConformanceSuite):
    plugin = canemure_varsinais_suomi.ADAPTER
    region_id = "varsinais-suomi"
