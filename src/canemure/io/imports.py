"""Importing SYKE files a user downloaded, and reading back everything the user cache holds.

``canemure data import PATH...`` calls :func:`import_paths`: every file (folders are searched for
``*.csv`` and ``*.xlsx``) is *validated first* with the same readers the library uses; if any file
has a problem, all problems are reported and nothing is stored. Valid files are stored in the
user cache under canonical names, so a re-import of the same municipality replaces the old copy:

* SYKE open-data CSV → ``syke/Tulokset_taso_5/kunta_<n>.csv`` (where the downloader puts it);
* SYKE municipality list → ``syke/asukasluvut_<year>.csv``;
* SYKE Excel export → ``imports/ALas_<code>_<rule>.xlsx``.

:func:`imported_inventories` reads every cached SYKE file back for a given accounting rule, with
each figure's source naming the cached file and when it was fetched or imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from canemure.errors import DataFormatError, Problem
from canemure.inventory import EmissionInventory, Population
from canemure.io.cache import Cache, ManifestEntry
from canemure.io.download import SykeDownloader, municipality_file, municipality_list_file
from canemure.sectors import AccountingRule

__all__ = ["ImportCandidate", "import_paths", "imported_inventories", "validate_file"]

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


def _expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES)
            if not found:
                problems.append(Problem("folder holds no .csv or .xlsx files", file=str(path)))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem("no such file or folder", file=str(path)))
    return files, problems


def validate_file(path: Path) -> ImportCandidate:
    """Read ``path`` with the matching SYKE reader; raise its :class:`DataFormatError` if bad."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from canemure.io.syke_excel import read_syke_excel

        inventory = read_syke_excel(path)
        code = inventory.areas.labels[0]
        years = inventory.years.labels
        return ImportCandidate(
            path,
            "syke-excel",
            f"ALas_{code}_{inventory.rule.id}.xlsx",
            f"SYKE Excel export, municipality {code}, {inventory.rule.name('en')}, "
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

        data = read_syke_csv(path)
        inventory = data.emissions
        code = inventory.areas.labels[0]
        years = inventory.years.labels
        return ImportCandidate(
            path,
            "syke-csv",
            municipality_file(code).rsplit("/", 1)[-1],
            f"SYKE open-data CSV, municipality {code}, {years[0]}-{years[-1]}",
        )
    raise DataFormatError(
        f"not a SYKE file: expected a .csv (open data) or .xlsx (Excel export), got {path.name!r}",
        path,
    )


def import_paths(
    paths: Sequence[str | Path], downloader: SykeDownloader | None = None
) -> list[tuple[ImportCandidate, ManifestEntry]]:
    """Validate every file under ``paths``; store them all only if every one is valid.

    Raises :class:`DataFormatError` listing the problems of every bad file (nothing is stored).
    """
    files, problems = _expand(paths)
    candidates: list[ImportCandidate] = []
    for file in files:
        try:
            candidates.append(validate_file(file))
        except DataFormatError as exc:
            problems.extend(exc.problems)
    names = [c.store_name for c in candidates]
    for name in sorted({n for n in names if names.count(n) > 1}):
        clashing = ", ".join(str(c.path) for c in candidates if c.store_name == name)
        problems.append(Problem(f"several files hold the same data ({name}): {clashing}"))
    if problems:
        raise DataFormatError(problems, "the files to import")
    downloader = downloader or SykeDownloader()
    return [(c, downloader.import_file(c.path, name=c.store_name)) for c in candidates]


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


def _latest_population(cache: Cache, entries: list[ManifestEntry]) -> Population | None:
    from canemure.io.syke_csv import read_syke_population

    population: Population | None = None
    for entry in sorted(entries, key=lambda e: e.path):
        if match := _LIST_NAME.search(entry.path):
            found = read_syke_population(
                cache.path_for(entry.path),
                year=int(match.group(1)),
                known_municipalities_only=False,
            )
            population = found if population is None else population.merge(found)
    return population


def imported_inventories(
    rule: AccountingRule, cache: Cache | None = None
) -> list[EmissionInventory]:
    """Every cached SYKE inventory that can answer ``rule``, oldest first.

    Open-data CSVs can answer any rule (they hold every sub-sector); an Excel export answers only
    the rule it was exported with. Cached municipality lists supply population.
    """
    cache = cache or Cache()
    if not cache.manifest_path.exists():
        return []
    entries = cache.entries()
    population = _latest_population(cache, entries)
    out: list[EmissionInventory] = []
    for entry in sorted(entries, key=lambda e: e.timestamp):
        path = cache.path_for(entry.path)
        if entry.path.startswith("syke/Tulokset_taso_5/") and entry.path.endswith(".csv"):
            from canemure.io.syke_csv import read_syke_csv

            inventory = read_syke_csv(path, rule=rule).emissions
        elif entry.path.endswith(".xlsx"):
            from canemure.io.syke_excel import read_syke_excel

            inventory = read_syke_excel(path)
            if inventory.rule != rule:
                continue
        else:
            continue
        if population is not None:
            known = inventory.population
            inventory = inventory.with_population(
                population if known is None else known.merge(population)
            )
        out.append(_with_retrieval(inventory, entry))
    return out
