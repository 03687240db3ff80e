"""IAMC long format: canemure's variable names, writing, reading back, and the errors.

pyam is not in the ``test`` extra (``pyam-iamc`` pulls in ixmp4, a database stack and an
older pandas): here the tables are read back with pandas and with :func:`read_iamc`; the
``pyam`` nox session runs this file and ``test_iamc_pyam.py`` with pyam installed.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import inventories

from canemure.errors import DataFormatError
from canemure.inventory import EmissionInventory, Source
from canemure.io.iamc import IAMC_COLUMNS, KYOTO_GASES, read_iamc, sector_variables, to_iamc
from canemure.sectors import HINKU, sector_hierarchy

pd = pytest.importorskip("pandas")

NaN = math.nan


@pytest.fixture
def inventory() -> EmissionInventory:
    """Tampere (837) and Turku (853), sectors Kul/Säh, 2023-2024; made-up test numbers."""
    return EmissionInventory.from_array(
        [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, NaN]]],
        "kt CO2e / a",
        areas=["837", "853"],
        sectors=["Kul", "Säh"],
        years=[2023, 2024],
        rule=HINKU,
        source=Source("test:iamc", "Test source"),
    )


def test_variable_names_follow_the_sector_path() -> None:
    variables = sector_variables()
    assert variables["total"] == "Emissions|Kyoto Gases"
    assert variables["energia"] == "Emissions|Kyoto Gases|Energy"
    assert variables["Kul"] == "Emissions|Kyoto Gases|Energy|Consumer electricity|Electricity"
    assert variables["Kul/Kul/Asu:H-"] == (
        "Emissions|Kyoto Gases|Energy|Consumer electricity|Electricity|Electricity consumption"
        "|Residential|HINKU, non-ETS"
    )
    assert len(set(variables.values())) == len(variables) == len(list(sector_hierarchy()))
    # every variable's parent (one level up) is its sector's parent's variable
    hierarchy = sector_hierarchy()
    for node in hierarchy:
        if node.level:
            parent = hierarchy.ancestor(node.key, node.level - 1)
            assert variables[node.key].rsplit("|", 1)[0] == variables[parent.key]


def test_table_has_the_iamc_columns(inventory: EmissionInventory) -> None:
    table = to_iamc(inventory, model="SYKE ALas", scenario="history")
    assert list(table.columns) == [*IAMC_COLUMNS, 2023, 2024]
    assert table.iloc[1].tolist()[:5] == [
        "SYKE ALas",
        "history",
        "Tampere",
        "Emissions|Kyoto Gases|Energy|Building heating|Electric heating",
        "kt CO2e/a",
    ]
    assert table[2023].tolist() == [1.0, 3.0, 5.0, 7.0]
    assert math.isnan(table[2024].iloc[3])  # not estimated stays empty, never 0
    finnish = to_iamc(inventory, model="m", scenario="s", lang="sv")
    assert finnish["region"].tolist() == ["Tammerfors", "Tammerfors", "Åbo", "Åbo"]
    codes = inventory.to_iamc(model="m", scenario="s", names=False)
    assert codes["region"].tolist() == ["837", "837", "853", "853"]


def test_csv_round_trip(inventory: EmissionInventory, tmp_path: Path) -> None:
    path = tmp_path / "roadmap.csv"
    to_iamc(inventory, model="SYKE ALas", scenario="history").to_csv(path, index=False)
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "model,scenario,region,variable,unit,2023,2024"
    assert lines[4].endswith(",kt CO2e/a,7.0,")
    back = read_iamc(path, rule="hinku")
    assert back.areas.labels == ("837", "853")
    assert back.sectors.labels == ("Kul", "Säh")
    assert back.years.labels == (2023, 2024)
    assert str(back.unit) == "kt CO2e/a"
    np.testing.assert_array_equal(back.magnitude, inventory.magnitude)
    (source,) = back.sources["837"]
    assert source.path == str(path) and "SYKE ALas" in source.title


@settings(max_examples=30, deadline=None)
@given(inventories(level=None, max_areas=3, max_years=3, max_holes=3, rule=HINKU))
def test_frame_round_trip_at_every_level(inventory: EmissionInventory) -> None:
    back = read_iamc(inventory.to_iamc(model="m", scenario="s"), rule=HINKU)
    assert back.areas.labels == inventory.areas.labels
    assert back.sectors.labels == inventory.sectors.labels
    np.testing.assert_array_equal(back.magnitude, inventory.magnitude)


def test_rows_missing_from_the_table_are_not_estimated(inventory: EmissionInventory) -> None:
    table = to_iamc(inventory, model="m", scenario="s").drop(index=[0])
    back = read_iamc(table, rule=HINKU)
    assert back.sectors.labels == ("Säh", "Kul")  # the order of first appearance
    assert math.isnan(back.value("837", "Kul", 2023).m)
    assert math.isnan(back.value("837", "Kul", 2024).m)
    assert back.value("837", "Säh", 2024).m == 4.0


def test_choosing_model_and_scenario(inventory: EmissionInventory) -> None:
    history = to_iamc(inventory, model="SYKE ALas", scenario="history")
    doubled = to_iamc(inventory, model="SYKE ALas", scenario="double")
    doubled[[2023, 2024]] *= 2
    both = pd.concat([history, doubled], ignore_index=True)
    with pytest.raises(DataFormatError, match="several scenarios; choose one"):
        read_iamc(both, rule=HINKU)
    chosen = read_iamc(both, rule=HINKU, scenario="double")
    assert chosen.value("Tampere", "Kul", 2024).m == 4.0


def test_all_problems_reported_at_once(inventory: EmissionInventory, tmp_path: Path) -> None:
    table = to_iamc(inventory, model="m", scenario="s")
    table.loc[1, "variable"] = "Emissions|Kyoto Gases|Nope"
    table.loc[2, "region"] = "Tamprere"
    table.loc[3, "unit"] = "Mt CO2e/a"
    path = tmp_path / "bad.csv"
    table.to_csv(path, index=False)
    with pytest.raises(DataFormatError) as err:
        read_iamc(path, rule=HINKU)
    text = str(err.value)
    assert "3 problems" in text
    assert "line 3, column 'variable'" in text and "'Emissions|Kyoto Gases|Nope'" in text
    assert "line 4, column 'region'" in text and "Tampere" in text
    assert "mixes units" in text
    with pytest.raises(DataFormatError, match="column 'variable': required IAMC column"):
        read_iamc(table.drop(columns=["variable"]), rule=HINKU)


def test_energy_needs_a_prefix() -> None:
    energy = EmissionInventory.from_array(
        [[[10.0]]], "GWh / a", areas=["837"], sectors=["Kul"], years=[2023], rule=HINKU
    )
    with pytest.raises(ValueError, match="prefix"):
        to_iamc(energy, model="m", scenario="s")
    table = to_iamc(energy, model="m", scenario="s", prefix="Final Energy")
    assert table["variable"].tolist() == ["Final Energy|Energy|Consumer electricity|Electricity"]
    back = read_iamc(table, rule=HINKU, prefix="Final Energy")
    assert back.value("837", "Kul", 2023).m == 10.0 and str(back.unit) == "GWh/a"
    assert KYOTO_GASES not in table["variable"].iloc[0]


def test_pyam_reads_the_table(inventory: EmissionInventory) -> None:
    pyam = pytest.importorskip("pyam")
    frame = pyam.IamDataFrame(to_iamc(inventory, model="SYKE ALas", scenario="history"))
    assert frame.region == ["Tampere", "Turku"]
    assert len(frame.data) == 7  # pyam drops the not-estimated cell


def test_regions_round_trip_by_name(inventory: EmissionInventory) -> None:
    regions = inventory.to_regions()  # Pirkanmaa and Varsinais-Suomi: not estimated (partial)
    table = to_iamc(regions, model="m", scenario="s", lang="fi")
    assert table["region"].tolist()[::2] == ["Varsinais-Suomi", "Pirkanmaa"]
    back = read_iamc(table, rule=HINKU, area_level="region")
    assert back.areas.labels == regions.areas.labels == ("02", "06")
    np.testing.assert_array_equal(back.magnitude, regions.magnitude)
    assert np.isnan(back.magnitude).all()  # a region missing municipalities stays not estimated
    with pytest.raises(DataFormatError, match="unknown region"):
        read_iamc(table.assign(region="Atlantis"), rule=HINKU, area_level="region")


def test_region_values_round_trip_in_swedish() -> None:
    regions = EmissionInventory.from_array(
        [[[100.0, 90.0]], [[50.0, NaN]]],
        "kt CO2e / a",
        areas=["06", "02"],
        sectors=["total"],
        years=[2023, 2024],
        rule=HINKU,
        area_level="region",
    )
    table = to_iamc(regions, model="m", scenario="s", lang="sv")
    assert table["region"].tolist() == ["Birkaland", "Egentliga Finland"]
    assert table["variable"].tolist() == ["Emissions|Kyoto Gases"] * 2
    back = read_iamc(table, rule=HINKU, area_level="region")
    assert back.areas.labels == ("06", "02") and back.sectors.labels == ("total",)
    np.testing.assert_array_equal(back.magnitude, regions.magnitude)
