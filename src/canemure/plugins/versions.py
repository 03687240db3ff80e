"""Which core versions a plugin works with, checked without third-party packages.

A plugin states the canemure versions it supports in one (or both) of two ways:

* the **distribution's own dependency** on ``canemure`` (``Requires-Dist: canemure>=0.1,<1`` in
  its metadata, written from ``dependencies = ["canemure>=0.1,<1"]`` in ``pyproject.toml``). This
  is the normal declaration, and pip honours it too; the host checks it again at load time
  because ``pip install --no-deps``, ``--target`` folders and editable installs skip pip's check.
* a module attribute ``CANEMURE_REQUIRES = ">=0.1,<1"`` on the plugin object, for plugins that
  are registered without a distribution (a notebook, a test) or that need a narrower range than
  their packaging says.

A plugin whose requirement excludes :data:`canemure.__version__` is not registered and is
reported with the requirement it states.

The comparison is deliberately small: a version is read as its release numbers
(``"0.1.0"`` -> ``(0, 1, 0)``, missing parts are zeros, pre-release and local suffixes are
ignored), and a specifier is a comma-separated list of ``==``, ``!=``, ``>=``, ``<=``, ``>``,
``<``, ``~=`` and ``===`` clauses, with ``.*`` wildcards after ``==``/``!=``. That covers every
range a plugin needs to state against the core, without depending on ``packaging``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["core_requirement", "parse_release", "satisfies"]

_RELEASE = re.compile(r"\s*v?(\d+(?:\.\d+)*)")
_CLAUSE = re.compile(r"\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,]+)\s*")
_REQUIREMENT = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*
        (?:\[[^\]]*\])?\s*
        (?P<spec>\(?[^;@()]*\)?)\s*
        (?P<url>@[^;]*)?
        (?:;(?P<marker>.*))?$""",
    re.VERBOSE,
)
_NAME_SEPARATORS = re.compile(r"[-_.]+")


def parse_release(version: str) -> tuple[int, ...]:
    """Return the release numbers of ``version``: ``"0.10.2rc1"`` -> ``(0, 10, 2)``.

    Raises :class:`ValueError` naming the text when it does not start with a number.
    """
    match = _RELEASE.match(version)
    if match is None:
        raise ValueError(f"not a version number: {version!r}")
    return tuple(int(part) for part in match.group(1).split("."))


def _pad(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)), b + (0,) * (width - len(b))


def _clause_holds(version: tuple[int, ...], op: str, text: str) -> bool:
    if text.endswith(".*"):
        if op not in ("==", "!="):
            raise ValueError(f"a wildcard is only allowed after == or !=, got {op}{text!r}")
        prefix = parse_release(text[:-2])
        same = version[: len(prefix)] + (0,) * (len(prefix) - len(version)) == prefix
        return same if op == "==" else not same
    wanted = parse_release(text)
    if op == "~=":
        if len(wanted) < 2:
            raise ValueError(f"~= needs at least two release numbers, got {text!r}")
        head = wanted[:-1]
        left, right = _pad(version, wanted)
        return left >= right and version[: len(head)] + (0,) * (len(head) - len(version)) == head
    left, right = _pad(version, wanted)
    comparisons = {
        "==": left == right,
        "===": left == right,
        "!=": left != right,
        ">=": left >= right,
        "<=": left <= right,
        ">": left > right,
        "<": left < right,
    }
    return comparisons[op]


def satisfies(version: str, specifier: str) -> bool:
    """Whether ``version`` meets every clause of ``specifier`` (e.g. ``">=0.1,<1"``).

    An empty specifier accepts every version. A clause that cannot be read raises
    :class:`ValueError` quoting it, so a plugin's typo is reported rather than ignored.
    """
    release = parse_release(version)
    for clause in specifier.split(","):
        if not clause.strip():
            continue
        match = _CLAUSE.fullmatch(clause)
        if match is None:
            raise ValueError(f"cannot read version clause {clause.strip()!r} in {specifier!r}")
        if not _clause_holds(release, match.group(1), match.group(2)):
            return False
    return True


def _normalise(name: str) -> str:
    return _NAME_SEPARATORS.sub("-", name).lower()


def core_requirement(requires: Iterable[str], core: str = "canemure") -> str | None:
    """Return the version specifier a distribution's ``Requires-Dist`` lines put on the core.

    Requirements that only apply to an extra (``; extra == "test"``) and direct URL references
    are ignored. Several unconditional requirements on the core are joined. ``None`` means the
    distribution does not constrain the core version.
    """
    specs: list[str] = []
    for line in requires:
        match = _REQUIREMENT.match(line)
        if match is None or _normalise(match.group("name")) != _normalise(core):
            continue
        marker = match.group("marker") or ""
        if "extra" in marker or match.group("url"):
            continue
        spec = match.group("spec").strip().strip("()").strip()
        if spec:
            specs.append(spec)
    return ",".join(specs) if specs else None
