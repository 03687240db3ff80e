"""Access to the data files bundled inside the package (``canemure/data``)."""

from __future__ import annotations

import csv
import io
from importlib import resources

__all__ = ["bundled_path", "read_bundled_csv"]


def bundled_path(name: str) -> str:
    """Return a printable location of bundled file ``name`` (for provenance and messages)."""
    return f"canemure/data/{name}"


def read_bundled_csv(name: str) -> list[dict[str, str]]:
    """Read bundled CSV file ``name`` (UTF-8, comma-separated, header row) as dict rows."""
    text = resources.files("canemure").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
