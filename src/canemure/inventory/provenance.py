"""Where figures come from: a :class:`Source` travels with every inventory.

:data:`SourceKind` names the class of provider an inventory came from; :data:`SOURCE_KINDS`
lists the classes in order of precedence. A municipality's whole series comes from the
highest class that has figures for it (see :mod:`canemure.datasets`).
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["SOURCE_KINDS", "Source", "SourceKind"]

SourceKind = Literal["user-import", "adapter", "bundled"]
"""Where an inventory came from: the user's own import, a region adapter, or canemure's data."""

SOURCE_KINDS: tuple[SourceKind, ...] = ("user-import", "adapter", "bundled")
"""Source kinds, highest precedence first: the user's import beats an adapter's data, which
beats the data bundled with canemure."""


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
