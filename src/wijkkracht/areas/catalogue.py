"""The indicator catalogue: what a wijkfoto shows, and how each figure is computed and judged.

An indicator is built from source fields (see ``fields.py``). Its kind decides the method:

* ``proportion``: a count over a denominator count (Wilson interval), shown as a percentage.
* ``percentage``: a percentage CBS publishes (often whole), with a denominator count; the
  numerator is rebuilt as pct x n and the value is flagged approximate.
* ``rate``: a count per 1 000 of a denominator (exact Poisson below 10, Byar above).
* ``amount``: an average, distance or density. CBS publishes no error for these, so they get no
  interval and no significance verdict, only their position among the wijken.

Polarity follows the social-domain reading that a neighbourhood team would apply (e.g. more
households on a low income is worse); make-up indicators (age, household type, origin) carry no
judgement and are reported as higher or lower. Materiality: a difference must reach ``absolute``
(in the indicator's unit) or ``relative`` (a fraction of the benchmark) to count as a difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkkracht.stats.compare import Polarity

PROPORTION = "proportion"
PERCENTAGE = "percentage"
RATE = "rate"
AMOUNT = "amount"

SOURCE_TABLE = "CBS, Kerncijfers wijken en buurten"
ORIGIN_REGISTER = "volledige registratie"

HI = Polarity.HIGH_IS_GOOD
LO = Polarity.LOW_IS_GOOD
NJ = Polarity.NO_JUDGEMENT


@dataclass(frozen=True)
class Indicator:
    id: str
    theme: str
    label: str  # Dutch, for users
    definition: str  # Dutch, for users
    kind: str
    unit: str
    numerator: str | None = None  # field id (count) or published percentage/rate/amount field
    denominator: tuple[str, ...] = ()  # field ids; more than one are summed
    polarity: Polarity = NJ
    absolute: float | None = None
    relative: float | None = 0.10
    count: str | None = None  # for published percentages: the matching count, if CBS has it
    multiplier: float = 100.0
    source_table: str = SOURCE_TABLE
    origin: str = ORIGIN_REGISTER
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_interval(self) -> bool:
        return self.kind != AMOUNT

    def fields(self) -> tuple[str, ...]:
        names = [self.numerator, *self.denominator, self.count]
        return tuple(n for n in names if n)


def _prop(id_, theme, label, definition, num, den, polarity=NJ, absolute=2.0, relative=0.10):
    return Indicator(id_, theme, label, definition, PROPORTION, "%", num, tuple(den.split("+")),
                     polarity, absolute, relative)


def _pct(id_, theme, label, definition, pct, den, polarity=NJ, absolute=2.0, relative=0.10,
         count=None):
    return Indicator(id_, theme, label, definition, PERCENTAGE, "%", pct,
                     tuple(den.split("+")) if den else (), polarity, absolute, relative,
                     count=count)


def _rate(id_, theme, label, definition, num, den="inwoners", polarity=NJ, relative=0.10):
    return Indicator(id_, theme, label, definition, RATE, "per 1 000", num, (den,), polarity,
                     None, relative, multiplier=1000.0)


def _amount(id_, theme, label, definition, fld, unit, polarity=NJ, relative=0.10):
    return Indicator(id_, theme, label, definition, AMOUNT, unit, fld, (), polarity, None,
                     relative, multiplier=1.0)


BEV, HH, WON, ENE, OND, ARB, INK, SOZ, ZRG, NAB, VEI = (
    "Bevolking", "Huishoudens", "Wonen", "Energie", "Onderwijs", "Arbeid", "Inkomen",
    "Sociale zekerheid", "Zorg", "Nabijheid voorzieningen", "Veiligheid",
)
OPL = "opl_laag+opl_middelbaar+opl_hoog"

INDICATORS: tuple[Indicator, ...] = (
    _prop("aandeel_0_14", BEV, "Kinderen 0-14 jaar", "Inwoners van 0 tot 15 jaar, als % van alle "
          "inwoners.", "inw_0_14", "inwoners"),
    _prop("aandeel_15_24", BEV, "Jongeren 15-24 jaar", "Inwoners van 15 tot 25 jaar, als % van "
          "alle inwoners.", "inw_15_24", "inwoners"),
    _prop("aandeel_25_44", BEV, "Inwoners 25-44 jaar", "Inwoners van 25 tot 45 jaar, als % van "
          "alle inwoners.", "inw_25_44", "inwoners"),
    _prop("aandeel_45_64", BEV, "Inwoners 45-64 jaar", "Inwoners van 45 tot 65 jaar, als % van "
          "alle inwoners.", "inw_45_64", "inwoners"),
    _prop("aandeel_65plus", BEV, "Ouderen 65+", "Inwoners van 65 jaar of ouder, als % van alle "
          "inwoners.", "inw_65plus", "inwoners"),
    _prop("aandeel_vrouwen", BEV, "Vrouwen", "Vrouwen als % van alle inwoners.", "vrouwen",
          "inwoners"),
    _prop("aandeel_gescheiden", BEV, "Gescheiden", "Gescheiden inwoners, als % van alle inwoners.",
          "gescheiden", "inwoners"),
    _prop("aandeel_verweduwd", BEV, "Verweduwd", "Verweduwde inwoners, als % van alle inwoners; "
          "een signaal voor alleenstaande ouderen.", "verweduwd", "inwoners"),
    _prop("aandeel_westers", BEV, "Westerse migratieachtergrond", "Inwoners met een westerse "
          "migratieachtergrond, als % van alle inwoners (CBS-indeling tot en met 2021).",
          "migr_westers", "inwoners"),
    _prop("aandeel_niet_westers", BEV, "Niet-westerse migratieachtergrond", "Inwoners met een "
          "niet-westerse migratieachtergrond, als % van alle inwoners (CBS-indeling tot en met "
          "2021).", "migr_niet_westers", "inwoners"),
    _prop("aandeel_marokkaans", BEV, "Marokkaanse achtergrond", "Inwoners met een Marokkaanse "
          "migratieachtergrond, als % van alle inwoners (tot en met 2021).", "migr_marokko",
          "inwoners", absolute=1.0),
    _prop("aandeel_turks", BEV, "Turkse achtergrond", "Inwoners met een Turkse "
          "migratieachtergrond, als % van alle inwoners (tot en met 2021).", "migr_turkije",
          "inwoners", absolute=1.0),
    _prop("aandeel_surinaams", BEV, "Surinaamse achtergrond", "Inwoners met een Surinaamse "
          "migratieachtergrond, als % van alle inwoners (tot en met 2021).", "migr_suriname",
          "inwoners", absolute=1.0),
    _prop("aandeel_herkomst_europa", BEV, "Herkomst Europa (buiten Nederland)", "Inwoners met een "
          "herkomstland in Europa buiten Nederland, als % van alle inwoners (CBS-indeling vanaf "
          "2022; niet vergelijkbaar met de migratieachtergrond).", "herkomst_europa", "inwoners"),
    _prop("aandeel_herkomst_buiten_europa", BEV, "Herkomst buiten Europa", "Inwoners met een "
          "herkomstland buiten Europa, als % van alle inwoners (CBS-indeling vanaf 2022).",
          "herkomst_buiten_europa", "inwoners"),
    _rate("geboorten", BEV, "Geboorten", "Levendgeborenen per 1 000 inwoners.", "geboorten"),
    _rate("sterften", BEV, "Sterfte", "Overledenen per 1 000 inwoners (niet voor leeftijd "
          "gecorrigeerd).", "sterften"),
    _amount("dichtheid", BEV, "Bevolkingsdichtheid", "Inwoners per km² land.", "dichtheid",
            "inwoners per km²"),
    _prop("aandeel_eenpersoons", HH, "Eenpersoonshuishoudens", "Eenpersoonshuishoudens, als % van "
          "alle particuliere huishoudens.", "hh_eenpersoons", "huishoudens"),
    _prop("aandeel_hh_zonder_kinderen", HH, "Huishoudens zonder kinderen", "Meerpersoons"
          "huishoudens zonder kinderen, als % van alle huishoudens.", "hh_zonder_kinderen",
          "huishoudens"),
    _prop("aandeel_hh_met_kinderen", HH, "Huishoudens met kinderen", "Huishoudens met "
          "thuiswonende kinderen, als % van alle huishoudens.", "hh_met_kinderen", "huishoudens"),
    _amount("huishoudensgrootte", HH, "Gemiddelde huishoudensgrootte", "Gemiddeld aantal personen "
            "per particulier huishouden.", "hh_grootte", "personen"),
    _amount("woz", WON, "Gemiddelde WOZ-waarde", "Gemiddelde WOZ-waarde van woningen.", "woz",
            "x 1 000 euro"),
    _pct("aandeel_eengezins", WON, "Eengezinswoningen", "Eengezinswoningen, als % van de "
         "woningvoorraad.", "p_eengezins", "woningvoorraad"),
    _pct("aandeel_meergezins", WON, "Meergezinswoningen", "Meergezinswoningen (flats, "
         "appartementen), als % van de woningvoorraad.", "p_meergezins", "woningvoorraad"),
    _pct("aandeel_onbewoond", WON, "Onbewoonde woningen", "Onbewoonde woningen, als % van de "
         "woningvoorraad.", "p_onbewoond", "woningvoorraad", LO, absolute=1.0),
    _pct("aandeel_koop", WON, "Koopwoningen", "Koopwoningen, als % van de woningvoorraad.",
         "p_koop", "woningvoorraad"),
    _pct("aandeel_huur", WON, "Huurwoningen", "Huurwoningen, als % van de woningvoorraad.",
         "p_huur", "woningvoorraad"),
    _pct("aandeel_corporatie", WON, "Corporatiewoningen", "Huurwoningen in bezit van een "
         "woningcorporatie, als % van de woningvoorraad.", "p_corporatie", "woningvoorraad"),
    _pct("aandeel_particuliere_huur", WON, "Particuliere huur", "Huurwoningen in bezit van overige "
         "verhuurders, als % van de woningvoorraad.", "p_overige_verhuur", "woningvoorraad"),
    _pct("aandeel_bouwjaar_vanaf_2000", WON, "Woningen gebouwd vanaf 2000", "Woningen met "
         "bouwjaar 2000 of later, als % van de woningvoorraad (tot en met 2023).",
         "p_bouwjaar_vanaf_2000", "woningvoorraad"),
    _pct("aandeel_bouwjaar_10_jaar", WON, "Woningen jonger dan tien jaar", "Woningen gebouwd in de "
         "afgelopen tien jaar, als % van de woningvoorraad (vanaf 2024).",
         "p_bouwjaar_10_jaar", "woningvoorraad"),
    _amount("elektriciteit", ENE, "Elektriciteitsverbruik", "Gemiddeld elektriciteitsverbruik per "
            "woning.", "elektriciteit", "kWh", LO),
    _amount("aardgas", ENE, "Aardgasverbruik", "Gemiddeld aardgasverbruik per woning.", "aardgas",
            "m³", LO),
    _pct("aandeel_stadsverwarming", ENE, "Stadsverwarming", "Woningen met stadsverwarming, als % "
         "van de woningvoorraad.", "p_stadsverwarming", "woningvoorraad"),
    _prop("aandeel_opleiding_laag", OND, "Laag opleidingsniveau", "Inwoners van 15-75 jaar met als "
          "hoogste opleiding basisonderwijs, vmbo of mbo-1, als % van wie een bekend "
          "opleidingsniveau heeft.", "opl_laag", OPL, LO),
    _prop("aandeel_opleiding_hoog", OND, "Hoog opleidingsniveau", "Inwoners van 15-75 jaar met hbo "
          "of wo, als % van wie een bekend opleidingsniveau heeft.", "opl_hoog", OPL, HI),
    _amount("arbeidsparticipatie", ARB, "Netto arbeidsparticipatie", "Werkzame beroepsbevolking "
            "als % van de bevolking van 15-75 jaar (CBS publiceert geen noemer in deze tabel).",
            "arbeidsparticipatie", "%", HI),
    _amount("inkomen_per_inwoner", INK, "Gemiddeld inkomen per inwoner", "Gemiddeld persoonlijk "
            "inkomen per inwoner.", "inkomen_per_inwoner", "x 1 000 euro", HI),
    _amount("inkomen_per_ontvanger", INK, "Gemiddeld inkomen per inkomensontvanger", "Gemiddeld "
            "persoonlijk inkomen per inkomensontvanger.", "inkomen_per_ontvanger",
            "x 1 000 euro", HI),
    _amount("inkomen_huishouden", INK, "Gestandaardiseerd huishoudinkomen", "Gemiddeld "
            "gestandaardiseerd besteedbaar inkomen van huishoudens.", "inkomen_huishouden",
            "x 1 000 euro", HI),
    _pct("aandeel_personen_laagste_40", INK, "Personen in de laagste 40% inkomens", "Personen in "
         "particuliere huishoudens met een inkomen in de laagste 40% van Nederland (noemer: "
         "inwoners, benadering).", "p_personen_laagste_40", "inwoners", LO),
    _pct("aandeel_personen_hoogste_20", INK, "Personen in de hoogste 20% inkomens", "Personen met "
         "een inkomen in de hoogste 20% van Nederland (noemer: inwoners, benadering).",
         "p_personen_hoogste_20", "inwoners"),
    _pct("aandeel_hh_laagste_40", INK, "Huishoudens in de laagste 40% inkomens", "Particuliere "
         "huishoudens in de laagste 40% van de Nederlandse inkomensverdeling.", "p_hh_laagste_40",
         "huishoudens", LO),
    _pct("aandeel_hh_laag_inkomen", INK, "Huishoudens met een laag inkomen", "Huishoudens met een "
         "inkomen onder de lage-inkomensgrens van CBS.", "p_hh_laag_inkomen", "huishoudens", LO,
         absolute=1.0),
    _pct("aandeel_hh_sociaal_minimum", INK, "Huishoudens rond het sociaal minimum", "Huishoudens "
         "met een inkomen onder of rond het sociaal minimum (tot 101%).", "p_hh_sociaal_minimum",
         "huishoudens", LO, absolute=1.0),
    _pct("aandeel_hh_tot_120_sm", INK, "Huishoudens tot 120% sociaal minimum", "Huishoudens met "
         "een inkomen tot 120% van het sociaal minimum (vaak de grens van minimaregelingen).",
         "p_hh_tot_120_sm", "huishoudens", LO, absolute=1.0),
    _amount("vermogen", INK, "Mediaan vermogen huishoudens", "Mediaan vermogen van particuliere "
            "huishoudens.", "vermogen", "x 1 000 euro", HI),
    _rate("bijstand", SOZ, "Bijstand", "Personen met een bijstandsuitkering per 1 000 inwoners.",
          "bijstand", polarity=LO),
    _rate("arbeidsongeschiktheid", SOZ, "Arbeidsongeschiktheidsuitkering", "Personen met een "
          "AO-uitkering per 1 000 inwoners.", "ao", polarity=LO),
    _rate("werkloosheid", SOZ, "WW-uitkering", "Personen met een WW-uitkering per 1 000 inwoners.",
          "ww", polarity=LO),
    _rate("aow", SOZ, "AOW-uitkering", "Personen met AOW per 1 000 inwoners.", "aow"),
    _pct("aandeel_jeugdzorg", ZRG, "Jongeren met jeugdzorg", "Jongeren tot 18 jaar met jeugdzorg "
         "in natura, als % van alle jongeren tot 18 jaar. CBS rondt af op vijftallen; 0 tot 7 "
         "is geheim.", "p_jeugdzorg", "", LO, absolute=1.0, count="jeugdzorg"),
    _rate("wmo", ZRG, "Wmo-cliënten", "Inwoners met een maatwerkvoorziening uit de Wmo per 1 000 "
          "inwoners. Alleen voor gemeenten die publicatie toestaan.", "wmo", polarity=LO),
    _amount("autos_per_huishouden", NAB, "Personenauto's per huishouden", "Personenauto's per "
            "huishouden.", "autos_per_huishouden", "per huishouden"),
    _amount("afstand_huisarts", NAB, "Afstand tot huisartsenpraktijk", "Gemiddelde afstand over de "
            "weg tot de dichtstbijzijnde huisartsenpraktijk.", "afstand_huisarts", "km", LO),
    _amount("afstand_supermarkt", NAB, "Afstand tot grote supermarkt", "Gemiddelde afstand tot de "
            "dichtstbijzijnde grote supermarkt.", "afstand_supermarkt", "km", LO),
    _amount("afstand_kinderdagverblijf", NAB, "Afstand tot kinderdagverblijf", "Gemiddelde afstand "
            "tot het dichtstbijzijnde kinderdagverblijf.", "afstand_kinderdagverblijf", "km", LO),
    _amount("afstand_school", NAB, "Afstand tot basisschool", "Gemiddelde afstand tot de "
            "dichtstbijzijnde basisschool.", "afstand_school", "km", LO),
    _amount("scholen_3km", NAB, "Basisscholen binnen 3 km", "Gemiddeld aantal basisscholen binnen "
            "3 km.", "scholen_3km", "scholen", HI),
    _amount("adressendichtheid", NAB, "Omgevingsadressendichtheid", "Adressen per km² in een "
            "straal van 1 km; de maat voor stedelijkheid.", "adressendichtheid", "per km²"),
    Indicator("diefstal_woning", VEI, "Woninginbraak en diefstal uit woning", "Geregistreerde "
              "diefstallen uit woning, schuur e.d. per 1 000 inwoners (politie).", RATE,
              "per 1 000", "diefstal_woning", ("inwoners",), LO, None, 0.10,
              multiplier=1000.0, origin="politieregistratie"),
    Indicator("vernieling", VEI, "Vernieling en openbare orde", "Geregistreerde vernielingen en "
              "misdrijven tegen de openbare orde per 1 000 inwoners.", RATE, "per 1 000",
              "vernieling", ("inwoners",), LO, None, 0.10, multiplier=1000.0,
              origin="politieregistratie"),
    Indicator("geweld", VEI, "Geweld en seksuele misdrijven", "Geregistreerde gewelds- en seksuele "
              "misdrijven per 1 000 inwoners.", RATE, "per 1 000", "geweld", ("inwoners",), LO,
              None, 0.10, multiplier=1000.0, origin="politieregistratie"),
)

INDICATORS_BY_ID = {i.id: i for i in INDICATORS}
THEMES = tuple(dict.fromkeys(i.theme for i in INDICATORS))
