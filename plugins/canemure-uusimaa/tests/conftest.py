"""canemure's pytest plugin: every test here sees an empty canemure cache, never the user's."""

from canemure.testing.pytest_plugin import canemure_cache_dir  # noqa: F401 - autouse fixture
