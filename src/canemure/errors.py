"""Errors raised by canemure.

Every library error derives from :class:`CanemureError` *and* from the builtin exception a
caller would naturally catch (``ValueError``, ``KeyError``, ``LookupError``, ...), so code that
does not know about canemure still handles them sensibly.

Reading data never stops at the first problem: readers collect every :class:`Problem` (file, line,
column, value, message) and raise a single :class:`DataFormatError` that lists them all.

Errors stay structured so the command line can say them in the user's language: an error or
problem may carry a ``key`` of the error catalogue (:mod:`canemure.i18n`) with the ``params``
that fill it, and :class:`UnknownNameError` and :class:`DataFormatError` keep their parts
(kind, name, suggestions; file, line, column, value). ``str()`` is always English, for library
users and logs; :func:`canemure.i18n.describe` renders the same error in Finnish or Swedish.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Self

import attrs

if TYPE_CHECKING:  # pathlib (with urllib.parse) is not needed to list plugins or show help
    from pathlib import Path

__all__ = [
    "CanemureError",
    "CanemureWarning",
    "DataFormatError",
    "DataNotAvailableError",
    "DownloadError",
    "Message",
    "MissingDependencyError",
    "PluginError",
    "Problem",
    "ProblemCollector",
    "UnitError",
    "UnknownCodeError",
    "UnknownNameError",
]


_NO_PARAMS: Mapping[str, object] = MappingProxyType({})


def _english(key: str, params: Mapping[str, object]) -> str:
    # The catalogue is read only when a keyed error is raised; imported by name so that the
    # type checker does not tie this leaf module into a cycle with the package root.
    i18n = importlib.import_module("canemure.i18n")
    text: str = i18n.error_text(key, "en", **params)
    return text


class Message(str):
    """An English text that keeps its catalogue key and parameters.

    It is a ``str`` (the English text) wherever a text is expected, e.g. the reasons a result
    records, and :func:`canemure.i18n.error_text` says it in another language.

    >>> reason = Message("toml_required", name="name")
    >>> reason, reason.key
    ("'name' is required", 'toml_required')
    """

    key: str
    params: Mapping[str, object]

    def __new__(cls, key: str, /, **params: object) -> Message:  # noqa: D102
        self = super().__new__(cls, _english(key, params))
        self.key = key
        self.params = MappingProxyType(params)
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_message, (self.key, dict(self.params)))


def _message(key: str, params: dict[str, object]) -> Message:
    return Message(key, **params)


class CanemureError(Exception):
    """Base class of every error raised by canemure.

    ``key`` and ``params`` (when set) name the message in the error catalogue of
    :mod:`canemure.i18n`, so the command line can say it in Finnish or Swedish; ``str()``
    is the English text. Raise one with :meth:`keyed`.
    """

    key: str | None = None
    """The message's key in the error catalogue, if it has one."""
    params: Mapping[str, object] = _NO_PARAMS
    """The values that fill the message (names, numbers, nested errors)."""

    def __init__(
        self, *args: object, key: str | None = None, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(*args)
        if key is not None:
            self.key = key
        if params is not None:
            self.params = MappingProxyType(dict(params))

    @classmethod
    def keyed(cls, key: str, /, **params: object) -> Self:
        """The error with the catalogue message ``key`` filled with ``params`` (English ``str``).

        >>> str(CanemureError.keyed("level_base_year_missing", target="t", year=1990, first=2005,
        ...                         last=2024, n=20))
        't: the base year 1990 is not an inventory year (2005-2024, 20 years)'
        """
        return cls(_english(key, params), key=key, params=params)


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
        self.purpose = purpose
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
    key: str | None = None
    """The message's key in the error catalogue of :mod:`canemure.i18n`, if it has one."""
    params: Mapping[str, object] = attrs.field(default=_NO_PARAMS, eq=False)
    """The values that fill the catalogue message."""

    @classmethod
    def keyed(
        cls,
        key: str,
        /,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        **params: object,
    ) -> Problem:
        """The problem with the catalogue message ``key`` filled with ``params`` (in English)."""
        return cls(_english(key, params), file, line, column, value, key, MappingProxyType(params))

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
        # a str is kept as it is (a Message stays one, to be said in the user's language)
        self.source = source if isinstance(source, str | None) else str(source)
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

    def add_keyed(
        self,
        key: str,
        /,
        *,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        **params: object,
    ) -> None:
        """Record one problem whose message is the catalogue entry ``key`` with ``params``."""
        self.problems.append(Problem.keyed(key, self.source, line, column, value, **params))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        """Raise :class:`DataFormatError` listing every problem recorded so far."""
        if self.problems:
            raise DataFormatError(self.problems, self.source)
