"""The source fields of CBS Kerncijfers wijken en buurten (KWB), recognised by meaning.

CBS publishes the same variable under different names: StatLine keys whose `_NN` suffix is the
position in that year's table (``k_65JaarOfOuder_12``), title paths in CSV downloads
(``Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)``, or mangled by R into
``Bevolking.Leeftijdsgroepen.65.jaar.of.ouder..aantal.``), and the short codes of the kwb-YYYY
spreadsheets (``a_65_oo``). Each field lists its aliases in all three forms; positions are never
used. Keys that occur twice in one table (``Nederland_17`` and ``Nederland_20``) are told apart by
order: the first occurrence is the plain key, the second gets ``#2`` (see ``key_stem``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Unit kinds of source fields.
COUNT = "count"  # persons, households, dwellings (randomly rounded to 5 at wijk/buurt level)
PERCENT = "percent"  # published percentage, whole or one decimal
PER_1000 = "per_1000"
AMOUNT = "amount"  # averages, distances, densities: no interval


@dataclass(frozen=True)
class Field:
    id: str
    keys: tuple[str, ...]  # StatLine key stems, without the _NN suffix
    labels: tuple[str, ...]  # tokenised title-path endings
    codes: tuple[str, ...]  # kwb-YYYY spreadsheet codes
    unit: str


def _f(id_: str, unit: str, keys: str, labels: str = "", codes: str = "") -> Field:
    split = lambda s: tuple(x.strip() for x in s.split("|") if x.strip())  # noqa: E731
    return Field(id_, split(keys), split(labels), split(codes), unit)


IDENTITY_FIELDS: tuple[Field, ...] = (
    _f("code", "code", "Codering", "regioaanduiding codering code|codering code", "gwb_code_10"),
    _f("name", "name", "WijkenEnBuurten", "wijken en buurten", "regio"),
    _f("gemeente_name", "name", "Gemeentenaam",
       "regioaanduiding gemeentenaam naam|gemeentenaam naam", "gm_naam"),
    _f("level_name", "name", "SoortRegio",
       "regioaanduiding soort regio omschrijving|soort regio omschrijving", "recs"),
    _f("boundary_change", "code",
       "IndelingswijzigingWijkenEnBuurten|IndelingswijzigingGemeenteWijkBuurt",
       "indelingswijziging wijken en buurten code|indelingswijziging gemeente wijk buurt code",
       "ind_wbi"),
)

DATA_FIELDS: tuple[Field, ...] = (
    _f("inwoners", COUNT, "AantalInwoners", "aantal inwoners aantal", "a_inw"),
    _f("mannen", COUNT, "Mannen", "geslacht mannen aantal", "a_man"),
    _f("vrouwen", COUNT, "Vrouwen", "geslacht vrouwen aantal", "a_vrouw"),
    _f("inw_0_14", COUNT, "k_0Tot15Jaar", "leeftijdsgroepen 0 tot 15 jaar aantal", "a_00_14"),
    _f("inw_15_24", COUNT, "k_15Tot25Jaar", "leeftijdsgroepen 15 tot 25 jaar aantal", "a_15_24"),
    _f("inw_25_44", COUNT, "k_25Tot45Jaar", "leeftijdsgroepen 25 tot 45 jaar aantal", "a_25_44"),
    _f("inw_45_64", COUNT, "k_45Tot65Jaar", "leeftijdsgroepen 45 tot 65 jaar aantal", "a_45_64"),
    _f("inw_65plus", COUNT, "k_65JaarOfOuder", "leeftijdsgroepen 65 jaar of ouder aantal",
       "a_65_oo"),
    _f("ongehuwd", COUNT, "Ongehuwd", "burgerlijke staat ongehuwd aantal", "a_ongeh"),
    _f("gehuwd", COUNT, "Gehuwd", "burgerlijke staat gehuwd aantal", "a_geh"),
    _f("gescheiden", COUNT, "Gescheiden", "burgerlijke staat gescheiden aantal", "a_gesch"),
    _f("verweduwd", COUNT, "Verweduwd", "burgerlijke staat verweduwd aantal", "a_verwed"),
    _f("migr_westers", COUNT, "WestersTotaal", "migratieachtergrond westers totaal aantal",
       "a_w_all"),
    _f("migr_niet_westers", COUNT, "NietWestersTotaal", "niet westers niet westers totaal aantal",
       "a_nw_all"),
    _f("migr_marokko", COUNT, "Marokko", "niet westers marokko aantal", "a_marok"),
    _f("migr_turkije", COUNT, "Turkije", "niet westers turkije aantal", "a_turk"),
    _f("migr_suriname", COUNT, "Suriname", "niet westers suriname aantal", "a_sur"),
    _f("herkomst_nederland", COUNT, "Nederland", "herkomstland nederland aantal"),
    _f("herkomst_europa", COUNT, "EuropaExclusiefNederland",
       "herkomstland europa exclusief nederland aantal"),
    _f("herkomst_buiten_europa", COUNT, "BuitenEuropa", "herkomstland buiten europa aantal"),
    _f("geboorten", COUNT, "GeboorteTotaal", "geboorte totaal aantal", "a_geb"),
    _f("sterften", COUNT, "SterfteTotaal", "sterfte totaal aantal", "a_ste"),
    _f("huishoudens", COUNT, "HuishoudensTotaal", "huishoudens huishoudens totaal aantal", "a_hh"),
    _f("hh_eenpersoons", COUNT, "Eenpersoonshuishoudens", "eenpersoonshuishoudens aantal",
       "a_1p_hh"),
    _f("hh_zonder_kinderen", COUNT, "HuishoudensZonderKinderen",
       "huishoudens zonder kinderen aantal", "a_hh_z_k"),
    _f("hh_met_kinderen", COUNT, "HuishoudensMetKinderen", "huishoudens met kinderen aantal",
       "a_hh_m_k"),
    _f("hh_grootte", AMOUNT, "GemiddeldeHuishoudensgrootte",
       "gemiddelde huishoudensgrootte aantal", "g_hhgro"),
    _f("dichtheid", AMOUNT, "Bevolkingsdichtheid", "bevolkingsdichtheid aantal inwoners per km",
       "bev_dich"),
    _f("woningvoorraad", COUNT, "Woningvoorraad", "woningvoorraad aantal", "a_woning"),
    _f("woz", AMOUNT, "GemiddeldeWOZWaardeVanWoningen|GemiddeldeWoningwaarde",
       "gemiddelde woz waarde van woningen x 1 000 euro", "g_woz"),
    _f("p_eengezins", PERCENT, "PercentageEengezinswoning", "percentage eengezinswoning",
       "p_1gezw"),
    _f("p_meergezins", PERCENT, "PercentageMeergezinswoning", "percentage meergezinswoning",
       "p_mgezw"),
    _f("p_onbewoond", PERCENT, "PercentageOnbewoond|OnbewoondeWoningen",
       "percentage onbewoond|onbewoonde woningen", "p_leegsw"),
    _f("p_koop", PERCENT, "Koopwoningen", "eigendom koopwoningen", "p_koopw"),
    _f("p_huur", PERCENT, "HuurwoningenTotaal", "huurwoningen totaal", "p_huurw"),
    _f("p_corporatie", PERCENT, "InBezitWoningcorporatie", "in bezit woningcorporatie",
       "p_wcorpw"),
    _f("p_overige_verhuur", PERCENT, "InBezitOverigeVerhuurders",
       "in bezit overige verhuurders", "p_ov_hw"),
    _f("p_bouwjaar_vanaf_2000", PERCENT, "BouwjaarVanaf2000", "bouwjaar vanaf 2000", "p_bjo2k"),
    _f("p_bouwjaar_10_jaar", PERCENT, "BouwjaarAfgelopenTienJaar", "bouwjaar afgelopen tien jaar"),
    _f("elektriciteit", AMOUNT,
       "GemiddeldElektriciteitsverbruikTotaal|GemiddeldeElektriciteitsleveringTotaal",
       "gemiddeld elektriciteitsverbruik totaal kwh|gemiddelde elektriciteitslevering totaal kwh",
       "g_ele"),
    _f("aardgas", AMOUNT, "GemiddeldAardgasverbruikTotaal", "gemiddeld aardgasverbruik totaal m",
       "g_gas"),
    _f("p_stadsverwarming", PERCENT, "PercentageWoningenMetStadsverwarming",
       "percentage woningen met stadsverwarming", "p_stadsv"),
    _f("opl_laag", COUNT, "OpleidingsniveauLaag|BasisonderwijsVmboMbo1",
       "opleidingsniveau laag aantal|basisonderwijs vmbo mbo1 aantal", "a_opl_lg"),
    _f("opl_middelbaar", COUNT, "OpleidingsniveauMiddelbaar|HavoVwoMbo24",
       "opleidingsniveau middelbaar aantal|havo vwo mbo2 4 aantal", "a_opl_md"),
    _f("opl_hoog", COUNT, "OpleidingsniveauHoog|HboWo",
       "opleidingsniveau hoog aantal|hbo wo aantal",
       "a_opl_hg"),
    _f("arbeidsparticipatie", PERCENT, "Nettoarbeidsparticipatie", "nettoarbeidsparticipatie",
       "p_arb_pp"),
    _f("inkomensontvangers", COUNT, "AantalInkomensontvangers", "aantal inkomensontvangers aantal",
       "a_inkont"),
    _f("inkomen_per_ontvanger", AMOUNT, "GemiddeldInkomenPerInkomensontvanger",
       "gemiddeld inkomen per inkomensontvanger x 1 000 euro", "g_ink_po"),
    _f("inkomen_per_inwoner", AMOUNT, "GemiddeldInkomenPerInwoner",
       "gemiddeld inkomen per inwoner x 1 000 euro", "g_ink_pi"),
    _f("p_personen_laagste_40", PERCENT, "k_40PersonenMetLaagsteInkomen",
       "40 personen met laagste inkomen", "p_ink_li"),
    _f("p_personen_hoogste_20", PERCENT, "k_20PersonenMetHoogsteInkomen",
       "20 personen met hoogste inkomen", "p_ink_hi"),
    _f("inkomen_huishouden", AMOUNT, "GemGestandaardiseerdInkomenVanHuish",
       "gem gestandaardiseerd inkomen van huish x 1 000 euro", "g_hh_sti"),
    _f("p_hh_laagste_40", PERCENT, "k_40HuishoudensMetLaagsteInkomen",
       "40 huishoudens met laagste inkomen", "p_hh_li"),
    _f("p_hh_hoogste_20", PERCENT, "k_20HuishoudensMetHoogsteInkomen",
       "20 huishoudens met hoogste inkomen", "p_hh_hi"),
    _f("p_hh_laag_inkomen", PERCENT, "HuishoudensMetEenLaagInkomen",
       "huishoudens met een laag inkomen", "p_hh_lkk"),
    _f("p_hh_sociaal_minimum", PERCENT, "HuishOnderOfRondSociaalMinimum",
       "huish onder of rond sociaal minimum", "p_hh_osm"),
    _f("p_hh_tot_110_sm", PERCENT, "HuishoudensTot110VanSociaalMinimum",
       "huishoudens tot 110 van sociaal minimum", "p_hh_110"),
    _f("p_hh_tot_120_sm", PERCENT, "HuishoudensTot120VanSociaalMinimum",
       "huishoudens tot 120 van sociaal minimum", "p_hh_120"),
    _f("vermogen", AMOUNT, "MediaanVermogenVanParticuliereHuish",
       "mediaan vermogen van particuliere huish x 1 000 euro", "m_hh_ver"),
    _f("bijstand", COUNT, "PersonenPerSoortUitkeringBijstand",
       "personen per soort uitkering bijstand aantal", "a_soz_wb"),
    _f("ao", COUNT, "PersonenPerSoortUitkeringAO", "personen per soort uitkering ao aantal",
       "a_soz_ao"),
    _f("ww", COUNT, "PersonenPerSoortUitkeringWW", "personen per soort uitkering ww aantal",
       "a_soz_ww"),
    _f("aow", COUNT, "PersonenPerSoortUitkeringAOW", "personen per soort uitkering aow aantal",
       "a_soz_ow"),
    _f("jeugdzorg", COUNT, "JongerenMetJeugdzorgInNatura",
       "jongeren met jeugdzorg in natura aantal",
       "a_jz_tn"),
    _f("p_jeugdzorg", PERCENT, "PercentageJongerenMetJeugdzorg",
       "percentage jongeren met jeugdzorg", "p_jz_tn"),
    _f("wmo", COUNT, "WmoClienten", "wmo cliënten aantal", "a_wmo_t"),
    _f("wmo_per_1000", PER_1000, "WmoClientenRelatief", "wmo cliënten relatief per 1 000 inwoners",
       "p_wmo_t"),
    _f("autos_per_huishouden", AMOUNT, "PersonenautoSPerHuishouden",
       "personenauto s per huishouden per huishouden", "a_pau_hh"),
    _f("afstand_huisarts", AMOUNT, "AfstandTotHuisartsenpraktijk",
       "afstand tot huisartsenpraktijk km", "g_afs_hp"),
    _f("afstand_supermarkt", AMOUNT, "AfstandTotGroteSupermarkt",
       "afstand tot grote supermarkt km", "g_afs_gs"),
    _f("afstand_kinderdagverblijf", AMOUNT, "AfstandTotKinderdagverblijf",
       "afstand tot kinderdagverblijf km", "g_afs_kv"),
    _f("afstand_school", AMOUNT, "AfstandTotSchool", "afstand tot school km", "g_afs_sc"),
    _f("scholen_3km", AMOUNT, "ScholenBinnen3Km", "scholen binnen 3 km aantal", "g_3km_sc"),
    _f("stedelijkheid", AMOUNT, "MateVanStedelijkheid", "mate van stedelijkheid code", "ste_mvs"),
    _f("adressendichtheid", AMOUNT, "Omgevingsadressendichtheid",
       "omgevingsadressendichtheid per km", "ste_oad"),
    _f("diefstal_woning", PER_1000, "TotaalDiefstalUitWoningSchuurED",
       "totaal diefstal uit woning schuur e d per 1 000 inwoners"),
    _f("vernieling", PER_1000, "VernielingMisdrijfTegenOpenbareOrde",
       "vernieling misdrijf tegen openbare orde per 1 000 inwoners"),
    _f("geweld", PER_1000, "GeweldsEnSeksueleMisdrijven",
       "gewelds en seksuele misdrijven per 1 000 inwoners"),
)

ALL_FIELDS = IDENTITY_FIELDS + DATA_FIELDS
FIELDS_BY_ID = {f.id: f for f in ALL_FIELDS}

_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*_\d+$")


def tokens(text: str) -> str:
    """Lower-case words and numbers of a header, joined by single spaces.

    ``Bevolking.Leeftijdsgroepen.65.jaar.of.ouder..aantal.`` and
    ``Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)`` both become
    ``bevolking leeftijdsgroepen 65 jaar of ouder aantal``.
    """
    return " ".join(re.findall(r"[0-9a-zà-ÿ]+", text.lower()))


def is_statline_key(header: str) -> bool:
    return bool(_KEY.match(header))


def key_stem(header: str) -> str:
    return re.sub(r"_\d+$", "", header)


def match_headers(headers: list[str]) -> dict[str, str]:
    """Map field id -> the header that holds it. Unknown headers are ignored."""
    result: dict[str, str] = {}
    seen_stems: dict[str, int] = {}
    by_key = {k.lower(): f.id for f in ALL_FIELDS for k in f.keys}
    by_code = {c.lower(): f.id for f in ALL_FIELDS for c in f.codes}
    label_fields = [(lab, f.id) for f in ALL_FIELDS for lab in f.labels]
    for header in headers:
        clean = header.strip().lstrip("\ufeff")
        field_id = None
        if clean.lower() in by_code:
            field_id = by_code[clean.lower()]
        elif is_statline_key(clean) or clean.lower() in by_key:
            stem = key_stem(clean).lower()
            seen_stems[stem] = seen_stems.get(stem, 0) + 1
            if seen_stems[stem] == 1:
                field_id = by_key.get(stem)
        else:
            tok = tokens(clean)
            for label, fid in label_fields:
                if tok == label or tok.endswith(" " + label):
                    field_id = fid
                    break
        if field_id and field_id not in result:
            result[field_id] = header
    return result
