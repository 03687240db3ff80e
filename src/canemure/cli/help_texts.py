"""The ``--help`` texts of the ``canemure`` command in Finnish, Swedish and English.

Each entry is keyed by its English text, as the parser set-up writes it (descriptions, option
help, the sub-commands' one-line help and the exit-status table), and holds the text in
``(fi, sv, en)``. The help formatter of :mod:`canemure.cli.main` looks every text up in the
language the parser knows (``--lang`` or the locale); ``tests/test_cli_help_language.py`` walks
the whole parser and fails on a text missing here. This module imports nothing heavy: it is
read by ``canemure --help``.
"""

from __future__ import annotations

__all__ = ["help_text"]

_HELP: dict[str, tuple[str, str, str]] = {
    # key (English, as written in the parser set-up): (fi, sv, en)
    # ------------------------------------------------------------------ canemure
    "Regional climate-mitigation roadmaps: baseline emissions, data, plugins. Run 'canemure "
    "COMMAND --help' for a command's options, defaults and an example.": (
        "Alueelliset ilmastotiekartat: päästöjen lähtötaso, aineistot, laajennukset. Komennon "
        "valitsimet, oletusarvot ja esimerkin näet komennolla 'canemure KOMENTO --help'.",
        "Regionala klimatfärdplaner: utsläppens utgångsnivå, data, tillägg. Kör 'canemure "
        "KOMMANDO --help' för ett kommandos flaggor, standardvärden och ett exempel.",
        "Regional climate-mitigation roadmaps: baseline emissions, data, plugins. Run 'canemure "
        "COMMAND --help' for a command's options, defaults and an example.",
    ),
    "exit status:": ("paluuarvo:", "slutstatus:", "exit status:"),
    "success": ("onnistui", "lyckades", "success"),
    "partial failure: some areas, files or plugins failed, the rest was done": (
        "osittain epäonnistui: osa alueista, tiedostoista tai laajennuksista epäonnistui, muu "
        "tehtiin",
        "delvis misslyckat: några områden, filer eller tillägg misslyckades, resten gjordes",
        "partial failure: some areas, files or plugins failed, the rest was done",
    ),
    "usage error or bad input (unknown name, bad option, bad file)": (
        "käyttövirhe tai virheellinen syöte (tuntematon nimi, väärä valitsin, virheellinen "
        "tiedosto)",
        "användningsfel eller felaktig indata (okänt namn, fel flagga, felaktig fil)",
        "usage error or bad input (unknown name, bad option, bad file)",
    ),
    "missing data (no figures for the area; the message says how to get them)": (
        "tietoja puuttuu (alueelle ei ole lukuja; viesti kertoo, miten ne saa)",
        "data saknas (inga värden för området; meddelandet säger hur man får dem)",
        "missing data (no figures for the area; the message says how to get them)",
    ),
    "internal error (a bug in canemure; please report it)": (
        "sisäinen virhe (vika canemuressa; ilmoitathan siitä)",
        "internt fel (en bugg i canemure; rapportera den gärna)",
        "internal error (a bug in canemure; please report it)",
    ),
    "interrupted (Ctrl-C)": ("keskeytetty (Ctrl-C)", "avbrutet (Ctrl-C)", "interrupted (Ctrl-C)"),
    "the output was closed by the reader (e.g. | head); nothing more is said": (
        "lukija sulki tulosteen (esim. | head); muuta ei sanota",
        "läsaren stängde utdata (t.ex. | head); inget mer sägs",
        "the output was closed by the reader (e.g. | head); nothing more is said",
    ),
    # ------------------------------------------------------------------ sub-commands, one line
    "areas' baseline emissions by sector, or a region's municipalities ranked": (
        "alueiden päästöjen lähtötaso sektoreittain tai maakunnan kunnat järjestyksessä",
        "områdenas utgångsnivå för utsläpp per sektor, eller ett landskaps kommuner i rangordning",
        "areas' baseline emissions by sector, or a region's municipalities ranked",
    ),
    "the 19 regions: which have a region adapter and which have emission data": (
        "19 maakuntaa: millä on alueen laajennus ja millä päästötietoja",
        "de 19 landskapen: vilka som har ett regionstillägg och vilka som har utsläppsdata",
        "the 19 regions: which have a region adapter and which have emission data",
    ),
    "a region's coordinators, cooperation group, roadmap, targets, measures and data": (
        "maakunnan koordinaattorit, yhteistyöryhmä, tiekartta, tavoitteet, toimenpiteet ja tiedot",
        "ett landskaps koordinatorer, samarbetsgrupp, färdplan, mål, åtgärder och data",
        "a region's coordinators, cooperation group, roadmap, targets, measures and data",
    ),
    "a region's meeting report as one self-contained HTML file": (
        "maakunnan kokousraportti yhtenä itsenäisenä HTML-tiedostona",
        "ett landskaps mötesrapport som en fristående HTML-fil",
        "a region's meeting report as one self-contained HTML file",
    ),
    "manage SYKE data in the user cache": (
        "hallitse SYKEn aineistoja käyttäjän välimuistissa",
        "hantera SYKE:s data i användarens cacheminne",
        "manage SYKE data in the user cache",
    ),
    "list region adapter plugins, loaded and failed": (
        "luettele alueiden laajennukset, ladatut ja epäonnistuneet",
        "lista regionstilläggen, laddade och misslyckade",
        "list region adapter plugins, loaded and failed",
    ),
    "create a new region adapter distribution from the template": (
        "luo uusi alueen laajennuspaketti mallipohjasta",
        "skapa ett nytt regionstilläggspaket från mallen",
        "create a new region adapter distribution from the template",
    ),
    "compute a roadmap scenario: trajectory, gap to targets, wedges and costs": (
        "laske tiekartan skenaario: päästökehitys, kuilu tavoitteisiin, vähennysosuudet ja "
        "kustannukset",
        "beräkna ett färdplansscenario: utsläppsbana, gap till målen, minskningskilar och "
        "kostnader",
        "compute a roadmap scenario: trajectory, gap to targets, wedges and costs",
    ),
    "compare roadmap scenarios side by side (differences per sector and year)": (
        "vertaa tiekartan skenaarioita rinnakkain (erot sektoreittain ja vuosittain)",
        "jämför färdplansscenarier sida vid sida (skillnader per sektor och år)",
        "compare roadmap scenarios side by side (differences per sector and year)",
    ),
    "marginal abatement cost curve of a roadmap scenario's measures": (
        "tiekartan skenaarion toimenpiteiden päästövähennysten rajakustannuskäyrä",
        "marginalkostnadskurva för ett färdplansscenarios åtgärder",
        "marginal abatement cost curve of a roadmap scenario's measures",
    ),
    # ------------------------------------------------------------------ shared options
    "output: an aligned table, CSV (headers in --lang), JSON (keys in English) or an Excel "
    "workbook (xlsx: needs -o FILE.xlsx and canemure[excel])": (
        "tuloste: tasattu taulukko, CSV (otsikot --lang-kielellä), JSON (avaimet englanniksi) "
        "tai Excel-työkirja (xlsx: tarvitsee -o FILE.xlsx ja canemure[excel])",
        "utdata: en justerad tabell, CSV (rubriker på --lang-språket), JSON (nycklar på "
        "engelska) eller en Excel-arbetsbok (xlsx: kräver -o FILE.xlsx och canemure[excel])",
        "output: an aligned table, CSV (headers in --lang), JSON (keys in English) or an Excel "
        "workbook (xlsx: needs -o FILE.xlsx and canemure[excel])",
    ),
    "write to FILE instead of standard output ('-': standard output); needed for --format xlsx": (
        "kirjoita tiedostoon FILE vakiotulosteen sijaan ('-': vakiotuloste); tarvitaan "
        "valitsimen --format xlsx kanssa",
        "skriv till FILE i stället för standardutdata ('-': standardutdata); krävs för "
        "--format xlsx",
        "write to FILE instead of standard output ('-': standard output); needed for --format xlsx",
    ),
    "language of the output and of error messages; follows the locale (LC_ALL, LC_MESSAGES "
    "or LANG)": (
        "tulosteen ja virheilmoitusten kieli; oletuksena järjestelmän kieliasetus (LC_ALL, "
        "LC_MESSAGES tai LANG)",
        "språk för utdata och felmeddelanden; följer systemets språkinställning (LC_ALL, "
        "LC_MESSAGES eller LANG)",
        "language of the output and of error messages; follows the locale (LC_ALL, LC_MESSAGES "
        "or LANG)",
    ),
    "use only bundled and imported data": (
        "käytä vain canemuren mukana tulevia ja tuotuja tietoja",
        "använd bara data som medföljer canemure och importerade data",
        "use only bundled and imported data",
    ),
    "region or municipality: code or name in fi/sv/en, any case": (
        "maakunta tai kunta: koodi tai nimi suomeksi, ruotsiksi tai englanniksi, isot ja "
        "pienet kirjaimet samantekeviä",
        "landskap eller kommun: kod eller namn på finska, svenska eller engelska, stora och "
        "små bokstäver spelar ingen roll",
        "region or municipality: code or name in fi/sv/en, any case",
    ),
    "region or municipality": (
        "maakunta tai kunta",
        "landskap eller kommun",
        "region or municipality",
    ),
    "region code or name in fi/sv/en, any case": (
        "maakunnan koodi tai nimi suomeksi, ruotsiksi tai englanniksi, isot ja pienet "
        "kirjaimet samantekeviä",
        "landskapets kod eller namn på finska, svenska eller engelska, stora och små "
        "bokstäver spelar ingen roll",
        "region code or name in fi/sv/en, any case",
    ),
    # ------------------------------------------------------------------ baseline
    "Print the emissions by sector of one or more regions or municipalities for chosen years, "
    "with totals, change in percent, population and tonnes per resident. With --rank, rank the "
    "municipalities of each region given by total, per resident or change since the base year. "
    "Tables fit 100 columns (many years are printed in blocks).": (
        "Tulosta yhden tai useamman maakunnan tai kunnan päästöt sektoreittain valittuina "
        "vuosina: yhteensä, muutos prosentteina, asukasluku ja tonnia asukasta kohden. "
        "Valitsimella --rank annettujen maakuntien kunnat järjestetään päästöjen yhteismäärän, "
        "asukaskohtaisten päästöjen tai perusvuodesta tapahtuneen muutoksen mukaan. Taulukot "
        "mahtuvat 100 merkin levyisiksi (monet vuodet tulostetaan lohkoina).",
        "Skriv ut utsläppen per sektor för ett eller flera landskap eller kommuner valda år, "
        "med totaler, förändring i procent, invånarantal och ton per invånare. Med --rank "
        "rangordnas kommunerna i varje angivet landskap efter totala utsläpp, utsläpp per "
        "invånare eller förändring sedan basåret. Tabellerna ryms på 100 kolumner (många år "
        "skrivs ut i block).",
        "Print the emissions by sector of one or more regions or municipalities for chosen "
        "years, with totals, change in percent, population and tonnes per resident. With "
        "--rank, rank the municipalities of each region given by total, per resident or change "
        "since the base year. Tables fit 100 columns (many years are printed in blocks).",
    ),
    "accounting rule set: all, hinku, hinku-credits, esr, ets": (
        "laskentasääntö: all, hinku, hinku-credits, esr, ets",
        "beräkningsregel: all, hinku, hinku-credits, esr, ets",
        "accounting rule set: all, hinku, hinku-credits, esr, ets",
    ),
    "years to show: '2007,2024', '2005-2024' or 'latest' (default: 2007 and the latest)": (
        "näytettävät vuodet: '2007,2024', '2005-2024' tai 'latest' (oletus: 2007 ja uusin)",
        "år som visas: '2007,2024', '2005-2024' eller 'latest' (standard: 2007 och det senaste)",
        "years to show: '2007,2024', '2005-2024' or 'latest' (default: 2007 and the latest)",
    ),
    "rank the municipalities of each region AREA by this (total if given alone); the change "
    "is from the first of --years to the last": (
        "järjestä kunkin maakunnan AREA kunnat tämän mukaan (yksinään annettuna total); "
        "muutos lasketaan valitsimen --years ensimmäisestä vuodesta viimeiseen",
        "rangordna kommunerna i varje landskap AREA efter detta (total om det ges ensamt); "
        "förändringen räknas från det första av --years till det sista",
        "rank the municipalities of each region AREA by this (total if given alone); the "
        "change is from the first of --years to the last",
    ),
    "first fetch the areas' SYKE open data into the user cache (needs the network)": (
        "hae ensin alueiden SYKEn avoin data käyttäjän välimuistiin (tarvitsee verkkoyhteyden)",
        "hämta först områdenas öppna data från SYKE till användarens cacheminne (kräver nätverk)",
        "first fetch the areas' SYKE open data into the user cache (needs the network)",
    ),
    # ------------------------------------------------------------------ download options
    "download again even if a verified copy is cached": (
        "lataa uudelleen, vaikka välimuistissa on tarkistettu kopio",
        "ladda ner på nytt även om en verifierad kopia finns i cacheminnet",
        "download again even if a verified copy is cached",
    ),
    "also fetch SYKE's municipality list (populations) of YEAR": (
        "hae myös SYKEn kuntaluettelo (asukasluvut) vuodelta YEAR",
        "hämta också SYKE:s kommunlista (invånarantal) för år YEAR",
        "also fetch SYKE's municipality list (populations) of YEAR",
    ),
    "where SYKE publishes (None: SYKE's open-data site)": (
        "SYKEn julkaisuosoite (None: SYKEn avoimen datan sivusto)",
        "var SYKE publicerar (None: SYKE:s webbplats för öppna data)",
        "where SYKE publishes (None: SYKE's open-data site)",
    ),
    "seconds to wait for the server at each step": (
        "kuinka monta sekuntia palvelinta odotetaan kussakin vaiheessa",
        "antal sekunder att vänta på servern i varje steg",
        "seconds to wait for the server at each step",
    ),
    "seconds one attempt at a file may take in all": (
        "kuinka monta sekuntia yksi tiedoston latausyritys saa kestää kaikkiaan",
        "antal sekunder ett försök att hämta en fil får ta sammanlagt",
        "seconds one attempt at a file may take in all",
    ),
    "extra attempts after a failure": (
        "uusintayritykset epäonnistumisen jälkeen",
        "extra försök efter ett misslyckande",
        "extra attempts after a failure",
    ),
    "files downloaded at once": (
        "yhtä aikaa ladattavat tiedostot",
        "filer som laddas ner samtidigt",
        "files downloaded at once",
    ),
    # ------------------------------------------------------------------ regions, region, report
    "List Finland's 19 regions (maakunnat) with the Canemure ones marked, the region adapter "
    "serving each (or the adapters that failed to load or answer), and where emission figures "
    "come from: bundled with canemure, the user cache (how many municipalities), or an "
    "adapter's data.": (
        "Luettele Suomen 19 maakuntaa (Canemure-maakunnat merkittyinä), kutakin palveleva "
        "alueen laajennus (tai laajennukset, joiden lataus tai vastaus epäonnistui) ja mistä "
        "päästöluvut tulevat: canemuren mukana, käyttäjän välimuistista (kuinka monta kuntaa) "
        "tai laajennuksen aineistosta.",
        "Lista Finlands 19 landskap (maakunnat) med Canemure-landskapen markerade, "
        "regionstillägget som betjänar vart och ett (eller tilläggen som inte kunde laddas "
        "eller svara) och var utsläppsvärdena kommer ifrån: medföljer canemure, användarens "
        "cacheminne (hur många kommuner) eller ett tilläggs data.",
        "List Finland's 19 regions (maakunnat) with the Canemure ones marked, the region "
        "adapter serving each (or the adapters that failed to load or answer), and where "
        "emission figures come from: bundled with canemure, the user cache (how many "
        "municipalities), or an adapter's data.",
    ),
    "accounting rule of the data column": (
        "tietosarakkeen laskentasääntö",
        "beräkningsregel för datakolumnen",
        "accounting rule of the data column",
    ),
    "Print what the region's adapter knows: coordinating organisations, the cooperation group, "
    "the roadmap, published targets and measures, and which years have emission figures under "
    "each accounting rule.": (
        "Tulosta, mitä maakunnan laajennus tietää: koordinoivat organisaatiot, yhteistyöryhmä, "
        "tiekartta, julkaistut tavoitteet ja toimenpiteet sekä miltä vuosilta päästölukuja on "
        "kunkin laskentasäännön mukaan.",
        "Skriv ut vad landskapets tillägg vet: koordinerande organisationer, samarbetsgruppen, "
        "färdplanen, publicerade mål och åtgärder, och för vilka år det finns utsläppsvärden "
        "enligt varje beräkningsregel.",
        "Print what the region's adapter knows: coordinating organisations, the cooperation "
        "group, the roadmap, published targets and measures, and which years have emission "
        "figures under each accounting rule.",
    ),
    "output: an aligned table, CSV (one fact a row, headers in --lang) or JSON (keys in English)": (
        "tuloste: tasattu taulukko, CSV (yksi tieto riviä kohden, otsikot --lang-kielellä) "
        "tai JSON (avaimet englanniksi)",
        "utdata: en justerad tabell, CSV (en uppgift per rad, rubriker på --lang-språket) "
        "eller JSON (nycklar på engelska)",
        "output: an aligned table, CSV (one fact a row, headers in --lang) or JSON (keys in "
        "English)",
    ),
    "Write the cooperation group's meeting report of a region: coordinators, baseline and "
    "trend, targets and the gap, published measures, the roadmap scenario (gap, measures and "
    "their attribution, wedges, cost curve), municipalities per resident, data sources and "
    "adapter failures; charts and styles inline, nothing loaded from the network.": (
        "Kirjoita maakunnan yhteistyöryhmän kokousraportti: koordinaattorit, lähtötaso ja "
        "kehitys, tavoitteet ja kuilu, julkaistut toimenpiteet, tiekartan skenaario (kuilu, "
        "toimenpiteet ja niiden vaikutusten kohdentaminen, vähennysosuudet, "
        "rajakustannuskäyrä), kuntien asukaskohtaiset päästöt, tietolähteet ja laajennusten "
        "virheet; kaaviot ja tyylit tiedoston sisällä, mitään ei ladata verkosta.",
        "Skriv samarbetsgruppens mötesrapport för ett landskap: koordinatorer, utgångsnivå "
        "och trend, mål och gapet, publicerade åtgärder, färdplansscenariot (gap, åtgärder och "
        "deras fördelning, minskningskilar, kostnadskurva), kommunernas utsläpp per invånare, "
        "datakällor och tilläggens fel; diagram och stilar i filen, inget laddas från nätet.",
        "Write the cooperation group's meeting report of a region: coordinators, baseline and "
        "trend, targets and the gap, published measures, the roadmap scenario (gap, measures "
        "and their attribution, wedges, cost curve), municipalities per resident, data "
        "sources and adapter failures; charts and styles inline, nothing loaded from the "
        "network.",
    ),
    "HTML file to write ('-': stdout)": (
        "kirjoitettava HTML-tiedosto ('-': vakiotuloste)",
        "HTML-fil att skriva ('-': standardutdata)",
        "HTML file to write ('-': stdout)",
    ),
    "accounting rule of the figures": (
        "lukujen laskentasääntö",
        "beräkningsregel för värdena",
        "accounting rule of the figures",
    ),
    "leave the charts out (no matplotlib needed)": (
        "jätä kaaviot pois (matplotlibia ei tarvita)",
        "utelämna diagrammen (matplotlib behövs inte)",
        "leave the charts out (no matplotlib needed)",
    ),
    "roadmap scenario TOML of the roadmap section (default: the one shipped for the region, "
    "if any)": (
        "tiekarttaosion skenaario (TOML) (oletus: maakunnalle toimitettu, jos sellainen on)",
        "färdplansavsnittets scenario (TOML) (standard: det som medföljer för landskapet, om "
        "det finns)",
        "roadmap scenario TOML of the roadmap section (default: the one shipped for the "
        "region, if any)",
    ),
    # ------------------------------------------------------------------ data
    "Download SYKE's open data, import files downloaded by hand, or list what the user cache "
    "holds (CANEMURE_CACHE_DIR; CANEMURE_OFFLINE=1 forbids the network).": (
        "Lataa SYKEn avointa dataa, tuo käsin ladattuja tiedostoja tai luettele käyttäjän "
        "välimuistin sisältö (CANEMURE_CACHE_DIR; CANEMURE_OFFLINE=1 kieltää verkon käytön).",
        "Ladda ner SYKE:s öppna data, importera filer som laddats ner för hand eller lista "
        "vad användarens cacheminne innehåller (CANEMURE_CACHE_DIR; CANEMURE_OFFLINE=1 "
        "förbjuder nätverket).",
        "Download SYKE's open data, import files downloaded by hand, or list what the user "
        "cache holds (CANEMURE_CACHE_DIR; CANEMURE_OFFLINE=1 forbids the network).",
    ),
    "validate SYKE CSV/Excel files (or folders of them) and store them in the cache": (
        "tarkista SYKEn CSV- tai Excel-tiedostot (tai niitä sisältävät kansiot) ja tallenna "
        "ne välimuistiin",
        "validera SYKE:s CSV- eller Excel-filer (eller mappar med dem) och lagra dem i cacheminnet",
        "validate SYKE CSV/Excel files (or folders of them) and store them in the cache",
    ),
    "download SYKE's open data of regions or municipalities into the user cache": (
        "lataa maakuntien tai kuntien SYKEn avoin data käyttäjän välimuistiin",
        "ladda ner SYKE:s öppna data för landskap eller kommuner till användarens cacheminne",
        "download SYKE's open data of regions or municipalities into the user cache",
    ),
    "show what the user cache holds": (
        "näytä käyttäjän välimuistin sisältö",
        "visa vad användarens cacheminne innehåller",
        "show what the user cache holds",
    ),
    "Validate SYKE results files (CSV or Excel, or folders of them) all together and store "
    "them in the user cache only if every one is valid.": (
        "Tarkista SYKEn tulostiedostot (CSV tai Excel, tai niitä sisältävät kansiot) kaikki "
        "yhdessä ja tallenna ne käyttäjän välimuistiin vain, jos jokainen on kelvollinen.",
        "Validera SYKE:s resultatfiler (CSV eller Excel, eller mappar med dem) alla "
        "tillsammans och lagra dem i användarens cacheminne bara om varenda en är giltig.",
        "Validate SYKE results files (CSV or Excel, or folders of them) all together and "
        "store them in the user cache only if every one is valid.",
    ),
    "files or folders": ("tiedostot tai kansiot", "filer eller mappar", "files or folders"),
    "the municipality (code or name) of a single file whose name does not say it": (
        "yksittäisen tiedoston kunta (koodi tai nimi), kun tiedoston nimi ei kerro sitä",
        "kommunen (kod eller namn) för en enskild fil vars namn inte anger den",
        "the municipality (code or name) of a single file whose name does not say it",
    ),
    "Fetch each municipality's results file from SYKE's open data into the user cache "
    "(validated before it is stored; files already cached and verified are kept). Set "
    "CANEMURE_OFFLINE=1 to forbid network access.": (
        "Hae kunkin kunnan tulostiedosto SYKEn avoimesta datasta käyttäjän välimuistiin "
        "(tarkistetaan ennen tallennusta; välimuistissa jo olevat tarkistetut tiedostot "
        "säilytetään). CANEMURE_OFFLINE=1 kieltää verkon käytön.",
        "Hämta varje kommuns resultatfil från SYKE:s öppna data till användarens cacheminne "
        "(valideras innan den lagras; filer som redan finns och är verifierade behålls). "
        "CANEMURE_OFFLINE=1 förbjuder nätverksåtkomst.",
        "Fetch each municipality's results file from SYKE's open data into the user cache "
        "(validated before it is stored; files already cached and verified are kept). Set "
        "CANEMURE_OFFLINE=1 to forbid network access.",
    ),
    "List the files in the user cache with their source address, time and SHA-256 checksum "
    "(each verified).": (
        "Luettele käyttäjän välimuistin tiedostot lähdeosoitteineen, aikoineen ja "
        "SHA-256-tarkistussummineen (jokainen tarkistetaan).",
        "Lista filerna i användarens cacheminne med källadress, tid och SHA-256-kontrollsumma "
        "(var och en verifieras).",
        "List the files in the user cache with their source address, time and SHA-256 "
        "checksum (each verified).",
    ),
    # ------------------------------------------------------------------ plugins
    "List the region adapter plugins: loaded, failed (at load, registration or in a call), "
    "skipped, and warnings (output or slow imports, two adapters claiming one region). Exit "
    "status 1 when any failed.": (
        "Luettele alueiden laajennukset: ladatut, epäonnistuneet (latauksessa, "
        "rekisteröinnissä tai kutsussa), ohitetut sekä varoitukset (tulostus tai hidas "
        "tuonti, kaksi laajennusta samalle maakunnalle). Paluuarvo 1, jos jokin epäonnistui.",
        "Lista regionstilläggen: laddade, misslyckade (vid laddning, registrering eller i "
        "ett anrop), överhoppade och varningar (utskrifter eller långsam import, två tillägg "
        "för samma landskap). Slutstatus 1 om något misslyckades.",
        "List the region adapter plugins: loaded, failed (at load, registration or in a "
        "call), skipped, and warnings (output or slow imports, two adapters claiming one "
        "region). Exit status 1 when any failed.",
    ),
    "call every hook of every plugin for REGION and report each answer or failure": (
        "kutsu jokaisen laajennuksen jokaista koukkua maakunnalle REGION ja raportoi kukin "
        "vastaus tai virhe",
        "anropa varje krok i varje tillägg för landskapet REGION och rapportera varje svar "
        "eller fel",
        "call every hook of every plugin for REGION and report each answer or failure",
    ),
    "Create a new region adapter distribution (pyproject, package, tests that run canemure's "
    "conformance kit) for one region.": (
        "Luo uusi alueen laajennuspaketti (pyproject, paketti ja testit, jotka ajavat "
        "canemuren yhteensopivuustestit) yhdelle maakunnalle.",
        "Skapa ett nytt regionstilläggspaket (pyproject, paket och tester som kör canemures "
        "konformitetstester) för ett landskap.",
        "Create a new region adapter distribution (pyproject, package, tests that run "
        "canemure's conformance kit) for one region.",
    ),
    "distribution name, e.g. canemure-kainuu": (
        "paketin nimi, esim. canemure-kainuu",
        "paketets namn, t.ex. canemure-kainuu",
        "distribution name, e.g. canemure-kainuu",
    ),
    "region code or name the adapter serves": (
        "laajennuksen palveleman maakunnan koodi tai nimi",
        "kod eller namn för landskapet som tillägget betjänar",
        "region code or name the adapter serves",
    ),
    "folder to create the distribution in": (
        "kansio, johon paketti luodaan",
        "mapp där paketet skapas",
        "folder to create the distribution in",
    ),
    # ------------------------------------------------------------------ roadmap, compare, macc
    "Compute a scenario's roadmap on the area's inventory and print the trajectory in "
    "milestone years, the gap to each target and the measures' wedges and costs. Without "
    "--scenario, runs the example shipped for the area.": (
        "Laske skenaarion tiekartta alueen päästöinventaarion pohjalta ja tulosta "
        "päästökehitys välitavoitevuosina, kuilu kuhunkin tavoitteeseen sekä toimenpiteiden "
        "vähennysosuudet ja kustannukset. Ilman valitsinta --scenario ajetaan alueelle "
        "toimitettu esimerkki.",
        "Beräkna ett scenarios färdplan på områdets utsläppsinventering och skriv ut "
        "utsläppsbanan under delmålsåren, gapet till varje mål samt åtgärdernas "
        "minskningskilar och kostnader. Utan --scenario körs exemplet som medföljer för "
        "området.",
        "Compute a scenario's roadmap on the area's inventory and print the trajectory in "
        "milestone years, the gap to each target and the measures' wedges and costs. Without "
        "--scenario, runs the example shipped for the area.",
    ),
    "area of a shipped example scenario": (
        "alue, jolle on toimitettu esimerkkiskenaario",
        "område med ett medföljande exempelscenario",
        "area of a shipped example scenario",
    ),
    "a scenario TOML file": (
        "skenaariotiedosto (TOML)",
        "en scenariofil (TOML)",
        "a scenario TOML file",
    ),
    "Compute each scenario's roadmap and print the differences from the first one per sector "
    "in one year, and in the totals of every year.": (
        "Laske kunkin skenaarion tiekartta ja tulosta erot ensimmäiseen sektoreittain yhtenä "
        "vuonna sekä kokonaispäästöissä joka vuosi.",
        "Beräkna varje scenarios färdplan och skriv ut skillnaderna mot det första per sektor "
        "ett år, och i totalerna för varje år.",
        "Compute each scenario's roadmap and print the differences from the first one per "
        "sector in one year, and in the totals of every year.",
    ),
    "scenario TOML files": (
        "skenaariotiedostot (TOML)",
        "scenariofiler (TOML)",
        "scenario TOML files",
    ),
    "year of the sector differences (default: 2030)": (
        "sektorikohtaisten erojen vuosi (oletus: 2030)",
        "år för skillnaderna per sektor (standard: 2030)",
        "year of the sector differences (default: 2030)",
    ),
    "Compute a scenario's roadmap (as 'canemure roadmap' does) and print its measures on a "
    "marginal abatement cost curve in one year: cheapest per tonne first, each with the "
    "abatement it adds after those before it (overlaps are not counted twice), the cumulative "
    "abatement, the annualised cost and the cost per tonne. A cost or abatement that is not "
    "estimated is printed 'not estimated', never 0; such measures come last and are left off "
    "the chart. Without --scenario, runs the example shipped for the area.": (
        "Laske skenaarion tiekartta (kuten 'canemure roadmap') ja tulosta sen toimenpiteet "
        "päästövähennysten rajakustannuskäyränä yhtenä vuonna: halvin tonnia kohden ensin, "
        "kukin sillä vähennyksellä, jonka se tuo edellisten lisäksi (päällekkäisyyksiä ei "
        "lasketa kahteen kertaan), sekä kumulatiivinen vähennys, vuotuinen kustannus ja "
        "kustannus tonnia kohden. Arvioimaton kustannus tai vähennys tulostetaan 'ei "
        "arvioitu', ei koskaan 0; tällaiset toimenpiteet tulevat viimeisinä eivätkä näy "
        "kaaviossa. Ilman valitsinta --scenario ajetaan alueelle toimitettu esimerkki.",
        "Beräkna ett scenarios färdplan (som 'canemure roadmap' gör) och skriv ut dess "
        "åtgärder på en marginalkostnadskurva för ett år: billigast per ton först, var och en "
        "med den minskning den ger utöver de föregående (överlappningar räknas inte två "
        "gånger), den kumulativa minskningen, den årliga kostnaden och kostnaden per ton. En "
        "kostnad eller minskning som inte uppskattats skrivs 'ej uppskattad', aldrig 0; "
        "sådana åtgärder kommer sist och lämnas utanför diagrammet. Utan --scenario körs "
        "exemplet som medföljer för området.",
        "Compute a scenario's roadmap (as 'canemure roadmap' does) and print its measures on a "
        "marginal abatement cost curve in one year: cheapest per tonne first, each with the "
        "abatement it adds after those before it (overlaps are not counted twice), the "
        "cumulative abatement, the annualised cost and the cost per tonne. A cost or abatement "
        "that is not estimated is printed 'not estimated', never 0; such measures come last "
        "and are left off the chart. Without --scenario, runs the example shipped for the "
        "area.",
    ),
    "area of a shipped example scenario (default: pohjois-karjala)": (
        "alue, jolle on toimitettu esimerkkiskenaario (oletus: pohjois-karjala)",
        "område med ett medföljande exempelscenario (standard: pohjois-karjala)",
        "area of a shipped example scenario (default: pohjois-karjala)",
    ),
    "year of the abatement (default: the first target year of the scenario)": (
        "vähennyksen vuosi (oletus: skenaarion ensimmäinen tavoitevuosi)",
        "år för minskningen (standard: scenariots första målår)",
        "year of the abatement (default: the first target year of the scenario)",
    ),
    "also draw the curve to FILE.svg or FILE.png (needs canemure[plot])": (
        "piirrä käyrä myös tiedostoon FILE.svg tai FILE.png (tarvitsee canemure[plot])",
        "rita också kurvan till FILE.svg eller FILE.png (kräver canemure[plot])",
        "also draw the curve to FILE.svg or FILE.png (needs canemure[plot])",
    ),
}


def help_text(text: str, lang: str) -> str | None:
    """``text`` (a help text as written in English) said in ``lang``; ``None`` if not catalogued.

    >>> help_text("files or folders", "sv")
    'filer eller mappar'
    """
    entry = _HELP.get(text)
    return None if entry is None else entry[("fi", "sv", "en").index(lang)]
