"""Sessions: tests, lint, typecheck, docs, benchmarks, screenshot (``nox -l`` lists them).

``nox -s lint typecheck tests docs`` is the project's whole check, run by ``.ci/run`` and the
README.
Every session installs what it needs into its own virtual environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.needs_version = ">=2024.3.2"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "typecheck", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
ADAPTERS = sorted(
    str(p) for p in (ROOT / "plugins").glob("canemure-*") if (p / "pyproject.toml").exists()
)
LINT_TOOLS = ["ruff==0.17.6"]
TYPECHECK_TOOLS = ["mypy==2.4.1"]
DOCS_TOOLS = [
    "mkdocs==1.6.1",
    "mkdocs-material==9.8.1",
    "mkdocstrings[python]==1.0.8",
    "mkdocstrings-python==2.0.11",
]


@nox.session(python="3.11")
def tests(session: nox.Session) -> None:
    """Core and adapter test suites (pytest + hypothesis), with the adapters installed."""
    session.install("-e", ".[test]")
    for adapter in ADAPTERS:
        session.install("--no-deps", "-e", adapter)
    env = {"CANEMURE_HYPOTHESIS_PROFILE": "ci" if os.environ.get("CI") else "dev"}
    paths = ["tests", *(f"{a}/tests" for a in ADAPTERS)]
    # two workers: the suite is CPU-bound and CI machines have two cores
    session.run("pytest", "-n", "2", *paths, *session.posargs, env=env)


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


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """The documentation site (mkdocs.yml), built --strict into a temporary folder.

    Any warning fails the build: a broken link or include, a page missing from the navigation,
    a docstring that documents a parameter its function does not have.
    """
    session.install(*DOCS_TOOLS, *LINT_TOOLS, "-e", ".")  # ruff formats the signatures
    site = Path(session.create_tmp()) / "site"
    env = {"NO_MKDOCS_2_WARNING": "1"}  # mkdocs-material's notice about its successor
    session.run("mkdocs", "build", "--strict", "--site-dir", str(site), env=env)


@nox.session(python="3.11")
def screenshot(session: nox.Session) -> None:
    """Regenerate docs/images/report.png, the README's picture of the meeting report.

    Needs Debian's chromium on the PATH (``.ci/run`` installs it for the browser tests).
    """
    session.install("-e", ".[plot]")
    for adapter in ADAPTERS:
        session.install("--no-deps", "-e", adapter)
    session.run("python", str(ROOT / "docs" / "make_screenshot.py"))
