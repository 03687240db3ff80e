"""Plugin discovery reads each distribution's metadata once, and reads it as importlib does."""

from __future__ import annotations

from importlib.metadata import distributions

from canemure.plugins.loading import (
    _describe_distribution,
    _finish,
    _importlib_candidates,
    _metadata_headers,
    discover,
)


def test_every_installed_distribution_is_described_as_importlib_metadata_does() -> None:
    compared = 0
    for dist in distributions():
        assert _describe_distribution(dist) == (
            dist.name,
            dist.version,
            tuple(dist.requires or ()),
        ), dist.name
        compared += 1
    assert compared > 5


def test_candidates_carry_their_distributions_metadata() -> None:
    candidates = _finish(_importlib_candidates("canemure"), "canemure")
    assert candidates[0].name == "builtin"
    compared = 0
    for candidate in candidates:
        dist = candidate.entry_point.dist
        if dist is None:
            continue
        compared += 1
        assert (candidate.dist, candidate.version, candidate.requires) == (
            dist.name,
            dist.version,
            tuple(dist.requires or ()),
        )
    assert compared > 5
    quick = [(c.name, c.dist, c.version, c.requires) for c in discover()]
    assert quick == [(c.name, c.dist, c.version, c.requires) for c in candidates]


def test_metadata_headers_end_at_the_body_and_keep_continuation_lines() -> None:
    text = (
        "Metadata-Version: 2.1\n"
        "Name: canemure-kainuu\n"
        "Version: 0.2.0\n"
        "License: first line\n"
        "        second line\n"
        "Requires-Dist: canemure>=0.1\n"
        "requires-dist: pytest; extra == 'test'\n"
        "\n"
        "Name: not a header, the description\n"
    )
    fields = _metadata_headers(text)
    assert fields["name"] == ["canemure-kainuu"]
    assert fields["version"] == ["0.2.0"]
    assert fields["license"] == ["first line\n        second line"]
    assert fields["requires-dist"] == ["canemure>=0.1", "pytest; extra == 'test'"]


def test_host_finds_the_same_hooks_as_pluggy_itself() -> None:
    """Skipping ``__dunder__`` names loses no hook of any installed plugin."""
    import pluggy

    from canemure.plugins import hookspecs
    from canemure.plugins.hookspecs import NAME
    from canemure.plugins.manager import _PluggyManager

    for candidate in discover():
        plugin = candidate.entry_point.load()
        found = []
        for manager in (_PluggyManager(NAME), pluggy.PluginManager(NAME)):
            manager.add_hookspecs(hookspecs)
            manager.register(plugin, name=candidate.name)
            found.append(
                sorted(
                    (caller.name, impl.function.__name__)
                    for caller in manager.get_hookcallers(plugin) or []
                    for impl in caller.get_hookimpls()
                )
            )
        assert found[0] == found[1] != [], candidate.name


def test_host_and_pluggy_agree_on_every_shape_of_hook() -> None:
    """Functions, methods, static and class methods, a marked callable stored on an instance,
    properties, classes and plain values: the host's shortcut finds what pluggy finds."""
    import functools
    import types

    import pluggy

    from canemure.plugins import hookimpl, hookspecs
    from canemure.plugins.hookspecs import NAME
    from canemure.plugins.manager import _PluggyManager

    @hookimpl
    def canemure_regions() -> list[object]:
        return []

    @functools.wraps(canemure_regions)
    def wrapped() -> list[object]:
        return []

    class Adapter:
        label = "x"
        kind = dict

        @hookimpl
        def canemure_municipalities(self, region_id: str) -> None:
            return None

        @staticmethod
        @hookimpl
        def canemure_targets(region_id: str) -> None:
            return None

        @classmethod
        @hookimpl
        def canemure_measures(cls, region_id: str) -> None:
            return None

        @property
        def canemure_roadmap(self) -> None:  # a property is never a hook
            return None

        def helper(self) -> None:
            return None

    instance = Adapter()
    instance.canemure_regions = canemure_regions  # type: ignore[attr-defined]
    module = types.ModuleType("shapes")
    module.canemure_regions = wrapped  # type: ignore[attr-defined]
    module.Adapter = Adapter  # type: ignore[attr-defined]
    module.text = "plain"  # type: ignore[attr-defined]
    for plugin in (instance, Adapter, module):
        found = []
        for manager in (_PluggyManager(NAME), pluggy.PluginManager(NAME)):
            manager.add_hookspecs(hookspecs)
            manager.register(plugin, name="shapes")
            found.append(
                sorted(
                    caller.name
                    for caller in manager.get_hookcallers(plugin) or []
                    for _ in caller.get_hookimpls()
                )
            )
        assert found[0] == found[1] != [], plugin


def test_metadata_headers_stop_at_a_line_that_is_no_header() -> None:
    import email

    text = "Name: a\nVersion: 1\nthis is the description\nRequires-Dist: b\n"
    fields = _metadata_headers(text)
    message = email.message_from_string(text)
    assert fields == {"name": ["a"], "version": ["1"]}
    assert message.get_all("Requires-Dist") is None  # email reads it so too
