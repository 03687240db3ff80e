"""Where the user cache is, and whether anything was ever stored in it, without sqlite3.

:mod:`canemure.io.cache` re-exports these. They live apart so that a command whose user cache
is empty (``canemure baseline`` after a fresh install) can say so without importing the cache
module, its SQLite driver and its record classes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["CACHE_DIR_ENV", "LEGACY_MANIFEST_NAME", "MANIFEST_NAME", "cache_dir", "has_manifest"]

CACHE_DIR_ENV = "CANEMURE_CACHE_DIR"
"""Environment variable that overrides the cache location."""
MANIFEST_NAME = "manifest.sqlite3"
"""File name of the manifest database at the cache root."""
LEGACY_MANIFEST_NAME = "manifest.json"
"""File name of the manifest of the old layout, migrated into :data:`MANIFEST_NAME`."""


def cache_dir() -> Path:
    """Return the per-user cache directory (it is not created).

    Returns
    -------
    Path
        ``$CANEMURE_CACHE_DIR`` if set; otherwise the platform's user cache directory plus
        ``canemure``.
    """
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "canemure" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "canemure"
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says relative paths in XDG_* variables are invalid and must be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "canemure"
    return Path.home() / ".cache" / "canemure"


def has_manifest(root: Path) -> bool:
    """Whether anything was ever stored at cache root ``root`` (a manifest of either layout).

    What :meth:`canemure.io.cache.Cache.exists` answers.
    """
    return (root / MANIFEST_NAME).exists() or (root / LEGACY_MANIFEST_NAME).exists()
