"""Where a command's output goes: ``-o/--output FILE`` and ``--format xlsx``.

Text formats (table, CSV, JSON) go to standard output, or to ``-o FILE`` (written whole or
not at all). ``--format xlsx`` writes a workbook (:func:`canemure.io.excel_export.write_tables`;
the ``excel`` extra) and so needs ``-o FILE.xlsx``; ``-o -`` writes it to standard output
only when that is not a terminal (a pipe or a file), never as binary noise on a screen.
:func:`check_output` says so before any work is done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from canemure.io.excel_export import Sheet


def label(key: str, lang: str) -> str:
    """The catalogue's label (imported when output is written, not when the parser is built)."""
    from canemure.i18n import label as lookup

    return lookup(key, lang)


__all__ = ["FORMATS", "add_output", "check_output", "write_text", "write_xlsx"]

FORMATS = ("table", "csv", "json", "xlsx")
"""The output formats of commands that print tables."""


def add_output(parser: argparse.ArgumentParser) -> None:
    """Add ``-o/--output FILE`` to ``parser``."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write to FILE instead of standard output ('-': standard output); needed for "
        "--format xlsx",
    )


def check_output(args: argparse.Namespace) -> None:
    """Refuse ``--format xlsx`` without ``-o FILE``, or with ``-o -`` on a terminal (exit 2)."""
    if getattr(args, "format", None) != "xlsx":
        return
    lang = getattr(args, "lang", "en")
    output = getattr(args, "output", None)
    if output is None:
        raise ValueError(label("xlsx_needs_output", lang))
    if output == "-" and sys.stdout.isatty():
        raise ValueError(label("xlsx_terminal", lang))
    try:  # the extra is checked before any work
        import openpyxl  # noqa: F401
    except ImportError:
        from canemure.errors import MissingDependencyError

        raise MissingDependencyError("openpyxl", "excel", "--format xlsx") from None


def _written(args: argparse.Namespace, path: Path) -> None:
    print(
        "canemure: " + label("output_written", getattr(args, "lang", "en")).format(path=path),
        file=sys.stderr,
    )


def write_text(args: argparse.Namespace, text: str) -> None:
    """Print ``text`` to standard output, or write it whole to ``args.output``."""
    output = getattr(args, "output", None)
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    import os
    import tempfile

    target = Path(output)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _written(args, target)


def write_xlsx(
    args: argparse.Namespace,
    sheets: Sequence[Sheet],
    about: Sequence[tuple[str, object]] = (),
) -> None:
    """Write ``sheets`` as an ``.xlsx`` workbook to ``args.output`` (see :func:`check_output`)."""
    from canemure.io.excel_export import tables_to_bytes, write_tables

    lang = getattr(args, "lang", "en")
    note = label("xlsx_not_estimated", lang)
    rows = [*about, (label("col_note", lang), note)]
    missing, writer = label("not_estimated", lang), label("written_by", lang)
    if args.output == "-":
        if sys.stdout.isatty():
            raise ValueError(label("xlsx_terminal", lang))
        data = tables_to_bytes(sheets, about=rows, not_estimated=missing, written_by=writer)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = write_tables(sheets, args.output, about=rows, not_estimated=missing, written_by=writer)
    _written(args, path)
