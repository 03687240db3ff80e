"""Typed records that region adapter plugins return about their region."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from canemure.geography.model import Names

__all__ = ["CooperationGroup", "RegionInfo"]

_REGION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_REGION_CODE = re.compile(r"\d{2}")


def _check(pattern: re.Pattern[str], what: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(f"{attribute.name} must be {what}, got {value!r}")

    return check


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    # A named converter: mypy's attrs plugin cannot type ``converter=tuple``.
    return tuple(value)


@attrs.frozen
class RegionInfo:
    """A region as an adapter declares it."""

    id: str = attrs.field(validator=_check(_REGION_ID, "a lower-case ASCII id like 'paijat-hame'"))
    """Stable identifier used on the command line, e.g. ``"pirkanmaa"``."""
    names: Names
    """Names in Finnish, Swedish and English."""
    region_code: str = attrs.field(validator=_check(_REGION_CODE, "a 2-digit region code"))
    """Statistics Finland region code, e.g. ``"06"``."""
    source: str | None = None
    """Where the region facts were read."""


@attrs.frozen
class CooperationGroup:
    """A regional climate cooperation group (ilmastoyhteistyöryhmä)."""

    name: str
    """Name of the group as published."""
    members: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    """Member organisations (or kinds of members) as published; empty when not published."""
    meetings_per_year: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            attrs.validators.and_(attrs.validators.instance_of(int), attrs.validators.ge(1))
        ),
    )
    """Meeting cadence (Canemure groups met four times a year); ``None`` when not published."""
    supported_by: str | None = None
    """Who supports the group (e.g. the paid regional coordinator)."""
    source: str | None = None
    """Where the facts were read."""
