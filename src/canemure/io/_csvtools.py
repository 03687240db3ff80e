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
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from canemure._text import fold, suggest
from canemure.errors import CanemureError, DataFormatError, Problem, ProblemCollector

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
        hint = ""
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        snippet = data[start : end if end >= 0 else len(data)].rstrip(b"\r")
        try:
            hint = (
                f"; it looks like Latin-1/Windows-1252 text (that line would read "
                f"{snippet.decode('cp1252')[:80]!r}): re-save it as UTF-8"
            )
        except UnicodeDecodeError:
            hint = ""
        message = f"{what} is not UTF-8 text: byte {byte!r} cannot be decoded; expected UTF-8"
        raise DataFormatError([Problem(message + hint, source, line)], source) from None


def check_separator(
    header: str, expected: str, problems: ProblemCollector, *, what: str = "the file"
) -> bool:
    """Check that ``header`` (the first line) is split by ``expected``; record a problem if not.

    Returns ``True`` when the separator looks right. A header without the expected separator
    but with another common one (comma, semicolon, tab, vertical bar) is reported naming both.
    """
    if expected in header:
        return True
    found = [name for sep, name in _SEPARATORS.items() if sep != expected and sep in header]
    expected_name = _SEPARATORS.get(expected, repr(expected))
    if found:
        message = (
            f"{what} must be {expected_name}-separated ({expected!r}), but its header looks "
            f"{found[0]}-separated"
        )
    else:
        message = (
            f"{what} must be {expected_name}-separated ({expected!r}); the header has one column"
        )
    problems.add(message, line=1, value=header[:120])
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
            bound = f"{limit:,.0f}".replace(",", " ") if limit < 1e9 else f"{limit:g}"
            problems.add_keyed(
                "impossibly_large",
                line=self.line,
                column=column,
                value=raw,
                what=what,
                bound=bound + (f" {unit}" if unit else ""),
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
        except ValueError as exc:
            problems.add(str(exc), line=self.line, column=column, value=raw)
            return None

    def year(self, column: str, problems: ProblemCollector) -> int | None:
        """Return the year in ``column`` (in ``FIRST_YEAR..last_year()``), or ``None``."""
        if column not in self.cells:
            return None
        return check_year(self.cells[column], problems, line=self.line, column=column)


def impossible_magnitude(what: str, limit: float, unit: str = "") -> str:
    """The message for a value beyond ``limit``: ``emissions beyond ±100000 kt CO2e/a ...``."""
    bound = f"{limit:,.0f}".replace(",", " ") if limit < 1e9 else f"{limit:g}"
    return (
        f"{what} is impossibly large (beyond ±{bound}{' ' + unit if unit else ''}); "
        "check the unit and the decimal mark"
    )


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
    text = _read_text(
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


@attrs.frozen
class CsvColumns:
    """A plain CSV file read column-wise: every row well formed, nothing quoted, no blank line.

    Row ``i`` (from 0) is on line ``i + 2`` (the header is line 1). :meth:`to_table` gives the
    same rows as :func:`read_csv_table` would, for the row-by-row checks that locate a problem.
    """

    source: str
    """The file as named in messages."""
    columns: tuple[str, ...]
    """Canonical names of the columns, in file order."""
    cells: dict[str, list[str]]
    """The raw cell texts of each column, in row order."""
    n_rows: int
    """The number of data rows."""

    def to_table(self) -> CsvTable:
        """The same file as a :class:`CsvTable` (one :class:`CsvRow` per data row)."""
        columns = [self.cells[name] for name in self.columns]
        rows = tuple(
            CsvRow(line, dict(zip(self.columns, fields, strict=True)))
            for line, fields in enumerate(zip(*columns, strict=True), start=2)
        )
        return CsvTable(self.source, self.columns, rows, self.n_rows + 1)


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

    A plain file (no quote character, no carriage return other than in CR LF line ends,
    no blank line, every row with the header's number of fields, a header without problems)
    gives a :class:`CsvColumns`, split with a few string operations instead of a CSV parser.
    Any other file gives exactly what :func:`read_csv_table` gives, with the same problems
    recorded, so the caller can locate them row by row.
    """
    source = problems.source or str(path)
    text = _read_text(
        path,
        problems,
        source,
        separator=separator,
        what=what,
        require_final_newline=require_final_newline,
    )
    columns = _plain_columns(
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
    text: str,
    source: str,
    *,
    separator: str,
    required: Sequence[str],
    optional: Sequence[str],
    allow_extra: bool,
) -> CsvColumns | None:
    """The columns of a plain file (see :func:`read_csv_columns`), or ``None``."""
    if '"' in text or "\x00" in text or len(separator) != 1 or not separator.isascii():
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if "\n\n" in text:  # a blank line (a line of blanks has the wrong number of fields)
        return None
    head, _, body = text.partition("\n")
    if body.endswith("\n"):
        body = body[:-1]
    if not body:
        return None
    header = head.split(separator)
    checked = ProblemCollector(source)
    names = match_header(
        header, checked, required=required, optional=optional, allow_extra=allow_extra
    )
    if checked:
        return None
    width = len(header)
    n_rows = body.count("\n") + 1
    cells = body.replace("\n", separator).split(separator)
    if len(cells) != width * n_rows or not _rows_have_fields(text, separator, width):
        return None
    return CsvColumns(
        source,
        tuple(names),
        {name: cells[j::width] for j, name in enumerate(names)},
        n_rows,
    )


def _rows_have_fields(text: str, separator: str, width: int) -> bool:
    """Whether every line of ``text`` (lines end with a line feed) has ``width`` fields.

    Counted on the bytes with numpy (a separator and a line feed are one byte each in UTF-8,
    never part of another character's bytes), not line by line in Python.
    """
    import numpy as np  # the readers that use this need numpy anyway; importing this does not

    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    if not text.endswith("\n"):
        ends = np.append(ends, len(data))
    separators = np.flatnonzero(data == ord(separator))
    per_line = np.diff(np.searchsorted(separators, ends), prepend=0)
    return bool((per_line == width - 1).all())


def _read_text(
    path: str | os.PathLike[str],
    problems: ProblemCollector,
    source: str,
    *,
    separator: str,
    what: str,
    require_final_newline: bool,
) -> str:
    """The decoded text of ``path``, its header checked for the separator (or raise)."""
    data = read_input_bytes(path, source, what=what)
    if require_final_newline and data.strip() and not data.endswith((b"\n", b"\r")):
        # checked on the bytes: a cut inside a multi-byte letter must not read as "not UTF-8"
        tail = data[data.rfind(b"\n") + 1 :]
        problems.add_keyed(
            "cut_off_line",
            line=data.count(b"\n") + 1,
            value=tail[-120:].decode("utf-8", errors="replace"),
        )
        problems.raise_if_any()
    text = decode_text(data, source, what=what)
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        problems.add(f"{what} is empty or its first line is blank; expected a header", line=1)
        problems.raise_if_any()
    if not check_separator(first_line, separator, problems, what=what):
        problems.raise_if_any()
    return text


def match_header(
    header: Sequence[str],
    problems: ProblemCollector,
    *,
    required: Sequence[str],
    optional: Sequence[str],
    allow_extra: bool,
) -> list[str]:
    """The canonical name of each header field; header problems are recorded in ``problems``."""
    canonical = {fold(name): name for name in (*required, *optional)}
    columns: list[str] = []
    for position, name in enumerate(header, start=1):
        key = canonical.get(fold(name))
        if key is None:
            if not allow_extra:
                hint = suggest(name, canonical.values())
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                problems.add(
                    f"unexpected column {position}{extra} (expected columns: "
                    f"{', '.join(required)})",
                    line=1,
                    column=name,
                )
            key = name
        if key in columns:
            problems.add_keyed("duplicate_column", line=1, column=name, position=position)
        columns.append(key)
    for name in required:
        if name not in columns:
            problems.add_keyed("column_missing", line=1, column=name)
    return columns


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
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
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
        message = (
            f"{target} is a folder, not a file; pass the path of {what} itself "
            "(a file inside the folder)"
        )
        raise DataFormatError([Problem(message, where)], where)
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        message = (
            f"{target} is {kind}, not a regular file; canemure reads {what} from a saved "
            "file: save the data to a file first and pass that file's path"
        )
        raise DataFormatError([Problem(message, where)], where)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise
    except PermissionError:
        message = (
            f"cannot read {target}: permission denied; make the file readable for your user "
            "(e.g. chmod u+r) or copy it to a folder of your own"
        )
        raise UnreadableFileError([Problem(message, where)], where) from None
    except OSError as exc:
        message = f"cannot read {target}: {exc.strerror or exc}; check the disk or copy the file"
        raise UnreadableFileError([Problem(message, where)], where) from None


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
