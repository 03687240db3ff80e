"""A region adapter that ships its own data: files read from its package, checked by the kit.

Every test builds a throwaway package ``<name>/data/`` on ``sys.path`` holding a copy of real,
sourced records: Pohjois-Karjala's published targets (the rows of canemure's bundled
``targets_regions_and_cities.csv``) and SYKE's ALas HINKU inventory of the region (bundled as
``canemure.io.bundled.pohjois_karjala()``), written in the file layouts a team uses.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from canemure.adapters import RegionAdapter, packaged_inventory
from canemure.errors import DataFormatError
from canemure.geography import Coordinator
from canemure.geography.model import read_coordinators_file
from canemure.io.bundled import pohjois_karjala
from canemure.io.tidy_csv import write_tidy_csv
from canemure.published.targets import TargetKind, read_region_targets
from canemure.sectors import ALL, HINKU
from canemure.testing import run_conformance

PK_TARGETS = "\n".join(
    [
        "id,text,value,unit,base_year,target_year,source,quote",
        *(
            ",".join(
                f'"{v}"'
                for v in (
                    t.id,
                    t.text,
                    t.value_text,
                    t.unit_text,
                    t.base_year_text,
                    t.target_year_text,
                    t.source,
                    t.quote,
                )
            )
            for t in read_region_targets()
            if t.region_id == "pohjois-karjala"
        ),
    ]
)
COORDINATORS = """
[[coordinator]]
organisation = "Pohjois-Karjalan maakuntaliitto"
role = "regional council; published the region's climate roadmap"
web_pages = ["https://www.pohjois-karjala.fi/-/tiekartasta-askelmerkit-kohti-hiilineutraalia-pohjois-karjalaa"]
source = "pohjois-karjala.fi, 'Tiekartasta askelmerkit kohti hiilineutraalia Pohjois-Karjalaa'"
"""

MakePackage = Callable[[dict[str, str]], str]


@pytest.fixture
def make_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakePackage]:
    """Write a package ``<unique name>/data/<files>`` on sys.path; return its name."""
    monkeypatch.syspath_prepend(str(tmp_path))
    made: list[str] = []

    def make(files: dict[str, str]) -> str:
        name = f"team_{uuid.uuid4().hex[:8]}"
        data = tmp_path / name / "data"
        data.mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text("", encoding="utf-8")
        for relative, text in files.items():
            (data / relative).parent.mkdir(parents=True, exist_ok=True)
            (data / relative).write_text(text, encoding="utf-8")
        made.append(name)
        return name

    yield make
    for name in made:
        sys.modules.pop(name, None)


def tidy_text(tmp_path: Path) -> str:
    path = tmp_path / "pk.csv"
    write_tidy_csv(pohjois_karjala(), path)
    return path.read_text(encoding="utf-8")


def test_an_adapter_answers_from_its_own_files(make_package: MakePackage, tmp_path: Path) -> None:
    package = make_package(
        {
            "targets.csv": PK_TARGETS,
            "coordinators.toml": COORDINATORS,
            "inventory.csv": tidy_text(tmp_path),
        }
    )
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    targets = adapter.canemure_targets("pohjois-karjala")
    assert targets is not None
    bundled = [t for t in read_region_targets() if t.region_id == "pohjois-karjala"]
    assert [(t.id, t.kind, t.value, t.source) for t in targets] == [
        (t.id, t.kind, t.value, t.source) for t in bundled
    ]
    (cut,) = [t for t in targets if t.kind is TargetKind.REDUCTION_PERCENT]
    assert (cut.value.m, cut.base_year, cut.target_year) == (80.0, 2007, 2030)
    (council,) = adapter.canemure_coordinators("pohjois-karjala") or ()
    assert council.organisation == "Pohjois-Karjalan maakuntaliitto"
    assert council.source is not None
    assert adapter.canemure_cooperation_group("pohjois-karjala") is None  # not stated
    assert adapter.canemure_measures("pohjois-karjala") is None  # no measures.csv shipped
    assert adapter.canemure_emission_factors("pohjois-karjala") is None
    assert adapter.canemure_targets("kainuu") is None
    inventory = adapter.packaged_inventory(HINKU, [2007, 2024])
    assert inventory is not None
    expected = pohjois_karjala().sel(years=[2007, 2024]).magnitude
    assert np.array_equal(inventory.magnitude, expected, equal_nan=True)
    assert adapter.packaged_inventory(ALL) is None  # the file holds the HINKU rule only
    assert adapter.packaged_inventory(HINKU, [1066]) is None
    assert run_conformance(adapter, "pohjois-karjala") == []


def test_the_seven_first_party_adapters_still_read_bundled_data() -> None:
    adapter = RegionAdapter(
        region_id="pirkanmaa",
        region_code="06",
        coordinating_organisations=[Coordinator("Pirkanmaan liitto", "test", source="test")],
        cooperation_group_source="test",
    )
    targets = adapter.canemure_targets("pirkanmaa") or ()
    assert "pir_total_80pct" in {t.id for t in targets}
    assert adapter.packaged_inventory(HINKU) is None


def test_bundled_mode_needs_coordinators_and_the_group_source() -> None:
    with pytest.raises(ValueError, match="cooperation_group_source"):
        RegionAdapter(
            region_id="pirkanmaa",
            region_code="06",
            coordinating_organisations=[Coordinator("Pirkanmaan liitto", "test", source="t")],
        )


def test_bad_package_files_name_the_file(make_package: MakePackage) -> None:
    package = make_package(
        {
            "targets.csv": "id,text,source,quote,year\nx,t,s,q,2030\n",
            "measures.csv": "id,source,quote\n",
            "measures.toml": "",
        }
    )
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    with pytest.raises(DataFormatError, match=r"targets\.csv.*line 1, column 'year'") as caught:
        adapter.canemure_targets("pohjois-karjala")
    assert "did you mean 'base_year'?" in str(caught.value)
    with pytest.raises(DataFormatError, match="ship one measures file"):
        adapter.canemure_measures("pohjois-karjala")


def test_an_inventory_of_another_region_is_refused(
    make_package: MakePackage, tmp_path: Path
) -> None:
    package = make_package({"inventory.csv": tidy_text(tmp_path)})
    with pytest.raises(DataFormatError, match=r"167 is not a municipality of Kainuu"):
        packaged_inventory(package, "data", "kainuu", HINKU)


def test_syke_files_in_the_package(make_package: MakePackage) -> None:
    # SYKE's layout (see tests/test_adapters.py); figures as in that file
    syke = (
        "taso_3;taso_4;taso_5;hinku_laskenta;päästökauppa;vuosi;kt;kt_tuuli;GWh\r\n"
        "Kau;Kau;Asu;TRUE;TRUE;2021;7,5;7,5;40\r\n"
        "Kau;Kau;Asu;TRUE;TRUE;2022;6,5;6,5;38\r\n"
    )
    package = make_package({"inventory/kunta_167.csv": syke, "inventory/kunta_90.csv": syke})
    inventory = packaged_inventory(package, "data", "pohjois-karjala", HINKU, [2022])
    assert inventory is not None
    assert list(inventory.areas) == ["090", "167"]
    assert float(np.nansum(inventory.sel(areas=["167"]).magnitude)) == pytest.approx(6.5)


def test_coordinators_file_reports_every_problem(tmp_path: Path) -> None:
    file = tmp_path / "coordinators.toml"
    file.write_text(
        '[[coordinator]]\norganisation = "A"\nrole = "r"\n\n'
        '[[coordinator]]\norganisation = "B"\nrole = "r"\nsource = "s"\n'
        'web_pages = ["www.example.fi"]\nphone = "123"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_coordinators_file(file)
    assert {(p.column, p.value) for p in caught.value.problems} == {
        ("[[coordinator]] #1, source", None),
        ("[[coordinator]] #2, phone", "123"),
        ("[[coordinator]] #2, web_pages", "www.example.fi"),
    }


def test_a_packaged_roadmap_answers_the_roadmap_hook(make_package: MakePackage) -> None:
    package = make_package(
        {
            "roadmap.toml": (
                'approved_text = "not published in the pages read"\n'
                "themes = []\nthemes_complete = false\n"
                'source = "pohjois-karjala.fi: Tiekartasta askelmerkit kohti hiilineutraalia '
                'Pohjois-Karjalaa"\n'
            )
        }
    )
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    info = adapter.canemure_roadmap("pohjois-karjala")
    assert info is not None
    assert (info.region_id, info.approved, info.title, info.themes) == (
        "pohjois-karjala",
        None,
        None,
        (),
    )
    empty = RegionAdapter(
        region_id="pohjois-karjala", region_code="12", data_package=make_package({})
    )
    assert empty.canemure_roadmap("pohjois-karjala") is None  # bundled facts are not mixed in


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("canemure.published.targets", "Target"),
        ("canemure.published.measures.model", "PublishedMeasure"),
        ("canemure.published.factors", "EmissionFactor"),
        ("canemure.geography.model", "Coordinator"),
    ],
)
def test_every_record_field_is_documented_as_required_or_optional(module: str, name: str) -> None:
    """Each attrs field has a docstring saying whether a team must give it."""
    import ast
    import importlib
    import inspect

    import attrs

    cls = getattr(importlib.import_module(module), name)
    (node,) = [
        n
        for n in ast.walk(ast.parse(inspect.getsource(importlib.import_module(module))))
        if isinstance(n, ast.ClassDef) and n.name == name
    ]
    documented: dict[str, str] = {}
    for field, doc in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(doc, ast.Expr)
            and isinstance(doc.value, ast.Constant)
        ):
            documented[field.target.id] = str(doc.value.value)
    fields = [a.name for a in attrs.fields(cls)]
    assert set(documented) == set(fields)
    for field in fields:
        first = documented[field].split(".")[0]
        assert first.startswith(("Required", "Optional")), f"{name}.{field}: {first!r}"


def test_the_host_names_the_broken_file(make_package: MakePackage) -> None:
    """A team file with an error reaches the coordinator as a failure naming file and line."""
    from canemure.plugins import PluginManager

    package = make_package({"targets.csv": "id,text,source,quote\nx,t,,q\n"})
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    manager = PluginManager(entry_points=False)
    assert manager.register(adapter, "pohjois-karjala")
    assert not manager.targets("pohjois-karjala")
    (failure,) = manager.failures()
    assert "canemure_targets" in str(failure)
    assert "targets.csv, line 2, column 'source': required field is empty" in str(failure)


def test_a_packaged_cooperation_group(make_package: MakePackage) -> None:
    package = make_package(
        {
            "cooperation_group.toml": (
                'name = "Pohjois-Karjalan ilmastoryhmä"\nmembers = []\n'
                'source = "pohjois-karjala.fi (group named; members and cadence not published)"\n'
            )
        }
    )
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    group = adapter.canemure_cooperation_group("pohjois-karjala")
    assert group is not None
    assert (group.name, group.members, group.meetings_per_year, group.supported_by) == (
        "Pohjois-Karjalan ilmastoryhmä",
        (),
        None,  # not published: not the Canemure groups' four meetings
        None,
    )
    assert adapter.canemure_cooperation_group("kainuu") is None


def test_a_cooperation_group_file_reports_every_problem(tmp_path: Path) -> None:
    from canemure.adapters import read_cooperation_group_file

    file = tmp_path / "cooperation_group.toml"
    file.write_text(
        'name = " "\nmembers = ["a", ""]\nmeetings_per_year = 0\nchair = "x"\n', encoding="utf-8"
    )
    with pytest.raises(DataFormatError) as caught:
        read_cooperation_group_file(file)
    assert {(p.column, p.message.split(" (")[0]) for p in caught.value.problems} == {
        ("name", "must not be empty"),
        ("members", "must hold non-empty strings"),
        ("meetings_per_year", "must be at least 1"),
        ("chair", "unknown key"),
        ("source", "required key is missing"),
    }


def test_asking_for_no_years_gives_none(make_package: MakePackage, tmp_path: Path) -> None:
    package = make_package({"inventory.csv": tidy_text(tmp_path)})
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    assert adapter.packaged_inventory(HINKU, []) is None
    everything = adapter.packaged_inventory(HINKU)
    assert everything is not None
    assert list(everything.years) == [1990, *range(2005, 2025)]


def test_the_inventory_hook_serves_the_packaged_inventory(make_package: MakePackage) -> None:
    syke = (
        "taso_3;taso_4;taso_5;hinku_laskenta;päästökauppa;vuosi;kt;kt_tuuli;GWh\r\n"
        "Kau;Kau;Asu;TRUE;TRUE;2021;7,5;7,5;40\r\n"
        "Kau;Kau;Asu;TRUE;TRUE;2022;6,5;6,5;38\r\n"
    )
    package = make_package({"inventory/kunta_167.csv": syke})
    adapter = RegionAdapter(region_id="pohjois-karjala", region_code="12", data_package=package)
    served = adapter.canemure_load_inventory("pohjois-karjala", HINKU, None)
    assert served is not None
    assert list(served.areas) == ["167"]
    # the package's own figures, not the bundled district heat (which ends in 2018)
    assert list(served.years) == [2021, 2022]
    assert float(np.nansum(served.sel(years=[2021]).magnitude)) == pytest.approx(7.5)
