"""Importing SYKE files a user downloaded, and reading back everything the user cache holds.

``canemure data import PATH...`` calls :func:`import_paths`: every file (folders are searched for
``*.csv`` and ``*.xlsx``) is *validated first* with the same readers the library uses; if any file
has a problem, all problems are reported and nothing is stored. Valid files are stored in the
user cache under canonical names, so a re-import of the same municipality replaces the old copy:

* SYKE open-data CSV → ``syke/Tulokset_taso_5/kunta_<n>.csv`` (where the downloader puts it);
* SYKE municipality list → ``syke/asukasluvut_<year>.csv``;
* SYKE Excel export → ``imports/ALas_<code>_<rule>.xlsx``.

:func:`imported_inventories` reads every cached SYKE file back for a given accounting rule, with
each figure's source naming the cached file and when it was fetched or imported. Each cached
file is checked against its recorded SHA-256 before it is read: a file that changed, went missing
or no longer parses is left out with a :class:`~canemure.io.cache.CacheWarning` that names it and
says to import it again, so one bad entry costs only its own municipality.

Paths that are not regular files (a folder named ``*.csv``, a named pipe, ``/dev/null``) are
refused with a message saying what they are. The readers' hint "pass municipality=<code>" is
completed with the command-line spelling, ``canemure data import --municipality CODE FILE``.
"""

from __future__ import annotations

import re
import stat
import warnings
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import attrs

from canemure.errors import DataFormatError, Message, Problem
from canemure.geography import gazetteer
from canemure.inventory import EmissionInventory, Population
from canemure.io.cache import Cache, CacheWarning, ManifestDamagedError, ManifestEntry
from canemure.io.download import SykeDownloader, municipality_file, municipality_list_file
from canemure.sectors import AccountingRule

__all__ = [
    "ImportCandidate",
    "entry_municipality",
    "import_paths",
    "imported_inventories",
    "validate_file",
]

_LIST_NAME = re.compile(r"asukasluvut_(\d{4})", re.IGNORECASE)
_SUFFIXES = (".csv", ".xlsx")


@attrs.frozen
class ImportCandidate:
    """A validated file, ready to store."""

    path: Path
    """The file on disk."""
    kind: str
    """``"syke-csv"``, ``"syke-population"`` or ``"syke-excel"``."""
    store_name: str
    """The canonical name it is stored under."""
    description: str
    """What it holds, for the user."""


_MUNICIPALITY_HINT = re.compile(r"pass municipality=<[^>]*>")
_CLI_HINT = " (on the command line: canemure data import --municipality CODE FILE)"


def _not_a_file(path: Path) -> str | None:
    """Say what ``path`` is when it is not a regular file that can be imported."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken link: its target does not exist" if path.is_symlink() else None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}); check its permissions"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a special file"
    return f"is {what}, not a file: save the SYKE data to a .csv or .xlsx file and import that file"


def _expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        what = _not_a_file(path)
        if what == "is a folder":
            found = []
            for candidate in sorted(path.rglob("*")):
                if candidate.suffix.lower() not in _SUFFIXES or candidate.is_dir():
                    continue
                if reason := _not_a_file(candidate):
                    problems.append(Problem(reason, file=str(candidate)))
                else:
                    found.append(candidate)
            if not found and not problems:
                named = (
                    f" (its name ends in {path.suffix}, but it is a folder, not a file)"
                    if path.suffix.lower() in _SUFFIXES
                    else ""
                )
                problems.append(
                    Problem(f"the folder holds no .csv or .xlsx files{named}", file=str(path))
                )
            files.extend(found)
        elif what is not None:
            problems.append(Problem(what, file=str(path)))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem.keyed("no_such_path", str(path)))
    return files, problems


def _with_cli_hint(exc: DataFormatError) -> list[Problem]:
    """The reader's problems, with "pass municipality=<code>" naming the CLI option too."""
    return [
        attrs.evolve(
            p,
            message=_MUNICIPALITY_HINT.sub(lambda m: m[0] + _CLI_HINT, p.message),
            key=p.key and f"{p.key}_cli",  # the catalogue's text with the option, if it has one
        )
        if _MUNICIPALITY_HINT.search(p.message) and _CLI_HINT not in p.message
        else p
        for p in exc.problems
    ]


def validate_file(path: Path, *, municipality: str | None = None) -> ImportCandidate:
    """Read ``path`` with the matching SYKE reader; raise its :class:`DataFormatError` if bad.

    ``municipality`` (code or name) says whose figures a results file or Excel export holds,
    for a file whose name or first cell does not say (``canemure data import --municipality``).
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from canemure.io.syke_excel import read_syke_excel

        inventory = read_syke_excel(path, municipality=municipality)
        code = inventory.areas.labels[0]
        years = inventory.years.labels
        name = gazetteer().municipality(code).name
        return ImportCandidate(
            path,
            "syke-excel",
            f"ALas_{code}_{inventory.rule.id}.xlsx",
            f"SYKE Excel export, {name} ({code}), {inventory.rule.name('en')}, "
            f"{years[0]}-{years[-1]}",
        )
    if suffix == ".csv":
        if match := _LIST_NAME.match(path.name):
            from canemure.io.syke_csv import read_syke_population

            year = int(match.group(1))
            population = read_syke_population(path, year=year, known_municipalities_only=False)
            return ImportCandidate(
                path,
                "syke-population",
                municipality_list_file(year),
                f"SYKE municipality list {year}, {len(population.areas)} municipalities",
            )
        from canemure.io.syke_csv import read_syke_csv

        data = read_syke_csv(path, municipality=municipality, energy=False)
        inventory = data.emissions
        code = inventory.areas.labels[0]
        years = inventory.years.labels
        name = gazetteer().municipality(code).name
        return ImportCandidate(
            path,
            "syke-csv",
            municipality_file(code).rsplit("/", 1)[-1],
            f"SYKE open-data CSV, {name} ({code}) from {data.municipality_from}, "
            f"{years[0]}-{years[-1]}",
        )
    raise DataFormatError([Problem.keyed("not_a_syke_file", str(path), name=path.name)], path)


def import_paths(
    paths: Sequence[str | Path],
    downloader: SykeDownloader | None = None,
    *,
    municipality: str | None = None,
) -> list[tuple[ImportCandidate, ManifestEntry]]:
    """Validate every file under ``paths``; store them all only if every one is valid.

    ``municipality`` names the municipality of a single results file or Excel export whose name
    does not say it (see :func:`validate_file`). Raises :class:`DataFormatError` listing the
    problems of every bad file (nothing is stored).
    """
    files, problems = _expand(paths)
    if municipality is not None:
        data_files = [f for f in files if not _LIST_NAME.match(f.name)]
        if len(data_files) > 1:
            problems.append(
                Problem(
                    f"municipality {municipality!r} (--municipality) can name the municipality "
                    f"of one file, but {len(data_files)} files were given: "
                    + ", ".join(str(f) for f in data_files)
                    + "; import them one at a time"
                )
            )
    candidates: list[ImportCandidate] = []
    for file in files:
        try:
            candidates.append(validate_file(file, municipality=municipality))
        except DataFormatError as exc:
            problems.extend(_with_cli_hint(exc))
        except OSError as exc:
            problems.append(
                Problem(f"cannot read the file ({exc.strerror or exc})", file=str(file))
            )
    names = [c.store_name for c in candidates]
    for name in sorted({n for n in names if names.count(n) > 1}):
        clashing = ", ".join(str(c.path) for c in candidates if c.store_name == name)
        problems.append(Problem(f"several files hold the same data ({name}): {clashing}"))
    if problems:
        raise DataFormatError(problems, Message("files_to_import"))
    downloader = downloader or SykeDownloader()
    return [(c, downloader.import_file(c.path, name=c.store_name)) for c in candidates]


def _left_out(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


def _with_retrieval(inventory: EmissionInventory, entry: ManifestEntry) -> EmissionInventory:
    how = "downloaded" if entry.kind == "download" else f"imported from {entry.source}"
    sources = {
        area: tuple(
            attrs.evolve(s, retrieved=entry.timestamp, notes=f"{how}; sha256 {entry.sha256[:12]}")
            for s in found
        )
        for area, found in inventory.sources.items()
    }
    return attrs.evolve(inventory, sources=sources)


def _usable(cache: Cache, entry: ManifestEntry) -> Path | None:
    """The entry's file if it still matches its record; otherwise warn and return ``None``."""
    if problem := cache.problem(entry.path):
        _left_out(Message("cache_problem_left_out", error=problem))
        return None
    return cache.path_for(entry.path)


def _latest_population(cache: Cache, entries: list[ManifestEntry]) -> Population | None:
    from canemure.io.syke_csv import read_syke_population

    population: Population | None = None
    for entry in sorted(entries, key=lambda e: e.path):
        if not (match := _LIST_NAME.search(entry.path)) or (path := _usable(cache, entry)) is None:
            continue
        try:
            found = read_syke_population(
                path, year=int(match.group(1)), known_municipalities_only=False
            )
        except DataFormatError as exc:
            _left_out(Message("cache_file_left_out", error=exc))
            continue
        population = found if population is None else population.merge(found)
    return population


_ENTRY_CODE = re.compile(r"(?:/kunta_0*(\d{1,3})\.csv|/ALas_(\d{3})_[^/]*\.xlsx)$")


def entry_municipality(path: str) -> str | None:
    """The municipality code a cache entry's canonical name holds, e.g. ``"005"``; or ``None``.

    ``syke/Tulokset_taso_5/kunta_5.csv`` gives ``"005"``, ``imports/ALas_167_hinku.xlsx``
    gives ``"167"``; municipality lists and other files give ``None``.
    """
    match = _ENTRY_CODE.search(path)
    if match is None:
        return None
    return (match[1] or match[2]).zfill(3)


def imported_inventories(
    rule: AccountingRule,
    cache: Cache | None = None,
    *,
    municipalities: Collection[str] | None = None,
) -> list[EmissionInventory]:
    """Every cached SYKE inventory that can answer ``rule``, oldest first.

    Open-data CSVs can answer any rule (they hold every sub-sector); an Excel export answers only
    the rule it was exported with. Cached municipality lists supply population. A file that
    changed since it was stored, is missing or no longer parses is left out with a
    :class:`~canemure.io.cache.CacheWarning` naming it; so is everything when the manifest is
    damaged (the warning says how to repair it).

    ``municipalities`` (three-digit codes) limits the files read to those municipalities' own:
    the others are neither checked nor parsed.
    """
    cache = cache or Cache()
    if not cache.exists():
        return []
    try:
        entries = cache.entries()
    except ManifestDamagedError as exc:
        _left_out(Message("cache_not_used", error=exc))
        return []
    population = _latest_population(cache, entries)
    out: list[EmissionInventory] = []
    for entry in sorted(entries, key=lambda e: e.timestamp):
        is_csv = entry.path.startswith("syke/Tulokset_taso_5/") and entry.path.endswith(".csv")
        if not (is_csv or entry.path.endswith(".xlsx")):
            continue
        if municipalities is not None and entry_municipality(entry.path) not in municipalities:
            continue
        path = _usable(cache, entry)
        if path is None:
            continue
        try:
            if is_csv:
                from canemure.io.syke_csv import read_syke_csv

                inventory = read_syke_csv(path, rule=rule).emissions
            else:
                from canemure.io.syke_excel import read_syke_excel

                inventory = read_syke_excel(path)
        except DataFormatError as exc:
            _left_out(Message("cache_file_left_out", error=exc))
            continue
        if not is_csv and inventory.rule != rule:
            continue
        if population is not None:
            known = inventory.population
            inventory = inventory.with_population(
                population if known is None else known.merge(population)
            )
        out.append(_with_retrieval(inventory, entry))
    return out
