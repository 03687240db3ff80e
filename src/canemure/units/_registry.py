"""The package's single pint unit registry, built from canemure's own compact definitions.

Design notes
------------
* There is exactly one registry, :data:`ureg`, and it is installed as pint's application
  registry, so quantities built by users with ``pint.Quantity`` interoperate with ours.
* **Compact definitions.** pint's default registry parses its whole definitions file (about
  0.1--0.3 s per process, more than everything else ``canemure baseline`` does); pint's own
  cache would store pickles, which canemure's rule on data files excludes. The registry is
  built instead from ``definitions.txt`` beside this module: SI base units and prefixes, and the
  time, mass, energy, power, volume, area, currency, count and CO2e units the field uses, with
  the canonical names, symbols and factors of pint's own file. It builds in about half the
  time of pint's default registry (most of the rest is pint's definition parser).
* **Units outside it** (knots, miles, BTU, ...): call :func:`load_full_definitions` once, or set
  ``CANEMURE_UNITS=full`` in the environment before canemure is imported. Both add pint's whole
  default file to *this* registry (quantities already made stay valid) while keeping
  canemure's meanings: ``kt`` stays the kilotonne (pint's file also calls the knot ``kt``; the
  knot keeps ``kn`` and ``knot``).
* ``kt`` means *kilotonne* here; ``a`` is a year.
* Greenhouse gases are dimensions of their own (``[carbon_dioxide]``, ``[methane]``, ...), so a
  tonne of CH4 can never silently become a tonne of CO2e. ``CO2`` and ``CO2e`` are the same unit:
  CO2 is its own equivalent under every metric. Other gases convert to CO2e only inside a GWP
  metric context (see :mod:`canemure.units.gwp`).
* EUR is a dimension of its own (``[currency]``), so € never cancels against anything silently.
* ``resident`` is a dimension (``[population]``) so per-resident quantities keep their meaning.
"""

from __future__ import annotations

import os
import re
import threading
from importlib import resources
from typing import Any

import pint

__all__ = ["FULL_DEFINITIONS_ENV", "Q_", "load_full_definitions", "ureg"]

FULL_DEFINITIONS_ENV = "CANEMURE_UNITS"
"""Environment variable: ``full`` loads pint's whole default definitions at import."""

_DEFINITIONS_FILE = "definitions.txt"


def _preprocess(text: str) -> str:
    # '€' is not a valid pint identifier; 'CO2-e' and 'CO2-ekv' are common Finnish spellings.
    return (
        text.replace("€", " EUR ")
        .replace("CO2-eq", "CO2e")
        .replace("CO2-ekv", "CO2e")
        .replace("CO2-e", "CO2e")
        .replace("CO₂", "CO2")
    )


def _definition_lines() -> list[str]:
    text = resources.files("canemure.units").joinpath(_DEFINITIONS_FILE).read_text("utf-8")
    return text.splitlines()


def _build_registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        None,
        preprocessors=[_preprocess],
        on_redefinition="ignore",
        autoconvert_offset_to_baseunit=True,
    )
    registry.load_definitions(_definition_lines())
    return registry


ureg: pint.UnitRegistry[Any] = _build_registry()
"""The package's unit registry; also pint's application registry."""

pint.set_application_registry(ureg)  # type: ignore[no-untyped-call]

Q_ = ureg.Quantity
"""Shortcut for ``ureg.Quantity``."""

_full_lock = threading.Lock()
_full_loaded = False


def _pint_default_lines() -> list[str]:
    """Pint's default definitions, with its constants inlined and ``kt`` left to the kilotonne."""
    package = resources.files("pint")
    text = package.joinpath("default_en.txt").read_text("utf-8")
    constants = package.joinpath("constants_en.txt").read_text("utf-8")
    text = text.replace("@import constants_en.txt", constants)
    text = re.sub(r"^(knot = [^\n]*?)= kt ", r"\1", text, flags=re.MULTILINE)
    return text.splitlines()


def load_full_definitions() -> None:
    """Add pint's whole default unit definitions to canemure's registry (once).

    For units the compact definitions leave out (``knot``, ``mile``, ``BTU``, ``gallon``, ...).
    Costs about as long as building pint's default registry (0.1--0.3 s). Names canemure
    defines keep canemure's meaning: ``kt`` is still the kilotonne.

    >>> from canemure.units import Q_, load_full_definitions
    >>> load_full_definitions()
    >>> Q_(1, "mile").to("km")
    <Quantity(1.609344, 'kilometer')>
    >>> Q_(1, "kt").to("t")
    <Quantity(1000, 'metric_ton')>
    """
    global _full_loaded  # noqa: PLW0603 - one registry per process, extended once
    with _full_lock:
        if _full_loaded:
            return
        # pint's system definitions compare unit *texts*; canemure's display format
        # ("kt CO2e/a", see canemure.units.format) must not be in force while they load.
        shown = ureg.formatter.default_format
        ureg.formatter.default_format = ""
        try:
            ureg.load_definitions(_pint_default_lines())
        finally:
            ureg.formatter.default_format = shown
        _full_loaded = True


if os.environ.get(FULL_DEFINITIONS_ENV, "").strip().lower() == "full":
    load_full_definitions()
