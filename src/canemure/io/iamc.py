"""IAMC long format: one row per model, scenario, region and variable, one column per year.

The format of the Integrated Assessment Modeling Consortium, read by ``pyam`` and the IIASA
scenario explorers: columns ``model``, ``scenario``, ``region``, ``variable``, ``unit``, then one
column per year.

canemure's convention (not an IAMC standard; the IAMC templates have no municipal sectors)
-----------------------------------------------------------------------------------------------
* ``variable`` is ``Emissions|Kyoto Gases`` followed by the English names of the ALas sector
  path from level 1 down to the inventory's level, joined by ``|``: the total is
  ``Emissions|Kyoto Gases``, the level-1 energy sector ``Emissions|Kyoto Gases|Energy``, the
  level-3 ``Kul`` ``Emissions|Kyoto Gases|Energy|Consumer electricity|Electricity``. A leaf
  (level 6) adds one part for its two flags to its level-5 path, e.g.
  ``...|Electricity consumption|Residential|HINKU, non-ETS``: SYKE
  splits level-5 sectors by whether HINKU counts them and whether they are in the EU ETS.
  Another ``prefix`` (e.g. ``Final Energy`` for energy use) replaces ``Emissions|Kyoto Gases``.
* ``region`` is the area's name (``lang="en"`` by default, from Statistics Finland's reference
  list; a group keeps its label); ``names=False`` writes codes instead.
* ``unit`` is canemure's unit text (``kt CO2e/a``), which canemure's unit registry parses.
* "Not estimated" is an empty cell (NaN), never 0; pyam drops such cells when it reads them.

:func:`read_iamc` reads such a table (a ``pandas.DataFrame`` or a CSV file) back into an
inventory, so ``read_iamc(to_iamc(inv, ...), rule=inv.rule)`` holds the same values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pint

from canemure._text import fold
from canemure.errors import DataFormatError, MissingDependencyError, Problem, ProblemCollector
from canemure.inventory.provenance import Source
from canemure.sectors import AccountingRule, SectorHierarchy, accounting_rule, sector_hierarchy
from canemure.units import Q_, unit_text, ureg

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory
    from canemure.inventory.inventory import AreaLevel

__all__ = ["IAMC_COLUMNS", "KYOTO_GASES", "read_iamc", "sector_variables", "to_iamc"]

IAMC_COLUMNS = ("model", "scenario", "region", "variable", "unit")
"""The index columns of the IAMC format, in order; the year columns follow."""

KYOTO_GASES = "Emissions|Kyoto Gases"
"""The default variable prefix: greenhouse-gas emissions in CO2 equivalents."""

_FLAGS = {
    "H-": "HINKU, non-ETS",
    "HE": "HINKU, ETS",
    "--": "non-HINKU, non-ETS",
    "-E": "non-HINKU, ETS",
}


def _pandas(purpose: str) -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", purpose) from None
    return pd


def sector_variables(
    prefix: str = KYOTO_GASES, hierarchy: SectorHierarchy | None = None
) -> dict[str, str]:
    """Sector key -> IAMC variable name, for every node of the ALas hierarchy.

    >>> sector_variables()["total"]
    'Emissions|Kyoto Gases'
    >>> sector_variables()["Kul"]
    'Emissions|Kyoto Gases|Energy|Consumer electricity|Electricity'
    """
    hierarchy = hierarchy or sector_hierarchy()
    variables: dict[str, str] = {}
    for node in hierarchy:
        if node.level == 0:
            variables[node.key] = prefix
            continue
        path = [hierarchy.ancestor(node.key, level).name("en") for level in range(1, node.level)]
        if node.is_leaf and ":" in node.key:  # a level-5 sector split by the two flags
            path.append(_FLAGS[node.key.rsplit(":", 1)[1]])
        else:
            path.append(node.name("en"))
        variables[node.key] = "|".join([prefix, *(p.replace("|", "/") for p in path)])
    return variables


def to_iamc(
    inventory: EmissionInventory,
    *,
    model: str,
    scenario: str,
    prefix: str | None = None,
    names: bool = True,
    lang: str = "en",
) -> Any:
    """The inventory as an IAMC table (a wide ``pandas.DataFrame``). Needs ``canemure[pandas]``.

    ``model`` and ``scenario`` name where the figures come from (e.g. ``"SYKE ALas"``,
    ``"history"``). ``prefix`` defaults to ``Emissions|Kyoto Gases`` for emissions; give one for
    anything else (energy use). Write it with ``frame.to_csv(path, index=False)``; pyam reads
    it with ``pyam.IamDataFrame(frame)``.
    """
    pd = _pandas("to_iamc()")
    if prefix is None:
        if not inventory.values.is_compatible_with("t CO2e / a"):
            raise ValueError(
                f"the inventory is in {inventory.unit}, not emissions: give the IAMC variable "
                "prefix (e.g. prefix='Final Energy')"
            )
        prefix = KYOTO_GASES
    variables = sector_variables(prefix, inventory.hierarchy)
    frame = inventory.to_pandas(wide=True, names=names, lang=lang)
    regions = frame["area_name" if names else "area"].astype(str)
    table = pd.DataFrame(
        {
            "model": model,
            "scenario": scenario,
            "region": regions,
            "variable": [variables[key] for key in frame["sector"].astype(str)],
            "unit": unit_text(inventory.unit),
        }
    )
    years = [int(y) for y in inventory.years]
    values = frame[years].to_numpy(dtype=np.float64)
    return pd.concat([table, pd.DataFrame(values, columns=years)], axis=1)


def read_iamc(
    data: Any,
    *,
    rule: AccountingRule | str,
    model: str | None = None,
    scenario: str | None = None,
    prefix: str = KYOTO_GASES,
    area_level: AreaLevel = "municipality",
) -> EmissionInventory:
    """Read an IAMC table (a ``DataFrame`` or a CSV file) back into an inventory.

    The table must hold one model and scenario, or name them with ``model`` and ``scenario``;
    one unit; variables of one sector level in canemure's convention (see the module), with
    ``prefix``. Regions are area names in fi/sv/en or codes (``area_level`` says which kind:
    municipalities, regions, or groups kept as given). A cell that is empty or has no row is
    "not estimated". All problems are reported at once, with the line of a CSV file (the
    header is line 1). ``rule`` is not in the format: say which rule the figures follow.
    """
    from canemure.inventory import EmissionInventory

    pd = _pandas("read_iamc()")
    origin = str(data) if isinstance(data, str | Path) else "IAMC table"
    frame = pd.read_csv(data) if isinstance(data, str | Path) else data.reset_index()
    frame = frame.rename(columns={c: str(c).strip().lower() for c in frame.columns})
    problems = ProblemCollector(origin)
    missing = [c for c in IAMC_COLUMNS if c not in frame.columns]
    if missing:
        for column in missing:
            problems.add_keyed("iamc_column_missing", column=column)
        problems.raise_if_any()
    year_columns = [c for c in frame.columns if c not in IAMC_COLUMNS and str(c).isdigit()]
    if not year_columns:
        problems.add_keyed("iamc_no_year_columns")
    for name, wanted in (("model", model), ("scenario", scenario)):
        found = frame[name].astype(str)
        if wanted is not None:
            frame = frame[found == wanted]
            if frame.empty:
                problems.add_keyed(
                    "iamc_no_rows", column=name, value=wanted, name=name, wanted=wanted
                )
        elif found.nunique() > 1:
            problems.add_keyed(
                "iamc_several",
                name=name,
                column=name,
                value=", ".join(sorted(found.unique())),
            )
    problems.raise_if_any()
    by_variable = {v: k for k, v in sector_variables(prefix).items()}
    folded = {fold(v): k for v, k in by_variable.items()}
    units = frame["unit"].astype(str).unique()
    if len(units) > 1:
        problems.add_keyed("iamc_mixed_units", column="unit", value=", ".join(units))
    unit: pint.Unit | None = None
    if len(units) == 1:
        try:
            unit = ureg.Unit(units[0])
        except (pint.PintError, ValueError, TypeError, AttributeError):
            problems.add_keyed("iamc_unknown_unit", column="unit", value=units[0])
    areas: dict[str, str] = {}
    cells: dict[tuple[str, str], int] = {}
    for position, (row, region, variable) in enumerate(
        zip(frame.index, frame["region"].astype(str), frame["variable"].astype(str), strict=True)
    ):
        line = int(row) + 2 if origin != "IAMC table" else position + 1
        sector = by_variable.get(variable) or folded.get(fold(variable))
        if sector is None:
            problems.add_keyed(
                "iamc_unknown_variable", line=line, column="variable", value=variable
            )
        area = _area(region, area_level, problems, line)
        if sector is None or area is None:
            continue
        areas.setdefault(region, area)
        if (area, sector) in cells:
            problems.add_keyed("iamc_duplicate_row", line=line, column="variable", value=variable)
        cells[(area, sector)] = position
    problems.raise_if_any()
    assert unit is not None
    area_axis = list(dict.fromkeys(areas.values()))
    sector_axis = list(dict.fromkeys(sector for _, sector in cells))
    years = sorted(int(y) for y in year_columns)
    values = frame[[c for c in sorted(year_columns, key=int)]].to_numpy(dtype=np.float64)
    array = np.full((len(area_axis), len(sector_axis), len(years)), np.nan)
    a_pos = {a: i for i, a in enumerate(area_axis)}
    s_pos = {s: j for j, s in enumerate(sector_axis)}
    for (area, sector), position in cells.items():
        array[a_pos[area], s_pos[sector]] = values[position]
    models = ", ".join(sorted(frame["model"].astype(str).unique()))
    scenarios = ", ".join(sorted(frame["scenario"].astype(str).unique()))
    source = Source(
        id=f"iamc:{models}/{scenarios}",
        title=f"IAMC table, model {models}, scenario {scenarios}",
        path=origin if origin != "IAMC table" else None,
    )
    try:
        return EmissionInventory.from_array(
            Q_(array, unit).magnitude,
            unit,
            areas=area_axis,
            sectors=sector_axis,
            years=years,
            rule=accounting_rule(rule),
            source=source,
            area_level=area_level,
        )
    except ValueError as exc:  # sectors of several levels
        raise DataFormatError([Problem.keyed("as_raised", origin, error=exc)], origin) from exc


def _area(region: str, level: str, problems: ProblemCollector, line: int) -> str | None:
    """The area code of ``region`` (a name or code), or ``None`` with a problem recorded."""
    if level == "group":
        return region
    from canemure.errors import Message, UnknownNameError
    from canemure.geography import gazetteer

    gaz = gazetteer()
    try:
        found = gaz.region(region) if level == "region" else gaz.municipality(region)
    except UnknownNameError as exc:
        names = ", ".join(exc.suggestions[:3])
        hint = Message("did_you_mean", names=names) if exc.suggestions else ""
        key = "iamc_unknown_region" if level == "region" else "iamc_unknown_municipality"
        problems.add_keyed(key, line=line, column="region", value=region, hint=hint)
        return None
    return found.code
