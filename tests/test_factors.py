"""Measure parameters: every row kept, units parsed or refused with a reason, grades, bases.

Row references are to ``measure_parameters.csv`` (header = line 1).
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import attrs
import pytest

from canemure.errors import DataFormatError, UnitError
from canemure.io.bundled import national_emission_factors
from canemure.published.factors import (
    EmissionFactor,
    ParameterKind,
    alas11_national_factors,
    parse_parameter_unit,
    read_factors_file,
    read_measure_parameters,
    require_comparable,
)
from canemure.units import Q_

FACTORS = {f.line: f for f in read_measure_parameters()}


def test_every_row_is_kept() -> None:
    text = (
        resources.files("canemure")
        .joinpath("data", "measure_parameters.csv")
        .read_text(encoding="utf-8")
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(read_measure_parameters()) == len(rows) == 157
    assert sorted(FACTORS) == list(range(2, 159))
    for factor, row in zip(read_measure_parameters(), rows, strict=True):
        assert (factor.name, factor.value_text, factor.unit_text) == (
            row["parameter"],
            row["value"],
            row["unit"],
        )
        assert factor.low is not None or factor.variants or factor.kind is ParameterKind.TEXT


def test_co2_factor_line_2() -> None:
    f = FACTORS[2]  # ef_district_heat_chp_avg | 183 | kg CO2/MWh | 2014 (3-yr avg; ...)
    assert f.value == Q_(183, "kg CO2 / MWh")
    assert f.value == Q_(0.183, "kg CO2e / kWh")  # the registry treats CO2 as CO2e ...
    assert f.gas_basis == "CO2"  # ... the record does not
    assert (f.kind, f.year, f.reliability) == (ParameterKind.EMISSION_FACTOR, 2014, "A (but old)")


def test_scaled_unit_line_7() -> None:
    f = FACTORS[7]  # fuel_consumption_car_petrol_avg | 7.8 | l/100 km
    assert f.value == Q_(0.078, "l / km")
    assert f.kind is ParameterKind.ACTIVITY


def test_unit_qualifiers_are_kept() -> None:
    assert FACTORS[65].value == Q_(95.9, "EUR / MWh")  # 'EUR/MWh (incl. VAT 24%)'
    assert FACTORS[65].unit_note == "(incl. VAT 24%)"
    assert FACTORS[144].unit_note == "fuel"  # 'g CO2e/kWh fuel'
    assert FACTORS[87].value == Q_(506, "kg CO2 / t")  # 'kg CO2/t mixed waste'


def test_every_row_is_read_or_says_why() -> None:
    # 155 of 157 rows give one quantity or a range; the other two are a categorical method and
    # a cell of three different quantities, read as labelled variants
    single = [f for f in FACTORS.values() if f.low is not None]
    assert len(single) == 155
    others = {line: f.kind for line, f in FACTORS.items() if f.low is None}
    assert others == {121: ParameterKind.TEXT, 64: ParameterKind.SEVERAL}
    assert not [f for f in FACTORS.values() if f.parse_note]


def test_ranges_and_remarks() -> None:
    f = FACTORS[96]  # '15-25 (central 20)' | kWh/100 km
    assert (f.low, f.high, f.remark) == (Q_(0.15, "kWh / km"), Q_(0.25, "kWh / km"), "central 20")
    assert f.value is None
    assert f.is_range


def test_boundaries_and_comparability() -> None:
    lifecycle, direct = FACTORS[74], FACTORS[76]
    assert (lifecycle.boundary, direct.boundary) == ("lifecycle", "direct")
    with pytest.raises(UnitError, match="boundary differs"):
        require_comparable([lifecycle, direct])
    with pytest.raises(UnitError, match="gas basis differs"):
        require_comparable([FACTORS[3], FACTORS[133]])  # kg CO2/MWh vs g CO2e/kWh
    with pytest.raises(UnitError, match="dimension differs"):
        require_comparable([FACTORS[133], FACTORS[4]])  # per kWh vs per km
    with pytest.raises(UnitError, match="not one quantity"):
        require_comparable([FACTORS[64]])  # 6949 MW; 14.4 TWh; 1601 turbines
    require_comparable([FACTORS[line] for line in range(133, 144)])  # one Ilmakalu series


def test_grades_match_the_sources_document() -> None:
    assert FACTORS[123].reliability == "B (verify original)"  # JRC via GHGfromFADN
    assert FACTORS[133].reliability == "D"  # Ilmakalu
    assert FACTORS[40].reliability == "C"
    assert FACTORS[41].reliability == "A"
    assert FACTORS[39].reliability is None  # a source the document does not grade
    assert {line for line, f in FACTORS.items() if f.reliability is None} == {39, 106, 118}


def test_parameter_units() -> None:
    unit = parse_parameter_unit("km/car/a")
    assert Q_(1, unit.expression) == Q_(1, "km / vehicle / a")
    assert parse_parameter_unit("share of capex").expression == "dimensionless"
    assert parse_parameter_unit("% vs 2021 by 2028").note == "vs 2021 by 2028"
    for bad in ("", "MW, TWh/a", "EUR per widget", "kWh per borehole per year", "%%"):
        with pytest.raises(UnitError):
            parse_parameter_unit(bad)


def test_alas11_factors_are_the_bundled_ones() -> None:
    converted = alas11_national_factors()
    implied = national_emission_factors()
    assert len(converted) == len(implied)
    assert all(isinstance(f, EmissionFactor) for f in converted)
    assert [f.value for f in converted] == [f.factor for f in implied]
    assert {f.gas_basis for f in converted} == {"CO2e"}


# --- a team's own figures -----------------------------------------------------------------------


def test_stated_factor_is_read_like_a_bundled_row() -> None:
    """Same printed texts as measure_parameters.csv line 18 give the same parsed record."""
    bundled = FACTORS[18]
    stated = EmissionFactor.stated(
        bundled.name,
        bundled.value_text,
        bundled.unit_text,
        source=bundled.source,
        quote=bundled.quote,
        year_text=bundled.year_text,
        scope=bundled.scope,
        technology=bundled.technology,
        notes=bundled.notes,
    )
    assert stated == attrs.evolve(bundled, line=None)
    assert stated.value == Q_(2.56, "kWh / vkm")


def test_stated_factor_keeps_an_unreadable_unit_as_printed() -> None:
    odd = EmissionFactor.stated("x", "3", "EUR per widget", source="s", quote="3 €")
    assert odd.low is None
    assert odd.parse_note is not None
    assert odd.kind is ParameterKind.UNKNOWN
    with pytest.raises(ValueError, match="non-empty quote"):
        EmissionFactor.stated("x", "3", "EUR", source="s", quote=" ")


def test_factors_file_csv_and_toml(tmp_path: Path) -> None:
    csv_file = tmp_path / "factors.csv"
    csv_file.write_text(
        "name,value,unit,year,scope,source,quote\n"
        "ef_dh_joensuu,140,g CO2e/kWh,2022,Joensuu,Fortum report p. 2,140 g/kWh\n",
        encoding="utf-8",
    )
    toml_file = tmp_path / "factors.toml"
    toml_file.write_text(
        '[[factor]]\nname = "ef_dh_joensuu"\nvalue = "140"\nunit = "g CO2e/kWh"\nyear = 2022\n'
        'scope = "Joensuu"\nsource = "Fortum report p. 2"\nquote = "140 g/kWh"\n',
        encoding="utf-8",
    )
    (from_csv,) = read_factors_file(csv_file)
    (from_toml,) = read_factors_file(toml_file)
    assert from_csv.line == 2
    assert attrs.evolve(from_csv, line=None) == from_toml
    assert from_csv.value == Q_(140, "g CO2e / kWh")
    assert (from_csv.year, from_csv.kind) == (2022, ParameterKind.EMISSION_FACTOR)


def test_factors_file_reports_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "factors.csv"
    bad.write_text("name,value,unit,source,quote,page\n,1,t,s,q,3\nb,2,t,,q,4\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as caught:
        read_factors_file(bad)
    assert {(p.line, p.column) for p in caught.value.problems} == {
        (1, "page"),
        (2, "name"),
        (3, "source"),
    }
    with pytest.raises(DataFormatError, match=r"expected a \.csv or \.toml file"):
        read_factors_file(tmp_path / "factors.json")


def test_a_semicolon_separated_file_is_named_as_such(tmp_path: Path) -> None:
    """A spreadsheet saved with ';' (Finnish locale) gets one clear message, not 5 others."""
    file = tmp_path / "factors.csv"
    file.write_text("name;value;unit;source;quote\nx;1;t;s;q\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as caught:
        read_factors_file(file)
    (problem,) = caught.value.problems
    assert "must be comma-separated" in problem.message
    assert "semicolon-separated" in problem.message


def test_a_source_matching_two_grades_is_located_in_the_team_file(tmp_path: Path) -> None:
    """motiva.fi/ is graded 'A (but old)', oil.fi/ 'C (industry)': both in one source."""
    file = tmp_path / "factors.csv"
    file.write_text(
        "name,value,unit,source,quote\nef_oil,267,g CO2/kWh,motiva.fi/ and oil.fi/ pages,267 g\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_factors_file(file)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(file), 2, "source")
    assert "several grades" in problem.message
