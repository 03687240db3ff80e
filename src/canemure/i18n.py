"""The message catalogue: labels and messages of reports and commands in Finnish, Swedish, English.

Only report furniture is translated here; names of regions, municipalities and sectors come from
their own records (which carry fi/sv/en names from the source data).

Three kinds of entry:

* :func:`label`: one text per language (``{name}`` placeholders filled with ``str.format``);
* :func:`plural`: a count with the right form, ``1 puute`` / ``46 puutetta``; Finnish, Swedish
  and English all have two forms (one, other), so each entry holds two texts per language;
* :func:`unit_text` and :func:`rule_name`: a unit label (``t CO2e/asukas/a``,
  ``t CO2e/invånare/år``) and an accounting rule's name in the language.

Every entry has all three languages with the same placeholders; ``tests/test_i18n_catalogues.py``
checks that, for this catalogue and the others (:mod:`canemure.plugins.messages`, the chart texts).
"""

from __future__ import annotations

import re

__all__ = ["LANGUAGES", "check_language", "label", "plural", "rule_name", "unit_text"]

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
        "{year} ({sector}: {used_value} / {other_value}); {differ}",
        "{municipality}: använd {used}, åsidosatt {other}; största skillnad {diff} {unit} år "
        "{year} ({sector}: {used_value} / {other_value}); {differ}",
        "{municipality}: used {used}, set aside {other}; largest difference {diff} {unit} in "
        "{year} ({sector}: {used_value} vs {other_value}); {differ}",
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
        "{p:.0f} % kuntien pääsektoriluvuista saatavilla",
        "{p:.0f} % av kommunernas huvudsektorvärden finns",
        "{p:.0f} % of municipal main-sector figures available",
    ),
    "no_emission_data": (
        "ei lukuja; hae: canemure data download",
        "inga värden; hämta: canemure data download",
        "no figures; get them: canemure data download",
    ),
    "n_more": ("... ja {n} muuta", "... och {n} till", "... and {n} more"),
    "complete": (
        "kaikki luvut ovat SYKE:n arvioita",
        "alla värden är SYKE:s uppskattningar",
        "every figure estimated by SYKE",
    ),
    "complete_other": ("kaikki luvut saatavilla", "alla värden finns", "every figure available"),
    "syke_estimate": ("SYKE:n arvio", "SYKE:s uppskattning", "estimated by SYKE"),
    "in_finnish_only": ("vain suomeksi", "endast på finska", "in Finnish only"),
    "adapter_texts_note": (
        "Laajennuksen omat tekstit näytetään sellaisinaan, kääntämättä (sillä kielellä, jolla "
        "laajennus ne antaa).",
        "Tilläggets egna texter visas som de är, oöversatta (på det språk tillägget ger dem).",
        "The adapter's own texts are shown as published, untranslated (in the language the "
        "adapter gives them).",
    ),
    "area": ("Alue", "Område", "Area"),
    "area_code": ("aluekoodi", "områdeskod", "area_code"),
    "area_name": ("alue", "område", "area"),
    "rule_id": ("laskentatapa", "beräkningsmetod", "rule"),
    "sector_key": ("sektorikoodi", "sektorkod", "sector_key"),
    "sector_col": ("sektori", "sektor", "sector"),
    "year": ("vuosi", "år", "year"),
    "value": ("arvo", "värde", "value"),
    "unit_col": ("yksikkö", "enhet", "unit"),
    "status": ("tila", "status", "status"),
    "status_estimated": ("SYKE:n arvio", "SYKE:s uppskattning", "estimated by SYKE"),
    "status_available": ("saatavilla", "finns", "available"),
    "status_not_estimated": ("ei arvioitu", "ej uppskattad", "not estimated"),
    "row_source": ("lähde", "källa", "source"),
    "row_disagreement": ("eroavuus", "avvikelse", "disagreement"),
    "rank": ("Sija", "Plats", "Rank"),
    "ranking": (
        "Kuntien järjestys: {region}, järjestetty: {by}",
        "Kommunernas rangordning: {region}, ordnad efter: {by}",
        "Municipalities ranked: {region}, by: {by}",
    ),
    "by_total": ("päästöt yhteensä", "totala utsläpp", "total emissions"),
    "by_per_resident": (
        "päästöt asukasta kohden",
        "utsläpp per invånare",
        "emissions per resident",
    ),
    "col_rank": ("sija", "plats", "rank"),
    "col_base_year": ("perusvuosi", "basår", "base_year"),
    "col_total": ("yhteensä", "totalt", "total"),
    "col_per_resident": ("asukasta_kohden", "per_invånare", "per_resident"),
    "col_per_resident_unit": ("yksikkö_asukasta_kohden", "enhet_per_invånare", "per_resident_unit"),
    "col_change_percent": ("muutos_prosenttia", "förändring_procent", "change_percent"),
    "by_change": ("muutos", "förändring", "change"),
    "municipality": ("Kunta", "Kommun", "Municipality"),
    "total_in": ("Yhteensä {year}", "Totalt {year}", "Total {year}"),
    "per_resident_in": ("Asukasta kohden {year}", "Per invånare {year}", "Per resident {year}"),
    "per_resident_short": ("Asukasta kohden", "Per invånare", "Per resident"),
    "regions_title": (
        "Maakunnat: alueen laajennus ja päästötiedot",
        "Landskap: regionens tillägg och utsläppsdata",
        "Regions: region adapter and emission data",
    ),
    "region": ("Maakunta", "Landskap", "Region"),
    "code": ("Koodi", "Kod", "Code"),
    "canemure_region": ("Canemure", "Canemure", "Canemure"),
    "data": ("Päästötiedot", "Utsläppsdata", "Emission data"),
    "data_bundled": ("Mukana", "Medföljer", "Bundled"),
    "data_adapter": ("Laajennuksen tiedot", "Tilläggets data", "Adapter data"),
    "data_cache_head": ("Välimuisti", "Cacheminne", "Cache"),
    "adapter_failed_short": ("epäonnistui", "misslyckades", "failed"),
    "regions_data_note": (
        "sarakkeet: kunnat, joilla on päästötietoja (mukana canemuressa, käyttäjän välimuistissa, "
        "laajennuksen aineistossa)",
        "kolumnerna: kommuner med utsläppsdata (medföljer canemure, i användarens cacheminne, i "
        "tilläggets data)",
        "columns: municipalities with emission figures (bundled with canemure, in the user "
        "cache, in the adapter's data)",
    ),
    "col_canemure": ("canemure_alue", "canemure_område", "canemure_region"),
    "col_municipalities": ("kuntia", "kommuner", "municipalities"),
    "col_adapter": ("laajennus", "tillägg", "adapter"),
    "col_failed": ("epäonnistuneet_laajennukset", "misslyckade_tillägg", "failed_adapters"),
    "col_source_kind": ("lähteen_laji", "källans_typ", "source_kind"),
    "col_with_data": ("kuntia_tiedoin", "kommuner_med_data", "municipalities_with_data"),
    "col_section": ("osio", "avsnitt", "section"),
    "col_item": ("kohde", "post", "item"),
    "col_years": ("vuodet", "år", "years"),
    # canemure macc, --format xlsx, -o and progress lines
    "macc_title": (
        "Rajakustannuskäyrä: {scenario}",
        "Marginalkostnadskurva: {scenario}",
        "Marginal abatement cost curve: {scenario}",
    ),
    "macc_intro": (
        "{area}; {rule}; vähennys vuonna {year} perusuraan verrattuna",
        "{area}; {rule}; minskning år {year} jämfört med basbanan",
        "{area}; {rule}; abatement in {year} compared with the baseline",
    ),
    "macc_note": (
        "Halvin ensin: kunkin toimenpiteen vähennys on se, minkä se lisää ennen sitä "
        "listattujen jälkeen (päällekkäisyyksiä ei lasketa kahdesti). Kustannus = "
        "vuosikustannus täydessä laajuudessa. Toimenpiteet, joiden kustannusta ei ole arvioitu, "
        "ovat lopussa skenaarion järjestyksessä.",
        "Billigast först: varje åtgärds minskning är det den tillför efter dem som står före "
        "den (överlapp räknas inte två gånger). Kostnad = årlig kostnad vid full omfattning. "
        "Åtgärder vars kostnad inte uppskattats står sist, i scenariots ordning.",
        "Cheapest first: each measure's abatement is what it adds after those listed before it "
        "(overlaps are not counted twice). Cost = annualised cost at full deployment. Measures "
        "whose cost is not estimated come last, in the scenario's order.",
    ),
    "macc_compensation": (
        "kompensaatio: lasketaan erillään päästöistä, ei vähennä niitä",
        "kompensation: räknas skilt från utsläppen, minskar dem inte",
        "compensation: counted apart from emissions, abates nothing",
    ),
    "macc_no_measures": (
        "Skenaariossa ei ole toimenpiteitä.",
        "Scenariot har inga åtgärder.",
        "The scenario has no measures.",
    ),
    "macc_left_out": (
        "Kaaviosta puuttuvat (kustannus tai vähennys ei arvioitu): {names}",
        "Saknas i diagrammet (kostnad eller minskning ej uppskattad): {names}",
        "Not on the chart (cost or abatement not estimated): {names}",
    ),
    "macc_chart_empty": (
        "yhdellekään toimenpiteelle ei ole arvioitu sekä kustannusta että vähennystä; "
        "kaaviota ei piirretty",
        "ingen åtgärd har både kostnad och minskning uppskattade; inget diagram ritades",
        "no measure has both its cost and its abatement estimated; no chart drawn",
    ),
    "col_measure": ("Toimenpide", "Åtgärd", "Measure"),
    "col_status": ("Tila", "Status", "Status"),
    "col_abatement": ("Vähennys", "Minskning", "Abatement"),
    "col_cumulative": ("Kumulatiivinen vähennys", "Kumulativ minskning", "Cumulative abatement"),
    "col_annual_cost": ("Vuosikustannus", "Årlig kostnad", "Annualised cost"),
    "col_cost_per_tonne": ("Kustannus tonnia kohden", "Kostnad per ton", "Cost per tonne"),
    "col_note": ("Huomautus", "Anmärkning", "Note"),
    "col_municipality_code": ("kuntakoodi", "kommunkod", "municipality_code"),
    "written_by": ("Kirjoittanut", "Skriven av", "Written by"),
    "measure_status_proposed": ("ehdotettu", "föreslagen", "proposed"),
    "measure_status_planned": ("suunniteltu", "planerad", "planned"),
    "measure_status_decided": ("päätetty", "beslutad", "decided"),
    "measure_status_ongoing": ("käynnissä", "pågående", "ongoing"),
    "measure_status_implemented": ("toteutettu", "genomförd", "implemented"),
    "measure_status_unknown": ("ei tiedossa", "okänd", "not known"),
    "measure_status_cancelled": ("peruttu", "inställd", "cancelled"),
    "chart_suffix": (
        "--chart: kaavion tiedostopääte on .svg tai .png, ei {suffix!r}",
        "--chart: diagrammets filändelse ska vara .svg eller .png, inte {suffix!r}",
        "--chart: the chart file must end in .svg or .png, not {suffix!r}",
    ),
    "chart_written": (
        "kaavio kirjoitettu: {path}",
        "diagrammet skrevs: {path}",
        "chart written: {path}",
    ),
    "output_written": ("kirjoitettu: {path}", "skrevs: {path}", "written: {path}"),
    "xlsx_needs_output": (
        "--format xlsx kirjoittaa binaaritiedoston: anna -o TIEDOSTO.xlsx",
        "--format xlsx skriver en binär fil: ange -o FIL.xlsx",
        "--format xlsx writes a binary file: give -o FILE.xlsx",
    ),
    "xlsx_terminal": (
        "xlsx-tiedostoa ei kirjoiteta päätteelle: anna -o TIEDOSTO.xlsx tai ohjaa tuloste "
        "tiedostoon",
        "en xlsx-fil skrivs inte till terminalen: ange -o FIL.xlsx eller styr utdata till en fil",
        "will not write an xlsx file to the terminal: give -o FILE.xlsx or redirect the output "
        "to a file",
    ),
    "xlsx_not_estimated": (
        "Tyhjä solu = ei arvioitu (ei koskaan nolla)",
        "Tom cell = ej uppskattad (aldrig noll)",
        "Empty cell = not estimated (never zero)",
    ),
    "progress_download": ("Ladataan", "Laddar ner", "Downloading"),
    "progress_reading": (
        "Luetaan päästötietoja",
        "Läser utsläppsdata",
        "Reading emission data",
    ),
    "progress_roadmap": ("Lasketaan tiekarttaa", "Beräknar färdplanen", "Computing the roadmap"),
    "progress_report": ("Kootaan raporttia", "Sammanställer rapporten", "Compiling the report"),
    "report_roadmap": (
        "Tiekartta ja toimenpiteet",
        "Färdplan och åtgärder",
        "Roadmap and measures",
    ),
    "report_no_roadmap": (
        "Alueelle ei ole laskettu tiekarttaa: canemuressa ei ole alueen skenaariota. Kirjoita "
        "skenaariotiedosto (ks. examples/pohjois-karjala.toml) ja aja: canemure report {region} "
        "--scenario TIEDOSTO.toml",
        "Ingen färdplan har beräknats för regionen: canemure har inget scenario för den. Skriv "
        "en scenariofil (se examples/pohjois-karjala.toml) och kör: canemure report {region} "
        "--scenario FIL.toml",
        "No roadmap computed for this region: canemure has no scenario for it. Write a scenario "
        "file (see examples/pohjois-karjala.toml) and run: canemure report {region} "
        "--scenario FILE.toml",
    ),
    "report_roadmap_failed": (
        "Tiekarttaa ei voitu laskea: {reason}",
        "Färdplanen kunde inte beräknas: {reason}",
        "The roadmap could not be computed: {reason}",
    ),
    "report_roadmap_intro": (
        "Skenaario: {scenario}. Laskentatapa: {rule}. Perusura: {projection}.",
        "Scenario: {scenario}. Beräkningsmetod: {rule}. Basbana: {projection}.",
        "Scenario: {scenario}. Accounting rule: {rule}. Baseline: {projection}.",
    ),
    "report_roadmap_targets": (
        "Tavoitteet ja kuilu tavoitevuonna ({unit})",
        "Mål och gapet under målåret ({unit})",
        "Targets and the gap in the target year ({unit})",
    ),
    "report_roadmap_measures": (
        "Toimenpiteet ja niiden osuus vähennyksestä vuonna {year}",
        "Åtgärderna och deras andel av minskningen år {year}",
        "Measures and their share of the reduction in {year}",
    ),
    "report_roadmap_note": (
        "Vähennys = toimenpiteen osuus yhteisestä vähennyksestä (Shapley-arvo: "
        "päällekkäisyydet jaetaan tasan, osuudet summautuvat kokonaisvähennykseksi). Kuilu = "
        "päästöt miinus tavoitetaso; positiivinen luku on vielä vähennettävä määrä.",
        "Minskning = åtgärdens andel av den gemensamma minskningen (Shapley-värde: överlapp "
        "delas lika, andelarna summeras till den totala minskningen). Gap = utsläpp minus "
        "målnivå; ett positivt tal är det som ännu ska minskas.",
        "Reduction = the measure's share of the combined reduction (Shapley value: overlaps are "
        "shared equally, the shares add up to the total reduction). Gap = emissions minus the "
        "target level; positive is what is still to be cut.",
    ),
    "report_wedges_caption": (
        "Toimenpiteiden vähennykset perusurasta ({unit}); musta viiva: perusura ilman "
        "toimenpiteitä.",
        "Åtgärdernas minskningar från basbanan ({unit}); svart linje: basbanan utan åtgärder.",
        "The measures' reductions from the baseline ({unit}); black line: the baseline without "
        "measures.",
    ),
    "report_macc_caption": (
        "Rajakustannuskäyrä {year}: leveys = vähennys, korkeus = kustannus tonnia kohden; "
        "halvin ensin, kunkin vähennys edellisten jälkeen.",
        "Marginalkostnadskurva {year}: bredd = minskning, höjd = kostnad per ton; billigast "
        "först, varje minskning efter de föregående.",
        "Marginal abatement cost curve {year}: width = abatement, height = cost per tonne; "
        "cheapest first, each abatement after those before it.",
    ),
    "report_compensation": (
        "Kompensaatio {year} (lasketaan erillään päästöistä): {value} kt CO2e/a",
        "Kompensation {year} (räknas skilt från utsläppen): {value} kt CO2e/a",
        "Compensation in {year} (counted apart from emissions): {value} kt CO2e/a",
    ),
    "projection_constant": (
        "vuodet {first}-{last} pidetään vuoden {base} tasolla",
        "åren {first}-{last} hålls på {base} års nivå",
        "{first}-{last} held at the {base} level",
    ),
    "projection_log_linear": (
        "vuodet {first}-{last} jatkavat vuosien {window} log-lineaarista trendiä sektoreittain",
        "åren {first}-{last} fortsätter den log-linjära trenden {window} per sektor",
        "{first}-{last} continue the log-linear trend of {window} per sector",
    ),
    "col_target_year": ("Tavoitevuosi", "Målår", "Target year"),
    "col_level": ("Tavoitetaso", "Målnivå", "Target level"),
    "col_with_measures": ("Päästöt toimenpiteineen", "Utsläpp med åtgärder", "With measures"),
    "col_gap_measures": ("Kuilu toimenpiteineen", "Gap med åtgärder", "Gap with measures"),
    "col_gap_baseline": ("Kuilu ilman toimenpiteitä", "Gap utan åtgärder", "Gap without measures"),
    "col_milestone": ("Tavoite saavutetaan", "Målet nås", "Target met"),
    "col_reduction": ("Vähennys", "Minskning", "Reduction"),
    "col_share": ("Osuus", "Andel", "Share"),
    "total_reduction": ("Vähennys yhteensä", "Minskning totalt", "Total reduction"),
    "illustrative_mark": (
        "* = havainnollistava oletus, ei lähteeseen perustuva luku (ks. skenaariotiedosto)",
        "* = illustrativt antagande, inte ett källbelagt värde (se scenariofilen)",
        "* = illustrative assumption, not a sourced figure (see the scenario file)",
    ),
    "yes": ("kyllä", "ja", "yes"),
    "no": ("ei", "nej", "no"),
    "error": ("virhe", "fel", "error"),
    "internal_error": (
        "sisäinen virhe: {error}. Tämä on canemuren vika: ilmoita siitä osoitteeseen {url} "
        "(liitä komento ja tämä viesti).",
        "internt fel: {error}. Detta är ett fel i canemure: rapportera det på {url} "
        "(bifoga kommandot och detta meddelande).",
        "internal error: {error}. This is a bug in canemure: please report it at {url} "
        "(with the command and this message).",
    ),
    "hint_usage": (
        "ohje: canemure {command} --help",
        "hjälp: canemure {command} --help",
        "help: canemure {command} --help",
    ),
    "hint_no_data": (
        "tietoja puuttuu: hae ne (canemure data download ALUE) tai tuo ladatut tiedostot "
        "(canemure data import TIEDOSTOT); katso canemure regions",
        "uppgifter saknas: hämta dem (canemure data download OMRÅDE) eller importera "
        "nedladdade filer (canemure data import FILER); se canemure regions",
        "data missing: fetch it (canemure data download AREA) or import downloaded files "
        "(canemure data import FILES); see canemure regions",
    ),
    "years_no_figures": (
        "alueelle ei ole lukuja",
        "inga värden för området",
        "no figures for this area",
    ),
    "years_backwards": (
        "--years: väli {part} on väärinpäin",
        "--years: intervallet {part} går baklänges",
        "--years: range {part} runs backwards",
    ),
    "years_unreadable": (
        "--years: en ymmärrä {part}; käytä esim. 2007,2024 tai 2005-2024",
        "--years: kan inte läsa {part}; använd t.ex. 2007,2024 eller 2005-2024",
        "--years: cannot read {part}; use e.g. 2007,2024 or 2005-2024",
    ),
    "years_missing": (
        "--years: ei lukuja vuosille {years}; saatavilla: {first}-{last} ({n} vuotta)",
        "--years: inga värden för {years}; tillgängliga: {first}-{last} ({n} år)",
        "--years: no figures for {years}; available: {first}-{last} ({n} years)",
    ),
    "years_none": (
        "--years ei valitse yhtään vuotta",
        "--years väljer inget år",
        "--years selects no year",
    ),
    "rank_not_region": (
        "--rank järjestää maakunnan kunnat; {area} ei ole maakunta",
        "--rank rangordnar ett landskaps kommuner; {area} är inte ett landskap",
        "--rank ranks the municipalities of a region; {area} is not a region",
    ),
    "interrupted": ("keskeytetty", "avbrutet", "interrupted"),
    "partial_failure": (
        "{n} aluetta {total}:sta epäonnistui",
        "{n} av {total} områden misslyckades",
        "{n} of {total} areas failed",
    ),
    "fill_hint": (
        "Puuttuvat luvut: lataa kuntien tiedostot osoitteesta {url} ja aja: canemure data import",
        "Saknade värden: ladda ner kommunernas filer från {url} och kör: canemure data import",
        "To fill the gaps: download the municipalities' files from {url} and run: "
        "canemure data import",
    ),
}


_PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    # key: ((fi one, fi other), (sv one, sv other), (en one, en other))
    "gaps": (
        ("{n} puute", "{n} puutetta"),
        ("{n} saknad uppgift", "{n} saknade uppgifter"),
        ("{n} missing figure", "{n} missing figures"),
    ),
    "municipalities": (
        ("{n} kunta", "{n} kuntaa"),
        ("{n} kommun", "{n} kommuner"),
        ("{n} municipality", "{n} municipalities"),
    ),
    "figures_differ": (
        ("{n} luku eroaa", "{n} lukua eroaa"),
        ("{n} värde skiljer sig", "{n} värden skiljer sig"),
        ("{n} figure differs", "{n} figures differ"),
    ),
    "more": (
        ("... ja {n} muu", "... ja {n} muuta"),
        ("... och {n} till", "... och {n} till"),
        ("... and {n} more", "... and {n} more"),
    ),
    "factor_paths": (
        ("{n} päästökerroinpolku", "{n} päästökerroinpolkua"),
        ("{n} utsläppsfaktorbana", "{n} utsläppsfaktorbanor"),
        ("{n} emission factor path", "{n} emission factor paths"),
    ),
    "regions_with_adapter": (
        ("{n} maakunnalla on laajennus", "{n} maakunnalla on laajennus"),
        ("{n} landskap har ett tillägg", "{n} landskap har ett tillägg"),
        ("{n} region has an adapter", "{n} regions have an adapter"),
    ),
}

_RULE_NAMES: dict[str, tuple[str, str, str]] = {
    # rule id: (fi, sv, en); fi and en as in canemure.sectors, sv added here
    "all": ("Kaikki ALas-päästöt", "Alla ALas-utsläpp", "All ALas emissions"),
    "hinku": (
        "Hinku-laskenta ilman päästöhyvityksiä",
        "Hinku-beräkning utan utsläppskrediter",
        "HINKU calculation without credits",
    ),
    "hinku-credits": (
        "Hinku-laskenta päästöhyvityksillä",
        "Hinku-beräkning med vindkraftskrediter",
        "HINKU calculation with wind-power credits",
    ),
    "esr": (
        "Taakanjakosektori",
        "Ansvarsfördelningssektorn (ESR)",
        "Effort-sharing sectors (ESR) only",
    ),
    "ets": (
        "Päästökauppasektori",
        "Utsläppshandelssektorn (ETS)",
        "Emissions-trading sectors (ETS) only",
    ),
}

_UNIT_WORDS: dict[str, tuple[str, str, str]] = {
    # word of a unit label: (fi, sv, en)
    "resident": ("asukas", "invånare", "resident"),
    "a": ("a", "år", "a"),
}

_WORD = re.compile(r"[A-Za-z]+")


def check_language(lang: str) -> int:
    """The position of ``lang`` in :data:`LANGUAGES`; a clear error for any other language."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return LANGUAGES.index(lang)


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (``fi``, ``sv`` or ``en``)."""
    return _LABELS[key][check_language(lang)]


def plural(key: str, n: int, lang: str) -> str:
    """``n`` with the noun of ``key`` in the right form: ``1 puute``, ``46 puutetta``.

    >>> plural("gaps", 1, "en"), plural("gaps", 46, "fi"), plural("gaps", 1, "sv")
    ('1 missing figure', '46 puutetta', '1 saknad uppgift')
    """
    one, other = _PLURALS[key][check_language(lang)]
    return (one if n == 1 else other).format(n=n)


def rule_name(rule_id: str, lang: str) -> str:
    """The name of the accounting rule ``rule_id`` in ``lang`` (Swedish included).

    >>> rule_name("hinku", "sv")
    'Hinku-beräkning utan utsläppskrediter'
    """
    return _RULE_NAMES[rule_id][check_language(lang)]


def unit_text(unit: str, lang: str) -> str:
    """A unit label (:func:`canemure.units.unit_label`) with its words in ``lang``.

    >>> unit_text("t CO2e/resident/a", "fi"), unit_text("t CO2e/resident/a", "sv")
    ('t CO2e/asukas/a', 't CO2e/invånare/år')
    >>> unit_text("kt CO2e/a", "en")
    'kt CO2e/a'
    """
    index = check_language(lang)

    def word(match: re.Match[str]) -> str:
        found = _UNIT_WORDS.get(match.group(0))
        return found[index] if found else match.group(0)

    return _WORD.sub(word, unit)
