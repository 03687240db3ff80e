"""Selecting by region, and the selection never dropping a label silently."""

from __future__ import annotations

import numpy as np
import pytest

from canemure import UnknownNameError
from canemure.io.bundled import pohjois_karjala


def test_region_selects_its_municipalities() -> None:
    inventory = pohjois_karjala()
    chosen = inventory.sel(region="Norra Karelen", years=[2024])
    assert list(chosen.areas) == list(inventory.areas)
    partial = inventory.sel(areas=["167", "276"]).sel(region="12")
    assert list(partial.areas) == ["167", "276"]
    # the region total of a partial selection is not estimated, not a smaller number
    assert np.isnan(partial.to_regions().total().magnitude).all()


def test_region_without_municipalities_and_conflicting_arguments() -> None:
    inventory = pohjois_karjala()
    with pytest.raises(ValueError, match="no municipality of region 'uusimaa'"):
        inventory.sel(region="uusimaa")
    with pytest.raises(ValueError, match="either areas or region"):
        inventory.sel(areas=["167"], region="12")
    with pytest.raises(UnknownNameError, match="Pohjois-Karjala"):
        inventory.sel(region="Pohjois-Karjla")


def test_unknown_labels_are_errors() -> None:
    inventory = pohjois_karjala()
    with pytest.raises(UnknownNameError):
        inventory.sel(areas=["Joensu"])
    with pytest.raises(UnknownNameError):
        inventory.sel(years=[2030])
    with pytest.raises(UnknownNameError):
        inventory.sel(sectors=["Nuclear"])
