"""Reading a printed figure that gives several labelled values in one cell.

Sourced parameter tables print some figures as a list rather than one number:

* per category: ``detached 115; terraced 109; apartment 66; other 82``;
* per year: ``2020: 140; 2022: 122; 2023: 113``;
* per cohort, with the label in brackets: ``0.76 (pre-1920s stock) .. 0.83 (2018+)``;
* several quantities, each with its own unit: ``6949 MW; 14.4 TWh; 1601 turbines`` or
  ``114 MEUR investment -> 888 MEUR benefits (NPV)``;
* shares per category: ``detached/terraced 100% heat pumps; apartment/service 50% HP 50% DH``.

:func:`split_variants` reads such a cell into :class:`PrintedVariant` parts: a label, the
printed amount (one number or a range, read by :func:`canemure._printed.parse_amount`, so the
same refusal to guess applies) and, where the part prints one, its own unit word. It raises
:class:`~canemure._printed.PrintedNumberError` when any part cannot be read: a list is read
whole or not at all. Units are the caller's business (they depend on the table's unit column).
"""

from __future__ import annotations

import re

import attrs

from canemure._printed import PrintedAmount, PrintedNumberError, parse_amount

__all__ = ["PrintedVariant", "split_variants"]

_NUMBER = r"\d[\d\u00a0\u202f ]*(?:[.,]\d+)?"
_AMOUNT = rf"{_NUMBER}(?:\s*[-\u2013]\s*{_NUMBER})?"
_SEPARATORS = re.compile(r"\s*(?:;|->|\u2192|\s\.\.\s)\s*")
_LABEL_COLON = re.compile(rf"^(?P<label>[^:]+?)\s*:\s*(?P<amount>{_AMOUNT})$")
_AMOUNT_PAREN = re.compile(rf"^(?P<amount>{_AMOUNT})\s*\((?P<label>[^()]+)\)$")
_AMOUNT_UNIT = re.compile(
    rf"^(?P<amount>{_AMOUNT})\s+(?P<unit>[A-Za-z\u20ac][\w\u20ac-]*)(?:\s+(?P<label>\S.*))?$"
)
_LABEL_AMOUNT = re.compile(rf"^(?P<label>[^\d:;]*[^\W\d_][^\d:;]*?)\s+(?P<amount>{_AMOUNT})$")
_QUALIFIED_LABEL = re.compile(
    r"\b(?:at\s+least|less\s+than|more\s+than|over|under|up\s+to|at\s+most|maximum|max\.?|"
    r"minimum|min\.?|about|approx\.?|approximately|around|ca\.?|circa|noin|vähintään|enintään|"
    r"yli|alle)$",
    re.IGNORECASE,
)
_SHARES = re.compile(r"(?P<amount>\d+(?:[.,]\d+)?)\s*%\s*(?P<what>[^\d%]+?)(?=\s+\d|\s*$)")
_SHARES_LABEL = re.compile(r"^(?P<label>[^\d%]+?)\s+(?=\d+(?:[.,]\d+)?\s*%)")


@attrs.frozen
class PrintedVariant:
    """One labelled value of a printed list."""

    label: str
    """What the value is for (``"detached"``, ``"2020"``, ``"pre-1920s stock"``)."""
    amount: PrintedAmount
    """The value or range as printed."""
    unit: str | None = None
    """The part's own unit word (``"MW"``, ``"%"``, ``"turbines"``); ``None`` = the table's."""


def _amount(text: str, whole: str) -> PrintedAmount:
    try:
        return parse_amount(text)
    except PrintedNumberError as exc:
        raise PrintedNumberError(f"{whole!r}: part {text!r}: {exc}") from None


def _shares(part: str, whole: str) -> list[PrintedVariant]:
    head = _SHARES_LABEL.match(part)
    label = head.group("label").strip() if head else ""
    rest = part[head.end() :] if head else part
    found = list(_SHARES.finditer(rest))
    if not found or "".join(m.group(0) for m in found).replace(" ", "") != rest.replace(" ", ""):
        raise PrintedNumberError(f"{whole!r}: cannot read the shares in {part!r}")
    return [
        PrintedVariant(
            f"{label}: {m.group('what').strip()}" if label else m.group("what").strip(),
            _amount(m.group("amount"), whole),
            "%",
        )
        for m in found
    ]


def _part(part: str, whole: str) -> list[PrintedVariant]:
    if "%" in part:
        return _shares(part, whole)
    for pattern in (_LABEL_COLON, _AMOUNT_PAREN):
        match = pattern.match(part)
        if match:
            return [PrintedVariant(match.group("label").strip(), _amount(match["amount"], whole))]
    match = _AMOUNT_UNIT.match(part)
    if match:
        label = (match.group("label") or match.group("unit")).strip()
        return [PrintedVariant(label, _amount(match["amount"], whole), match.group("unit"))]
    match = _LABEL_AMOUNT.match(part)
    if match and _QUALIFIED_LABEL.search(match.group("label").strip()):
        raise PrintedNumberError(f"{whole!r}: {part!r} is printed as a bound or estimate")
    if match:
        return [PrintedVariant(match.group("label").strip(), _amount(match["amount"], whole))]
    raise PrintedNumberError(f"{whole!r}: cannot read part {part!r} as a labelled value")


def split_variants(text: str) -> tuple[PrintedVariant, ...]:
    """Read a cell that lists several labelled values; raise when it does not, or not wholly.

    >>> [(v.label, v.amount.low) for v in split_variants("2020: 140; 2022: 122")]
    [('2020', 140.0), ('2022', 122.0)]
    >>> [(v.label, v.amount.low, v.unit) for v in split_variants("6949 MW; 1601 turbines")]
    [('MW', 6949.0, 'MW'), ('turbines', 1601.0, 'turbines')]
    """
    parts = [p.strip() for p in _SEPARATORS.split(text.strip()) if p.strip()]
    if len(parts) < 2 and "%" not in text:
        raise PrintedNumberError(f"{text!r} is not a list of labelled values")
    variants = [variant for part in parts for variant in _part(part, text)]
    if len(variants) < 2:
        raise PrintedNumberError(f"{text!r} is not a list of labelled values")
    labels = [v.label for v in variants]
    if len(set(labels)) != len(labels):
        raise PrintedNumberError(f"{text!r}: a label is repeated, so the parts are not told apart")
    return tuple(variants)
