"""``canemure data``: import SYKE files into the user cache and list what it holds."""

from __future__ import annotations

import argparse
import sys

from canemure.io.cache import Cache
from canemure.io.imports import import_paths

__all__ = ["run_import", "run_list"]


def run_import(args: argparse.Namespace) -> int:
    """Validate and store the files named in ``args.paths``."""
    stored = import_paths(args.paths)
    cache = Cache()
    for candidate, entry in stored:
        print(f"imported {candidate.path} -> {cache.path_for(entry.path)}")
        print(f"  {candidate.description}; sha256 {entry.sha256[:16]}")
    print(f"{len(stored)} file(s) stored in {cache.root}; `canemure baseline` now uses them.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the cache manifest."""
    cache = Cache()
    entries = cache.entries() if cache.manifest_path.exists() else []
    if not entries:
        print(f"the user cache at {cache.root} holds no SYKE files")
        return 0
    print(f"user cache: {cache.root}")
    for entry in entries:
        state = "ok" if cache.verify(entry.path) else "CHANGED since stored"
        print(f"  {entry.path}  {entry.kind} {entry.timestamp}  {entry.size} bytes  {state}")
        print(f"    from {entry.source}")
    sys.stdout.flush()
    return 0
