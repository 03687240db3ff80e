"""Fixtures shared by the inventory tests."""

from __future__ import annotations

import math

import pytest

from canemure.inventory import EmissionInventory, Population, Source
from canemure.sectors import HINKU
from canemure.units import Q_

NaN = math.nan


@pytest.fixture
def inventory() -> EmissionInventory:
    """Tampere (837) and Turku (853), sectors Kul/Säh (level 3), years 2023-2024.

    Turku's electricity in 2024 and its population in 2024 are not estimated (NaN).
    """
    population = Population(
        Q_([[240_000.0, 250_000.0], [200_000.0, NaN]], "resident"), ["837", "853"], [2023, 2024]
    )
    return EmissionInventory.from_array(
        [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, NaN]]],
        "kt CO2e / a",
        areas=["837", "853"],
        sectors=["Kul", "Säh"],
        years=[2023, 2024],
        rule=HINKU,
        source=Source(id="test:inventory", title="Test source"),
        population=population,
    )
