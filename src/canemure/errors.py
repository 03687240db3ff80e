"""Errors raised by canemure.

Every library error derives from :class:`CanemureError` *and* from the builtin exception a
caller would naturally catch (``ValueError``, ``KeyError``, ``LookupError``, ...), so code that
does not know about canemure still handles them sensibly.

Reading data never stops at the first problem: readers collect every :class:`Problem` (file, line,
column, value, message) and raise a single :class:`DataFormatError` that lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

__all__ = [
    "CanemureError",
    "CanemureWarning",
    "DataFormatError",
    "DataNotAvailableError",
    "DownloadError",
    "MissingDependencyError",
    "PluginError",
    "Problem",
    "ProblemCollector",
    "UnitError",
    "UnknownCodeError",
    "UnknownNameError",
]


class CanemureError(Exception):
    """Base class of every error raised by canemure."""


class CanemureWarning(UserWarning):
    """Base class of canemure's warnings: something the user should know, that did not stop it.

    The command line prints them as ``canemure: warning: ...`` on stderr.
    """


class UnitError(CanemureError, ValueError):
    """A quantity has the wrong dimension, or a unit string cannot be parsed."""


class UnknownNameError(CanemureError, LookupError):
    """A name (region, municipality, sector, rule set) is not known.

    ``suggestions`` holds the closest known names, best first.
    """

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if suggestions else ""
        )
        super().__init__(f"unknown {kind} {name!r}{hint}")


class UnknownCodeError(UnknownNameError):
    """A code (Statistics Finland municipality or region code, SYKE abbreviation) is not known."""


class MissingDependencyError(CanemureError, ImportError):
    """An optional dependency is needed; the message names the extra that installs it."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{purpose} needs the optional package {package!r}; "
            f"install it with: pip install 'canemure[{extra}]'"
        )


class DataNotAvailableError(CanemureError, LookupError):
    """Data that was asked for is not bundled, cached or downloadable (e.g. offline mode)."""


class DownloadError(CanemureError, OSError):
    """A download failed after its retries; the message names the address and the reason."""


class PluginError(CanemureError, RuntimeError):
    """A region adapter plugin failed to load or returned invalid results."""


@attrs.frozen
class Problem:
    """One problem found in an input file.

    Attributes are optional because not every problem has a line (a missing column) or a column
    (a missing row); the rendered message includes whatever is known.
    """

    message: str
    """What is wrong, in words."""
    file: str | None = None
    """The file's path as given by the caller."""
    line: int | None = None
    """1-based line (CSV) or row (spreadsheet) number."""
    column: str | None = None
    """Column header (CSV) or cell reference (spreadsheet)."""
    value: object = None
    """The offending value, quoted in the message when not ``None``."""

    def __str__(self) -> str:
        where = [part for part in (self.file,) if part]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        value = f" (value {self.value!r})" if self.value is not None else ""
        return f"{prefix}: {self.message}{value}" if prefix else f"{self.message}{value}"


class DataFormatError(CanemureError, ValueError):
    """Input data is malformed. ``problems`` lists every problem found, not only the first."""

    max_listed = 50
    """How many problems the message lists in full; all are kept in ``problems``."""

    def __init__(self, problems: Iterable[Problem] | str, source: str | Path | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, file=str(source) if source is not None else None)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = str(source) if source is not None else None
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {self.source or 'input'}"
        lines = [f"  - {p}" for p in self.problems[: self.max_listed]]
        if n > self.max_listed:
            lines.append(f"  ... and {n - self.max_listed} more")
        super().__init__(head + ":\n" + "\n".join(lines))


@attrs.define
class ProblemCollector:
    """Collects problems while a reader works through a file, then raises them all at once.

    >>> problems = ProblemCollector("data.csv")
    >>> problems.add("not a number", line=3, column="kt", value="x")
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    canemure.errors.DataFormatError: 1 problem in data.csv:
      - data.csv, line 3, column 'kt': not a number (value 'x')
    """

    source: str | None = attrs.field(default=None, converter=attrs.converters.optional(str))
    problems: list[Problem] = attrs.field(factory=list)

    def add(
        self,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        """Record one problem at ``line``/``column`` of the collector's source."""
        self.problems.append(Problem(message, self.source, line, column, value))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        """Raise :class:`DataFormatError` listing every problem recorded so far."""
        if self.problems:
            raise DataFormatError(self.problems, self.source)
