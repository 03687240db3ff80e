"""EmissionInventory, Population, Axis, coverage and records: the API case by case.

The numbers here are made up to make each case easy to check by eye (they are test inputs,
not emissions); real figures are tested in ``test_worked_examples.py``.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from canemure.errors import (
    DataFormatError,
    MissingDependencyError,
    UnitError,
    UnknownCodeError,
    UnknownNameError,
)
from canemure.geography import gazetteer
from canemure.inventory import (
    Axis,
    Coverage,
    EmissionInventory,
    EmissionRecord,
    Population,
    Source,
    from_records,
)
from canemure.sectors import ALL, ESR, HINKU, sector_hierarchy
from canemure.units import Q_

NaN = math.nan
SOURCE_A = Source(id="test:a", title="Test source A")
SOURCE_B = Source(id="test:b", title="Test source B", publisher="Tester", path="b.csv")


def level3(
    values: list[list[list[float]]],
    areas: list[str],
    sectors: list[str],
    years: list[int],
    *,
    unit: str = "kt CO2e / a",
    source: Source | None = SOURCE_A,
    population: Population | None = None,
    rule: object = HINKU,
) -> EmissionInventory:
    return EmissionInventory.from_array(
        values,
        unit,
        areas=areas,
        sectors=sectors,
        years=years,
        rule=rule,  # type: ignore[arg-type]
        source=source,
        population=population,
    )


@pytest.fixture
def small() -> EmissionInventory:
    """Joensuu and Liperi, sectors Kul/Säh/Tie, years 2020-2021."""
    return level3(
        [
            [[1.0, 2.0], [3.0, 4.0], [10.0, 20.0]],
            [[0.5, 0.5], [1.5, 2.5], [5.0, NaN]],
        ],
        ["167", "426"],
        ["Kul", "Säh", "Tie"],
        [2020, 2021],
    )


# ----------------------------------------------------------------------------- construction
def test_from_array(small: EmissionInventory) -> None:
    assert small.shape == (2, 3, 2)
    assert small.sector_level == 3
    assert small.unit == Q_(1, "kt CO2e / a").units
    assert small.sources == {"167": (SOURCE_A,), "426": (SOURCE_A,)}
    assert small.area_level == "municipality"
    assert small.magnitude.dtype == np.float64
    assert small.estimated.sum() == 11
    assert repr(small) == (
        "<EmissionInventory 2 municipalities x 3 level-3 sectors x 2 years (2020-2021), "
        "kt CO2e/a, rule 'hinku'>"
    )


def test_from_array_without_source_has_no_sources() -> None:
    inventory = level3([[[1.0]]], ["167"], ["Kul"], [2020], source=None)
    assert inventory.sources == {}


def test_construction_is_validated() -> None:
    ok = Q_(np.zeros((1, 1, 2)), "kt CO2e / a")
    with pytest.raises(ValueError, match=r"shape \(1, 1, 2\), expected \(1, 1, 3\)"):
        EmissionInventory(ok, ["167"], ["Kul"], [2020, 2021, 2022], HINKU)
    with pytest.raises(ValueError, match=r"one hierarchy level, got levels \[3, 4\]"):
        EmissionInventory(Q_(np.zeros((1, 2, 2)), "kt"), ["167"], ["Kul", "Kul/Kul"], [1, 2], ALL)
    with pytest.raises(ValueError, match="years must be ascending"):
        EmissionInventory(ok, ["167"], ["Kul"], [2021, 2020], HINKU)
    with pytest.raises(UnitError, match="pint Quantity, got ndarray"):
        EmissionInventory(np.zeros((1, 1, 2)), ["167"], ["Kul"], [2020, 2021], HINKU)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float64, got int64"):
        EmissionInventory(
            Q_(np.zeros((1, 1, 2), dtype=np.int64), "kt"), ["167"], ["Kul"], [1, 2], ALL
        )
    with pytest.raises(TypeError, match="3-d numpy array"):
        EmissionInventory(Q_(np.zeros((1, 2)), "kt"), ["167"], ["Kul"], [1, 2], ALL)
    with pytest.raises(ValueError, match="area axis has duplicate labels: 167"):
        EmissionInventory(Q_(np.zeros((2, 1, 2)), "kt"), ["167", "167"], ["Kul"], [1, 2], ALL)
    with pytest.raises(UnknownNameError, match="'Kull'"):
        EmissionInventory(ok, ["167"], ["Kull"], [2020, 2021], HINKU)


# ----------------------------------------------------------------------------- access
def test_value_by_code_or_name(small: EmissionInventory) -> None:
    assert small.value("167", "Tie", 2021) == Q_(20.0, "kt CO2e / a")
    assert small.value("Joensuu", "Tieliikenne", 2021) == Q_(20.0, "kt CO2e / a")
    assert small.value("Liperi", "Road transport", 2020).m_as("t CO2e / a") == 5000.0
    assert math.isnan(small.value("Liperi", "Tie", 2021).magnitude)  # not estimated, not 0
    with pytest.raises(UnknownNameError):
        small.value("Joensuu", "Tie", 2030)


def test_to_converts_the_whole_array(small: EmissionInventory) -> None:
    tonnes = small.to("t CO2e / a")
    assert tonnes.magnitude[0, 2, 1] == 20_000.0
    assert np.isnan(tonnes.magnitude[1, 2, 1])
    assert tonnes.areas == small.areas
    with pytest.raises(UnitError, match="EUR") as err:
        small.to("EUR")
    assert isinstance(err.value, ValueError)


# ----------------------------------------------------------------------------- selection
def test_sel_by_codes_names_and_years(small: EmissionInventory) -> None:
    chosen = small.sel(areas=["Liperi"], sectors=["Tieliikenne", "Kul"], years=2020)
    assert list(chosen.areas) == ["426"]
    assert list(chosen.sectors) == ["Tie", "Kul"]
    assert list(chosen.years) == [2020]
    assert chosen.magnitude.tolist() == [[[5.0], [0.5]]]
    assert chosen.sources == {"426": (SOURCE_A,)}
    assert list(small.sel(years=range(2020, 2022)).years) == [2020, 2021]
    assert list(small.sel(areas="167").areas) == ["167"]
    assert list(small.sel(region="Norra Karelen").areas) == ["167", "426"]


def test_sel_result_does_not_share_memory(small: EmissionInventory) -> None:
    chosen = small.sel(areas=["167"])
    assert not np.shares_memory(chosen.magnitude, small.magnitude)


def test_sel_unknown_names_raise_with_suggestions(small: EmissionInventory) -> None:
    with pytest.raises(UnknownNameError) as err:
        small.sel(areas=["Joensu"])
    assert "Joensuu" in err.value.suggestions
    with pytest.raises(UnknownNameError) as err:
        small.sel(areas=["Kontiolahti"])  # a real municipality this inventory lacks
    assert "not in this inventory" in str(err.value)
    with pytest.raises(UnknownCodeError):
        small.sel(areas=["999"])
    with pytest.raises(UnknownNameError) as err:
        small.sel(sectors=["Tieliikene"])
    assert err.value.suggestions[0] == "Tieliikenne"
    with pytest.raises(UnknownNameError) as err:
        small.sel(years=[2022])
    assert err.value.suggestions  # the years it has, closest first
    with pytest.raises(UnknownNameError):
        small.sel(region="Pohjois-Karjla")


# ----------------------------------------------------------------------------- aggregation
def test_aggregate_sectors(small: EmissionInventory) -> None:
    assert small.aggregate_sectors(3) is small
    level2 = small.aggregate_sectors(2)
    assert list(level2.sectors) == [
        "energia/kulutussahko",
        "energia/rakennusten-lammitys",
        "energia/liikenne",
    ]
    total = small.total()
    assert list(total.sectors) == ["total"]
    assert total.magnitude[:, 0, :].tolist()[0] == [14.0, 26.0]
    assert total.magnitude[1, 0, 0] == 7.0
    assert np.isnan(total.magnitude[1, 0, 1])  # Liperi 2021 lacks road transport
    assert total.unit == small.unit
    assert total.sources == small.sources
    with pytest.raises(ValueError, match="cannot disaggregate sectors from level 0 to level 3"):
        total.aggregate_sectors(3)


def test_aggregate_sectors_groups_children_wherever_they_sit() -> None:
    # children of one parent need not be neighbours on the sector axis
    inventory = level3(
        [[[1.0], [2.0], [4.0], [8.0]]], ["167"], ["Kul", "Tie", "Säh", "Rai"], [2020]
    )
    level2 = inventory.aggregate_sectors(2)
    assert list(level2.sectors) == [
        "energia/kulutussahko",
        "energia/liikenne",
        "energia/rakennusten-lammitys",
    ]
    assert level2.magnitude[0, :, 0].tolist() == [1.0, 10.0, 4.0]
    assert inventory.aggregate_sectors(1).magnitude.tolist() == [[[15.0]]]


def test_aggregate_areas(small: EmissionInventory) -> None:
    population = Population.from_mapping({("167", 2020): 77_000.0, ("426", 2020): 12_000.0})
    inventory = small.with_population(population)
    groups = inventory.aggregate_areas({"both": ["167", "426"], "with a gap": ["167", "276"]})
    assert list(groups.areas) == ["both", "with a gap"]
    assert groups.area_level == "group"
    assert groups.magnitude[0, :, 0].tolist() == [1.5, 4.5, 15.0]
    assert np.isnan(groups.magnitude[0, 2, 1])  # a member not estimated
    assert np.isnan(groups.magnitude[1]).all()  # a member missing altogether
    assert groups.sources == {"both": (SOURCE_A,), "with a gap": (SOURCE_A,)}
    assert groups.population is not None
    assert groups.population.at(["both"], [2020]).magnitude.tolist() == [[89_000.0]]
    assert np.isnan(groups.population.at(["with a gap"], [2020]).magnitude).all()
    empty = small.aggregate_areas({"nobody": []})
    assert np.isnan(empty.magnitude).all()


def test_aggregate_areas_refuses_a_member_listed_twice(small: EmissionInventory) -> None:
    with pytest.raises(ValueError, match="group 'g' lists 167 more than once"):
        small.aggregate_areas({"g": ["167", "426", "167"]})
    population = Population.from_mapping({("167", 2020): 1.0})
    with pytest.raises(ValueError, match="group 'g' lists 167 more than once"):
        population.aggregate({"g": ["167", "167"]})


def test_aggregate_areas_collects_each_source_once() -> None:
    a = level3([[[1.0]]], ["167"], ["Kul"], [2020], source=SOURCE_A)
    b = level3([[[2.0]]], ["426"], ["Kul"], [2020], source=SOURCE_B)
    both = a.merge(b).aggregate_areas({"g": ["167", "426"], "h": ["426"]})
    assert both.sources == {"g": (SOURCE_A, SOURCE_B), "h": (SOURCE_B,)}


def test_to_regions(small: EmissionInventory) -> None:
    regions = small.to_regions()
    assert list(regions.areas) == ["12"]
    assert regions.area_level == "region"
    assert np.isnan(regions.magnitude).all()  # 2 of Pohjois-Karjala's 13 municipalities
    assert list(small.to_regions(["Pohjois-Karjala", "Uusimaa"]).areas) == ["12", "01"]
    with pytest.raises(UnknownNameError):
        small.to_regions(["Pohjois-Karjla"])
    with pytest.raises(ValueError, match="needs municipalities, this inventory holds regions"):
        regions.to_regions()
    with pytest.raises(ValueError, match="region selection needs municipalities"):
        regions.sel(region="12")


# ----------------------------------------------------------------------------- derived
def test_per_resident(small: EmissionInventory) -> None:
    with pytest.raises(ValueError, match="no population"):
        small.per_resident()
    population = Population.from_mapping({("167", 2020): 80_000.0, ("426", 2021): 12_500.0})
    per = small.with_population(population).per_resident()
    assert per.unit == Q_(1, "t CO2e / resident / a").units
    assert per.what == "emissions per resident"
    assert per.areas == small.areas and per.sectors == small.sectors and per.years == small.years
    assert per.magnitude[0, 2, 0] == pytest.approx(10_000.0 / 80_000.0)
    assert np.isnan(per.magnitude[0, :, 1]).all()  # population not known: not estimated
    assert per.magnitude[1, 1, 1] == pytest.approx(2_500.0 / 12_500.0)
    kg = small.with_population(population).per_resident("kg CO2e / resident / a")
    assert kg.magnitude[0, 2, 0] == pytest.approx(125.0)
    with pytest.raises(UnitError):
        small.with_population(population).per_resident("EUR / resident")


def test_change_and_shares(small: EmissionInventory) -> None:
    change = small.change(2020)
    assert change.unit == Q_(1, "percent").units
    assert change.what == "change since 2020"
    assert change.magnitude[0, :, 1].tolist() == [100.0, pytest.approx(100 / 3), 100.0]
    assert change.magnitude[1, 0, 1] == 0.0
    assert np.isnan(change.magnitude[1, 2, 1])
    zero = level3([[[0.0, 1.0]]], ["167"], ["Kul"], [2020, 2021]).change(2020)
    assert np.isnan(zero.magnitude[0, 0, 1])  # no relative change from zero
    shares = small.shares()
    assert shares.what == "share of area total"
    assert shares.magnitude[0, :, 0].sum() == pytest.approx(100.0)
    assert shares.magnitude[0, 2, 0] == pytest.approx(1000 / 14)
    assert np.isnan(shares.magnitude[1, :, 1]).all()  # total not estimated
    with pytest.raises(UnknownNameError):
        small.change(1990)


# ----------------------------------------------------------------------------- merge
def test_merge_other_wins_where_estimated() -> None:
    base = level3([[[1.0, 2.0]], [[3.0, 4.0]]], ["167", "426"], ["Kul"], [2020, 2021])
    update = level3(
        [[[NaN, 20_000.0, 30_000.0]]],
        ["426"],
        ["Kul"],
        [2020, 2021, 2022],
        unit="t CO2e / a",
        source=SOURCE_B,
    )
    merged = base.merge(update)
    assert list(merged.areas) == ["167", "426"]
    assert list(merged.years) == [2020, 2021, 2022]
    assert merged.unit == base.unit
    assert merged.magnitude[:, 0, :].tolist()[0][:2] == [1.0, 2.0]
    assert np.isnan(merged.magnitude[0, 0, 2])
    assert merged.magnitude[1, 0].tolist() == [3.0, 20.0, 30.0]  # other's NaN keeps base's 3.0
    assert merged.sources == {"167": (SOURCE_A,), "426": (SOURCE_B, SOURCE_A)}


def test_merge_places_interleaved_axes_by_label() -> None:
    # other's areas, sectors and years interleave with base's: nothing lands by position
    base = level3([[[1.0, 3.0], [2.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]],
                  ["167", "426"], ["Kul", "Tie"], [2020, 2022])  # fmt: skip
    other = level3([[[10.0, NaN]], [[30.0, 40.0]]], ["276", "167"], ["Tie"], [2021, 2022])
    merged = base.merge(other)
    assert list(merged.areas) == ["167", "426", "276"]
    assert list(merged.sectors) == ["Kul", "Tie"]
    assert list(merged.years) == [2020, 2021, 2022]
    by_hand = [
        [[1.0, NaN, 3.0], [2.0, 30.0, 40.0]],  # 167: Tie 2021 new, Tie 2022 from other
        [[5.0, NaN, 6.0], [7.0, NaN, 8.0]],  # 426: base only
        [[NaN, NaN, NaN], [NaN, 10.0, NaN]],  # 276: other only; its NaN stays not estimated
    ]
    np.testing.assert_array_equal(merged.magnitude, np.array(by_hand))
    appended = base.merge(level3([[[9.0, 9.5]]], ["276"], ["Kul", "Tie"][:1], [2020, 2022]))
    np.testing.assert_array_equal(appended.magnitude[:2], base.magnitude)  # block copy path
    assert appended.magnitude[2].tolist()[0] == [9.0, 9.5]
    assert np.isnan(appended.magnitude[2, 1]).all()


def test_merge_appending_new_areas_equals_placing_them() -> None:
    base = level3([[[1.0, NaN]], [[2.0, 3.0]]], ["167", "426"], ["Kul"], [2020, 2021])
    new = level3([[[NaN, 4.0]]], ["276"], ["Kul"], [2020, 2021], source=SOURCE_B)
    merged = base.merge(new)  # appended in one copy
    placed = new.merge(base)  # the general path, other order
    assert list(merged.areas) == ["167", "426", "276"]
    np.testing.assert_array_equal(merged.magnitude, [[[1.0, NaN]], [[2.0, 3.0]], [[NaN, 4.0]]])
    np.testing.assert_array_equal(merged.magnitude, placed.sel(areas=merged.areas).magnitude)
    assert merged.sources == {"167": (SOURCE_A,), "426": (SOURCE_A,), "276": (SOURCE_B,)}


def test_derived_inventories_are_still_checked(small: EmissionInventory) -> None:
    with pytest.raises(ValueError, match="years must be ascending"):
        small.sel(years=[2021, 2020])
    with pytest.raises(ValueError, match="duplicate labels: 167"):
        small.sel(areas=["167", "167"])
    chosen = small.sel(areas=["426"], sectors=["Tie", "Kul"], years=[2021])
    assert np.isnan(chosen.magnitude[0, 0, 0])  # 426 Tie 2021: not estimated
    assert chosen.magnitude[0, 1, 0] == 0.5
    assert chosen.magnitude.flags["C_CONTIGUOUS"]
    assert not np.shares_memory(chosen.magnitude, small.magnitude)


def test_merge_refuses_another_rule_and_aligns_levels() -> None:
    base = level3([[[1.0], [2.0]]], ["167"], ["Kul", "Tie"], [2020])
    with pytest.raises(ValueError, match="cannot merge rule 'esr' into rule 'hinku'"):
        base.merge(level3([[[1.0]]], ["167"], ["Kul"], [2020], rule=ESR))
    coarse = level3([[[5.0]]], ["426"], ["Kul"], [2020]).aggregate_sectors(1)
    merged = base.merge(coarse)
    assert merged.sector_level == 1
    assert merged.magnitude[:, 0, 0].tolist() == [3.0, 5.0]


def test_merge_merges_population() -> None:
    a = level3([[[1.0]]], ["167"], ["Kul"], [2020]).with_population(
        Population.from_mapping({("167", 2020): 10.0})
    )
    b = level3([[[1.0]]], ["426"], ["Kul"], [2020]).with_population(
        Population.from_mapping({("426", 2020): 20.0, ("167", 2020): 11.0})
    )
    merged = a.merge(b)
    assert merged.population is not None
    assert merged.population.at(["167", "426"], [2020]).magnitude.tolist() == [[11.0], [20.0]]


# ----------------------------------------------------------------------------- coverage
def test_coverage(small: EmissionInventory) -> None:
    coverage = small.coverage()
    assert isinstance(coverage, Coverage)
    assert (coverage.total_cells, coverage.estimated_cells) == (12, 11)
    assert coverage.fraction == pytest.approx(11 / 12)
    assert not coverage.is_complete
    assert [(g.area, g.year, g.sectors) for g in coverage.gaps] == [("426", 2021, ("Tie",))]
    assert coverage.complete_areas == ("167",)
    assert str(coverage) == "11 of 12 values estimated (91.7 %)\n  426 2021: not estimated for Tie"


def test_coverage_lists_at_most_20_gaps_in_text() -> None:
    values = np.full((25, 1, 1), NaN)
    codes = [f"{n:03d}" for n in (5, 9, 10, 16, 18, 19, 20, 35, 43, 46, 47, 49, 50, 51, 52)]
    codes += ["061", "062", "065", "069", "071", "072", "074", "075", "076", "077"]
    coverage = level3(values.tolist(), codes, ["Kul"], [2020]).coverage()
    assert len(coverage.gaps) == 25
    assert str(coverage).endswith("... and 5 more area-years")
    assert coverage.fraction == 0.0


# ----------------------------------------------------------------------------- records
def test_records_keep_not_estimated_as_none(small: EmissionInventory) -> None:
    records = small.to_records()
    assert len(records) == 12
    assert records[0] == EmissionRecord("167", "Kul", 2020, 1.0, "kt CO2e/a")
    assert EmissionRecord("426", "Tie", 2021, None, "kt CO2e/a") in records
    back = from_records(records, rule=HINKU, sources=small.sources)
    assert back.areas == small.areas and back.sectors == small.sectors
    assert np.array_equal(back.magnitude, small.magnitude, equal_nan=True)
    assert back.sources == small.sources
    assert back.to_records() == records


def test_records_round_trip_a_gas_in_the_denominator() -> None:
    # "€/t CO2e" would parse back as (€/t)*CO2e; the records must carry a parseable unit
    cost = level3([[[35.0]]], ["405"], ["Kau"], [2024], unit="EUR / (t CO2e)")
    back = from_records(cost.to_records(), rule=HINKU)
    assert back.unit == cost.unit
    assert back.value("405", "Kau", 2024) == Q_(35.0, "EUR / (t CO2e)")


def test_from_records_reports_every_problem() -> None:
    records = [
        EmissionRecord("167", "Kul", 2020, 1.0, "kt CO2e/a"),
        EmissionRecord("167", "Kul", 2020, 2.0, "kt CO2e/a"),
        EmissionRecord("167", "Tie", 2020, 1.0, "GWh/a"),
        EmissionRecord("167", "Tie", 2020, 1.0, "GWh/a"),
    ]
    with pytest.raises(DataFormatError) as err:
        from_records(records, rule=HINKU)
    messages = [str(p) for p in err.value.problems]
    assert len(messages) == 3
    assert "records mix units ['GWh/a', 'kt CO2e/a']" in messages[0]
    assert messages[1] == "line 2: duplicate record (value ('167', 'Kul', 2020))"
    assert messages[2] == "line 4: duplicate record (value ('167', 'Tie', 2020))"


def test_from_records_fills_missing_cells_with_not_estimated() -> None:
    records = [
        EmissionRecord("167", "Kul", 2020, 1.0, "kt CO2e/a"),
        EmissionRecord("426", "Tie", 2021, 2.0, "kt CO2e/a"),
    ]
    inventory = EmissionInventory.from_records(records, rule=HINKU)
    assert inventory.shape == (2, 2, 2)
    assert inventory.estimated.sum() == 2
    assert inventory.coverage().fraction == 0.25


# ----------------------------------------------------------------------------- optional exports
@pytest.mark.parametrize(("method", "package"), [("to_pandas", "pandas"), ("to_xarray", "xarray")])
def test_exports_name_the_missing_extra(
    small: EmissionInventory, method: str, package: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, package, None)  # import fails as if not installed
    with pytest.raises(MissingDependencyError, match=rf"canemure\[{package}\]"):
        getattr(small, method)()


def test_to_pandas(small: EmissionInventory) -> None:
    pytest.importorskip("pandas")
    frame = small.to_pandas()
    assert len(frame) == 12
    assert frame.attrs == {"unit": "kt CO2e/a", "rule": "hinku"}
    assert frame["value"].isna().sum() == 1
    # categorical labels in axis order; rows in axis order (areas, then sectors, then years)
    assert list(frame["area"].cat.categories) == ["167", "426"]
    assert list(frame["sector"].cat.categories) == ["Kul", "Säh", "Tie"]
    assert str(frame["year"].dtype) == "int64"
    assert frame.iloc[3].tolist() == ["167", "Säh", 2021, 4.0, "kt CO2e/a"]
    assert frame.iloc[11, :3].tolist() == ["426", "Tie", 2021]
    assert np.isnan(frame.iloc[11, 3])


def test_to_xarray(small: EmissionInventory) -> None:
    pytest.importorskip("xarray")
    array = small.to_xarray()
    assert array.dims == ("area", "sector", "year")
    assert float(array.sel(area="167", sector="Tie", year=2021)) == 20.0


# ----------------------------------------------------------------------------- parts
def test_axis() -> None:
    axis = Axis("area", ["167", "426", "276"])
    assert len(axis) == 3
    assert list(axis) == ["167", "426", "276"]
    assert "426" in axis and "999" not in axis
    assert axis.position("276") == 2
    assert axis.positions(["276", "167"]).tolist() == [2, 0]
    assert axis.positions([]).tolist() == []
    with pytest.raises(UnknownNameError, match="area \\(not in this inventory\\) '168'"):
        axis.positions(["167", "168"])
    with pytest.raises(ValueError, match="duplicate labels: 167, 426"):
        Axis("area", ["167", "426", "167", "426"])
    same = Axis("other", ["167", "426", "276"])
    assert axis == same
    assert hash(axis) == hash(same)  # equal objects hash equal
    assert axis != Axis("area", ["426", "167", "276"])
    assert repr(axis) == "Axis('area', ['167', '426', '276'])"


def test_population() -> None:
    population = Population.from_mapping(
        {("167", 2020): 77_000.0, ("426", 2021): 12_000.0}, source=SOURCE_A
    )
    assert list(population.areas) == ["167", "426"]
    assert list(population.years) == [2020, 2021]
    assert np.isnan(population.values.magnitude[0, 1])  # absent: not known, never 0
    at = population.at(["426", "999"], [2021, 2030]).magnitude
    assert at[0, 0] == 12_000.0
    assert np.isnan([at[0, 1], at[1, 0], at[1, 1]]).all()
    reordered = population.at(["426", "167"], [2021, 2020]).magnitude  # rows and years gathered
    assert reordered[0, 0] == 12_000.0 and np.isnan(reordered[0, 1])
    assert reordered[1, 1] == 77_000.0
    same = population.at(population.areas, population.years)  # the stored table, as a copy
    np.testing.assert_array_equal(same.magnitude, population.values.magnitude)
    same.magnitude[0, 0] = -1.0
    assert population.values.magnitude[0, 0] == 77_000.0
    with pytest.raises(UnitError, match="residents"):
        Population(Q_(np.ones((1, 1)), "kt"), ["167"], [2020])
    with pytest.raises(ValueError, match="expected \\(1, 2\\)"):
        Population(Q_(np.ones((1, 1)), "resident"), ["167"], [2020, 2021])
    with pytest.raises(TypeError, match="one Quantity of a numpy array"):
        Population(Q_(5.0, "resident"), ["167"], [2020])


def test_population_merge_and_aggregate() -> None:
    a = Population.from_mapping({("167", 2020): 1.0, ("426", 2020): 2.0})
    b = Population.from_mapping({("426", 2020): 3.0, ("426", 2021): 4.0})
    merged = a.merge(b)
    assert merged.at(["167", "426"], [2020, 2021]).magnitude.tolist()[1] == [3.0, 4.0]
    assert np.isnan(merged.at(["167"], [2021]).magnitude).all()
    grouped = merged.aggregate({"g": ["167", "426"]})
    assert grouped.at(["g"], [2020]).magnitude.tolist() == [[4.0]]
    assert np.isnan(grouped.at(["g"], [2021]).magnitude).all()  # 167 unknown in 2021


def test_source_text() -> None:
    assert str(SOURCE_A) == "Test source A"
    assert str(SOURCE_B) == "Test source B; Tester; b.csv"
    assert str(Source("x", "T", url="https://example.org")) == "T; https://example.org"


@pytest.mark.parametrize("years", [[2020], list(range(1990, 2030))])
def test_to_regions_sums_small_and_large_arrays_alike(years: list[int]) -> None:
    # one year is gathered and summed in one call, forty are summed region by region
    gaz = gazetteer()
    codes = [m.code for m in gaz.municipalities if m.code != "005"]  # Alajärvi missing
    keys = [leaf.key for leaf in sector_hierarchy().leaves]
    rng = np.random.default_rng(7)
    values = rng.uniform(0, 10, size=(len(codes), len(keys), len(years)))
    inventory = EmissionInventory.from_array(
        values, "kt CO2e / a", areas=codes, sectors=keys, years=years, rule=ALL
    )
    regions = inventory.to_regions()
    for r, region in enumerate(regions.areas):
        members = [m.code for m in gaz.municipalities_of(region)]
        if "005" in members:
            assert np.isnan(regions.magnitude[r]).all()
        else:
            rows = [codes.index(m) for m in members]
            np.testing.assert_allclose(regions.magnitude[r], values[rows].sum(axis=0))


def test_sector_sums_are_the_same_by_slices_and_by_reduceat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from canemure.inventory import inventory as module

    leaves = [leaf.key for leaf in sector_hierarchy().leaves]
    rng = np.random.default_rng(3)
    values = rng.uniform(0, 10, size=(3, len(leaves), 4))
    values[1, 5, 2] = NaN  # not estimated propagates either way
    shuffled = [leaves[i] for i in rng.permutation(len(leaves))]  # groups need a permutation
    for sectors in (leaves, shuffled):
        inventory = level3(
            values.tolist(), ["167", "426", "276"], sectors, [2020, 2021, 2022, 2023]
        )
        by_slices = inventory.aggregate_sectors(3)
        monkeypatch.setattr(module, "_SLICE_SUM_BYTES", 0)  # every array counts as large
        by_reduceat = inventory.aggregate_sectors(3)
        monkeypatch.undo()
        assert by_slices.sectors == by_reduceat.sectors
        np.testing.assert_allclose(by_slices.magnitude, by_reduceat.magnitude, rtol=1e-12)
        assert np.isnan(by_slices.magnitude[1]).sum() == 1
