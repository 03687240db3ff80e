"""canemure's pytest plugin for region adapters: an isolated cache for every test.

Enable it in an adapter's ``tests/conftest.py`` with one line::

    from canemure.testing.pytest_plugin import canemure_cache_dir  # noqa: F401

and run the conformance and packaging checks with
:class:`canemure.testing.AdapterTestSuite` (one class in a test module).

Why an import and not ``pytest_plugins`` or a ``pytest11`` entry point:

* A fixture imported into a ``conftest.py`` belongs to that folder: the autouse cache fixture
  acts on the adapter's tests only, whatever else runs in the same session (``pytest tests
  plugins/*/tests`` from canemure's repository), and works whichever folder pytest is started
  from. ``pytest_plugins`` in a conftest below the root is refused by pytest unless that folder
  is given on the command line, and registers the plugin for the whole session.
* A ``pytest11`` entry point would load the plugin into *every* pytest run in any environment
  where canemure is installed, and its autouse fixture would then redirect the canemure cache of
  projects that never asked for it.

``pytest -p canemure.testing.pytest_plugin`` (or ``pytest_plugins`` in a root conftest) also
works when a whole session should use it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from canemure.io.cache import CACHE_DIR_ENV

__all__ = ["canemure_cache_dir"]


@pytest.fixture(autouse=True)
def canemure_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point canemure's cache at an empty folder for the test; return the folder.

    Autouse: tests see canemure's bundled data and their adapter's own data only, never the
    user's downloads. The folder is created on first use by canemure, as a real cache is.
    """
    cache = tmp_path / "canemure-cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(cache))
    return cache
