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
from typing import Any

__all__ = [
    "LANGUAGES",
    "Text",
    "argparse_text",
    "check_language",
    "describe",
    "error_text",
    "label",
    "plural",
    "rule_name",
    "said",
    "shown",
    "unit_text",
]

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
    "adapter_texts_unmarked": (
        "Laajennuksen tekstit, joiden kieltä se ei kerro, näytetään sellaisinaan (ilman "
        "kielimerkintää).",
        "Tilläggets texter vars språk det inte anger visas som de är (utan språkmarkering).",
        "The adapter's texts whose language it does not say are shown as given (without a "
        "language mark).",
    ),
    "in_lang_fi": ("suomeksi", "på finska", "in Finnish"),
    "in_lang_sv": ("ruotsiksi", "på svenska", "in Swedish"),
    "in_lang_en": ("englanniksi", "på engelska", "in English"),
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
    # canemure plugins (and --check REGION)
    "plugins_head": (
        "canemure {version}: laajennuksia ladattu {loaded}, epäonnistui {failed}, ohitettu "
        "{skipped}",
        "canemure {version}: {loaded} tillägg laddade, {failed} misslyckades, {skipped} "
        "överhoppade",
        "canemure {version}: {loaded} plugin(s) loaded, {failed} failed, {skipped} skipped",
    ),
    "plugins_loaded": ("Ladatut:", "Laddade:", "Loaded:"),
    "plugins_builtin": ("sisäänrakennettu", "inbyggt", "built-in"),
    "plugins_regions": ("maakunnat:", "landskap:", "regions:"),
    "plugins_hooks": ("koukut:", "krokar:", "hooks:"),
    "plugins_failed": (
        "Epäonnistuneet (muut laajennukset toimivat edelleen):",
        "Misslyckade (de andra tilläggen fungerar fortfarande):",
        "Failed (the other plugins keep working):",
    ),
    "plugins_warnings": ("Varoitukset:", "Varningar:", "Warnings:"),
    "plugins_skipped": ("Ohitetut:", "Överhoppade:", "Skipped:"),
    "plugin_created": ("luotu {root}", "skapade {root}", "created {root}"),
    "plugin_next": (
        "seuraavaksi: {command}",
        "sedan: {command}",
        "next: {command}",
    ),
    "probe_served": (
        "maakunta {region}: palvelee {by}",
        "landskapet {region}: betjänas av {by}",
        "region {region}: served by {by}",
    ),
    "probe_unclaimed": (
        "mikään laajennus ei palvele sitä",
        "inget tillägg betjänar det",
        "no plugin claims it",
    ),
    "probe_not_implemented": (
        "mikään laajennus ei toteuta tätä koukkua",
        "inget tillägg implementerar den här kroken",
        "no plugin implements it",
    ),
    "probe_silent": (
        "(laajennuksia, joilla ei ollut mitään tälle maakunnalle: {n})",
        "(tillägg som inte hade något för det här landskapet: {n})",
        "({n} plugin(s) had nothing for this region)",
    ),
    "probe_refused": (
        "hylätty latauksessa (ei kysytty):",
        "avvisade vid laddning (inte tillfrågade):",
        "refused at load (not asked):",
    ),
    "probe_total": (
        "vastauksia {calls}, epäonnistui {failed}; latauksessa hylättyjä laajennuksia {refused}",
        "{calls} svar, {failed} misslyckades; {refused} tillägg avvisade vid laddning",
        "{calls} answer(s), {failed} failed; {refused} plugin(s) refused at load",
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


# ----------------------------------------------------------------------------- errors
# The library raises its errors in English (``str(error)``) and keeps them structured
# (:mod:`canemure.errors`); the command line says them in the user's language with
# :func:`describe`. A keyed error's English text is its entry here, so the two cannot drift.

_ERRORS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en); a parameter named ``rule`` is an accounting rule id, said by its name
    "as_raised": ("{error}", "{error}", "{error}"),
    # ``canemure plugins --check``: each plugin's answer to each hook, in short
    "probe_ok": ("ok: {summary}", "ok: {summary}", "ok: {summary}"),
    "probe_no_answer": ("ei vastausta (None)", "inget svar (None)", "no answer (None)"),
    "probe_failed": ("EPÄONNISTUI: {reason}", "MISSLYCKADES: {reason}", "FAILED: {reason}"),
    "probe_declares": ("ilmoittaa {ids}", "anger {ids}", "declares {ids}"),
    "probe_declares_other": (
        "ilmoittaa {ids} (muut maakunnat)",
        "anger {ids} (andra landskap)",
        "declares {ids} (other regions)",
    ),
    "probe_declares_none": (
        "ei ilmoita yhtään maakuntaa",
        "anger inget landskap",
        "declares no region",
    ),
    "probe_untitled_roadmap": (
        "tiekartta ilman otsikkoa",
        "färdplan utan titel",
        "roadmap without a title",
    ),
    "problem_line": ("rivi {line}", "rad {line}", "line {line}"),
    "problem_column": ("sarake {column!r}", "kolumn {column!r}", "column {column!r}"),
    # data readers (io): SYKE CSV and Excel files, tidy CSV, IAMC tables, the cache manifest,
    # the bundled tables and the CSV tools they share; a parameter ``what`` or ``hint`` is a
    # keyed Message (said in the language), the others are data
    "csv_what_file": ("tiedosto", "filen", "the file"),
    "csv_what_syke_csv": (
        "SYKE:n kunta_<n>.csv-tiedosto",
        "SYKE-filen kunta_<n>.csv",
        "a SYKE kunta_<n>.csv file",
    ),
    "csv_what_syke_population": (
        "SYKE:n asukasluvut_<vuosi>.csv-tiedosto",
        "SYKE-filen asukasluvut_<år>.csv",
        "a SYKE asukasluvut_<year>.csv file",
    ),
    "csv_what_tidy": (
        "canemuren siisti CSV-tiedosto (tidy)",
        "canemures prydliga CSV-fil (tidy)",
        "a canemure tidy CSV file",
    ),
    "csv_what_team": ("tiimin CSV-tiedosto", "teamets CSV-fil", "a team's CSV file"),
    "csv_what_syke_excel": (
        "SYKE:n ALas-Excel-vienti (.xlsx)",
        "SYKE:s ALas-Excelexport (.xlsx)",
        "a SYKE ALas Excel export (.xlsx)",
    ),
    "csv_bound_residents": ("{bound} asukasta", "{bound} invånare", "{bound} residents"),
    "csv_not_utf8": (
        "{what} ei ole UTF-8-tekstiä: tavua {byte!r} ei voi tulkita; odotettiin UTF-8:aa{hint}",
        "{what} är inte UTF-8-text: byten {byte!r} kan inte avkodas; förväntade UTF-8{hint}",
        "{what} is not UTF-8 text: byte {byte!r} cannot be decoded; expected UTF-8{hint}",
    ),
    "csv_latin1_hint": (
        "; se näyttää Latin-1/Windows-1252-tekstiltä (rivi kuuluisi silloin {snippet!r}): "
        "tallenna se uudelleen UTF-8-muodossa",
        "; den ser ut som Latin-1/Windows-1252-text (raden skulle då lyda {snippet!r}): "
        "spara den på nytt som UTF-8",
        "; it looks like Latin-1/Windows-1252 text (that line would read {snippet!r}): "
        "re-save it as UTF-8",
    ),
    "csv_separator_semicolon": ("puolipiste", "semikolon", "semicolon"),
    "csv_separator_comma": ("pilkku", "komma", "comma"),
    "csv_separator_tab": ("sarkain", "tabb", "tab"),
    "csv_separator_bar": ("pystyviiva", "lodstreck", "vertical bar"),
    "csv_separator_other": (
        "{what}: sarakkeiden erottimen pitää olla {expected_name} ({expected!r}), mutta "
        "otsikkorivin erotin näyttää olevan {found}",
        "{what}: kolumnavgränsaren ska vara {expected_name} ({expected!r}), men rubrikradens "
        "avgränsare verkar vara {found}",
        "{what} must be {expected_name}-separated ({expected!r}), but its header looks "
        "{found}-separated",
    ),
    "csv_separator_one_column": (
        "{what}: sarakkeiden erottimen pitää olla {expected_name} ({expected!r}); "
        "otsikkorivillä on vain yksi sarake",
        "{what}: kolumnavgränsaren ska vara {expected_name} ({expected!r}); rubrikraden har "
        "bara en kolumn",
        "{what} must be {expected_name}-separated ({expected!r}); the header has one column",
    ),
    "csv_empty_header": (
        "{what} on tyhjä tai sen ensimmäinen rivi on tyhjä; odotettiin otsikkoriviä",
        "{what} är tom eller dess första rad är tom; förväntade en rubrikrad",
        "{what} is empty or its first line is blank; expected a header",
    ),
    "csv_unexpected_column": (
        "odottamaton sarake {position}{hint} (odotetut sarakkeet: {expected})",
        "oväntad kolumn {position}{hint} (förväntade kolumner: {expected})",
        "unexpected column {position}{hint} (expected columns: {expected})",
    ),
    "csv_not_bool": (
        "ei totuusarvo; odotettiin TRUE/FALSE, true/false, 1/0, yes/no, kyllä/ei tai T/F",
        "inte ett sanningsvärde; förväntade TRUE/FALSE, true/false, 1/0, yes/no, kyllä/ei "
        "eller T/F",
        "not a boolean; expected TRUE/FALSE, true/false, 1/0, yes/no, kyllä/ei or T/F",
    ),
    "csv_is_folder": (
        "{target} on kansio eikä tiedosto; anna itse tiedoston polku ({what}: tiedosto "
        "kansion sisällä)",
        "{target} är en mapp, inte en fil; ange sökvägen till själva filen ({what}: en fil "
        "i mappen)",
        "{target} is a folder, not a file; pass the path of {what} itself (a file inside "
        "the folder)",
    ),
    "csv_not_regular": (
        "{target} on {kind} eikä tavallinen tiedosto; canemure lukee tiedot ({what}) "
        "tallennetusta tiedostosta: tallenna tiedot ensin tiedostoon ja anna sen polku",
        "{target} är {kind}, inte en vanlig fil; canemure läser uppgifterna ({what}) från en "
        "sparad fil: spara dem först i en fil och ange den filens sökväg",
        "{target} is {kind}, not a regular file; canemure reads {what} from a saved file: "
        "save the data to a file first and pass that file's path",
    ),
    "csv_kind_fifo": ("nimetty putki (FIFO)", "ett namngivet rör (FIFO)", "a named pipe (FIFO)"),
    "csv_kind_character_device": ("merkkilaite", "en teckenenhet", "a character device"),
    "csv_kind_block_device": ("lohkolaite", "en blockenhet", "a block device"),
    "csv_kind_socket": ("pistoke (socket)", "en socket", "a socket"),
    "csv_kind_other": (
        "ei tavallinen tiedosto",
        "inte en vanlig fil",
        "not a regular file",
    ),
    "csv_permission_denied": (
        "tiedostoa {target} ei voi lukea: lukuoikeus puuttuu; anna käyttäjällesi lukuoikeus "
        "(esim. chmod u+r) tai kopioi tiedosto omaan kansioosi",
        "det går inte att läsa {target}: åtkomst nekad; gör filen läsbar för din användare "
        "(t.ex. chmod u+r) eller kopiera den till en egen mapp",
        "cannot read {target}: permission denied; make the file readable for your user "
        "(e.g. chmod u+r) or copy it to a folder of your own",
    ),
    "csv_unreadable": (
        "tiedostoa {target} ei voi lukea: {reason}; tarkista levy tai kopioi tiedosto",
        "det går inte att läsa {target}: {reason}; kontrollera disken eller kopiera filen",
        "cannot read {target}: {reason}; check the disk or copy the file",
    ),
    "syke_excel_not_a_number": (
        "{what}: ei ole luku",
        "{what}: inte ett tal",
        "{what} is not a number",
    ),
    "syke_excel_cell": ("{what}: {error}", "{what}: {error}", "{what}: {error}"),
    "syke_excel_not_finite": (
        "{what}: ei äärellinen luku",
        "{what}: inte ett ändligt tal",
        "{what} is not a finite number",
    ),
    "syke_excel_encrypted": (
        "työkirja on suojattu salasanalla (salattu), joten sitä ei voi lukea; avaa se Excelissä "
        "tai LibreOfficessa, poista salasana (tallenna ilman salasanaa) ja anna tämä kopio",
        "arbetsboken är lösenordsskyddad (krypterad), så den kan inte läsas; öppna den i Excel "
        "eller LibreOffice, ta bort lösenordet (spara den utan) och ange den kopian",
        "the workbook is password-protected (encrypted), so it cannot be read; open it in "
        "Excel or LibreOffice, remove the password (save it without one) and pass that copy",
    ),
    "syke_excel_xls": (
        "tämä on vanha Excel 97-2003 -työkirja (.xls) eikä .xlsx-työkirja; avaa se Excelissä "
        "tai LibreOfficessa ja tallenna se .xlsx-muodossa (Excel-työkirja)",
        "detta är en gammal Excel 97-2003-arbetsbok (.xls), inte en .xlsx-arbetsbok; öppna "
        "den i Excel eller LibreOffice och spara den som .xlsx (Excel-arbetsbok)",
        "this is an old Excel 97-2003 workbook (.xls), not an .xlsx workbook; open it in "
        "Excel or LibreOffice and save it as .xlsx (Excel Workbook)",
    ),
    "syke_excel_not_xlsx": (
        "ei Excelin .xlsx-työkirja (alku on {start!r}); odotettiin SYKE:n ALas-vientiä "
        "(ALas_<Kunta>_data_<päiväys>.xlsx)",
        "inte en Excel-arbetsbok .xlsx (den börjar med {start!r}); förväntade SYKE:s "
        "ALas-export (ALas_<Kunta>_data_<datum>.xlsx)",
        "not an Excel .xlsx workbook (it starts with {start!r}); expected SYKE's ALas export "
        "(ALas_<Kunta>_data_<date>.xlsx)",
    ),
    "syke_excel_no_sheet": (
        "työkirjassa ei ole taulukkoa {sheet!r} (siinä on {names}); odotettiin SYKE:n ALas-vientiä",
        "arbetsboken har inget blad {sheet!r} (den har {names}); förväntade SYKE:s ALas-export",
        "the workbook has no sheet {sheet!r} (it has {names}); expected SYKE's ALas export",
    ),
    "syke_excel_damaged": (
        "ei Excelin .xlsx-työkirja tai se on vioittunut ({error}); lataa tai vie se "
        "uudelleen, tai avaa se Excelissä tai LibreOfficessa ja tallenna se",
        "inte en Excel-arbetsbok .xlsx, eller en skadad ({error}); ladda ner eller exportera "
        "den igen, eller öppna den i Excel eller LibreOffice och spara den",
        "not an Excel .xlsx workbook, or a damaged one ({error}); download or export it "
        "again, or open it in Excel or LibreOffice and save it",
    ),
    "syke_excel_merged": (
        "yhdistetyt solut {ref}: yhdistetyn alueen arvo säilyy vain sen ensimmäisessä solussa, "
        "muut luettaisiin tyhjinä; pura solujen yhdistäminen ja kirjoita jokainen arvo",
        "sammanslagna celler {ref}: bara den första cellen i ett sammanslaget område behåller "
        "sitt värde, de andra skulle läsas som tomma; dela upp cellerna och fyll i varje värde",
        "merged cells {ref}: only the first cell of a merged range keeps its value, the others "
        "would read as empty; unmerge the cells and enter every value",
    ),
    "syke_excel_formula": (
        "kaava ilman tallennettua tulosta (työkirjan kirjoittanut ohjelma ei laske kaavoja), "
        "joten sen arvoa ei voi lukea; avaa työkirja Excelissä tai LibreOfficessa, anna sen "
        "laskea kaavat uudelleen ja tallenna se",
        "en formel utan sparat resultat (arbetsboken skrevs av ett program som inte räknar), "
        "så dess värde kan inte läsas; öppna arbetsboken i Excel eller LibreOffice, låt den "
        "räkna om och spara den",
        "a formula without a saved result (the workbook was written by a program that does "
        "not calculate), so its value cannot be read; open the workbook in Excel or "
        "LibreOffice, let it recalculate, and save it",
    ),
    "syke_excel_year_repeats": (
        "vuosi {year} on jo solussa {first}",
        "året {year} finns redan i {first}",
        "year {year} repeats {first}",
    ),
    "syke_excel_no_years": (
        "rivillä 1 ei ole vuosia kunnan nimen jälkeen",
        "rad 1 har inga år efter kommunens namn",
        "row 1 has no years after the municipality name",
    ),
    "syke_excel_outside_years": (
        "arvo vuosisarakkeiden ulkopuolella (rivillä 1 ei ole sen yläpuolella vuotta)",
        "värde utanför årskolumnerna (rad 1 har inget år ovanför det)",
        "value outside the year columns (row 1 has no year above it)",
    ),
    "syke_excel_unknown_municipality": (
        "{error}; anna municipality=<numero>",
        "{error}; ange municipality=<nummer>",
        "{error}; pass municipality=<code>",
    ),
    "syke_excel_name_missing": (
        "kunnan nimi puuttuu; anna municipality=<numero>",
        "kommunens namn saknas; ange municipality=<nummer>",
        "the municipality name is missing; pass municipality=<code>",
    ),
    "syke_excel_from_cell": (
        "solu {cell} ({name!r})",
        "cellen {cell} ({name!r})",
        "cell {cell} ({name!r})",
    ),
    "syke_excel_from_file_name": (
        "tiedoston nimi {name!r}",
        "filnamnet {name!r}",
        "the file name {name!r}",
    ),
    "syke_excel_municipality_conflict": (
        "{origin} ilmoittaa kunnaksi {first} ({code}), mutta {where} ilmoittaa toisen kunnan, "
        "{second} ({other}); anna tarkoittamasi kunnan tiedosto tai se kunta, jonka tiedot "
        "tiedostossa ovat",
        "{origin} anger kommunen {first} ({code}), men {where} anger en annan kommun, "
        "{second} ({other}); ange filen för den kommun du menar, eller den kommun som filen "
        "gäller",
        "{origin} names {first} ({code}), but {where} names another municipality, {second} "
        "({other}); pass the file of the municipality you mean, or the municipality this "
        "file holds",
    ),
    "syke_excel_population_mismatch": (
        "vuoden {year} asukasluku ei sovi kuntaan {name} ({code}), jossa oli {population} "
        "asukasta 31.12.2020 (canemuren vertailuluettelo): rivit näyttävät olevan toisen "
        "kunnan; anna kunnan {name} tiedosto tai se kunta, jonka tiedot tiedostossa ovat",
        "invånarantalet för {year} passar inte {name} ({code}), som hade {population} "
        "invånare 31.12.2020 (canemures referenslista): raderna verkar höra till en annan "
        "kommun; ange filen för {name} eller den kommun som filen gäller",
        "the population of {year} does not fit {name} ({code}), which had {population} "
        "residents on 31.12.2020 (canemure's reference list): the rows seem to be another "
        "municipality's; pass the file of {name} or the municipality this file holds",
    ),
    "syke_excel_total_mismatch": (
        "kokonaismäärä ei vastaa yläpuolisten sektorien summaa ({total} kt CO2e; "
        "pyöristystoleranssi {tolerance})",
        "totalen stämmer inte med summan av sektorerna ovanför ({total} kt CO2e; "
        "avrundningstolerans {tolerance})",
        "the total does not match the sum of the sectors above it ({total} kt CO2e; "
        "rounding tolerance {tolerance})",
    ),
    "syke_excel_per_resident_mismatch": (
        "päästöt asukasta kohden eivät vastaa osamäärää kokonaispäästöt / asukasluku "
        "({expected} t CO2e; pyöristystoleranssi {tolerance})",
        "utsläppen per invånare stämmer inte med totalen / invånarantalet ({expected} t CO2e; "
        "avrundningstolerans {tolerance})",
        "emissions per resident do not match total / population ({expected} t CO2e; "
        "rounding tolerance {tolerance})",
    ),
    "syke_excel_too_few_rows": (
        "taulukossa on {rows} riviä; viennissä on vähintään {needed} (sektorit, hyvitykset, "
        "kokonaismäärä, asukasta kohden, asukasluku, laskentatapa)",
        "bladet har {rows} rader; exporten har minst {needed} (sektorer, krediter, total, "
        "per invånare, invånarantal, beräkningsmetod)",
        "the sheet has {rows} rows; the export has at least {needed} (sectors, credits, "
        "total, per resident, population, method)",
    ),
    "syke_excel_unknown_sector": (
        "{error}; odotettiin {expected!r}",
        "{error}; förväntade {expected!r}",
        "{error}; expected {expected!r}",
    ),
    "syke_excel_wrong_sector": (
        "tässä pitäisi olla sektori {expected!r} (SYKE:n sektorijärjestys)",
        "här förväntades sektorn {expected!r} (SYKE:s ordning av sektorer)",
        "expected the sector {expected!r} here (SYKE's order of sectors)",
    ),
    "syke_excel_unknown_method": (
        "tuntematon laskentatapa; odotettiin yhtä näistä: {names}",
        "okänd beräkningsmetod; förväntade en av: {names}",
        "unknown calculation method; expected one of {names}",
    ),
    "syke_excel_population_not_whole": (
        "asukasluvun pitää olla positiivinen kokonaisluku (NA, jos sitä ei tiedetä)",
        "invånarantalet ska vara ett positivt heltal (NA om det inte är känt)",
        "population must be a positive whole number (NA if unknown)",
    ),
    "syke_csv_name_conflict": (
        "tiedoston nimen mukaan kunta on {said}, mutta municipality={given!r} tarkoittaa "
        "kuntaa {code} ({name}); SYKE nimeää jokaisen tiedoston kuntansa mukaan: nimeä "
        "tiedosto uudelleen tai anna kunta, jonka tiedot siinä ovat",
        "enligt filnamnet är kommunen {said}, men municipality={given!r} anger {code} "
        "({name}); SYKE namnger varje fil efter dess kommun: byt namn på filen eller ange "
        "den kommun som filen gäller",
        "the file name says municipality {said}, but municipality={given!r} names {code} "
        "({name}); SYKE names each file after its municipality: rename the file or pass the "
        "municipality it holds",
    ),
    "syke_csv_code_unknown": (
        "tiedoston nimessä oleva kuntanumero ei ole canemuren vertailuluettelon kunta "
        "(vuoden 2025 kuntajako); anna municipality=<numero tai nimi>",
        "kommunnumret i filnamnet är inte en kommun i canemures referenslista "
        "(kommunindelningen 2025); ange municipality=<nummer eller namn>",
        "the municipality code in the file name is not a municipality of canemure's "
        "reference list (2025 structure); pass municipality=<code or name>",
    ),
    "syke_csv_no_leaf": (
        "ALasissa ei ole lehtisektoria {level5}, jolla hinku_laskenta={hinku} ja "
        "päästökauppa={ets}; se on olemassa arvoilla {existing}",
        "ALas har ingen lövsektor {level5} med hinku_laskenta={hinku} och "
        "päästökauppa={ets}; den finns med {existing}",
        "ALas has no leaf {level5} with hinku_laskenta={hinku} and päästökauppa={ets}; it "
        "exists with {existing}",
    ),
    "syke_csv_cut_off": (
        "tiedosto näyttää katkenneen viimeisen rivinsä jälkeen: {cut}; siitä puuttuvat ne "
        "lehtisektorit, jotka tiedoston muina vuosina tulevat seuraavaksi, kuten kun lataus "
        "keskeytyy; lataa tai vie tiedosto uudelleen",
        "filen verkar avbruten efter sin sista rad: {cut}; den saknar de lövsektorer som följer "
        "i filens andra år, som när en nedladdning avbryts; ladda ner eller exportera filen "
        "igen",
        "the file looks cut off after its last line: {cut}; the leaves it lacks are the ones "
        "that follow in the file's other years, as when a download stops short; download or "
        "export the file again",
    ),
    "syke_csv_short_year": (
        "vuodella {year} on {rows} riviä, kun tiedoston muilla vuosilla on {typical}; siltä "
        "puuttuu {count}: {shown}{more}",
        "året {year} har {rows} rader där filens andra år har {typical}; det saknar {count}: "
        "{shown}{more}",
        "year {year} lists {rows} rows where the file's other years list {typical}; it lacks "
        "{count}: {shown}{more}",
    ),
    "syke_csv_and_more": (" ja {count} muuta", " och {count} till", " and {count} more"),
    "syke_csv_population_column": (
        "asukaslukusaraketta ei voi päätellä: odotettiin täsmälleen yhtä otsikkoa, jossa on "
        "'asukas' tai 'väestö', löytyi {count} sarakkeista {found}",
        "kolumnen med invånarantal framgår inte: förväntade exakt en rubrik som innehåller "
        "'asukas' eller 'väestö', hittade {count} bland {found}",
        "cannot tell the population column: expected exactly one header containing 'asukas' "
        "or 'väestö', found {count} among {found}",
    ),
    "syke_csv_year_from_name": (
        "vuotta ei voi päätellä: tiedoston nimi ei ole muotoa asukasluvut_<vuosi>.csv; anna "
        "year=<vuosi>",
        "året framgår inte: filnamnet är inte asukasluvut_<år>.csv; ange year=<år>",
        "cannot tell the year: the file name is not asukasluvut_<year>.csv; pass year=<year>",
    ),
    "syke_csv_population_not_whole": (
        "asukasluvun pitää olla kokonaisluku",
        "invånarantalet ska vara ett heltal",
        "population must be a whole number",
    ),
    "syke_csv_population_not_positive": (
        "asukasluvun pitää olla positiivinen (kunnassa on asukkaita; NA, jos sitä ei tiedetä)",
        "invånarantalet ska vara positivt (en kommun har invånare; NA om det inte är känt)",
        "population must be positive (a municipality has residents; NA if unknown)",
    ),
    "syke_csv_not_a_code": (
        "ei ole kuntanumero",
        "inte ett kommunnummer",
        "not a municipality code",
    ),
    "syke_csv_unknown_code": (
        "tuntematon kuntanumero (ei canemuren vertailuluettelossa, vuoden 2025 kuntajako)",
        "okänt kommunnummer (finns inte i canemures referenslista, kommunindelningen 2025)",
        "unknown municipality code (not in canemure's reference list, 2025 structure)",
    ),
    "syke_csv_duplicate_municipality": (
        "sama kunta kahdesti, se on jo rivillä {first}",
        "dubblerad kommun, finns redan på rad {first}",
        "duplicate municipality, already on line {first}",
    ),
    "tidy_not_a_unit": ("ei ole yksikkö", "inte en enhet", "not a unit"),
    "tidy_unknown_sector": (
        "tuntematon sektorikoodi{hint}",
        "okänd sektorkod{hint}",
        "unknown sector key{hint}",
    ),
    "tidy_one_unit": (
        "yhdessä tiedostossa voi olla vain yksi yksikkö; rivillä {first_line} on {first!r}",
        "en fil får ha bara en enhet; rad {first_line} har {first!r}",
        "one file holds one unit; line {first_line} has {first!r}",
    ),
    "tidy_one_rule": (
        "yhdessä tiedostossa voi olla vain yksi laskentatapa; rivillä {first_line} on {first!r}",
        "en fil får ha bara en beräkningsmetod; rad {first_line} har {first!r}",
        "one file holds one rule; line {first_line} has {first!r}",
    ),
    "tidy_mixed_levels": (
        "sektori on tasolla {level}, mutta rivin {first_line} sektori on tasolla {first_level}; "
        "tiedoston kaikkien sektorien pitää olla samalla tasolla",
        "sektorn är på nivå {level}, men rad {first_line} har en sektor på nivå {first_level}; "
        "alla sektorer i en fil ska vara på samma nivå",
        "sector at level {level}, but line {first_line} has a sector at level {first_level}; all "
        "sectors of a file must be at one level",
    ),
    "tidy_negative": (
        "negatiiviset arvot ovat mahdollisia vain sektoreille, joilla on tuulivoimahyvityksiä, "
        "laskentatavalla, joka ottaa ne huomioon (ei koskaan energialle)",
        "negativa värden är möjliga endast för sektorer med vindkraftskrediter, med en "
        "beräkningsmetod som räknar med dem (aldrig för energi)",
        "negative values are only possible for sectors with wind-power credits under a rule "
        "that counts them (never for energy)",
    ),
    "tidy_duplicate_cell": (
        "sama solu kahdesti: alue {area}, sektori {sector}, vuosi {year} on jo rivillä {first}",
        "dubblerad cell: område {area}, sektor {sector}, år {year} finns redan på rad {first}",
        "duplicate cell: area {area}, sector {sector}, year {year} already on line {first}",
    ),
    "iamc_column_missing": (
        "pakollinen IAMC-sarake puuttuu",
        "en obligatorisk IAMC-kolumn saknas",
        "required IAMC column is missing",
    ),
    "iamc_no_year_columns": (
        "ei vuosisarakkeita (yksi sarake kullekin vuodelle, esim. 2020)",
        "inga årskolumner (en kolumn per år, t.ex. 2020)",
        "no year columns (a column per year, e.g. 2020)",
    ),
    "iamc_no_rows": (
        "ei rivejä, joilla {name} on {wanted!r}",
        "inga rader med {name} {wanted!r}",
        "no rows with {name} {wanted!r}",
    ),
    "iamc_several": (
        "sarakkeessa {name} on useita arvoja; valitse yksi: {name}=...",
        "kolumnen {name} har flera värden; välj ett med {name}=...",
        "several {name}s; choose one with {name}=...",
    ),
    "iamc_mixed_units": (
        "taulukossa on useita yksiköitä",
        "tabellen blandar enheter",
        "the table mixes units",
    ),
    "iamc_unknown_unit": (
        "yksikkö, jota canemure ei tunne",
        "en enhet som canemure inte känner till",
        "not a unit canemure knows",
    ),
    "iamc_unknown_variable": (
        "tuntematon IAMC-muuttuja",
        "okänd IAMC-variabel",
        "unknown IAMC variable",
    ),
    "iamc_duplicate_row": ("sama rivi kahdesti", "dubblerad rad", "duplicate row"),
    "iamc_unknown_region": (
        "tuntematon maakunta{hint}",
        "okänt landskap{hint}",
        "unknown region{hint}",
    ),
    "iamc_unknown_municipality": (
        "tuntematon kunta{hint}",
        "okänd kommun{hint}",
        "unknown municipality{hint}",
    ),
    "cache_entry_not_object": (
        "merkintä ei ole objekti",
        "posten är inte ett objekt",
        "entry is not an object",
    ),
    "cache_entry_not_string": (
        "{key!r} puuttuu tai ei ole merkkijono",
        "{key!r} saknas eller är inte en sträng",
        "{key!r} missing or not a string",
    ),
    "cache_entry_size": (
        "'size' puuttuu tai ei ole ei-negatiivinen kokonaisluku",
        "'size' saknas eller är inte ett icke-negativt heltal",
        "'size' missing or not a non-negative integer",
    ),
    "cache_entry_kind": (
        "'kind' pitää olla jokin näistä: {kinds}",
        "'kind' ska vara en av {kinds}",
        "'kind' must be one of {kinds}",
    ),
    "cache_repair_hint": (
        "tallenna se uudelleen ajamalla `canemure data import <tiedosto>` tai "
        "`canemure data download <alue>`",
        "spara den på nytt genom att köra `canemure data import <fil>` eller "
        "`canemure data download <område>` igen",
        "run `canemure data import <file>` or `canemure data download <area>` again to store "
        "it anew",
    ),
    "cache_legacy_unreadable": (
        "välimuistin vanhaa luetteloa ei voi lukea ({reason}). Korjaa se: {repair}",
        "den gamla cacheförteckningen kan inte läsas ({reason}). Reparera den: {repair}",
        "the old cache manifest cannot be read ({reason}). To repair it, {repair}",
    ),
    "cache_legacy_no_files": (
        "välimuistin vanhassa luettelossa ei ole 'files'-objektia. Korjaa se: {repair}",
        "den gamla cacheförteckningen har inget 'files'-objekt. Reparera den: {repair}",
        "the old cache manifest has no 'files' object. To repair it, {repair}",
    ),
    "cache_cannot_check": (
        "tiedostoa {path} ei voi tarkistaa: {error}",
        "{path} kan inte kontrolleras: {error}",
        "{path} cannot be checked: {error}",
    ),
    "cache_not_recorded": (
        "tiedostoa {path} ei ole kirjattu välimuistin luetteloon; {repair}",
        "{path} finns inte i cacheförteckningen; {repair}",
        "{path} is not recorded in the cache manifest; {repair}",
    ),
    "cache_missing": (
        "{path} on kirjattu välimuistin luetteloon, mutta tiedosto puuttuu; {repair}",
        "{path} finns i cacheförteckningen men saknas; {repair}",
        "{path} is recorded in the cache manifest but missing; {repair}",
    ),
    "cache_file_unreadable": (
        "tiedostoa {path} ei voi lukea ({reason}); {repair}",
        "{path} kan inte läsas ({reason}); {repair}",
        "{path} cannot be read ({reason}); {repair}",
    ),
    "cache_changed": (
        "{path} on muuttunut tallennuksen ({timestamp}) jälkeen (sen SHA-256 ei enää vastaa "
        "luetteloa), joten sitä ei käytetä; {repair}",
        "{path} har ändrats sedan den sparades {timestamp} (dess SHA-256 stämmer inte längre "
        "med förteckningen), så den används inte; {repair}",
        "{path} changed since it was stored on {timestamp} (its SHA-256 no longer matches the "
        "manifest), so it is not used; {repair}",
    ),
    "bundled_impossible_value": ("mahdoton arvo", "omöjligt värde", "impossible value"),
    "bundled_yes_no": (
        "odotettiin arvoa yes, no tai tyhjää",
        "förväntade yes, no eller tomt",
        "expected yes, no or empty",
    ),
    "bundled_factor_mismatch": (
        "tiedoston päästökerroin ei ole päästöt / energia ({ratio!r})",
        "den angivna emissionsfaktorn är inte utsläpp / energi ({ratio!r})",
        "implied emission factor is not emissions / energy ({ratio!r})",
    ),
    "bundled_field_count": (
        "{found} kenttää, otsikkorivillä {header}",
        "{found} fält, rubrikraden har {header}",
        "{found} fields, the header has {header}",
    ),
    "bundled_duplicate_row": ("sama rivi kahdesti", "dubblerad rad", "duplicate row"),
    "bundled_duplicate_row_first": (
        "sama rivi kahdesti, ensimmäinen rivillä {first}",
        "dubblerad rad, första gången på rad {first}",
        "duplicate row, first on line {first}",
    ),
    "bundled_name_differs": (
        "kunnan nimi tai maakunta eroaa aiemmista riveistä",
        "kommunens namn eller landskap skiljer sig från tidigare rader",
        "municipality name or region differs from earlier rows",
    ),
    "bundled_ets_or_duplicate": (
        "päästökauppatieto puuttuu tai sama rivi on kahdesti",
        "uppgift om utsläppshandel saknas eller dubblerad rad",
        "missing ETS flag or duplicate row",
    ),
    "bundled_year_note": (
        "rivin, jolta puuttuu vuosi, pitää selittää itsensä sarakkeessa 'note'",
        "en rad utan år ska förklara sig i 'note'",
        "a row without a year must explain itself in 'note'",
    ),
    "bundled_no_alas_mapping": (
        "päästölähde, jolle ei ole vastinetta ALasissa",
        "utsläppskälla utan motsvarighet i ALas",
        "emission source without an ALas mapping",
    ),
    "bundled_one_municipality": (
        "odotettiin yhtä kuntaa ja vuotta, löytyi {found}",
        "förväntade en kommun och ett år, hittade {found}",
        "expected one municipality and year, found {found}",
    ),
    "bundled_one_total": (
        "odotettiin yhtä kokonaismäärän riviä, löytyi {count}",
        "förväntade en rad med totalen, hittade {count}",
        "expected one total line, found {count}",
    ),
    "bundled_not_add_up": (
        "rivien summa ei vastaa painettua kokonaismäärää",
        "raderna summerar inte till den tryckta totalen",
        "lines do not add up to the printed total",
    ),
    "problem_value": (" (arvo {value!r})", " (värde {value!r})", " (value {value!r})"),
    "did_you_mean": ("; tarkoititko {names}?", "; menade du {names}?", "; did you mean {names}?"),
    "missing_dependency": (
        "{purpose} tarvitsee valinnaisen paketin {package!r}; asenna se: "
        "pip install 'canemure[{extra}]'",
        "{purpose} behöver det valfria paketet {package!r}; installera det med: "
        "pip install 'canemure[{extra}]'",
        "{purpose} needs the optional package {package!r}; install it with: "
        "pip install 'canemure[{extra}]'",
    ),
    # data not available
    "no_figures": (
        "alueelle {area} ei löydy lukuja ({rule}) canemuren omasta aineistosta, alueiden "
        "laajennuksista eikä käyttäjän välimuistista. Lataa kuntien SYKE-tiedostot osoitteesta "
        "https://paastot.hiilineutraalisuomi.fi/ ja aja: canemure data import <tiedostot>",
        "inga värden ({rule}) för {area} i canemures egna data, regionernas tillägg eller "
        "användarens cacheminne. Ladda ner kommunernas SYKE-filer från "
        "https://paastot.hiilineutraalisuomi.fi/ och kör: canemure data import <filer>",
        "no {rule} figures for {area} in the bundled data, the region adapter plugins or the "
        "user cache. Download the municipalities' SYKE files from "
        "https://paastot.hiilineutraalisuomi.fi/ and run: canemure data import <files>",
    ),
    "offline_not_cached": (
        "{file} ei ole välimuistissa ({path}), ja verkkoyhteys on estetty (poista {env}, "
        "jotta lataus sallitaan). Hae tiedot käsin: lataa {url} selaimella ja aja: "
        "canemure data import <ladattu tiedosto>",
        "{file} finns inte i cacheminnet ({path}), och nätverket är avstängt (ta bort {env} "
        "för att tillåta hämtning). Hämta uppgifterna för hand: ladda ner {url} i en "
        "webbläsare och kör: canemure data import <nedladdad fil>",
        "{file} is not in the cache at {path}, and offline mode is on (unset {env} to allow "
        "downloads). To get the data by hand, download {url} in a browser and run: "
        "canemure data import <downloaded file>",
    ),
    "offline_changed": (
        "välimuistin tiedosto {file} ({path}) ei vastaa tallennettua tarkistussummaa, ja "
        "verkkoyhteys on estetty (poista {env}, jotta lataus sallitaan). Hae tiedot käsin: "
        "lataa {url} selaimella ja aja: canemure data import <ladattu tiedosto>",
        "filen {file} i cacheminnet ({path}) stämmer inte med sin sparade kontrollsumma, och "
        "nätverket är avstängt (ta bort {env} för att tillåta hämtning). Hämta uppgifterna "
        "för hand: ladda ner {url} i en webbläsare och kör: canemure data import <nedladdad fil>",
        "{file} does not match its recorded checksum in the cache at {path}, and offline mode "
        "is on (unset {env} to allow downloads). To get the data by hand, download {url} in a "
        "browser and run: canemure data import <downloaded file>",
    ),
    # downloads
    "download_failed": (
        "tiedoston {url} lataus epäonnistui: {reason}",
        "det gick inte att hämta {url}: {reason}",
        "could not download {url}: {reason}",
    ),
    "download_cancelled": (
        "tiedoston {url} lataus epäonnistui: keskeytetty",
        "det gick inte att hämta {url}: avbrutet",
        "could not download {url}: cancelled",
    ),
    # the user cache
    "cache_disk_full": (
        "canemuren välimuistin levy on täynnä (kirjoitettaessa {path}); vapauta tilaa tai "
        "aseta {env} kansioon levyllä, jolla on tilaa, ja aja komento uudelleen. Mitään ei "
        "jäänyt puolittain kirjoitetuksi: tiedostoa ei tallennettu.",
        "disken med canemures cacheminne är full (vid skrivning av {path}); frigör utrymme "
        "eller sätt {env} till en mapp på en disk med plats, och kör kommandot igen. Inget "
        "blev halvskrivet: filen sparades inte.",
        "the disk holding the canemure cache is full (writing {path}); free some space, or set "
        "{env} to a folder on a disk with room, and run the command again. Nothing was "
        "half-written: the file was not stored.",
    ),
    "cache_read_only": (
        "canemuren välimuistikansioon {root} ei voi kirjoittaa (kirjoitettaessa {path}: "
        "{reason}); salli kirjoitus tai aseta {env} kansioon, johon voit kirjoittaa, ja aja "
        "komento uudelleen. Mitään ei tallennettu.",
        "det går inte att skriva i canemures cachemapp {root} (vid skrivning av {path}: "
        "{reason}); gör den skrivbar eller sätt {env} till en mapp du kan skriva i, och kör "
        "kommandot igen. Inget sparades.",
        "the canemure cache folder {root} cannot be written (writing {path}: {reason}); make "
        "it writable, or set {env} to a folder you can write to, and run the command again. "
        "Nothing was stored.",
    ),
    "cache_manifest_unwritable": (
        "canemuren välimuistin luetteloon {path} ei voi kirjoittaa ({reason}); tarkista, että "
        "kansioon {root} voi kirjoittaa ja sen levyllä on tilaa, tai aseta {env} kansioon, "
        "johon voit kirjoittaa, ja aja komento uudelleen. Mitään ei tallennettu.",
        "canemures cacheförteckning {path} kan inte skrivas ({reason}); kontrollera att mappen "
        "{root} är skrivbar och att dess disk har plats, eller sätt {env} till en mapp du kan "
        "skriva i, och kör kommandot igen. Inget sparades.",
        "the canemure cache manifest {path} cannot be written ({reason}); check that the "
        "folder {root} is writable and its disk has room, or set {env} to a folder you can "
        "write to, and run the command again. Nothing was stored.",
    ),
    "cache_manifest_damaged": (
        "välimuistin luetteloa ei voi lukea ({reason}); välimuistin tiedostot katsotaan "
        "puuttuviksi. Korjaa se ajamalla uudelleen `canemure data import <tiedosto>` tai "
        "`canemure data download <alue>`: vaurioitunut luettelo siirretään sivuun ja "
        "tilalle tehdään uusi",
        "cacheförteckningen kan inte läsas ({reason}); filerna i cacheminnet räknas som "
        "saknade. Reparera den genom att köra `canemure data import <fil>` eller "
        "`canemure data download <område>` igen: den skadade förteckningen läggs åt sidan "
        "och en ny byggs",
        "the cache manifest cannot be read ({reason}); the cached files count as absent. To "
        "repair it, run `canemure data import <file>` or `canemure data download <area>` "
        "again to store it anew: the damaged manifest is set aside and a new one built",
    ),
    "cache_not_used": (
        "käyttäjän välimuistia ei käytetä: {error}",
        "användarens cacheminne används inte: {error}",
        "the user cache is not used: {error}",
    ),
    "cache_problem_left_out": (
        "jätetty pois luvuista: {error}",
        "utelämnad ur värdena: {error}",
        "left out of the figures: {error}",
    ),
    "cache_file_left_out": (
        "jätetty pois luvuista: {error}\nTuo tiedosto uudelleen sen korvaamiseksi.",
        "utelämnad ur värdena: {error}\nImportera filen igen för att ersätta den.",
        "left out of the figures: {error}\nImport the file again to replace it.",
    ),
    # levels: why a target gives no level
    "level_base_year_missing": (
        "{target}: perusvuotta {year} ei ole päästötiedoissa ({first}-{last}, {n} vuotta)",
        "{target}: basåret {year} finns inte i utsläppsdata ({first}-{last}, {n} år)",
        "{target}: the base year {year} is not an inventory year ({first}-{last}, {n} years)",
    ),
    "level_allocation_year_missing": (
        "{target}: jakovuotta {year} ei ole päästötiedoissa ({first}-{last}, {n} vuotta)",
        "{target}: fördelningsåret {year} finns inte i utsläppsdata ({first}-{last}, {n} år)",
        "{target}: the allocation year {year} is not an inventory year ({first}-{last}, {n} years)",
    ),
    "level_per_resident": (
        "{target} on asukaskohtainen tavoite; tavoitetasot ovat alueiden kokonaispäästöjä",
        "{target} är ett mål per invånare; målnivåer är totala utsläpp per område",
        "{target} is a per-resident target; levels are totals per area",
    ),
    "level_no_target_year": (
        "tavoitteella {target} ei ole yhtä tavoitevuotta (julkaistu muodossa {printed!r})",
        "{target} har inget enskilt målår (publicerat som {printed!r})",
        "{target} has no single target year (printed {printed!r})",
    ),
    "level_reduction_incomplete": (
        "{target}: vähennystavoite tarvitsee määrän ja perusvuoden",
        "{target}: ett minskningsmål behöver ett värde och ett basår",
        "{target}: a reduction needs a value and a base year",
    ),
    "level_unreadable": (
        "{target}: tavoitetasoa ei voi lukea ({note})",
        "{target}: målnivån kan inte läsas ({note})",
        "{target}: no readable level ({note})",
    ),
    "level_regional_split": (
        "{target} on koko maakunnan taso; sitä ei voi jakaa kunnille. Laske kunnat ensin "
        "yhteen (inventory.to_regions())",
        "{target} är en nivå för hela landskapet; den kan inte delas mellan kommunerna. "
        "Summera kommunerna först (inventory.to_regions())",
        "{target} is a regional level; it cannot be split between municipalities. Sum the "
        "inventory first (inventory.to_regions())",
    ),
    "level_neutrality_compensation": (
        "{target} on hiilineutraalisuustavoite: kerro, kuinka paljon saa kompensoida "
        "(max_compensation_share= ja base_year=, tai compensation= kt CO2e/a aluetta kohden)",
        "{target} är ett mål om klimatneutralitet: ange hur mycket som får kompenseras "
        "(max_compensation_share= och base_year=, eller compensation= kt CO2e/a per område)",
        "{target} is carbon neutrality: say how much may be compensated, with "
        "max_compensation_share= and base_year=, or compensation= (kt CO2e/a per area)",
    ),
    "level_not_a_level": (
        "{target} ei ole päästötason asettava tavoite ({kind})",
        "{target} är inte ett mål som anger en utsläppsnivå ({kind})",
        "{target} is not a target that sets an emission level ({kind})",
    ),
    "level_allocation_needs_year": (
        "{target}: absoluuttisen tason jakaminen sektoreille suhteessa päästöihin tarvitsee "
        "jakovuoden allocation_year= (vuosi, jonka sektoriosuuksilla taso jaetaan)",
        "{target}: proportionell fördelning av en absolut nivå behöver allocation_year= (året "
        "vars sektorandelar delar nivån)",
        "{target}: proportional allocation of an absolute level needs allocation_year= (the "
        "year whose sector shares split the level)",
    ),
    "level_not_emissions": (
        "tavoitetasot tarvitsevat päästöaineiston; tämän yksikkö on {unit}",
        "målnivåer behöver utsläppsdata; dessa är i {unit}",
        "levels need an emission inventory; this one is in {unit}",
    ),
    "level_one_figure": (
        "{what} on yksi luku, mutta aineistossa on {n} aluetta; anna yksi kullekin alueelle",
        "{what} är ett värde men det finns {n} områden; ange ett per område",
        "{what} is one figure but the inventory has {n} areas; give one per area",
    ),
    "level_figure_count": (
        "{what}: {found} arvoa {n} alueelle",
        "{what}: {found} värden för {n} områden",
        "{what} has {found} values for {n} areas",
    ),
    "level_not_a_rate": (
        "{what} on annettava päästöinä aikayksikköä kohden, esim. kt CO2e/a: {error}",
        "{what} måste vara utsläpp per tidsenhet, t.ex. kt CO2e/a: {error}",
        "{what} must be an emission rate such as kt CO2e/a: {error}",
    ),
    # trajectories, gaps and milestones
    "trajectory_not_emissions": (
        "kehityspolun pitää olla päästöaineisto; tämän yksikkö on {unit}",
        "en utvecklingsbana måste vara utsläppsdata; dessa är i {unit}",
        "a trajectory must be an emission inventory; this one is in {unit}",
    ),
    "trajectory_other_rule": (
        "tavoitteen {target} taso laskettiin laskentatavalla {level_rule!r}; kehityspolku "
        "noudattaa laskentatapaa {actual!r}",
        "nivån för {target} beräknades enligt beräkningsmetoden {level_rule!r}; "
        "utvecklingsbanan följer {actual!r}",
        "the level of {target} was computed under accounting {level_rule!r}; the trajectory "
        "follows {actual!r}",
    ),
    "trajectory_no_year": (
        "vuotta {year} ei ole tällä kehityspolulla",
        "året {year} finns inte i denna utvecklingsbana",
        "{year} is not a year of this trajectory",
    ),
    "pathway_no_base_year": (
        "tavoitteella {target} ei ole perusvuotta; lineaarinen polku tarvitsee alkuvuoden "
        "(start_year=)",
        "{target} har inget basår; en linjär bana behöver start_year=",
        "{target} has no base year; a linear pathway needs start_year=",
    ),
    "pathway_start_late": (
        "lineaarisen polun pitää alkaa ennen tavoitevuotta {year}, ei vuonna {first}",
        "en linjär bana börjar före målåret {year}, inte år {first}",
        "a linear pathway starts before the target year {year}, not in {first}",
    ),
    "pathway_start_missing": (
        "polun alkuvuotta {first} ei ole kehityspolulla",
        "banans startår {first} finns inte i utvecklingsbanan",
        "the pathway's start year {first} is not a trajectory year",
    ),
    "milestone_no_year": (
        "vuotta {year} ei ole kehityspolulla ({first}-{last}); laske ensin ennuste sille",
        "året {year} finns inte i utvecklingsbanan ({first}-{last}); gör först en prognos",
        "{year} is not a year of the trajectory ({first}-{last}); project it first",
    ),
    "period_empty": (
        "jakso {first}-{last} on tyhjä",
        "perioden {first}-{last} är tom",
        "the period {first}-{last} is empty",
    ),
    "cumulative_missing_years": (
        "kehityspolulta puuttuvat luvut vuosilta {years}; kumulatiiviset päästöt tarvitsevat "
        "jakson jokaisen vuoden (laske ennuste tai täydennä ne ensin)",
        "utvecklingsbanan saknar värden för {years}; kumulativa utsläpp behöver varje år i "
        "perioden (gör en prognos eller fyll i dem först)",
        "the trajectory has no figures for {years}; cumulative emissions need every year of "
        "the period (project or fill them first)",
    ),
    "own_target_one_kind": (
        "{target}: anna täsmälleen yksi: reduction=, level= tai neutral=True",
        "{target}: ange exakt ett av reduction=, level= eller neutral=True",
        "{target}: give exactly one of reduction=, level= or neutral=True",
    ),
    "own_target_base_year": (
        "{target}: vähennystavoite tarvitsee perusvuoden (base_year=)",
        "{target}: ett minskningsmål behöver base_year=",
        "{target}: a reduction needs base_year=",
    ),
    "own_target_percentage": (
        "{target}: vähennys annetaan prosentteina, saatiin {value!r}",
        "{target}: en minskning anges i procent, fick {value!r}",
        "{target}: a reduction is a percentage, got {value!r}",
    ),
    "scope_mismatch": (
        '{reasons}. Anna scope_mismatch="accept", jos haluat verrata silti (jokainen tulos '
        "merkitään niin)",
        '{reasons}. Ange scope_mismatch="accept" för att jämföra ändå (varje resultat märks så)',
        '{reasons}. Pass scope_mismatch="accept" to compare anyway (every result is labelled so)',
    ),
    "scope_accounting": (
        "{target} on määritelty laskentatavalla {expected}, päästötiedot noudattavat "
        "laskentatapaa {actual!r}",
        "{target} är definierat enligt beräkningsmetoden {expected}, utsläppsdata följer "
        "{actual!r}",
        "{target} is defined under accounting {expected}, the inventory follows {actual!r}",
    ),
    "scope_national": (
        "{target} on koko Suomen kansallinen tavoite, mutta sitä sovelletaan alueittaisiin "
        "päästötietoihin (alueet: {area_level})",
        "{target} är ett nationellt mål för hela Finland, men det tillämpas på utsläppsdata "
        "per område (områden: {area_level})",
        "{target} is a national target for Finland as a whole, applied to {area_level} "
        "inventory areas",
    ),
    "scope_published": (
        "{target} on julkaistu alueelle {where}, sovellettu alueisiin {areas}",
        "{target} är publicerat för {where}, tillämpat på områdena {areas}",
        "{target} is published for {where}, applied to area(s) {areas}",
    ),
    # scenario files
    "toml_invalid": (
        "ei kelvollista TOML:ää: {error}",
        "inte giltig TOML: {error}",
        "not valid TOML: {error}",
    ),
    "not_utf8": (
        "ei UTF-8-tekstiä: {error}",
        "inte UTF-8-text: {error}",
        "not UTF-8 text: {error}",
    ),
    "toml_unknown_key": (
        "tuntematon avain {name!r}; tässä kohdassa sallitut: {known}",
        "okänd nyckel {name!r}; tillåtna här: {known}",
        "unknown key {name!r}; known here: {known}",
    ),
    "toml_not_table": (
        "{name!r} pitää olla taulukko",
        "{name!r} måste vara en tabell",
        "{name!r} must be a table",
    ),
    "toml_not_tables": (
        "{name!r} pitää olla taulukoiden luettelo ([[{where}]])",
        "{name!r} måste vara en lista av tabeller ([[{where}]])",
        "{name!r} must be an array of tables ([[{where}]])",
    ),
    "toml_required": ("{name!r} puuttuu", "{name!r} saknas", "{name!r} is required"),
    "toml_no_source": (
        "jokainen oletus tarvitsee lähteen; lähteettömälle luvulle kirjoita "
        "illustrative = true ja kerro perustelu kohdassa source",
        "varje antagande behöver en källa; för ett värde utan källa skriv "
        "illustrative = true och förklara varför i source",
        "every assumption needs a source; for a figure without one write "
        "illustrative = true and say why in source",
    ),
    "toml_measure": (
        "toimenpide {name!r}: {error}",
        "åtgärd {name!r}: {error}",
        "measure {name!r}: {error}",
    ),
    "toml_duplicate_measure": (
        "toisella toimenpiteellä on sama nimi",
        "en annan åtgärd har samma namn",
        "another measure has this name",
    ),
    "toml_target_kind": (
        "anna täsmälleen yksi: reduction (ja base_year), level tai neutral",
        "ange exakt ett av reduction (med base_year), level eller neutral",
        "give exactly one of reduction (with base_year), level or neutral",
    ),
    "toml_reduction_base_year": (
        "vähennystavoite tarvitsee perusvuoden base_year",
        "ett minskningsmål behöver base_year",
        "a reduction needs base_year",
    ),
    "expected_text": (
        "odotettiin tekstiä (ei tyhjää)",
        "förväntade en icke-tom text",
        "expected a non-empty string",
    ),
    "expected_bool": (
        "odotettiin arvoa true tai false",
        "förväntade true eller false",
        "expected true or false",
    ),
    "expected_int": (
        "odotettiin kokonaislukua",
        "förväntade ett heltal",
        "expected a whole number",
    ),
    "expected_number": (
        "odotettiin äärellistä lukua",
        "förväntade ett ändligt tal",
        "expected a finite number",
    ),
    "expected_choice": (
        "odotettiin yhtä näistä: {options}",
        "förväntade ett av: {options}",
        "expected one of {options}",
    ),
    "expected_quantity_text": (
        'odotettiin suuretta tekstinä, esim. "12 GWh/a"',
        'förväntade en storhet som text, t.ex. "12 GWh/a"',
        'expected a quantity as a string, e.g. "12 GWh/a"',
    ),
    "quantity_unreadable": (
        "arvoa {value!r} ei voi lukea suureena: {error}",
        "{value!r} kan inte läsas som en storhet: {error}",
        "cannot read {value!r} as a quantity: {error}",
    ),
    "quantity_no_unit": (
        "arvolla {value!r} ei ole yksikköä",
        "{value!r} har ingen enhet",
        "{value!r} has no unit",
    ),
    "quantity_not_finite": (
        "{value!r} ei ole äärellinen luku",
        "{value!r} är inte ett ändligt tal",
        "{value!r} is not a finite number",
    ),
    "quantity_wrong_units": (
        "arvoa {value!r} ei voi ilmaista yksikössä {kind}",
        "{value!r} kan inte uttryckas i {kind}",
        "{value!r} is not in units of {kind}",
    ),
    "quantity_not_ratio": (
        "{value!r} ei ole suhdeluku (esim. '20 %')",
        "{value!r} är inte ett dimensionslöst förhållande (t.ex. '20 %')",
        "{value!r} is not in units of a dimensionless ratio (e.g. '20 %')",
    ),
    "expected_ints": (
        "odotettiin kokonaislukujen luetteloa (ei tyhjää)",
        "förväntade en icke-tom lista av heltal",
        "expected a non-empty array of whole numbers",
    ),
    "expected_window": (
        "odotettiin [ensimmäinen, viimeinen], ensimmäinen < viimeinen",
        "förväntade [första, sista] med första < sista",
        "expected [first, last] with first < last",
    ),
    # units
    "unit_unparsable": (
        "{what}: arvoa {value!r} ei voi lukea suureena: {error}",
        "{what}: {value!r} kan inte läsas som en storhet: {error}",
        "{what}: cannot parse {value!r} as a quantity: {error}",
    ),
    "unit_missing": (
        "{what}: arvolla {value!r} ei ole yksikköä; anna se suureena yksikössä {unit}",
        "{what}: {value!r} har ingen enhet; ange den som en storhet i {unit}",
        "{what}: {value!r} has no unit; give it as a quantity in {unit}",
    ),
    "unit_dimension": (
        "{what}: arvon {value!r} dimensio on {dimension}, odotettiin yksikön {unit!r} dimensiota",
        "{what}: {value!r} har dimensionen {dimension}, förväntade samma dimension som {unit!r}",
        "{what}: {value!r} has dimension {dimension}, expected the dimension of {unit!r}",
    ),
    "unit_inexpressible": (
        "arvoa {value!r} ei voi ilmaista yksikössä {unit}: {error}",
        "{value!r} kan inte uttryckas i {unit}: {error}",
        "cannot express {value!r} in {unit}: {error}",
    ),
    # data files (CSV, Excel)
    "value_missing": ("arvo puuttuu", "värdet saknas", "value is missing"),
    "number_not_a_number": ("ei ole luku", "inte ett tal", "not a number"),
    "number_overflow": (
        "ei äärellinen luku (liian suuri liukuluvuksi: se ylivuotaa äärettömäksi)",
        "inte ett ändligt tal (för stort för ett flyttal: det blir oändligt)",
        "not a finite number (too large for a float: it overflows to infinity)",
    ),
    "number_not_finite": (
        "ei äärellinen luku (NaN ja ääretön ovat mahdottomia arvoja)",
        "inte ett ändligt tal (NaN och oändligt är omöjliga värden)",
        "not a finite number (NaN and infinity are impossible values)",
    ),
    "number_decimal_point": (
        "desimaalierottimena on {mark!r}; odotettiin desimaalipilkkua",
        "använder {mark!r} som decimaltecken; förväntade decimalkomma",
        "uses {mark!r} as decimal mark; expected a decimal comma",
    ),
    "number_decimal_comma": (
        "desimaalierottimena on {mark!r}; odotettiin desimaalipistettä",
        "använder {mark!r} som decimaltecken; förväntade decimalpunkt",
        "uses {mark!r} as decimal mark; expected a decimal point",
    ),
    "negative": (
        "{what}: negatiivinen arvo ei ole mahdollinen",
        "{what}: ett negativt värde är inte möjligt",
        "{what} must not be negative",
    ),
    "impossibly_large": (
        "{what}: arvo on mahdottoman suuri (yli ±{bound}); tarkista yksikkö ja desimaalierotin",
        "{what}: värdet är omöjligt stort (över ±{bound}); kontrollera enheten och decimaltecknet",
        "{what} is impossibly large (beyond ±{bound}); check the unit and the decimal mark",
    ),
    "not_a_year": ("ei ole vuosiluku", "inte ett årtal", "not a year"),
    "year_out_of_range": (
        "vuosi ei ole välillä {first}..{last}",
        "året ligger utanför {first}..{last}",
        "year out of range {first}..{last}",
    ),
    "duplicate_column": (
        "sarake {position} on kahdesti",
        "kolumn {position} förekommer två gånger",
        "duplicate column {position}",
    ),
    "column_missing": (
        "pakollinen sarake puuttuu",
        "en obligatorisk kolumn saknas",
        "required column is missing",
    ),
    "field_count": (
        "rivillä on {found} kenttää, otsikkorivillä {header}",
        "raden har {found} fält, rubrikraden har {header}",
        "row has {found} fields, the header has {header}",
    ),
    "cut_off_line": (
        "tiedosto näyttää katkenneen: sen viimeinen rivi ei pääty rivinvaihtoon, joten "
        "viimeinen arvo voi olla vajaa; lataa tai vie tiedosto uudelleen",
        "filen verkar avbruten: dess sista rad slutar inte med radbrytning, så dess sista "
        "värde kan vara ofullständigt; ladda ner eller exportera filen igen",
        "the file looks cut off: its last line has no line end, so its last value may be "
        "incomplete; download or export the file again",
    ),
    "no_data_rows": (
        "tiedostossa ei ole datarivejä",
        "filen har inga datarader",
        "the file has no data rows",
    ),
    "unknown_sector_level3": (
        "tuntematon tason 3 sektorilyhenne",
        "okänd sektorförkortning på nivå 3",
        "unknown sector abbreviation at level 3",
    ),
    "unknown_sector_level3_hint": (
        "tuntematon tason 3 sektorilyhenne; tarkoititko {names}?",
        "okänd sektorförkortning på nivå 3; menade du {names}?",
        "unknown sector abbreviation at level 3; did you mean {names}?",
    ),
    "unknown_sector_under": (
        "tuntematon sektorilyhenne sektorin {parent!r} alla; tunnetut: {known}",
        "okänd sektorförkortning under {parent!r}; kända: {known}",
        "unknown sector abbreviation under {parent!r}; known: {known}",
    ),
    "negative_not_credit": (
        "negatiiviset päästöt ovat mahdollisia vain tuulivoimahyvitysten rivillä (Tuu)",
        "negativa utsläpp är möjliga endast på raden för vindkraftskrediter (Tuu)",
        "negative emissions are only possible on the wind-power credits leaf (Tuu)",
    ),
    "duplicate_row": (
        "sama rivi kahdesti: sektori {sector} ja vuosi {year} ovat jo rivillä {first}",
        "dubblerad rad: sektor {sector} och år {year} finns redan på rad {first}",
        "duplicate row: sector {sector} and year {year} already on line {first}",
    ),
    "municipality_from_name": (
        "kuntaa ei voi päätellä: tiedoston nimi ei ole muotoa kunta_<n>.csv; anna "
        "municipality=<numero tai nimi>",
        "kommunen framgår inte: filnamnet är inte kunta_<n>.csv; ange "
        "municipality=<nummer eller namn>",
        "cannot tell the municipality: the file name is not kunta_<n>.csv; pass "
        "municipality=<code or name>",
    ),
    "municipality_from_name_cli": (
        "kuntaa ei voi päätellä: tiedoston nimi ei ole muotoa kunta_<n>.csv; anna "
        "municipality=<numero tai nimi> (komentorivillä: canemure data import --municipality "
        "NUMERO TIEDOSTO)",
        "kommunen framgår inte: filnamnet är inte kunta_<n>.csv; ange "
        "municipality=<nummer eller namn> (på kommandoraden: canemure data import "
        "--municipality NUMMER FIL)",
        "cannot tell the municipality: the file name is not kunta_<n>.csv; pass "
        "municipality=<code or name> (on the command line: canemure data import "
        "--municipality CODE FILE)",
    ),
    "no_such_path": (
        "tiedostoa tai kansiota ei ole",
        "filen eller mappen finns inte",
        "no such file or folder",
    ),
    "not_a_syke_file": (
        "ei SYKE-tiedosto: odotettiin .csv-tiedostoa (avoin data) tai .xlsx-tiedostoa "
        "(Excel-vienti), saatiin {name!r}",
        "inte en SYKE-fil: förväntade en .csv-fil (öppna data) eller .xlsx-fil "
        "(Excel-export), fick {name!r}",
        "not a SYKE file: expected a .csv (open data) or .xlsx (Excel export), got {name!r}",
    ),
    "files_to_import": ("tuotavat tiedostot", "filerna som ska importeras", "the files to import"),
    "plugin_name_invalid": (
        "ei kelvollinen jakelupaketin nimi: {name!r} (kirjaimia, numeroita, '-', '_', '.')",
        "inte ett giltigt distributionsnamn: {name!r} (bokstäver, siffror, '-', '_', '.')",
        "not a valid distribution name: {name!r} (letters, digits, '-', '_', '.')",
    ),
    "plugin_name_no_package": (
        "jakelupaketin nimestä {name!r} ei saa Python-paketin nimeä",
        "distributionsnamnet {name!r} ger inget namn på ett Python-paket",
        "distribution name {name!r} gives no Python package name",
    ),
    "plugin_folder_exists": (
        "{root} on jo olemassa; valitse toinen nimi tai --dest",
        "{root} finns redan; välj ett annat namn eller --dest",
        "{root} already exists; choose another name or --dest",
    ),
    "no_example_scenario": (
        "alueelle {area!r} ei ole esimerkkiskenaariota (mukana: {shipped}); kirjoita oma "
        "(katso examples/pohjois-karjala.toml) ja anna se: --scenario TIEDOSTO",
        "inget exempelscenario för {area!r} (medföljer: {shipped}); skriv ett eget "
        "(se examples/pohjois-karjala.toml) och ange det: --scenario FIL",
        "no example scenario for {area!r} (shipped: {shipped}); write one (see "
        "examples/pohjois-karjala.toml) and pass --scenario FILE",
    ),
    # published records and team files: measures, targets, factors, team files, stakeholders
    "measure_mapped_by_start": (
        "arvon pitää alkaa sanalla 'ours' tai 'plan'",
        "värdet måste börja med 'ours' eller 'plan'",
        "must start with 'ours' or 'plan'",
    ),
    "measure_mapped_by": (
        "arvon pitää olla 'ours' tai 'plan'",
        "värdet måste vara 'ours' eller 'plan'",
        "must be 'ours' or 'plan'",
    ),
    "measure_yes_no": (
        "arvon pitää olla 'yes' tai 'no'",
        "värdet måste vara 'yes' eller 'no'",
        "must be 'yes' or 'no'",
    ),
    "measure_duplicate_id_on_line": (
        "toimenpiteen tunnus toistuu (ensimmäisen kerran rivillä {first})",
        "dubblerat åtgärds-id (första gången på rad {first})",
        "duplicate measure id (first on line {first})",
    ),
    "measure_duplicate_id_at_line": (
        "toimenpiteen tunnus toistuu (ensimmäisen kerran rivillä {first})",
        "dubblerat åtgärds-id (första gången på rad {first})",
        "duplicate measure id (first at line {first})",
    ),
    "measure_duplicate_id_at": (
        "toimenpiteen tunnus toistuu (ensimmäisen kerran kohdassa {first})",
        "dubblerat åtgärds-id (första gången i {first})",
        "duplicate measure id (first at {first})",
    ),
    "measure_city_in_region": (
        "{city} kuuluu maakuntaan {region!r}",
        "{city} ligger i landskapet {region!r}",
        "{city} is in region {region!r}",
    ),
    "measure_disagrees_with": (
        "ristiriidassa sarakkeen {column_name} kanssa",
        "stämmer inte överens med kolumnen {column_name}",
        "disagrees with {column_name}",
    ),
    "measure_needs_name": (
        "toimenpiteellä pitää olla suomen- tai englanninkielinen nimi",
        "en åtgärd behöver ett finskt eller ett engelskt namn",
        "a measure needs a Finnish or an English name",
    ),
    "measure_empty_action_id": (
        "toimenpiteen tunnus (action_id) on tyhjä",
        "åtgärdens id (action_id) är tomt",
        "empty action id",
    ),
    "measure_give_name": (
        "anna name_fi tai name_en (tai molemmat)",
        "ange name_fi eller name_en (eller båda)",
        "give name_fi or name_en (or both)",
    ),
    "measure_summable_note": (
        "summable_note perustelee arvon summable=no; anna molemmat tai ei kumpaakaan",
        "summable_note förklarar summable=no; ange båda eller ingetdera",
        "summable_note explains summable=no; give both or neither",
    ),
    "measure_relation_unknown": (
        "viittaa toimenpiteen tunnukseen, jota ei ole tässä tiedostossa",
        "hänvisar till ett åtgärds-id som inte finns i den här filen",
        "names a measure id not in this file",
    ),
    "measure_relation_itself": (
        "toimenpide ei voi viitata itseensä",
        "en åtgärd kan inte hänvisa till sig själv",
        "a measure cannot relate to itself",
    ),
    "measure_relation_file": (
        "sarakkeen file arvon pitää olla jokin näistä: {files}",
        "kolumnen file måste vara ett av {files}",
        "file must be one of {files}",
    ),
    "measure_relation_summable": (
        "sarakkeen summable arvon pitää olla 'no' tai tyhjä",
        "kolumnen summable måste vara 'no' eller tom",
        "summable must be 'no' or empty",
    ),
    "measure_relation_reason": (
        "jokainen toteamus tarvitsee perustelun",
        "varje påstående behöver en motivering",
        "every statement needs a reason",
    ),
    "measure_matches_none": (
        "ei vastaa yhtäkään toimenpiteen tunnusta",
        "matchar inget åtgärds-id",
        "matches no measure id",
    ),
    "target_duplicate_id_on_line": (
        "tavoitteen tunnus toistuu (ensimmäisen kerran rivillä {first})",
        "dubblerat mål-id (första gången på rad {first})",
        "duplicate target id (first on line {first})",
    ),
    "target_duplicate_id_at_line": (
        "tavoitteen tunnus toistuu (ensimmäisen kerran rivillä {first})",
        "dubblerat mål-id (första gången på rad {first})",
        "duplicate target id (first at line {first})",
    ),
    "target_duplicate_id_at": (
        "tavoitteen tunnus toistuu (ensimmäisen kerran kohdassa {first})",
        "dubblerat mål-id (första gången i {first})",
        "duplicate target id (first at {first})",
    ),
    "target_empty_id": (
        "tavoitteen tunnus on tyhjä",
        "målets id är tomt",
        "empty target id",
    ),
    "target_unknown_kind": (
        "tuntematon tavoitetyyppi",
        "okänd måltyp",
        "unknown kind",
    ),
    "target_statement": (
        "arvon pitää olla 'sourced' tai 'brief'",
        "värdet måste vara 'sourced' eller 'brief'",
        "must be 'sourced' or 'brief'",
    ),
    "target_kind_choice": (
        "arvon pitää olla jokin näistä: {allowed}",
        "värdet måste vara ett av {allowed}",
        "must be one of {allowed}",
    ),
    "factor_several_grades": (
        "lähde sopii useaan luotettavuusluokkaan {grades}",
        "källan passar in på flera tillförlitlighetsklasser {grades}",
        "source matches several grades {grades}",
    ),
    "factor_empty_parameter": (
        "parametrin nimi on tyhjä",
        "parameterns namn är tomt",
        "empty parameter name",
    ),
    "team_not_in_region": (
        "ei ole maakunnan {region} kunta",
        "är inte en kommun i {region}",
        "is not a municipality of {region}",
    ),
    "team_is_folder": (
        "on kansio eikä tiedosto",
        "är en mapp, inte en fil",
        "is a folder, not a file",
    ),
    "team_not_csv_or_toml": (
        "odotettiin .csv- tai .toml-tiedostoa, saatiin {name!r}",
        "förväntade en .csv- eller .toml-fil, fick {name!r}",
        "expected a .csv or .toml file, got {name!r}",
    ),
    "team_not_toml": (
        "odotettiin .toml-tiedostoa, saatiin {name!r}",
        "förväntade en .toml-fil, fick {name!r}",
        "expected a .toml file, got {name!r}",
    ),
    "team_nul_byte": (
        "tiedostossa on NUL-tavu: se ei ole CSV-tekstitiedosto",
        "filen innehåller en NUL-byte: den är ingen CSV-textfil",
        "the file holds a NUL byte: not a text CSV file",
    ),
    "team_no_header": (
        "tiedosto on tyhjä tai sen ensimmäinen rivi on tyhjä; odotettiin otsikkoriviä",
        "filen är tom eller dess första rad är tom; förväntade en rubrikrad",
        "the file is empty or its first line is blank; expected a header",
    ),
    "team_unknown_field": (
        "tuntematon kenttä (tunnetut: {known})",
        "okänt fält (kända: {known})",
        "unknown field (known: {known})",
    ),
    "team_unknown_field_hint": (
        "tuntematon kenttä; tarkoititko {hint!r}? (tunnetut: {known})",
        "okänt fält; menade du {hint!r}? (kända: {known})",
        "unknown field; did you mean {hint!r}? (known: {known})",
    ),
    "team_unknown_column": (
        "sarake {position}: tuntematon kenttä (tunnetut: {known})",
        "kolumn {position}: okänt fält (kända: {known})",
        "column {position}: unknown field (known: {known})",
    ),
    "team_unknown_column_hint": (
        "sarake {position}: tuntematon kenttä; tarkoititko {hint!r}? (tunnetut: {known})",
        "kolumn {position}: okänt fält; menade du {hint!r}? (kända: {known})",
        "column {position}: unknown field; did you mean {hint!r}? (known: {known})",
    ),
    "team_unknown_table": (
        "tuntematon taulukko; odotettiin vain [[{table}]]-taulukoita",
        "okänd tabell; förväntade endast [[{table}]]-tabeller",
        "unknown table; expected only [[{table}]] tables",
    ),
    "team_not_tables": (
        "pitää olla taulukoiden luettelo, [[{table}]]",
        "måste vara en lista av tabeller, [[{table}]]",
        "must be an array of tables, [[{table}]]",
    ),
    "team_not_strings": (
        "pitää olla merkkijonojen luettelo",
        "måste vara en lista av strängar",
        "must be an array of strings",
    ),
    "team_not_string_or_int": (
        "pitää olla merkkijono tai kokonaisluku",
        "måste vara en sträng eller ett heltal",
        "must be a string or an integer",
    ),
    "team_field_empty": (
        "pakollinen kenttä on tyhjä",
        "ett obligatoriskt fält är tomt",
        "required field is empty",
    ),
    "team_field_missing": (
        "pakollinen kenttä puuttuu",
        "ett obligatoriskt fält saknas",
        "required field is missing",
    ),
    "team_not_a_url": (
        "pitää olla http(s)-osoite",
        "måste vara en http(s)-adress",
        "must be an http(s) URL",
    ),
    "team_unknown_key": ("tuntematon avain", "okänd nyckel", "unknown key"),
    "team_unknown_key_known": (
        "tuntematon avain (tunnetut: {known})",
        "okänd nyckel (kända: {known})",
        "unknown key (known: {known})",
    ),
    "team_missing_key": ("avain puuttuu", "nyckeln saknas", "missing key"),
    "team_key_required": (
        "pakollinen avain puuttuu",
        "en obligatorisk nyckel saknas",
        "required key is missing",
    ),
    "team_must_be_type": (
        "pitää olla tyyppiä {type}",
        "måste vara av typen {type}",
        "must be a {type}",
    ),
    "team_not_empty": ("ei saa olla tyhjä", "får inte vara tom", "must not be empty"),
    "team_non_empty_strings": (
        "saa sisältää vain ei-tyhjiä merkkijonoja",
        "får bara innehålla icke-tomma strängar",
        "must hold non-empty strings",
    ),
    "team_at_least_one": ("pitää olla vähintään 1", "måste vara minst 1", "must be at least 1"),
    "team_key_not_date": (
        "{key} pitää olla päivämäärä",
        "{key} måste vara ett datum",
        "{key} must be a date",
    ),
    "team_key_not_bool": (
        "{key} pitää olla totuusarvo (true tai false)",
        "{key} måste vara ett sanningsvärde (true eller false)",
        "{key} must be a boolean",
    ),
    "team_key_not_string": (
        "{key} pitää olla merkkijono",
        "{key} måste vara en sträng",
        "{key} must be a string",
    ),
    "team_key_not_strings": (
        "{key} pitää olla merkkijonojen luettelo",
        "{key} måste vara en lista av strängar",
        "{key} must be an array of strings",
    ),
    "team_key_empty": (
        "{key} ei saa olla tyhjä",
        "{key} får inte vara tom",
        "{key} must not be empty",
    ),
    "stakeholder_missing_columns": (
        "sarakkeet puuttuvat: {columns}",
        "kolumner saknas: {columns}",
        "missing columns {columns}",
    ),
    "stakeholder_stars": (
        "tähtiä pitää olla 1-5",
        "antalet stjärnor måste vara 1-5",
        "stars must be 1-5",
    ),
    "stakeholder_resilience": (
        "resilience-arvo on '#' tai tyhjä",
        "resilience är '#' eller tom",
        "resilience is '#' or empty",
    ),
    "stakeholder_unknown_region": (
        "tuntematon maakunnan lyhenne (tunnetut: {known})",
        "okänd förkortning för landskap (kända: {known})",
        "unknown region abbreviation (known: {known})",
    ),
    "stakeholder_needs_measure": (
        "rivillä pitää olla toimenpide tai tehtäviä",
        "en rad behöver en åtgärd eller uppgifter",
        "a row needs a measure or tasks",
    ),
}

_ERROR_PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    # key: ((fi one, fi other), (sv ...), (en ...)); the count is the parameter ``n``
    "probe_municipalities": (
        ("{n} kunta", "{n} kuntaa"),
        ("{n} kommun", "{n} kommuner"),
        ("{n} municipality", "{n} municipalities"),
    ),
    "probe_coordinators": (
        ("{n} koordinaattori", "{n} koordinaattoria"),
        ("{n} samordnare", "{n} samordnare"),
        ("{n} coordinator", "{n} coordinators"),
    ),
    "probe_targets": (
        ("{n} tavoite", "{n} tavoitetta"),
        ("{n} mål", "{n} mål"),
        ("{n} target", "{n} targets"),
    ),
    "probe_measures": (
        ("{n} toimenpide", "{n} toimenpidettä"),
        ("{n} åtgärd", "{n} åtgärder"),
        ("{n} measure", "{n} measures"),
    ),
    "probe_factors": (
        ("{n} päästökerroin", "{n} päästökerrointa"),
        ("{n} emissionsfaktor", "{n} emissionsfaktorer"),
        ("{n} emission factor", "{n} emission factors"),
    ),
    "probe_inventory_municipality": (
        ("{n} kunta, vuodet {years}", "{n} kuntaa, vuodet {years}"),
        ("{n} kommun, år {years}", "{n} kommuner, år {years}"),
        ("{n} municipality, years {years}", "{n} municipalities, years {years}"),
    ),
    "probe_inventory_region": (
        ("{n} maakunta, vuodet {years}", "{n} maakuntaa, vuodet {years}"),
        ("{n} landskap, år {years}", "{n} landskap, år {years}"),
        ("{n} region, years {years}", "{n} regions, years {years}"),
    ),
    "probe_inventory_group": (
        ("{n} alueryhmä, vuodet {years}", "{n} alueryhmää, vuodet {years}"),
        ("{n} grupp av områden, år {years}", "{n} grupper av områden, år {years}"),
        ("{n} group of areas, years {years}", "{n} groups of areas, years {years}"),
    ),
    "problems_in": (
        ("{source}: {n} virhe", "{source}: {n} virhettä"),
        ("{source}: {n} fel", "{source}: {n} fel"),
        ("{n} problem in {source}", "{n} problems in {source}"),
    ),
    "download_failed_after": (
        (
            "tiedoston {url} lataus epäonnistui {n} yrityksen jälkeen; viimeisin virhe: {reason}",
            "tiedoston {url} lataus epäonnistui {n} yrityksen jälkeen; viimeisin virhe: {reason}",
        ),
        (
            "det gick inte att hämta {url} efter {n} försök; senaste felet: {reason}",
            "det gick inte att hämta {url} efter {n} försök; senaste felet: {reason}",
        ),
        (
            "could not download {url} after {n} attempt; last error: {reason}",
            "could not download {url} after {n} attempts; last error: {reason}",
        ),
    ),
}

_UNKNOWN_KINDS: dict[str, tuple[str, str]] = {
    # an UnknownNameError's kind: ("unknown ..." in fi, in sv); English says "unknown {kind}"
    "region": ("tuntematon maakunta", "okänt landskap"),
    "municipality": ("tuntematon kunta", "okänd kommun"),
    "region or municipality": ("tuntematon maakunta tai kunta", "okänt landskap eller kommun"),
    "region code": ("tuntematon maakuntakoodi", "okänd landskapskod"),
    "municipality code": ("tuntematon kuntanumero", "okänt kommunnummer"),
    "sector": ("tuntematon sektori", "okänd sektor"),
    "sector key": ("tuntematon sektorikoodi", "okänd sektorkod"),
    "accounting rule": ("tuntematon laskentatapa", "okänd beräkningsmetod"),
    "calculation method": ("tuntematon laskentatapa", "okänd beräkningsmetod"),
    "target": ("tuntematon tavoite", "okänt mål"),
    "example scenario": ("tuntematon esimerkkiskenaario", "okänt exempelscenario"),
    "catalogue template": ("tuntematon toimenpidemalli", "okänd åtgärdsmall"),
    "template parameter": ("tuntematon mallin parametri", "okänd mallparameter"),
    "GWP metric": ("tuntematon GWP-mittari", "okänt GWP-mått"),
    "year": ("tuntematon vuosi", "okänt år"),
    "year (a year is a whole number like 2024)": (
        "tuntematon vuosi (vuosi on kokonaisluku, esim. 2024)",
        "okänt år (ett år är ett heltal, t.ex. 2024)",
    ),
    "years": ("tuntematon vuosi", "okänt år"),
    "areas": ("tuntematon alue", "okänt område"),
    "sectors": ("tuntematon sektori", "okänd sektor"),
}

_AREA_LEVELS: dict[str, tuple[str, str, str]] = {
    # an inventory's area level, as the parameter ``area_level`` of an error message
    "municipality": ("kunnat", "kommuner", "municipality"),
    "region": ("maakunnat", "landskap", "region"),
    "group": ("alueryhmät", "grupper av områden", "group"),
}

_WHAT: dict[str, tuple[str, str, str]] = {
    # what a value is, as the parameter ``what`` of an error message
    "value": ("arvo", "värde", "value"),
    "emissions": ("päästöt", "utsläpp", "emissions"),
    "total emissions": ("kokonaispäästöt", "totala utsläpp", "total emissions"),
    "emissions per resident": (
        "päästöt asukasta kohden",
        "utsläpp per invånare",
        "emissions per resident",
    ),
    "energy use": ("energiankulutus", "energianvändning", "energy use"),
    "population": ("asukasluku", "invånarantal", "population"),
    "wind-power credits": ("tuulivoimahyvitykset", "vindkraftskrediter", "wind-power credits"),
}

_NOT_IN_INVENTORY = " (not in this inventory)"
_NOT_IN_INVENTORY_SAID = (" (ei näissä päästötiedoissa)", " (finns inte i dessa utsläppsdata)")
_LEVEL_SECTOR = re.compile(r"level-(\d) sector")


def error_text(key: str, lang: str, /, **params: object) -> str:
    """The error message ``key`` in ``lang``, filled with ``params``.

    A count-dependent message takes its form from ``n``; a parameter named ``rule`` (an
    accounting rule id) is said by the rule's name in ``lang``, ``area_level`` by the word for
    the areas, ``what`` (what a value is: emissions, population ...) by its word, and a
    parameter that is an error by :func:`describe`.

    >>> error_text("toml_required", "sv", name="name")
    "'name' saknas"
    """
    index = check_language(lang)
    if key in _ERROR_PLURALS:
        one, other = _ERROR_PLURALS[key][index]
        template = one if params.get("n") == 1 else other
    else:
        template = _ERRORS[key][index]
    values = dict(params)
    for name, value in params.items():
        if name == "rule" and isinstance(value, str) and value in _RULE_NAMES:
            values[name] = rule_name(value, lang)
        elif name == "area_level" and isinstance(value, str) and value in _AREA_LEVELS:
            values[name] = _AREA_LEVELS[value][index]
        elif name == "what" and isinstance(value, str) and value in _WHAT:
            values[name] = _WHAT[value][index]
        elif isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
            values[name] = "; ".join(said(v, lang) for v in value)
        elif isinstance(value, str):
            values[name] = said(value, lang)
        elif isinstance(value, BaseException):
            values[name] = describe(value, lang)
    return template.format(**values)


def said(text: str, lang: str) -> str:
    """``text`` in ``lang`` when it is a :class:`canemure.errors.Message`, else as it is."""
    key = getattr(text, "key", None)
    if isinstance(key, str) and (key in _ERRORS or key in _ERROR_PLURALS):
        return error_text(key, lang, **getattr(text, "params", {}))
    return text


def _unknown(kind: str, index: int) -> str:
    """``unknown KIND`` in language ``index`` (Finnish or Swedish); the kind as is if not known."""
    suffix = ""
    if kind.endswith(_NOT_IN_INVENTORY):
        kind, suffix = kind[: -len(_NOT_IN_INVENTORY)], _NOT_IN_INVENTORY_SAID[index]
    level = _LEVEL_SECTOR.fullmatch(kind)
    if level is not None:
        words = (f"tuntematon tason {level.group(1)} sektori", f"okänd sektor på nivå {level[1]}")
        return words[index] + suffix
    found = _UNKNOWN_KINDS.get(kind)
    if found is None:
        return ("tuntematon", "okänd")[index] + f" {kind}{suffix}"
    return found[index] + suffix


def describe(error: BaseException, lang: str) -> str:
    """``error`` said in ``lang``: what the command line prints after ``error:``.

    Keyed canemure errors (:mod:`canemure.errors`) come from the error catalogue; an unknown
    name keeps the name and suggestions as given; a data-format error lists every problem
    with its file, line, column and value. Any other error is its own (English) text.

    >>> from canemure.errors import UnknownNameError
    >>> describe(UnknownNameError("municipality", "Joensu", ["Joensuu"]), "fi")
    "tuntematon kunta 'Joensu'; tarkoititko 'Joensuu'?"
    """
    # The error classes are told apart by their parts (canemure.errors imports this module).
    index = check_language(lang)
    if lang == "en":
        return str(error)
    if isinstance(getattr(error, "problems", None), tuple):
        return _format_problems(error, lang)
    if isinstance(getattr(error, "suggestions", None), tuple):
        kind, name, suggestions = (getattr(error, a) for a in ("kind", "name", "suggestions"))
        text = f"{_unknown(str(kind), index)} {name!r}"
        if suggestions:
            text += error_text("did_you_mean", lang, names=", ".join(map(repr, suggestions)))
        return text
    if all(hasattr(error, a) for a in ("purpose", "package", "extra")):
        parts = {a: getattr(error, a) for a in ("purpose", "package", "extra")}
        return error_text("missing_dependency", lang, **parts)
    key = getattr(error, "key", None)
    if isinstance(key, str) and (key in _ERRORS or key in _ERROR_PLURALS):
        return error_text(key, lang, **getattr(error, "params", {}))
    return str(error)


def _format_problems(error: Any, lang: str) -> str:
    """A data-format error's problems, each with its file, line, column and value."""

    def said(problem: Any) -> str:
        where = [problem.file] if problem.file else []
        if problem.line is not None:
            where.append(error_text("problem_line", lang, line=problem.line))
        if problem.column is not None:
            where.append(error_text("problem_column", lang, column=problem.column))
        key = problem.key
        known = key is not None and (key in _ERRORS or key in _ERROR_PLURALS)
        text = error_text(key, lang, **problem.params) if key and known else problem.message
        if problem.value is not None:
            text += error_text("problem_value", lang, value=problem.value)
        return f"{', '.join(where)}: {text}" if where else text

    n = len(error.problems)
    source = error.source or "input"
    lines = [f"  - {said(p)}" for p in error.problems[: error.max_listed]]
    if n > error.max_listed:
        lines.append("  " + plural("more", n - error.max_listed, lang))
    head = error_text("problems_in", lang, n=n, source=source)
    return head + ":\n" + "\n".join(lines)


# ----------------------------------------------------------------------------- argparse
# argparse's own texts, by their English message id (as argparse passes them to gettext),
# with the command line's own type-check messages in the same %-style.

_ARGPARSE: dict[str, tuple[str, str, str]] = {
    # message id: (fi, sv, en = the message id)
    "usage: ": ("käyttö: ", "användning: ", "usage: "),
    "positional arguments": ("argumentit", "positionella argument", "positional arguments"),
    "options": ("valitsimet", "flaggor", "options"),
    "show this help message and exit": (
        "näytä tämä ohje ja lopeta",
        "visa den här hjälptexten och avsluta",
        "show this help message and exit",
    ),
    "show program's version number and exit": (
        "näytä ohjelman versio ja lopeta",
        "visa programmets versionsnummer och avsluta",
        "show program's version number and exit",
    ),
    "%(prog)s: error: %(message)s\n": (
        "%(prog)s: virhe: %(message)s\n",
        "%(prog)s: fel: %(message)s\n",
        "%(prog)s: error: %(message)s\n",
    ),
    "argument %(argument_name)s: %(message)s": (
        "argumentti %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "the following arguments are required: %s": (
        "nämä pakolliset argumentit puuttuvat: %s",
        "följande argument krävs: %s",
        "the following arguments are required: %s",
    ),
    "one of the arguments %s is required": (
        "jokin argumenteista %s vaaditaan",
        "ett av argumenten %s krävs",
        "one of the arguments %s is required",
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "virheellinen valinta: %(value)r (vaihtoehdot: %(choices)s)",
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "tuntematon komento %(parser_name)r (vaihtoehdot: %(choices)s)",
        "okänt kommando %(parser_name)r (val: %(choices)s)",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
    "unrecognized arguments: %s": (
        "tuntemattomat argumentit: %s",
        "okända argument: %s",
        "unrecognized arguments: %s",
    ),
    "expected one argument": (
        "odotettiin yhtä arvoa",
        "förväntade ett värde",
        "expected one argument",
    ),
    "expected at most one argument": (
        "odotettiin enintään yhtä arvoa",
        "förväntade högst ett värde",
        "expected at most one argument",
    ),
    "expected at least one argument": (
        "odotettiin vähintään yhtä arvoa",
        "förväntade minst ett värde",
        "expected at least one argument",
    ),
    "expected %s argument": (
        "odotettiin %s arvoa",
        "förväntade %s värde",
        "expected %s argument",
    ),
    "expected %s arguments": (
        "odotettiin %s arvoa",
        "förväntade %s värden",
        "expected %s arguments",
    ),
    "ambiguous option: %(option)s could match %(matches)s": (
        "monitulkintainen valitsin: %(option)s voi tarkoittaa mitä tahansa näistä: %(matches)s",
        "tvetydig flagga: %(option)s kan betyda %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "invalid %(type)s value: %(value)r": (
        "virheellinen arvo %(value)r (odotettiin: %(type)s)",
        "ogiltigt värde %(value)r (förväntade: %(type)s)",
        "invalid %(type)s value: %(value)r",
    ),
    "not allowed with argument %s": (
        "ei sallittu yhdessä argumentin %s kanssa",
        "inte tillåtet tillsammans med argumentet %s",
        "not allowed with argument %s",
    ),
    "ignored explicit argument %r": (
        "ylimääräinen arvo %r ohitettiin",
        "det överflödiga värdet %r ignorerades",
        "ignored explicit argument %r",
    ),
    "unexpected option string: %s": (
        "odottamaton valitsin: %s",
        "oväntad flagga: %s",
        "unexpected option string: %s",
    ),
    "can't open '%(filename)s': %(error)s": (
        "tiedostoa '%(filename)s' ei voi avata: %(error)s",
        "kan inte öppna '%(filename)s': %(error)s",
        "can't open '%(filename)s': %(error)s",
    ),
    # the command line's own
    "not a number of seconds: %s": (
        "ei ole sekuntimäärä: %s",
        "inte ett antal sekunder: %s",
        "not a number of seconds: %s",
    ),
    "must be a positive number of seconds, not %s": (
        "sekuntimäärän pitää olla positiivinen, ei %s",
        "måste vara ett positivt antal sekunder, inte %s",
        "must be a positive number of seconds, not %s",
    ),
    "not a whole number: %s": (
        "ei ole kokonaisluku: %s",
        "inte ett heltal: %s",
        "not a whole number: %s",
    ),
    "must be at least %s, not %s": (
        "pitää olla vähintään %s, ei %s",
        "måste vara minst %s, inte %s",
        "must be at least %s, not %s",
    ),
    "(default: %(default)s)": (
        "(oletus: %(default)s)",
        "(standard: %(default)s)",
        "(default: %(default)s)",
    ),
    "example:": ("esimerkki:", "exempel:", "example:"),
}

_PERCENT = re.compile(r"%\((\w+)\)[sr]|%[sr]")
_ARGPARSE_SHAPES: list[tuple[str, re.Pattern[str]]] = []


def _argparse_shapes() -> list[tuple[str, re.Pattern[str]]]:
    """Every message id with a placeholder as a pattern, longest first (the most specific wins).

    One group per placeholder: its name, or ``p0``, ``p1``, ... for ``%s``.
    """
    if not _ARGPARSE_SHAPES:
        for msgid in sorted(_ARGPARSE, key=len, reverse=True):
            parts, last, n = [], 0, 0
            for found in _PERCENT.finditer(msgid):
                parts.append(re.escape(msgid[last : found.start()]))
                name = found.group(1) or f"p{n}"
                n += found.group(1) is None
                parts.append(f"(?P<{name}>.+?)")
                last = found.end()
            if last:
                parts.append(re.escape(msgid[last:]))
                _ARGPARSE_SHAPES.append((msgid, re.compile("".join(parts), re.DOTALL)))
    return _ARGPARSE_SHAPES


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its %-placeholders replaced by ``values`` (already formatted)."""
    counter = iter(range(len(values)))

    def value(placeholder: re.Match[str]) -> str:
        return values[placeholder.group(1) or f"p{next(counter)}"]

    return _PERCENT.sub(value, template)


def argparse_text(message: str, lang: str) -> str:
    """One of argparse's messages (as argparse formatted it in English) said in ``lang``.

    The filled-in parts (option names, values, choices) are kept; an argument's message
    inside ``argument X: ...`` is said in turn. A message not in the table stays as it is.

    >>> argparse_text("the following arguments are required: AREA", "fi")
    'nämä pakolliset argumentit puuttuvat: AREA'
    >>> argparse_text("argument --format: invalid choice: 'x' (choose from 'csv')", "sv")
    "argument --format: ogiltigt val: 'x' (välj bland 'csv')"
    """
    index = check_language(lang)
    if message in _ARGPARSE:
        return _ARGPARSE[message][index]
    for msgid, shape in _argparse_shapes():
        found = shape.fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if "message" in values:
            values["message"] = argparse_text(values["message"], lang)
        return _fill(_ARGPARSE[msgid][index], values)
    return message


# ----------------------------------------------------------------------------- adapters' texts
class Text(str):
    """A text an adapter gives, with the language it is written in and any translations.

    It is a ``str`` (every record field that takes a text takes it, and it compares, hashes and
    serialises as its own words), so an adapter author can hand one wherever a record asks
    for a text::

        Coordinator(
            organisation="Kainuun liitto",
            role=Text("alueellinen koordinaattori", "fi", sv="regional koordinator",
                      en="regional coordinator"),
        )

    Reports show it with :func:`shown`: in the reader's language where the adapter gave that
    translation, else as written with its language marked ("in Finnish"). A plain ``str``
    says nothing about its language and is shown as it is.

    >>> role = Text("regional coordinator", "en", fi="alueellinen koordinaattori")
    >>> shown(role, "fi"), shown(role, "sv"), role == "regional coordinator"
    ('alueellinen koordinaattori', 'regional coordinator (på engelska)', True)
    """

    __slots__ = ("lang", "translations")

    lang: str
    """The language the text is written in: ``fi``, ``sv`` or ``en``."""
    translations: dict[str, str]
    """The text in each language the adapter gives, its own language included."""

    def __new__(cls, text: str, lang: str, *, fi: str = "", sv: str = "", en: str = "") -> Text:
        """``text`` written in ``lang``; ``fi``, ``sv``, ``en`` its translations (optional)."""
        if lang not in LANGUAGES:
            raise ValueError(f"the language of a text must be one of fi, sv, en, not {lang!r}")
        given = {"fi": fi, "sv": sv, "en": en}
        for code, value in given.items():
            if not isinstance(value, str):
                raise TypeError(f"the {code} translation must be a str, not {value!r}")
        if given[lang] and given[lang] != text:
            raise ValueError(f"{text!r} is written in {lang}, and its {lang}= says otherwise")
        self = super().__new__(cls, text)
        self.lang = lang
        self.translations = {code: value for code, value in given.items() if value.strip()}
        self.translations[lang] = str(text)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_text, (str(self), self.lang, dict(self.translations)))


def _text(text: str, lang: str, translations: dict[str, str]) -> Text:
    """Rebuild a :class:`Text` (copy and deepcopy use this)."""
    others = {code: value for code, value in translations.items() if code != lang}
    return Text(text, lang, **others)


def shown(text: str, lang: str) -> str:
    """An adapter's ``text`` as a reader of ``lang`` sees it.

    A :class:`Text` is said in ``lang`` where the adapter gave that translation, else it is
    shown as written with its language marked: ``"Liikenne (in Finnish)"``. A plain ``str``
    (language not declared) is shown as it is.

    >>> shown(Text("Liikenne ja liikkuminen", "fi"), "sv")
    'Liikenne ja liikkuminen (på finska)'
    >>> shown(Text("Liikenne ja liikkuminen", "fi"), "fi"), shown("as given", "fi")
    ('Liikenne ja liikkuminen', 'as given')
    """
    if not isinstance(text, Text):
        return text
    said = text.translations.get(lang)
    if said is not None:
        return said
    return f"{text} ({label(f'in_lang_{text.lang}', lang)})"
