"""Area plans sum the same whichever kernel they pick (views, one gather, group by group).

Random numbers from a fixed seed (test inputs, not emissions); each sum is checked against the
plainest loop over the groups.
"""

from __future__ import annotations

import numpy as np
import pytest

from canemure.inventory import _plans
from canemure.inventory._plans import AreaSources, area_plan
from canemure.inventory.axes import Axis

AREAS = tuple(f"{i:03d}" for i in range(12))
GROUPS = {
    "contiguous": (("a", AREAS[0:4]), ("b", AREAS[4:9]), ("c", AREAS[9:12])),
    "blocks, some rows left out": (("a", AREAS[0:4]), ("b", AREAS[5:9]), ("c", AREAS[9:11])),
    "blocks out of order": (("a", AREAS[4:9]), ("b", AREAS[0:4]), ("c", AREAS[9:12])),
    "gathered": (("a", AREAS[0::3]), ("b", AREAS[1::3]), ("c", AREAS[2::3])),
    "incomplete": (("a", AREAS[0:4]), ("b", (*AREAS[4:6], "999")), ("c", AREAS[6:])),
    "none complete": (("a", ("998",)), ("b", (AREAS[0], "999")), ("c", ("997", AREAS[3]))),
}


def by_hand(array: np.ndarray, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> np.ndarray:
    rows = {a: i for i, a in enumerate(AREAS)}
    out = []
    for _, members in groups:
        if all(m in rows for m in members):
            out.append(array[[rows[m] for m in members]].sum(axis=0))
        else:
            out.append(np.full(array.shape[1:], np.nan))
    return np.array(out)


@pytest.mark.parametrize("layout", sorted(GROUPS))
@pytest.mark.parametrize("shape", [(12,), (12, 3), (12, 4, 5)])
@pytest.mark.parametrize("gather_bytes", [0, 1 << 30])
def test_every_kernel_sums_alike(
    layout: str, shape: tuple[int, ...], gather_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_plans, "_GATHER_BYTES", gather_bytes)  # small and large paths
    array = np.random.default_rng(7).uniform(0, 10, size=shape)
    plan = area_plan(AREAS, GROUPS[layout])
    blocks = {"contiguous", "blocks, some rows left out", "blocks out of order"}
    assert plan.contiguous == (layout in blocks)
    assert plan.in_order == (layout == "contiguous")  # only then is the array summed as it is
    assert plan.names == ("a", "b", "c")
    np.testing.assert_allclose(plan.sum(array), by_hand(array, GROUPS[layout]), rtol=1e-12)


def test_selected_sources_read_through() -> None:
    parent = {"167": ("s1",), "426": ("s2",), "848": ("s3",)}
    view = AreaSources(parent, Axis.trusted("area", ("426", "999", "848")))  # type: ignore[arg-type]
    assert dict(view) == {"426": ("s2",), "848": ("s3",)}
    assert len(view) == 2 and "167" not in view and "999" not in view
    assert view.get("167") is None and view["848"] == ("s3",)
    with pytest.raises(KeyError):
        view["167"]
    again = AreaSources(view, Axis.trusted("area", ("848",)))
    assert dict(again) == {"848": ("s3",)} and view == {"426": ("s2",), "848": ("s3",)}


def test_trusted_axis_indexes_on_first_look_up() -> None:
    axis = Axis.trusted("area", ("167", "426"))
    assert axis.position("426") == 1 and "167" in axis and axis == Axis("area", ["167", "426"])
    with pytest.raises(ValueError, match="duplicate"):
        Axis("area", ["167", "167"])


def test_a_selection_refuses_a_label_twice_and_years_out_of_order() -> None:
    from canemure.io.bundled import pohjois_karjala

    inventory = pohjois_karjala()
    with pytest.raises(ValueError, match="duplicate labels: 167"):
        inventory.sel(areas=["167", "Joensuu"])
    with pytest.raises(ValueError, match=r"ascending, got \[2024, 2007\]"):
        inventory.sel(years=[2024, 2007])
    chosen = inventory.sel(areas=["426", "167"], years=[2007, 2024])
    assert chosen.areas.labels == ("426", "167") and chosen.years.labels == (2007, 2024)
    assert dict(chosen.sources) == {a: inventory.sources[a] for a in ("426", "167")}


def test_an_axis_keeps_its_plans_and_each_inventorys_sources() -> None:
    """Plans are kept per axis object; the groups' sources per sources mapping, never mixed."""
    from canemure.inventory._plans import axis_plan, axis_sources

    axis = Axis("area", AREAS)
    groups = GROUPS["gathered"]
    plan = axis_plan(axis, groups)
    assert axis_plan(axis, tuple((n, tuple(m)) for n, m in groups)) is plan  # equal groups
    assert axis_plan(Axis("area", AREAS), groups) is plan  # another axis: the shared cache
    first = dict.fromkeys(AREAS, ("s1",))
    second = {area: ("s2",) for area in AREAS[:3]}  # only some areas have a source
    assert axis_sources(axis, plan, first, groups) == {"a": ("s1",), "b": ("s1",), "c": ("s1",)}
    assert axis_sources(axis, plan, second, groups) == {"a": ("s2",), "b": ("s2",), "c": ("s2",)}
    assert axis_sources(axis, plan, {}, groups) == {"a": (), "b": (), "c": ()}
    assert axis_sources(axis, plan, first, groups)["a"] == ("s1",)  # still the first's


def test_an_axis_memo_is_bounded() -> None:
    from canemure.inventory import axes
    from canemure.inventory._plans import axis_plan

    axis = Axis("area", AREAS)
    for k in range(3 * axes._MEMO_SIZE):
        axis_plan(axis, (("g", (AREAS[k % len(AREAS)],)), (f"h{k}", (AREAS[0],))))
    assert len(axis.memo()) <= axes._MEMO_SIZE


def test_the_last_plan_is_only_reused_for_equal_groups() -> None:
    """A mapping changed between two aggregations gets the plan of its new groups."""
    from canemure.inventory._plans import axis_plan

    axis = Axis("area", AREAS)
    groups = {"a": list(AREAS[0:4]), "b": list(AREAS[4:9])}
    first = axis_plan(axis, tuple((n, tuple(m)) for n, m in groups.items()))
    groups["b"].append(AREAS[9])  # the user's mapping changes
    second = axis_plan(axis, tuple((n, tuple(m)) for n, m in groups.items()))
    assert second is not first and second.present[1] == AREAS[4:10]
    array = np.arange(12.0)
    np.testing.assert_array_equal(second.sum(array), [array[0:4].sum(), array[4:10].sum()])
    assert axis_plan(axis, (("a", AREAS[0:4]), ("b", AREAS[4:9]))) is first  # from the memo


def test_same_labels_compares_once_per_pair_of_axes() -> None:
    from canemure.inventory._plans import same_labels

    axis = Axis("area", AREAS)
    assert same_labels(axis, axis) and same_labels(axis, Axis("area", list(AREAS)))
    reordered = Axis("area", AREAS[::-1])
    assert not same_labels(axis, reordered) and not same_labels(axis, reordered)
    assert not same_labels(axis, Axis("area", AREAS[:-1]))
