"""Text helpers shared by every look-up: folding names for comparison and suggesting matches."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["fold", "slug", "suggest"]

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Fold ``text`` for comparison: case-, diacritic-, space- and punctuation-insensitive.

    >>> fold("Päijät-Häme") == fold("paijat hame") == fold("PAIJAT_HAME")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub("", stripped)


def slug(text: str) -> str:
    """Return a lower-case ASCII identifier with hyphens: ``"Päijät-Häme"`` -> ``"paijat-hame"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", stripped).strip("-")


def suggest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` candidates closest to ``name`` (compared folded), best first."""
    import difflib  # (with heapq) only when a name was not found

    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(name), list(by_fold), n=n, cutoff=0.5)
    return [by_fold[m] for m in matches]
