"""Real data sets bundled with the package (see ``canemure/data/PROVENANCE.md``).

Nothing here is estimated by canemure: each loader returns the published figures as shipped, with
their :class:`~canemure.inventory.Source`.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from canemure._resources import bundled_path, read_bundled_csv
from canemure.errors import DataFormatError, ProblemCollector
from canemure.inventory import EmissionInventory, Population, Source
from canemure.sectors import HINKU, sector_hierarchy
from canemure.units import Q_

__all__ = ["POHJOIS_KARJALA_SOURCE", "pohjois_karjala"]

_PK_FILE = "emissions_pohjois_karjala_alas_hinku_1990_2005_2024.csv"
_PK_POPULATION_FILE = "population_pohjois_karjala_1990_2005_2024.csv"

POHJOIS_KARJALA_SOURCE = Source(
    id="bundled:pohjois-karjala-alas-hinku",
    title="ALas inventory of Pohjois-Karjala, HINKU calculation without credits, 1990 and 2005-2024",
    publisher="Suomen ympäristökeskus SYKE",
    url="https://paastot.hiilineutraalisuomi.fi/",
    license="CC BY 4.0 (as stated by third parties)",
    retrieved="2026-09-15",
    path=bundled_path(_PK_FILE),
    notes=(
        "SYKE ALas Excel exports per municipality, as converted in "
        "eetuahlberg-prog/Ilmastobudjetointi data/dataset.json @ d4c6bdf; values rounded to "
        "0.1 kt as published"
    ),
)


@cache
def pohjois_karjala() -> EmissionInventory:
    """The full bundled Pohjois-Karjala HINKU inventory (13 municipalities x 13 sectors x 21 years).

    Values are kt CO2e/a at sector level 3, with the population of each municipality and year.
    """
    tree = sector_hierarchy()
    rows = read_bundled_csv(_PK_FILE)
    problems = ProblemCollector(bundled_path(_PK_FILE))
    cells: dict[tuple[str, str, int], float] = {}
    for line, row in enumerate(rows, start=2):
        key = (row["municipality_code"], tree.find(row["sector_fi"], 3).key, int(row["year"]))
        if key in cells:
            problems.add("duplicate row", line=line, value=key)
        cells[key] = float(row["emission_ktco2e"])
    problems.raise_if_any()
    areas = sorted({a for a, _, _ in cells})
    years = sorted({y for _, _, y in cells})
    sectors = [s.key for s in tree.level(3) if any(k[1] == s.key for k in cells)]
    array = np.full((len(areas), len(sectors), len(years)), np.nan)
    a_pos = {a: i for i, a in enumerate(areas)}
    s_pos = {s: i for i, s in enumerate(sectors)}
    y_pos = {y: i for i, y in enumerate(years)}
    for (area, sector, year), value in cells.items():
        array[a_pos[area], s_pos[sector], y_pos[year]] = value
    if np.isnan(array).any():
        raise DataFormatError("bundled inventory has gaps", bundled_path(_PK_FILE))
    population = Population.from_mapping(
        {
            (row["municipality_code"], int(row["year"])): float(row["population"])
            for row in read_bundled_csv(_PK_POPULATION_FILE)
        },
        source=Source(
            id="bundled:pohjois-karjala-population",
            title="Population of Pohjois-Karjala municipalities, as given with the ALas inventory",
            publisher="Suomen ympäristökeskus SYKE (from Statistics Finland)",
            path=bundled_path(_PK_POPULATION_FILE),
        ),
    )
    return EmissionInventory(
        Q_(array, "kt CO2e / a"),
        areas,
        sectors,
        years,
        HINKU,
        {a: (POHJOIS_KARJALA_SOURCE,) for a in areas},
        population,
    )
