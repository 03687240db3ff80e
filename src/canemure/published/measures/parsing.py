"""Reading printed statuses, effects, costs and responsible actors of published measures.

Every function here returns the parsed value *and* a note. The rule throughout: read what is
unambiguous, and otherwise return ``None`` (or an empty tuple) with the reason in words. Nothing
is filled in: a unit that names no greenhouse gas ("kt") is not read as CO2e, a misprinted unit
("ICG2e") is not corrected, "20,000" is not read as twenty thousand unless the caller states
the source's thousands separator, a cost class ("●●○○○") is not turned into euros.

Status texts are matched against a few keyword rules (see :func:`parse_status`); when a text
mentions several stages the *least* advanced wins ("planned/ongoing" is PLANNED), except that a
decision is implied by implementation ("ongoing, political decision" is ONGOING).
"""

from __future__ import annotations

import re

from canemure._printed import PrintedNumberError, parse_amount
from canemure.published.measures.model import (
    EffectBasis,
    EffectConvention,
    MeasureStatus,
    PublishedCost,
    PublishedEffect,
)
from canemure.units import Q_

__all__ = ["parse_costs", "parse_effect", "parse_status", "split_responsible"]

# --- status -------------------------------------------------------------------------------

_STATUS_SILENT = re.compile(
    r"not stated|schedule as written|portfolio only|qualitative assessment|\bassumed\b"
)
_NOT_DECIDED = re.compile(
    r"not (?:yet )?decided|not gone through the political decision[- ]making process|"
    r"has not yet been agreed"
)
_STATUS_RULES: tuple[tuple[MeasureStatus, re.Pattern[str]], ...] = (
    (
        MeasureStatus.PROPOSED,
        re.compile(r"\bproposals?\b|ehdotus|\bimpact pathway\b|\bdraft\b|\bscenario\b"),
    ),
    (
        MeasureStatus.PLANNED,
        re.compile(r"\bplanned\b|\bplanning\b|investment plan|decisions? pending|roadmap measure"),
    ),
    (
        MeasureStatus.DECIDED,
        re.compile(
            r"political decision|\bdecided\b|\bdecisions?\b(?!\s+pending)|\bcommitted\b|"
            r"\bapproved\b"
        ),
    ),
    (
        MeasureStatus.ONGOING,
        re.compile(
            r"\bon\s?going\b|\bcontinuing\b|\bstarted\b|\bin development\b|\bunder review\b|"
            r"partly implemented|being implemented|\brunning\b|behind plan|\bpilot\b"
        ),
    ),
    (
        MeasureStatus.IMPLEMENTED,
        re.compile(r"\bcompleted?\b|(?<!partly )\bimplemented\b|\bin force\b"),
    ),
)


def parse_status(text: str) -> MeasureStatus:
    """Read a measure's status from its printed status text, conservatively.

    Texts that say nothing ("", "not stated", "(schedule as written)") are UNKNOWN. Negations
    ("not yet decided") make a measure PROPOSED. Otherwise every stage the text mentions is
    collected; DECIDED is dropped when ONGOING or IMPLEMENTED is also mentioned (implementation
    implies a decision), and the least advanced remaining stage wins.

    >>> parse_status("planned/ongoing (Biodiversity action plan approved June 2023)")
    <MeasureStatus.PLANNED: 'planned'>
    >>> parse_status("Ongoing, political decision, financing secured")
    <MeasureStatus.ONGOING: 'ongoing'>
    """
    folded = " ".join(text.casefold().split())
    if not folded or _STATUS_SILENT.search(folded):
        return MeasureStatus.UNKNOWN
    found: set[MeasureStatus] = set()
    if _NOT_DECIDED.search(folded):
        found.add(MeasureStatus.PROPOSED)
        folded = _NOT_DECIDED.sub(" ", folded)
    for status, pattern in _STATUS_RULES:
        if pattern.search(folded):
            found.add(status)
    if found & {MeasureStatus.ONGOING, MeasureStatus.IMPLEMENTED}:
        found.discard(MeasureStatus.DECIDED)
    if not found:
        return MeasureStatus.UNKNOWN
    return min(found, key=lambda s: s.rank if s.rank is not None else 99)


# --- effect --------------------------------------------------------------------------------

_EFFECT_UNIT = re.compile(
    r"^\s*(?P<mass>Mt|kt|t|kg|g)\s*(?P<gas>co2)"
    r"(?P<eq>\s*-?\s*(?:equivalent|ekv|eq|e)(?![a-z]))?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MASS_ONLY = re.compile(r"^\s*(?:Mt|kt|t|kg|g)\b")
_PER_YEAR = re.compile(r"^\s*(?:/|per)\s*(?:a|year|yr|v|vuosi)\b", re.IGNORECASE)
_EFFECT_YEAR = re.compile(r"\b(?:in|by|vuonna|vuoteen)\s+((?:19|20)\d{2})\b(?!\s*[-–])")
_RELATIVE = re.compile(r"%|\bper ?cent\b|\bprosent", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_FIGURE_START = re.compile(r"^\s*(?:[^\W\d]+\.?\s+){0,4}[-\u2212\u2013+]?\s*\d")


def _annual_column(text: str | None) -> EffectBasis | None:
    folded = (text or "").casefold().strip()
    if folded.startswith("yes"):
        return EffectBasis.ANNUAL
    if "cumulative" in folded:
        return EffectBasis.CUMULATIVE
    if "change in annual" in folded:
        return EffectBasis.LEVEL_CHANGE
    if "one-off" in folded:
        return EffectBasis.ONE_OFF
    return None


def _effect_basis(unit_per_year: bool, annual_text: str | None) -> tuple[EffectBasis, str | None]:
    stated = _annual_column(annual_text)
    if stated in (EffectBasis.ANNUAL, EffectBasis.LEVEL_CHANGE):
        return stated, None
    if stated is not None:
        if unit_per_year:
            return EffectBasis.UNKNOWN, (
                f"the unit says per year but the data set says {annual_text!r}; basis left unknown"
            )
        return stated, None
    return (EffectBasis.ANNUAL if unit_per_year else EffectBasis.UNKNOWN), None


def parse_effect(
    value_text: str, unit_text: str, annual_text: str | None = None
) -> tuple[PublishedEffect | None, str | None]:
    """Read a printed effect figure and its unit; return the effect and a note.

    ``annual_text`` is a data set's own statement whether the figure is annual ("yes", "not
    stated", "no – cumulative 2020–2030"), where it has one. The unit must be a mass of CO2e or
    CO2 (``t CO2e/a``, ``ktCO2e / year in 2026-2030``, ``kt CO2-ekv (...)``); text after it is
    read only for "per year" and a single reference year ("in 2030", "vuonna 2030").

    >>> from canemure.units import unit_label
    >>> effect, note = parse_effect("25000", "t CO2e/a")
    >>> effect.low.m, unit_label(effect.low.units), effect.basis.value
    (25000.0, 't CO2e/a', 'annual')
    >>> parse_effect("-319", "kt (Emissions 2030 compared to 2022)")[1]
    "the unit 'kt (Emissions 2030 compared to 2022)' names no greenhouse gas; not read as CO2e"
    """
    value = value_text.strip()
    unit = unit_text.strip().replace("₂", "2")
    if not value:
        return None, "no effect figure is printed"
    if not _FIGURE_START.match(value):
        return None, f"no effect figure is printed ({value!r})"
    match = _EFFECT_UNIT.match(unit)
    if match is None:
        if not unit:
            return None, "no unit is printed with the figure"
        if _RELATIVE.search(unit) or _RELATIVE.search(value):
            return None, f"a relative figure ({value!r} {unit!r}), not an amount of emissions"
        if _MASS_ONLY.match(unit):
            return None, f"the unit {unit_text!r} names no greenhouse gas; not read as CO2e"
        return None, f"the unit {unit_text!r} is not a mass of CO2e or CO2; not read"
    try:
        amount = parse_amount(value)
    except PrintedNumberError as exc:
        return None, str(exc)
    rest = match.group("rest")
    unit_per_year = bool(_PER_YEAR.match(rest))
    basis, note = _effect_basis(unit_per_year, annual_text)
    years = {int(y) for y in _EFFECT_YEAR.findall(rest)}
    gas_basis = "CO2e" if match.group("eq") else "CO2"
    pint_unit = f"{match.group('mass')} CO2e" + (" / a" if basis.per_year else "")
    effect = PublishedEffect(
        low=Q_(amount.low, pint_unit),
        high=Q_(amount.high, pint_unit),
        basis=basis,
        convention=EffectConvention.CHANGE if amount.signed else EffectConvention.REDUCTION,
        gas_basis=gas_basis,
        approximate=amount.approximate,
        year=years.pop() if len(years) == 1 else None,
        remark=amount.remark,
    )
    if gas_basis == "CO2" and note is None:
        note = "printed as CO2 only, not CO2 equivalents"
    return effect, note


# --- cost ---------------------------------------------------------------------------------

_COST_LABELS = (
    "operating expenditure",
    "operating costs",
    "investments",
    "investment",
    "monitoring",
)
_VALUE_CURRENCY = re.compile(
    r"\s*(?P<cur>M€|MEUR|milj\.\s*€|k€|€|EUR|euros?|million)\s*(?P<per>/\s*(?:year|a|yr))?\s*$",
    re.IGNORECASE,
)
_UNIT_CURRENCY = re.compile(r"^\s*(?P<mult>1000\s*)?(?P<cur>EUR\b|€|euros?\b)", re.IGNORECASE)
_UNIT_PER_YEAR = re.compile(r"^\s*(?:/|per)\s*(?:year|a|yr)\b", re.IGNORECASE)
_UNIT_PER_TONNE = re.compile(r"^\s*/\s*t\s*CO2(?:e|-eq|eq)?\b", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_CURRENCY_TOKEN = re.compile(r"M€|MEUR|k€|€|\bEUR\b|\beuros?\b", re.IGNORECASE)
_BULLETS = re.compile(r"^[●○\s]+$")
_MULTIPLIERS = {"m€": 1e6, "meur": 1e6, "million": 1e6, "k€": 1e3}


def _split_top_level(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    current: list[str] = []
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _cost_component(
    text: str, unit: str, thousands: str | None
) -> tuple[PublishedCost | None, str | None]:
    label = None
    for candidate in _COST_LABELS:
        if text.casefold().startswith(candidate + " "):
            label, text = candidate, text[len(candidate) :].strip()
            break
    core = text
    paren = _TRAILING_PAREN.search(core)
    if paren and paren.start() > 0:
        core = core[: paren.start()]
    if not _HAS_DIGIT.search(core):
        return None, f"no amount is printed ({text!r})"
    if len(_CURRENCY_TOKEN.findall(core)) > 1:
        return None, f"several amounts are printed ({text!r}); not read"
    multiplier = 1.0
    currency = False
    per_year = False
    suffix = _VALUE_CURRENCY.search(core)
    if suffix and suffix.start() > 0:
        token = suffix.group("cur").casefold().replace(" ", "")
        multiplier = _MULTIPLIERS.get(token, 1.0)
        currency = token != "million"
        per_year = suffix.group("per") is not None
        core = core[: suffix.start()]
    unit_match = _UNIT_CURRENCY.match(unit)
    rest = unit
    if unit_match:
        currency = True
        if unit_match.group("mult"):
            multiplier *= 1000.0
        rest = unit[unit_match.end() :]
    per_tonne = bool(_UNIT_PER_TONNE.match(rest))
    per_year = per_year or bool(_UNIT_PER_YEAR.match(rest))
    if not currency:
        return None, f"no currency is printed with {text!r} (unit text {unit!r})"
    try:
        amount = parse_amount(core, thousands=thousands)
    except PrintedNumberError as exc:
        return None, str(exc)
    if per_tonne and per_year:
        return None, f"the unit {unit!r} is both per year and per tonne; not read"
    pint_unit = "EUR / (t CO2e)" if per_tonne else "EUR / a" if per_year else "EUR"
    cost = PublishedCost(
        low=Q_(amount.low * multiplier, pint_unit),
        high=Q_(amount.high * multiplier, pint_unit),
        basis=unit.strip(),
        label=label,
        approximate=amount.approximate,
    )
    return cost, None


def parse_costs(
    value_text: str, unit_text: str, *, thousands: str | None = None
) -> tuple[tuple[PublishedCost, ...], str | None]:
    """Read printed cost figures; return the parsed components and a note.

    Several components separated by ``;`` (``investments 60,000; operating expenditure
    160,000``) give several :class:`PublishedCost`; if any component cannot be read, none is
    returned. The currency may be printed with the value (``64.1 M€``, ``229 674 k€``) or lead
    the unit text (``EUR investment ...``, ``1000 € (C-3.1)``, ``euros/year``). Cost classes
    (``●●○○○``, ordinal 1-3) are not amounts and are not read. ``thousands`` states the source's
    thousands separator when the caller knows it (see :func:`canemure._printed.parse_number`).

    >>> costs, note = parse_costs("64.1 M€", "total sum in 2023-2030")
    >>> costs[0].low
    <Quantity(64100000.0, 'EUR')>
    """
    value = value_text.strip()
    unit = unit_text.strip()
    if not value and not unit:
        return (), "no cost is printed"
    if not value:
        return (), f"no amount is printed (unit text {unit!r})"
    if _BULLETS.fullmatch(value):
        return (), f"a rough cost class as printed ({value!r}), not an amount"
    if not _HAS_DIGIT.search(_TRAILING_PAREN.sub("", value)):
        return (), f"no amount is printed ({value!r})"
    if re.search(r"cost[- ]class", unit, re.IGNORECASE) and not _UNIT_CURRENCY.match(unit):
        return (), f"an ordinal cost class ({value!r}: {unit!r}), not euros"
    costs: list[PublishedCost] = []
    for part in _split_top_level(value, ";"):
        cost, note = _cost_component(part, unit, thousands)
        if cost is None:
            return (), note
        costs.append(cost)
    return tuple(costs), None


# --- responsible ----------------------------------------------------------------------------

_NOBODY = re.compile(
    r"^(?:\(.*\)|not (?:stated|given)\b.*|see \S+|as defined in\b.*)$", re.IGNORECASE | re.DOTALL
)


def split_responsible(text: str) -> tuple[str, ...]:
    """Split a printed list of responsible actors at top-level commas and semicolons.

    Texts that name nobody ("(not stated in row)", "see E2", "not given in the file") give an
    empty tuple; the printed text is kept by the caller.

    >>> split_responsible("Lappeenrannan Energia Oy, Lämpövoima Oy (C-3.1: Lappeenrannan Energia)")
    ('Lappeenrannan Energia Oy', 'Lämpövoima Oy (C-3.1: Lappeenrannan Energia)')
    """
    stripped = text.strip()
    if not stripped or _NOBODY.match(stripped):
        return ()
    return tuple(_split_top_level(stripped, ",;"))
