"""A regional team's own record files (CSV or TOML): fields checked, every problem at once.

The readers of :mod:`canemure.published.targets`, :mod:`canemure.published.measures`,
:mod:`canemure.published.factors` and
:mod:`canemure.geography` share this module to turn a team's file into one ``dict`` of field
texts per record before building the typed records:

* **CSV**: UTF-8, comma-separated, a header row naming the fields; one record per line. A
  list-valued field (``web_pages``, ``members`` ...) holds its items separated by ``;``.
* **TOML**: an array of tables named after the record (``[[target]]``, ``[[measure]]`` ...),
  one table per record; strings, integers (years) and booleans as TOML has them; lists as
  TOML arrays of strings.

Unknown columns or keys, missing required fields, empty required values and values of the
wrong TOML type are problems; all of them are reported together in one
:class:`~canemure.errors.DataFormatError` naming the file, the line (CSV) or table (TOML), the
field and the value. Only :mod:`csv` and :mod:`tomllib` parse the files (no code is run).
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Collection, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from canemure._text import suggest
from canemure.errors import DataFormatError, Message, Problem, ProblemCollector
from canemure.io._csvtools import check_separator, decode_text

__all__ = ["RecordFile", "RecordRow", "TeamFile", "read_record_file", "read_toml_table"]

TeamFile = str | os.PathLike[str] | Traversable
"""A team's file: a path, or a package resource (``importlib.resources.files(...) / name``)."""


@attrs.frozen
class RecordRow:
    """One record of a team's file: its place in the file and its field values."""

    line: int | None
    """CSV line (header = line 1); ``None`` for TOML."""
    table: str | None
    """TOML table, e.g. ``"[[target]] #2"``; ``None`` for CSV."""
    values: dict[str, str | tuple[str, ...]]
    """Field -> text (lists as tuples); optional fields the file leaves out are absent."""

    def text(self, field: str, default: str = "") -> str:
        """The field's text, or ``default`` when the file does not give it."""
        value = self.values.get(field, default)
        return value if isinstance(value, str) else "; ".join(value)

    def items(self, field: str) -> tuple[str, ...]:
        """A list-valued field's items (empty when not given)."""
        value = self.values.get(field, ())
        return (value,) if isinstance(value, str) else value

    def problem(self, problems: ProblemCollector, message: str, field: str, value: object) -> None:
        """Record a problem with this record's ``field``.

        A :class:`~canemure.errors.Message` keeps its catalogue key, so the problem is said in
        the user's language.
        """
        column = f"{self.table}, {field}" if self.table else field
        if isinstance(message, Message):
            problems.add_keyed(
                message.key, line=self.line, column=column, value=value, **message.params
            )
        else:
            problems.add(message, line=self.line, column=column, value=value)


@attrs.frozen
class RecordFile:
    """A team's file read into rows, with the collector that holds the problems found so far."""

    source: str
    """The file as named in messages."""
    rows: tuple[RecordRow, ...]
    """The records, in file order."""
    problems: ProblemCollector
    """Problems found; the record reader adds its own, then calls ``raise_if_any()``."""


def _name(file: TeamFile) -> str:
    return os.fspath(file) if isinstance(file, (str, os.PathLike)) else str(file)


def _read_bytes(file: TeamFile, source: str) -> bytes:
    resource: Traversable = Path(file) if isinstance(file, (str, os.PathLike)) else file
    try:
        return resource.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise DataFormatError([Problem.keyed("team_is_folder", source)], source) from None


def read_record_file(
    file: TeamFile,
    *,
    table: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    lists: Collection[str] = (),
) -> RecordFile:
    """Read ``file`` (``.csv`` or ``.toml``) into rows of the fields named.

    ``table`` is the TOML array-of-tables name. Raises :class:`~canemure.errors.DataFormatError`
    at once for an unreadable file (encoding, TOML syntax, unknown suffix) and returns the
    field problems in :attr:`RecordFile.problems` for the caller to raise with its own.
    """
    source = _name(file)
    problems = ProblemCollector(source)
    suffix = source.rsplit(".", 1)[-1].lower() if "." in source else ""
    if suffix not in ("csv", "toml"):
        problem = Problem.keyed("team_not_csv_or_toml", source, name=source)
        raise DataFormatError([problem], source)
    text = decode_text(_read_bytes(file, source), source)
    known = (*required, *optional)
    if suffix == "csv":
        rows = _csv_rows(text, problems, required, known, lists)
    else:
        rows = _toml_rows(
            text, source, problems, table=table, required=required, known=known, lists=lists
        )
    return RecordFile(source, tuple(rows), problems)


def read_toml_table(file: TeamFile) -> tuple[str, dict[str, Any]]:
    """Read a TOML file holding one record at top level; return its name and the table."""
    source = _name(file)
    if not source.lower().endswith(".toml"):
        raise DataFormatError([Problem.keyed("team_not_toml", source, name=source)], source)
    text = decode_text(_read_bytes(file, source), source)
    try:
        return source, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFormatError([Problem.keyed("toml_invalid", source, error=exc)], source) from None


def _unknown(name: str, known: Sequence[str], position: int | None = None) -> Message:
    """``unknown field`` (at CSV column ``position``), with the closest known name if any."""
    hint = suggest(name, known)
    params: dict[str, object] = {"known": ", ".join(known)}
    if hint:
        params["hint"] = hint[0]
    if position is not None:
        params["position"] = position
        return Message("team_unknown_column_hint" if hint else "team_unknown_column", **params)
    return Message("team_unknown_field_hint" if hint else "team_unknown_field", **params)


def _csv_rows(
    text: str,
    problems: ProblemCollector,
    required: Sequence[str],
    known: Sequence[str],
    lists: Collection[str],
) -> list[RecordRow]:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.add_keyed("team_nul_byte", line=line)
        return []
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        problems.add_keyed("team_no_header", line=1)
        return []
    if not check_separator(first_line, ",", problems, what="a team's CSV file"):
        return []  # e.g. saved by a spreadsheet with ';': nothing else can be checked
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    for position, name in enumerate(header, start=1):
        if name not in known:
            unknown = _unknown(name, known, position)
            problems.add_keyed(unknown.key, line=1, column=name, **unknown.params)
        elif header.count(name) > 1 and header.index(name) != position - 1:
            problems.add_keyed("duplicate_column", line=1, column=name, position=position)
    for name in required:
        if name not in header:
            problems.add_keyed("column_missing", line=1, column=name)
    rows: list[RecordRow] = []
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.add_keyed(
                "field_count",
                found=len(fields),
                header=len(header),
                line=start,
                value=",".join(fields)[:120],
            )
            continue
        values: dict[str, str | tuple[str, ...]] = {}
        for name, field in zip(header, fields, strict=True):
            if name not in known:
                continue
            if name in lists:
                values[name] = tuple(item.strip() for item in field.split(";") if item.strip())
            else:
                values[name] = field.strip()
        row = RecordRow(start, None, values)
        _check_required(row, required, problems)
        rows.append(row)
    return rows


def _toml_rows(
    text: str,
    source: str,
    problems: ProblemCollector,
    *,
    table: str,
    required: Sequence[str],
    known: Sequence[str],
    lists: Collection[str],
) -> list[RecordRow]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFormatError([Problem.keyed("toml_invalid", source, error=exc)], source) from None
    for key in data:
        if key != table:
            problems.add_keyed("team_unknown_table", column=key, table=table)
    records = data.get(table, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        problems.add_keyed("team_not_tables", column=table, value=records, table=table)
        return []
    rows: list[RecordRow] = []
    for number, record in enumerate(records, start=1):
        label = f"[[{table}]] #{number}"
        values: dict[str, str | tuple[str, ...]] = {}
        row = RecordRow(None, label, values)
        for key, value in record.items():
            if key not in known:
                row.problem(problems, _unknown(key, known), key, value)
            elif key in lists:
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    values[key] = tuple(v.strip() for v in value if v.strip())
                else:
                    row.problem(problems, Message("team_not_strings"), key, value)
            elif isinstance(value, bool):
                values[key] = "yes" if value else "no"
            elif isinstance(value, (str, int)):
                values[key] = str(value).strip()
            else:
                row.problem(problems, Message("team_not_string_or_int"), key, value)
        _check_required(row, required, problems)
        rows.append(row)
    return rows


def _check_required(row: RecordRow, required: Sequence[str], problems: ProblemCollector) -> None:
    for name in required:
        if name in row.values and not row.values[name]:
            row.problem(problems, Message("team_field_empty"), name, row.values[name])
        elif name not in row.values and row.table is not None:
            row.problem(problems, Message("team_field_missing"), name, None)
