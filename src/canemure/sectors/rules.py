"""Accounting rule sets: which ALas leaves an emission total counts.

A rule is data, not a string compared all over the code: it selects leaves of the sector
hierarchy by SYKE's two row flags (``hinku_laskenta``, ``päästökauppa``) and by whether the
wind-power credits sector is included. Five rules are predefined:

``ALL``
    All ALas emissions: every leaf except the wind-power credits.
``HINKU``
    The HINKU calculation without credits ("Hinku-laskenta ilman päästöhyvityksiä"). It excludes
    fuel use of ETS industrial installations, all industrial electricity consumption, industrial
    waste treatment, and drive-through lorry/van/bus traffic; district heat from ETS plants and
    consumed electricity are included.
``HINKU_WITH_CREDITS``
    HINKU plus the wind-power credits ("Hinku-laskenta päästöhyvityksillä").
``ESR``
    Effort-sharing sectors only: every leaf outside the EU emissions-trading system, without
    credits.
``ETS``
    Emissions-trading sectors only.

Inventories record the rule they follow. A leaf-level inventory can be restricted to any rule
(:meth:`AccountingRule.leaves`); an inventory that is already aggregated under one rule cannot be
turned into another (the excluded parts are gone), and canemure says so rather than guessing.
"""

from __future__ import annotations

from functools import cache

import attrs

from canemure._text import fold, suggest
from canemure.errors import UnknownNameError
from canemure.sectors.hierarchy import CREDITS, Sector, SectorHierarchy, sector_hierarchy

__all__ = [
    "ALL",
    "ESR",
    "ETS",
    "HINKU",
    "HINKU_WITH_CREDITS",
    "RULES",
    "AccountingRule",
    "accounting_rule",
]


@attrs.frozen
class AccountingRule:
    """A rule that selects ALas leaves for a total."""

    id: str
    """Short identifier used on the command line and in files, e.g. ``"hinku"``."""
    name_fi: str
    """Name as SYKE writes it (the Excel export's calculation-method row where it exists)."""
    name_en: str
    """English name."""
    description: str
    """What the rule counts and, explicitly, what it excludes."""
    hinku_only: bool = False
    """Count only leaves flagged ``hinku_laskenta``."""
    ets: bool | None = None
    """``True``: only ETS leaves; ``False``: only non-ETS leaves; ``None``: both."""
    credits: bool = False
    """Include the wind-power credits sector."""

    def includes(self, leaf: Sector) -> bool:
        """Whether this rule counts ``leaf``."""
        if not leaf.is_leaf:
            raise ValueError(f"rules apply to leaves; {leaf.key!r} is a level-{leaf.level} node")
        if leaf.key.split("/", 1)[0] == CREDITS:
            return self.credits
        if self.hinku_only and not leaf.hinku:
            return False
        return not (self.ets is not None and leaf.ets != self.ets)

    def leaves(self, hierarchy: SectorHierarchy | None = None) -> tuple[Sector, ...]:
        """The leaves this rule counts, in hierarchy order."""
        tree = hierarchy or sector_hierarchy()
        return tuple(leaf for leaf in tree.leaves if self.includes(leaf))

    def name(self, lang: str = "en") -> str:
        """Display name (``fi`` or ``en``; Swedish falls back to English)."""
        return self.name_fi if lang == "fi" else self.name_en

    def __str__(self) -> str:
        return self.id


ALL = AccountingRule(
    "all",
    "Kaikki ALas-päästöt",
    "All ALas emissions",
    "Every ALas sub-sector, inside and outside emissions trading; wind-power credits excluded.",
)
"""Rule ``all``: every ALas emission, without the wind-power credits."""
HINKU = AccountingRule(
    "hinku",
    "Hinku-laskenta ilman päästöhyvityksiä",
    "HINKU calculation without credits",
    "Excludes fuel use of ETS industrial installations, all industrial electricity consumption, "
    "industrial waste treatment and drive-through lorry/van/bus traffic (leaves whose "
    "hinku_laskenta flag is 'no'); wind-power credits excluded.",
    hinku_only=True,
)
"""Rule ``hinku``: SYKE's HINKU calculation, without the wind-power credits."""
HINKU_WITH_CREDITS = AccountingRule(
    "hinku-credits",
    "Hinku-laskenta päästöhyvityksillä",
    "HINKU calculation with wind-power credits",
    "As HINKU, plus the (negative) wind-power credits of the Päästöhyvitykset sector.",
    hinku_only=True,
    credits=True,
)
"""Rule ``hinku-credits``: the HINKU calculation with the wind-power credits."""
ESR = AccountingRule(
    "esr",
    "Taakanjakosektori",
    "Effort-sharing sectors (ESR) only",
    "Excludes every sub-sector inside the EU emissions-trading system (päästökauppa) and the "
    "wind-power credits.",
    ets=False,
)
"""Rule ``esr``: the effort-sharing sectors only (outside EU emissions trading)."""
ETS = AccountingRule(
    "ets",
    "Päästökauppasektori",
    "Emissions-trading sectors (ETS) only",
    "Only sub-sectors inside the EU emissions-trading system; excludes every effort-sharing "
    "sub-sector and the wind-power credits.",
    ets=True,
)
"""Rule ``ets``: the EU emissions-trading sectors only."""

RULES: tuple[AccountingRule, ...] = (ALL, HINKU, HINKU_WITH_CREDITS, ESR, ETS)
"""The predefined rule sets."""


@cache
def _by_name() -> dict[str, AccountingRule]:
    table: dict[str, AccountingRule] = {}
    for rule in RULES:
        for name in (rule.id, rule.name_fi, rule.name_en):
            table[fold(name)] = rule
    table[fold("hinku-with-credits")] = HINKU_WITH_CREDITS
    return table


def accounting_rule(name: str | AccountingRule) -> AccountingRule:
    """Find a predefined rule by id (``all``, ``hinku``, ``hinku-credits``, ``esr``, ``ets``)."""
    if isinstance(name, AccountingRule):
        return name
    try:
        return _by_name()[fold(name)]
    except KeyError:
        raise UnknownNameError(
            "accounting rule", name, suggest(name, [r.id for r in RULES])
        ) from None
