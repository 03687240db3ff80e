"""Targets as levels: the worked examples on Pohjois-Karjala's published inventory, by hand.

The figures quoted below are the bundled ALas HINKU totals of the 13 municipalities of
Pohjois-Karjala (region 12): 1781.3 kt in 1990, 1686.8 kt in 2007 (published, rounded to 0.1 kt).
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inventories, whole_regions

import canemure.engine.levels as levels_module
from canemure.engine.levels import (
    CLIMATE_ACT,
    HINKU,
    OWN,
    PUBLISHED,
    LevelError,
    ScopeMismatchError,
    TargetLevel,
    own_target,
    rule_for,
    target_level,
)
from canemure.errors import UnitError
from canemure.inventory import EmissionInventory
from canemure.io.bundled import pohjois_karjala
from canemure.published.targets import (
    Target,
    TargetKind,
    national_targets,
    read_city_targets,
    read_region_targets,
)
from canemure.sectors import ALL
from canemure.sectors import HINKU as HINKU_ACCOUNTING
from canemure.units import Q_

PK_1990 = 1781.3
PK_2007 = 1686.8


def national(target_id: str) -> Target:
    return next(t for t in national_targets(include_brief_statements=True) if t.id == target_id)


def regional(target_id: str) -> Target:
    return next(t for t in read_region_targets() if t.id == target_id)


@pytest.fixture(scope="module")
def region() -> EmissionInventory:
    return pohjois_karjala().to_regions()


def test_doctests() -> None:
    assert doctest.testmod(levels_module).failed == 0


def test_published_base_years(region: EmissionInventory) -> None:
    assert region.total().value("12", "total", 2007).m == pytest.approx(PK_2007)
    assert region.total().value("12", "total", 1990).m == pytest.approx(PK_1990)


def test_hinku_minus_80_for_pohjois_karjala_is_337_36_kt(region: EmissionInventory) -> None:
    level = target_level(national("fi-hinku-80"), region)
    expected = PK_2007 * (1 - 0.80)  # 337.36 kt CO2e/a
    assert level.value("12").m == pytest.approx(337.36)
    assert level.value("12").m == pytest.approx(expected)
    assert round(level.value("12").m, 1) == 337.4
    assert level.value("12").units == Q_(1, "kt CO2e / a").units
    assert level.year == 2030 and level.base_year == 2007
    assert level.reduction is not None and level.reduction.m_as("percent") == pytest.approx(80)
    assert level.base_emissions is not None
    assert level.base_emissions.m_as("kt CO2e/a")[0] == pytest.approx(PK_2007)
    # HINKU: the remaining at most 20 % of 2007 may be compensated
    assert level.compensation_allowed is not None
    assert level.compensation_allowed.m_as("kt CO2e/a")[0] == pytest.approx(0.2 * PK_2007)
    assert level.rule is HINKU and level.scope_mismatches == ()
    assert level.scope_label == "within scope"
    assert level.sourced and "satakunta.fi" in level.citation
    assert "sourced" in level.label and "fi-hinku-80" in level.label


def test_municipal_levels_sum_to_the_regional_level(region: EmissionInventory) -> None:
    municipal = target_level(national("fi-hinku-80"), pohjois_karjala())
    assert len(municipal.areas) == 13
    assert municipal.level.m.sum() == pytest.approx(337.36)
    rolled = municipal.rollup({"12": municipal.areas})
    assert rolled.value("12").m == pytest.approx(
        target_level(national("fi-hinku-80"), region).value("12").m
    )
    # Joensuu (167) by hand: its own 2007 emissions x 0.2
    joensuu_2007 = pohjois_karjala().total().value("167", "total", 2007).m
    assert municipal.value("167").m == pytest.approx(joensuu_2007 * 0.2)


def test_unit_of_the_inventory_does_not_matter(region: EmissionInventory) -> None:
    in_tonnes = target_level(national("fi-hinku-80"), region.to("t CO2e / a"))
    assert in_tonnes.value("12").m == pytest.approx(337.36)
    energy = EmissionInventory.from_array(
        np.ones((1, 1, 1)),
        "GWh / a",
        areas=["12"],
        sectors=["Kul"],
        years=[2007],
        rule=region.rule,
        area_level="region",
    )
    with pytest.raises(UnitError, match="GWh"):
        target_level(national("fi-hinku-80"), energy)


def test_hinku_on_another_accounting_needs_a_choice() -> None:
    inventory = pohjois_karjala()
    all_rule = EmissionInventory.from_array(
        inventory.magnitude,
        inventory.unit,
        areas=inventory.areas,
        sectors=inventory.sectors,
        years=inventory.years,
        rule=ALL,
    )
    with pytest.raises(ScopeMismatchError, match=r"accounting hinku.*follows 'all'") as info:
        target_level(national("fi-hinku-80"), all_rule)
    assert isinstance(info.value, ValueError)
    assert 'scope_mismatch="accept"' in str(info.value)
    level = target_level(national("fi-hinku-80"), all_rule, scope_mismatch="accept")
    assert level.scope_label.startswith("scope mismatch accepted: ")
    assert "'all'" in level.scope_label and level.scope_label in level.label


# ----------------------------------------------------------------------------- Climate Act
@pytest.mark.parametrize(
    ("target_id", "share"),
    [("fi-climate-act-2030", 0.4), ("fi-climate-act-2040", 0.2), ("fi-climate-act-2050", 0.1)],
)
def test_climate_act_levels_from_1990(
    region: EmissionInventory, target_id: str, share: float
) -> None:
    with pytest.raises(ScopeMismatchError, match="national target for Finland as a whole"):
        target_level(national(target_id), region)
    level = target_level(national(target_id), region, scope_mismatch="accept")
    assert level.value("12").m == pytest.approx(PK_1990 * share)  # 712.52, 356.26, 178.13
    assert level.base_year == 1990
    assert level.rule is CLIMATE_ACT
    assert "national target" in level.scope_label and "'hinku'" in level.scope_label
    # the bundled row is the brief's; the ministry states the same figures, so it is sourced
    assert level.sourced
    assert "ym.fi/en/finland-s-national-climate-change-policy" in level.citation


def test_climate_act_carbon_neutrality_needs_compensation(region: EmissionInventory) -> None:
    target = national("fi-climate-act-carbon-neutral-2035")
    assert target.kind is TargetKind.CARBON_NEUTRALITY
    with pytest.raises(LevelError, match="max_compensation_share= and base_year="):
        target_level(target, region, scope_mismatch="accept")
    shared = target_level(
        target,
        region,
        scope_mismatch="accept",
        max_compensation_share=Q_(20, "percent"),
        base_year=2007,
    )
    assert shared.value("12").m == pytest.approx(0.2 * PK_2007)
    assert shared.year == 2035 and shared.sourced
    assert any("caller's choice" in note for note in shared.notes)
    assert any("base year 2007 chosen" in note for note in shared.notes)
    given_amount = target_level(
        target, region, scope_mismatch="accept", compensation=Q_(150, "kt CO2e / a")
    )
    assert given_amount.value("12").m == 150.0
    assert given_amount.compensation_allowed is not None
    with pytest.raises(UnitError, match="emission rate"):
        target_level(target, region, scope_mismatch="accept", compensation=Q_(150, "GWh"))


# ----------------------------------------------------------------------------- regional
def test_regional_target_for_its_own_region(region: EmissionInventory) -> None:
    target = regional("pk_ghg_80pct")
    assert rule_for(target) is PUBLISHED
    level = target_level(target, region)
    assert level.value("12").m == pytest.approx(337.36)
    assert level.scope_label == "within scope"
    assert any("accounting of pk_ghg_80pct is not stated" in n for n in level.notes)
    municipal = target_level(target, pohjois_karjala())  # its municipalities: within scope
    assert municipal.scope_mismatches == ()


def test_regional_target_for_another_region_needs_a_choice(region: EmissionInventory) -> None:
    with pytest.raises(ScopeMismatchError, match="published for pirkanmaa, applied to area"):
        target_level(regional("pir_total_80pct"), region)


def test_absolute_regional_level() -> None:
    target = regional("ph_total_2030")  # Päijät-Häme 378.4 kt CO2e/a in 2030
    inventory = pohjois_karjala().to_regions()
    level = target_level(target, inventory, scope_mismatch="accept")
    assert level.value("12").m == pytest.approx(378.4)
    assert level.base_year is None and level.kind is TargetKind.ABSOLUTE_LEVEL
    with pytest.raises(LevelError, match="cannot be split between municipalities"):
        target_level(target, pohjois_karjala(), scope_mismatch="accept")


def test_sectoral_target_covers_the_chosen_sectors(region: EmissionInventory) -> None:
    level = target_level(regional("pk_ghg_80pct"), region, sectors=["Tie"])
    road_2007 = region.value("12", "Tie", 2007).m
    assert level.value("12").m == pytest.approx(road_2007 * 0.2)
    assert level.covered == ("Tie",)
    assert any("covers sectors Tie" in n for n in level.notes)


def test_proportional_allocation(region: EmissionInventory) -> None:
    level = target_level(national("fi-hinku-80"), region, allocate="proportional")
    assert level.sectors == region.sectors.labels and level.sector_levels is not None
    by_sector = level.sector_levels.m_as("kt CO2e/a")[0]
    assert by_sector.sum() == pytest.approx(337.36)
    base_2007 = region.magnitude[0, :, region.years.position(2007)]
    np.testing.assert_allclose(by_sector, base_2007 * 0.2)
    absolute = target_level(
        regional("ph_total_2030"),
        region,
        scope_mismatch="accept",
        allocate="proportional",
        allocation_year=2024,
    )
    assert absolute.sector_levels is not None
    shares_2024 = region.magnitude[0, :, -1] / region.magnitude[0, :, -1].sum()
    np.testing.assert_allclose(absolute.sector_levels.m[0], 378.4 * shares_2024)
    with pytest.raises(LevelError, match="allocation_year="):
        target_level(
            regional("ph_total_2030"), region, scope_mismatch="accept", allocate="proportional"
        )


def test_errors_name_what_is_missing(region: EmissionInventory) -> None:
    with pytest.raises(LevelError, match="base year 2007 is not an inventory year"):
        target_level(national("fi-hinku-80"), region.sel(years=range(2010, 2025)))
    espoo = next(t for t in read_city_targets() if t.per_resident)
    with pytest.raises(LevelError, match="per-resident"):
        target_level(espoo, region, scope_mismatch="accept")
    with pytest.raises(LevelError, match="not one of this level's areas"):
        target_level(national("fi-hinku-80"), region).value("167")


def test_not_estimated_base_year_gives_a_not_estimated_level() -> None:
    inventory = pohjois_karjala()
    values = inventory.magnitude.copy()
    values[0, 0, inventory.years.position(2007)] = np.nan
    holed = EmissionInventory.from_array(
        values,
        inventory.unit,
        areas=inventory.areas,
        sectors=inventory.sectors,
        years=inventory.years,
        rule=inventory.rule,
    )
    level = target_level(national("fi-hinku-80"), holed)
    assert np.isnan(level.level.m[0]) and not np.isnan(level.level.m[1:]).any()
    assert np.isnan(level.rollup({"12": level.areas}).level.m[0])


# ----------------------------------------------------------------------------- properties
@given(st.data())
def test_level_rollup_equals_level_of_the_sum(data: st.DataObject) -> None:
    areas = data.draw(whole_regions(max_regions=2))
    inventory = data.draw(inventories(areas=areas, level=3, max_years=3, max_holes=2))
    base = data.draw(st.sampled_from(inventory.years.labels))
    target = national("fi-climate-act-2030")
    kwargs = {"scope_mismatch": "accept", "base_year": base, "allocate": "proportional"}
    municipal = target_level(target, inventory, **kwargs)  # type: ignore[arg-type]
    regional_level = target_level(target, inventory.to_regions(), **kwargs)  # type: ignore[arg-type]
    rolled = municipal.rollup(_groups(inventory))
    assert rolled.areas == regional_level.areas
    np.testing.assert_allclose(rolled.level.m, regional_level.level.m, rtol=1e-9, equal_nan=True)
    assert rolled.sector_levels is not None and regional_level.sector_levels is not None
    np.testing.assert_allclose(
        rolled.sector_levels.m,
        regional_level.sector_levels.m,
        rtol=1e-9,
        atol=1e-9,
        equal_nan=True,
    )


def _groups(inventory: EmissionInventory) -> dict[str, tuple[str, ...]]:
    from canemure.inventory._plans import region_groups

    return dict(region_groups(inventory.areas.labels))


@given(st.floats(0.0, 100.0), st.floats(1.0, 1e6))
def test_reduction_level_is_base_times_remaining_share(cut: float, base: float) -> None:
    inventory = EmissionInventory.from_array(
        np.array([[[base]]]),
        "t CO2e / a",
        areas=["12"],
        sectors=["Kul"],
        years=[2007],
        rule=HINKU_ACCOUNTING,
        area_level="region",
    )
    target = Target(
        id="test-cut",
        region_id="pohjois-karjala",
        city=None,
        municipality_code=None,
        text="test",
        kind=TargetKind.REDUCTION_PERCENT,
        value_text=str(cut),
        unit_text="% reduction",
        value=Q_(cut, "percent"),
        value_note=None,
        base_year=2007,
        base_year_text="2007",
        target_year=2030,
        target_year_text="2030",
        source="test",
        quote="",
    )
    level = target_level(target, inventory)
    assert isinstance(level, TargetLevel)
    assert level.value("12").m_as("t CO2e / a") == pytest.approx(base * (1 - cut / 100))
    assert level.value("12").m >= 0


def test_a_target_naming_no_area_is_the_callers_own() -> None:
    own = Target(
        id="scenario-cut",
        region_id=None,
        city=None,
        municipality_code=None,
        text="test",
        kind=TargetKind.REDUCTION_PERCENT,
        value_text="50",
        unit_text="% reduction",
        value=Q_(50, "percent"),
        value_note=None,
        base_year=2007,
        base_year_text="2007",
        target_year=2035,
        target_year_text="2035",
        source="test",
        quote="",
    )
    assert rule_for(own) is OWN
    level = target_level(own, pohjois_karjala())
    assert level.scope_label == "within scope" and not level.sourced
    assert level.level.m.sum() == pytest.approx(0.5 * PK_2007)


def test_choices_are_checked(region: EmissionInventory) -> None:
    with pytest.raises(ValueError, match='scope_mismatch must be "error" or "accept"'):
        target_level(national("fi-hinku-80"), region, scope_mismatch="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="allocate must be"):
        target_level(national("fi-hinku-80"), region, allocate="even")  # type: ignore[arg-type]


def test_own_targets_without_a_record(region: EmissionInventory) -> None:
    half = own_target("half", 2035, reduction=Q_(50, "percent"), base_year=2007)
    assert target_level(half, region).value("12").m == pytest.approx(0.5 * PK_2007)
    absolute = own_target("cap", 2040, level=Q_(300_000, "t CO2e / a"))
    capped = target_level(absolute, region)
    assert capped.value("12").m == pytest.approx(300.0) and capped.year == 2040
    neutral = own_target("net-zero", 2035, neutral=True)
    with pytest.raises(LevelError, match="carbon neutrality"):
        target_level(neutral, region)
    assert target_level(neutral, region, compensation=Q_(90, "kt CO2e/a")).value("12").m == 90
    with pytest.raises(LevelError, match="exactly one"):
        own_target("both", 2035, reduction=Q_(50, "percent"), base_year=2007, neutral=True)
    with pytest.raises(LevelError, match="base_year="):
        own_target("no-base", 2035, reduction=Q_(50, "percent"))
    with pytest.raises(UnitError, match="percentage"):
        own_target("kt", 2035, reduction=Q_(50, "kt CO2e/a"), base_year=2007)
    with pytest.raises(UnitError, match="emission rate"):
        own_target("gwh", 2035, level=Q_(50, "GWh/a"))
