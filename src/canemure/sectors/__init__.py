"""Sectors: SYKE's ALas sector hierarchy and the accounting rule sets over its leaves."""

from canemure.sectors.hierarchy import (
    CREDITS,
    ROOT,
    Sector,
    SectorHierarchy,
    SectorNames,
    sector_hierarchy,
)
from canemure.sectors.rules import (
    ALL,
    ESR,
    ETS,
    HINKU,
    HINKU_WITH_CREDITS,
    RULES,
    AccountingRule,
    accounting_rule,
)

__all__ = [
    "ALL",
    "CREDITS",
    "ESR",
    "ETS",
    "HINKU",
    "HINKU_WITH_CREDITS",
    "ROOT",
    "RULES",
    "AccountingRule",
    "Sector",
    "SectorHierarchy",
    "SectorNames",
    "accounting_rule",
    "sector_hierarchy",
]
