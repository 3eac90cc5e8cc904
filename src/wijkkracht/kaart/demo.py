"""A demo sociale kaart for Haarlem (CBS GM0392): 300+ obviously fictional services, HSDS 3 JSON.

Everything here is written for the demo: organisation names carry "(demo)", phone numbers are
0900-0000xxx, e-mail and web addresses are on example.org, addresses are approximate. The kaart
is built by a seeded generator from hand-written building blocks, so two runs give the same
JSON byte for byte, ids included (UUID v5 under a fixed namespace).

The output is a JSON array of HSDS 3 service objects as the HSDS 3 API returns them: each with
its nested ``organization``, ``service_at_locations`` (with the nested ``location``, its
``addresses``, ``phones`` and ``schedules``), ``phones``, ``schedules``, ``languages``,
``cost_options`` and ``attributes``. Dutch practice is carried by plain HSDS means:

* categories: attributes linked to taxonomy terms of the taxonomy ``wijkkracht-categorie``
  (codes in :data:`CATEGORIES`);
* how to get in: one attribute in ``wijkkracht-toegang`` (codes in :data:`ACCESS`), also in
  words in ``application_process``;
* formal or informal: one attribute in ``wijkkracht-vorm`` (``formeel`` / ``informeel``);
* CBS wijk code: ``location.external_identifier`` with ``external_identifier_type``
  ``cbs_wijkcode``;
* cost: ``fees_description`` plus a ``cost_options`` entry (amount 0 when free).

Usage: ``python -m wijkkracht.kaart.demo [FILE]`` writes the JSON (stdout without FILE).
"""

from __future__ import annotations

import copy
import functools
import json
import random
import sys
import uuid

SEED = 392
NAMESPACE = uuid.UUID("6f1c2a4e-93d2-5b1e-8c7a-0392a0c0de00")
GEMEENTE = ("GM0392", "Haarlem")

# CBS wijk code -> (name, approximate PC4, points inside the wijk (lat, lon)). The points were
# drawn once, seeded, inside the generalised CBS 2024 wijk boundaries, at least 0.0006 degrees
# from the edge (so a jitter of 0.0002 stays inside), and are fixed here.
WIJKEN: dict[str, tuple[str, str, list[tuple[float, float]]]] = {
    "WK039201": ("Oude Stad", "2011", [(52.38235, 4.63877), (52.37881, 4.62908), (52.38508, 4.6422), (52.38496, 4.63824), (52.38078, 4.63505), (52.37888, 4.62818), (52.38591, 4.6369), (52.38591, 4.64001), (52.37836, 4.63253), (52.38312, 4.6329), (52.37824, 4.64195), (52.37965, 4.64149)]),  # noqa: E501
    "WK039202": ("Haarlemmerhoutkwartier", "2012", [(52.37237, 4.62323), (52.36846, 4.63421), (52.37266, 4.63391), (52.37378, 4.63154), (52.36367, 4.63391), (52.36985, 4.63387), (52.36986, 4.61911), (52.36733, 4.62015), (52.36598, 4.62439), (52.36673, 4.62721), (52.3629, 4.62173), (52.37248, 4.62323)]),  # noqa: E501
    "WK039203": ("Zijlwegkwartier", "2013", [(52.38216, 4.62344), (52.38578, 4.62809), (52.38413, 4.62635), (52.38284, 4.62278), (52.3798, 4.62343), (52.38481, 4.62628), (52.38403, 4.6277), (52.38391, 4.62548), (52.38389, 4.62345), (52.38362, 4.62423), (52.38241, 4.62325), (52.38213, 4.62584)]),  # noqa: E501
    "WK039204": ("Houtvaartkwartier", "2014", [(52.37434, 4.6199), (52.37151, 4.61412), (52.37037, 4.61603), (52.36378, 4.61009), (52.38069, 4.61894), (52.36546, 4.61056), (52.36724, 4.6098), (52.36432, 4.60938), (52.3729, 4.61592), (52.36613, 4.60806), (52.36546, 4.60885), (52.37387, 4.6141)]),  # noqa: E501
    "WK039205": ("Duinwijk", "2015", [(52.38474, 4.60815), (52.37972, 4.60601), (52.37545, 4.61066), (52.38692, 4.62534), (52.37464, 4.60851), (52.38105, 4.60357), (52.38866, 4.61787), (52.38761, 4.62071), (52.37569, 4.60631), (52.38384, 4.61458), (52.37607, 4.60723), (52.3816, 4.60725)]),  # noqa: E501
    "WK039206": ("Waarder- en Veerpolder", "2031", [(52.40204, 4.66525), (52.39863, 4.65965), (52.39714, 4.67073), (52.39492, 4.6568), (52.39494, 4.66703), (52.38918, 4.6584), (52.38628, 4.67191), (52.40605, 4.66611), (52.39992, 4.67079), (52.38924, 4.66786), (52.39273, 4.65909), (52.38692, 4.65242)]),  # noqa: E501
    "WK039207": ("Amsterdamsewijk", "2032", [(52.37991, 4.65177), (52.38105, 4.6588), (52.38007, 4.65079), (52.37619, 4.64972), (52.37714, 4.65516), (52.37845, 4.65101), (52.37854, 4.65417), (52.37858, 4.64696), (52.37722, 4.65254), (52.37797, 4.64775), (52.38099, 4.65813), (52.3799, 4.6536)]),  # noqa: E501
    "WK039208": ("Slachthuiswijk", "2033", [(52.37188, 4.64936), (52.37086, 4.64432), (52.37327, 4.64924), (52.37383, 4.64243), (52.37375, 4.65193), (52.37273, 4.65188), (52.37265, 4.64454), (52.37346, 4.65493), (52.37468, 4.65104), (52.37137, 4.65095), (52.37283, 4.65393), (52.37451, 4.64894)]),  # noqa: E501
    "WK039209": ("Parkwijk", "2034", [(52.37596, 4.66615), (52.37454, 4.67205), (52.37597, 4.66081), (52.37353, 4.658), (52.37889, 4.67681), (52.37791, 4.6755), (52.3768, 4.6625), (52.37453, 4.6593), (52.38113, 4.66974), (52.37223, 4.66674), (52.37208, 4.66436), (52.3716, 4.67114)]),  # noqa: E501
    "WK039210": ("Transvaalwijk", "2021", [(52.39341, 4.64295), (52.39118, 4.64513), (52.38968, 4.6434), (52.38975, 4.64534), (52.39175, 4.6483), (52.38968, 4.645), (52.39323, 4.64428), (52.39284, 4.64728), (52.38978, 4.64449), (52.39377, 4.64527), (52.39297, 4.6422), (52.39431, 4.64715)]),  # noqa: E501
    "WK039211": ("Indischewijk", "2022", [(52.40739, 4.6536), (52.40791, 4.65222), (52.40358, 4.65392), (52.4018, 4.65206), (52.40257, 4.64909), (52.39909, 4.65454), (52.39714, 4.65003), (52.3996, 4.6459), (52.39926, 4.64922), (52.40333, 4.65729), (52.39657, 4.64442), (52.39985, 4.64581)]),  # noqa: E501
    "WK039212": ("Ter Kleefkwartier", "2023", [(52.3906, 4.63101), (52.39442, 4.6321), (52.39643, 4.63789), (52.39678, 4.63125), (52.39642, 4.62774), (52.3974, 4.63416), (52.39297, 4.63106), (52.39193, 4.6271), (52.39276, 4.63523), (52.39475, 4.62481), (52.39586, 4.62623), (52.39658, 4.63631)]),  # noqa: E501
    "WK039213": ("Te Zaanenkwartier", "2024", [(52.41108, 4.64616), (52.40383, 4.64299), (52.40521, 4.63444), (52.41034, 4.64664), (52.40568, 4.64368), (52.40482, 4.63855), (52.40171, 4.64162), (52.40203, 4.63154), (52.4118, 4.64165), (52.40491, 4.64102), (52.41238, 4.63552), (52.40212, 4.64271)]),  # noqa: E501
    "WK039214": ("Vogelenwijk", "2025", [(52.41078, 4.65463), (52.41154, 4.65925), (52.40645, 4.66257), (52.41034, 4.65221), (52.40657, 4.66291), (52.4113, 4.66179), (52.41203, 4.65927), (52.41116, 4.65274), (52.41372, 4.65299), (52.4098, 4.66015), (52.40717, 4.66229), (52.4117, 4.66182)]),  # noqa: E501
    "WK039215": ("Delftwijk", "2026", [(52.41773, 4.64536), (52.41819, 4.64607), (52.41361, 4.64449), (52.4142, 4.64891), (52.41407, 4.648), (52.41868, 4.64478), (52.41139, 4.64981), (52.41823, 4.6436), (52.41812, 4.64633), (52.41534, 4.64097), (52.41267, 4.64804), (52.41764, 4.64701)]),  # noqa: E501
    "WK039216": ("Vondelkwartier", "2027", [(52.42315, 4.64933), (52.42098, 4.66945), (52.42132, 4.65513), (52.42106, 4.66752), (52.42111, 4.65443), (52.4213, 4.64746), (52.42524, 4.65868), (52.42533, 4.65449), (52.42053, 4.65058), (52.42104, 4.6657), (52.41956, 4.65942), (52.42398, 4.65592)]),  # noqa: E501
    "WK039217": ("Spaarndam", "2064", [(52.41767, 4.6758), (52.41307, 4.67733), (52.41991, 4.67406), (52.41346, 4.67617), (52.41366, 4.67453), (52.41577, 4.67132), (52.41607, 4.66989), (52.41569, 4.67272), (52.41839, 4.67313), (52.41308, 4.67659), (52.41567, 4.67282), (52.41354, 4.67648)]),  # noqa: E501
    "WK039218": ("Europawijk", "2035", [(52.36868, 4.64194), (52.35907, 4.6378), (52.36971, 4.64206), (52.36108, 4.64752), (52.36177, 4.64748), (52.35693, 4.64163), (52.35575, 4.64112), (52.35651, 4.64851), (52.3598, 4.64267), (52.36565, 4.64474), (52.36756, 4.64141), (52.35776, 4.64933)]),  # noqa: E501
    "WK039219": ("Boerhaavewijk", "2036", [(52.36341, 4.66538), (52.36731, 4.65165), (52.36651, 4.66516), (52.36845, 4.6589), (52.36322, 4.66197), (52.35998, 4.66883), (52.36442, 4.65721), (52.36463, 4.66722), (52.36412, 4.6519), (52.36195, 4.6709), (52.36212, 4.66838), (52.36605, 4.66391)]),  # noqa: E501
    "WK039220": ("Molenwijk", "2037", [(52.35171, 4.65438), (52.35204, 4.64786), (52.34817, 4.65802), (52.34396, 4.65179), (52.34986, 4.64063), (52.352, 4.64907), (52.35, 4.65648), (52.35085, 4.65469), (52.34557, 4.64377), (52.34496, 4.65592), (52.34951, 4.65395), (52.35168, 4.64312)]),  # noqa: E501
    "WK039221": ("Meerwijk", "2036", [(52.35311, 4.67057), (52.35379, 4.66332), (52.35735, 4.65426), (52.352, 4.66845), (52.35601, 4.66449), (52.35483, 4.65545), (52.35339, 4.66912), (52.35321, 4.67344), (52.35397, 4.66043), (52.35327, 4.65957), (52.35661, 4.67348), (52.35668, 4.66799)]),  # noqa: E501
}

# Category codes (taxonomy ``wijkkracht-categorie``): code -> (name, description).
CATEGORIES: dict[str, tuple[str, str]] = {
    "ontmoeting": ("Ontmoeting",
                   "Andere mensen zien en spreken: inloop, koffie, samen eten, activiteiten."),
    "maaltijden": ("Maaltijden", "Samen eten of een warme maaltijd aan huis."),
    "praktische-hulp": ("Praktische hulp", "Hulp bij boodschappen, klusjes, de tuin of de hond."),
    "vervoer": ("Vervoer", "Vervoer naar dokter, ziekenhuis of activiteit."),
    "schuldhulp": ("Schuldhulp", "Hulp bij schulden en betalingsachterstanden."),
    "geldzaken": ("Geldzaken en administratie", "Hulp bij post, formulieren, toeslagen en budget."),
    "voedselhulp": ("Voedsel en spullen", "Voedselbank, kledingbank, weggeefwinkel."),
    "mantelzorgondersteuning": ("Mantelzorgondersteuning",
                                "Steun, advies en lotgenoten voor mantelzorgers."),
    "respijtzorg": ("Respijtzorg", "Zorg overnemen zodat de mantelzorger even vrij is."),
    "dementie": ("Dementie en geheugen", "Steun bij geheugenproblemen en dementie."),
    "dagbesteding": ("Dagbesteding", "Een zinvolle dag met structuur buiten de deur."),
    "thuiszorg": ("Thuiszorg", "Verpleging en persoonlijke verzorging thuis."),
    "huishoudelijke-hulp": ("Huishoudelijke hulp", "Hulp bij schoonmaken en het huishouden."),
    "huisarts": ("Huisarts", "Huisartsenpraktijk en praktijkondersteuner."),
    "psychische-gezondheid": ("Psychische gezondheid",
                              "Steun bij somberheid, stress, angst en psychische klachten."),
    "verslaving": ("Verslaving", "Hulp bij alcohol, drugs, gokken."),
    "jeugd": ("Jeugd en jongeren", "Activiteiten en hulp voor kinderen en jongeren."),
    "opvoedondersteuning": ("Opvoeden", "Vragen over opvoeden en opgroeien."),
    "taal": ("Taal", "Nederlands leren, lezen, schrijven, oefenen."),
    "werk": ("Werk en vrijwilligerswerk", "Werk zoeken, leren, vrijwilligerswerk."),
    "sport-en-bewegen": ("Sport en bewegen", "Sporten en bewegen, ook aangepast."),
    "gezondheid": ("Gezond leven", "Leefstijl, valpreventie, gezond eten."),
    "wonen": ("Wonen en hulpmiddelen", "Woningaanpassing, hulpmiddelen, veilig wonen."),
    "wijkteam": ("Wijkteam en algemene vragen", "Eén plek voor vragen over zorg, welzijn en geld."),
    "juridisch": ("Recht en regels", "Sociaal raadslid, rechtshulp, bezwaar maken."),
    "huiselijk-geweld": ("Huiselijk geweld", "Hulp bij geweld of onveiligheid thuis."),
    "rouw": ("Rouw en verlies", "Steun na het overlijden van een dierbare."),
    "digitale-hulp": ("Digitale hulp", "Hulp met computer, telefoon en DigiD."),
    "nieuwkomers": ("Nieuwkomers", "Steun voor statushouders en nieuwe Haarlemmers."),
    "creatief": ("Creatief en cultuur", "Muziek, schilderen, handwerk, toneel."),
    "ouderen": ("Ouderen", "Welzijn en advies voor ouderen."),
    "beperking": ("Leven met een beperking", "Steun voor mensen met een beperking en hun naasten."),
}

# How to get in (taxonomy ``wijkkracht-toegang``): code -> words for application_process.
ACCESS: dict[str, str] = {
    "vrij_toegankelijk": "Vrij toegankelijk: u kunt zonder verwijzing binnenlopen of bellen.",
    "via_huisarts": "Via de huisarts: u heeft een verwijzing van uw huisarts nodig.",
    "wmo_indicatie": "Met Wmo-indicatie: de gemeente beslist na een gesprek of u dit krijgt.",
    "via_wijkteam": "Via het wijkteam: maak een afspraak met het sociaal wijkteam.",
}
FORMALITY = ("formeel", "informeel")

# Weekly opening patterns: key -> list of (byday, opens, closes).
SCHEDULES: dict[str, list[tuple[str, str, str]]] = {
    "kantoor": [("MO,TU,WE,TH,FR", "09:00", "17:00")],
    "praktijk": [("MO,TU,WE,TH,FR", "08:00", "17:00")],
    "ochtend2": [("TU,TH", "10:00", "12:00")],
    "middag1": [("WE", "14:00", "16:30")],
    "avond1": [("TH", "19:00", "21:00")],
    "avond2": [("MO,WE", "19:00", "21:30")],
    "zaterdag": [("SA", "10:00", "13:00")],
    "dag3": [("MO,WE,FR", "09:30", "15:30")],
    "dag5": [("MO,TU,WE,TH,FR", "09:30", "16:00")],
    "inloop": [("MO,TU,WE,TH,FR", "09:00", "12:00"), ("TU", "13:30", "16:00")],
    "eten": [("FR", "17:30", "19:30")],
    "lunch": [("TU,TH", "12:00", "13:30")],
    "sport": [("MO,WE", "18:30", "22:00"), ("SA", "09:00", "13:00")],
    "winkel": [("MO,TU,WE,TH,FR,SA", "09:00", "18:00")],
    "thuis": [("MO,TU,WE,TH,FR,SA,SU", "07:00", "22:00")],
    "afspraak": [],
}

NAME_PARTS = [
    "De Zonnebloem", "De Linde", "Het Anker", "De Brug", "De Kastanje", "De Wilg", "Het Baken",
    "De Vonk", "De Ooievaar", "De Eik", "De Regenboog", "De Meeuw", "Het Klaverblad",
    "De Vlinder", "De Tulp", "De Esdoorn", "De Lantaarn", "Het Kompas", "De Wieken", "De Haven",
    "De Horizon", "De Hazelaar", "Het Lichtpunt", "De Spreeuw", "De Paardenbloem", "De Vijgeboom",
    "Het Zonnehuis", "De Duizendpoot", "De Korenbloem", "De Notenboom", "De Waaier", "Het Veer",
]
SURNAMES = [
    "Van Dijkhuizen", "Bakkerveld", "De Roosmalen", "Jansenhof", "Van der Kolkema", "Smitsbergen",
    "Verhoefkamp", "El Amrani-Stolk", "Kuipersma", "Van Leeuwenhart", "Demirtaşoğlu",
    "Brouwersloot",
    "Mulderink", "Van Spaendonck-Vis", "Tjon-A-Kwie", "Hoekstraweg", "Pietersma", "Van Aalstrom",
]
STREETS = [
    "Zonnebloemstraat", "Lindelaan", "Kastanjeplein", "Wilgenhof", "Ooievaarspad", "Eikenlaan",
    "Regenboogstraat", "Meeuwenkade", "Klaverhof", "Vlinderweg", "Tulpenstraat", "Esdoornplein",
    "Lantaarnsteeg", "Kompasstraat", "Molenwiekstraat", "Havenkade", "Horizonlaan", "Hazelaarhof",
    "Spreeuwenstraat", "Korenbloemweg", "Notenlaan", "Waaierplein", "Veerpad", "Spaarnekade",
    "Duinrooslaan", "Brugstraat", "Boomgaardweg", "Schoolstraat", "Kerkpad", "Parklaan",
]

LANGUAGES = {"nl": "Nederlands", "en": "Engels", "tr": "Turks", "ar": "Arabisch", "pl": "Pools",
             "ber": "Tamazight", "uk": "Oekraïens", "pap": "Papiaments"}

# Service building blocks: key, categories, formality, access, cost (None = free, else
# (amount, words)), schedule, names, organisation ("bc" = the wijk's buurtcentrum, "own" =
# made from the service's own name part, anything else a fixed city-wide organisation),
# descriptions (``paired``: the i-th belongs to the i-th name), how many instances, optional
# (minimum_age, maximum_age), extra languages.
F, INF = "formeel", "informeel"
OPEN, GP, WMO, WT = "vrij_toegankelijk", "via_huisarts", "wmo_indicatie", "via_wijkteam"

TEMPLATES: list[dict] = [
    dict(key="koffie", cats=["ontmoeting"], form=INF, access=OPEN,
         cost=(1.0, "Koffie of thee kost € 1."), sched="ochtend2", org="bc", count=21,
         names=["Koffieochtend in {bc}", "Inloopochtend {bc}", "Buurtkoffie {w}"],
         descs=["Kom gezellig een kopje koffie drinken met buren uit de wijk. Je hoeft niets te "
                "doen, gewoon binnenlopen en een praatje maken.",
                "Zit u veel alleen thuis? Elke week staat de koffie klaar. Er zijn altijd mensen"
                " om mee te praten en soms doen we een spelletje.",
                "Een vaste plek in de week om andere mensen te zien. Vrijwilligers zorgen voor "
                "koffie, thee en iets lekkers."]),
    dict(key="samen-eten", cats=["ontmoeting", "maaltijden"], form=INF, access=OPEN,
         cost=(5.0, "Een maaltijd kost € 5."), sched="eten", org="bc", count=14,
         names=["Samen eten in {bc}", "Buurtmaaltijd {w}", "Aanschuiftafel {bc}"],
         descs=["Eén keer per week koken vrijwilligers een warme maaltijd. Je eet samen aan "
                "lange tafels met andere buurtbewoners. Aanmelden kan tot een dag van tevoren.",
                "Geen zin om elke avond alleen te eten? Schuif aan bij de buurtmaaltijd. Het "
                "eten is vers en niet duur.",
                "Een warme hap en gezelschap. Iedereen is welkom, jong en oud."]),
    dict(key="maaltijd-thuis", cats=["maaltijden", "ouderen"], form=F, access=OPEN,
         cost=(7.5, "Een maaltijd kost € 7,50."), sched="thuis",
         org="Maaltijdservice Spaarnebord (demo)", count=5,
         names=["Warme maaltijd aan huis {w}", "Maaltijdservice Spaarnebord {w}"],
         descs=["Koken lukt niet meer zo goed? Wij brengen elke dag een verse warme maaltijd bij"
                " u thuis. Ook met dieet of zonder vlees.",
                "Een bezorger brengt de maaltijd aan de deur en kijkt meteen even hoe het met u "
                "gaat."]),
    dict(key="buurtcentrum", cats=["ontmoeting", "creatief"], form=F, access=OPEN, cost=None,
         sched="inloop", org="bc", count=21,
         names=["{bc}"],
         descs=["Het huis van de wijk. Er zijn cursussen, een inloop, spelletjesmiddagen en een "
                "open tafel. Heeft u een idee voor een activiteit? Kom langs.",
                "In het buurthuis gebeurt elke dag iets: handwerken, biljarten, kaarten, een "
                "kinderclub. Loop binnen en kijk wat bij u past.",
                "Een plek waar buren elkaar leren kennen. De beheerder helpt u graag op weg."]),
    dict(key="wandelgroep", cats=["ontmoeting", "sport-en-bewegen"], form=INF, access=OPEN,
         cost=None, sched="ochtend2", org="own", count=8,
         names=["Wandelclub {n}", "Samen wandelen {w}"],
         descs=["Twee keer per week lopen we een rondje van een uur door de wijk en het park. "
                "Daarna drinken we samen koffie. Rustig tempo.",
                "Lekker buiten zijn en bewegen met anderen. Je loopt in je eigen tempo mee."]),
    dict(key="sportclub", cats=["sport-en-bewegen", "jeugd"], form=INF, access=OPEN,
         cost=(15.0, "Contributie € 15 per maand; met de Haarlem Pas minder."), sched="sport",
         org="own", count=10,
         names=["Voetbalvereniging {n}",
                "Korfbalclub {n}",
                "Judoschool {n}",
                "Zwemclub {n}"],
         descs=["Een club waar kinderen en volwassenen samen sporten. Nieuwe leden mogen eerst "
                "gratis meetrainen. Geld is geen reden om thuis te blijven: vraag naar de "
                "regeling.",
                "Trainen in een gezellig team. Onze vrijwillige trainers letten op plezier voor "
                "iedereen."]),
    dict(key="bewegen-ouderen", cats=["sport-en-bewegen", "ouderen", "gezondheid"], form=F,
         access=OPEN, cost=(3.0, "€ 3 per les."), sched="middag1", org="bc", count=10,
         ages=(60, None),
         names=["Meer Bewegen voor Ouderen {w}", "Stoelgym in {bc}"],
         descs=["Oefeningen op de stoel en staand, voor 65-plussers. Goed voor balans en "
                "spieren, zodat u minder snel valt.",
                "Soepel blijven op latere leeftijd. Een fysiotherapeut geeft de les, op uw eigen"
                " niveau."]),
    dict(key="valpreventie", cats=["gezondheid", "ouderen"], form=F, access=GP, cost=None,
         sched="afspraak", org="Fysiotherapie Spaarnestroom (demo)", count=4, ages=(65, None),
         names=["Valtraining {w}", "Zeker bewegen: training tegen vallen"],
         descs=["Bent u de laatste tijd gevallen of bang om te vallen? In tien lessen oefent u "
                "hoe u stevig blijft staan. De verzekering vergoedt de training meestal.",
                "Training voor wie onzeker loopt. U leert opstaan na een val en veilig bewegen "
                "in huis."]),
    dict(key="huisarts", cats=["huisarts", "gezondheid"], form=F, access=OPEN, cost=None,
         sched="praktijk", org="huisarts", count=21,
         names=["Huisartsenpraktijk {s}", "Gezondheidscentrum {n}"],
         descs=["Voor klachten, onderzoek en advies. De praktijkondersteuner heeft ook tijd voor"
                " vragen over stress, somberheid of leefstijl. Bel 's ochtends voor een "
                "afspraak.",
                "De huisarts is uw eerste aanspreekpunt bij ziekte. U kunt hier ook terecht voor"
                " een gesprek met de POH-GGZ.",
                "Een praktijk met drie huisartsen, een assistente en een praktijkverpleegkundige"
                " voor ouderen."]),
    dict(key="wijkteam", cats=["wijkteam", "geldzaken", "opvoedondersteuning"], form=F,
         access=OPEN, cost=None, sched="kantoor", org="Sociaal Wijkteam Haarlem (demo)", count=8,
         names=["Sociaal wijkteam {w}", "Loket Zorg en Welzijn {w}"],
         descs=["Weet u niet waar u moet beginnen? Met elke vraag over zorg, geld, opvoeden of "
                "wonen kunt u hier terecht. Een vaste medewerker denkt met u mee en zoekt samen "
                "de juiste hulp.",
                "Eén deur voor vragen over hulp thuis, geldzorgen, werk of gezin. Het team kijkt"
                " naar het hele huishouden."]),
    dict(key="schuldhulp", cats=["schuldhulp", "geldzaken"], form=F, access=WT, cost=None,
         sched="kantoor", org="Stichting Geldwijs Haarlem (demo)", count=6,
         names=["Schuldhulpverlening {w}", "Hulp bij betalingsachterstanden {w}"],
         descs=["Rekeningen stapelen zich op en u slaapt er slecht van? Samen maken we een "
                "overzicht, bellen we met schuldeisers en zoeken we naar een regeling.",
                "Een budgetcoach helpt u om uit de rode cijfers te komen. We praten met de "
                "mensen aan wie u geld moet en zorgen voor rust."]),
    dict(key="thuisadministratie", paired=True,
         cats=["geldzaken"], form=INF, access=OPEN, cost=None,
         sched="middag1", org="Humanitas Spaarneland (demo)", count=9,
         names=["Thuisadministratie {w}", "Hulp bij de post {w}", "Formulierenhulp {w}"],
         descs=["Een getrainde vrijwilliger komt bij u thuis en helpt de post te ordenen. Samen "
                "maakt u een overzicht van wat er binnenkomt en wat er weg moet.",
                "Brieven van de Belastingdienst of de gemeente niet begrijpen? Neem ze mee, we "
                "kijken samen wat u moet doen.",
                "Hulp bij het invullen van formulieren en het aanvragen van toeslagen."]),
    dict(key="geldcafe", cats=["geldzaken", "schuldhulp", "ontmoeting"], form=INF, access=OPEN,
         cost=None, sched="avond1", org="bc", count=6,
         names=["Geldcafé {bc}", "Rondkomen-spreekuur {w}"],
         descs=["Moeite om de maand door te komen? Bij het geldcafé praat u zonder oordeel over "
                "vaste lasten, toeslagen en potjes. Er zijn ervaringsdeskundigen.",
                "Een avond over geld: hoe houdt u meer over, welke regelingen zijn er en wat "
                "doet u als er toch een aanmaning komt."]),
    dict(key="voedselbank", cats=["voedselhulp"], form=INF, access=WT, cost=None, sched="zaterdag",
         org="Voedselhulp Haarlem (demo)", count=5,
         names=["Uitgiftepunt voedselpakketten {w}"],
         descs=["Is er te weinig geld voor eten? Eens per week haalt u hier een pakket met "
                "boodschappen. U heeft een verwijzing van het wijkteam nodig.",
                "Gratis boodschappen voor huishoudens die het tijdelijk niet redden."]),
    dict(key="kledingbank", cats=["voedselhulp"], form=INF, access=OPEN, cost=None,
         sched="zaterdag", org="own", count=5,
         names=["Weggeefwinkel {n}", "Kledingruil {w}"],
         descs=["Kleding, speelgoed en huisraad die u gratis mag meenemen. Heeft u zelf iets "
                "over, breng het gerust.",
                "Een winkel zonder kassa: neem mee wat u nodig heeft, kinderkleding en schoenen "
                "vooral."]),
    dict(key="mantelzorg-steunpunt", cats=["mantelzorgondersteuning"], form=F, access=OPEN,
         cost=None, sched="kantoor", org="Mantelzorgpunt Kennemerland (demo)", count=6,
         names=["Steunpunt Mantelzorg {w}", "Mantelzorgconsulent {w}"],
         descs=["Zorgt u voor iemand die ziek is of hulp nodig heeft? Een consulent luistert, "
                "geeft advies en regelt dat u af en toe op adem kunt komen.",
                "Voor iedereen die zorgt voor een partner, ouder of kind. We helpen met regelen,"
                " geven informatie en organiseren ontspanning.",
                "Het wordt u allemaal te veel naast werk en gezin? Samen kijken we hoe u de zorg"
                " volhoudt."]),
    dict(key="mantelzorg-lotgenoten", cats=["mantelzorgondersteuning", "ontmoeting"], form=INF,
         access=OPEN, cost=None, sched="avond1", org="bc", count=6,
         names=["Mantelzorgcafé {bc}", "Praatgroep voor zorgende naasten {w}"],
         descs=["Een avond met mensen die hetzelfde meemaken: zorgen voor een partner of ouder. "
                "Even je verhaal kwijt kunnen helpt.",
                "Lotgenoten wisselen tips uit en steunen elkaar. Soms komt er een spreker."]),
    dict(key="respijt", cats=["respijtzorg", "mantelzorgondersteuning"], form=INF, access=OPEN,
         cost=None, sched="afspraak", org="Vrijwillige Thuishulp Haarlem (demo)", count=6,
         names=["Oppas voor de zorg {w}",
                "Even vrij: vrijwilliger neemt de zorg over {w}"],
         descs=["Een vrijwilliger komt een middag bij uw naaste, zodat u zelf boodschappen kunt "
                "doen, kunt sporten of gewoon rust heeft.",
                "Wij nemen de zorg een dagdeel van u over. Zo heeft u tijd voor uzelf."]),
    dict(key="logeerhuis", cats=["respijtzorg", "dementie"], form=F, access=WMO,
         cost=(10.0, "Eigen bijdrage € 10 per etmaal."), sched="thuis",
         org="Zorggroep Het Spaarnehuis (demo)", count=2,
         names=["Logeerhuis {n}"],
         descs=["Uw naaste logeert een weekend of een week bij ons, met zorg dag en nacht. U "
                "kunt intussen op vakantie of bijkomen."]),
    dict(key="alzheimercafe", cats=["dementie", "ontmoeting", "mantelzorgondersteuning"], form=INF,
         access=OPEN, cost=None, sched="avond1", org="Alzheimer Trefpunt Haarlem (demo)", count=4,
         names=["Alzheimer Café {w}", "Geheugencafé {w}"],
         descs=["Voor mensen die steeds meer vergeten en hun familie. Elke maand een gesprek "
                "over een thema, zoals 'omgaan met veranderend gedrag', met koffie na.",
                "Is uw vader of moeder de laatste tijd in de war? Hier hoort u wat er kan en "
                "ontmoet u anderen die het herkennen."]),
    dict(key="casemanager-dementie", cats=["dementie", "thuiszorg"], form=F, access=GP, cost=None,
         sched="kantoor", org="Zorggroep Het Spaarnehuis (demo)", count=4,
         names=["Casemanager dementie {w}"],
         descs=["Na de diagnose blijft één vaste begeleider bij u en uw familie. Zij legt uit "
                "wat er gaat veranderen en regelt hulp op tijd.",
                "Begeleiding thuis voor mensen met geheugenproblemen, van de eerste zorgen tot "
                "aan een verpleeghuis."]),
    dict(key="dagbesteding-dementie", cats=["dagbesteding", "dementie"], form=F, access=WMO,
         cost=None, sched="dag3", org="Zorggroep Het Spaarnehuis (demo)", count=5,
         names=["Dagbesteding De Ontmoetingskamer {n}", "Dagcentrum {n}"],
         descs=["Drie dagen per week een zinvolle dag met activiteiten op maat, voor mensen die "
                "vergeetachtig worden. Met vervoer van huis en terug.",
                "Samen koken, wandelen en muziek maken, in een rustige groep. De mantelzorger "
                "heeft die dag even lucht."]),
    dict(key="dagbesteding", cats=["dagbesteding", "beperking"], form=F, access=WMO, cost=None,
         sched="dag5", org="own", count=6,
         names=["Werkplaats {n}", "Dagactiviteitencentrum {n}", "Zorgboerderij {n}"],
         descs=["Een plek om overdag te werken aan iets nuttigs: houtbewerking, tuinieren, een "
                "winkeltje. Met begeleiding en collega's.",
                "Structuur in de week en nieuwe contacten, voor volwassenen met een beperking of"
                " na psychische klachten."]),
    dict(key="thuiszorg", cats=["thuiszorg"], form=F, access=GP, cost=None, sched="thuis",
         org="Thuiszorg Kennemer Zorgpunt (demo)", count=7,
         names=["Wijkverpleging {w}", "Thuiszorgteam {w}"],
         descs=["Verpleegkundigen helpen thuis met wassen, aankleden, medicijnen en wondzorg. De"
                " wijkverpleegkundige komt eerst kennismaken.",
                "Zorg aan huis na een ziekenhuisopname of als het zelf niet meer lukt. Vergoed "
                "uit de basisverzekering."]),
    dict(key="huishoudelijk", cats=["huishoudelijke-hulp"], form=F, access=WMO,
         cost=(21.0, "Eigen bijdrage volgens de Wmo, maximaal € 21 per maand."), sched="kantoor",
         org="Schoon Thuis Haarlem (demo)", count=5,
         names=["Hulp bij het huishouden {w}"],
         descs=["Lukt het schoonmaken niet meer door ziekte of ouderdom? Een vaste hulp "
                "stofzuigt, dweilt en verschoont het bed.",
                "Een schoon en leefbaar huis, ook als u dat niet meer zelf kunt."]),
    dict(key="boodschappen", cats=["praktische-hulp"], form=INF, access=OPEN, cost=None,
         sched="afspraak", org="own", count=10,
         names=["Burenhulp {n}", "Boodschappenmaatje {w}", "Buren helpen buren {w}"],
         descs=["Kunt u even niet zelf naar de winkel? Een buurtgenoot neemt uw lijstje mee. Ook"
                " voor de hond uitlaten of een lamp vervangen.",
                "Vrijwilligers uit de straat helpen met kleine klusjes: boodschappen, de tuin, "
                "een lekkende kraan.",
                "Een appgroep van buren die elkaar uit de brand helpen."]),
    dict(key="klussendienst", paired=True, cats=["praktische-hulp", "wonen"], form=INF, access=OPEN,
         cost=(2.5, "Alleen materiaal en € 2,50 voorrijkosten."), sched="afspraak", org="own",
         count=5,
         names=["Klussendienst {n}", "Repair Café {w}"],
         descs=["Gepensioneerde vakmensen doen kleine klussen in huis: een gordijnrail ophangen,"
                " een handgreep bij het bad.",
                "Kapotte broodrooster of fiets? Samen met een vrijwilliger maakt u het weer "
                "heel."]),
    dict(key="vervoer", cats=["vervoer", "ouderen"], form=INF, access=OPEN,
         cost=(0.3, "€ 0,30 per kilometer voor de chauffeur."), sched="kantoor", org="own",
         count=6,
         names=["Automaatje {w}", "Vrijwillige rijdienst {n}"],
         descs=["Een vrijwillige chauffeur brengt u met de eigen auto naar de dokter, het "
                "ziekenhuis of op bezoek. Bel twee dagen van tevoren.",
                "Slecht ter been en geen vervoer? Wij rijden u naar afspraken in de stad."]),
    dict(key="buurtbus", cats=["vervoer"], form=F, access=WMO, cost=(1.5, "€ 1,50 per rit."),
         sched="thuis", org="Regiotaxi Spaarnestad (demo)", count=2,
         names=["Wmo-vervoer {n}"],
         descs=["Deur-tot-deurvervoer met een taxibusje, ook met rolstoel. Met een Wmo-pas."]),
    dict(key="bezoek", paired=True,
         cats=["ontmoeting", "ouderen"], form=INF, access=OPEN, cost=None,
         sched="afspraak", org="Humanitas Spaarneland (demo)", count=8,
         names=["Maatjesproject {w}",
                "Huisbezoek door vrijwilligers {w}",
                "Telefooncirkel {w}"],
         descs=["Een vaste vrijwilliger komt elke week op bezoek. Samen praten, een wandeling "
                "maken of een boodschap doen.",
                "Komt u weinig mensen tegen? We koppelen u aan iemand met dezelfde interesses.",
                "Elke ochtend belt iemand uit de groep even om te horen of alles goed is."]),
    dict(key="ouderenadvies", cats=["ouderen", "wonen", "wijkteam"], form=F, access=OPEN,
         cost=None, sched="kantoor", org="Welzijn Spaarnestad (demo)", count=6, ages=(65, None),
         names=["Ouderenadviseur {w}", "Seniorenspreekuur {w}"],
         descs=["Vragen over langer thuis wonen, een traplift of hulp in huis? De adviseur komt "
                "bij u langs en zoekt uit wat er mogelijk is.",
                "Voor 65-plussers en hun kinderen: advies over wonen, zorg en geld op latere "
                "leeftijd."]),
    dict(key="hulpmiddelen", cats=["wonen", "beperking"], form=F, access=WMO, cost=None,
         sched="kantoor", org="Wmo-loket Haarlem (demo)", count=3,
         names=["Woonvoorzieningen en hulpmiddelen {w}"],
         descs=["Een rolstoel, scootmobiel of aanpassing in huis, zoals een drempel weg of een "
                "douchestoel. Eerst volgt een keukentafelgesprek."]),
    dict(key="poh-ggz", cats=["psychische-gezondheid"], form=F, access=GP, cost=None,
         sched="praktijk", org="huisarts", count=5,
         names=["Praktijkondersteuner GGZ {s}"],
         descs=["Loopt het u boven het hoofd, slaapt u slecht of piekert u veel? In een paar "
                "gesprekken zoekt u samen uit wat helpt.",
                "Kortdurende begeleiding bij somberheid, angst en stress, in de praktijk van uw "
                "huisarts."]),
    dict(key="ggz-inloop", cats=["psychische-gezondheid", "ontmoeting"], form=INF, access=OPEN,
         cost=None, sched="inloop", org="own", count=5,
         names=["Herstelcafé {n}", "Inloophuis {n}"],
         descs=["Een huiskamer voor mensen die het psychisch zwaar hebben of hadden. "
                "Ervaringsdeskundigen zijn er om mee te praten.",
                "Je hoeft niets uit te leggen. Gewoon een plek om te zijn, met koffie en begrip."]),
    dict(key="ggz-team", cats=["psychische-gezondheid"], form=F, access=GP, cost=None,
         sched="kantoor", org="GGZ Spaarnezicht (demo)", count=3,
         names=["Basis-ggz {w}"],
         descs=["Behandeling bij depressie, angststoornis of trauma, door een psycholoog. U "
                "heeft een verwijzing van de huisarts nodig."]),
    dict(key="verslaving", paired=True,
         cats=["verslaving"], form=F, access=OPEN, cost=None, sched="kantoor",
         org="Brijderkliniek Spaarne (demo)", count=3,
         names=["Spreekuur alcohol en drugs {w}", "Gokhulp {w}"],
         descs=["Drinkt u meer dan u wilt, of iemand in uw omgeving? Anoniem advies en "
                "behandeling.",
                "Grip krijgen op gebruik van drank, drugs of gokken. Ook voor familie."]),
    dict(key="aa-groep", cats=["verslaving", "ontmoeting"], form=INF, access=OPEN, cost=None,
         sched="avond1", org="own", count=3,
         names=["Zelfhulpgroep {n}"],
         descs=["Wekelijkse bijeenkomst van mensen die willen stoppen met drinken. Anoniem en "
                "zonder kosten."]),
    dict(key="jongerenwerk", cats=["jeugd", "ontmoeting"], form=F, access=OPEN, cost=None,
         sched="avond2", org="Jongerenwerk Haarlem (demo)", count=8, ages=(12, 23),
         names=["Jongerencentrum {n}", "Jongerenwerk {w}"],
         descs=["Een plek voor tieners om te chillen, te gamen en muziek te maken. "
                "Jongerenwerkers helpen ook met school, werk of problemen thuis.",
                "Hangt je zoon of dochter veel op straat? De jongerenwerkers kennen de wijk en "
                "bieden activiteiten en een luisterend oor."]),
    dict(key="huiswerk", cats=["jeugd", "taal"], form=INF, access=OPEN, cost=None, sched="ochtend2",
         org="bc", count=6, ages=(8, 16),
         names=["Huiswerkklas {bc}"],
         descs=["Studenten helpen basisschool- en middelbare scholieren met rekenen, lezen en "
                "plannen. Neem je schooltas mee."]),
    dict(key="opvoed", cats=["opvoedondersteuning", "jeugd"], form=F, access=OPEN, cost=None,
         sched="kantoor", org="Centrum Jong Haarlem (demo)", count=6,
         names=["Opvoedspreekuur {w}", "Gezinscoach {w}"],
         descs=["Driftbuien, slecht slapen, ruzie in huis: alle ouders lopen ergens tegenaan. "
                "Een pedagoog denkt met u mee.",
                "Steun voor ouders van kinderen tot 18 jaar, thuis of op het spreekuur."]),
    dict(key="ouderkind", cats=["opvoedondersteuning", "ontmoeting"], form=INF, access=OPEN,
         cost=None, sched="ochtend2", org="bc", count=6,
         names=["Peuterochtend {bc}", "Mamacafé {w}"],
         descs=["Ouders met jonge kinderen ontmoeten elkaar terwijl de kleintjes spelen.",
                "Even uit huis met je baby, andere ouders spreken en tips delen."]),
    dict(key="taalcafe", cats=["taal", "ontmoeting", "nieuwkomers"], form=INF, access=OPEN,
         cost=None, sched="middag1", org="bc", count=10, langs=["en", "ar", "tr", "uk"],
         names=["Taalcafé {bc}", "Praatgroep Nederlands {w}"],
         descs=["Oefen Nederlands praten in een kleine groep, over gewone dingen: boodschappen, "
                "de dokter, de school van de kinderen.",
                "Wil je beter leren spreken? Vrijwilligers praten met je, rustig en zonder "
                "toets."]),
    dict(key="taalhuis", cats=["taal", "digitale-hulp"], form=F, access=OPEN, cost=None,
         sched="kantoor", org="Bibliotheek Zuid-Kennemerland (demo)", count=5,
         names=["Taalhuis {w}", "Cursus lezen en schrijven {w}"],
         descs=["Moeite met lezen, schrijven of rekenen? Ook als je in Nederland bent geboren. "
                "We zoeken samen een cursus die bij je past.",
                "Leer beter lezen en schrijven, bijvoorbeeld om brieven te snappen of je kind "
                "voor te lezen."]),
    dict(key="digi", cats=["digitale-hulp"], form=INF, access=OPEN, cost=None, sched="middag1",
         org="Bibliotheek Zuid-Kennemerland (demo)", count=7,
         names=["Digicafé {w}", "Hulp met DigiD en de telefoon {w}"],
         descs=["Vragen over uw smartphone, tablet of laptop? Vrijwilligers helpen met appen, "
                "videobellen en inloggen met DigiD.",
                "Zaken regelen op internet is lastig. Wij helpen met de website van de gemeente,"
                " de bank of de huisarts."]),
    dict(key="werk", cats=["werk"], form=F, access=OPEN, cost=None, sched="kantoor",
         org="Werkpunt Spaarnestad (demo)", count=5,
         names=["Werkcoach {w}", "Baanbegeleiding {w}"],
         descs=["Zoekt u een baan of wilt u na een lange tijd thuis weer aan de slag? Een coach "
                "helpt met uw cv, sollicitaties en een opleiding.",
                "Van uitkering naar werk, stap voor stap, met een vaste begeleider."]),
    dict(key="vrijwilligerswerk", cats=["werk", "ontmoeting"], form=INF, access=OPEN, cost=None,
         sched="kantoor", org="Vrijwilligerscentrale Haarlem (demo)", count=4,
         names=["Vrijwilligersvacaturebank {w}"],
         descs=["Iets willen betekenen voor een ander en nieuwe mensen leren kennen? We zoeken "
                "samen vrijwilligerswerk dat bij u past."]),
    dict(key="nieuwkomers", cats=["nieuwkomers", "taal", "geldzaken"], form=F, access=OPEN,
         cost=None, sched="kantoor", org="VluchtelingenSteun Haarlem (demo)", count=4,
         langs=["en", "ar", "uk"],
         names=["Spreekuur nieuwkomers {w}"],
         descs=["Net in Haarlem komen wonen met een verblijfsvergunning? We helpen met brieven, "
                "inburgering en de weg vinden in de stad."]),
    dict(key="juridisch", cats=["juridisch", "geldzaken"], form=F, access=OPEN, cost=None,
         sched="kantoor", org="Sociaal Raadslieden Haarlem (demo)", count=4,
         names=["Sociaal raadslid {w}", "Rechtswinkel {w}"],
         descs=["Gratis advies over regels en rechten: een boete, bezwaar tegen een besluit, "
                "huur of ontslag.",
                "Een brief van een instantie waar u het niet mee eens bent? We helpen met "
                "bezwaar."]),
    dict(key="huiselijk-geweld", cats=["huiselijk-geweld"], form=F, access=OPEN, cost=None,
         sched="thuis", org="Veilig Thuis Spaarneland (demo)", count=2,
         names=["Advies bij onveiligheid thuis {w}"],
         descs=["Bent u bang voor uw partner of een huisgenoot, of maakt u zich zorgen om "
                "iemand? Bel of chat, ook anoniem."]),
    dict(key="rouw", paired=True,
         cats=["rouw", "ontmoeting"], form=INF, access=OPEN, cost=None, sched="avond1",
         org="own", count=4,
         names=["Rouwgroep {n}", "Wandelen na verlies {w}"],
         descs=["Uw partner of kind is overleden en het leven gaat door, maar niet vanzelf. "
                "Praten met anderen die ook iemand missen.",
                "Samen lopen en praten over wie je mist, in een kleine groep."]),
    dict(key="creatief", paired=True, cats=["creatief", "ontmoeting"], form=INF, access=OPEN,
         cost=(2.0, "€ 2 per keer voor materiaal."), sched="middag1", org="bc", count=8,
         names=["Schilderclub {bc}", "Buurtkoor {w}", "Breicafé {bc}"],
         descs=["Elke week samen tekenen, schilderen of handwerken. Je hoeft het niet te kunnen.",
                "Zingen maakt vrolijk. Het koor zoekt nieuwe stemmen, jong en oud.",
                "Breien, haken en borduren met een kop thee erbij. Beginners leren het van de "
                "anderen."]),
    dict(key="moestuin", cats=["ontmoeting", "gezondheid"], form=INF, access=OPEN, cost=None,
         sched="zaterdag", org="own", count=5,
         names=["Buurtmoestuin {n}", "Groene Vingers {w}"],
         descs=["Bewoners tuinieren samen op een stuk grond midden in de wijk. Geen ervaring "
                "nodig, wel zin om buiten bezig te zijn.",
                "Zaaien, wieden, oogsten en daarna samen soep eten van de eigen groente."]),
    dict(key="winkel-hulp", cats=["praktische-hulp", "ontmoeting"], form=INF, access=OPEN,
         cost=None, sched="winkel", org="own", count=8,
         names=["Bakkerij {n}", "Apotheek {n}", "Buurtsuper {n}", "Kapsalon {n}"],
         descs=["Deze winkel in de wijk bezorgt boodschappen gratis bij ouderen in de buurt en "
                "let op klanten die een tijd niet zijn gezien.",
                "De eigenaar kent de buurt. Wie even een praatje nodig heeft, krijgt een kop "
                "koffie. Het personeel weet waar u met vragen terecht kunt.",
                "Een ondernemer die meedoet met 'Wijk let op elkaar': bezorgen aan huis en een "
                "oogje in het zeil."]),
    dict(key="bewonersinitiatief", paired=True,
         cats=["ontmoeting", "praktische-hulp"], form=INF, access=OPEN,
         cost=None, sched="afspraak", org="own", count=8,
         names=["Bewonersgroep {n}", "Buurtkamer {n}", "Straatfeest en burenhulp {w}"],
         descs=["Een groep buren die de straat gezelliger maakt: een straatfeest, een "
                "bibliotheekkastje en hulp als iemand ziek is.",
                "Bewoners openen hun huiskamer voor iedereen die even gezelschap zoekt.",
                "Buren die elkaar helpen: een straatfeest in de zomer, soep brengen als iemand "
                "ziek is, samen de stoep vegen."]),
    dict(key="beperking", cats=["beperking", "ontmoeting"], form=INF, access=OPEN, cost=None,
         sched="zaterdag", org="own", count=3,
         names=["Vrijetijdsclub {n}"],
         descs=["Uitjes, spelletjes en disco voor jongeren en volwassenen met een verstandelijke"
                " beperking."]),
    dict(key="gezondheid", paired=True,
         cats=["gezondheid"], form=F, access=OPEN, cost=None, sched="ochtend2",
         org="GGD Kennemerland (demo)", count=4,
         names=["Leefstijlcoach {w}", "Gezond in de wijk {w}"],
         descs=["Afvallen, stoppen met roken of beter slapen? Een coach helpt met kleine "
                "stappen.",
                "Gratis bloeddruk meten en advies over gezond eten."]),
]

SCHEDULE_WORDS = {"MO": "ma", "TU": "di", "WE": "wo", "TH": "do", "FR": "vr", "SA": "za",
                  "SU": "zo"}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _slug(text: str) -> str:
    keep = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(p for p in keep.split("-") if p)[:40]


def _term(taxonomy: str, code: str, name: str, description: str) -> dict:
    return {"id": _id("term", taxonomy, code), "code": code, "name": name,
            "description": description, "taxonomy": taxonomy,
            "taxonomy_id": _id("taxonomy", taxonomy), "language": "nl"}


def taxonomy_terms() -> list[dict]:
    """Every taxonomy term the demo uses (categories, access routes, formal or informal)."""
    terms = [_term("wijkkracht-categorie", c, n, d) for c, (n, d) in CATEGORIES.items()]
    terms += [_term("wijkkracht-toegang", c, c.replace("_", " "), d) for c, d in ACCESS.items()]
    terms += [_term("wijkkracht-vorm", c, c, f"{c} aanbod") for c in FORMALITY]
    return terms


@functools.cache
def _terms_by_code() -> dict[tuple[str, str], dict]:
    return {(t["taxonomy"], t["code"]): t for t in taxonomy_terms()}


def _attribute(service_id: str, taxonomy: str, code: str) -> dict:
    term = copy.deepcopy(_terms_by_code()[taxonomy, code])  # callers may change their copy
    return {"id": _id("attr", service_id, taxonomy, code), "link_id": service_id,
            "link_type": "service", "link_entity": "service", "taxonomy_term_id": term["id"],
            "value": code, "taxonomy_term": term}


def _schedules(key: str, owner: str, **link: str) -> list[dict]:
    out = []
    for i, (byday, opens, closes) in enumerate(SCHEDULES[key]):
        days = ", ".join(SCHEDULE_WORDS[d] for d in byday.split(","))
        out.append({"id": _id("schedule", owner, i), **link, "freq": "WEEKLY", "wkst": "MO",
                    "byday": byday, "opens_at": opens, "closes_at": closes,
                    "description": f"{days} {opens}-{closes}", "timezone": 1})
    return out


def _plan(rng: random.Random) -> list[tuple[dict, str]]:
    """(template, wijk code) pairs: each template's instances spread over the wijken."""
    codes = sorted(WIJKEN)
    pairs = []
    for t in TEMPLATES:
        if t["count"] >= len(codes):
            chosen = codes
        else:
            # Spaarndam (a village of 600) only gets what every wijk gets plus a few.
            pool = [c for c in codes if c != "WK039217"] if t["count"] > 4 else codes
            chosen = sorted(rng.sample(pool, t["count"]))
        pairs += [(t, c) for c in chosen]
    return pairs


def generate() -> list[dict]:
    """The demo kaart as a list of HSDS 3 service objects (deterministic)."""
    rng = random.Random(SEED)
    codes = sorted(WIJKEN)
    names = NAME_PARTS[:]
    rng.shuffle(names)
    bc_name = {c: f"Buurtcentrum {names[i % len(names)]}" for i, c in enumerate(codes)}
    used: dict[str, int] = {}
    locations: dict[str, dict] = {}
    services = []
    for n, (t, code) in enumerate(_plan(rng)):
        wijk, pc4, points = WIJKEN[code]
        part = rng.choice(NAME_PARTS)
        surname = rng.choice(SURNAMES)
        pick = rng.randrange(len(t["names"]))
        name = t["names"][pick].format(n=part, w=wijk, bc=bc_name[code], s=surname)
        if name in used:  # the same name twice: say which wijk, then number it
            name = f"{name} ({wijk})" if f"{name} ({wijk})" not in used else f"{name} ({n})"
        used[name] = 1
        org = t["org"]
        # a city-wide organisation serves all of Haarlem; the rest serves its own wijk
        citywide = org not in ("bc", "own", "huisarts")
        if org == "bc":
            org_name = f"{bc_name[code]} (demo)"
        elif org == "own":
            org_name = f"{name} (demo)"
        elif org == "huisarts":
            org_name = f"Huisartsenpraktijk {surname} (demo)"
        else:
            org_name = org
        sid = _id("service", n, name)
        oid = _id("org", org_name)
        lid = _id("location", org_name, code)
        slug = _slug(org_name.replace("(demo)", ""))
        if lid not in locations:  # one place per organisation and wijk, shared by its services
            lat, lon = rng.choice(points)
            street = STREETS[(codes.index(code) * 3 + rng.randrange(3)) % len(STREETS)]
            locations[lid] = {
                "id": lid, "location_type": "physical", "organization_id": oid,
                "name": f"{org_name.replace(' (demo)', '')}, {wijk}",
                "latitude": round(lat + rng.uniform(-0.0002, 0.0002), 5),
                "longitude": round(lon + rng.uniform(-0.0002, 0.0002), 5),
                "external_identifier": code, "external_identifier_type": "cbs_wijkcode",
                "addresses": [{"id": _id("address", lid), "location_id": lid,
                               "address_1": f"{street} {rng.randrange(1, 180)}",
                               "city": "Haarlem", "region": wijk,
                               "state_province": "Noord-Holland",
                               "postal_code": f"{pc4} {chr(65 + rng.randrange(20))}"
                                              f"{chr(65 + rng.randrange(26))}",
                               "country": "NL", "address_type": "physical"}],
                "phones": [], "schedules": [], "languages": [], "accessibility": [],
                "attributes": [], "metadata": [], "contacts": [],
            }
        # paired building blocks: the i-th description belongs to the i-th name
        desc = t["descs"][pick] if t.get("paired") else rng.choice(t["descs"])
        if t["cost"] is None:
            fees, amount = "Gratis.", 0.0
        else:
            amount, fees = t["cost"]
        extra = set(t.get("langs", []))
        if rng.random() < 0.25:
            extra.add(rng.choice(["en", "tr", "ar", "pl", "pap", "ber"]))
        langs = ["nl", *sorted(extra)]
        phone = {"id": _id("phone", sid), "service_id": sid,
                "number": f"0900-0000{n:03d}", "type": "voice",
                "description": "Demo-nummer, niet echt in gebruik."}
        has_phone = rng.random() < 0.85
        ages = t.get("ages")
        service = {
            "id": sid,
            "organization_id": oid,
            "name": name,
            "description": desc,
            "url": f"https://{slug}.example.org/",
            "email": f"info@{slug}.example.org",
            "status": "active",
            "application_process": ACCESS[t["access"]],
            "fees_description": fees,
            "eligibility_description": "Voor inwoners van Haarlem." if not ages else (
                f"Voor inwoners van Haarlem vanaf {ages[0]} jaar." if ages[1] is None
                else f"Voor jongeren van {ages[0]} tot {ages[1]} jaar."),
            "assured_date": "2026-11-01",
            "last_modified": "2026-11-01T12:00:00Z",
            "phones": [phone] if has_phone else [],
            "schedules": _schedules(t["sched"], sid, service_id=sid),
            "service_areas": [{"id": _id("area", sid), "service_id": sid,
                               "name": f"Haarlem ({GEMEENTE[0]})" if citywide else wijk,
                               "extent_type": "cbs_code",
                               "extent": GEMEENTE[0] if citywide else code}],
            "service_at_locations": [{
                "id": _id("sal", sid), "service_id": sid, "location_id": lid,
                "location": copy.deepcopy(locations[lid])}],
            "languages": [{"id": _id("lang", sid, c), "service_id": sid, "name": LANGUAGES[c],
                           "code": c} for c in langs],
            "organization": {"id": oid, "name": org_name,
                             "description": "Fictieve organisatie voor de demo van de "
                                            "sociale kaart van Haarlem.",
                             "email": f"info@{slug}.example.org",
                             "website": f"https://{slug}.example.org/"},
            "cost_options": [{"id": _id("cost", sid), "service_id": sid, "currency": "EUR",
                              "amount": amount, "amount_description": fees}],
            "attributes": ([_attribute(sid, "wijkkracht-categorie", c) for c in t["cats"]]
                           + [_attribute(sid, "wijkkracht-toegang", t["access"]),
                              _attribute(sid, "wijkkracht-vorm", t["form"])]),
            "contacts": [], "funding": [], "required_documents": [], "metadata": [],
        }
        if ages:
            service["minimum_age"] = ages[0]
            if ages[1] is not None:
                service["maximum_age"] = ages[1]
        services.append(service)
    return services


def categories_of(service: dict, taxonomy: str = "wijkkracht-categorie") -> list[str]:
    """The term codes of one taxonomy on a generated service."""
    return [a["taxonomy_term"]["code"] for a in service["attributes"]
            if a["taxonomy_term"]["taxonomy"] == taxonomy]


def to_json(services: list[dict]) -> str:
    return json.dumps(services, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    text = to_json(generate())
    if argv:
        with open(argv[0], "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
