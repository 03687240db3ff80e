"""A scenario written back reads back equal (Hypothesis round trip)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from canemure.engine.scenario import (
    ActivityTermSpec,
    CostSpec,
    FactorPathSpec,
    MeasureSpec,
    ProjectionSpec,
    SavingSpec,
    Scenario,
    TargetSpec,
    scenario_from_text,
    write_scenario,
)
from canemure.units import Q_

TEXT = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() != "")
SECTORS = st.sampled_from(["Tie", "Ölj", "Säh", "Kau", "Maa"])
YEARS = st.integers(2000, 2060)
CODES = st.sampled_from(["167", "090", "848"])


def quantity(units: list[str], low: float, high: float) -> st.SearchStrategy[Any]:
    """A Quantity with a magnitude in ``[low, high]`` and one of ``units``."""
    return st.builds(
        Q_, st.floats(low, high, allow_nan=False, allow_infinity=False), st.sampled_from(units)
    )


EMISSIONS = quantity(["kt CO2e / a", "t CO2e / a", "Mt CO2e / a"], 0.0, 1e6)
ENERGY = quantity(["MWh / a", "GWh / a", "kWh / a"], 0.0, 1e6)
FACTOR = quantity(["g CO2e / kWh", "kg CO2e / MWh", "t CO2e / MWh"], 0.0, 1e3)


@st.composite
def settings_for(draw: st.DrawFn, mechanism: str) -> tuple[tuple[str, Any], ...]:
    """Valid settings of ``mechanism``."""
    out: dict[str, Any] = {}
    if mechanism == "relative":
        out = {"sector": draw(SECTORS), "fraction": draw(st.floats(0.0, 1.0))}
    elif mechanism == "absolute":
        out = {"sector": draw(SECTORS), "amount": draw(EMISSIONS)}
    elif mechanism == "factor":
        out = {
            "sector": draw(SECTORS),
            "old": draw(quantity(["g CO2e / MJ"], 1.0, 500.0)),
            "new": draw(quantity(["g CO2e / kWh"], 0.0, 500.0)),
        }
        if draw(st.booleans()):
            out["share"] = draw(quantity(["%"], 0.0, 100.0))
    elif mechanism == "compensation":
        out = {"amount": draw(EMISSIONS)}
        if draw(st.booleans()):
            out["kind"] = draw(st.sampled_from(["compensation", "sink"]))
    elif mechanism == "heat-pumps":
        out = {
            "count": draw(st.floats(0.0, 1e5)),
            "fuel_use": draw(ENERGY),
            "fuel_factor": draw(FACTOR),
            "heat_demand": draw(ENERGY),
            "cop": draw(st.floats(1.0, 5.0)),
            "electricity_factor": draw(FACTOR),
        }
        if draw(st.booleans()):
            out["from_sector"] = draw(SECTORS)
    else:
        terms = st.builds(
            ActivityTermSpec, SECTORS, quantity(["GWh / a", "MWh / a"], -1e4, 1e4), FACTOR
        )
        out = {"terms": tuple(draw(st.lists(terms, min_size=1, max_size=3)))}
    return tuple(sorted(out.items()))


costs = st.builds(
    CostSpec,
    investment=quantity(["EUR", "MEUR"], 0.0, 1e9),
    operating=quantity(["EUR / a"], -1e6, 1e6),
    discount_rate=st.floats(0.0, 0.2) | quantity(["%"], 0.0, 20.0),
    source=TEXT,
    illustrative=st.booleans(),
    savings=st.lists(
        st.builds(SavingSpec, quantity(["MWh / a"], -1e5, 1e5), quantity(["EUR / MWh"], 0, 500)),
        max_size=2,
    ).map(tuple),
)


@st.composite
def template_inputs(draw: st.DrawFn) -> dict[str, Any]:
    """A catalogue template, valid inputs and options (``estimate``, sectors, costs)."""
    key = draw(
        st.sampled_from(
            ["oil-to-ground-source-heat-pump", "deep-renovation-detached-houses", "electric-cars"]
        )
    )
    with_costs = draw(st.booleans())
    inputs: dict[str, Any] = {}
    options: dict[str, Any] = {"template": key, "template_costs": with_costs}
    if key == "oil-to-ground-source-heat-pump":
        inputs["houses"] = draw(st.floats(0.0, 1e4))
        if draw(st.booleans()):
            inputs["cop"] = draw(st.floats(1.0, 5.0) | quantity(["%"], 100.0, 500.0))
        if with_costs:
            inputs["operating_per_house"] = draw(quantity(["EUR / a"], -1e3, 1e3))
            options["estimate"] = draw(st.sampled_from(["low", "high"]))
    elif key == "deep-renovation-detached-houses":
        inputs["share_renovated"] = draw(quantity(["%"], 0.0, 100.0))
        options["sectors"] = (("sector", draw(SECTORS)),)
        if with_costs:
            inputs["investment"] = draw(quantity(["EUR", "MEUR"], 0.0, 1e9))
            inputs["operating"] = draw(quantity(["EUR / a"], -1e6, 1e6))
    else:
        inputs["cars"] = draw(st.floats(0.0, 1e5))
        if draw(st.booleans()):
            inputs["km_per_car"] = draw(quantity(["km / vehicle / a"], 0.0, 5e4))
        if draw(st.booleans()):
            options["sectors"] = (("from", draw(SECTORS)), ("to", draw(SECTORS)))
        if with_costs:
            inputs["operating_per_car"] = draw(quantity(["EUR / vehicle / a"], -1e3, 1e3))
    return {"settings": tuple(sorted(inputs.items())), **options}


@st.composite
def measures(draw: st.DrawFn, name: str) -> MeasureSpec:
    """A valid ``[[measure]]``: a mechanism with its settings, or a catalogue template."""
    if draw(st.integers(0, 3)) == 0:
        start = draw(YEARS)
        return MeasureSpec(
            name=name,
            mechanism="template",
            start=start,
            full=draw(st.integers(start, start + 10)),
            source=draw(TEXT),
            illustrative=draw(st.booleans()),
            shape=draw(st.sampled_from(["linear", "s-curve"])),
            lifetime=draw(st.none() | st.integers(1, 50)),
            areas=draw(st.none() | st.lists(CODES, min_size=1, unique=True).map(tuple)),
            split=draw(st.none() | st.sampled_from(["each", "sector", "population"])),
            status=draw(st.sampled_from(["proposed", "planned", "decided", "cancelled"])),
            actor=draw(st.none() | TEXT),
            **draw(template_inputs()),
        )  # fmt: skip
    mechanism = draw(
        st.sampled_from(
            ["relative", "absolute", "factor", "compensation", "heat-pumps", "activity"]
        )
    )
    start = draw(YEARS)
    return MeasureSpec(
        name=name,
        mechanism=mechanism,
        settings=draw(settings_for(mechanism)),
        start=start,
        full=draw(st.integers(start, start + 10)),
        source=draw(TEXT),
        illustrative=draw(st.booleans()),
        shape=draw(st.sampled_from(["linear", "s-curve"])),
        lifetime=draw(st.none() | st.integers(1, 50)),
        areas=draw(st.none() | st.lists(CODES, min_size=1, unique=True).map(tuple)),
        split=draw(st.none() | st.sampled_from(["each", "sector", "population"])),
        split_year=draw(st.none() | YEARS),
        status=draw(st.sampled_from(["proposed", "planned", "decided", "cancelled"])),
        actor=draw(st.none() | TEXT),
        costs=draw(st.none() | costs),
    )  # fmt: skip


@st.composite
def targets(draw: st.DrawFn) -> TargetSpec:
    """A published or an own target."""
    options = {
        "scope_mismatch": draw(st.sampled_from(["error", "accept"])),
        "allocate": draw(st.sampled_from(["none", "proportional"])),
        "pathway": draw(st.sampled_from(["level", "linear"])),
    }
    if draw(st.booleans()):
        return TargetSpec(
            published=draw(st.sampled_from(["fi-hinku-80", "pk_ghg_80pct"])), **options
        )
    kind = draw(st.sampled_from(["reduction", "level", "neutral"]))
    return TargetSpec(
        id=draw(TEXT),
        year=draw(YEARS),
        reduction=draw(quantity(["%"], 0, 100)) if kind == "reduction" else None,
        base_year=draw(YEARS) if kind == "reduction" else None,
        level=draw(EMISSIONS) if kind == "level" else None,
        neutral=kind == "neutral",
        source=draw(TEXT),
        illustrative=draw(st.booleans()),
        **options,
    )  # fmt: skip


@st.composite
def projections(draw: st.DrawFn) -> ProjectionSpec:
    """A projection with factor paths."""
    method = draw(st.sampled_from(["constant", "log-linear"]))
    window = None
    if method == "log-linear" or draw(st.booleans()):
        first = draw(YEARS)
        window = (first, first + draw(st.integers(1, 20)))
    paths = []
    for _ in range(draw(st.integers(0, 2))):
        years = tuple(sorted(draw(st.sets(YEARS, min_size=1, max_size=4))))
        value = quantity(["g CO2e / kWh"], 0, 500) if draw(st.booleans()) else st.floats(0, 3)
        values = tuple(draw(value) for _ in years)
        sectors = tuple(draw(st.lists(SECTORS, min_size=1, max_size=2)))
        paths.append(FactorPathSpec(sectors, years, values, draw(TEXT), draw(st.booleans())))
    return ProjectionSpec(
        method=method,
        window=window,
        nonpositive=draw(st.sampled_from(["constant", "not-estimated"])),
        gaps=draw(st.sampled_from(["not-estimated", "fit-available"])),
        base_year=draw(st.none() | YEARS),
        factor_paths=tuple(paths),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A whole scenario."""
    names = draw(st.lists(TEXT, max_size=4, unique=True))
    return Scenario(
        name=draw(TEXT),
        area=draw(st.sampled_from(["Pohjois-Karjala", "Joensuu", "12", "Norra Karelen"])),
        accounting=draw(st.sampled_from(["all", "hinku", "hinku-credits", "esr", "ets"])),
        end_year=draw(YEARS),
        description=draw(st.just("") | TEXT),
        projection=draw(projections()),
        targets=tuple(draw(st.lists(targets(), max_size=3))),
        measures=tuple(draw(measures(name)) for name in names),
    )


@settings(deadline=None)  # examples from the profile: 25 while editing, more in CI
@given(scenarios())
def test_written_scenario_reads_back_equal(scenario: Scenario) -> None:
    text = write_scenario(scenario)
    again = scenario_from_text(text, "written.toml")
    assert again == scenario
    assert write_scenario(again) == text
    lines = text.split("\n")  # TOML breaks lines at line feeds only, not at U+0085
    for n, measure in enumerate(scenario.measures, start=1):
        line = again.lines[f"measure[{n}].name"]
        assert lines[line - 1].startswith("name = ")
        assert (
            scenario_from_text(f"[scenario]\n{lines[line - 1]}\narea = 'Joensuu'").name
            == measure.name
        )
