"""Deprecated location of the first-party adapter support; use :mod:`canemure.adapters`.

The module moved out of the plugin host package (:mod:`canemure.plugins` is the host only).
Importing names from here still works for one minor release and warns with
:class:`DeprecationWarning` saying where each name lives now.
"""

from __future__ import annotations

import warnings
from typing import Any

__all__: list[str] = []


def __getattr__(name: str) -> Any:
    import canemure.adapters as new_home

    if name.startswith("__") or not hasattr(new_home, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"canemure.plugins.adapter_support.{name} moved to canemure.adapters.{name}; "
        f"import it from there (the old path goes in a future minor release)",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(new_home, name)
