"""Writing a chart to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "save"]

FORMATS = ("png", "svg")
"""File formats :func:`save` writes, chosen by the file's suffix."""


def save(figure: Any, path: str | Path, *, dpi: int = 150) -> Path:
    """Write ``figure`` to ``path`` as PNG or SVG (by its suffix) and return the path.

    SVG text stays text (fonts are not turned into paths), so a report can search and restyle
    it; metadata that would change every run (the creation date) is left out.
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{target}: a chart is written as .png or .svg, not {target.suffix!r}")
    if fmt == "svg":
        import matplotlib

        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "canemure"}):
            figure.savefig(target, format="svg", metadata={"Date": None})
    else:
        figure.savefig(target, format="png", dpi=dpi, metadata={"Software": None})
    return target
