"""Running a snippet of Python in a fresh interpreter, for checks that depend on what a
process imported first (the units registry, pint's parser, start-up imports)."""

from __future__ import annotations

import os
import subprocess
import sys


def python_output(code: str, **env: str) -> str:
    """Run ``code`` in a new interpreter (this one's executable, ``env`` added to the
    environment); its standard output, stripped. A failing run raises with its stderr."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    if result.returncode:
        raise AssertionError(f"exit {result.returncode}:\n{result.stderr}")
    return result.stdout.strip()
