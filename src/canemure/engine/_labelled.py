"""Labelled views of the engine results' arrays: ``result.labelled("wedges").sel(year=2030)``.

The engine's algorithms keep working on positional arrays (one Quantity each, as the fields
of its result types hold them); what a user reads comes back labelled. Each result type names
the dimensions of its arrays once, in ``_ARRAYS``, and says where each dimension's labels are;
:meth:`LabelledResult.labelled` attaches them and :meth:`LabelledResult.to_xarray` puts every
array in one ``xarray.Dataset``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from canemure._text import suggest
from canemure.errors import UnknownNameError
from canemure.inventory.labelled import LabelledArray, xarray_module

__all__ = ["LabelledResult"]


class LabelledResult:
    """Adds :meth:`labelled` and :meth:`to_xarray` to an engine result type."""

    __slots__ = ()

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    """Array (attribute, property or method without arguments) -> its dimensions."""

    def _labels(self) -> Mapping[str, Sequence[Any] | None]:
        """Dimension -> labels (``None`` where this result has none)."""
        raise NotImplementedError

    def labelled(self, name: str) -> LabelledArray:
        """The array ``name`` with its dimensions and labels (see :class:`LabelledArray`).

        ``name`` is one of :attr:`arrays`; an array this result does not hold (a per-sector
        array of a level for the total only) raises ``ValueError``.
        """
        dims = self._ARRAYS.get(name)
        if dims is None:
            raise UnknownNameError(
                f"array of {type(self).__name__}", name, suggest(name, list(self._ARRAYS))
            )
        value = getattr(self, name)
        if callable(value):
            value = value()
        labels = self._labels()
        if value is None or any(labels.get(dim) is None for dim in dims):
            raise ValueError(f"this {type(self).__name__} has no {name}")
        coords = [(dim, labels[dim] or ()) for dim in dims]
        return LabelledArray.of(value, coords, name.replace("_", " "))

    @property
    def arrays(self) -> tuple[str, ...]:
        """The names :meth:`labelled` takes."""
        return tuple(self._ARRAYS)

    def to_xarray(self) -> Any:
        """Every array this result holds, labelled, in one ``xarray.Dataset``.

        Needs ``canemure[xarray]``; each variable's ``units`` work with pint-xarray.
        """
        xr = xarray_module(f"{type(self).__name__}.to_xarray()")
        variables = {}
        for name in self._ARRAYS:
            try:
                variables[name] = self.labelled(name).to_xarray(name=name)
            except ValueError:  # not held by this result
                continue
        return xr.Dataset(variables)
