"""The marker plugins put on their hook implementations.

Kept in its own tiny module so a plugin's ``from canemure.plugins import hookimpl`` costs no more
than pluggy itself.
"""

from __future__ import annotations

import pluggy

from canemure.plugins.hookspecs import NAME

__all__ = ["hookimpl"]

hookimpl = pluggy.HookimplMarker(NAME)
"""Decorate a function with ``@hookimpl`` (or ``@hookimpl(trylast=True)``, ...) to implement a hook.

The function's name must be the hook's name, and its arguments a subset of the hook's.
"""
