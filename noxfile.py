"""Sessions: tests, lint, typecheck, benchmarks (``nox -l`` lists them).

``nox -s lint typecheck tests`` is the project's whole check, run by ``.ci/run`` and the README.
Every session installs what it needs into its own virtual environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.needs_version = ">=2024.3.2"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
ADAPTERS = sorted(
    str(p) for p in (ROOT / "plugins").glob("canemure-*") if (p / "pyproject.toml").exists()
)
LINT_TOOLS = ["ruff==0.17.6"]
TYPECHECK_TOOLS = ["mypy==2.4.1"]


@nox.session(python="3.11")
def tests(session: nox.Session) -> None:
    """Core and adapter test suites (pytest + hypothesis), with the adapters installed."""
    session.install("-e", ".[test]")
    for adapter in ADAPTERS:
        session.install("--no-deps", "-e", adapter)
    env = {"CANEMURE_HYPOTHESIS_PROFILE": "ci" if os.environ.get("CI") else "dev"}
    paths = ["tests", *(f"{a}/tests" for a in ADAPTERS)]
    session.run("pytest", *paths, *session.posargs, env=env)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff check and format check over the whole tree."""
    session.install(*LINT_TOOLS)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    """mypy --strict on src/."""
    session.install(*TYPECHECK_TOOLS, "-e", ".[test]")
    session.run("mypy")


@nox.session(python="3.11")
def pyam(session: nox.Session) -> None:
    """IAMC tables read back by pyam itself (kept apart: pyam pins an older pandas)."""
    session.install("-e", ".[test]", "pyam-iamc==3.3.0", "sqlalchemy<2.1")  # ixmp4 0.14 needs <2.1
    session.run("pytest", "tests/io/test_iamc_pyam.py", "tests/io/test_iamc.py", *session.posargs)


@nox.session(python="3.11")
def benchmarks(session: nox.Session) -> None:
    """Side-by-side performance ratios (see benchmarks/README.md); prints, never fails on time."""
    session.install("-e", ".[pandas]")  # bench_io and to_pandas compare with pandas
    for adapter in ADAPTERS:
        session.install("--no-deps", "-e", adapter)
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script))
