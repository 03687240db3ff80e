"""Published targets: every row read, kinds and values checked by hand against specific rows.

Row references are to the bundled CSV files (header = line 1).
"""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from canemure.errors import DataFormatError
from canemure.targets import (
    TargetKind,
    classify,
    national_targets,
    read_city_targets,
    read_region_targets,
)
from canemure.targets import _region_rows as region_rows
from canemure.units import Q_


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("canemure").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


REGION = {t.id: t for t in read_region_targets()}
CITY = {t.id: t for t in read_city_targets()}


def test_every_row_is_read() -> None:
    assert len(read_region_targets()) == len(_rows("targets_regions_and_cities.csv")) == 17
    assert len(read_city_targets()) == len(_rows("targets_cities.csv")) == 31
    assert len(REGION) == 17
    assert len(CITY) == 31


def test_reduction_percent_line_2() -> None:
    t = REGION["pir_total_80pct"]  # 80 | % reduction | 2007 | 2030
    assert (t.kind, t.value, t.base_year, t.target_year) == (
        TargetKind.REDUCTION_PERCENT,
        Q_(80, "percent"),
        2007,
        2030,
    )
    assert t.region_id == "pirkanmaa"
    assert t.city is None


def test_absolute_level_keeps_base_year_text_line_4() -> None:
    t = REGION["ph_total_2030"]  # 378.4 | kt CO2e/a | 2007 (1900 kt) | 2030
    assert t.kind is TargetKind.ABSOLUTE_LEVEL
    assert t.value == Q_(378.4, "kt CO2e / a")
    assert (t.base_year, t.base_year_text) == (2007, "2007 (1900 kt)")


def test_level_in_tonnes_is_read_as_annual_kilotonnes_line_18() -> None:
    t = REGION["lpr_residual_2030"]  # 85000 | t CO2e | 2020 baseline | 2030
    assert t.value == Q_(85, "kt CO2e / a")
    assert "without 'per year'" in (t.value_note or "")
    assert (t.city, t.region_id, t.base_year) == ("Lappeenranta", "etela-karjala", 2020)


def test_carbon_neutrality_lines_6_and_7() -> None:
    assert (
        REGION["vs_carbon_neutral_2035"].kind,
        REGION["vs_carbon_neutral_2035"].target_year,
    ) == (TargetKind.CARBON_NEUTRALITY, 2035)
    satakunta = REGION["sat_carbon_neutral_2030"]
    assert satakunta.kind is TargetKind.CARBON_NEUTRALITY
    assert satakunta.value is None
    assert satakunta.base_year == 2007


@pytest.mark.parametrize(
    "target_id",
    ["pir_progress_2024", "tku_scen_dh", "sat_transport_zero_2045", "pk_oil_free_energy_2020"],
)
def test_progress_scenarios_and_other_goals_are_other(target_id: str) -> None:
    t = REGION[target_id]
    assert t.kind is TargetKind.OTHER
    assert t.value is None


def test_signed_percentages_city_lines() -> None:
    helsinki = CITY["helsinki-1"]  # '-80 (at least)' | '% of 1990 direct (scope 1&2) emissions'
    assert helsinki.kind is TargetKind.REDUCTION_PERCENT
    assert helsinki.value == Q_(80, "percent")
    assert "at least" in (helsinki.value_note or "")
    espoo = CITY["espoo-2"]  # '-28' | '% per capita'
    assert espoo.per_resident
    assert espoo.value == Q_(28, "percent")
    assert CITY["tampere-5"].kind is TargetKind.OTHER  # '-73' | '% vs 1990 (projection)'


def test_several_values_in_one_cell_are_not_read() -> None:
    t = CITY["helsinki-4"]  # '1166 / 905 / 600-687' | 'kt co2e' | ... | '2025/2027/2030'
    assert t.kind is TargetKind.ABSOLUTE_LEVEL
    assert t.value is None
    assert "several values" in (t.value_note or "")
    assert (t.target_year, t.target_year_text) == (None, "2025/2027/2030")
    assert t.base_year == 2023


def test_lahti_carbon_neutral_target_line_12() -> None:
    t = CITY["lahti-1"]  # '-80; 216' | '% vs 1990; kt CO2e (mainly scope 1)'
    assert t.kind is TargetKind.CARBON_NEUTRALITY
    assert t.target_year == 2025


def test_national_targets_sourced_only_by_default() -> None:
    sourced = {t.id: t for t in national_targets()}
    assert set(sourced) == {"fi-hinku-80", "fi-climate-act-carbon-neutral-2035"}
    hinku = sourced["fi-hinku-80"]
    assert (hinku.value, hinku.base_year, hinku.target_year) == (Q_(80, "percent"), 2007, 2030)
    assert sourced["fi-climate-act-carbon-neutral-2035"].target_year == 2035
    assert all(t.region_id is None and not t.notes for t in sourced.values())


def test_brief_statements_are_marked() -> None:
    brief = [t for t in national_targets(include_brief_statements=True) if t.notes]
    assert [(t.value, t.target_year) for t in brief] == [
        (Q_(60, "percent"), 2030),
        (Q_(80, "percent"), 2040),
        (Q_(90, "percent"), 2050),
    ]
    for t in brief:
        assert "DOMAIN.md" in t.source
        assert "not been checked" in t.notes


def test_classify_rules() -> None:
    assert classify("x", "", "") is TargetKind.OTHER
    assert classify("carbon neutral city", "", "") is TargetKind.CARBON_NEUTRALITY
    assert classify("Goal 2030", "12", "kt CO2e") is TargetKind.ABSOLUTE_LEVEL
    assert classify("Scenario outcome", "-72", "% vs 1990") is TargetKind.OTHER


def test_unknown_region_is_reported_with_line() -> None:
    rows = _rows("targets_regions_and_cities.csv")[:2]
    rows[1] = {**rows[1], "region": "Narnia (city)"}
    with pytest.raises(DataFormatError, match=r"line 3, column 'region'.*Narnia"):
        region_rows(rows, "t.csv")
