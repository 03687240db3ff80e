"""Where figures come from: a :class:`Source` travels with every inventory."""

from __future__ import annotations

import attrs

__all__ = ["Source"]


@attrs.frozen
class Source:
    """The provenance of a data set.

    Only ``id`` and ``title`` are required; fill in what is known, never guess the rest.
    """

    id: str
    """Short, stable identifier, e.g. ``"bundled:pohjois-karjala-alas-hinku"``."""
    title: str
    """What the data is, in words."""
    publisher: str | None = None
    """Who published the figures, e.g. ``"Suomen ympäristökeskus SYKE"``."""
    url: str | None = None
    """Where the figures can be found."""
    license: str | None = None
    """Licence as stated by the publisher or third parties."""
    retrieved: str | None = None
    """When the figures were retrieved (ISO 8601 date or timestamp)."""
    path: str | None = None
    """Local file the figures were read from."""
    notes: str | None = None
    """Caveats (rounding, version of the model, ...)."""

    def __str__(self) -> str:
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.path:
            parts.append(self.path)
        elif self.url:
            parts.append(self.url)
        return "; ".join(parts)
