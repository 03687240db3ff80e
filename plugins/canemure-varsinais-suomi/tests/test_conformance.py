"""canemure's conformance kit and packaging checks, run on this adapter."""

from canemure.testing import AdapterTestSuite


class TestAdapter(AdapterTestSuite):
    entry_point = "canemure_varsinais_suomi:ADAPTER"
    region_id = "varsinais-suomi"
