"""Label axes for labelled arrays: unique labels with O(1) position look-up.

An axis made from labels checks them (unique) and indexes them at once. An axis derived from
one already checked (a selection, an aggregation's groups) is made with :meth:`Axis.trusted`:
its label -> position index is built on first look-up, so a derived inventory that is only
summed or exported never pays for a dictionary of its labels.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt

from canemure._text import suggest
from canemure.errors import UnknownNameError

__all__ = ["Axis"]

L = TypeVar("L", str, int)
_MEMO_SIZE = 32
"""At most this many plans are kept per axis."""


class Axis(Generic[L]):
    """An ordered set of unique labels (area codes, sector keys or years)."""

    __slots__ = ("_lazy_index", "_memo", "labels", "name")

    def __init__(self, name: str, labels: Iterable[L]) -> None:
        self.name = name
        self.labels: tuple[L, ...] = tuple(labels)
        self._memo: dict[Hashable, Any] | None = None
        self._lazy_index: dict[L, int] | None = dict(
            zip(self.labels, range(len(self.labels)), strict=True)
        )
        if len(self._lazy_index) != len(self.labels):
            seen: set[L] = set()
            dupes = sorted({str(x) for x in self.labels if x in seen or seen.add(x)})  # type: ignore[func-returns-value]
            raise ValueError(f"{name} axis has duplicate labels: {', '.join(dupes)}")

    @classmethod
    def trusted(cls, name: str, labels: tuple[L, ...]) -> Axis[L]:
        """An axis of ``labels`` known to be unique (taken from a checked axis); not re-checked.

        Its index is built on first look-up.
        """
        axis: Axis[L] = object.__new__(cls)
        axis.name = name
        axis.labels = labels
        axis._lazy_index = None
        axis._memo = None
        return axis

    def memo(self) -> dict[Hashable, Any]:
        """Plans derived from this axis's labels (an aggregation's groups), kept with it.

        Found by this axis object, not by hashing its labels (which costs as much as a small
        aggregation at national size); bounded (cleared when full). For the inventory's own
        bookkeeping: the labels never change, so what is derived from them stays true.
        """
        memo = self._memo
        if memo is None:
            memo = self._memo = {}
        elif len(memo) >= _MEMO_SIZE:
            memo.clear()
        return memo

    def extended(self, other: Axis[L]) -> Axis[L] | None:
        """A new axis: these labels, then ``other``'s; ``None`` if the two share a label.

        The new axis's index is a copy of this one's with ``other``'s labels added, so an axis
        grown part by part (successive merges) never hashes a label twice.
        """
        index = dict(self._index)
        start = len(index)
        index.update(zip(other.labels, range(start, start + len(other.labels)), strict=True))
        if len(index) != start + len(other.labels):
            return None
        axis = Axis.trusted(self.name, self.labels + other.labels)
        axis._lazy_index = index
        return axis

    @property
    def _index(self) -> dict[L, int]:
        index = self._lazy_index
        if index is None:
            index = self._lazy_index = dict(zip(self.labels, range(len(self.labels)), strict=True))
        return index

    def __len__(self) -> int:
        return len(self.labels)

    def __iter__(self) -> Iterator[L]:
        return iter(self.labels)

    def __contains__(self, label: object) -> bool:
        return label in self._index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Axis) and self.labels == other.labels

    def __hash__(self) -> int:
        return hash(self.labels)  # consistent with __eq__, which compares labels only

    def __repr__(self) -> str:
        return f"Axis({self.name!r}, {list(self.labels)!r})"

    @property
    def index(self) -> Mapping[L, int]:
        """Label -> position (read it, do not modify it)."""
        return self._index

    def position(self, label: L) -> int:
        """The position of ``label``; unknown labels raise an error with suggestions."""
        try:
            return self._index[label]
        except KeyError:
            raise UnknownNameError(
                f"{self.name} (not in this inventory)",
                str(label),
                suggest(str(label), [str(x) for x in self.labels]),
            ) from None

    def positions(self, labels: Sequence[L]) -> npt.NDArray[np.intp]:
        """Positions of several labels, in the order given."""
        index = self._index
        try:
            return np.array([index[x] for x in labels], dtype=np.intp)
        except KeyError:  # slow path, for the error message with suggestions
            return np.fromiter((self.position(x) for x in labels), dtype=np.intp, count=len(labels))
