"""Reading numbers exactly as plans and web pages print them, and refusing to guess.

Published plans print numbers in several conventions at once: ``25 000`` and ``2 062 936``
(space-grouped thousands), ``-2,9`` and ``16,86`` (decimal comma), ``0.4`` (decimal point),
``47,300,000`` (comma-grouped thousands), ``– 15`` (an en dash as minus sign), and ranges such as
``4000000-6000000``. Some of these are ambiguous on their own: ``20,000`` is twenty thousand in
an English text and twenty in a Finnish one; ``300-400 000`` may mean 300 to 400 000 or 300 000 to
400 000. This module reads what is unambiguous and raises :class:`PrintedNumberError` (with the
reason in words) for everything else; callers keep the printed text and record the reason. It
never picks one reading of an ambiguous number.

The only way to read ``20,000`` as a number is for the *caller* to state the convention of the
source (``thousands=","``), e.g. for a table whose other cells (``69,850,000``) establish it.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["PrintedAmount", "PrintedNumberError", "parse_amount", "parse_number"]

_SPACES = "\u0020\u00a0\u202f\u2009"
_MINUS = "-\u2212\u2013\u2014"
_SPACE_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)*")
_QUALIFIERS = re.compile(
    r"^(?:about|approx\.?|approximately|around|ca\.?|c\.|circa|noin|n\.)\s+", re.IGNORECASE
)
_BOUNDS = re.compile(
    r"^(?:at\s+least|a\s+minimum\s+of|minimum|min\.?|less\s+than|more\s+than|over|under|"
    r"up\s+to|at\s+most|maximum|max\.?|vähintään|enintään|yli|alle)\b",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")


class PrintedNumberError(ValueError):
    """A printed number cannot be read without guessing; the message says why."""


def _strip_spaces(text: str) -> str:
    return text.strip(_SPACES + "\t\n")


def _body(text: str, thousands: str | None) -> float:
    """Read an unsigned number body such as ``25 000``, ``16,86`` or ``47,300,000``."""
    if _SPACE_GROUPED.fullmatch(text):
        digits = re.sub(rf"[{_SPACES}]", "", text)
        return float(digits.replace(",", "."))
    if not _PLAIN.fullmatch(text):
        raise PrintedNumberError(f"{text!r} is not a number")
    separators = [ch for ch in text if ch in ".,"]
    if not separators:
        return float(text)
    groups = re.split(r"[.,]", text)
    if len(set(separators)) == 2:
        # Both kinds: the last one is the decimal separator, the other groups thousands.
        decimal = separators[-1]
        grouping = "," if decimal == "." else "."
        if separators.count(decimal) != 1 or text.rfind(grouping) > text.rfind(decimal):
            raise PrintedNumberError(f"{text!r} mixes separators inconsistently")
        whole, fraction = text.rsplit(decimal, 1)
        parts = whole.split(grouping)
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            raise PrintedNumberError(f"{text!r} has irregular digit groups")
        return float("".join(parts) + "." + fraction)
    sep = separators[0]
    if len(separators) > 1:
        # One kind, several times: only thousands grouping makes sense (47,300,000).
        if 1 <= len(groups[0]) <= 3 and groups[0] != "0" and all(len(g) == 3 for g in groups[1:]):
            return float("".join(groups))
        raise PrintedNumberError(f"{text!r} has irregular digit groups")
    whole, fraction = groups
    if len(fraction) != 3 or whole in ("", "0"):
        return float(f"{whole}.{fraction}")
    if thousands == sep:
        return float(whole + fraction)
    if thousands is not None:
        return float(f"{whole}.{fraction}")
    raise PrintedNumberError(
        f"{text!r} is ambiguous: {sep!r} followed by three digits may separate thousands or "
        "decimals"
    )


def parse_number(text: str, *, thousands: str | None = None) -> float:
    """Read one printed number, with an optional sign (``-``, ``−``, ``–`` or ``+``).

    ``thousands`` states the source's thousands separator (``","`` or ``"."``) when the caller
    knows it; without it a single separator followed by exactly three digits is refused.

    >>> parse_number("25 000"), parse_number("-2,9"), parse_number("– 15")
    (25000.0, -2.9, -15.0)
    >>> parse_number("20,000")
    Traceback (most recent call last):
    ...
    canemure._printed.PrintedNumberError: '20,000' is ambiguous: ',' followed by three digits \
may separate thousands or decimals
    """
    stripped = _strip_spaces(text)
    sign = 1.0
    if stripped[:1] in _MINUS + "+":
        sign = -1.0 if stripped[0] in _MINUS else 1.0
        stripped = _strip_spaces(stripped[1:])
    if not stripped:
        raise PrintedNumberError(f"{text!r} is not a number")
    return sign * _body(stripped, thousands)


@attrs.frozen
class PrintedAmount:
    """A printed figure: one number or a range, and what was printed around it."""

    low: float
    """The number, or the low end of a range."""
    high: float
    """The number again, or the high end of a range."""
    signed: bool
    """Whether the figure was printed with an explicit sign (``-67``, ``+31,2``)."""
    approximate: bool = False
    """Whether the figure was qualified as approximate (``about``, ``approx.``, ``noin``)."""
    remark: str | None = None
    """A trailing parenthetical printed with the figure, e.g. ``"example"`` or ``"2024-2025"``."""

    @property
    def is_range(self) -> bool:
        """Whether a range was printed."""
        return self.low != self.high


def _split_range(text: str) -> tuple[str, str] | None:
    """Split ``a-b`` / ``a – b`` / ``a to b`` into its ends; ``None`` when not a range."""
    match = re.fullmatch(rf"(.*?\d)\s*(?:[{_MINUS}]|\bto\b|\.\.)\s*(\d.*)", text)
    if match is None:
        return None
    return match.group(1), match.group(2)


def parse_amount(text: str, *, thousands: str | None = None) -> PrintedAmount:
    """Read a printed figure without unit: a number or a range, maybe qualified.

    Accepted: an optional qualifier meaning "approximately" (``about``, ``approx.``, ``noin``),
    one number or a range of two unsigned numbers, and one trailing parenthetical remark. Bounds
    (``at least``, ``less than``, ``max``) are refused: a bound is not a value. So are signed
    ranges (does the sign apply to one end or both?) and ranges whose high end alone carries a
    thousands group (``300-400 000``).

    >>> parse_amount("about 50 000")
    PrintedAmount(low=50000.0, high=50000.0, signed=False, approximate=True, remark=None)
    >>> parse_amount("43-85").is_range
    True
    """
    stripped = _strip_spaces(text)
    if not stripped:
        raise PrintedNumberError("no figure is printed")
    if _BOUNDS.match(stripped):
        raise PrintedNumberError(f"{text!r} is printed as a bound, not a value")
    approximate = False
    qualifier = _QUALIFIERS.match(stripped)
    if qualifier:
        approximate = True
        stripped = stripped[qualifier.end() :]
    remark = None
    paren = _TRAILING_PAREN.search(stripped)
    if paren and paren.start() > 0:
        remark = paren.group(1).strip() or None
        stripped = _strip_spaces(stripped[: paren.start()])
    signed = stripped[:1] in _MINUS + "+"
    try:
        value = parse_number(stripped, thousands=thousands)
    except PrintedNumberError:
        ends = _split_range(stripped)
        if ends is None:
            raise
        if signed:
            raise PrintedNumberError(
                f"{text!r}: a signed range is ambiguous (does the sign apply to both ends?)"
            ) from None
        low_text, high_text = (_strip_spaces(end) for end in ends)
        if re.search(rf"[{_SPACES}.,]\d{{3}}$", high_text) and re.fullmatch(r"\d{1,3}", low_text):
            raise PrintedNumberError(
                f"{text!r}: only the high end carries a thousands group; the low end is ambiguous"
            ) from None
        low = parse_number(low_text, thousands=thousands)
        high = parse_number(high_text, thousands=thousands)
        if low > high:
            raise PrintedNumberError(f"{text!r}: the range runs downwards") from None
        return PrintedAmount(low, high, False, approximate, remark)
    return PrintedAmount(value, value, signed, approximate, remark)
