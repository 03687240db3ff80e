"""Shared test configuration: Hypothesis profiles and the import path of the test helpers.

Hypothesis profiles are chosen by the environment variable ``CANEMURE_HYPOTHESIS_PROFILE``:

``dev`` (default)
    Few examples per property, so the whole core suite runs in well under a minute on two
    cores. Good for the edit-test loop.
``ci``
    Many more examples and no example database (CI starts from scratch every time); run by
    ``nox -s tests`` when ``CI`` is set.

Neither profile has a deadline: an inventory example costs a few milliseconds, but a busy CI
machine can stall any single call, and a timing flake teaches nothing about correctness.

pytest runs with ``--import-mode=importlib``, which does not put the test folders on
``sys.path``; this conftest adds ``tests/`` so test modules can ``import strategies``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

settings.register_profile(
    "dev",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=100,  # 4x dev; no database, so every CI run draws new examples
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("CANEMURE_HYPOTHESIS_PROFILE", "dev"))
