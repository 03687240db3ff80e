"""canemure's conformance kit and packaging checks, run on this adapter."""

from canemure.testing import AdapterTestSuite


class TestAdapter(AdapterTestSuite):
    entry_point = "canemure_etela_karjala:ADAPTER"
    region_id = "etela-karjala"
