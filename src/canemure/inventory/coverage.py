"""Coverage: where an inventory has figures and where it says "not estimated"."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np

if TYPE_CHECKING:
    from canemure.inventory.inventory import EmissionInventory

__all__ = ["Coverage", "Gap"]


@attrs.frozen
class Gap:
    """An area-year with at least one sector not estimated."""

    area: str
    year: int
    sectors: tuple[str, ...]
    """Keys of the sectors that are not estimated."""

    def __str__(self) -> str:
        return f"{self.area} {self.year}: not estimated for {', '.join(self.sectors)}"


@attrs.frozen
class Coverage:
    """Summary of estimated and not-estimated cells of an inventory."""

    total_cells: int
    estimated_cells: int
    gaps: tuple[Gap, ...]
    """Area-years with missing sectors, in axis order."""
    complete_areas: tuple[str, ...]
    """Areas with every sector estimated in every year."""

    @classmethod
    def of(cls, inventory: EmissionInventory) -> Coverage:
        """Compute the coverage of ``inventory``."""
        estimated = inventory.estimated
        gaps: list[Gap] = []
        missing = np.argwhere(~estimated.all(axis=1))
        for i, k in missing:
            sectors = tuple(
                inventory.sectors.labels[j] for j in np.flatnonzero(~estimated[i, :, k])
            )
            gaps.append(Gap(inventory.areas.labels[i], inventory.years.labels[k], sectors))
        complete = tuple(
            a
            for a, ok in zip(inventory.areas, np.all(estimated, axis=(1, 2)).tolist(), strict=True)
            if ok
        )
        return cls(int(estimated.size), int(estimated.sum()), tuple(gaps), complete)

    @property
    def fraction(self) -> float:
        """Share of cells that are estimated (1.0 = complete)."""
        return self.estimated_cells / self.total_cells if self.total_cells else 1.0

    @property
    def is_complete(self) -> bool:
        """Whether every cell is estimated."""
        return self.estimated_cells == self.total_cells

    def __str__(self) -> str:
        head = (
            f"{self.estimated_cells} of {self.total_cells} values estimated "
            f"({100 * self.fraction:.1f} %)"
        )
        return "\n".join(
            [head, *(f"  {gap}" for gap in self.gaps[:20])]
            + ([f"  ... and {len(self.gaps) - 20} more area-years"] if len(self.gaps) > 20 else [])
        )
