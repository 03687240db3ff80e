"""canemure's IAMC tables read by pyam itself (``nox -s pyam``; skipped where pyam is missing).

pyam (``pyam-iamc``) is not in the ``test`` extra: it pulls in ixmp4, a database stack and an
older pandas. The ``pyam`` nox session installs it beside canemure and runs this file, so the
claim "readable by pyam" is checked by pyam, not by a re-implementation of what pyam expects.
"""

from __future__ import annotations

import numpy as np
import pytest

from canemure.io.bundled import pohjois_karjala
from canemure.io.iamc import KYOTO_GASES, read_iamc, to_iamc
from canemure.sectors import HINKU

pyam = pytest.importorskip("pyam")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def frame() -> object:
    """SYKE's Pohjois-Karjala HINKU figures (bundled) at sector levels 3, 2, 1 and the total."""
    inventory = pohjois_karjala()
    levels = [
        inventory,
        inventory.aggregate_sectors(2),
        inventory.aggregate_sectors(1),
        inventory.total(),
    ]
    table = pd.concat([to_iamc(i, model="SYKE ALas", scenario="history") for i in levels])
    return pyam.IamDataFrame(table)


def test_pyam_finds_every_parent_equal_to_the_sum_of_its_sectors(frame: object) -> None:
    """pyam's own aggregation check holds for every variable that has components."""
    checked = 0
    for variable in frame.variable:  # type: ignore[attr-defined]
        children = frame.filter(variable=f"{variable}|*", level=0)  # type: ignore[attr-defined]
        if children.empty:
            continue
        assert frame.check_aggregate(variable) is None, variable  # type: ignore[attr-defined]
        checked += 1
    assert checked >= 5  # the total, the level-1 sectors and the level-2 sectors with children


def test_pyam_region_sum_equals_the_regional_inventory(frame: object) -> None:
    """pyam summing the 13 municipalities gives canemure's region, e.g. 937.2 kt in 2024."""
    inventory = pohjois_karjala()
    summed = frame.aggregate_region(  # type: ignore[attr-defined]
        KYOTO_GASES, region="Pohjois-Karjala"
    ).timeseries()
    region = inventory.to_regions().total()
    expected = region.magnitude[0, 0, :]
    got = summed.iloc[0][list(region.years)].to_numpy(dtype=float)
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert round(float(summed.iloc[0][2024]), 1) == 937.2  # SYKE's published regional total


def test_table_written_by_pyam_reads_back_into_canemure(frame: object, tmp_path: object) -> None:
    """pyam's own CSV of the level-3 variables reads back into the same inventory."""
    inventory = pohjois_karjala()
    level3 = to_iamc(inventory, model="SYKE ALas", scenario="history")
    path = tmp_path / "pk.csv"  # type: ignore[operator]
    pyam.IamDataFrame(level3).to_csv(path)
    back = read_iamc(path, rule=HINKU)
    assert set(back.areas) == set(inventory.areas)
    ordered = back.sel(areas=list(inventory.areas), sectors=list(inventory.sectors))
    np.testing.assert_allclose(ordered.magnitude, inventory.magnitude, rtol=1e-12)
