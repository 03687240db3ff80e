"""Real data sets bundled with the package (see ``canemure/data/PROVENANCE.md``).

Nothing here is estimated by canemure: each loader returns the published figures as shipped, with
their :class:`~canemure.inventory.Source`, and checks the file on the way in (a bundled file that
fails its checks raises :class:`~canemure.errors.DataFormatError`, like any user file would).

Data sets
---------
:func:`pohjois_karjala`
    The full ALas HINKU inventory of Pohjois-Karjala (13 municipalities, 13 sectors, 1990 and
    2005-2024), with population.
:func:`district_heating_alas11`
    District-heat emissions (kt CO2e/a) and energy use (GWh/a) per municipality, 2005-2018, from
    ALas 1.1, split into emissions-trading (ETS) plants and other plants.
:func:`national_emission_factors`
    National emission factors implied by ALas 1.1 (emissions ÷ energy), 2005-2018, as typed
    records in kg CO2e/kWh.
:func:`lappeenranta_2020`
    Lappeenranta's 2020 inventory by source as printed in its Climate City Contract plan: a
    typed table, not an ALas inventory, because it adds a forestry row that ALas does not have.

How the district-heating ETS split is represented
-------------------------------------------------
The split is by *plant* (inside or outside emissions trading), while the hierarchy's district
heat leaves split by *consumer* (housing, services, industry, agriculture) and flag. The two
do not line up, so the data is not put on leaves. Instead :class:`DistrictHeatingData` holds
four one-sector inventories at level 3 (sector ``"Kau"``): ETS emissions under rule
:data:`~canemure.sectors.ETS`, non-ETS emissions under :data:`~canemure.sectors.ESR`, and the
matching energy use. Those rules are exactly what each part is: district heat counted by the ETS
and by the effort-sharing rule. :meth:`DistrictHeatingData.emissions_total` adds the parts under
any rule that counts all district heat (ALL, HINKU, HINKU with credits).

The source lists a part only where it exists in ALas 1.1 output; a municipality-year without an
ETS (or non-ETS) row is **not estimated** (NaN), and so is its total, unless the caller asks
explicitly to read an absent part as zero (``absent_as_zero=True``). Codes 099 (Honkajoki,
merged into Kankaanpää in 2021) and 588 (Pertunmaa, merged into Mäntyharju in 2025) are kept
as published; they are not municipalities of the 2025 reference list, so use
:meth:`DistrictHeatingData.region_groups` with ``aggregate_areas`` for regional sums.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

import attrs
import numpy as np
import pint

from canemure._resources import bundled_path, package_text, read_bundled_csv
from canemure._text import fold, suggest
from canemure.errors import DataFormatError, DataNotAvailableError, ProblemCollector
from canemure.inventory import EmissionInventory, Population, Source
from canemure.sectors import ALL, ESR, ETS, HINKU, AccountingRule, SectorHierarchy, sector_hierarchy
from canemure.units import Q_

__all__ = [
    "DISTRICT_HEATING_SOURCE",
    "LAPPEENRANTA_SOURCE",
    "NATIONAL_FACTORS_SOURCE",
    "POHJOIS_KARJALA_SOURCE",
    "CityInventoryRow",
    "CityInventoryTable",
    "DistrictHeatingData",
    "ImpliedEmissionFactor",
    "bundled_area_codes",
    "district_heating_alas11",
    "lappeenranta_2020",
    "national_emission_factor",
    "national_emission_factors",
    "pohjois_karjala",
]

_PK_FILE = "emissions_pohjois_karjala_alas_hinku_1990_2005_2024.csv"
_PK_POPULATION_FILE = "population_pohjois_karjala_1990_2005_2024.csv"
_DH_FILE = "emissions_district_heating_alas11_2005_2018.csv"
_EF_FILE = "emission_factors_alas11_implied_national.csv"
_LPR_FILE = "emissions_lappeenranta_2020_ccc.csv"
_SYKE = "Suomen ympäristökeskus SYKE"
_SYKE_URL = "https://paastot.hiilineutraalisuomi.fi/"
_SYKE_LICENSE = "CC BY 4.0 (as stated by third parties)"
_GHG_NOTEBOOKS = (
    "kausaltech/ghg-notebooks emission_factors_of_energy_consumption.csv @ 9308c76, derived "
    "from SYKE's 'KAIKKI KUNNAT_ALas 1.1_web.csv'"
)
_FACTOR_RTOL = 1e-9

POHJOIS_KARJALA_SOURCE = Source(
    id="bundled:pohjois-karjala-alas-hinku",
    title=(
        "ALas inventory of Pohjois-Karjala, HINKU calculation without credits, 1990 and 2005-2024"
    ),
    publisher=_SYKE,
    url=_SYKE_URL,
    license=_SYKE_LICENSE,
    retrieved="2026-09-15",
    path=bundled_path(_PK_FILE),
    notes=(
        "SYKE ALas Excel exports per municipality, as converted in "
        "eetuahlberg-prog/Ilmastobudjetointi data/dataset.json @ d4c6bdf; values rounded to "
        "0.1 kt as published"
    ),
)
"""Where :func:`pohjois_karjala` comes from."""

DISTRICT_HEATING_SOURCE = Source(
    id="bundled:district-heating-alas11",
    title="District-heat emissions and energy use per municipality, ALas 1.1, 2005-2018",
    publisher=_SYKE,
    url=_SYKE_URL,
    license=_SYKE_LICENSE,
    path=bundled_path(_DH_FILE),
    notes=(
        f"{_GHG_NOTEBOOKS}. ALas 1.1 (2020 release); later ALas versions changed the allocation "
        "of district-heat emissions; municipality names as of 2020"
    ),
)
"""Where :func:`district_heating_alas11` comes from."""

NATIONAL_FACTORS_SOURCE = Source(
    id="bundled:emission-factors-alas11-national",
    title="National emission factors implied by ALas 1.1 (emissions / energy), 2005-2018",
    publisher=_SYKE,
    url=_SYKE_URL,
    license=_SYKE_LICENSE,
    path=bundled_path(_EF_FILE),
    notes=(
        f"{_GHG_NOTEBOOKS}, national rows. Wood-heating rows were mislabelled 'consumer "
        "electricity' in the source and are relabelled (see each record's note)"
    ),
)
"""Where :func:`national_emission_factors` comes from."""

LAPPEENRANTA_SOURCE = Source(
    id="bundled:lappeenranta-2020-ccc",
    title="Lappeenranta 2020 emissions by source (ALas + forestry), Climate City Contract plan",
    publisher="City of Lappeenranta",
    path=bundled_path(_LPR_FILE),
    notes=(
        "Lappeenranta Climate City Contract action plan, Table 1, as transcribed in "
        "Open-Earth-Foundation/Query_mechanism_urbind documents/lappeenranta.md @ 3a310cc; "
        "includes 97.7 kt forestry, which is not part of ALas"
    ),
)
"""Where :func:`lappeenranta_2020` comes from."""


# ----------------------------------------------------------------------------- helpers
def _number(
    row: Mapping[str, str],
    column: str,
    line: int,
    problems: ProblemCollector,
    *,
    allow_negative: bool = False,
) -> float:
    raw = row[column]
    try:
        value = float(raw)
    except ValueError:
        problems.add_keyed("number_not_a_number", line=line, column=column, value=raw)
        return math.nan
    if not math.isfinite(value) or (value < 0 and not allow_negative):
        problems.add_keyed("bundled_impossible_value", line=line, column=column, value=raw)
        return math.nan
    return value


def _yes_no(raw: str, line: int, column: str, problems: ProblemCollector) -> bool | None:
    if raw not in ("yes", "no", ""):
        problems.add_keyed("bundled_yes_no", line=line, column=column, value=raw)
    return None if raw == "" else raw == "yes"


def _check_factor(
    emissions: float, energy: float, factor: float, line: int, problems: ProblemCollector
) -> None:
    """Check that the file's implied factor is emissions / energy (kt/GWh = kg/kWh)."""
    if energy > 0 and not math.isclose(emissions / energy, factor, rel_tol=_FACTOR_RTOL):
        problems.add_keyed(
            "bundled_factor_mismatch",
            ratio=emissions / energy,
            line=line,
            column="implied_emission_factor_kgco2e_per_kwh",
            value=factor,
        )


# ----------------------------------------------------------------------------- Pohjois-Karjala
def _bundled_table(name: str) -> tuple[dict[str, int], list[list[str]]]:
    """Bundled CSV file ``name`` as its column positions and its rows (lists of fields).

    Lists rather than a dict per row, and a file without quotes is split at its commas
    directly: several times faster, which matters for the 3,549-row Pohjois-Karjala inventory
    read at every ``canemure baseline``. Blank lines are skipped, as ``csv.reader`` rows of
    no fields would be.
    """
    text = package_text("canemure", "data", name)
    if '"' in text or "\r" in text:  # quoted fields: the csv module's rules
        rows = list(csv.reader(io.StringIO(text)))
    else:  # no quoting: each line is its fields split at commas (what csv.reader gives)
        rows = [line.split(",") for line in text.split("\n") if line]
    if not rows:
        raise DataFormatError("bundled file is empty", bundled_path(name))
    return {column: i for i, column in enumerate(rows[0])}, rows[1:]


def _bundled_columns(name: str) -> tuple[dict[str, list[str]], int] | None:
    """Bundled CSV file ``name`` as its columns (lists of fields) and its number of rows.

    Only for a plain file: no quotes, and every line with the header's number of fields
    (``None`` otherwise; :func:`_bundled_table` reads any file). The fields are split at
    once and each column is a slice, without a list per row.
    """
    text = package_text("canemure", "data", name)
    if '"' in text or "\r" in text:
        return None
    lines = [line for line in text.split("\n") if line]
    if not lines:
        return None
    header = lines[0].split(",")
    width = len(header)
    if any(line.count(",") != width - 1 for line in lines):
        return None
    fields = ",".join(lines[1:]).split(",") if len(lines) > 1 else []
    return {column: fields[i::width] for i, column in enumerate(header)}, len(lines) - 1


def bundled_area_codes() -> frozenset[str]:
    """The municipality codes the bundled Pohjois-Karjala inventory covers (read, not checked)."""
    if pohjois_karjala.cache_info().currsize:  # already read and checked in this process
        return frozenset(pohjois_karjala().areas)
    columns, rows = _bundled_table(_PK_FILE)
    code = columns["municipality_code"]
    return frozenset(row[code] for row in rows if len(row) > code)


_Cells = tuple[list[str], list[str], list[int], np.ndarray]
"""Area code, level-3 sector key, year and value of each row of the Pohjois-Karjala file."""


def _pk_cells_fast(tree: SectorHierarchy) -> _Cells | None:
    """The Pohjois-Karjala rows, read column by column.

    ``None`` for anything but a plain file without duplicates: the row-by-row reading
    (:func:`_pk_cells_by_row`) then names each problem.
    """
    table = _bundled_columns(_PK_FILE)
    if table is None:
        return None
    columns, n = table
    keys = {name: tree.find(name, 3).key for name in dict.fromkeys(columns["sector_fi"])}
    sectors = [keys[name] for name in columns["sector_fi"]]
    try:
        years = [int(text) for text in columns["year"]]
        values = np.fromiter(map(float, columns["emission_ktco2e"]), dtype=float, count=n)
    except ValueError:
        return None
    areas = columns["municipality_code"]
    if len(set(zip(areas, sectors, years, strict=True))) != n:
        return None
    return areas, sectors, years, values


def _pk_cells_by_row(tree: SectorHierarchy) -> _Cells:
    """The Pohjois-Karjala rows one by one, raising every problem found (line and value)."""
    columns, rows = _bundled_table(_PK_FILE)
    problems = ProblemCollector(bundled_path(_PK_FILE))
    area_at, sector_at = columns["municipality_code"], columns["sector_fi"]
    year_at, value_at = columns["year"], columns["emission_ktco2e"]
    level3: dict[str, str] = {}  # 13 sector names, each on 273 rows: look each up once
    cells: dict[tuple[str, str, int], float] = {}
    for line, row in enumerate(rows, start=2):
        if len(row) != len(columns):
            problems.add_keyed(
                "bundled_field_count", line=line, found=len(row), header=len(columns)
            )
            continue
        name = row[sector_at]
        sector = level3.get(name)
        if sector is None:
            sector = level3[name] = tree.find(name, 3).key
        key = (row[area_at], sector, int(row[year_at]))
        if key in cells:
            problems.add_keyed("bundled_duplicate_row", line=line, value=key)
        cells[key] = float(row[value_at])
    problems.raise_if_any()
    return (
        [key[0] for key in cells],
        [key[1] for key in cells],
        [key[2] for key in cells],
        np.array(list(cells.values()), dtype=float),
    )


@cache
def pohjois_karjala() -> EmissionInventory:
    """Return the bundled Pohjois-Karjala HINKU inventory (13 municipalities x 13 x 21 years).

    Values are kt CO2e/a at sector level 3, with the population of each municipality and year.
    """
    tree = sector_hierarchy()
    cells = _pk_cells_fast(tree) or _pk_cells_by_row(tree)
    row_areas, row_sectors, row_years, values = cells
    areas = sorted(set(row_areas))
    years = sorted(set(row_years))
    present = set(row_sectors)
    sectors = [s.key for s in tree.level(3) if s.key in present]
    array = np.full((len(areas), len(sectors), len(years)), np.nan)
    a_pos = {a: i for i, a in enumerate(areas)}
    s_pos = {s: i for i, s in enumerate(sectors)}
    y_pos = {y: i for i, y in enumerate(years)}
    array[
        [a_pos[a] for a in row_areas],
        [s_pos[s] for s in row_sectors],
        [y_pos[y] for y in row_years],
    ] = values
    if np.isnan(array).any():
        raise DataFormatError("bundled inventory has gaps", bundled_path(_PK_FILE))
    pop_columns, pop_rows = _bundled_table(_PK_POPULATION_FILE)
    area_at, year_at = pop_columns["municipality_code"], pop_columns["year"]
    value_at = pop_columns["population"]
    population = Population.from_mapping(
        {(row[area_at], int(row[year_at])): float(row[value_at]) for row in pop_rows},
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


# ----------------------------------------------------------------------------- district heating
DistrictHeatingPart = Literal["ets", "non-ets", "total"]
"""Which plants: inside emissions trading, outside it, or both."""


@attrs.frozen
class DistrictHeatingData:
    """District heat per municipality and year from ALas 1.1, split by ETS and other plants.

    See the module docstring for why the split is four level-3 inventories rather than leaves.
    All four share the same areas (municipality codes as published) and years (2005-2018).
    """

    emissions_ets: EmissionInventory
    """Emissions of heat from ETS plants, kt CO2e/a, sector ``Kau``, rule ETS."""
    emissions_non_ets: EmissionInventory
    """Emissions of heat from other plants, kt CO2e/a, sector ``Kau``, rule ESR."""
    energy_ets: EmissionInventory
    """District heat used from ETS plants, GWh/a, sector ``Kau``, rule ETS."""
    energy_non_ets: EmissionInventory
    """District heat used from other plants, GWh/a, sector ``Kau``, rule ESR."""
    names: Mapping[str, str]
    """Municipality name as printed in the source (2020 names), by code."""
    region_codes: Mapping[str, str]
    """Region (2025) of each municipality code, as given in the bundled file."""

    def _parts(self, kind: Literal["emissions", "energy"]) -> tuple[EmissionInventory, ...]:
        if kind == "emissions":
            return (self.emissions_ets, self.emissions_non_ets)
        return (self.energy_ets, self.energy_non_ets)

    def _total(
        self, kind: Literal["emissions", "energy"], rule: AccountingRule, absent_as_zero: bool
    ) -> EmissionInventory:
        leaves = sector_hierarchy().leaves_under("Kau")
        if not all(rule.includes(leaf) for leaf in leaves):
            raise ValueError(
                f"rule {rule.id!r} does not count all district heat; use the ETS/non-ETS parts"
            )
        ets, non_ets = (part.magnitude for part in self._parts(kind))
        if absent_as_zero:
            both_absent = np.isnan(ets) & np.isnan(non_ets)
            summed = np.where(both_absent, np.nan, np.nan_to_num(ets) + np.nan_to_num(non_ets))
        else:
            summed = ets + non_ets
        source = self._parts(kind)[0]
        return attrs.evolve(source, values=Q_(summed, source.unit), rule=rule)

    def emissions_total(
        self, *, rule: AccountingRule = ALL, absent_as_zero: bool = False
    ) -> EmissionInventory:
        """Return ETS plus non-ETS emissions, kt CO2e/a, under ``rule``.

        ``rule`` must count all district heat (ALL, HINKU or HINKU with credits). By default a
        municipality-year missing either part is not estimated; with ``absent_as_zero=True``
        an absent part counts as zero (the caller's explicit assumption that a part the source
        does not list does not exist).
        """
        return self._total("emissions", rule, absent_as_zero)

    def energy_total(
        self, *, rule: AccountingRule = ALL, absent_as_zero: bool = False
    ) -> EmissionInventory:
        """Return ETS plus non-ETS energy use, GWh/a (see :meth:`emissions_total`)."""
        return self._total("energy", rule, absent_as_zero)

    def implied_emission_factor(
        self, part: DistrictHeatingPart = "total", *, absent_as_zero: bool = False
    ) -> pint.Quantity[Any]:
        """Return emissions ÷ energy per municipality and year, kg CO2e/kWh, ``(areas, years)``.

        Derived from the summed parts, never by averaging factors. NaN where either is not
        estimated or the energy use is zero.
        """
        if part == "total":
            emissions = self.emissions_total(absent_as_zero=absent_as_zero)
            energy = self.energy_total(absent_as_zero=absent_as_zero)
        elif part == "ets":
            emissions, energy = self.emissions_ets, self.energy_ets
        elif part == "non-ets":
            emissions, energy = self.emissions_non_ets, self.energy_non_ets
        else:
            raise ValueError(f"part must be 'ets', 'non-ets' or 'total', got {part!r}")
        kt = emissions.values.m_as("kt CO2e / a")[:, 0, :]
        gwh = energy.values.m_as("GWh / a")[:, 0, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(gwh > 0, kt / gwh, np.nan)
        return Q_(ratio, "kt CO2e / GWh").to("kg CO2e / kWh")

    def region_groups(self) -> dict[str, list[str]]:
        """Return ``{region code: municipality codes}`` from the file, for ``aggregate_areas``."""
        groups: dict[str, list[str]] = {}
        for code in self.emissions_ets.areas:
            groups.setdefault(self.region_codes[code], []).append(code)
        return dict(sorted(groups.items()))


_DH_NUMBERS = ("emission_ktco2e", "energy_use_gwh", "implied_emission_factor_kgco2e_per_kwh")

_DistrictHeatingColumns = tuple[
    list[str], list[int], list[bool], np.ndarray, np.ndarray, dict[str, str], dict[str, str]
]
"""Codes, years, ETS flags, emissions and energy per row; names and regions per code."""


def _district_heating_fast(
    columns: Mapping[str, int], rows: list[list[str]]
) -> _DistrictHeatingColumns | None:
    """The district-heating file's rows, checked column by column; ``None`` at any problem.

    Makes every check of :func:`_district_heating_rows` at once per column (numbers, flags,
    factors, names, duplicates); when one fails, that row-by-row reading locates each problem.
    """
    if any(len(fields) != len(columns) for fields in rows):
        return None

    def column(name: str) -> list[str]:
        at = columns[name]
        return [fields[at] for fields in rows]

    codes, flags = column("municipality_code"), column("emissions_trading")
    try:
        years = [int(text) for text in column("year")]
        emissions, energy, factor = (
            np.fromiter(map(float, column(name)), dtype=float, count=len(rows))
            for name in _DH_NUMBERS
        )
    except ValueError:
        return None
    numbers = np.stack([emissions, energy, factor])
    if not set(flags) <= {"yes", "no"} or not (np.isfinite(numbers) & (numbers >= 0)).all():
        return None
    used = energy > 0  # math.isclose(e / u, f, rel_tol) where energy is used, as row by row
    implied = emissions[used] / energy[used]
    given = factor[used]
    if not (np.abs(implied - given) <= _FACTOR_RTOL * np.maximum(abs(implied), abs(given))).all():
        return None
    ets = [flag == "yes" for flag in flags]
    names_in_rows, regions_in_rows = (
        column("municipality_name_in_source"),
        column("region_code_2025"),
    )
    if len(set(zip(codes, names_in_rows, regions_in_rows, strict=True))) != len(set(codes)):
        return None
    if len(set(zip(codes, years, ets, strict=True))) != len(rows):
        return None
    names = dict(zip(reversed(codes), reversed(names_in_rows), strict=True))
    regions = dict(zip(reversed(codes), reversed(regions_in_rows), strict=True))
    first = {code: names[code] for code in dict.fromkeys(codes)}  # first-seen order
    return codes, years, ets, emissions, energy, first, {c: regions[c] for c in first}


def _district_heating_rows(
    columns: Mapping[str, int], rows: list[list[str]], problems: ProblemCollector
) -> _DistrictHeatingColumns:
    """The district-heating file read row by row, every problem added to ``problems``."""
    cells: dict[tuple[str, int, bool], tuple[float, float]] = {}
    names: dict[str, str] = {}
    regions: dict[str, str] = {}
    code_at, year_at = columns["municipality_code"], columns["year"]
    ets_at, name_at = columns["emissions_trading"], columns["municipality_name_in_source"]
    region_at = columns["region_code_2025"]
    for line, fields in enumerate(rows, start=2):
        if len(fields) != len(columns):
            problems.add_keyed(
                "bundled_field_count", line=line, found=len(fields), header=len(columns)
            )
            continue
        row = {column: fields[columns[column]] for column in _DH_NUMBERS}
        code, year = fields[code_at], int(fields[year_at])
        ets = _yes_no(fields[ets_at], line, "emissions_trading", problems)
        emissions, energy, factor = (_number(row, c, line, problems) for c in _DH_NUMBERS)
        _check_factor(emissions, energy, factor, line, problems)
        name, region = fields[name_at], fields[region_at]
        if names.setdefault(code, name) != name or regions.setdefault(code, region) != region:
            problems.add_keyed("bundled_name_differs", line=line)
        key = (code, year, bool(ets))
        if ets is None or key in cells:
            problems.add_keyed("bundled_ets_or_duplicate", line=line, value=key)
            continue
        cells[key] = (emissions, energy)
    pairs = np.array(list(cells.values()), dtype=float).reshape(-1, 2)
    return (
        [key[0] for key in cells],
        [key[1] for key in cells],
        [key[2] for key in cells],
        pairs[:, 0],
        pairs[:, 1],
        names,
        regions,
    )


@cache
def district_heating_alas11() -> DistrictHeatingData:
    """Return district-heat emissions and energy use per municipality, ALas 1.1, 2005-2018."""
    columns, rows = _bundled_table(_DH_FILE)  # 5,387 rows, checked column by column
    read = _district_heating_fast(columns, rows)
    if read is None:
        problems = ProblemCollector(bundled_path(_DH_FILE))
        read = _district_heating_rows(columns, rows, problems)
        problems.raise_if_any()
    codes, row_years, row_ets, emissions, energy, names, regions = read
    areas = sorted(names)
    years = sorted(set(row_years))
    a_pos = {a: i for i, a in enumerate(areas)}
    y_pos = {y: k for k, y in enumerate(years)}
    area_index = np.array([a_pos[code] for code in codes], dtype=np.intp)
    year_index = np.array([y_pos[year] for year in row_years], dtype=np.intp)
    in_ets = np.array(row_ets, dtype=bool)
    arrays = {}
    for ets in (True, False):
        rows_of = in_ets == ets
        for kind, values in ((0, emissions), (1, energy)):
            array = np.full((len(areas), 1, len(years)), np.nan)
            array[area_index[rows_of], 0, year_index[rows_of]] = values[rows_of]
            arrays[(ets, kind)] = array

    def inventory(ets: bool, kind: int) -> EmissionInventory:
        return EmissionInventory.from_array(
            arrays[(ets, kind)],
            "kt CO2e / a" if kind == 0 else "GWh / a",
            areas=areas,
            sectors=["Kau"],
            years=years,
            rule=ETS if ets else ESR,
            source=DISTRICT_HEATING_SOURCE,
        )

    return DistrictHeatingData(
        inventory(True, 0),
        inventory(False, 0),
        inventory(True, 1),
        inventory(False, 1),
        names,
        regions,
    )


# ----------------------------------------------------------------------------- national factors
@attrs.frozen
class ImpliedEmissionFactor:
    """One national emission factor implied by ALas 1.1: emissions ÷ energy for a final use."""

    final_use: str
    """What the energy is used for, e.g. ``"oil heating"``, ``"road transport"``."""
    level5: str | None
    """The ALas level-5 sub-sector (Finnish name as in SYKE's data), if the row has one."""
    emissions_trading: bool | None
    """``True``/``False`` for rows split by emissions trading (industrial fuels), else ``None``."""
    year: int | None
    """The year, or ``None`` for rows pooled over :attr:`period`."""
    period: tuple[int, int]
    """First and last year the figures cover (one year, or 2005-2018 for pooled rows)."""
    emissions: pint.Quantity[Any]
    """Emissions over :attr:`period`, kt CO2e (for a one-year row, that year's emissions)."""
    energy: pint.Quantity[Any]
    """Energy use over :attr:`period`, GWh."""
    factor: pint.Quantity[Any]
    """The implied emission factor, kg CO2e/kWh, as given in the file."""
    note: str | None
    """Caveats from the bundled file (relabelled rows, pooled factors)."""
    source: Source = attrs.field(default=NATIONAL_FACTORS_SOURCE, repr=False)
    """Where the figures come from."""


@cache
def national_emission_factors() -> tuple[ImpliedEmissionFactor, ...]:
    """Return the national emission factors implied by ALas 1.1, 2005-2018, in file order."""
    name = bundled_path(_EF_FILE)
    problems = ProblemCollector(name)
    rows = read_bundled_csv(_EF_FILE)
    years = [int(r["year"]) for r in rows if r["year"]]
    full = (min(years), max(years))
    out: list[ImpliedEmissionFactor] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in enumerate(rows, start=2):
        key = (row["final_use"], row["level5"], row["emissions_trading"], row["year"])
        if key in seen:
            problems.add_keyed("bundled_duplicate_row_first", line=line, value=key, first=seen[key])
        seen[key] = line
        year = int(row["year"]) if row["year"] else None
        emissions = _number(row, "emission_ktco2e", line, problems)
        energy = _number(row, "energy_use_gwh", line, problems)
        factor = _number(row, "implied_emission_factor_kgco2e_per_kwh", line, problems)
        if year is not None:
            _check_factor(emissions, energy, factor, line, problems)
        elif not row["note"]:
            problems.add_keyed("bundled_year_note", line=line)
        out.append(
            ImpliedEmissionFactor(
                final_use=row["final_use"],
                level5=row["level5"] or None,
                emissions_trading=_yes_no(
                    row["emissions_trading"], line, "emissions_trading", problems
                ),
                year=year,
                period=(year, year) if year is not None else full,
                emissions=Q_(emissions, "kt CO2e"),
                energy=Q_(energy, "GWh"),
                factor=Q_(factor, "kg CO2e / kWh"),
                note=row["note"] or None,
            )
        )
    problems.raise_if_any()
    return tuple(out)


def national_emission_factor(
    final_use: str,
    year: int | None,
    *,
    level5: str | None = None,
    emissions_trading: bool | None = None,
) -> ImpliedEmissionFactor:
    """Return the one factor for ``final_use`` and ``year`` (``None``: the pooled rows).

    Names are compared case- and diacritic-insensitively. Raises
    :class:`~canemure.errors.DataNotAvailableError` (with the closest final uses) when no record
    matches, and ``ValueError`` naming the choices when ``level5``/``emissions_trading`` are
    needed to pick one.
    """
    records = national_emission_factors()
    matches = [
        r
        for r in records
        if fold(r.final_use) == fold(final_use)
        and r.year == year
        and (level5 is None or (r.level5 is not None and fold(r.level5) == fold(level5)))
        and (emissions_trading is None or r.emissions_trading == emissions_trading)
    ]
    if not matches:
        uses = sorted({r.final_use for r in records})
        hint = suggest(final_use, uses) or uses
        raise DataNotAvailableError(
            f"no ALas 1.1 national factor for {final_use!r}, year {year}, level5 {level5!r}, "
            f"emissions trading {emissions_trading!r}; final uses: {', '.join(hint)}"
        )
    if len(matches) > 1:
        choices = "; ".join(
            f"level5={r.level5!r}, emissions_trading={r.emissions_trading!r}" for r in matches
        )
        raise ValueError(
            f"{len(matches)} factors for {final_use!r} in {year}: pick one of {choices}"
        )
    return matches[0]


# ----------------------------------------------------------------------------- Lappeenranta
_LPR_SECTORS: dict[str, str | None] = {
    "Electricity use": "Kul",
    "Heating: electricity": "Säh",
    "Heating: district heating": "Kau",
    "Heating: fuel oil": "Ölj",
    "Heating: other": "Muu",
    "Industry": "Teo",
    "Machinery": "Työ",
    "Transport: railways": "Rai",
    "Transport: roads": "Tie",
    "Transport: marine": "Ves",
    "Agriculture": "Maa",
    "Forestry": None,
    "Waste": "Jät",
    "F-gases": "F-k",
    "Total": None,
}
"""Our mapping of the plan's emission sources to ALas level-3 sectors (by name, one to one)."""
_NOT_ALAS = frozenset({"Forestry"})
_TOTAL = "Total"


@attrs.frozen
class CityInventoryRow:
    """One line of a city's printed inventory table."""

    source_en: str
    """The emission source as printed (English), e.g. ``"Transport: roads"``."""
    emissions: pint.Quantity[Any]
    """Emissions, kt CO2e/a, as printed."""
    share: pint.Quantity[Any]
    """Share of the printed total, percent, as printed."""
    sector: str | None
    """The ALas level-3 sector key this line corresponds to (canemure's mapping by name);
    ``None`` for lines outside ALas and for the total."""
    part_of_alas: bool
    """Whether the line is an ALas sector (``False`` for forestry and the total line)."""
    is_total: bool
    """Whether this is the printed total line."""
    note: str | None
    """Caveat from the bundled file."""


@attrs.frozen
class CityInventoryTable:
    """A city's inventory table as printed (not an ALas inventory: it may add non-ALas lines)."""

    municipality: str
    """Municipality code."""
    year: int
    """The inventory year."""
    rows: tuple[CityInventoryRow, ...]
    """All lines in printed order, the total line included."""
    source: Source
    """Where the table comes from."""

    @property
    def alas_rows(self) -> tuple[CityInventoryRow, ...]:
        """The lines that are ALas sectors."""
        return tuple(r for r in self.rows if r.part_of_alas)

    @property
    def non_alas_rows(self) -> tuple[CityInventoryRow, ...]:
        """The lines outside ALas (e.g. forestry), total excluded."""
        return tuple(r for r in self.rows if not r.part_of_alas and not r.is_total)

    @property
    def total(self) -> CityInventoryRow:
        """The printed total line (which includes the non-ALas lines)."""
        return next(r for r in self.rows if r.is_total)

    def alas_sum(self) -> pint.Quantity[Any]:
        """Return the sum of the ALas lines, kt CO2e/a (the printed total minus non-ALas lines)."""
        return Q_(math.fsum(r.emissions.m_as("kt CO2e / a") for r in self.alas_rows), "kt CO2e / a")


@cache
def lappeenranta_2020() -> CityInventoryTable:
    """Return Lappeenranta's 2020 inventory table by source (Climate City Contract plan, Table 1).

    The forestry line (97.7 kt) is kept and marked ``part_of_alas=False``; the printed total
    includes it. Checks that the lines add up to the printed total within rounding.
    """
    name = bundled_path(_LPR_FILE)
    problems = ProblemCollector(name)
    rows: list[CityInventoryRow] = []
    codes: set[tuple[str, str]] = set()
    for line, row in enumerate(read_bundled_csv(_LPR_FILE), start=2):
        label = row["emission_source_en"]
        codes.add((row["municipality_code"], row["year"]))
        if label not in _LPR_SECTORS:
            problems.add_keyed("bundled_no_alas_mapping", line=line, value=label)
            continue
        rows.append(
            CityInventoryRow(
                source_en=label,
                emissions=Q_(_number(row, "emission_ktco2e", line, problems), "kt CO2e / a"),
                share=Q_(_number(row, "share_pct", line, problems), "percent"),
                sector=_LPR_SECTORS[label],
                part_of_alas=label not in _NOT_ALAS and label != _TOTAL,
                is_total=label == _TOTAL,
                note=row["note"] or None,
            )
        )
    if len(codes) != 1:
        problems.add_keyed("bundled_one_municipality", found=str(sorted(codes)))
    totals = [r for r in rows if r.is_total]
    if len(totals) != 1:
        problems.add_keyed("bundled_one_total", count=len(totals))
    else:
        parts = [r.emissions.m_as("kt CO2e / a") for r in rows if not r.is_total]
        printed = totals[0].emissions.m_as("kt CO2e / a")
        if abs(math.fsum(parts) - printed) > 0.05 * (len(parts) + 1):
            problems.add_keyed("bundled_not_add_up", value=printed)
    problems.raise_if_any()
    ((code, year),) = codes
    return CityInventoryTable(code, int(year), tuple(rows), LAPPEENRANTA_SOURCE)
