"""Test helper: run the ``canemure`` command in-process and capture what it printed."""

from __future__ import annotations

import pytest

from canemure.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``canemure ARGS...``: return the exit status, standard output and standard error."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err
