"""The ``canemure`` command line.

Sub-commands:

``canemure baseline AREA``
    Print an area's baseline emissions by sector (roadmap step 1).
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
``canemure new-plugin NAME``
    Start a new region adapter distribution that passes the conformance kit.

Errors the user can fix (bad input, unknown names, missing data) print one clear message to
standard error and exit with status 2; nothing is half-written. After any command that asked
the region adapters, the ones that failed (which adapter, in which hook, why, and what to do)
are listed on standard error, in the command's ``--lang``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence

from canemure._version import __version__
from canemure.errors import CanemureError, CanemureWarning

__all__ = ["build_parser", "main"]

EXIT_USAGE = 2


def _add_baseline(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "baseline",
        help="an area's baseline emissions by sector",
        description="Print a region's or municipality's emissions by sector for chosen years, "
        "with totals, change in percent and tonnes per resident.",
    )
    parser.add_argument("area", help="region or municipality: code or name in fi/sv/en, any case")
    parser.add_argument(
        "--rules",
        default="hinku",
        help="accounting rule set: all, hinku, hinku-credits, esr, ets (default: hinku)",
    )
    parser.add_argument(
        "--years",
        default=None,
        help="years to show: '2007,2024', '2005-2024' or 'latest' (default: 2007 and the latest)",
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--lang", choices=("fi", "sv", "en"), default="en")
    parser.add_argument(
        "--no-plugins", action="store_true", help="use only bundled and imported data"
    )
    parser.add_argument(
        "--download",
        action="store_true",
        help="first fetch the area's SYKE open data into the user cache (needs the network)",
    )
    _add_download_options(parser)
    parser.set_defaults(run="canemure.cli.baseline:run")


def _add_region(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "region",
        help="a region's coordinators, cooperation group, roadmap, targets, measures and data",
    )
    parser.add_argument("region", help="region code or name in fi/sv/en, any case")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--lang", choices=("fi", "sv", "en"), default="en")
    parser.set_defaults(run="canemure.cli.region:run")


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
        "--base-url", default=None, help="where SYKE publishes (default: SYKE's open-data site)"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        help="seconds to wait for the server at each step (default 30)",
    )
    parser.add_argument(
        "--deadline",
        type=_seconds,
        default=300.0,
        help="seconds one attempt at a file may take in all (default 300)",
    )
    parser.add_argument(
        "--retries", type=_count(0), default=3, help="extra attempts after a failure (default 3)"
    )
    parser.add_argument(
        "--jobs", type=_count(1), default=4, help="files downloaded at once (default 4)"
    )


def _add_data(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("data", help="manage SYKE data in the user cache")
    data_sub = parser.add_subparsers(dest="data_command", required=True, metavar="COMMAND")
    imp = data_sub.add_parser(
        "import",
        help="validate SYKE CSV/Excel files (or folders of them) and store them in the cache",
    )
    imp.add_argument("paths", nargs="+", help="files or folders")
    imp.add_argument(
        "--municipality",
        metavar="CODE",
        default=None,
        help="the municipality (code or name) of a single file whose name does not say it",
    )
    imp.set_defaults(run="canemure.cli.data:run_import")
    down = data_sub.add_parser(
        "download",
        help="download SYKE's open data of regions or municipalities into the user cache",
        description="Fetch each municipality's results file from SYKE's open data into the user "
        "cache (validated before it is stored; files already cached and verified are kept). "
        "Set CANEMURE_OFFLINE=1 to forbid network access.",
    )
    down.add_argument("areas", nargs="+", metavar="AREA", help="region or municipality")
    _add_download_options(down)
    down.set_defaults(run="canemure.cli.data:run_download")
    lst = data_sub.add_parser("list", help="show what the user cache holds")
    lst.set_defaults(run="canemure.cli.data:run_list")


def _add_plugins(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "plugins",
        help="list region adapter plugins, loaded and failed",
        description="List the region adapter plugins: loaded, failed (at load, registration or "
        "in a call), skipped, and warnings (output or slow imports, two adapters claiming one "
        "region). Exit status 1 when any failed.",
    )
    parser.add_argument(
        "--check",
        metavar="REGION",
        default=None,
        help="call every hook of every plugin for REGION and report each answer or failure",
    )
    parser.set_defaults(run="canemure.cli.plugins:run_list", plugin_notice=False)
    new = sub.add_parser(
        "new-plugin", help="create a new region adapter distribution from the template"
    )
    new.add_argument("name", help="distribution name, e.g. canemure-kainuu")
    new.add_argument("--region", required=True, help="region code or name the adapter serves")
    new.add_argument("--dest", default=".", help="folder to create the distribution in")
    new.set_defaults(run="canemure.cli.plugins:run_new")


def _add_roadmap(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from canemure.cli.roadmap import add_parsers

    add_parsers(sub)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``canemure`` command."""
    parser = argparse.ArgumentParser(
        prog="canemure",
        description="Regional climate-mitigation roadmaps: baseline emissions, data, plugins.",
    )
    parser.add_argument("--version", action="version", version=f"canemure {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_baseline(sub)
    _add_region(sub)
    _add_data(sub)
    _add_plugins(sub)
    _add_roadmap(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    module_name, _, function_name = args.run.partition(":")
    try:
        with _warnings_as_lines():
            handler = getattr(importlib.import_module(module_name), function_name)
            status: int = handler(args)
    except CanemureError as exc:
        print(f"canemure: error: {exc}", file=sys.stderr)
        status = EXIT_USAGE
    except (ValueError, LookupError, OSError) as exc:
        print(f"canemure: error: {exc}", file=sys.stderr)
        status = EXIT_USAGE
    _plugin_notice(args)
    return status


@contextlib.contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Show canemure's warnings as ``canemure: warning: ...`` lines, once each, on stderr."""
    shown: set[str] = set()

    def show(message: Warning | str, category: type[Warning], *args: object, **kw: object) -> None:
        if issubclass(category, CanemureWarning):
            text = f"canemure: warning: {message}"
            if text not in shown:
                shown.add(text)
                print(text, file=sys.stderr)
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
    text = format_plugin_notice(manager.report(), getattr(args, "lang", "en"))
    if text:
        sys.stdout.flush()  # the notice comes after the command's own output
        print(text, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
