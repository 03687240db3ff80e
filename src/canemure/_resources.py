"""Access to the data files bundled inside the package (``canemure/data``)."""

from __future__ import annotations

import csv
import importlib
import io
import os
import sys
from importlib.machinery import SourceFileLoader, SourcelessFileLoader

__all__ = ["bundled_path", "package_text", "read_bundled_csv"]


def bundled_path(name: str) -> str:
    """Return a printable location of bundled file ``name`` (for provenance and messages)."""
    return f"canemure/data/{name}"


def package_text(package: str, *parts: str) -> str:
    """The UTF-8 text of the file ``parts`` inside ``package`` (an imported package).

    What ``importlib.resources.files(package).joinpath(*parts).read_text("utf-8")`` reads. A
    package imported from a folder (the usual install: its loader reads ``.py`` or ``.pyc``
    files) is read with :func:`open` from that folder, as ``importlib.resources`` itself would,
    without importing it (with ``pathlib``, ``tempfile`` and ``zipfile``: about 5-10 ms of
    ``canemure plugins``); any other package (a zip file, another loader) goes through it.
    """
    module = sys.modules.get(package) or importlib.import_module(package)
    spec = module.__spec__
    if (
        spec is not None
        and spec.origin
        and spec.submodule_search_locations is not None
        and type(spec.loader) in (SourceFileLoader, SourcelessFileLoader)
    ):
        with open(os.path.join(os.path.dirname(spec.origin), *parts), encoding="utf-8") as file:
            return file.read()
    from importlib import resources

    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def read_bundled_csv(name: str) -> list[dict[str, str]]:
    """Read bundled CSV file ``name`` (UTF-8, comma-separated, header row) as dict rows."""
    return list(csv.DictReader(io.StringIO(package_text("canemure", "data", name))))
