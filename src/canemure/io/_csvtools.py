"""Validating building blocks for CSV readers (SYKE's files, the tidy CSV, plugin adapters).

Every reader in canemure follows the same discipline, and these helpers make it cheap:

* **Decode strictly.** Files are decoded as UTF-8 (a byte-order mark is accepted). A file that
  is not UTF-8 is refused with a message that says what was expected and what the file looks
  like (Latin-1/Windows-1252 is the usual culprit when a spreadsheet re-saves a SYKE file);
  nothing is guessed, because a wrong guess silently corrupts names such as "Hämeenlinna".
* **Check the separator before anything else.** A SYKE file saved with commas (or a tidy file
  saved with semicolons) would otherwise produce one huge column and dozens of misleading
  "missing column" messages; :func:`read_csv_table` reports the separator problem alone.
* **Read columns by header name**, compared case-, diacritic- and punctuation-insensitively
  (``päästökauppa`` = ``paastokauppa``), and report missing, duplicated and unexpected columns.
* **Collect every problem** in a :class:`~canemure.errors.ProblemCollector` with file, line
  (the header is line 1; lines are physical lines, so quoted line breaks are counted), column
  and value, and raise one :class:`~canemure.errors.DataFormatError` at the end. Cell parsers
  therefore *record* a problem and return ``None`` instead of raising, so a reader can keep
  going and report the next problem too.
* Numbers: :func:`parse_decimal` accepts exactly one decimal mark (SYKE writes a decimal comma),
  an optional sign and exponent; ``NaN``/``Inf`` strings are refused as impossible values, and
  so is a number too large for a float (``1e400`` would silently become infinity). The null
  tokens (``NA``, ``NULL``, empty) become NaN ("not estimated"), never zero.
* Magnitudes: :meth:`CsvRow.number` refuses values beyond a bound. Readers that know the unit
  pass a tight bound (SYKE's files: :data:`MAX_KT`, :data:`MAX_GWH`, :data:`MAX_POPULATION`);
  every other reader gets :data:`MAX_MAGNITUDE`, which no figure of a Finnish inventory reaches
  in any unit canemure reads (see its docstring), so ``1e30`` is refused everywhere.
* Paths: :func:`read_input_bytes` refuses a folder, a named pipe, a device (``/dev/null``) or
  an unreadable file with a message naming the path and what to do, before anything is opened
  (a named pipe would block a reader forever).
* Truncation: ``require_final_newline`` makes :func:`read_csv_table` refuse a file whose last
  line has no line end, the mark of a file cut off in the middle of a line.
* Speed: :func:`read_csv_columns` (and :func:`split_plain_bytes`) split a plain file on its
  bytes with numpy, and :class:`CsvColumns` reads whole columns there (texts as 8-byte words,
  decimals with integer arithmetic) without a Python string per cell. Anything the splitter
  cannot prove plain is read with :mod:`csv`, row by row, so every problem is still located.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import math
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from canemure._text import fold, suggest
from canemure.errors import CanemureError, DataFormatError, Message, Problem, ProblemCollector

if TYPE_CHECKING:  # numpy is imported where the column readers need it, not with this module
    import numpy as np
    from numpy.typing import NDArray

_GROUPED_INTEGER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")
"""A whole number grouped by (no-break) spaces: ``9 849``, ``1 234 567``."""

__all__ = [
    "BOOLEAN_SPELLINGS",
    "FIRST_YEAR",
    "MAX_GWH",
    "MAX_KT",
    "MAX_MAGNITUDE",
    "MAX_POPULATION",
    "NULL_TOKENS",
    "CsvColumns",
    "CsvRow",
    "CsvTable",
    "UnreadableFileError",
    "atomic_write_text",
    "check_separator",
    "check_year",
    "decode_text",
    "impossible_magnitude",
    "join_names",
    "last_year",
    "parse_bool",
    "parse_decimal",
    "raise_sorted",
    "read_csv_columns",
    "read_csv_table",
    "read_input_bytes",
    "split_plain_bytes",
]

FIRST_YEAR = 1990
"""The earliest year an ALas inventory (or any canemure input) may hold."""

NULL_TOKENS = frozenset({"", "NA", "NULL"})
"""Cell texts that mean "no value" (compared after stripping blanks, case-sensitively)."""

_TRUE = ("TRUE", "true", "True", "1", "yes", "Yes", "YES", "kyllä", "Kyllä", "KYLLÄ", "T", "t")
_FALSE = ("FALSE", "false", "False", "0", "no", "No", "NO", "ei", "Ei", "EI", "F", "f")
BOOLEAN_SPELLINGS: dict[str, bool] = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
"""Accepted spellings of booleans: TRUE/FALSE, true/false, 1/0, yes/no, kyllä/ei, T/F."""

MAX_KT = 100_000.0
"""Bound on one municipality-sector-year emission in kt CO2e/a (plus or minus).

100 000 kt = 100 Mt is more than Finland's *national* total in any year since 1990 (by ALas's
scope about 33 Mt in 2020: the Uusimaa regional council gives 6.6 Mt for Uusimaa in 2020, "about
one fifth of Finland's emissions", uudenmaanliitto.fi; with every source included Finland has
stayed below 100 Mt), so no municipality, sector or year can reach it. It catches unit slips
(tonnes written in a kt column give a thousand times the value) and absurd values (``1e30``).
"""

MAX_GWH = 1_000_000.0
"""Bound on one municipality-sector-year energy use in GWh/a: 1 000 TWh, more than twice
Finland's total energy consumption (about 1 300-1 500 PJ = 360-420 TWh a year)."""

MAX_POPULATION = 10_000_000
"""Bound on a municipality's population: Finland has about 5.6 million residents; Helsinki,
the largest municipality, about 0.66 million (``municipalities.csv``)."""

MAX_MAGNITUDE = 1e15
"""Default bound for readers that do not know the unit (e.g. the tidy CSV).

No figure of a Finnish inventory has 16 digits in a unit canemure reads: Finland's emissions
are about 5e10 kg CO2e a year, its energy use about 4e11 kWh, its GDP about 3e11 EUR.
"""

_NON_FINITE = frozenset({"nan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity"})
_SEPARATORS = {";": "semicolon", ",": "comma", "\t": "tab", "|": "vertical bar"}
_SEPARATOR_KEYS = {";": "semicolon", ",": "comma", "\t": "tab", "|": "bar"}
_WHAT_KEYS = {
    "the file": "csv_what_file",
    "a SYKE kunta_<n>.csv file": "csv_what_syke_csv",
    "a SYKE asukasluvut_<year>.csv file": "csv_what_syke_population",
    "a canemure tidy CSV file": "csv_what_tidy",
    "a team's CSV file": "csv_what_team",
    "a SYKE ALas Excel export (.xlsx)": "csv_what_syke_excel",
}


def said_what(what: str) -> str:
    """``what`` (the kind of file a message names) as a keyed Message when the catalogue has it.

    The English text is unchanged; the command line says a Message in the user's language.
    Called only when a problem is recorded.
    """
    key = _WHAT_KEYS.get(what)
    return Message(key) if key is not None and not isinstance(what, Message) else what


def _separator_name(separator: str) -> str:
    key = _SEPARATOR_KEYS.get(separator)
    return Message(f"csv_separator_{key}") if key is not None else repr(separator)


def add_message(
    problems: ProblemCollector,
    message: str,
    *,
    line: int | None = None,
    column: str | None = None,
    value: object = None,
) -> None:
    """Record ``message``: keyed when it is a :class:`~canemure.errors.Message`, else as is."""
    if isinstance(message, Message):
        problems.add_keyed(
            message.key, line=line, column=column, value=value, **dict(message.params)
        )
    else:
        problems.add(message, line=line, column=column, value=value)


def last_year() -> int:
    """Return the latest acceptable year: the current calendar year plus one."""
    return datetime.date.today().year + 1


# --------------------------------------------------------------------------------- decoding
def decode_text(data: bytes, source: str, *, what: str = "the file") -> str:
    """Decode ``data`` as UTF-8 (optional byte-order mark), or raise a clear DataFormatError.

    The message names the line and byte that are not UTF-8 and, when the bytes decode as
    Windows-1252/Latin-1, shows how the offending line would read in that encoding.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1]
        hint: str = ""
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        snippet = data[start : end if end >= 0 else len(data)].rstrip(b"\r")
        try:
            hint = Message("csv_latin1_hint", snippet=snippet.decode("cp1252")[:80])
        except UnicodeDecodeError:
            hint = ""
        problem = Problem.keyed(
            "csv_not_utf8", source, line, what=said_what(what), byte=byte, hint=hint
        )
        raise DataFormatError([problem], source) from None


def check_separator(
    header: str, expected: str, problems: ProblemCollector, *, what: str = "the file"
) -> bool:
    """Check that ``header`` (the first line) is split by ``expected``; record a problem if not.

    Returns ``True`` when the separator looks right. A header without the expected separator
    but with another common one (comma, semicolon, tab, vertical bar) is reported naming both.
    """
    if expected in header:
        return True
    found = [sep for sep in _SEPARATORS if sep != expected and sep in header]
    said, name = said_what(what), _separator_name(expected)
    if found:
        problems.add_keyed(
            "csv_separator_other",
            line=1,
            value=header[:120],
            what=said,
            expected_name=name,
            expected=expected,
            found=_separator_name(found[0]),
        )
    else:
        problems.add_keyed(
            "csv_separator_one_column",
            line=1,
            value=header[:120],
            what=said,
            expected_name=name,
            expected=expected,
        )
    return False


# --------------------------------------------------------------------------------- cells
def parse_decimal(text: str, *, decimal: str = ",") -> float:
    """Parse a number written with ``decimal`` as the decimal mark; null tokens give NaN.

    Accepts an optional sign, digits with at most one decimal mark and an optional exponent
    (``-1,5``, ``,5``, ``2,5e-3``). Raises ``ValueError`` with the reason for anything else,
    including ``NaN``/``Inf`` spelled out (an impossible value, not a missing one) and the other
    decimal mark (``1.5`` in a decimal-comma file).

    >>> parse_decimal("12,5"), parse_decimal("NA")
    (12.5, nan)
    """
    stripped = text.strip()
    pattern = _PATTERNS.get(decimal) or _number_pattern(decimal)
    if pattern.fullmatch(stripped):  # the common case first: one regex, one float()
        value = float(stripped.replace(decimal, ".") if decimal != "." else stripped)
        if not math.isfinite(value):
            raise _NumberError.keyed("number_overflow")
        return value
    if stripped in NULL_TOKENS:
        return math.nan
    if stripped.casefold() in _NON_FINITE:
        raise _NumberError.keyed("number_not_finite")
    other = "." if decimal == "," else ","
    if other in stripped and _number_pattern(other).fullmatch(stripped):
        key = "number_decimal_point" if decimal == "," else "number_decimal_comma"
        raise _NumberError.keyed(key, mark=other)
    raise _NumberError.keyed("number_not_a_number")


class _NumberError(CanemureError, ValueError):
    """A cell is not a number (the message is in the error catalogue of canemure.i18n)."""


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _number_pattern(decimal: str) -> re.Pattern[str]:
    if decimal not in _PATTERNS:
        d = re.escape(decimal)
        _PATTERNS[decimal] = re.compile(rf"[+-]?(\d+({d}\d*)?|{d}\d+)([eE][+-]?\d+)?")
    return _PATTERNS[decimal]


def parse_bool(text: str) -> bool:
    """Parse a boolean in one of :data:`BOOLEAN_SPELLINGS`; raise ``ValueError`` otherwise."""
    try:
        return BOOLEAN_SPELLINGS[text.strip()]
    except KeyError:
        raise ValueError(
            "not a boolean; expected TRUE/FALSE, true/false, 1/0, yes/no, kyllä/ei or T/F"
        ) from None


# --------------------------------------------------------------------------------- tables
@attrs.frozen
class CsvRow:
    """One data row: its physical line number and its cells keyed by canonical column name.

    The ``number``/``flag``/``year``/``text`` methods parse one cell and, when it is invalid,
    record a problem naming the line, column and value and return ``None``.
    """

    line: int
    """Line number in the file (the header is line 1)."""
    cells: dict[str, str]
    """Raw cell texts keyed by canonical column name (only columns the file has)."""

    def text(self, column: str, problems: ProblemCollector, *, required: bool = True) -> str | None:
        """Return the stripped text of ``column``; a required empty/null cell is a problem."""
        if column not in self.cells:
            return None
        value = self.cells[column].strip()
        if value in NULL_TOKENS:
            if required:
                problems.add_keyed("value_missing", line=self.line, column=column, value=value)
            return None
        return value

    def number(
        self,
        column: str,
        problems: ProblemCollector,
        *,
        decimal: str = ",",
        allow_negative: bool = True,
        what: str = "value",
        grouped_integers: bool = False,
        limit: float = MAX_MAGNITUDE,
        unit: str = "",
    ) -> float | None:
        """Return the number in ``column`` (NaN for a null token), or ``None`` after a problem.

        ``grouped_integers`` also accepts whole numbers with Finnish thousands grouping by
        spaces (``"9 849"``, ``"77 310"``; also no-break and narrow no-break spaces). A value
        whose magnitude exceeds ``limit`` (in ``unit``, named in the message) is a problem.
        """
        if column not in self.cells:
            return None
        raw = self.cells[column]
        text = raw
        if grouped_integers and _GROUPED_INTEGER.fullmatch(raw.strip()):
            text = re.sub(r"[ \u00a0\u202f]", "", raw)
        try:
            value = parse_decimal(text, decimal=decimal)
        except ValueError as exc:
            problems.add_keyed("as_raised", line=self.line, column=column, value=raw, error=exc)
            return None
        if not allow_negative and value < 0:
            problems.add_keyed("negative", line=self.line, column=column, value=raw, what=what)
            return None
        if abs(value) > limit:
            problems.add_keyed(
                "impossibly_large",
                line=self.line,
                column=column,
                value=raw,
                what=what,
                bound=_bound(limit, unit),
            )
            return None
        return value

    def flag(self, column: str, problems: ProblemCollector) -> bool | None:
        """Return the boolean in ``column``, or ``None`` after a problem (a missing flag is one)."""
        if column not in self.cells:
            return None
        raw = self.cells[column]
        try:
            return parse_bool(raw)
        except ValueError:
            problems.add_keyed("csv_not_bool", line=self.line, column=column, value=raw)
            return None

    def year(self, column: str, problems: ProblemCollector) -> int | None:
        """Return the year in ``column`` (in ``FIRST_YEAR..last_year()``), or ``None``."""
        if column not in self.cells:
            return None
        return check_year(self.cells[column], problems, line=self.line, column=column)


def impossible_magnitude(what: str, limit: float, unit: str = "") -> Message:
    """The message for a value beyond ``limit``: ``emissions beyond ±100000 kt CO2e/a ...``.

    A keyed :class:`~canemure.errors.Message` (``impossibly_large``), its English text as
    ``str``.
    """
    return Message("impossibly_large", what=what, bound=_bound(limit, unit))


def _bound(limit: float, unit: str) -> str:
    """``limit`` with its unit; a unit in words (residents) is a Message, said in the language."""
    text = f"{limit:,.0f}".replace(",", " ") if limit < 1e9 else f"{limit:g}"
    if unit == "residents":
        return Message("csv_bound_residents", bound=text)
    return text + (f" {unit}" if unit else "")


def check_year(
    raw: object, problems: ProblemCollector, *, line: int | None, column: str | None
) -> int | None:
    """Parse ``raw`` (text or number) as a year in range; record a problem and return ``None``."""
    text = str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not re.fullmatch(r"[0-9]{1,4}", text):
        problems.add_keyed("not_a_year", line=line, column=column, value=raw)
        return None
    year = int(text)
    if not FIRST_YEAR <= year <= last_year():
        problems.add_keyed(
            "year_out_of_range",
            line=line,
            column=column,
            value=raw,
            first=FIRST_YEAR,
            last=last_year(),
        )
        return None
    return year


@attrs.frozen
class CsvTable:
    """A decoded, separator-checked CSV file whose columns were matched by header name."""

    source: str
    """The file as named in messages."""
    columns: tuple[str, ...]
    """Canonical names of the columns found, in file order (extra columns keep their header)."""
    rows: tuple[CsvRow, ...]
    """Data rows with the right number of fields (others were reported as problems)."""
    last_line: int = 0
    """The number of the file's last line (the header is line 1)."""

    def __iter__(self) -> Iterator[CsvRow]:
        return iter(self.rows)


def read_csv_table(
    path: str | os.PathLike[str],
    problems: ProblemCollector,
    *,
    separator: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    allow_extra: bool = False,
    what: str = "the file",
    require_final_newline: bool = False,
) -> CsvTable:
    """Read ``path`` and match its header against ``required`` and ``optional`` column names.

    Odd paths, encoding and separator errors raise at once (nothing else can be checked then);
    so does a missing line end at the end of the file when ``require_final_newline``. Missing,
    duplicated and (unless ``allow_extra``) unexpected columns, and rows with the wrong number of
    fields, are recorded in ``problems``; the caller checks cells, then calls
    ``problems.raise_if_any()``. Blank lines are skipped; a row of empty cells is kept.
    """
    source = problems.source or str(path)
    _, text = _read_text(
        path,
        problems,
        source,
        separator=separator,
        what=what,
        require_final_newline=require_final_newline,
    )
    return _table_from_text(
        text,
        problems,
        source,
        separator=separator,
        required=required,
        optional=optional,
        allow_extra=allow_extra,
    )


@attrs.frozen(eq=False)
class CsvColumns:
    """A plain CSV file split column-wise on its bytes (see :func:`read_csv_columns`).

    Nothing is made per cell: the data rows stay one byte string, and each cell is known by
    its start and end offsets (found with numpy). Columns are read as whole arrays
    (:meth:`words`, :meth:`decimals`); :meth:`texts` and :meth:`to_table` make Python strings
    only when a reader needs them (the row-by-row checks that locate a problem). Row ``i``
    (from 0) is on line ``i + 2`` (the header is line 1).
    """

    source: str
    """The file as named in messages."""
    columns: tuple[str, ...]
    """Canonical names of the columns, in file order."""
    n_rows: int
    """The number of data rows."""
    data: bytes
    """The data rows (LF line ends), followed by zero bytes (:data:`_PADDING`)."""
    ends: NDArray[np.intp]
    """``(n_rows, width)``: the offset in :attr:`data` of the separator or line end after
    each cell (a cell starts one byte after the end of the cell before it)."""
    _known: dict[tuple[str, int], NDArray[np.intp]] = attrs.field(factory=dict, init=False)
    """Starts and lengths of the columns asked for (computed once)."""

    def starts(self, name: str) -> NDArray[np.intp]:
        """The offset in :attr:`data` of the first byte of each cell of column ``name``."""
        found = self._known.get((name, 0))
        if found is None:
            import numpy as np

            j = self.columns.index(name)
            if j:
                found = self.ends[:, j - 1] + 1
            else:
                found = np.empty(self.n_rows, dtype=np.intp)
                found[:1] = 0
                found[1:] = self.ends[:-1, -1] + 1
            self._known[name, 0] = found
        return found

    def lengths(self, name: str) -> NDArray[np.intp]:
        """The length in bytes of each cell of column ``name``."""
        found = self._known.get((name, 1))
        if found is None:
            found = self.ends[:, self.columns.index(name)] - self.starts(name)
            self._known[name, 1] = found
        return found

    def cell(self, row: int, name: str) -> str:
        """The text of one cell (``row`` from 0)."""
        j = self.columns.index(name)
        end = int(self.ends[row, j])
        return self.data[end - int(self.lengths(name)[row]) : end].decode("utf-8")

    def texts(self, name: str) -> list[str]:
        """Every cell of column ``name`` as text, in row order."""
        j = self.columns.index(name)
        data = self.data
        return [
            data[a:b].decode("utf-8")
            for a, b in zip(self.starts(name).tolist(), self.ends[:, j].tolist(), strict=True)
        ]

    def words(self, name: str) -> NDArray[np.uint64] | None:
        """Each cell of ``name`` as one integer: its UTF-8 bytes as a little-endian word.

        Two cells are equal exactly when their words are (no cell holds a zero byte), so a
        column is compared with a vocabulary by ``np.searchsorted``, with no string per cell.
        ``None`` when a cell is longer than 8 bytes.
        """
        lengths = self.lengths(name)
        if len(lengths) and int(lengths.max()) > 8:
            return None
        return _words_at(self.data, self.starts(name), lengths)

    def factorize(
        self, name: str, *, ordered: bool = True
    ) -> tuple[list[str], NDArray[np.intp]] | None:
        """The distinct texts of column ``name`` and each row's code (its text's position).

        Compared on the bytes, eight at a time: runs of equal cells first (a file written in
        axis order has few), then the distinct heads of the runs, with no string per cell.
        The texts are in order of first appearance, or (``ordered=False``, which saves a
        sort) in an unspecified order. ``None`` when a cell is longer than 64 bytes.
        """
        import numpy as np

        lengths = self.lengths(name)
        n = len(lengths)
        if not n:
            return [], np.empty(0, dtype=np.intp)
        longest = int(lengths.max())
        if longest > 64:
            return None
        starts = self.starts(name)
        words = [
            _words_at(self.data, starts + 8 * k, np.clip(lengths - 8 * k, 0, 8))
            for k in range(max(1, -(-longest // 8)))
        ]
        changed = np.zeros(n, dtype=np.bool_)
        changed[0] = True
        for word in words:
            changed[1:] |= word[1:] != word[:-1]
        heads = np.flatnonzero(changed)
        every_row = len(heads) == n
        code: NDArray[Any] = words[0] if every_row else words[0][heads]
        for word in words[1:]:  # one code per distinct head, word by word (codes stay < heads)
            distinct, inverse = np.unique(word if every_row else word[heads], return_inverse=True)
            code = np.unique(code, return_inverse=True)[1].reshape(-1)
            code = code * len(distinct) + inverse.reshape(-1)
        if ordered:
            _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
            order = np.argsort(first)  # codes in order of first appearance
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            inverse = rank[inverse.reshape(-1)]
            shown = heads[first[order]]
        else:
            distinct, inverse = np.unique(code, return_inverse=True)
            inverse = inverse.reshape(-1)
            shown = np.empty(len(distinct), dtype=np.intp)
            shown[inverse] = heads  # any row of each text will do
        end = self.ends[shown, self.columns.index(name)].tolist()
        size = lengths[shown].tolist()
        data = self.data
        texts = [data[b - k : b].decode("utf-8") for b, k in zip(end, size, strict=True)]
        codes: NDArray[np.intp] = inverse if every_row else inverse[np.cumsum(changed) - 1]
        return texts, codes

    def fixed_width(self, name: str, rows: NDArray[np.intp]) -> NDArray[np.bytes_] | None:
        """The cells of ``rows`` as numpy byte strings (``S<n>``), or ``None`` beyond 64 bytes."""
        import numpy as np

        lengths = self.lengths(name)[rows]
        longest = int(lengths.max()) if len(lengths) else 0
        if longest > 64:
            return None
        count = max(1, -(-longest // 8))
        cells = np.empty((len(rows), count), dtype=np.uint64)
        starts = self.starts(name)[rows]
        for k in range(count):
            cells[:, k] = _words_at(self.data, starts + 8 * k, np.clip(lengths - 8 * k, 0, 8))
        strings: NDArray[np.bytes_] = cells.view(f"S{8 * count}").reshape(-1)
        return strings

    def decimals(
        self, name: str, *, mark: str, nulls: Iterable[str] = ()
    ) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
        """The numbers of column ``name``, and the rows whose cells need a closer look.

        Cells written ``[-]digits[<mark>digits]`` with 1 to 15 digits are converted on their
        bytes with integer arithmetic: the digits as an integer ``m`` (exact, below 2**53)
        divided by ``10**f`` (``f`` digits after the mark, an exact double) is the correctly
        rounded double, the very value ``float()`` gives. A cell equal to one of ``nulls`` is
        NaN. Every other cell (an exponent, a plus sign, blanks, text, more digits) is NaN in
        the values and listed in the rows returned, for the caller to parse one by one.
        """
        import numpy as np

        t = _tables()
        starts = self.starts(name)
        lengths = self.lengths(name)
        n = len(lengths)
        values = np.full(n, np.nan)
        if not n:
            return values, np.empty(0, dtype=np.intp)
        data = self.data
        first = _words_at(data, starts, np.minimum(lengths, 8))
        null: NDArray[np.bool_] | None = None
        for token in nulls:
            raw = token.encode("utf-8")
            if len(raw) <= 8:
                same = lengths == len(raw)
                if same.any():
                    same &= first == np.uint64(int.from_bytes(raw, "little"))
                    null = same if null is None else null | same
        longest = int(lengths.max())
        width = max(1, min(-(-longest // 8), 3))  # words per cell looked at
        if width == 1:
            cells = first.reshape(n, 1)
        else:
            cells = np.empty((n, width), dtype=np.uint64)
            cells[:, 0] = first
            for k in range(1, width):
                cells[:, k] = _words_at(data, starts + 8 * k, np.clip(lengths - 8 * k, 0, 8))
        matrix = cells.view(np.uint8).reshape(n, 8 * width)
        # per byte 1 or 0, eight bytes to a word: whole-word tests instead of row reductions
        digit = ((matrix - np.uint8(ord("0"))) < np.uint8(10)).view(np.uint64)
        marks = (matrix == ord(mark)).view(np.uint64)
        known = digit | marks
        known |= (matrix == 0).view(np.uint64)  # zero: the padding after a cell
        minus = matrix[:, 0] == ord("-")
        known[:, 0] |= minus.view(np.uint8)
        ones = np.uint64(_ONES)
        simple = known[:, 0] == ones
        digits = _byte_sum(digit[:, 0])
        mark_count = _byte_sum(marks[:, 0])
        # below a single 1 byte, (found - 1) has 0xFF bytes: as many as its position (8 if
        # there is no mark in the word)
        at = _byte_sum((marks[:, 0] - np.uint64(1)) & ones).astype(np.intp)
        for k in range(1, width):
            simple &= known[:, k] == ones
            digits += _byte_sum(digit[:, k])
            found = marks[:, k]
            mark_count += _byte_sum(found)
            position = _byte_sum((found - np.uint64(1)) & ones).astype(np.intp) + 8 * k
            at = np.where(found != 0, position, at)
        simple &= (mark_count <= 1) & (digits >= 1)
        if width > 1:
            simple &= digits <= _EXACT_DIGITS
        if longest > 8 * width:
            simple &= lengths <= 8 * width
        if null is not None:
            simple &= ~null
        everywhere = bool(simple.all())
        rows = np.flatnonzero(simple) if not everywhere else np.arange(n)
        if len(rows):

            def take(array: NDArray[Any]) -> NDArray[Any]:  # no copy when every cell is plain
                return array if everywhere else array[rows]

            sign = take(minus)
            negative = bool(sign.any())
            length = take(lengths)
            has_mark = take(mark_count) != 0
            at = np.where(has_mark, take(at), length)
            fraction_length = np.where(has_mark, length - at - 1, 0)
            lead = sign.astype(np.intp)
            if width == 1:  # the cell is one word: drop the sign and the mark, fold once
                word = take(first)
                if negative:
                    word = word >> (lead * 8).astype(np.uint64)
                    at -= lead
                after = at.astype(np.uint64) * np.uint64(8)  # the mark's bit offset
                kept = (word >> (after + np.uint64(8))) << after
                kept |= word & t.low_bytes[at]
                mantissa = _eight_digits(kept, take(digits).astype(np.intp))
            else:
                start = take(starts)
                whole = _digits_value(data, start + lead, at - lead)
                fraction = _digits_value(data, start + at + 1, fraction_length)
                mantissa = whole * t.powers_int[fraction_length] + fraction
            parsed = mantissa.astype(np.float64) / t.powers[fraction_length]
            if negative:
                parsed[sign] *= -1.0
            if everywhere:
                return parsed, np.empty(0, dtype=np.intp)
            values[rows] = parsed
        return values, np.flatnonzero(~simple if null is None else ~simple & ~null)

    def to_table(self) -> CsvTable:
        """The same file as a :class:`CsvTable` (one :class:`CsvRow` per data row)."""
        columns = [self.texts(name) for name in self.columns]
        rows = tuple(
            CsvRow(line, dict(zip(self.columns, fields, strict=True)))
            for line, fields in enumerate(zip(*columns, strict=True), start=2)
        )
        return CsvTable(self.source, self.columns, rows, self.n_rows + 1)


_PADDING = 72
"""Zero bytes after the data rows: the eight words of a cell of up to 64 bytes stay inside."""

_EXACT_DIGITS = 15
"""Decimals with at most this many digits are exact as ``m / 10**f`` (``CsvColumns.decimals``)."""


@attrs.frozen(eq=False)
class _Tables:
    """Lookup tables of the column readers (built on first use: importing this needs no numpy)."""

    low_bytes: NDArray[np.uint64]
    """``low_bytes[k]`` keeps the first ``k`` bytes (in memory order) of a little-endian word."""
    powers: NDArray[np.float64]
    """Exact doubles ``10**0 .. 10**16``."""
    powers_int: NDArray[np.uint64]
    """``10**0 .. 10**16`` as integers."""
    shift_up: NDArray[np.uint64]
    """``shift_up[k]``: the bits that move ``k`` bytes to the top of a word, ``8 * (8 - k)``."""


@functools.cache
def _tables() -> _Tables:
    import numpy as np

    return _Tables(
        np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64),
        np.array([float(10**k) for k in range(_EXACT_DIGITS + 2)]),
        np.array([10**k for k in range(_EXACT_DIGITS + 2)], dtype=np.uint64),
        np.array([8 * (8 - k) for k in range(9)], dtype=np.uint64),
    )


def _words_at(
    data: bytes, starts: NDArray[np.intp], lengths: NDArray[np.intp]
) -> NDArray[np.uint64]:
    """The ``lengths[i] <= 8`` bytes at ``starts[i]`` of ``data`` as little-endian words."""
    import numpy as np

    every = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    words: NDArray[np.uint64] = every[starts].astype(np.uint64, copy=False)
    words &= _tables().low_bytes[lengths]
    return words


_ONES = 0x0101010101010101
"""A 1 in each byte of a word."""


def _byte_sum(words: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """The sum of the bytes of each word, for bytes that sum to at most 255."""
    import numpy as np

    total: NDArray[np.uint64] = (words * np.uint64(_ONES)) >> np.uint64(56)
    return total


_SPREAD = ((10, 8, 0x00FF00FF00FF00FF), (100, 16, 0x0000FFFF0000FFFF), (10_000, 32, 0xFFFFFFFF))
"""Folding eight digit bytes into their number: pairs, then quadruples, then all eight."""


def _digits_value(
    data: bytes, starts: NDArray[np.intp], lengths: NDArray[np.intp]
) -> NDArray[np.uint64]:
    """The number written by the ``lengths[i] <= 16`` ASCII digits at ``starts[i]``."""
    import numpy as np

    head = np.minimum(lengths, 8)
    value = _eight_digits(_words_at(data, starts, head), head)
    if len(lengths) and int(lengths.max()) > 8:
        tail = lengths - head
        value *= _tables().powers_int[tail]
        value += _eight_digits(_words_at(data, starts + 8, tail), tail)
    return value


def _eight_digits(word: NDArray[np.uint64], count: NDArray[np.intp]) -> NDArray[np.uint64]:
    """The number written by the first ``count[i] <= 8`` bytes (ASCII digits) of ``word[i]``.

    Shifted so the digits end at the word's top byte (zero bytes before them are leading
    zeros), each byte's low nibble is its digit, and three multiply-add-mask steps fold them
    into one number. ``word`` is changed in place.
    """
    import numpy as np

    word <<= _tables().shift_up[count]  # a shift by 64 gives 0 in numpy
    word &= np.uint64(0x0F0F0F0F0F0F0F0F)
    for factor, shift, mask in _SPREAD:
        word = (word * np.uint64(factor) + (word >> np.uint64(shift))) & np.uint64(mask)
    return word


def read_csv_columns(
    path: str | os.PathLike[str],
    problems: ProblemCollector,
    *,
    separator: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    allow_extra: bool = False,
    what: str = "the file",
    require_final_newline: bool = False,
) -> CsvColumns | CsvTable:
    """Like :func:`read_csv_table`, but column-wise when the file is plain.

    A plain file (no quote character, no zero byte, no carriage return other than in CR LF
    line ends, no blank line, every row with the header's number of fields, a header without
    problems) gives a :class:`CsvColumns`, split on its bytes with numpy. Any other file gives
    exactly what :func:`read_csv_table` gives, with the same problems recorded, so the caller
    can locate them row by row.
    """
    source = problems.source or str(path)
    data, text = _read_text(
        path,
        problems,
        source,
        separator=separator,
        what=what,
        require_final_newline=require_final_newline,
    )
    columns = _plain_columns(
        data,
        text,
        source,
        separator=separator,
        required=required,
        optional=optional,
        allow_extra=allow_extra,
    )
    if columns is not None:
        return columns
    return _table_from_text(
        text,
        problems,
        source,
        separator=separator,
        required=required,
        optional=optional,
        allow_extra=allow_extra,
    )


def _plain_columns(
    data: bytes,
    text: str,
    source: str,
    *,
    separator: str,
    required: Sequence[str],
    optional: Sequence[str],
    allow_extra: bool,
) -> CsvColumns | None:
    """The columns of a plain file (see :func:`read_csv_columns`), or ``None``.

    ``data`` are the file's bytes and ``text`` the same decoded (so known to be UTF-8). The
    separator and the line feed are one byte each in UTF-8, never part of another
    character's bytes, so the cells are found on the bytes.
    """
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
    end = text.find("\n")
    head = (text if end < 0 else text[:end]).rstrip("\r")
    if '"' in head:
        return None  # quoted names: the CSV parser's job
    header = head.split(separator)
    checked = ProblemCollector(source)
    names = match_header(
        header, checked, required=required, optional=optional, allow_extra=allow_extra
    )
    if checked or end < 0:
        return None
    return split_plain_bytes(
        data[data.find(b"\n") + 1 :], source=source, columns=names, separator=separator
    )


def split_plain_bytes(
    body: bytes, *, source: str, columns: Sequence[str], separator: str
) -> CsvColumns | None:
    """The data rows ``body`` (the bytes after the header line) split column-wise, or ``None``.

    ``None`` unless every row has one field per column and nothing needs a CSV parser: no
    quote, no zero byte, no carriage return (the caller turns CR LF into LF first), no blank
    line, at least one row. The bytes must be UTF-8 (checked by the caller): the separator
    and the line feed are one byte each there, never part of another character's bytes.
    """
    if len(separator) != 1 or not separator.isascii() or not body or sys.byteorder != "little":
        return None  # the words of the column readers are little-endian
    if b'"' in body or b"\x00" in body or b"\r" in body:
        return None
    import numpy as np

    padded = b"".join((body, b"" if body.endswith(b"\n") else b"\n", bytes(_PADDING)))
    buffer = np.frombuffer(padded, dtype=np.uint8)
    width = len(columns)
    line_ends = buffer == ord("\n")
    n_rows = int(np.count_nonzero(line_ends))
    marks = buffer == ord(separator)
    marks |= line_ends
    ends = np.flatnonzero(marks)
    if len(ends) != width * n_rows or not (buffer[ends[width - 1 :: width]] == ord("\n")).all():
        return None  # a row with too few or too many fields, or a blank line
    return CsvColumns(source, tuple(columns), n_rows, padded, ends.reshape(n_rows, width))


def _read_text(
    path: str | os.PathLike[str],
    problems: ProblemCollector,
    source: str,
    *,
    separator: str,
    what: str,
    require_final_newline: bool,
) -> tuple[bytes, str]:
    """The bytes of ``path`` and their decoded text, its header checked (or raise)."""
    data = read_input_bytes(path, source, what=what)
    if require_final_newline and not data.endswith((b"\n", b"\r")) and data.strip():
        # checked on the bytes: a cut inside a multi-byte letter must not read as "not UTF-8"
        tail = data[data.rfind(b"\n") + 1 :]
        problems.add_keyed(
            "cut_off_line",
            line=data.count(b"\n") + 1,
            value=tail[-120:].decode("utf-8", errors="replace"),
        )
        problems.raise_if_any()
    text = decode_text(data, source, what=what)
    end = text.find("\n")
    first_line = (text if end < 0 else text[:end]).rstrip("\r")
    if not first_line.strip():
        problems.add_keyed("csv_empty_header", line=1, what=said_what(what))
        problems.raise_if_any()
    if not check_separator(first_line, separator, problems, what=what):
        problems.raise_if_any()
    return data, text


def match_header(
    header: Sequence[str],
    problems: ProblemCollector,
    *,
    required: Sequence[str],
    optional: Sequence[str],
    allow_extra: bool,
) -> list[str]:
    """The canonical name of each header field; header problems are recorded in ``problems``."""
    canonical = _canonical_names((*required, *optional))
    columns: list[str] = []
    for position, name in enumerate(header, start=1):
        key = canonical.get(_fold(name))
        if key is None:
            if not allow_extra:
                hint = suggest(name, canonical.values())
                problems.add_keyed(
                    "csv_unexpected_column",
                    line=1,
                    column=name,
                    position=position,
                    hint=Message("did_you_mean", names=repr(hint[0])) if hint else "",
                    expected=", ".join(required),
                )
            key = name
        if key in columns:
            problems.add_keyed("duplicate_column", line=1, column=name, position=position)
        columns.append(key)
    for name in required:
        if name not in columns:
            problems.add_keyed("column_missing", line=1, column=name)
    return columns


_fold = functools.lru_cache(maxsize=4096)(fold)
""":func:`~canemure._text.fold` of header names, remembered (every SYKE file has the same)."""


@functools.lru_cache(maxsize=64)
def _canonical_names(names: tuple[str, ...]) -> dict[str, str]:
    """Each expected column by its folded name (callers only read it)."""
    return {fold(name): name for name in names}


def _table_from_text(
    text: str,
    problems: ProblemCollector,
    source: str,
    *,
    separator: str,
    required: Sequence[str],
    optional: Sequence[str],
    allow_extra: bool,
) -> CsvTable:
    """The rows of ``text`` read with the CSV parser (see :func:`read_csv_table`)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = next(reader)
    columns = match_header(
        header, problems, required=required, optional=optional, allow_extra=allow_extra
    )
    rows: list[CsvRow] = []
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if len(fields) != len(header):
            problems.add_keyed(
                "field_count",
                line=start,
                value=separator.join(fields)[:120],
                found=len(fields),
                header=len(header),
            )
            continue
        rows.append(CsvRow(start, dict(zip(columns, fields, strict=True))))
    return CsvTable(source, tuple(columns), tuple(rows), line)


class UnreadableFileError(DataFormatError, OSError):
    """A data file exists but cannot be read (no permission, an input/output error).

    It is a :class:`~canemure.errors.DataFormatError` (the message names the path and what to
    do) and an :class:`OSError`, so callers that handle either catch it.
    """


_KINDS = (
    (stat.S_ISFIFO, "csv_kind_fifo"),
    (stat.S_ISCHR, "csv_kind_character_device"),
    (stat.S_ISBLK, "csv_kind_block_device"),
    (stat.S_ISSOCK, "csv_kind_socket"),
)


def read_input_bytes(
    path: str | os.PathLike[str], source: str | None = None, *, what: str = "the file"
) -> bytes:
    """Return the bytes of the regular file ``path``; refuse anything else with a clear message.

    A folder (even one named ``x.csv``), a named pipe, a device such as ``/dev/null`` or a socket
    is a :class:`~canemure.errors.DataFormatError` naming the path and what to pass instead;
    it is checked with :func:`os.stat` before opening, so a pipe never blocks. A file that
    cannot be read raises :class:`UnreadableFileError`. A missing file raises
    :class:`FileNotFoundError` as usual.
    """
    where = source or str(path)
    target = Path(path)
    mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        problem = Problem.keyed("csv_is_folder", where, target=target, what=said_what(what))
        raise DataFormatError([problem], where)
    if not stat.S_ISREG(mode):
        kind = next((key for test, key in _KINDS if test(mode)), "csv_kind_other")
        problem = Problem.keyed(
            "csv_not_regular", where, target=target, kind=Message(kind), what=said_what(what)
        )
        raise DataFormatError([problem], where)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise
    except PermissionError:
        problem = Problem.keyed("csv_permission_denied", where, target=target)
        raise UnreadableFileError([problem], where) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Problem.keyed("csv_unreadable", where, target=target, reason=reason)
        raise UnreadableFileError([problem], where) from None


def raise_sorted(problems: ProblemCollector) -> None:
    """Raise the collected problems (if any) ordered by line; problems without a line first."""
    problems.problems.sort(key=lambda p: p.line or 0)
    problems.raise_if_any()


# --------------------------------------------------------------------------------- writing
def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then replace.

    Readers never see a half-written file, and a failed write leaves any old file untouched.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def join_names(names: Iterable[str]) -> str:
    """Join ``names`` quoted, for messages: ``'a', 'b', 'c'``."""
    return ", ".join(repr(n) for n in names)
