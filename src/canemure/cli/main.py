"""The ``canemure`` command line.

Sub-commands:

``canemure baseline AREA...``
    Print areas' baseline emissions by sector (roadmap step 1); ``--rank`` ranks a region's
    municipalities by total, per resident or change.
``canemure regions``
    The 19 regions: which have a region adapter (and which adapters failed) and which have
    emission data (bundled, in the user cache, from an adapter).
``canemure data import PATH...``
    Validate SYKE CSV or Excel files a user downloaded and store them in the user cache.
``canemure region REGION``
    What the region's adapter knows: coordinators, cooperation group, roadmap, targets,
    published measures, and which years have emission figures.
``canemure data download AREA...``
    Download SYKE's open data of regions or municipalities into the user cache.
``canemure data list``
    Show what the user cache holds.
``canemure plugins [--check REGION]``
    List region adapter plugins, loaded and failed; with ``--check``, call every hook of every
    plugin for the region and report each answer or failure.
``canemure roadmap [AREA] [--scenario FILE]``, ``canemure compare A.toml B.toml``
    Compute a roadmap scenario (trajectory, gaps, wedges, costs); compare variants.
``canemure macc [AREA] [--scenario FILE] [--chart FILE.svg]``
    The scenario's measures on a marginal abatement cost curve.
``canemure new-plugin NAME``
    Start a new region adapter distribution that passes the conformance kit.

Exit status (:data:`EXIT_CODES`): 0 success, 1 partial failure (some areas, files or plugins
failed; the rest was done), 2 usage or bad input (unknown names, bad files), 3 missing data,
4 internal error (a bug in canemure: the message asks to report it), 130 interrupted (Ctrl-C),
141 the output was closed by its reader (``| head``: nothing is said on standard error).
Errors print one clear message to standard error, in the command's ``--lang``, and nothing is
half-written. After any command that asked the region adapters, the ones that failed (which
adapter, in which hook, why, and what to do) are listed on standard error.

``--lang`` defaults to the locale (:func:`default_language`): ``LC_ALL``, else
``LC_MESSAGES``, else ``LANG``; ``fi_FI.UTF-8`` gives Finnish, ``sv_FI`` Swedish, anything
else English.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NoReturn

from canemure import _pint_parser
from canemure._version import __version__
from canemure.errors import CanemureError, CanemureWarning, DataNotAvailableError

# The command line never parses pint's definition texts: in this process (not in a library
# user's, whose pint stays as it is) pint's parser runs only if something uses it.
_pint_parser.defer()

__all__ = [
    "EXIT_CODES",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NO_DATA",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_PIPE_CLOSED",
    "EXIT_USAGE",
    "add_command",
    "add_format",
    "add_lang",
    "add_no_plugins",
    "build_parser",
    "command_word",
    "default_language",
    "main",
]

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_NO_DATA = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_PARTIAL: "partial failure: some areas, files or plugins failed, the rest was done",
    EXIT_USAGE: "usage error or bad input (unknown name, bad option, bad file)",
    EXIT_NO_DATA: "missing data (no figures for the area; the message says how to get them)",
    EXIT_INTERNAL: "internal error (a bug in canemure; please report it)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
    EXIT_PIPE_CLOSED: "the output was closed by the reader (e.g. | head); nothing more is said",
}
"""Every exit status of the ``canemure`` command and what it means."""

ISSUES_URL = "https://github.com/canemure/canemure/issues"

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The report language the locale asks for: ``fi``, ``sv`` or ``en``.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set (and not empty) decides,
    as in POSIX: ``fi_FI.UTF-8`` gives ``fi``, ``sv_FI.UTF-8`` ``sv``, anything else ``en``.

    >>> default_language({"LANG": "fi_FI.UTF-8"}), default_language({"LC_ALL": "sv_FI"})
    ('fi', 'sv')
    """
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in ("fi", "sv") else "en"
    return "en"


_EXIT_ROW = re.compile(r"(  \d+ +)(\S.*)")
"""A row of the exit-status table in a help text: the status, then its meaning."""


class _Formatter(argparse.HelpFormatter):
    """Help with the defaults of options shown, and the examples kept as written.

    An option's default is appended when it says something (not ``None`` or ``False``) and the
    help text does not already say it. Paragraphs of descriptions are wrapped; lines starting
    with two spaces (examples, the exit-status table) are kept as written.

    Every text is said in :attr:`lang` (:class:`_Parser` sets it): the command's own help
    texts from :mod:`canemure.cli.help_texts` (descriptions, option help, the meanings in the
    exit-status table), argparse's own words ("usage:", the section headings, the help of
    ``-h``) from :func:`canemure.i18n.argparse_text`.
    """

    lang = "en"
    """The language of the help."""

    def _said(self, text: str) -> str:
        from canemure import i18n
        from canemure.cli.help_texts import help_text

        said = help_text(text, self.lang)
        return i18n.argparse_text(text, self.lang) if said is None else said

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, self._said("usage: ") if prefix is None else prefix
        )

    def start_section(self, heading: str | None) -> None:
        super().start_section(self._said(heading) if heading else heading)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = self._said(action.help) if action.help else ""
        quiet = action.default is None or action.default is False
        if not action.option_strings or quiet or action.default == argparse.SUPPRESS:
            return text
        said = "default" in (action.help or "")
        return text if said else f"{text} {self._said('(default: %(default)s)')}"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines: list[str] = []
        for line in self._said(text).split("\n"):
            row = _EXIT_ROW.fullmatch(line)
            paragraph = row[1] + self._said(row[2]) if row else self._said(line) if line else line
            if not paragraph or paragraph.startswith("  "):
                lines.append(indent + paragraph)
            else:
                lines.extend(
                    textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """The ``canemure`` parser: argparse's messages and help words said in :attr:`lang`.

    argparse formats its messages in English (their gettext message ids); :meth:`error` says
    them in the user's language (:func:`canemure.i18n.argparse_text`), keeping the option names
    and values they quote, and the help formatter does the same for "usage:" and the section
    headings. The language is chosen before parsing (``--lang`` on the command line, else the
    locale), so even a parse error is in it.
    """

    lang = "en"
    """Language of argparse's own words (set on the whole tree by :func:`build_parser`)."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        if isinstance(formatter, _Formatter):
            formatter.lang = self.lang
        return formatter

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``message`` in :attr:`lang` on stderr; exit with status 2."""
        from canemure import i18n

        self.print_usage(sys.stderr)
        text = i18n.argparse_text(message, self.lang)
        self.exit(EXIT_USAGE, f"{self.prog}: {i18n.label('error', self.lang)}: {text}\n")


def _set_language(parser: argparse.ArgumentParser, lang: str) -> None:
    """Say argparse's words in ``lang`` in ``parser`` and every sub-command's parser."""
    if isinstance(parser, _Parser):
        parser.lang = lang
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _set_language(child, lang)


def requested_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a command line: its ``--lang`` (before parsing), else the locale's.

    >>> requested_language(["baseline", "--lang", "sv"]), requested_language(["--lang=fi"])
    ('sv', 'fi')
    """
    from canemure.i18n import LANGUAGES

    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv) and argv[n + 1] in LANGUAGES:
            return argv[n + 1]
        if arg.startswith("--lang=") and arg.partition("=")[2] in LANGUAGES:
            return arg.partition("=")[2]
    return default_language(environ)


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    help: str,
    description: str,
    example: str,
) -> argparse.ArgumentParser:
    """Add the sub-command ``name`` with its one-line ``help``, ``description`` and an example.

    ``canemure NAME --help`` shows the description, every option with its default and the
    example (a full command line, e.g. ``canemure baseline joensuu kuopio``).
    """
    return sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=_Formatter,
    )


def add_format(parser: argparse.ArgumentParser) -> None:
    """Add ``--format`` (table, csv, json, xlsx) and ``-o/--output`` to a sub-command."""
    from canemure.cli.output import FORMATS, add_output

    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output: an aligned table, CSV (headers in --lang), JSON (keys in English) or an "
        "Excel workbook (xlsx: needs -o FILE.xlsx and canemure[excel])",
    )
    add_output(parser)


def add_lang(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang`` (fi, sv, en; the locale's by default) to a sub-command."""
    parser.add_argument(
        "--lang",
        choices=("fi", "sv", "en"),
        default=default_language(),
        help="language of the output and of error messages; follows the locale (LC_ALL, "
        "LC_MESSAGES or LANG)",
    )


def add_no_plugins(parser: argparse.ArgumentParser) -> None:
    """Add ``--no-plugins`` (bundled and imported data only) to a sub-command."""
    parser.add_argument(
        "--no-plugins", action="store_true", help="use only bundled and imported data"
    )


def _add_baseline(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "baseline",
        help="areas' baseline emissions by sector, or a region's municipalities ranked",
        description="Print the emissions by sector of one or more regions or municipalities "
        "for chosen years, with totals, change in percent, population and tonnes per resident. "
        "With --rank, rank the municipalities of each region given by total, per resident or "
        "change since the base year. Tables fit 100 columns (many years are printed in blocks).",
        example="canemure baseline pohjois-karjala joensuu --years 2007,2024 --lang fi",
    )
    parser.add_argument(
        "areas",
        nargs="+",
        metavar="AREA",
        help="region or municipality: code or name in fi/sv/en, any case",
    )
    parser.add_argument(
        "--rules",
        default="hinku",
        help="accounting rule set: all, hinku, hinku-credits, esr, ets",
    )
    parser.add_argument(
        "--years",
        default=None,
        help="years to show: '2007,2024', '2005-2024' or 'latest' (default: 2007 and the latest)",
    )
    parser.add_argument(
        "--rank",
        nargs="?",
        const="total",
        default=None,
        choices=("total", "per-resident", "change"),
        help="rank the municipalities of each region AREA by this (total if given alone); "
        "the change is from the first of --years to the last",
    )
    add_format(parser)
    add_lang(parser)
    add_no_plugins(parser)
    parser.add_argument(
        "--download",
        action="store_true",
        help="first fetch the areas' SYKE open data into the user cache (needs the network)",
    )
    _add_download_options(parser)
    parser.set_defaults(run="canemure.cli.baseline:run")


def _add_regions(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "regions",
        help="the 19 regions: which have a region adapter and which have emission data",
        description="List Finland's 19 regions (maakunnat) with the Canemure ones marked, the "
        "region adapter serving each (or the adapters that failed to load or answer), and "
        "where emission figures come from: bundled with canemure, the user cache (how many "
        "municipalities), or an adapter's data.",
        example="canemure regions --format csv",
    )
    parser.add_argument("--rules", default="hinku", help="accounting rule of the data column")
    add_format(parser)
    add_lang(parser)
    parser.set_defaults(run="canemure.cli.regions:run")


def _add_region(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "region",
        help="a region's coordinators, cooperation group, roadmap, targets, measures and data",
        description="Print what the region's adapter knows: coordinating organisations, the "
        "cooperation group, the roadmap, published targets and measures, and which years "
        "have emission figures under each accounting rule.",
        example="canemure region pirkanmaa --lang fi",
    )
    parser.add_argument("region", help="region code or name in fi/sv/en, any case")
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output: an aligned table, CSV (one fact a row, headers in --lang) or JSON "
        "(keys in English)",
    )
    add_lang(parser)
    parser.set_defaults(run="canemure.cli.region:run")


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "report",
        help="a region's meeting report as one self-contained HTML file",
        description="Write the cooperation group's meeting report of a region: coordinators, "
        "baseline and trend, targets and the gap, published measures, the roadmap scenario "
        "(gap, measures and their attribution, wedges, cost curve), municipalities per "
        "resident, data sources and adapter failures; charts and styles inline, nothing loaded "
        "from the network.",
        example="canemure report pohjois-karjala -o report.html --lang fi",
    )
    parser.add_argument("region", help="region code or name in fi/sv/en, any case")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="HTML file to write ('-': stdout)"
    )
    add_lang(parser)
    parser.add_argument("--rules", default="hinku", help="accounting rule of the figures")
    parser.add_argument(
        "--no-charts", action="store_true", help="leave the charts out (no matplotlib needed)"
    )
    parser.add_argument(
        "--scenario",
        metavar="FILE",
        default=None,
        help="roadmap scenario TOML of the roadmap section (default: the one shipped for the "
        "region, if any)",
    )
    parser.set_defaults(run="canemure.cli.report:run")


def _seconds(text: str) -> float:
    """``--timeout``/``--deadline``: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def _count(minimum: int) -> Callable[[str], int]:
    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {text!r}")
        return value

    return count


def _add_download_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="download again even if a verified copy is cached"
    )
    parser.add_argument(
        "--population-year",
        type=int,
        metavar="YEAR",
        help="also fetch SYKE's municipality list (populations) of YEAR",
    )
    parser.add_argument(
        "--base-url", default=None, help="where SYKE publishes (None: SYKE's open-data site)"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        help="seconds to wait for the server at each step",
    )
    parser.add_argument(
        "--deadline",
        type=_seconds,
        default=300.0,
        help="seconds one attempt at a file may take in all",
    )
    parser.add_argument(
        "--retries", type=_count(0), default=3, help="extra attempts after a failure"
    )
    parser.add_argument("--jobs", type=_count(1), default=4, help="files downloaded at once")


def _add_data(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "data",
        help="manage SYKE data in the user cache",
        description="Download SYKE's open data, import files downloaded by hand, or list what "
        "the user cache holds (CANEMURE_CACHE_DIR; CANEMURE_OFFLINE=1 forbids the network).",
        example="canemure data download pohjois-karjala",
    )
    data_sub = parser.add_subparsers(dest="data_command", required=True, metavar="COMMAND")
    imp = add_command(
        data_sub,
        "import",
        help="validate SYKE CSV/Excel files (or folders of them) and store them in the cache",
        description="Validate SYKE results files (CSV or Excel, or folders of them) all "
        "together and store them in the user cache only if every one is valid.",
        example="canemure data import ~/Downloads/kunta_167.csv",
    )
    imp.add_argument("paths", nargs="+", help="files or folders")
    imp.add_argument(
        "--municipality",
        metavar="CODE",
        default=None,
        help="the municipality (code or name) of a single file whose name does not say it",
    )
    add_lang(imp)
    imp.set_defaults(run="canemure.cli.data:run_import")
    down = add_command(
        data_sub,
        "download",
        help="download SYKE's open data of regions or municipalities into the user cache",
        description="Fetch each municipality's results file from SYKE's open data into the user "
        "cache (validated before it is stored; files already cached and verified are kept). "
        "Set CANEMURE_OFFLINE=1 to forbid network access.",
        example="canemure data download pirkanmaa joensuu --population-year 2023",
    )
    down.add_argument("areas", nargs="+", metavar="AREA", help="region or municipality")
    _add_download_options(down)
    add_lang(down)
    down.set_defaults(run="canemure.cli.data:run_download")
    lst = add_command(
        data_sub,
        "list",
        help="show what the user cache holds",
        description="List the files in the user cache with their source address, time and "
        "SHA-256 checksum (each verified).",
        example="canemure data list",
    )
    lst.set_defaults(run="canemure.cli.data:run_list")


def _add_plugins(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "plugins",
        help="list region adapter plugins, loaded and failed",
        description="List the region adapter plugins: loaded, failed (at load, registration or "
        "in a call), skipped, and warnings (output or slow imports, two adapters claiming one "
        "region). Exit status 1 when any failed.",
        example="canemure plugins --check pohjois-karjala",
    )
    parser.add_argument(
        "--check",
        metavar="REGION",
        default=None,
        help="call every hook of every plugin for REGION and report each answer or failure",
    )
    add_lang(parser)
    parser.set_defaults(run="canemure.cli.plugins:run_list", plugin_notice=False)
    new = add_command(
        sub,
        "new-plugin",
        help="create a new region adapter distribution from the template",
        description="Create a new region adapter distribution (pyproject, package, tests that "
        "run canemure's conformance kit) for one region.",
        example="canemure new-plugin canemure-kainuu --region kainuu --dest plugins",
    )
    new.add_argument("name", help="distribution name, e.g. canemure-kainuu")
    new.add_argument("--region", required=True, help="region code or name the adapter serves")
    new.add_argument("--dest", default=".", help="folder to create the distribution in")
    add_lang(new)
    new.set_defaults(run="canemure.cli.plugins:run_new")


def _exit_codes_text() -> str:
    return "exit status:\n" + "\n".join(
        f"  {code:<3}  {meaning}" for code, meaning in EXIT_CODES.items()
    )


def _add_roadmap(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from canemure.cli.roadmap import add_parsers

    add_parsers(sub)


_ADDERS: tuple[
    tuple[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None], tuple[str, ...]],
    ...,
] = (
    (_add_baseline, ("baseline",)),
    (_add_regions, ("regions",)),
    (_add_region, ("region",)),
    (_add_report, ("report",)),
    (_add_data, ("data",)),
    (_add_plugins, ("plugins", "new-plugin")),
    (_add_roadmap, ("roadmap", "compare", "macc")),
)
"""Each function adding sub-commands, in the order of ``canemure --help``, and the names it
adds (``tests/cli/test_cli_lazy_parser.py`` checks them against the parsers it makes)."""


def command_word(words: Sequence[str]) -> str | None:
    """The sub-command a command line runs when its first word names one, else ``None``.

    Then argparse hands everything after it to that sub-command's parser, and no other
    sub-command's parser can be asked anything (not even for ``--help``): :func:`main` builds
    only that one (:func:`build_parser`'s ``command``).

    >>> command_word(["baseline", "joensuu"]), command_word(["--help"]), command_word(["bas"])
    ('baseline', None, None)
    """
    if words and any(words[0] in names for _, names in _ADDERS):
        return words[0]
    return None


def build_parser(lang: str = "en", command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``canemure`` command; argparse's own words in ``lang``.

    ``command`` (a sub-command name, see :func:`command_word`) builds only the parser of that
    sub-command (with the others its function adds alongside): the one a command line starting
    with it uses, with the same options, help, messages and defaults. The top-level parser then
    knows no other sub-command; ``None`` (or an unknown name) builds them all.
    """
    parser: argparse.ArgumentParser = _Parser(
        prog="canemure",
        description="Regional climate-mitigation roadmaps: baseline emissions, data, plugins. "
        "Run 'canemure COMMAND --help' for a command's options, defaults and an example.",
        epilog="example:\n  canemure baseline pohjois-karjala --lang fi\n\n" + _exit_codes_text(),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"canemure {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    known = any(command in names for _, names in _ADDERS)
    for add, names in _ADDERS:
        if not known or command in names:
            add(sub)
    _same_help_style(parser)
    _set_language(parser, lang)
    return parser


def _same_help_style(parser: argparse.ArgumentParser) -> None:
    """Give every sub-command the same help style, also one added without :func:`add_command`.

    Defaults are shown and examples kept as written (:class:`_Formatter`).
    """
    parser.formatter_class = _Formatter
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _same_help_style(child)


_HINTS = {
    EXIT_USAGE: "hint_usage",
    EXIT_NO_DATA: "hint_no_data",
}


def _stderr_line(text: str) -> None:
    """Print a line on stderr; a progress bar being drawn there is blanked first."""
    progress = sys.modules.get("canemure.cli.progress")
    if progress is None:
        print(text, file=sys.stderr)
    else:
        progress.message(text, sys.stderr)


def _error(status: int, error: BaseException, lang: str, command: str | None) -> int:
    from canemure.i18n import describe, label

    text = describe(error, lang)
    _stderr_line(f"canemure: {label('error', lang)}: {text}")
    if status in _HINTS:
        print(
            "canemure: " + label(_HINTS[status], lang).format(command=command or "COMMAND"),
            file=sys.stderr,
        )
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (:data:`EXIT_CODES`)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(requested_language(words), command_word(words))
    args = parser.parse_args(words)
    lang = getattr(args, "lang", None) or default_language()
    command = getattr(args, "command", None)
    module_name, _, function_name = args.run.partition(":")
    try:
        with _warnings_as_lines(lang):
            handler = getattr(importlib.import_module(module_name), function_name)
            status: int = handler(args)
    except BrokenPipeError:  # the reader stopped reading (| head): no error, as other tools
        _quiet_stdout()
        return EXIT_PIPE_CLOSED  # (128 + SIGPIPE, what a shell reports for them)
    except KeyboardInterrupt:
        from canemure.i18n import label

        print(f"canemure: {label('interrupted', lang)} (Ctrl-C)", file=sys.stderr)
        status = EXIT_INTERRUPTED
    except DataNotAvailableError as exc:
        status = _error(EXIT_NO_DATA, exc, lang, command)
    except (CanemureError, ValueError, LookupError, OSError) as exc:
        status = _error(EXIT_USAGE, exc, lang, command)
    except Exception as exc:  # a bug: say so, ask for a report, no traceback for the user
        from canemure.i18n import label

        if os.environ.get("CANEMURE_DEBUG"):
            raise
        error = f"{type(exc).__name__}: {exc}"
        text = label("internal_error", lang).format(error=error, url=ISSUES_URL)
        print(f"canemure: {text}", file=sys.stderr)
        status = EXIT_INTERNAL
    try:
        _plugin_notice(args)
        sys.stdout.flush()  # here, where a closed pipe can still be told apart
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE_CLOSED
    return status


def _quiet_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush is quiet.

    The recipe of Python's ``signal`` documentation for a reader that closed the pipe.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@contextlib.contextmanager
def _warnings_as_lines(lang: str = "en") -> Iterator[None]:
    """Show canemure's warnings as ``canemure: warning: ...`` lines, once each, on stderr.

    A warning whose text is a :class:`canemure.errors.Message` is said in ``lang``.
    """
    from canemure import i18n
    from canemure.i18n import label

    shown: set[str] = set()
    prefix = f"canemure: {label('warning', lang)}: "

    def show(message: Warning | str, category: type[Warning], *args: object, **kw: object) -> None:
        if issubclass(category, CanemureWarning):
            said = message.args[0] if isinstance(message, Warning) and message.args else message
            text = f"{prefix}{i18n.said(said, lang) if isinstance(said, str) else message}"
            if text not in shown:
                shown.add(text)
                _stderr_line(text)
        else:
            original(message, category, *args, **kw)  # type: ignore[arg-type]

    with warnings.catch_warnings():
        original = warnings.showwarning
        warnings.simplefilter("always", CanemureWarning)
        warnings.showwarning = show
        yield


def _plugin_notice(args: argparse.Namespace) -> None:
    """Say on stderr which region adapters failed while the command ran, and what to do.

    Only when the command asked the adapters (plugins are never loaded just for this), and not
    after ``canemure plugins``, which prints the same on standard output.
    """
    if not getattr(args, "plugin_notice", True) or "canemure.plugins.manager" not in sys.modules:
        return
    from canemure.plugins.manager import used_plugin_manager
    from canemure.plugins.notice import format_plugin_notice

    manager = used_plugin_manager()
    if manager is None:
        return
    text = format_plugin_notice(manager.report(), getattr(args, "lang", None) or "en")
    if text:
        sys.stdout.flush()  # the notice comes after the command's own output
        print(text, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
