"""Sourced emission factors and other measure parameters, with units, grades and caveats.

``measure_parameters.csv`` holds 157 figures that measure templates need: emission factors
(electricity, district heat, fuels, vehicles), heat-pump COPs, boiler efficiencies, vehicle
kilometres, costs and prices. Each becomes one :class:`EmissionFactor` -- the type the plugin
hook ``canemure_emission_factors`` returns for "emission factors and activity data" -- with
the printed value, unit and year kept verbatim next to what could be parsed.

Design notes
------------
* **Units are parsed, never guessed.** A unit is read only when every token is one canemure
  knows (``g``, ``t``, ``CO2``, ``CO2e``, ``kWh``, ``km``, ``vkm``, ``EUR``, ``a`` ...);
  ``car``/``bus`` are read as the registry's ``vehicle`` and ``share``/``fraction``/``-`` as
  dimensionless. Words *after* a complete unit are a qualifier kept in :attr:`unit_note`
  (``g CO2e/kWh fuel``, ``EUR for 2430 MW built in 2022``); words *inside* it
  make the unit unreadable, and the row keeps ``value=None`` with a :attr:`parse_note`. No row
  is dropped.
* **What a figure is per, counts or is relative to is kept apart from its unit.** ``EUR per
  installation`` is an amount in EUR with :attr:`EmissionFactor.per` ``"installation"``;
  ``190000 houses`` a count with :attr:`EmissionFactor.counted` ``"houses"``; ``2.0 x diesel
  bus price`` a ratio with :attr:`EmissionFactor.relative_to`. A word qualifying a unit of a
  denominator (``kWh per borehole metre``, ``EUR per cycled km``) is kept in the unit note.
  ``c/kWh`` is euro cents per kWh (the source's own unit is ``centiEUR/kWh``), ``kWp`` the rated
  peak power of a PV system and ``pkm`` a passenger-kilometre.
* **Cells listing several values** (``detached 115; terraced 109``, ``2020: 140; 2022: 122``,
  ``6949 MW; 14.4 TWh; 1601 turbines``) are read whole into :attr:`EmissionFactor.variants`,
  each labelled, or not at all; ``low``/``high`` then span the variants when they share a
  dimension. A categorical figure (unit ``method``) is :attr:`ParameterKind.TEXT`: its value is
  the printed text.
* **CO2 is not CO2e, lifecycle is not direct.** The registry treats a tonne of CO2 and a tonne
  of CO2e as the same unit (CO2 is its own equivalent). Whether a *factor* counts only CO2 or
  all gases is a property of the factor, recorded in :attr:`EmissionFactor.gas_basis`; whether
  it is a lifecycle or direct-combustion factor in :attr:`EmissionFactor.boundary`.
  :func:`require_comparable` refuses to put factors with different bases side by side.
* **Reliability grades** (A = official statistics ... D = code without a primary source) come
  from ``measure_parameters_sources.md``, matched to each row's source through the small table
  ``measure_parameter_grades.csv``; sources the document does not grade have ``None``.
* The national factors implied by ALas 1.1 are read by :mod:`canemure.io.bundled`;
  :func:`alas11_national_factors` presents them as :class:`EmissionFactor` records without
  reading the file twice.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
import pint

from canemure._printed import PrintedNumberError, parse_amount
from canemure._printed_variants import split_variants
from canemure._resources import bundled_path, read_bundled_csv
from canemure._team_files import TeamFile, read_record_file
from canemure.errors import DataFormatError, Message, Problem, ProblemCollector, UnitError
from canemure.units import Q_

if TYPE_CHECKING:
    from canemure.io.bundled import ImpliedEmissionFactor

__all__ = [
    "FACTOR_FIELDS_OPTIONAL",
    "FACTOR_FIELDS_REQUIRED",
    "GRADES_FILE",
    "PARAMETERS_FILE",
    "EmissionFactor",
    "ParameterKind",
    "ParameterVariant",
    "ParsedUnit",
    "alas11_national_factors",
    "parse_parameter_unit",
    "read_factors_file",
    "read_measure_parameters",
    "require_comparable",
]

PARAMETERS_FILE = "measure_parameters.csv"
"""Bundled file of sourced measure parameters (157 rows)."""
GRADES_FILE = "measure_parameter_grades.csv"
"""Bundled table matching each parameter source to its grade in the sources document."""


class ParameterKind(enum.Enum):
    """What a parameter measures, decided from its parsed unit's dimension."""

    EMISSION_FACTOR = "emission factor"
    """Greenhouse gas per unit of activity (kg CO2e/kWh, g CO2e/km)."""
    EMISSIONS = "emissions"
    """An amount of greenhouse gas (t CO2/a)."""
    COST = "cost"
    """Euros, possibly per unit (EUR, EUR/MWh, EUR/a)."""
    RATIO = "ratio"
    """Dimensionless: efficiencies, COPs, shares, percentages."""
    ACTIVITY = "activity"
    """Everything else with a unit: energy, distances, fuel use."""
    COUNT = "count"
    """A number of things (``190000 houses``); what is counted is in ``counted``."""
    TEXT = "text"
    """A categorical value printed in words (a method's name); the value is the text."""
    SEVERAL = "several quantities"
    """Several quantities of different kinds in one cell (see :attr:`EmissionFactor.variants`)."""
    UNKNOWN = "unknown"
    """The unit could not be read."""


@attrs.frozen
class ParameterVariant:
    """One labelled value of a parameter printed as a list (per category, year or cohort)."""

    label: str
    """What the value is for, as printed (``"detached"``, ``"2020"``, ``"pre-1920s stock"``)."""
    low: pint.Quantity[Any]
    """The value, or the low end of a printed range."""
    high: pint.Quantity[Any]
    """The value again, or the high end of a printed range."""
    counted: str | None = None
    """What the value counts, when it is a count (``"turbines"``)."""


@attrs.frozen
class EmissionFactor:
    """A sourced parameter for measure templates: an emission factor or activity/cost data.

    ``low``/``high`` are equal unless a range was printed; both are ``None`` when the value or
    the unit could not be read (see :attr:`parse_note`). Fields ending in ``_text`` hold what
    was printed, verbatim. A team writing its own figures uses :meth:`EmissionFactor.stated`
    (name, printed value and unit, source and quote) or :func:`read_factors_file` (a CSV or
    TOML file); the parsed fields are then read exactly as for the bundled data.
    """

    name: str
    """Required, non-empty. Parameter name as given in the data set, e.g.
    ``"ef_district_heat_tampere"`` (not unique: the same name may recur by year)."""
    value_text: str
    """Required. Value as printed, e.g. ``"140"``, ``"0.8-1.2"``, ``"20 (central 20)"``."""
    unit_text: str
    """Required. Unit as printed, e.g. ``"g CO2e/kWh"``, ``"l/100 km"``, ``"EUR/MWh"``."""
    low: pint.Quantity[Any] | None
    """Required (may be ``None``). The value, or the low end of a printed range, in the
    parsed unit (canemure's registry); ``None`` when unreadable."""
    high: pint.Quantity[Any] | None
    """Required (may be ``None``). The value again, or the high end of a printed range."""
    year_text: str
    """Required (may be empty = not printed). Year as printed (``"2014 (3-yr avg; page
    updated 2016-04-06)"``)."""
    year: int | None
    """Required (may be ``None``). The calendar year, when the printed year starts with one
    year (not a span or "c.")."""
    scope: str
    """Required (may be empty = not printed). Where the figure applies, as printed
    (``"Finland"``, ``"Tampere"``); an adapter's local factors name one of its places."""
    technology: str
    """Required (may be empty = not printed). Technology or sector, as printed."""
    source: str
    """Required, non-empty. Where the figure was read. The conformance kit refuses an empty
    source."""
    quote: str
    """Required. Verbatim quote from the source; the conformance kit refuses an empty quote on
    factors an adapter returns (only :func:`alas11_national_factors`, derived from a table,
    has none)."""
    notes: str = ""
    """Optional (default empty). The data set's caveats."""
    kind: ParameterKind = ParameterKind.UNKNOWN
    """Optional (default ``UNKNOWN``). What the figure measures, from the parsed unit's
    dimension (:class:`ParameterKind`)."""
    gas_basis: str | None = None
    """Optional (default ``None``). ``"CO2e"`` or ``"CO2"`` for figures in a greenhouse gas;
    ``None`` otherwise."""
    boundary: str | None = None
    """Optional (default ``None`` = not stated). ``"lifecycle"`` or ``"direct"`` when the name
    or technology says so."""
    reliability: str | None = None
    """Optional (default ``None`` = not graded). Reliability grade of the source as printed in
    the sources document (``"A"`` official statistics ... ``"D"``; ``"A/B"``)."""
    unit_note: str | None = None
    """Optional (default ``None``). Words printed after the unit (``"fuel"``, ``"(incl. VAT
    24%)"``)."""
    remark: str | None = None
    """Optional (default ``None``). A parenthetical printed with the value (``"central
    20"``)."""
    parse_note: str | None = None
    """Optional (default ``None``). Why the value is ``None``, when it is."""
    line: int | None = None
    """Optional (default ``None``). Line of the row in its CSV file (header = line 1)."""
    variants: tuple[ParameterVariant, ...] = ()
    """Optional (default empty). The labelled values of a cell that prints several (per
    category, year or cohort)."""
    per: str | None = None
    """Optional (default ``None``). What the amount is per, when that is a counted thing
    (``"installation"``, ``"house"``)."""
    counted: str | None = None
    """Optional (default ``None``). What the figure counts, when it is a count (``"houses"``)."""
    relative_to: str | None = None
    """Optional (default ``None``). What a ratio is relative to (``"diesel bus price"`` for
    ``2.0 x diesel bus price``)."""

    @classmethod
    def stated(
        cls,
        name: str,
        value_text: str,
        unit_text: str,
        *,
        source: str,
        quote: str,
        year_text: str = "",
        scope: str = "",
        technology: str = "",
        notes: str = "",
    ) -> EmissionFactor:
        """A figure from what its source printed; value, unit and year are read, never guessed.

        Reads the value and unit exactly as :func:`read_measure_parameters` reads the bundled
        rows (a unit it cannot read leaves ``low``/``high`` ``None`` with a
        :attr:`parse_note`). Raises :class:`ValueError` for an empty name, source or quote.
        """
        for field, given in (("name", name), ("source", source), ("quote", quote)):
            if not given.strip():
                raise ValueError(f"an emission factor needs a non-empty {field}, got {given!r}")
        problems = ProblemCollector("EmissionFactor.stated")
        row = {
            "parameter": name.strip(),
            "value": value_text,
            "unit": unit_text,
            "year": year_text,
            "region_scope": scope,
            "technology/sector": technology,
            "source": source,
            "quote": quote,
            "notes": notes,
        }
        factor = _factor(row, 0, problems)
        problems.raise_if_any()
        return attrs.evolve(factor, line=None)

    @property
    def value(self) -> pint.Quantity[Any] | None:
        """The single printed value; ``None`` for ranges and unreadable rows."""
        if self.low is None or self.high is None or self.low.m != self.high.m:
            return None
        return self.low

    @property
    def is_range(self) -> bool:
        """Whether a range was printed."""
        return self.low is not None and self.high is not None and bool(self.low.m != self.high.m)


# --- unit parsing ---------------------------------------------------------------------------

_TOKENS: dict[str, str] = {
    **{
        t: t
        for t in (
            "g",
            "kg",
            "t",
            "kt",
            "Mt",
            "Wh",
            "kWh",
            "MWh",
            "GWh",
            "TWh",
            "MJ",
            "GJ",
            "TJ",
            "W",
            "kW",
            "MW",
            "GW",
            "km",
            "m",
            "l",
            "a",
            "h",
            "EUR",
            "MEUR",
            "vkm",
            "resident",
            "person",
            "vehicle",
            "Wp",
            "kWp",
            "MWp",
            "pkm",
        )
    },
    "c": "centiEUR",
    "metre": "m",
    "metres": "m",
    "CO2": "CO2",
    "CO2e": "CO2e",
    "CO2eq": "CO2e",
    "CO2-eq": "CO2e",
    "year": "a",
    "€": "EUR",
    "m2": "m**2",
    "m3": "m**3",
    "car": "vehicle",
    "bus": "vehicle",
}
"""Unit tokens the parser accepts, and the registry unit each stands for."""
_DIMENSIONLESS = re.compile(r"^(?:-|share|fraction)(?=\s|$)", re.IGNORECASE)
_RELATIVE = re.compile(r"^x\s+(\S.*)$")
_COUNT_NOUNS = ("installation", "house", "plant", "turbine", "building", "farm")
"""Things a figure may be per or count (singular); a phrase ending in one of them is a count."""


def _count_phrase(words: Sequence[str]) -> bool:
    last = words[-1].lower() if words else ""
    return any(last in (noun, noun + "s") for noun in _COUNT_NOUNS)


_PERCENT = re.compile(r"^%(?=\s|$)")
_LEXEME = re.compile(r"\s*(/|\d+(?:\.\d+)?|[^\s/()]+)")


@attrs.frozen
class ParsedUnit:
    """A printed parameter unit as read by :func:`parse_parameter_unit`."""

    expression: str
    """Unit expression for the package's registry, e.g. ``"CO2e * g / kWh"`` or ``"l / km"``."""
    scale: float
    """Factor to apply to printed values (``0.01`` for ``l/100 km``)."""
    gas: str | None
    """``"CO2e"`` or ``"CO2"`` when the unit names a greenhouse gas."""
    note: str | None
    """Words printed after the unit, or qualifying a unit (``"borehole metre"``)."""
    per: str | None = None
    """The counted thing of a denominator (``"installation"`` for ``EUR per installation``)."""
    counted: str | None = None
    """What the figure counts, for a unit that is a count (``"houses"``)."""
    relative_to: str | None = None
    """What a ratio is relative to (``"diesel bus price"`` for ``x diesel bus price``)."""


def parse_parameter_unit(text: str) -> ParsedUnit:
    """Read a printed parameter unit; raise :class:`UnitError` saying why when it cannot.

    >>> u = parse_parameter_unit("l/100 km")
    >>> u.expression, u.scale
    ('l / km', 0.01)
    >>> parse_parameter_unit("g CO2e/kWh fuel").note
    'fuel'
    """
    raw = text.strip().replace("₂", "2")
    if not raw:
        raise UnitError("no unit is printed")
    relative = _RELATIVE.match(raw)
    if relative:
        return ParsedUnit("dimensionless", 1.0, None, None, relative_to=relative.group(1).strip())
    words = raw.split()
    if (
        re.fullmatch(r"[^\W\d][\w -]*", raw)
        and _count_phrase(words)
        and not any(w in _TOKENS or w == "per" for w in words)
    ):
        return ParsedUnit("dimensionless", 1.0, None, None, counted=raw)
    for pattern, expression in ((_DIMENSIONLESS, "dimensionless"), (_PERCENT, "percent")):
        match = pattern.match(raw)
        if match:
            rest = raw[match.end() :].strip()
            return ParsedUnit(expression, 1.0, None, rest or None)
    core = re.sub(r"\s+per\s+", " / ", raw)
    terms: list[list[str]] = [[]]
    scale = 1.0
    gas: str | None = None
    position = 0
    note: str | None = None
    per: str | None = None
    qualifiers: list[str] = []
    while position < len(core):
        match = _LEXEME.match(core, position)
        if match is None:
            note = core[position:].strip()
            break
        lexeme = match.group(1)
        if lexeme == "/":
            if not terms[-1]:
                raise UnitError(f"{text!r}: '/' without a unit before it")
            terms.append([])
        elif re.fullmatch(r"\d+(?:\.\d+)?", lexeme):
            if len(terms) == 1 or terms[-1]:
                raise UnitError(f"{text!r}: a number inside the unit is read only as a divisor")
            scale /= float(lexeme)
        elif lexeme in _TOKENS:
            unit = _TOKENS[lexeme]
            if unit in ("CO2", "CO2e"):
                gas = "CO2e" if unit == "CO2e" else "CO2"
                unit = "CO2e"
            terms[-1].append(unit)
        elif not terms[-1] and len(terms) > 1:
            # a denominator phrase: "borehole metre", "cycled km", "farm-scale plant"
            phrase = re.match(r"[^/()]+", core[match.start() :])
            words = phrase.group(0).split() if phrase else [lexeme]
            if len(words) > 1 and words[-1] in _TOKENS:
                terms[-1].append(_TOKENS[words[-1]])
                qualifiers.append(" ".join(words))
            elif _count_phrase(words) and per is None:
                per = " ".join(words)
                terms.pop()
            else:
                raise UnitError(f"{text!r}: {lexeme!r} is not a unit canemure reads")
            position = match.start() + (phrase.end() if phrase else len(lexeme))
            continue
        else:
            if not terms[-1]:
                raise UnitError(f"{text!r}: {lexeme!r} is not a unit canemure reads")
            note = core[match.start() :].strip()
            break
        position = match.end()
    if not terms[-1]:
        raise UnitError(f"{text!r}: the unit ends without a denominator")
    if note and not re.match(r"[^\W\d]|\(", note):
        raise UnitError(f"{text!r}: cannot read {note!r} after the unit")
    expression = " / ".join(" ".join(term) for term in terms)
    try:
        Q_(1.0, expression)
    except Exception as exc:  # pint raises several unrelated types on bad strings
        raise UnitError(f"{text!r}: {exc}") from exc
    if qualifiers:
        note = "; ".join([*qualifiers, *([note] if note else [])])
    return ParsedUnit(expression, scale, gas, note, per=per)


def _kind(quantity: pint.Quantity[Any]) -> ParameterKind:
    dims = quantity.dimensionality
    if "[currency]" in dims:
        return ParameterKind.COST
    if "[carbon_dioxide]" in dims:
        emission = Q_(1.0, "t CO2e / a")
        if quantity.is_compatible_with(emission) or quantity.is_compatible_with("t CO2e"):
            return ParameterKind.EMISSIONS
        return ParameterKind.EMISSION_FACTOR
    if quantity.dimensionless:
        return ParameterKind.RATIO
    return ParameterKind.ACTIVITY


_LIFECYCLE = re.compile(r"lifecycle|life-cycle|\bwtw\b|well-to-wheel", re.IGNORECASE)
_DIRECT = re.compile(r"combustion|direct[- ]only", re.IGNORECASE)


def _boundary(*texts: str) -> str | None:
    joined = " ".join(texts).replace("_", " ")
    lifecycle, direct = bool(_LIFECYCLE.search(joined)), bool(_DIRECT.search(joined))
    if lifecycle == direct:
        return None
    return "lifecycle" if lifecycle else "direct"


_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\b(?!\s*[-–]\s*(?:19|20)\d{2})")


# --- reading ----------------------------------------------------------------------------------


@cache
def _grades() -> tuple[tuple[str, str], ...]:
    return tuple((row["source_contains"], row["grade"]) for row in read_bundled_csv(GRADES_FILE))


def _grade(source: str, problems: ProblemCollector, line: int) -> str | None:
    matches = {grade for needle, grade in _grades() if needle in source}
    if len(matches) > 1:
        problems.add_keyed(
            "factor_several_grades",
            grades=str(sorted(matches)),
            line=line,
            column="source",
            value=source,
        )
    return matches.pop() if len(matches) == 1 else None


_TOP_LEVEL_COMMA = re.compile(r",\s*(?![^()]*\))")


def _units(text: str) -> list[tuple[str, ParsedUnit]]:
    """The printed unit(s) of a row: ``"MW, TWh/a"`` lists two (commas in brackets don't count)."""
    return [(part, parse_parameter_unit(part)) for part in _TOP_LEVEL_COMMA.split(text)]


def _variant_unit(word: str | None, units: list[tuple[str, ParsedUnit]]) -> ParsedUnit:
    """The unit of one printed variant: its own word, matched to the row's units where listed."""
    if word is None:
        if len(units) != 1:
            raise UnitError("a value without its own unit in a row that prints several units")
        return units[0][1]
    if word == "%":
        return ParsedUnit("percent", 1.0, None, None)
    for printed, unit in units:
        if printed.split("/")[0].strip() == word:
            return unit
    return parse_parameter_unit(word)


def _variants(value: str, units: list[tuple[str, ParsedUnit]]) -> tuple[ParameterVariant, ...]:
    variants = []
    for printed in split_variants(value):
        unit = _variant_unit(printed.unit, units)
        low = Q_(printed.amount.low * unit.scale, unit.expression)
        high = Q_(printed.amount.high * unit.scale, unit.expression)
        variants.append(ParameterVariant(printed.label, low, high, unit.counted))
    return tuple(variants)


def _span(
    variants: Sequence[ParameterVariant],
) -> tuple[pint.Quantity[Any] | None, pint.Quantity[Any] | None, ParameterKind]:
    """Low and high over variants that share a dimension; their common kind."""
    kinds = {_kind(v.low) for v in variants}
    first = variants[0].low
    if any(not v.low.is_compatible_with(first) for v in variants) or len(kinds) > 1:
        return None, None, ParameterKind.SEVERAL
    unit = first.units
    low = min(v.low.m_as(unit) for v in variants)
    high = max(v.high.m_as(unit) for v in variants)
    return Q_(low, unit), Q_(high, unit), kinds.pop()


def _factor(row: dict[str, str], line: int, problems: ProblemCollector) -> EmissionFactor:
    low = high = None
    note: str | None = None
    unit_note = remark = gas = per = counted = relative_to = None
    variants: tuple[ParameterVariant, ...] = ()
    kind = ParameterKind.UNKNOWN
    if row["unit"].strip().lower() == "method":
        kind = ParameterKind.TEXT
    else:
        try:
            units = _units(row["unit"])
        except UnitError as exc:
            units, note = [], str(exc)
        if len(units) == 1:
            unit = units[0][1]
            unit_note, gas, per = unit.note, unit.gas, unit.per
            counted, relative_to = unit.counted, unit.relative_to
        if units:
            try:
                if len(units) > 1:
                    raise PrintedNumberError("several units: the value must list its parts")
                amount = parse_amount(row["value"])
            except PrintedNumberError as exc:
                try:
                    variants = _variants(row["value"], units)
                except (PrintedNumberError, UnitError) as inner:
                    note = f"value not read: {exc}; as a list: {inner}"
                else:
                    low, high, kind = _span(variants)
                    gas = gas or next(
                        (g for _, u in units for g in (u.gas,) if g is not None), None
                    )
            else:
                unit = units[0][1]
                remark = amount.remark
                low = Q_(amount.low * unit.scale, unit.expression)
                high = Q_(amount.high * unit.scale, unit.expression)
                kind = ParameterKind.COUNT if counted else _kind(low)
    year = _YEAR.match(row["year"])
    return EmissionFactor(
        name=row["parameter"],
        value_text=row["value"],
        unit_text=row["unit"],
        low=low,
        high=high,
        year_text=row["year"],
        year=int(year.group(1)) if year else None,
        scope=row["region_scope"],
        technology=row["technology/sector"],
        source=row["source"],
        quote=row["quote"],
        notes=row["notes"],
        kind=kind,
        gas_basis=gas,
        boundary=_boundary(row["parameter"], row["technology/sector"]) if gas else None,
        reliability=_grade(row["source"], problems, line),
        unit_note=unit_note,
        remark=remark,
        parse_note=note,
        line=line,
        variants=variants,
        per=per,
        counted=counted,
        relative_to=relative_to,
    )


@cache
def read_measure_parameters() -> tuple[EmissionFactor, ...]:
    """All 157 rows of ``measure_parameters.csv`` as :class:`EmissionFactor`, in file order."""
    problems = ProblemCollector(bundled_path(PARAMETERS_FILE))
    factors: list[EmissionFactor] = []
    for line, row in enumerate(read_bundled_csv(PARAMETERS_FILE), start=2):
        if not row["parameter"].strip():
            problems.add_keyed("factor_empty_parameter", line=line, column="parameter")
        factors.append(_factor(row, line, problems))
    problems.raise_if_any()
    return tuple(factors)


def require_comparable(factors: Iterable[EmissionFactor]) -> None:
    """Raise :class:`UnitError` unless the factors can be compared or combined.

    They must all be readable, share a dimension, count the same gases (CO2 vs CO2e) and the
    same boundary (lifecycle vs direct; unknown counts as its own boundary).
    """
    items: Sequence[EmissionFactor] = list(factors)
    problems: list[str] = []
    unreadable = [f.name for f in items if f.low is None]
    if unreadable:
        problems.append(f"unreadable or not one quantity: {', '.join(unreadable)}")
    readable = [f for f in items if f.low is not None]
    if readable:
        first = readable[0].low
        assert first is not None
        odd = [
            f.name for f in readable if f.low is not None and not f.low.is_compatible_with(first)
        ]
        if odd:
            problems.append(f"dimension differs from {readable[0].name}'s: {', '.join(odd)}")
    for label, attribute in (("gas basis", "gas_basis"), ("boundary", "boundary")):
        values = {getattr(f, attribute) for f in items}
        if len(values) > 1:
            listing = ", ".join(f"{f.name}: {getattr(f, attribute)}" for f in items)
            problems.append(f"{label} differs ({listing})")
    if problems:
        raise UnitError("factors are not comparable: " + "; ".join(problems))


def alas11_national_factors() -> tuple[EmissionFactor, ...]:
    """Return the national factors implied by ALas 1.1 (:mod:`canemure.io.bundled`) as records.

    Each is kg CO2e/kWh as given in the bundled file. Boundary and reliability grade are left
    ``None``: the sources document grades neither this file nor its secondary source.
    """
    from canemure.io.bundled import national_emission_factors

    return tuple(_from_implied(f) for f in national_emission_factors())


def _from_implied(implied: ImpliedEmissionFactor) -> EmissionFactor:
    year_text = (
        str(implied.year)
        if implied.year is not None
        else (f"{implied.period[0]}-{implied.period[1]} (pooled)")
    )
    parts = [implied.final_use]
    if implied.level5:
        parts.append(implied.level5)
    if implied.emissions_trading is not None:
        parts.append(
            "emissions trading" if implied.emissions_trading else "not in emissions trading"
        )
    factor = implied.factor
    return EmissionFactor(
        name=f"alas11_implied_{'_'.join(implied.final_use.split())}",
        value_text=f"{factor.m:g}",
        unit_text="kg CO2e/kWh",
        low=factor,
        high=factor,
        year_text=year_text,
        year=implied.year,
        scope="Finland",
        technology=", ".join(parts),
        source=str(implied.source),
        quote="",
        notes=implied.note or "",
        kind=ParameterKind.EMISSION_FACTOR,
        gas_basis="CO2e",
    )


FACTOR_FIELDS_REQUIRED = ("name", "value", "unit", "source", "quote")
"""Fields every row of a team's factors file gives (:func:`read_factors_file`)."""
FACTOR_FIELDS_OPTIONAL = ("year", "scope", "technology", "notes")
"""Fields a team's factors file may give; left out or empty means "not printed"."""


def _keyed(problem: Problem) -> str:
    """A problem's message, keeping its catalogue key (to be said in the user's language)."""
    return Message(problem.key, **problem.params) if problem.key else problem.message


def read_factors_file(file: TeamFile) -> tuple[EmissionFactor, ...]:
    """Read a team's own emission factors and activity data from a CSV or TOML file.

    CSV: a header row with :data:`FACTOR_FIELDS_REQUIRED` and any of
    :data:`FACTOR_FIELDS_OPTIONAL`; TOML: one ``[[factor]]`` table per figure with the same
    keys. Each row becomes :meth:`EmissionFactor.stated`: a value or unit that cannot be read
    stays as printed with a :attr:`~EmissionFactor.parse_note` (as for the bundled data); an
    empty required field, an unknown column or key is a problem, and every problem is
    reported together in one :class:`~canemure.errors.DataFormatError` (file, line or table,
    field, value).
    """
    read = read_record_file(
        file, table="factor", required=FACTOR_FIELDS_REQUIRED, optional=FACTOR_FIELDS_OPTIONAL
    )
    factors: list[EmissionFactor] = []
    for row in read.rows:
        if any(not row.text(name) for name in FACTOR_FIELDS_REQUIRED):
            # Empty fields are reported already; the source's grade is still checked.
            grades = ProblemCollector(read.source)
            _grade(row.text("source"), grades, 0)
            for problem in grades.problems:
                row.problem(read.problems, _keyed(problem), "source", row.text("source"))
            continue
        try:
            factor = EmissionFactor.stated(
                row.text("name"),
                row.text("value"),
                row.text("unit"),
                source=row.text("source"),
                quote=row.text("quote"),
                year_text=row.text("year"),
                scope=row.text("scope"),
                technology=row.text("technology"),
                notes=row.text("notes"),
            )
        except DataFormatError as exc:  # e.g. a source matching two reliability grades
            for problem in exc.problems:
                row.problem(read.problems, _keyed(problem), "source", row.text("source"))
            continue
        factors.append(attrs.evolve(factor, line=row.line))
    read.problems.raise_if_any()
    return tuple(factors)
