"""Labels of reports in Finnish, Swedish and English.

Only report furniture is translated here; names of regions, municipalities and sectors come from
their own records (which carry fi/sv/en names from the source data).
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "label"]

LANGUAGES = ("fi", "sv", "en")

_LABELS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "sector": ("Sektori", "Sektor", "Sector"),
    "total": ("Yhteensä", "Totalt", "Total"),
    "change": ("Muutos", "Förändring", "Change"),
    "per_resident": ("Päästöt asukasta kohden", "Utsläpp per invånare", "Emissions per resident"),
    "population": ("Asukasluku", "Invånarantal", "Population"),
    "not_estimated": ("ei arvioitu", "ej uppskattad", "not estimated"),
    "rule": ("Laskentatapa", "Beräkningsmetod", "Accounting rule"),
    "unit": ("Yksikkö", "Enhet", "Unit"),
    "sources": ("Lähteet", "Källor", "Sources"),
    "kind_user-import": ("käyttäjän tuonti", "användarens import", "user's import"),
    "kind_adapter": ("alueen laajennus", "regionens tillägg", "region adapter"),
    "kind_bundled": ("canemuren oma aineisto", "canemures egna data", "bundled with canemure"),
    "sources_disagree": ("Lähteet eroavat", "Källorna skiljer sig åt", "Sources disagree"),
    "disagreement": (
        "{municipality}: käytetty {used}, sivuutettu {other}; suurin ero {diff} {unit} vuonna "
        "{year} ({sector}: {used_value} / {other_value}); {n} lukua eroaa",
        "{municipality}: använd {used}, åsidosatt {other}; största skillnad {diff} {unit} år "
        "{year} ({sector}: {used_value} / {other_value}); {n} värden skiljer sig",
        "{municipality}: used {used}, set aside {other}; largest difference {diff} {unit} in "
        "{year} ({sector}: {used_value} vs {other_value}); {n} figures differ",
    ),
    "warning": ("varoitus", "varning", "warning"),
    "coverage": ("Kattavuus", "Täckning", "Coverage"),
    "baseline": ("Päästöjen lähtötaso", "Utsläppens utgångsnivå", "Baseline emissions"),
    "municipalities": ("Kunnat", "Kommuner", "Municipalities"),
    "n_municipalities": ("{n} kuntaa", "{n} kommuner", "{n} municipalities"),
    "missing_municipalities": (
        "Kunnat ilman tietoja",
        "Kommuner utan uppgifter",
        "Municipalities without data",
    ),
    "gaps": ("Puuttuvat tiedot", "Saknade uppgifter", "Missing figures"),
    "not_known": ("ei tiedossa", "inte känt", "not known"),
    "adapter": ("Alueen laajennus", "Regionens tillägg", "Region adapter"),
    "no_adapter": (
        "ei asennettu (canemure plugins)",
        "inte installerat (canemure plugins)",
        "none installed (canemure plugins)",
    ),
    "coordinators": ("Koordinaattorit", "Koordinatorer", "Coordinators"),
    "cooperation_group": ("Yhteistyöryhmä", "Samarbetsgrupp", "Cooperation group"),
    "meetings_per_year": ("Kokouksia vuodessa", "Möten per år", "Meetings per year"),
    "members": ("Jäsenet", "Medlemmar", "Members"),
    "roadmap": ("Tiekartta", "Färdplan", "Roadmap"),
    "themes": ("Teemat", "Teman", "Themes"),
    "partial_list": ("osa teemoista", "en del av temana", "partial list"),
    "targets": ("Tavoitteet", "Mål", "Targets"),
    "measures": (
        "Julkaistut toimenpiteet",
        "Publicerade åtgärder",
        "Published measures",
    ),
    "with_effect": (
        "{n} vaikutusarviolla",
        "{n} med effektuppskattning",
        "{n} with a published effect",
    ),
    "emission_data": ("Päästötiedot (vuodet)", "Utsläppsdata (år)", "Emission data (years)"),
    "share_estimated": (
        "{p:.0f} % kuntien pääsektoriluvuista arvioitu",
        "{p:.0f} % av kommunernas huvudsektorvärden uppskattade",
        "{p:.0f} % of municipal main-sector figures estimated",
    ),
    "no_emission_data": (
        "ei lukuja; hae: canemure data download",
        "inga värden; hämta: canemure data download",
        "no figures; get them: canemure data download",
    ),
    "n_more": ("... ja {n} muuta", "... och {n} till", "... and {n} more"),
    "complete": ("kaikki luvut arvioitu", "alla värden uppskattade", "every figure estimated"),
    "fill_hint": (
        "Puuttuvat luvut: lataa kuntien tiedostot osoitteesta {url} ja aja: canemure data import",
        "Saknade värden: ladda ner kommunernas filer från {url} och kör: canemure data import",
        "To fill the gaps: download the municipalities' files from {url} and run: "
        "canemure data import",
    ),
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (``fi``, ``sv`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return _LABELS[key][LANGUAGES.index(lang)]
