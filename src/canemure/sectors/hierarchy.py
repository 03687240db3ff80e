"""SYKE's ALas sector hierarchy: five levels, 91 leaves.

Levels, as SYKE names them (``taso`` = level):

====  ==========================  ==========================================
level example                      key
====  ==========================  ==========================================
0     all sectors                  ``"total"``
1     Energia (Energy)             slug of the Finnish name: ``"energia"``
2     Rakennusten lämmitys         slugs joined: ``"energia/rakennusten-lammitys"``
3     Kaukolämpö (District heat)   SYKE's abbreviation: ``"Kau"``
4     Kaukolämpö                   abbreviations joined: ``"Kau/Kau"``
5     Asuminen (Residential)       ``"Kau/Kau/Asu"``
leaf  ... in emissions trading     ``"Kau/Kau/Asu:HE"`` (``H``/``E`` or ``-`` for each flag)
====  ==========================  ==========================================

A *leaf* is a level-5 sector together with SYKE's two row flags, ``hinku_laskenta`` (counted in
the HINKU calculation) and ``päästökauppa`` (inside the EU emissions-trading system). The same
level-5 sector may appear as two or three leaves (e.g. industrial fuels: ETS, non-ETS counted in
HINKU, non-ETS not counted); accounting rules (:mod:`canemure.sectors.rules`) select leaves by
these flags. Level-1 to level-3 sectors have no wind-power leaves except the credits sector
``"Tuu"`` (Päästöhyvitykset), which only the "HINKU with credits" rule includes.

Names are given in Finnish, English and Swedish where the source has them; a missing
translation falls back to the Finnish name (:meth:`SectorNames.get`) and is never invented.
Sources: ``canemure/data/sector_hierarchy_alas.csv``, ``sectors.csv`` and
``syke_abbreviations.csv`` (see ``canemure/data/PROVENANCE.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import attrs

from canemure._resources import read_bundled_csv
from canemure._text import fold, slug, suggest
from canemure.errors import UnknownNameError

__all__ = [
    "CREDITS",
    "ROOT",
    "Sector",
    "SectorHierarchy",
    "SectorNames",
    "sector_hierarchy",
]

ROOT = "total"
"""Key of the level-0 node: all sectors together."""

CREDITS = "Tuu"
"""Level-3 key of the wind-power credits sector (Päästöhyvitykset)."""

LEAF_LEVEL = 6
"""Level number used for leaves (a level-5 sector plus its HINKU/ETS flags)."""


@attrs.frozen
class SectorNames:
    """A sector's name in Finnish, with English and Swedish where the source gives them."""

    fi: str
    en: str | None = None
    sv: str | None = None

    def get(self, lang: str) -> str:
        """Return the name in ``lang`` (``fi``/``en``/``sv``), falling back to Finnish."""
        if lang not in ("fi", "en", "sv"):
            raise KeyError(f"language must be 'fi', 'sv' or 'en', got {lang!r}")
        value: str | None = getattr(self, lang)
        return value or self.fi

    def all(self) -> tuple[str, ...]:
        """All names that are known (for look-ups)."""
        return tuple(n for n in (self.fi, self.en, self.sv) if n)


@attrs.frozen
class Sector:
    """One node of the ALas sector hierarchy."""

    key: str
    """Unique key within the hierarchy (see the module docstring)."""
    level: int
    """0 (total) to 5, or 6 for a leaf (level-5 sector plus flags)."""
    names: SectorNames
    """Display names."""
    parent: str | None
    """Key of the parent node (``None`` for the root)."""
    abbreviation: str | None = None
    """SYKE's open-data abbreviation at this level (levels 3-5 and leaves)."""
    hinku: bool | None = None
    """For leaves: SYKE's ``hinku_laskenta`` flag."""
    ets: bool | None = None
    """For leaves: SYKE's ``päästökauppa`` (emissions trading) flag."""
    order: int = 0
    """Display order among siblings (SYKE's order for level 3)."""

    @property
    def is_leaf(self) -> bool:
        """Whether this node is a leaf (carries the HINKU/ETS flags)."""
        return self.level == LEAF_LEVEL

    def name(self, lang: str = "fi") -> str:
        """The display name in ``lang`` (falls back to Finnish)."""
        return self.names.get(lang)


@attrs.frozen
class SectorHierarchy:
    """The ALas sector tree, navigable by key, name, abbreviation and level."""

    nodes: tuple[Sector, ...]
    """All nodes, root first, then level by level in display order."""
    _by_key: dict[str, Sector] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _folded: dict[int | None, dict[str, Sector]] | None = attrs.field(
        init=False, repr=False, eq=False, default=None
    )
    _found: dict[tuple[int | None, str], Sector] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        by_key: dict[str, Sector] = {}
        children: dict[str, list[str]] = {}
        for node in self.nodes:
            if node.key in by_key:
                raise ValueError(f"duplicate sector key {node.key!r}")
            by_key[node.key] = node
            if node.parent is not None:
                children.setdefault(node.parent, []).append(node.key)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})

    def __getitem__(self, key: str) -> Sector:
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownNameError("sector key", key, suggest(key, self._by_key)) from None

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Sector]:
        return iter(self.nodes)

    def level(self, level: int) -> tuple[Sector, ...]:
        """All nodes at ``level`` (0-5, or 6 for leaves) in display order."""
        if not 0 <= level <= LEAF_LEVEL:
            raise ValueError(f"sector level must be 0..{LEAF_LEVEL}, got {level!r}")
        return tuple(n for n in self.nodes if n.level == level)

    @property
    def leaves(self) -> tuple[Sector, ...]:
        """The 91 leaves."""
        return self.level(LEAF_LEVEL)

    def children(self, key: str) -> tuple[Sector, ...]:
        """Direct children of node ``key``."""
        self[key]
        return tuple(self._by_key[k] for k in self._children.get(key, ()))

    def ancestor(self, key: str, level: int) -> Sector:
        """The ancestor of ``key`` at ``level`` (the node itself when it is at that level)."""
        node = self[key]
        if level > node.level:
            raise ValueError(f"sector {key!r} is at level {node.level}, above level {level}")
        while node.level > level:
            assert node.parent is not None
            node = self._by_key[node.parent]
        return node

    def leaves_under(self, key: str) -> tuple[Sector, ...]:
        """All leaves below (or equal to) node ``key``."""
        self[key]
        out: list[Sector] = []
        stack = [key]
        while stack:
            current = stack.pop()
            node = self._by_key[current]
            if node.is_leaf:
                out.append(node)
            stack.extend(reversed(self._children.get(current, ())))
        return tuple(out)

    def find(self, name: str, level: int | None = None) -> Sector:
        """Find a node by key, SYKE abbreviation or name (fi/en/sv, case/diacritics ignored).

        With ``level``, only nodes at that level are considered; otherwise the highest (most
        aggregated) matching node wins, so ``"Maatalous"`` finds the level-1 agriculture node.
        """
        if level is not None and not 0 <= level <= LEAF_LEVEL:
            raise ValueError(f"sector level must be 0..{LEAF_LEVEL}, got {level!r}")
        if name in self._by_key and (level is None or self._by_key[name].level == level):
            return self._by_key[name]
        found = self._found.get((level, name))  # files repeat the same few names on every row
        if found is None:
            found = self._folded_index(level).get(fold(name))
        if found is not None:
            self._found[(level, name)] = found
            return found
        candidates = self.nodes if level is None else self.level(level)
        names = [n for node in candidates for n in (*node.names.all(), node.key)]
        what = "sector" if level is None else f"level-{level} sector"
        raise UnknownNameError(what, name, suggest(name, names))

    def _folded_index(self, level: int | None) -> dict[str, Sector]:
        """Folded names (and level-3 abbreviations) -> node, at ``level`` or at any level.

        Built once per level, on the first :meth:`find` by name there: folding every name for
        every look-up cost more than reading a whole file (and a file's look-ups are at one
        level, so the others are not folded). For each folded name the first node in
        :attr:`nodes` order wins, as in a scan (so for any level, the highest node).
        """
        if self._folded is None:
            object.__setattr__(self, "_folded", {})
        assert self._folded is not None
        index = self._folded.get(level)
        if index is None:
            index = {}
            for node in self.nodes if level is None else self.level(level):
                folded = {fold(n) for n in node.names.all()}
                if node.level == 3 and node.abbreviation:
                    folded.add(fold(node.abbreviation))
                for text in folded:
                    index.setdefault(text, node)
            self._folded[level] = index
        return index

    def resolve(self, names: Iterable[str], level: int | None = None) -> tuple[str, ...]:
        """Resolve several names or keys to node keys (see :meth:`find`)."""
        return tuple(self.find(n, level).key for n in names)

    def leaf_key(self, a3: str, a4: str, a5: str, *, hinku: bool, ets: bool) -> str:
        """The key of the leaf with SYKE abbreviations ``a3/a4/a5`` and the two flags."""
        return _leaf_key(f"{a3}/{a4}/{a5}", hinku=hinku, ets=ets)


def _leaf_key(level5: str, *, hinku: bool, ets: bool) -> str:
    return f"{level5}:{'H' if hinku else '-'}{'E' if ets else '-'}"


def _abbreviations() -> dict[tuple[str, str], str]:
    return {
        (row["level"], row["name_fi"]): row["abbreviation"]
        for row in read_bundled_csv("syke_abbreviations.csv")
    }


def _yes(text: str, what: str) -> bool:
    if text not in ("yes", "no"):
        raise ValueError(f"bundled sector data: {what} must be yes/no, got {text!r}")
    return text == "yes"


@cache
def sector_hierarchy() -> SectorHierarchy:
    """Return the bundled ALas sector hierarchy (built once, then cached)."""
    abbrev = _abbreviations()
    top = {row["sector_fi"]: row for row in read_bundled_csv("sectors.csv")}
    nodes: dict[str, Sector] = {
        ROOT: Sector(ROOT, 0, SectorNames("Yhteensä", "Total", "Totalt"), None)
    }
    levels: list[list[Sector]] = [[] for _ in range(LEAF_LEVEL + 1)]

    def add(node: Sector) -> None:
        if node.key not in nodes:
            nodes[node.key] = node
            levels[node.level].append(node)

    slugs: dict[str, str] = {}  # 91 rows name about 30 level-1 and level-2 sectors
    for row in read_bundled_csv("sector_hierarchy_alas.csv"):
        t1, t2, t3, t4, t5 = (row[f"taso_{i}"] for i in range(1, 6))
        info = top[t3]
        order = int(info["order"])
        k1 = slugs.get(t1) or slugs.setdefault(t1, slug(t1))
        k2 = f"{k1}/{slugs.get(t2) or slugs.setdefault(t2, slug(t2))}"
        a3 = abbrev[("taso_3", t3)]
        a4 = abbrev[("taso_4", t4)]
        a5 = abbrev[("taso_5", t5)]
        if k1 not in nodes:  # levels 1-4 repeat on many rows: each node is made once
            add(Sector(k1, 1, SectorNames(t1, info["taso_1_en"] or None), ROOT, order=order))
        if k2 not in nodes:
            add(Sector(k2, 2, SectorNames(t2, info["taso_2_en"] or None), k1, order=order))
        if a3 not in nodes:
            add(
                Sector(
                    a3,
                    3,
                    SectorNames(t3, info["sector_en"] or None, info["sector_sv"] or None),
                    k2,
                    abbreviation=a3,
                    order=order,
                )
            )
        k4 = f"{a3}/{a4}"
        if k4 not in nodes:
            add(Sector(k4, 4, SectorNames(t4, row["taso_4_en"] or None), a3, abbreviation=a4))
        k5 = f"{k4}/{a5}"
        names5 = SectorNames(t5, row["taso_5_en"] or None, row["taso_5_sv"] or None)
        add(Sector(k5, 5, names5, k4, abbreviation=a5))
        hinku = _yes(row["hinku_laskenta"], "hinku_laskenta")
        ets = _yes(row["paastokauppa_ets"], "paastokauppa_ets")
        add(
            Sector(
                _leaf_key(k5, hinku=hinku, ets=ets),
                LEAF_LEVEL,
                names5,
                k5,
                abbreviation=a5,
                hinku=hinku,
                ets=ets,
            )
        )
    ordered = [nodes[ROOT]]
    for level_nodes in levels[1:]:
        ordered.extend(sorted(level_nodes, key=lambda n: n.order) if level_nodes else [])
    return SectorHierarchy(tuple(ordered))
