"""canemure: regional climate-mitigation roadmaps for Finnish regions and municipalities.

The package root only re-exports the public API. Names are imported lazily on first access
(PEP 562), so ``import canemure`` stays light: numpy, pint and the plugin machinery load only
when something that needs them is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from canemure import _moved
from canemure._version import __version__

_moved.install()  # old paths of moved modules (canemure.targets, ...) warn and still work

if TYPE_CHECKING:
    from canemure.datasets import baseline_inventory
    from canemure.errors import (
        CanemureError,
        DataFormatError,
        DataNotAvailableError,
        DownloadError,
        MissingDependencyError,
        PluginError,
        Problem,
        UnitError,
        UnknownCodeError,
        UnknownNameError,
    )
    from canemure.geography import (
        Coordinator,
        Municipality,
        Region,
        gazetteer,
        municipality,
        region,
        resolve_area,
    )
    from canemure.inventory import (
        Coverage,
        EmissionInventory,
        EmissionRecord,
        Population,
        Source,
    )
    from canemure.published.factors import EmissionFactor
    from canemure.published.measures import PublishedMeasure, total_effect
    from canemure.published.targets import Target
    from canemure.reports import BaselineReport, build_baseline, render
    from canemure.sectors import (
        ALL,
        ESR,
        ETS,
        HINKU,
        HINKU_WITH_CREDITS,
        RULES,
        AccountingRule,
        Sector,
        SectorHierarchy,
        accounting_rule,
        sector_hierarchy,
    )
    from canemure.units import Q_, gwp_context, to_co2e, unit_label, ureg

_EXPORTS: dict[str, str] = {
    # errors
    "CanemureError": "canemure.errors",
    "DataFormatError": "canemure.errors",
    "DataNotAvailableError": "canemure.errors",
    "DownloadError": "canemure.errors",
    "MissingDependencyError": "canemure.errors",
    "PluginError": "canemure.errors",
    "Problem": "canemure.errors",
    "UnitError": "canemure.errors",
    "UnknownCodeError": "canemure.errors",
    "UnknownNameError": "canemure.errors",
    # units
    "Q_": "canemure.units",
    "ureg": "canemure.units",
    "gwp_context": "canemure.units",
    "to_co2e": "canemure.units",
    "unit_label": "canemure.units",
    # geography
    "Coordinator": "canemure.geography",
    "Municipality": "canemure.geography",
    "Region": "canemure.geography",
    "gazetteer": "canemure.geography",
    "municipality": "canemure.geography",
    "region": "canemure.geography",
    "resolve_area": "canemure.geography",
    # sectors and rules
    "ALL": "canemure.sectors",
    "ESR": "canemure.sectors",
    "ETS": "canemure.sectors",
    "HINKU": "canemure.sectors",
    "HINKU_WITH_CREDITS": "canemure.sectors",
    "RULES": "canemure.sectors",
    "AccountingRule": "canemure.sectors",
    "Sector": "canemure.sectors",
    "SectorHierarchy": "canemure.sectors",
    "accounting_rule": "canemure.sectors",
    "sector_hierarchy": "canemure.sectors",
    # inventories
    "Coverage": "canemure.inventory",
    "EmissionInventory": "canemure.inventory",
    "EmissionRecord": "canemure.inventory",
    "Population": "canemure.inventory",
    "Source": "canemure.inventory",
    "baseline_inventory": "canemure.datasets",
    # roadmap steps 1 and 3: reports, published measures, targets, factors
    "BaselineReport": "canemure.reports",
    "build_baseline": "canemure.reports",
    "render": "canemure.reports",
    "PublishedMeasure": "canemure.published.measures",
    "total_effect": "canemure.published.measures",
    "Target": "canemure.published.targets",
    "EmissionFactor": "canemure.published.factors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'canemure' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
