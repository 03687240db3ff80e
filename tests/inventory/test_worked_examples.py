"""Worked examples on the bundled Pohjois-Karjala inventory, checked against hand arithmetic.

Every literal below was copied from the rows of
``emissions_pohjois_karjala_alas_hinku_1990_2005_2024.csv`` and
``population_pohjois_karjala_1990_2005_2024.csv`` (SYKE ALas, HINKU calculation without
credits, kt CO2e, one decimal as published), and every total was added up by hand, as the
comments show. SYKE publishes each sector rounded to 0.1 kt and the bundled data has no total
row, so a municipality's total is the sum of its 13 rounded sectors: a multiple of 0.1.

Sector order (SYKE's): Kul Säh Kau Ölj Muu Teo Työ Tie Rai Ves Maa Jät F-k.
"""

from __future__ import annotations

import numpy as np
import pytest

from canemure.inventory import EmissionInventory
from canemure.io.bundled import pohjois_karjala
from canemure.sectors import HINKU

SECTORS = (
    "Kul",
    "Säh",
    "Kau",
    "Ölj",
    "Muu",
    "Teo",
    "Työ",
    "Tie",
    "Rai",
    "Ves",
    "Maa",
    "Jät",
    "F-k",
)
EXACT = 1e-9  # sums of 13 (or 169) one-decimal numbers are exact far below this

# (municipality code, year): (the 13 sector values, their total added up by hand)
MUNICIPALITY_YEARS: dict[tuple[str, int], tuple[tuple[float, ...], float]] = {
    # Joensuu 2024: 16.1+6.6+34.1+5.8+6.4+12.3+23.5+107.9+3+2+30+18.6+9.4 = 275.7
    ("167", 2024): ((16.1, 6.6, 34.1, 5.8, 6.4, 12.3, 23.5, 107.9, 3, 2, 30, 18.6, 9.4), 275.7),
    # Joensuu 2007: 87+36.9+126.4+34.7+9.7+12.4+26.3+150.9+7.5+3.2+33.2+27.6+19 = 574.8
    ("167", 2007): (
        (87, 36.9, 126.4, 34.7, 9.7, 12.4, 26.3, 150.9, 7.5, 3.2, 33.2, 27.6, 19),
        574.8,
    ),
    # Heinävesi 1990: 2.8+2.6+2.4+3.3+1.3+1.4+5+9.4+0.1+0.5+11.6+4+0.1 = 44.5
    ("090", 1990): ((2.8, 2.6, 2.4, 3.3, 1.3, 1.4, 5, 9.4, 0.1, 0.5, 11.6, 4, 0.1), 44.5),
    # Lieksa 2015: 6.2+4.2+13.8+6.7+4.1+2.1+12.2+21.9+0.5+0.9+24.2+4.8+3.2 = 104.8
    ("422", 2015): ((6.2, 4.2, 13.8, 6.7, 4.1, 2.1, 12.2, 21.9, 0.5, 0.9, 24.2, 4.8, 3.2), 104.8),
    # Kontiolahti 2020: 3.9+4.4+2.4+1.9+2.8+1.7+7.4+28+0+0.6+7.2+4.8+2.2 = 67.3
    ("276", 2020): ((3.9, 4.4, 2.4, 1.9, 2.8, 1.7, 7.4, 28, 0, 0.6, 7.2, 4.8, 2.2), 67.3),
}

# The region total, added up two ways (each municipality's 13 sectors, then the municipalities;
# each sector over the 13 municipalities, then the sectors): both must give the same figure.
REGION_BY_MUNICIPALITY = {
    # 090 Heinävesi, 146 Ilomantsi, 167 Joensuu, 176 Juuka, 260 Kitee, 276 Kontiolahti,
    # 309 Outokumpu, 422 Lieksa, 426 Liperi, 541 Nurmes, 607 Polvijärvi, 707 Rääkkylä,
    # 848 Tohmajärvi
    # 2007: 40.7+81.0+574.8+62.3+151.8+94.0+68.8+156.4+126.7+129.7+67.8+40.5+92.3 = 1686.8
    2007: (
        (40.7, 81.0, 574.8, 62.3, 151.8, 94.0, 68.8, 156.4, 126.7, 129.7, 67.8, 40.5, 92.3),
        1686.8,
    ),
    # 2024: 25.3+53.2+275.7+38.1+85.2+56.5+37.1+67.4+83.4+83.4+42.0+25.1+64.8 = 937.2
    2024: (
        (25.3, 53.2, 275.7, 38.1, 85.2, 56.5, 37.1, 67.4, 83.4, 83.4, 42.0, 25.1, 64.8),
        937.2,
    ),
}
REGION_BY_SECTOR = {
    # 2007: 195.7+119.3+194.3+92.3+47.4+61.4+121.6+383.6+15.4+10.0+311.4+86.3+48.1 = 1686.8
    2007: (
        (195.7, 119.3, 194.3, 92.3, 47.4, 61.4, 121.6, 383.6, 15.4, 10.0, 311.4, 86.3, 48.1),
        1686.8,
    ),
    # 2024: 30.2+19.3+50.8+23.5+33.6+43.8+109.1+270.4+6.0+6.3+271.8+52.0+20.4 = 937.2
    2024: (
        (30.2, 19.3, 50.8, 23.5, 33.6, 43.8, 109.1, 270.4, 6.0, 6.3, 271.8, 52.0, 20.4),
        937.2,
    ),
}
MUNICIPALITIES = ("090", "146", "167", "176", "260", "276", "309", "422", "426", "541", "607")
MUNICIPALITIES += ("707", "848")

# Residents in 2024, same municipality order:
# 2929+4382+78741+4160+9566+15071+6444+10049+11913+8980+3999+1881+3976 = 162091
POPULATION_2024 = (2929, 4382, 78741, 4160, 9566, 15071, 6444, 10049, 11913, 8980, 3999, 1881)
POPULATION_2024 += (3976,)
REGION_POPULATION_2024 = 162_091


@pytest.fixture(scope="module")
def inventory() -> EmissionInventory:
    return pohjois_karjala()


def test_the_bundled_inventory(inventory: EmissionInventory) -> None:
    assert inventory.shape == (13, 13, 21)
    assert tuple(inventory.areas) == MUNICIPALITIES
    assert tuple(inventory.sectors) == SECTORS
    assert list(inventory.years) == [1990, *range(2005, 2025)]
    assert inventory.rule is HINKU
    assert inventory.coverage().is_complete


@pytest.mark.parametrize(("area", "year"), sorted(MUNICIPALITY_YEARS))
def test_municipality_total_is_the_sum_of_its_sectors(
    inventory: EmissionInventory, area: str, year: int
) -> None:
    sectors, by_hand = MUNICIPALITY_YEARS[(area, year)]
    chosen = inventory.sel(areas=[area], years=[year])
    assert chosen.magnitude[0, :, 0].tolist() == [float(v) for v in sectors]
    assert sum(sectors) == pytest.approx(by_hand, abs=EXACT)  # the hand addition itself
    total = chosen.total().value(area, "total", year)
    assert total.m_as("kt CO2e / a") == pytest.approx(by_hand, abs=EXACT)


@pytest.mark.parametrize("year", [2007, 2024])
def test_region_total(inventory: EmissionInventory, year: int) -> None:
    per_municipality, total_a = REGION_BY_MUNICIPALITY[year]
    per_sector, total_b = REGION_BY_SECTOR[year]
    assert total_a == total_b
    assert sum(per_municipality) == pytest.approx(total_a, abs=EXACT)
    assert sum(per_sector) == pytest.approx(total_b, abs=EXACT)
    municipal_totals = inventory.sel(years=[year]).total().magnitude[:, 0, 0]
    np.testing.assert_allclose(municipal_totals, per_municipality, rtol=0, atol=EXACT)
    region = inventory.sel(years=[year]).to_regions()
    assert list(region.areas) == ["12"]
    np.testing.assert_allclose(region.magnitude[0, :, 0], per_sector, rtol=0, atol=EXACT)
    assert region.total().value("12", "total", year).m_as("kt CO2e / a") == pytest.approx(
        total_a, abs=EXACT
    )


def test_per_resident_by_hand(inventory: EmissionInventory) -> None:
    # Joensuu 2024: 275.7 kt / 78 741 residents = 275 700 t / 78 741 = 3.5014 t per resident
    joensuu = inventory.sel(areas=["Joensuu"], years=[2024]).total().per_resident()
    assert joensuu.m_as("t CO2e / resident / a")[0, 0, 0] == pytest.approx(275_700 / 78_741)
    assert round(float(joensuu.magnitude[0, 0, 0]), 4) == 3.5014
    # the region in 2024: 937.2 kt / 162 091 residents = 5.7819 t per resident
    region = inventory.sel(years=[2024]).to_regions().total().per_resident()
    assert region.m_as("t CO2e / resident / a")[0, 0, 0] == pytest.approx(937_200 / 162_091)
    assert round(float(region.magnitude[0, 0, 0]), 4) == 5.7819


def test_population_by_hand(inventory: EmissionInventory) -> None:
    assert inventory.population is not None
    residents = inventory.population.at(list(MUNICIPALITIES), [2024]).magnitude[:, 0]
    assert residents.tolist() == [float(n) for n in POPULATION_2024]
    assert sum(POPULATION_2024) == REGION_POPULATION_2024
    region = inventory.to_regions().population
    assert region is not None
    assert region.at(["12"], [2024]).magnitude.tolist() == [[REGION_POPULATION_2024]]


def test_per_resident_of_a_region_is_not_the_sum_of_per_resident_values(
    inventory: EmissionInventory,
) -> None:
    year = inventory.sel(years=[2024])
    municipal = year.total().per_resident().m_as("t CO2e / resident / a")[:, 0, 0]
    regional = year.to_regions().total().per_resident().m_as("t CO2e / resident / a")[0, 0, 0]
    assert regional == pytest.approx(937_200 / 162_091)
    # summing intensities is the classic mistake: 13 municipalities' t/resident added up
    assert municipal.sum() > 10 * regional
    # and even their plain mean is wrong: small rural municipalities weigh as much as Joensuu
    assert abs(municipal.mean() - regional) > 0.05 * regional
    # the right way, by hand from the parts: sum of emissions / sum of residents
    emissions_t = year.total().magnitude[:, 0, 0] * 1000.0
    assert emissions_t.sum() / sum(POPULATION_2024) == pytest.approx(regional)


def test_change_2007_to_2024_by_hand(inventory: EmissionInventory) -> None:
    # region: (937.2 - 1686.8) / 1686.8 = -749.6 / 1686.8 = -44.44 %
    region = inventory.to_regions().total().change(2007).m_as("percent")
    k2024 = inventory.years.position(2024)
    assert region[0, 0, k2024] == pytest.approx(-749.6 / 1686.8 * 100)
    assert round(float(region[0, 0, k2024]), 2) == -44.44
    assert region[0, 0, inventory.years.position(2007)] == 0.0
    # Joensuu: (275.7 - 574.8) / 574.8 = -299.1 / 574.8 = -52.04 %
    joensuu = inventory.sel(areas=["167"]).total().change(2007).m_as("percent")
    assert joensuu[0, 0, k2024] == pytest.approx(-299.1 / 574.8 * 100)
    assert round(float(joensuu[0, 0, k2024]), 2) == -52.04


def test_every_total_is_a_multiple_of_a_tenth(inventory: EmissionInventory) -> None:
    totals = inventory.total().magnitude[:, 0, :]
    assert totals.shape == (13, 21)
    np.testing.assert_allclose(totals, np.round(totals, 1), rtol=0, atol=EXACT)
    regional = inventory.to_regions().total().magnitude
    np.testing.assert_allclose(regional, np.round(regional, 1), rtol=0, atol=EXACT)


def test_level_1_totals_add_up(inventory: EmissionInventory) -> None:
    # Joensuu 2024 energy (level 1) = Kul..Ves:
    # 16.1+6.6+34.1+5.8+6.4+12.3+23.5+107.9+3+2 = 217.7; agriculture 30; waste 18.6;
    # industrial processes (F-gases) 9.4; 217.7+30+18.6+9.4 = 275.7
    level1 = inventory.sel(areas=["167"], years=[2024]).aggregate_sectors(1)
    values = dict(zip(level1.sectors, level1.magnitude[0, :, 0].tolist(), strict=True))
    assert values == pytest.approx(
        {
            "energia": 217.7,
            "maatalous": 30.0,
            "jatteiden-kasittely": 18.6,
            "teollisuusprosessit": 9.4,
        },
        abs=EXACT,
    )
