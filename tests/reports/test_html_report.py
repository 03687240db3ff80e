"""The meeting report (``canemure report``): one self-contained HTML file per region."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from canemure.cli.main import default_language as language_from_locale
from canemure.cli.main import main
from canemure.engine.projection import LogLinearTrend, project
from canemure.errors import MissingDependencyError
from canemure.geography import gazetteer
from canemure.i18n import label
from canemure.io.bundled import pohjois_karjala
from canemure.plugins import PluginManager
from canemure.plugins import manager as manager_module
from canemure.reports.html import (
    SECTION_IDS,
    MeetingReport,
    Section,
    build_meeting_report,
    html_text,
    write_report,
)

DAY = dt.date(2026, 12, 2)
NBSP = "\u00a0"


class Page(HTMLParser):
    """What a test needs from an HTML document: tags, attributes, sections, table rows."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sections: dict[str, list[list[list[str]]]] = {}  # id -> tables -> rows -> cells
        self.section_text: dict[str, list[str]] = {}
        self.headings: dict[str, str] = {}
        self.style = ""
        self._section: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "section":
            self._section = dict(attrs)["id"]
            assert self._section is not None
            self.sections[self._section] = []
            self.section_text[self._section] = []
        elif tag == "table" and self._section:
            self.sections[self._section].append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._section and self.sections[self._section]:
                self.sections[self._section][-1].append(self._row)
            self._row = None
        elif tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        current = self._in[-1] if self._in else ""
        if current == "style":
            self.style += data
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._section:
            self.section_text[self._section].append(data)
            if current == "h2":
                self.headings[self._section] = data

    def text(self, section: str) -> str:
        return " ".join(" ".join(self.section_text[section]).split())

    def rows(self, section: str) -> list[list[str]]:
        return [row for table in self.sections[section] for row in table]


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PluginManager]:
    """The installed adapters and built-in providers, with an empty user cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CANEMURE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield PluginManager()


@pytest.fixture(scope="module")
def north_karelia(host: PluginManager) -> dict[str, str]:
    region = gazetteer().region("12")
    return {
        lang: build_meeting_report(region, manager=host, lang=lang, date=DAY).to_html()
        for lang in ("fi", "sv", "en")
    }


def test_the_report_parses_with_every_section(north_karelia: dict[str, str]) -> None:
    page = Page(north_karelia["en"])
    assert list(page.sections) == list(SECTION_IDS)
    assert page.headings["baseline"] == "Baseline and trend"
    assert page.tags[0][0] == "html" and page.tags[0][1]["lang"] == "en"
    assert "North Karelia (12): 13 municipalities" in page.text("overview")
    assert "Joensuu" in page.text("overview")


def test_key_numbers_are_in_the_baseline(north_karelia: dict[str, str]) -> None:
    page = Page(north_karelia["en"])
    rows = page.rows("baseline")
    assert ["Sector", "2007", "2024", "Change 2007–2024"] in rows
    # SYKE's HINKU figures for the region, summed by hand: 1686.8 kt in 2007, 937.2 kt in 2024,
    # 937.2 / 1686.8 - 1 = -44.4 %
    assert ["Total", "1,686.8", "937.2", "−44.4 %"] in rows
    assert ["Road transport", "383.6", "270.4", "−29.5 %"] in rows
    by_year = {row[0]: row[1:] for row in rows if re.fullmatch(r"\d{4}", row[0])}
    assert by_year["2007"][0] == "1,686.8" and by_year["2024"][0] == "937.2"
    assert by_year["1990"][0] == "1,781.3"  # the Climate Act's base year is in the series
    assert list(by_year) == ["1990", *map(str, range(2005, 2025))]


def test_targets_are_levels_with_labelled_projections(north_karelia: dict[str, str]) -> None:
    page = Page(north_karelia["en"])
    rows = page.rows("targets")
    (ghg,) = [row for row in rows if "pk_ghg_80pct" in row[0]]
    # -80 % from 2007: 1686.8 x 0.2 = 337.36; gap in 2024 and, held constant, in 2030:
    # 937.2 - 337.36 = 599.84
    assert ghg[1:5] == ["2030", "337.4", "+599.8", "+599.8"]
    history = pohjois_karjala().to_regions()
    trend = project(history, 2030, LogLinearTrend((2015, 2024))).total()
    expected = trend.value("12", "total", 2030).m - 337.36
    assert ghg[5] == f"+{expected:,.1f}"
    assert 0 < expected < 599.84  # the 2015-2024 trend falls
    header = rows[0]
    assert header[4] == "Gap in target year, constant projection"
    assert header[5] == "Gap in target year, log-linear trend 2015–2024"
    oil = next(row for row in rows if "pk_oil_free_transport_2030" in row[0])
    assert oil[2] == "no level" and oil[3:] == ["not estimated"] * 3
    assert "pk_oil_free_transport_2030: " in page.text("targets")  # the reason is given
    assert "not forecasts" in page.text("targets")


def test_ranking_per_resident_is_total_over_population(north_karelia: dict[str, str]) -> None:
    page = Page(north_karelia["en"])
    rows = [row for row in page.rows("ranking") if row[0].isdigit()]
    assert len(rows) == 13
    ratios = [float(row[2]) for row in rows]
    assert ratios == sorted(ratios, reverse=True)
    for row in rows:
        total_kt, residents = float(row[3].replace(",", "")), float(row[5].replace(",", ""))
        assert abs(total_kt * 1000 / residents - float(row[2])) < 0.01 + 0.05 * 1000 / residents
    joensuu = next(row for row in rows if row[1] == "Joensuu")
    assert joensuu[5] == "78,741"  # bundled population 2024


def test_sources_and_coverage_per_municipality(north_karelia: dict[str, str]) -> None:
    page = Page(north_karelia["en"])
    rows = page.rows("sources")
    joensuu = next(row for row in rows if row[0] == "Joensuu")
    assert joensuu[1:] == ["region adapter (pohjois-karjala)", "1990, 2005-2024", "0"]
    assert "hinku" in {row[0] for row in rows}
    assert "SYKE" in page.text("sources")
    assert "No adapter failed" in page.text("failures")


def test_measures_counted_by_status(host: PluginManager) -> None:
    report = build_meeting_report(
        gazetteer().region("06"), manager=host, lang="en", charts=False, date=DAY
    )
    page = Page(report.to_html())
    rows = page.rows("measures")
    measures = host.measures(gazetteer().region("06"))
    total = next(row for row in rows if row[0] == "Total")
    assert total[-2:] == [str(len(measures)), str(sum(m.effect is not None for m in measures))]
    head = rows[0]
    implemented = sum(m.status.value == "implemented" for m in measures)
    assert total[head.index("implemented")] == str(implemented)
    assert f"60 of {len(measures)} listed" in page.text("measures")


def test_missing_data_is_not_estimated_never_zero(host: PluginManager) -> None:
    # Pirkanmaa's HINKU figures cover 2 % of the municipal main sectors: no regional total
    report = build_meeting_report(
        gazetteer().region("06"), manager=host, lang="en", charts=True, date=DAY
    )
    page = Page(report.to_html())
    total = next(row for row in page.rows("baseline") if row[0] == "Total")
    assert total[1:] == ["not estimated"] * 3
    assert "0.0" not in total
    ranking = [row for row in page.rows("ranking") if row[1] == "Tampere"]
    assert ranking and ranking[0][0] == "–" and ranking[0][2] == "not estimated"
    assert not any(tag == "svg" and "sectors" in str(a) for tag, a in page.tags)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_language_renders(north_karelia: dict[str, str], lang: str) -> None:
    page = Page(north_karelia[lang])
    assert page.tags[0][1]["lang"] == lang
    for section in SECTION_IDS:
        assert page.headings[section] == html_text(section, lang)
    total = next(row for row in page.rows("baseline") if row[0] == label("total", lang))
    thousands = f"1{NBSP}686,8" if lang != "en" else "1,686.8"
    assert total[1:3] == [thousands, "937,2" if lang != "en" else "937.2"]
    oil = next(row for row in page.rows("targets") if "pk_oil_free_transport_2030" in row[0])
    assert oil[3] == label("not_estimated", lang)
    in_english = "Målen beskrivs endast på engelska" in page.text("targets")
    assert in_english == (lang == "sv")  # target texts are English, or quoted in Finnish
    resident = {"fi": "asukas", "sv": "invånare", "en": "resident"}[lang]
    per_resident = f"{label('per_resident', lang)} (t CO2e/{resident}/a)"
    assert per_resident in [row[0] for row in page.rows("baseline")]
    region = gazetteer().region("12").names[lang]
    assert f"<title>{html_text('title', lang)}: {region}</title>" in north_karelia[lang]


def test_nothing_is_loaded_and_the_charts_are_inline(north_karelia: dict[str, str]) -> None:
    for text in north_karelia.values():
        page = Page(text)
        tags = [tag for tag, _ in page.tags]
        assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(tags)
        for tag, attrs in page.tags:
            for name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"):
                value = attrs.get(name)
                if value is not None:
                    assert value.startswith("#"), (tag, name, value)
        assert "url(" not in page.style and "@import" not in page.style
        assert re.search(r"url\((?!#)", text) is None  # SVG references stay inside the file
        svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
        assert len(svgs) == 4  # emissions by sector, roadmap wedges and MACC, per resident
        ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
        assert len(ids) == len(set(ids))  # the two charts' ids do not collide
        assert "<?xml" not in text and "<!DOCTYPE svg" not in text
        assert "<script" not in text.lower()


def test_sections_can_be_added(host: PluginManager) -> None:
    report = build_meeting_report(
        gazetteer().region("12"), manager=host, lang="en", charts=False, date=DAY
    )
    added = report.add(Section("comparison", "Variants", "<p>variants</p>"), after="targets")
    assert [s.id for s in added.sections][2:4] == ["targets", "comparison"]
    assert added.section("comparison").body == "<p>variants</p>"
    assert [s.id for s in report.add(Section("x", "X", "")).sections][-1] == "x"
    with pytest.raises(ValueError, match="already has a section 'targets'"):
        report.add(Section("targets", "again", ""))
    with pytest.raises(ValueError, match="no section 'plan' to add after"):
        report.add(Section("y", "Y", ""), after="plan")
    page = Page(added.to_html())
    assert list(page.sections)[2:4] == ["targets", "comparison"]
    assert not any(tag == "svg" for tag, _ in page.tags)  # charts=False


class _Failing:
    """A Pirkanmaa adapter whose coordinators and targets hooks fail."""

    def __init__(self) -> None:
        from canemure.plugins import RegionInfo, hookimpl

        info = RegionInfo("pirkanmaa", gazetteer().region("06").names, "06", source="test")
        codes = tuple(m.code for m in gazetteer().municipalities_of("06"))

        @hookimpl
        def canemure_regions() -> list[RegionInfo]:
            return [info]

        @hookimpl
        def canemure_municipalities(region_id: str) -> tuple[str, ...] | None:
            return codes if region_id == "pirkanmaa" else None

        @hookimpl
        def canemure_coordinators(region_id: str) -> object:
            raise KeyError("coordinators.csv")

        @hookimpl
        def canemure_targets(region_id: str) -> object:
            return {"2030": "-80 %"}

        self.canemure_regions = canemure_regions
        self.canemure_municipalities = canemure_municipalities
        self.canemure_coordinators = canemure_coordinators
        self.canemure_targets = canemure_targets


def test_failures_of_adapters_are_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    host = PluginManager(entry_points=False)
    assert host.register(_Failing(), "failing"), host.failures()
    report: MeetingReport = build_meeting_report(
        gazetteer().region("06"), manager=host, lang="fi", charts=False, date=DAY
    )
    page = Page(report.to_html())
    assert "raised KeyError: 'coordinators.csv'" in page.text("failures")
    coordinators = next(r for r in page.rows("overview") if r[0] == label("coordinators", "fi"))
    assert coordinators[1] == "epäonnistui"
    assert "epäonnistui: canemure_targets" in page.text("targets")
    assert label("no_emission_data", "fi") in page.text("baseline")


def test_without_matplotlib_the_error_names_the_extra(
    host: PluginManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r"canemure\[plot\]"):
        build_meeting_report(gazetteer().region("12"), manager=host)
    assert build_meeting_report(gazetteer().region("12"), manager=host, charts=False)


def test_the_language_follows_the_locale() -> None:
    assert language_from_locale({"LANG": "fi_FI.UTF-8"}) == "fi"
    assert language_from_locale({"LANG": "sv_FI.UTF-8"}) == "sv"
    assert language_from_locale({"LC_ALL": "C", "LANG": "fi_FI.UTF-8"}) == "en"
    assert language_from_locale({"LC_MESSAGES": "sv_SE", "LANG": "en_GB"}) == "sv"
    assert language_from_locale({}) == "en"


def test_cli_writes_one_file(
    host: PluginManager,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(manager_module, "_MANAGER", host)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    target = tmp_path / "kokous.html"
    assert main(["report", "Pohjois-Karjala", "-o", str(target), "--no-charts"]) == 0
    page = Page(target.read_text(encoding="utf-8"))
    assert page.tags[0][1]["lang"] == "fi"
    assert page.headings["targets"] == "Tavoitteet ja kuilu"
    assert str(target) in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["kokous.html"]  # no temporary file left
    assert main(["report", "12", "-o", "-", "--no-charts", "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and '<html lang="sv">' in out
    assert main(["report", "nowhere", "-o", str(tmp_path / "x.html"), "--lang", "sv"]) == 2
    assert "okänt landskap 'nowhere'" in capsys.readouterr().err  # in --lang
    assert not (tmp_path / "x.html").exists()


def test_write_report_replaces_whole(host: PluginManager, tmp_path: Path) -> None:
    report = build_meeting_report(
        gazetteer().region("12"), manager=host, lang="sv", charts=False, date=DAY
    )
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    assert write_report(report, target) == target
    assert target.read_text(encoding="utf-8") == report.to_html()
    assert "2026-12-02" in report.subtitle


def test_sources_that_disagree_are_named(
    host: PluginManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worked example: Joensuu from a "user import" with Road transport 2024 12.5 kt higher.

    The regional total for 2024 becomes 937.2 + 12.5 = 949.7 kt; Joensuu's source is the
    user's import, the rest the bundled data, and the disagreement names +12.5 kt in 2024.
    """
    import attrs

    import canemure.datasets
    from canemure.datasets import choose_sources
    from canemure.errors import DataNotAvailableError
    from canemure.inventory import Source
    from canemure.providers import ProvidedInventory
    from canemure.sectors import sector_hierarchy
    from canemure.units import Q_

    pk = pohjois_karjala()
    joensuu = pk.sel(areas=["167"])
    values = joensuu.magnitude.copy()
    road = joensuu.sectors.position(sector_hierarchy().find("Tieliikenne", 3).key)
    values[0, road, joensuu.years.position(2024)] += 12.5
    mine = attrs.evolve(
        joensuu,
        values=Q_(values, joensuu.unit),
        sources={"167": (Source(id="user:167", title="Joensuu, my own download"),)},
    )

    def sources(area: object, rule: Any, **_: object) -> object:
        if rule.id != "hinku":
            raise DataNotAvailableError("only HINKU figures in this test")
        return choose_sources(
            [
                ProvidedInventory(pk, "bundled", "bundled-data"),
                ProvidedInventory(mine, "user-import", "user-cache"),
            ]
        )

    monkeypatch.setattr(canemure.datasets, "baseline_sources", sources)
    report = build_meeting_report(
        gazetteer().region("12"), manager=host, lang="en", charts=False, date=DAY
    )
    page = Page(report.to_html())
    assert ["Total", "1,686.8", "949.7", "−43.7 %"] in page.rows("baseline")  # 949.7/1686.8-1
    rows = page.rows("sources")
    assert next(r for r in rows if r[0] == "Joensuu")[1] == "user's import (user-cache)"
    assert next(r for r in rows if r[0] == "Lieksa")[1] == "bundled with canemure (bundled-data)"
    text = page.text("sources")
    assert "Sources disagree" in text
    assert "largest difference +12.5 kt CO2e/a in 2024 (Road transport" in text
    assert "Joensuu, my own download [Joensuu]" in text


def test_every_report_text_has_three_languages_with_the_same_fields() -> None:
    import string

    from canemure.reports import html as report_html

    for key, texts in report_html._TEXTS.items():
        assert len(texts) == 3, key
        given = [t for t in texts if t]
        assert given, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in given]
        assert all(f == fields[0] for f in fields), (key, fields)
        assert html_text(key, "fi") == texts[0] and html_text(key, "en") == texts[2]
    with pytest.raises(ValueError, match="language must be one of fi, sv, en"):
        html_text("title", "de")
