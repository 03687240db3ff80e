"""The meeting report: one self-contained HTML file for a region's cooperation group.

:func:`build_meeting_report` asks the plugin host everything about a region and lays it out as
a list of :class:`Section` objects; :meth:`MeetingReport.to_html` writes one HTML document with
the CSS and the charts (SVG) inline. The file loads nothing: no scripts, fonts, images or
style sheets from anywhere, so it opens offline, prints to A4 and can be mailed as it is.
Web addresses of sources are printed as text, not as links.

Sections, in order (their ``id`` is the HTML anchor):

``overview``
    The region, its adapter, coordinators, cooperation group and published roadmap.
``baseline``
    Emissions by sector in the base year (2007, the HINKU base year, when there are figures)
    and the latest year, the trend of the total, population and emissions per resident, and
    a chart of emissions by sector with the targets marked.
``targets``
    Each published target as a level (:func:`canemure.engine.levels.target_level`) and the gap
    to it: in the latest year, and in the target year under two labelled baseline projections
    (constant at the latest year; log-linear trend over the last ten years,
    :mod:`canemure.engine.projection`). Projections are not forecasts and not the roadmap.
``measures``
    Published measures counted by owner and status, and listed (the most advanced first).
``roadmap``
    The region's roadmap scenario computed by the engine (the one shipped for the region, or
    ``scenario=``): targets and the gap with and without measures, the measures with their
    status, attribution in the first target year and costs, the wedges chart and the marginal
    abatement cost curve (:mod:`canemure.reports.roadmap`); or a line saying that no roadmap
    was computed for the region.
``ranking``
    Municipalities ranked by emissions per resident in the latest year (chart and table).
``sources``
    Which source each municipality's figures come from, years and gaps per municipality,
    disagreements between sources, and the data under each accounting rule.
``failures``
    Adapters that failed while the report was built, or a line saying none did.

A figure no source gives is printed "not estimated" in the report's language, never as zero.
More sections (a scenario comparison, for one) are added with :meth:`MeetingReport.add`.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from canemure._version import __version__
from canemure.errors import DataNotAvailableError
from canemure.geography import gazetteer
from canemure.i18n import LANGUAGES, label, shown
from canemure.plugins.messages import message
from canemure.reports.region import format_years
from canemure.reports.render import _number, _percent, disagreement_lines

if TYPE_CHECKING:
    from canemure.datasets import SourcedInventory
    from canemure.engine.scenario import Scenario
    from canemure.geography import Region
    from canemure.inventory import EmissionInventory
    from canemure.plugins import PluginFailure, PluginManager
    from canemure.published.measures import PublishedMeasure
    from canemure.published.targets import Target
    from canemure.reports.baseline import BaselineReport
    from canemure.reports.region import RegionProfile

__all__ = [
    "SECTION_IDS",
    "MeetingReport",
    "Section",
    "build_meeting_report",
    "html_text",
    "write_report",
]

SECTION_IDS = (
    "overview",
    "baseline",
    "targets",
    "measures",
    "roadmap",
    "ranking",
    "sources",
    "failures",
)
"""Ids of the sections :func:`build_meeting_report` makes, in order."""
PROGRESS_STEPS = len(SECTION_IDS) + 2
"""Calls of :func:`build_meeting_report`'s ``progress``: data read, roadmap, each section."""

_KT = "kt CO2e / a"
_TABLE_ROWS = 20
"""Rows per table of a long list: a table this short fits on one A4 page, so none is cut."""
_MEASURES_SHOWN = 60
"""Measures listed (all are counted)."""
_TREND_YEARS = 10
"""The log-linear trend is fitted over the latest this many years."""

_TEXTS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "title": (
        "Ilmastotyön tilannekatsaus",
        "Lägesrapport om klimatarbetet",
        "Climate work status report",
    ),
    "meeting": (
        "Alueellisen ilmastoyhteistyöryhmän kokoukseen",
        "För mötet i den regionala klimatsamarbetsgruppen",
        "For the regional climate cooperation group's meeting",
    ),
    "compiled": (
        "Koottu {date} canemurella {version}; laskentatapa: {rule}",
        "Sammanställd {date} med canemure {version}; beräkningsmetod: {rule}",
        "Compiled {date} with canemure {version}; accounting rule: {rule}",
    ),
    "contents": ("Sisältö", "Innehåll", "Contents"),
    "overview": ("Alue ja koordinointi", "Region och samordning", "Region and coordination"),
    "baseline": ("Lähtötaso ja kehitys", "Utgångsnivå och utveckling", "Baseline and trend"),
    "targets": ("Tavoitteet ja kuilu", "Mål och gapet", "Targets and the gap"),
    "measures": ("Julkaistut toimenpiteet", "Publicerade åtgärder", "Published measures"),
    "ranking": (
        "Kuntien vertailu asukasta kohden",
        "Kommunerna jämförda per invånare",
        "Municipalities per resident",
    ),
    "sources": (
        "Tietojen kattavuus ja lähteet",
        "Datans täckning och källor",
        "Data coverage and sources",
    ),
    "region": ("Maakunta", "Landskap", "Region"),
    "year": ("Vuosi", "År", "Year"),
    "trend_table": (
        "Kokonaispäästöt vuosittain",
        "Totala utsläpp per år",
        "Total emissions by year",
    ),
    "by_sector": (
        "Päästöt sektoreittain ({unit})",
        "Utsläpp per sektor ({unit})",
        "Emissions by sector ({unit})",
    ),
    "chart_sectors": (
        "Päästöt sektoreittain; katkoviiva: log-lineaarinen trendiprojektio ({window}) "
        "tavoitevuoteen, ei ennuste eikä tiekartta; kolmiot: tavoitteiden tasot.",
        "Utsläpp per sektor; streckad linje: log-linjär trendprojektion ({window}) till "
        "målåret, ingen prognos och ingen färdplan; trianglar: målens nivåer.",
        "Emissions by sector; dashed line: log-linear trend projection ({window}) to the target "
        "year, not a forecast and not the roadmap; triangles: the targets' levels.",
    ),
    "target": ("Tavoite", "Mål", "Target"),
    "target_year": ("Tavoitevuosi", "Målår", "Target year"),
    "level": ("Taso", "Nivå", "Level"),
    "emissions_in": ("Päästöt {year}", "Utsläpp {year}", "Emissions {year}"),
    "gap_in": ("Kuilu {year}", "Gap {year}", "Gap {year}"),
    "gap_constant": (
        "Kuilu tavoitevuonna, vakio-projektio",
        "Gap målåret, konstant projektion",
        "Gap in target year, constant projection",
    ),
    "gap_trend": (
        "Kuilu tavoitevuonna, log-lineaarinen trendi {window}",
        "Gap målåret, log-linjär trend {window}",
        "Gap in target year, log-linear trend {window}",
    ),
    "recorded": ("toteutunut", "faktiskt", "recorded"),
    "targets_note": (
        "Taso = suurimmat päästöt ({unit}), joilla tavoite täyttyy tavoitevuonna. Kuilu = "
        "päästöt miinus taso: positiivinen luku on vielä vähennettävä määrä, negatiivinen "
        "alitus. Projektiot jatkavat historiaa viimeisimmästä vuodesta ({latest}): vakio pitää "
        "{latest}-tason, log-lineaarinen jatkaa vuosien {window} trendiä sektoreittain. Ne "
        "eivät ole ennusteita eivätkä sisällä tiekartan toimenpiteitä.",
        "Nivå = de högsta utsläppen ({unit}) som uppfyller målet under målåret. Gap = utsläpp "
        "minus nivå: ett positivt tal är det som ännu ska minskas, ett negativt en underskridning. "
        "Projektionerna förlänger historien från det senaste året ({latest}): konstant håller "
        "nivån {latest}, log-linjär förlänger trenden {window} per sektor. De är inga prognoser "
        "och innehåller inte färdplanens åtgärder.",
        "Level = the highest emissions ({unit}) that meet the target in its target year. Gap = "
        "emissions minus level: positive is what is still to be cut, negative is below it. "
        "The projections extend the history from the latest year ({latest}): constant holds "
        "the {latest} level, log-linear continues the {window} trend per sector. They are not "
        "forecasts and include none of the roadmap's measures.",
    ),
    "no_level": ("ei tasoa", "ingen nivå", "no level"),
    "no_targets": (
        "Alueelle ei ole julkaistuja tavoitteita laajennuksen tiedoissa.",
        "Regionens tillägg har inga publicerade mål.",
        "The region adapter lists no published targets.",
    ),
    "owner": ("Omistaja", "Ägare", "Owner"),
    "measure": ("Toimenpide", "Åtgärd", "Measure"),
    "status": ("Tila", "Status", "Status"),
    "effect": ("Julkaistu vaikutus", "Publicerad effekt", "Published effect"),
    "with_effect_head": ("Vaikutusarvio", "Med effekt", "With effect"),
    "no_figure": ("ei julkaistua lukua", "ingen publicerad siffra", "no figure published"),
    "no_measures": (
        "Laajennus ei listaa julkaistuja toimenpiteitä.",
        "Tillägget listar inga publicerade åtgärder.",
        "The adapter lists no published measures.",
    ),
    "measures_shown": (
        "Listattu {shown}/{n}: pisimmällä olevat ensin.",
        "{shown} av {n} listade: de som kommit längst först.",
        "{shown} of {n} listed, the most advanced first.",
    ),
    "names_language": (
        "Toimenpiteiden nimet julkaistu vain suomeksi tai englanniksi.",
        "Åtgärdernas namn är publicerade endast på finska eller engelska.",
        "Measure names are published in Finnish or English only.",
    ),
    "status_proposed": ("ehdotettu", "föreslagen", "proposed"),
    "status_planned": ("suunniteltu", "planerad", "planned"),
    "status_decided": ("päätetty", "beslutad", "decided"),
    "status_ongoing": ("käynnissä", "pågående", "ongoing"),
    "status_implemented": ("toteutettu", "genomförd", "implemented"),
    "status_unknown": ("ei tiedossa", "okänd", "not known"),
    "rank": ("Sija", "Plats", "Rank"),
    "municipality": ("Kunta", "Kommun", "Municipality"),
    "chart_ranking": (
        "Kokonaispäästöt asukasta kohden {year} ({unit}).",
        "Totala utsläpp per invånare {year} ({unit}).",
        "Total emissions per resident in {year} ({unit}).",
    ),
    "source": ("Lähde", "Källa", "Source"),
    "years_with_data": ("Vuodet", "År", "Years"),
    "missing_figures": ("Puuttuvat luvut", "Saknade värden", "Missing figures"),
    "rules_data": (
        "Päästötiedot laskentatavoittain",
        "Utsläppsdata per beräkningsmetod",
        "Emission data by accounting rule",
    ),
    "no_failures": (
        "Yksikään laajennus ei epäonnistunut raporttia koottaessa.",
        "Inget tillägg misslyckades när rapporten sammanställdes.",
        "No adapter failed while the report was compiled.",
    ),
    "charts_off": (
        "Kaaviot jätetty pois (--no-charts).",
        "Diagram utelämnade (--no-charts).",
        "Charts left out (--no-charts).",
    ),
    "no_population": (
        "Asukaslukuja ei ole: asukaskohtaisia päästöjä ei arvioitu.",
        "Inga invånarantal: utsläpp per invånare ej uppskattade.",
        "No population figures: emissions per resident not estimated.",
    ),
    "targets_language": (
        "",
        "Målen beskrivs endast på engelska (källornas citat på finska).",
        "",
    ),
}
_TEXTS["roadmap"] = (  # the shared catalogue owns the roadmap section's texts
    label("report_roadmap", "fi"),
    label("report_roadmap", "sv"),
    label("report_roadmap", "en"),
)
_TEXTS["failures"] = (  # the plugin host's messages own this text
    message("failures", "fi"),
    message("failures", "sv"),
    message("failures", "en"),
)


def _t(key: str, lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return _TEXTS[key][LANGUAGES.index(lang)]


def html_text(key: str, lang: str) -> str:
    """The report text ``key`` in ``lang`` (``fi``, ``sv`` or ``en``); for tests and sections."""
    return _t(key, lang)


# --------------------------------------------------------------------------- the report object
@attrs.frozen
class Section:
    """One section of the report: an anchor id, a heading and its HTML body.

    ``body`` is an HTML fragment: every text in it must already be escaped
    (:func:`html.escape`); the section builders here do so.
    """

    id: str
    """Anchor id (``targets``, ...), unique within a report."""
    title: str
    """Heading, in the report's language (plain text; escaped when written)."""
    body: str
    """The section's HTML fragment."""


@attrs.frozen
class MeetingReport:
    """A region's meeting report: a title and an ordered list of sections."""

    region: Region
    """The region reported."""
    lang: str
    """Language of every text: ``fi``, ``sv`` or ``en``."""
    title: str
    """Title of the document."""
    subtitle: str
    """Line under the title (date, version, accounting rule)."""
    sections: tuple[Section, ...]
    """The sections, in order."""

    def section(self, id: str) -> Section:
        """Return the section with anchor ``id`` (``KeyError`` if there is none)."""
        for section in self.sections:
            if section.id == id:
                return section
        raise KeyError(id)

    def add(self, section: Section, *, after: str | None = None) -> MeetingReport:
        """Return a report with ``section`` added at the end, or after the section ``after``.

        This is how results that are not part of the standard report (a roadmap's wedges, a
        scenario comparison) become part of the one file.
        """
        if any(s.id == section.id for s in self.sections):
            raise ValueError(f"the report already has a section {section.id!r}")
        sections = list(self.sections)
        ids = [s.id for s in sections]
        if after is not None and after not in ids:
            raise ValueError(f"no section {after!r} to add after; the sections: {', '.join(ids)}")
        position = len(sections) if after is None else ids.index(after) + 1
        sections.insert(position, section)
        return attrs.evolve(self, sections=tuple(sections))

    def to_html(self) -> str:
        """The whole report as one HTML document (CSS and SVG inline, nothing loaded)."""
        css = resources.files("canemure.reports").joinpath("report.css").read_text("utf-8")
        contents = "".join(
            f'<li><a href="#{_e(s.id)}">{_e(s.title)}</a></li>' for s in self.sections
        )
        body = "\n".join(
            f'<section id="{_e(s.id)}">\n<h2>{_e(s.title)}</h2>\n{s.body}\n</section>'
            for s in self.sections
        )
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{_e(self.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="canemure {_e(__version__)}">\n'
            f"<title>{_e(self.title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
            f'<header class="report"><h1>{_e(self.title)}</h1>'
            f"<p>{_e(_t('meeting', self.lang))}</p><p>{_e(self.subtitle)}</p></header>\n"
            f'<nav class="contents"><strong>{_e(_t("contents", self.lang))}</strong>'
            f"<ol>{contents}</ol></nav>\n{body}\n"
            f'<footer class="report">{_e(self.subtitle)}</footer>\n</body>\n</html>\n'
        )


def write_report(report: MeetingReport, path: str | Path) -> Path:
    """Write ``report`` to ``path`` as HTML, whole or not at all (a temporary file is renamed)."""
    target = Path(path)
    text = report.to_html()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


# --------------------------------------------------------------------------- HTML helpers
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cell(value: float | None, lang: str, decimals: int = 1) -> str:
    """A numeric table cell; "not estimated" in italics when ``value`` is ``None`` or NaN."""
    if value is None or not math.isfinite(value):
        return f'<td class="num not-estimated">{_e(label("not_estimated", lang))}</td>'
    return f'<td class="num">{_e(_number(value, lang, decimals))}</td>'


def _signed_cell(value: float | None, lang: str, suffix: str = "") -> str:
    if value is None or not math.isfinite(value):
        return f'<td class="num not-estimated">{_e(label("not_estimated", lang))}</td>'
    text = _number(abs(value), lang)
    sign = "−" if value < 0 else "+" if value > 0 else ""
    return f'<td class="num">{_e(sign + text + suffix)}</td>'


def _percent_cell(value: float | None, lang: str) -> str:
    cls = "num" if value is not None and math.isfinite(value) else "num not-estimated"
    shown = _percent(value if value is not None and math.isfinite(value) else None, lang)
    return f'<td class="{cls}">{_e(shown)}</td>'


def _head(cells: Sequence[tuple[str, bool]]) -> str:
    """A table head from ``(text, numeric)`` pairs."""
    numeric = ' class="num"'
    inner = "".join(f"<th{numeric if num else ''}>{_e(t)}</th>" for t, num in cells)
    return f"<thead><tr>{inner}</tr></thead>"


def _tables(
    head: str,
    rows: Sequence[str],
    caption: str | None = None,
    *,
    per_table: int = _TABLE_ROWS,
    cls: str | None = None,
) -> str:
    """Rows as one table, or several of at most ``per_table`` rows each (none cut by a page)."""
    out = []
    for start in range(0, max(len(rows), 1), per_table):
        cap = f"<caption>{_e(caption)}</caption>" if caption and start == 0 else ""
        chunk = "".join(rows[start : start + per_table])
        attr = f' class="{cls}"' if cls else ""
        out.append(f"<table{attr}>{cap}{head}<tbody>{chunk}</tbody></table>")
    return "\n".join(out)


def _p(text: str, cls: str | None = None) -> str:
    return f'<p class="{cls}">{_e(text)}</p>' if cls else f"<p>{_e(text)}</p>"


def _ul(items: Iterable[str], cls: str | None = None) -> str:
    inner = "".join(f"<li>{_e(i)}</li>" for i in items)
    return f'<ul class="{cls}">{inner}</ul>' if cls else f"<ul>{inner}</ul>"


def _dl(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column key/value table (already escaped values)."""
    rows = "".join(f'<tr><th scope="row">{_e(k)}</th><td>{v}</td></tr>' for k, v in pairs)
    return f'<table class="facts"><tbody>{rows}</tbody></table>'


def _svg(figure: Any, prefix: str, description: str) -> str:
    """A matplotlib figure as inline SVG: no XML prolog, no metadata, ids made unique."""
    from canemure.charts import save

    with tempfile.TemporaryDirectory(prefix="canemure-chart-") as tmp:
        text = save(figure, Path(tmp) / "chart.svg").read_text(encoding="utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    seen: Counter[str] = Counter()

    def unique(match: re.Match[str]) -> str:  # a gid given to many bars is many ids
        seen[match.group(1)] += 1
        n = seen[match.group(1)]
        return f'id="{prefix}-{match.group(1)}' + (f"-{n}" if n > 1 else "") + '"'

    text = re.sub(r'\bid="([^"]+)"', unique, text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{_e(description)}" ', 1).strip()


def _per_resident_unit(lang: str) -> str:
    """``t CO2e/asukas/a`` in Finnish, ``t CO2e/invånare/a`` in Swedish."""
    resident = {"fi": "asukas", "sv": "invånare"}.get(lang, "resident")
    return f"t CO2e/{resident}/a"


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>"


# --------------------------------------------------------------------------- gathering the data
@attrs.frozen
class _Data:
    """Everything the sections are built from."""

    profile: RegionProfile
    lang: str
    rule_id: str
    rule_name: str
    charts: bool
    sourced: SourcedInventory | None
    failures: tuple[PluginFailure, ...]
    roadmap: str = ""

    @property
    def inventory(self) -> EmissionInventory | None:
        return self.sourced.inventory.aggregate_sectors(3) if self.sourced is not None else None

    @property
    def years(self) -> tuple[int, ...]:
        return self.profile.data_years.get(self.rule_id, ())

    @property
    def latest(self) -> int | None:
        return self.years[-1] if self.years else None

    @property
    def base(self) -> int | None:
        if not self.years:
            return None
        return 2007 if 2007 in self.years else self.years[0]

    @property
    def window(self) -> tuple[int, int] | None:
        if len(self.years) < 2:
            return None
        latest = self.years[-1]
        recent = [y for y in self.years if y > latest - _TREND_YEARS]
        return (recent[0] if len(recent) >= 2 else self.years[-2], latest)


def build_meeting_report(
    region: Region,
    *,
    manager: PluginManager | None = None,
    lang: str = "en",
    rule: str = "hinku",
    charts: bool = True,
    date: dt.date | None = None,
    scenario: Scenario | None = None,
    progress: Callable[[str], None] | None = None,
) -> MeetingReport:
    """Ask the plugin host (the shared one by default) about ``region`` and lay out the report.

    ``rule`` is the accounting rule of every emission figure (``hinku`` by default, the rule of
    HINKU commitments). ``charts=False`` leaves the charts out; with charts the optional
    ``plot`` extra (matplotlib) is needed, else
    :class:`~canemure.errors.MissingDependencyError` names it. ``date`` is printed as the
    compilation date (today by default). ``scenario`` is the roadmap scenario of the
    ``roadmap`` section (default: the one shipped for the region, if any). ``progress`` is
    called with each section's id when it is done (the command line draws a bar with it).
    """
    from canemure.datasets import baseline_sources
    from canemure.plugins import get_plugin_manager
    from canemure.reports.region import build_region_profile
    from canemure.sectors import accounting_rule

    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    if charts:
        from canemure.charts._mpl import figure

        figure(1.0, 1.0)  # a missing plot extra is reported before any work is done
    manager = manager or get_plugin_manager()
    chosen_rule = accounting_rule(rule)
    profile = build_region_profile(region, manager)
    sourced = None
    if chosen_rule.id in profile.data_years:
        try:
            sourced = baseline_sources(region, chosen_rule, manager=manager)
        except DataNotAvailableError:
            sourced = None
    from canemure.reports.roadmap import roadmap_section

    if progress is not None:
        progress("data")
    roadmap = roadmap_section(region, lang=lang, charts=charts, manager=manager, scenario=scenario)
    if progress is not None:
        progress("roadmap-computed")
    data = _Data(
        profile=profile,
        lang=lang,
        rule_id=chosen_rule.id,
        rule_name=chosen_rule.name(lang),
        charts=charts,
        sourced=sourced,
        failures=tuple(manager.failures()),
        roadmap=roadmap,
    )
    builders: tuple[Callable[[_Data], str], ...] = (
        _overview,
        _baseline,
        _targets,
        _measures,
        _roadmap,
        _ranking,
        _sources,
        _failures,
    )
    built = []
    for id, build in zip(SECTION_IDS, builders, strict=True):
        built.append(Section(id, _t(id, lang), build(data)))
        if progress is not None:
            progress(id)
    sections = tuple(built)
    day = (date or dt.date.today()).isoformat()
    return MeetingReport(
        region=region,
        lang=lang,
        title=f"{_t('title', lang)}: {region.names[lang]}",
        subtitle=_t("compiled", lang).format(
            date=day, version=__version__, rule=chosen_rule.name(lang)
        ),
        sections=sections,
    )


# --------------------------------------------------------------------------- sections
def _overview(data: _Data) -> str:
    from canemure.reports.region import _adapter

    profile, lang = data.profile, data.lang
    unknown = label("not_known", lang)
    failed = message("failed", lang)

    def missing(hook: str) -> str:
        return (
            f'<span class="not-estimated">{_e(failed if profile.failed(hook) else unknown)}</span>'
        )

    region = profile.region
    if profile.coordinators:
        coordinators = "<br>".join(
            f"{_e(c.organisation)}: {_e(shown(c.role, lang))}"
            + "".join(f' <span class="url">{_e(page)}</span>' for page in c.web_pages)
            for c in profile.coordinators
        )
    else:
        coordinators = missing("canemure_coordinators")
    group = profile.cooperation_group
    if group is None:
        group_html = missing("canemure_cooperation_group")
    else:
        meetings = group.meetings_per_year
        group_html = (
            f"{_e(shown(group.name, lang))}<br>{_e(label('meetings_per_year', lang))}: "
            f"{_e(meetings if meetings is not None else unknown)}<br>"
            f"{_e(label('members', lang))}: "
            f"{_e(', '.join(shown(m, lang) for m in group.members) if group.members else unknown)}"
        )
    roadmap = profile.roadmap
    if roadmap is None:
        roadmap_html = missing("canemure_roadmap")
    else:
        title = shown(roadmap.title, lang) if roadmap.title else unknown
        roadmap_html = f"{_e(title)}<br>{_e(shown(roadmap.approved_text, lang))}"
        if roadmap.themes:
            suffix = "" if roadmap.themes_complete else f" ({label('partial_list', lang)})"
            roadmap_html += f"<br>{_e(label('themes', lang) + suffix)}: " + _e(
                "; ".join(shown(theme, lang) for theme in roadmap.themes)
            )
    names = ", ".join(m.names[lang] for m in profile.municipalities)
    return _dl(
        [
            (
                _t("region", lang),
                _e(f"{region.names[lang]} ({region.code}): ")
                + _e(label("n_municipalities", lang).format(n=len(profile.municipalities))),
            ),
            (label("municipalities", lang), _e(names)),
            (label("adapter", lang), _e(_adapter(profile, lang))),
            (label("coordinators", lang), coordinators),
            (label("cooperation_group", lang), group_html),
            (label("roadmap", lang), roadmap_html),
        ]
    )


def _baseline_reports(data: _Data) -> tuple[BaselineReport, BaselineReport] | None:
    from canemure.reports.baseline import build_baseline

    if data.sourced is None or data.base is None or data.latest is None:
        return None
    region = data.profile.region
    pair = build_baseline(data.sourced, region, sorted({data.base, data.latest}))
    series = build_baseline(data.sourced, region, data.years)
    return pair, series


def _no_data(data: _Data) -> str:
    if data.profile.failed("canemure_load_inventory"):
        return _p(f"{message('failed', data.lang)}: canemure_load_inventory", "missing")
    return _p(f"{data.rule_name}: {label('no_emission_data', data.lang)}", "missing")


def _baseline(data: _Data) -> str:
    lang = data.lang
    reports = _baseline_reports(data)
    if reports is None:
        return _no_data(data)
    pair, series = reports
    years = [str(y) for y in pair.years]
    change = f"{label('change', lang)} {years[0]}–{years[-1]}"
    head = _head([(label("sector", lang), False), *((y, True) for y in years), (change, True)])

    def row(r: Any, cls: str = "") -> str:
        attr = f' class="{cls}"' if cls else ""
        cells = "".join(_cell(v, lang) for v in r.values)
        return (
            f"<tr{attr}><td>{_e(r.names.get(lang))}</td>{cells}"
            f"{_percent_cell(r.change_percent, lang)}</tr>"
        )

    rows = [row(r) for r in pair.rows]
    rows.append(row(pair.total, "total"))
    rows.append(
        f"<tr><td>{_e(label('population', lang))}</td>"
        + "".join(_cell(v, lang, 0) for v in pair.population)
        + "<td></td></tr>"
    )
    rows.append(
        f"<tr><td>{_e(label('per_resident', lang))} ({_e(_per_resident_unit(lang))})</td>"
        + "".join(_cell(v, lang, 2) for v in pair.per_resident)
        + "<td></td></tr>"
    )
    parts = [_tables(head, rows, _t("by_sector", lang).format(unit=pair.unit), per_table=30)]
    if pair.missing_municipalities:
        missing = ", ".join(
            gazetteer().municipality(c).names[lang] for c in pair.missing_municipalities
        )
        parts.append(_p(f"{label('missing_municipalities', lang)}: {missing}", "missing"))
    if data.charts and any(v is not None for v in pair.total.values):
        parts.append(_sector_chart(data))
    trend_head = _head(
        [
            (_t("year", lang), False),
            (f"{label('total', lang)} ({series.unit})", True),
            (label("population", lang), True),
            (f"{label('per_resident', lang)} ({_per_resident_unit(lang)})", True),
        ]
    )
    trend_rows = [
        f"<tr><td>{year}</td>{_cell(total, lang)}{_cell(residents, lang, 0)}"
        f"{_cell(ratio, lang, 2)}</tr>"
        for year, total, residents, ratio in zip(
            series.years,
            series.total.values,
            series.population,
            series.per_resident,
            strict=True,
        )
    ]
    parts.append(_tables(trend_head, trend_rows, _t("trend_table", lang), per_table=25))
    return "\n".join(parts)


@attrs.frozen
class _TargetRow:
    target: Target
    owner: str
    level: float | None
    reason: str | None
    latest: float | None
    constant: float | None
    trend: float | None
    recorded: bool


def _area_inventory(data: _Data, target: Target) -> EmissionInventory | None:
    inventory = data.inventory
    if inventory is None:
        return None
    code = target.municipality_code
    if code is not None:
        return inventory.sel(areas=[code]) if code in inventory.areas else None
    return inventory.to_regions([data.profile.region.code])


def _target_rows(data: _Data) -> list[_TargetRow]:
    from canemure.engine.levels import LevelError, target_level
    from canemure.engine.projection import Constant, LogLinearTrend, project
    from canemure.engine.trajectory import gap
    from canemure.i18n import describe

    rows = []
    for target in data.profile.targets:
        owner = target.city or data.profile.region.names[data.lang]
        area = _area_inventory(data, target)
        if area is None or data.latest is None:
            rows.append(_TargetRow(target, owner, None, None, None, None, None, False))
            continue
        try:
            level = target_level(target, area)
        except (LevelError, ValueError) as exc:
            reason = describe(exc, data.lang)  # why there is no level, in the report's language
            rows.append(_TargetRow(target, owner, None, reason, None, None, None, False))
            continue
        value = float(level.level.m_as(_KT)[0])
        now = float(gap(area, level).difference.m_as(_KT)[0, list(area.years).index(data.latest)])
        year = level.year
        if year <= data.latest:
            recorded = gap(area, level).difference.m_as(_KT)[0]
            at = float(recorded[list(area.years).index(year)]) if year in area.years else math.nan
            rows.append(_TargetRow(target, owner, value, None, now, at, at, True))
            continue
        window = data.window
        flat = gap(project(area, year, Constant()), level).difference.m_as(_KT)[0, -1]
        trend = math.nan
        if window is not None:
            projected = project(area, year, LogLinearTrend(window))
            trend = gap(projected, level).difference.m_as(_KT)[0, -1]
        rows.append(_TargetRow(target, owner, value, None, now, float(flat), float(trend), False))
    return rows


def _window_text(data: _Data) -> str:
    window = data.window
    return f"{window[0]}–{window[1]}" if window else label("not_estimated", data.lang)


def _targets(data: _Data) -> str:
    lang = data.lang
    profile = data.profile
    if not profile.targets:
        if profile.failed("canemure_targets"):
            return _p(f"{message('failed', lang)}: canemure_targets", "missing")
        return _p(_t("no_targets", lang), "missing")
    latest = data.latest
    head = _head(
        [
            (_t("target", lang), False),
            (_t("target_year", lang), True),
            (f"{_t('level', lang)} (kt CO2e/a)", True),
            (_t("gap_in", lang).format(year=latest if latest else "–"), True),
            (_t("gap_constant", lang), True),
            (_t("gap_trend", lang).format(window=_window_text(data)), True),
        ]
    )
    rows = []
    notes = []
    for row in _target_rows(data):
        target = row.target
        text = target.quote if lang == "fi" and target.quote else shown(target.text, lang)
        text_lang = "fi" if lang == "fi" and target.quote else "en"
        described = (
            f'{_e(row.owner)}: <span lang="{text_lang}">{_e(text)}</span>'
            f' <span class="id">[{_e(target.id)}]</span>'
        )
        if row.reason:
            notes.append(f"{target.id}: {row.reason}")
        level = (
            _cell(row.level, lang)
            if row.reason is None
            else f'<td class="num not-estimated">{_e(_t("no_level", lang))}</td>'
        )
        suffix = f" ({_t('recorded', lang)})" if row.recorded else ""
        rows.append(
            f"<tr><td>{described}</td>"
            f'<td class="num">{_e(target.target_year_text or "–")}</td>{level}'
            f"{_signed_cell(row.latest, lang)}{_signed_cell(row.constant, lang, suffix)}"
            f"{_signed_cell(row.trend, lang, suffix)}</tr>"
        )
    parts = [_tables(head, rows, per_table=8, cls="targets")]
    if _t("targets_language", lang):
        parts.append(_p(_t("targets_language", lang), "note"))
    if latest is not None:
        parts.append(
            _p(
                _t("targets_note", lang).format(
                    unit="kt CO2e/a", latest=latest, window=_window_text(data)
                ),
                "note",
            )
        )
    else:
        parts.append(_no_data(data))
    if notes:
        parts.append(_ul(notes, "notes"))
    if profile.failed("canemure_targets"):
        parts.append(_p(f"{message('failed', lang)}: canemure_targets", "missing"))
    return "\n".join(parts)


_STATUS_ORDER = ("implemented", "ongoing", "decided", "planned", "proposed", "unknown")


def _measure_name(measure: PublishedMeasure, lang: str) -> str:
    if lang in ("fi", "en"):
        name = measure.name.get(lang)
        own = (measure.name.fi if lang == "fi" else measure.name.en) is not None
        shown_lang = lang if own else ("en" if lang == "fi" else "fi")
    else:
        name = measure.name.get("fi")
        shown_lang = "fi" if measure.name.fi else "en"
    return f'<span lang="{shown_lang}">{_e(name)}</span>'


def _measures(data: _Data) -> str:
    lang = data.lang
    measures = data.profile.measures
    if not measures:
        if data.profile.failed("canemure_measures"):
            return _p(f"{message('failed', lang)}: canemure_measures", "missing")
        return _p(_t("no_measures", lang), "missing")
    owners = sorted({m.owner for m in measures})
    statuses = [s for s in _STATUS_ORDER if any(m.status.value == s for m in measures)]
    head = _head(
        [
            (_t("owner", lang), False),
            *((_t(f"status_{s}", lang), True) for s in statuses),
            (label("total", lang), True),
            (_t("with_effect_head", lang), True),
        ]
    )

    def count_row(name: str, chosen: Sequence[PublishedMeasure], cls: str = "") -> str:
        attr = f' class="{cls}"' if cls else ""
        by_status = Counter(m.status.value for m in chosen)
        cells = "".join(f'<td class="num">{by_status[s]}</td>' for s in statuses)
        effects = sum(1 for m in chosen if m.effect is not None)
        return (
            f'<tr{attr}><td>{_e(name)}</td>{cells}<td class="num">{len(chosen)}</td>'
            f'<td class="num">{effects}</td></tr>'
        )

    rows = [count_row(o, [m for m in measures if m.owner == o]) for o in owners]
    if len(owners) > 1:
        rows.append(count_row(label("total", lang), measures, "total"))
    parts = [_tables(head, rows, per_table=30)]
    ordered = sorted(
        measures,
        key=lambda m: (
            _STATUS_ORDER.index(m.status.value),
            m.effect is None,
            m.owner,
            m.name.get("fi" if lang == "sv" else lang),
        ),
    )
    shown = ordered[:_MEASURES_SHOWN]
    list_head = _head(
        [
            (_t("owner", lang), False),
            (_t("measure", lang), False),
            (label("sector", lang), False),
            (_t("status", lang), False),
            (_t("effect", lang), False),
        ]
    )
    tree = _sector_tree()
    list_rows = []
    for m in shown:
        sector = tree[m.sector].names.get(lang) if m.sector and m.sector in tree else "–"
        if m.effect_value_text:
            effect = _e(f"{m.effect_value_text} {m.effect_unit_text}".strip())
        else:
            effect = f'<span class="not-estimated">{_e(_t("no_figure", lang))}</span>'
        list_rows.append(
            f"<tr><td>{_e(m.owner)}</td><td>{_measure_name(m, lang)}</td><td>{_e(sector)}</td>"
            f"<td>{_e(_t(f'status_{m.status.value}', lang))}</td><td>{effect}</td></tr>"
        )
    parts.append(_p(_t("measures_shown", lang).format(shown=len(shown), n=len(measures)), "note"))
    if lang == "sv":
        parts.append(_p(_t("names_language", lang), "note"))
    parts.append(_tables(list_head, list_rows, per_table=15))
    return "\n".join(parts)


def _sector_tree() -> Any:
    from canemure.sectors import sector_hierarchy

    return sector_hierarchy()


def _ranking_rows(data: _Data) -> list[tuple[str, float, float, float, float]] | None:
    """Per municipality: code, total (kt), per resident (t), change since base (%), residents."""
    inventory = data.inventory
    if inventory is None or data.latest is None or data.base is None:
        return None
    years = sorted({data.base, data.latest})
    totals = inventory.sel(years=years).total()
    kt = totals.to(_KT).magnitude[:, 0, -1]
    change = totals.change(years[0]).sel(years=data.latest).m_as("percent")[:, 0, 0]
    if totals.population is not None:
        ratio = totals.per_resident("t CO2e / resident / a").sel(years=data.latest)
        per_resident = ratio.m_as("t CO2e / resident / a")[:, 0, 0]
        residents = totals.population.at(list(totals.areas), [data.latest]).m_as("resident")[:, 0]
    else:
        per_resident = np.full(len(kt), np.nan)
        residents = np.full(len(kt), np.nan)
    rows = [
        (code, float(kt[i]), float(per_resident[i]), float(change[i]), float(residents[i]))
        for i, code in enumerate(totals.areas)
    ]
    return sorted(rows, key=lambda r: (math.isnan(r[2]), -np.nan_to_num(r[2])))


def _ranking(data: _Data) -> str:
    lang = data.lang
    rows = _ranking_rows(data)
    if rows is None or data.inventory is None or data.latest is None or data.base is None:
        return _no_data(data)
    unit = _per_resident_unit(lang)
    parts = []
    has_population = data.inventory.population is not None
    if not has_population:
        parts.append(_p(_t("no_population", lang), "missing"))
    if data.charts and has_population:
        from canemure.charts import per_resident_ranking

        caption = _t("chart_ranking", lang).format(year=data.latest, unit=unit)
        figure = per_resident_ranking(data.inventory, data.latest, lang=lang)
        parts.append(_figure(_svg(figure, "ranking", caption), caption))
    head = _head(
        [
            (_t("rank", lang), True),
            (_t("municipality", lang), False),
            (f"{label('per_resident', lang)} {data.latest} ({unit})", True),
            (f"{label('total', lang)} {data.latest} (kt CO2e/a)", True),
            (f"{label('change', lang)} {data.base}–{data.latest}", True),
            (f"{label('population', lang)} {data.latest}", True),
        ]
    )
    gaz = gazetteer()
    body = []
    for position, (code, kt, ratio, change, residents) in enumerate(rows, start=1):
        rank = str(position) if math.isfinite(ratio) else "–"
        body.append(
            f'<tr><td class="num">{rank}</td><td>{_e(gaz.municipality(code).names[lang])}</td>'
            f"{_cell(ratio, lang, 2)}{_cell(kt, lang)}{_percent_cell(change, lang)}"
            f"{_cell(residents, lang, 0)}</tr>"
        )
    parts.append(_tables(head, body, per_table=30))
    return "\n".join(parts)


def _sources(data: _Data) -> str:
    lang = data.lang
    profile = data.profile
    gaz = gazetteer()
    parts = []
    reports = _baseline_reports(data)
    if data.sourced is not None and reports is not None:
        series = reports[1]
        gaps = Counter(g.area for g in series.gaps for _ in g.sectors)
        estimated = data.sourced.inventory.aggregate_sectors(3).estimated
        chosen = {c.area: c for c in data.sourced.choices}
        head = _head(
            [
                (_t("municipality", lang), False),
                (_t("source", lang), False),
                (_t("years_with_data", lang), False),
                (_t("missing_figures", lang), True),
            ]
        )
        rows = []
        inventory = data.sourced.inventory
        for code in (m.code for m in profile.municipalities):
            name = gaz.municipality(code).names[lang]
            if code not in chosen or code not in inventory.areas:
                rows.append(
                    f"<tr><td>{_e(name)}</td>"
                    f'<td class="not-estimated" colspan="3">{_e(label("not_estimated", lang))}'
                    "</td></tr>"
                )
                continue
            choice = chosen[code]
            i = list(inventory.areas).index(code)
            with_data = [y for k, y in enumerate(inventory.years) if bool(estimated[i, :, k].any())]
            kind = f"{label(f'kind_{choice.kind}', lang)} ({choice.provider})"
            rows.append(
                f"<tr><td>{_e(name)}</td><td>{_e(kind)}</td>"
                f"<td>{_e(format_years(with_data))}</td>"
                f'<td class="num">{gaps.get(code, 0)}</td></tr>'
            )
        parts.append(_tables(head, rows, f"{data.rule_name}", per_table=30))
        titles: dict[str, list[str]] = {}
        for use in series.sources:
            titles.setdefault(str(use.source), []).append(gaz.municipality(use.area).names[lang])
        parts.append(f"<h3>{_e(label('sources', lang))}</h3>")
        parts.append(_ul(f"{title} [{', '.join(names)}]" for title, names in titles.items()))
        if series.disagreements:
            parts.append(f"<h3>{_e(label('sources_disagree', lang))}</h3>")
            parts.append(_ul(disagreement_lines(series, lang), "failures"))
    else:
        parts.append(_no_data(data))
    if profile.data_years:
        head = _head(
            [
                (label("rule", lang), False),
                (_t("years_with_data", lang), False),
                (label("coverage", lang), False),
            ]
        )
        rows = [
            f"<tr><td>{_e(rule)}</td><td>{_e(format_years(years))}</td>"
            f"<td>{_e(label('share_estimated', lang).format(p=100 * profile.data_share[rule]))}"
            "</td></tr>"
            for rule, years in sorted(profile.data_years.items())
        ]
        parts.append(_tables(head, rows, _t("rules_data", lang)))
    return "\n".join(parts)


def _roadmap(data: _Data) -> str:
    return data.roadmap


def _failures(data: _Data) -> str:
    if not data.failures:
        return _p(_t("no_failures", data.lang), "note")
    return _ul((str(f) for f in data.failures), "failures")


def _sector_chart(data: _Data) -> str:
    from canemure.charts import emissions_by_sector
    from canemure.engine.levels import LevelError, target_level
    from canemure.engine.projection import LogLinearTrend, project
    from canemure.units import Q_

    inventory = data.inventory
    assert inventory is not None
    assert data.latest is not None
    region = inventory.to_regions([data.profile.region.code])
    marks = []
    for target in data.profile.targets:
        if target.municipality_code is not None:
            continue
        try:
            level = target_level(target, region)
        except (LevelError, ValueError):
            continue
        value = float(level.level.m_as(_KT)[0])
        if math.isfinite(value):
            marks.append((target.id, level.year, Q_(value, _KT)))
    end = max([data.latest + 6, *(year for _, year, _ in marks)])
    trajectory = None
    if data.window is not None:
        projected = project(region, end, LogLinearTrend(data.window))
        trajectory = projected.sel(years=list(range(data.latest, end + 1)))
    caption = _t("chart_sectors", data.lang).format(window=_window_text(data))
    figure = emissions_by_sector(
        region,
        lang=data.lang,
        trajectory=trajectory,
        targets=marks,
        title=data.profile.region.names[data.lang],
    )
    return _figure(_svg(figure, "sectors", caption), caption)
