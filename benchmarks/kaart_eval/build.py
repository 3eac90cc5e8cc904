"""Build the sociale-kaart evaluation set from hand-written queries and judging rules.

    .venv/bin/python benchmarks/kaart_eval/build.py          # rewrites kaart_eval.json
    .venv/bin/python benchmarks/kaart_eval/build.py --check  # exit 1 if the file is stale

Each query is written as a resident or a GP would say it, mostly without the words the services
use. Its rules say which category combinations answer the need and how well (README.md):
a service gets the highest grade among the rules whose categories it carries all of; ``caps``
lower the grade of services carrying a category that does not suit this person; ``lang`` caps
services that do not offer that language at 1; ``age`` sets to 0 services whose age limits
exclude the person; ``wijk`` (the resident's home wijk) keeps full grades for services in that
wijk, one grade less for city-wide services elsewhere, two less for local services elsewhere.
Of q01-q46 the odd-numbered queries form the tuning half, the even-numbered ones the test
half; q47-q160 form the seen half (q47-q70 the first, q71-q100 the second, q101-q130 the
third and q131-q160 the fourth blind half, used for development since 6 and 7 December 2026);
q161 and on form the blind half (the fifth).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wijkkracht.kaart import demo

OUT = Path(__file__).with_name("kaart_eval.json")


def Q(text, who, rules, wijk=None, caps=None, lang=None, age=None):
    return {"text": text, "who": who, "wijk": wijk,
            "rules": [[sorted(c.split("+")), g] for c, g in rules.items()],
            "caps": caps or {}, "lang": lang, "age": age}


B, H = "bewoner", "huisarts"
# For plain loneliness: meeting places meant for one group (dementia, language learners,
# addiction, young people ...) answer it only marginally.
LONELY_CAPS = {"dementie": 1, "taal": 1, "verslaving": 1, "mantelzorgondersteuning": 1,
               "rouw": 1, "jeugd": 1, "opvoedondersteuning": 1, "geldzaken": 1, "beperking": 1,
               "psychische-gezondheid": 2, "nieuwkomers": 1}
QUERIES = [
    Q("mijn moeder vergeet steeds dingen", B,
      {"dementie": 3, "mantelzorgondersteuning": 1, "ouderen": 1}, wijk="WK039210"),
    Q("ik kom niet rond", B,
      {"schuldhulp": 3, "geldzaken": 3, "voedselhulp": 2, "wijkteam": 1}, wijk="WK039219"),
    Q("hij zit de hele dag alleen thuis", H,
      {"ontmoeting": 3, "ouderen": 1, "dagbesteding": 1}, wijk="WK039203", caps=LONELY_CAPS),
    Q("mantelzorger is op", H,
      {"mantelzorgondersteuning": 3, "respijtzorg": 3, "dagbesteding+dementie": 1}),
    Q("de rekeningen stapelen zich op en ik durf de post niet meer open te maken", B,
      {"schuldhulp": 3, "geldzaken": 2, "juridisch": 1}, wijk="WK039207"),
    Q("ik snap de brieven van de belastingdienst niet", B,
      {"geldzaken": 3, "juridisch": 2, "taal": 1, "digitale-hulp": 1}, wijk="WK039212"),
    Q("mijn man is vorig jaar overleden en ik mis hem zo", B,
      {"rouw": 3, "psychische-gezondheid": 1, "ontmoeting": 1}),
    Q("ik lig 's nachts wakker van het piekeren", B,
      {"psychische-gezondheid": 3, "huisarts": 1}, wijk="WK039215"),
    Q("wie kan er boodschappen voor me halen, ik kan slecht lopen", B,
      {"praktische-hulp": 3, "maaltijden": 1, "vervoer": 1}, wijk="WK039211"),
    Q("hoe kom ik bij het ziekenhuis zonder auto", B, {"vervoer": 3}, wijk="WK039221"),
    Q("mijn vader kan zich niet meer zelf wassen", B,
      {"thuiszorg": 3, "wonen": 1, "huishoudelijke-hulp": 1}, wijk="WK039202"),
    Q("ze krijgt het huis niet meer schoon", H,
      {"huishoudelijke-hulp": 3, "praktische-hulp": 1, "thuiszorg": 1}, wijk="WK039208"),
    Q("mijn zoon van 15 hangt alleen maar op straat", B,
      {"jeugd": 3, "opvoedondersteuning": 2}, wijk="WK039218", age=15),
    Q("ik word gek van de driftbuien van mijn peuter", B,
      {"opvoedondersteuning": 3, "jeugd": 1}, wijk="WK039220"),
    Q("ik wil beter Nederlands leren praten", B,
      {"taal": 3, "nieuwkomers": 1}, wijk="WK039210"),
    Q("ik kan niet goed lezen en schrijven", B, {"taal": 3, "digitale-hulp": 1}),
    Q("ik wil weer aan de slag na jaren thuis", B,
      {"werk": 3, "ontmoeting+werk": 3}, wijk="WK039213"),
    Q("patiënt drinkt te veel", H, {"verslaving": 3, "psychische-gezondheid": 1}),
    Q("mijn vriend slaat me", B, {"huiselijk-geweld": 3, "wijkteam": 1}),
    Q("we hebben geen eten meer in huis", B,
      {"voedselhulp": 3, "maaltijden": 1, "schuldhulp": 1, "wijkteam": 1}, wijk="WK039219"),
    Q("mijn vader kookt niet meer, hij eet alleen nog brood", B,
      {"maaltijden": 3, "ouderen": 1}, wijk="WK039202"),
    Q("ik wil graag wat bewegen, maar ik ben 78", B,
      {"sport-en-bewegen+ouderen": 3, "sport-en-bewegen": 2, "gezondheid+ouderen": 2},
      wijk="WK039214", caps={"jeugd": 1}, age=78),
    Q("ze is bang om te vallen", H,
      {"gezondheid+ouderen": 3, "sport-en-bewegen+ouderen": 2, "wonen": 1}),
    Q("ik krijg die DigiD niet aan de praat", B,
      {"digitale-hulp": 3, "geldzaken": 1}, wijk="WK039216"),
    Q("wij zijn net in Nederland en snappen niets van alle regels", B,
      {"nieuwkomers": 3, "taal": 1, "juridisch": 1, "geldzaken": 1}),
    Q("ik ben het niet eens met een besluit van de gemeente", B,
      {"juridisch": 3, "wijkteam": 1}),
    Q("mijn vrouw heeft alzheimer en ik heb nooit meer tijd voor mezelf", H,
      {"respijtzorg": 3, "dagbesteding+dementie": 3, "mantelzorgondersteuning": 2,
       "dementie": 2}),
    Q("de trap wordt te zwaar voor haar", B, {"wonen": 3, "ouderen": 1}, wijk="WK039204"),
    Q("hij heeft een rolstoel nodig", H, {"beperking+wonen": 3, "vervoer": 1}),
    Q("sinds zijn burn-out zit hij thuis en doet hij niets", H,
      {"ontmoeting+werk": 3, "werk": 2, "psychische-gezondheid": 2, "dagbesteding": 2}),
    Q("ik zou graag samen met anderen willen schilderen", B,
      {"creatief": 3}, wijk="WK039205"),
    Q("er moet een lamp worden opgehangen en ik kan geen trap op", B,
      {"praktische-hulp+wonen": 3, "praktische-hulp": 2}, wijk="WK039209"),
    Q("mijn buurvrouw spreekt alleen Turks en is erg eenzaam", B,
      {"ontmoeting": 3}, lang="tr",
      caps={**LONELY_CAPS, "taal": 2, "nieuwkomers": 2}),
    Q("mijn dochter met een verstandelijke beperking wil vrienden maken", B,
      {"beperking+ontmoeting": 3, "beperking": 2, "ontmoeting": 1}),
    Q("ik weet niet waar ik moet beginnen, alles loopt door elkaar", B,
      {"wijkteam": 3, "ouderen+wijkteam": 3}, wijk="WK039201"),
    Q("ik wil afvallen en gezonder leven", B,
      {"gezondheid": 2, "sport-en-bewegen": 2}, wijk="WK039218"),
    Q("ik voel me zo somber, ik wil met iemand praten", B,
      {"psychische-gezondheid": 3, "ontmoeting": 1}),
    Q("ik zorg al jaren voor mijn zieke man, wie helpt mij?", B,
      {"mantelzorgondersteuning": 3, "respijtzorg": 2}, wijk="WK039209"),
    Q("mijn kind loopt achter met rekenen", B,
      {"jeugd+taal": 3, "jeugd": 1}, age=9),
    Q("geen geld voor kleren voor de kinderen", B,
      {"voedselhulp": 3, "geldzaken": 1, "schuldhulp": 1}),
    Q("patiënt van 82, woont alleen, wordt vergeetachtig, familie woont ver weg", H,
      {"dementie": 3, "ontmoeting+ouderen": 2, "thuiszorg": 1, "ouderen": 1}, wijk="WK039220"),
    Q("door online gokken heb ik overal schulden", B,
      {"verslaving": 3, "schuldhulp": 3, "geldzaken": 1}),
    Q("ik wil graag iets voor een ander doen", B,
      {"ontmoeting+werk": 3, "werk": 1}),
    Q("ergens waar mijn vader een week kan logeren zodat wij op vakantie kunnen", B,
      {"respijtzorg": 3, "mantelzorgondersteuning": 1}),
    Q("komt de deur niet uit, is erg eenzaam", H,
      {"ontmoeting": 3, "ouderen": 1}, wijk="WK039201", caps=LONELY_CAPS),
    Q("geen zin om elke avond alleen te koken en te eten", B,
      {"maaltijden+ontmoeting": 3, "maaltijden": 2, "ontmoeting": 1}, wijk="WK039205"),
    # -- the seen half (q47-q70): written on 6 December 2026 after the test half had been
    # seen, as the first blind half; since used for development, so no longer blind.
    Q("mijn oma is de laatste tijd zo in de war", B,
      {"dementie": 3, "ouderen": 1, "mantelzorgondersteuning": 1}, wijk="WK039204"),
    Q("we kunnen de huur niet meer betalen", B,
      {"schuldhulp": 3, "geldzaken": 3, "juridisch": 1, "wijkteam": 1}, wijk="WK039216"),
    Q("sinds de verhuizing ken ik hier niemand", B,
      {"ontmoeting": 3, "ouderen": 1}, wijk="WK039213", caps=LONELY_CAPS),
    Q("ik pas elke dag op mijn zus met MS en ik kan niet meer", B,
      {"mantelzorgondersteuning": 3, "respijtzorg": 3, "beperking": 1}),
    Q("de kraan lekt en de huisbaas doet niks", B,
      {"juridisch": 3, "praktische-hulp": 2, "wonen": 1}, wijk="WK039209"),
    Q("iemand die af en toe met mijn moeder gaat wandelen", B,
      {"ontmoeting": 2, "sport-en-bewegen": 2, "ouderen": 2, "praktische-hulp": 1},
      wijk="WK039218"),
    Q("mijn dochter wordt gepest op school", B,
      {"jeugd": 3, "opvoedondersteuning": 3, "psychische-gezondheid": 1}, wijk="WK039206"),
    Q("ik heb een uitkering en vind geen werk", B,
      {"werk": 3, "geldzaken": 1}, wijk="WK039220"),
    Q("patiënte kan de medicijnen niet meer zelf klaarzetten", H,
      {"thuiszorg": 3, "huisarts": 1, "dementie": 1}, wijk="WK039208"),
    Q("hij blowt de hele dag", H, {"verslaving": 3, "jeugd": 1, "psychische-gezondheid": 1}),
    Q("kan ik ergens gratis advies krijgen over mijn scheiding", B,
      {"juridisch": 3, "opvoedondersteuning": 1, "psychische-gezondheid": 1}),
    Q("ik snap niks van dat formulier van de gemeente", B,
      {"geldzaken": 3, "digitale-hulp": 2, "juridisch": 2, "taal": 1, "wijkteam": 1},
      wijk="WK039214"),
    Q("mijn man zit thuis en wil overdag iets zinnigs doen, hij heeft parkinson", B,
      {"dagbesteding": 3, "beperking": 2, "ontmoeting": 1}),
    Q("waar kan ik met mijn kleinzoon van 8 sporten", B,
      {"sport-en-bewegen": 3, "jeugd": 2}, wijk="WK039212", age=8),
    Q("ik durf na het overlijden van mijn zoon niet meer onder de mensen", B,
      {"rouw": 3, "psychische-gezondheid": 2, "ontmoeting": 1}),
    Q("patiënt van 90 valt steeds, dochter maakt zich zorgen", H,
      {"thuiszorg": 3, "wonen": 2, "gezondheid": 2, "mantelzorgondersteuning": 1},
      wijk="WK039202"),
    Q("geen idee hoe ik een afspraak maak via internet", B,
      {"digitale-hulp": 3, "taal": 1}, wijk="WK039217"),
    Q("mijn buurman drinkt en schreeuwt 's nachts", B,
      {"verslaving": 3, "wijkteam": 2, "huiselijk-geweld": 1}),
    Q("ik ben vluchteling en wil Nederlands leren", B,
      {"taal": 3, "nieuwkomers": 3}, wijk="WK039219"),
    Q("hulp bij het invullen van de toeslagen", B,
      {"geldzaken": 3, "digitale-hulp": 2, "wijkteam": 1}, wijk="WK039210"),
    Q("mijn kind van 4 praat nog bijna niet", B,
      {"opvoedondersteuning": 3, "jeugd": 2, "gezondheid": 2}, age=4),
    Q("ik wil mijn huis aanpassen zodat ik hier kan blijven wonen", B,
      {"wonen": 3, "wijkteam": 1}, wijk="WK039203"),
    Q("we hebben ruzie thuis en het loopt uit de hand", B,
      {"huiselijk-geweld": 3, "opvoedondersteuning": 2, "psychische-gezondheid": 1}),
    Q("ik wil graag een maatje om mee te kletsen, ik ben 84", B,
      {"ontmoeting": 3, "ouderen": 2}, wijk="WK039215", caps=LONELY_CAPS, age=84),
    # -- the second blind half (q71-q100): written on 6 December 2026 by a second author who
    # never saw the need taxonomy or the ranker; part of the seen half since 6 December 2026
    # (used for development), so no longer blind.
    Q("sinds ik met pensioen ben zie ik soms dagen niemand", B,
      {"ontmoeting": 3, "werk": 1, "ouderen": 1}, wijk="WK039206", caps=LONELY_CAPS),
    Q("meneer is flink afgevallen, sinds hij alleen is komt er thuis niks warms meer op tafel",
      H, {"maaltijden": 3, "thuiszorg": 1, "ouderen": 1}, wijk="WK039208"),
    Q("door mijn reuma lukt het poetsen niet meer, en de hond moet ook nog drie keer per dag uit",
      B, {"huishoudelijke-hulp": 3, "praktische-hulp": 3, "thuiszorg": 1}, wijk="WK039204",
      caps={"ontmoeting": 2, "wonen": 1}),
    Q("mijn rijbewijs is afgepakt en ik moet twee keer per week naar de fysio", B,
      {"vervoer": 3}),
    Q("er stond vanochtend een deurwaarder aan de deur, wat moet ik doen?", B,
      {"schuldhulp": 3, "juridisch": 2, "geldzaken": 2, "wijkteam": 1}, wijk="WK039209"),
    Q("mijn vader deed altijd de bankzaken, nu hij er niet meer is heeft mijn moeder geen idee "
      "hoe dat gaat", B,
      {"geldzaken": 3, "rouw": 2, "digitale-hulp": 1},
      caps={"schuldhulp": 1, "nieuwkomers": 1, "juridisch": 2, "wijkteam": 2}),
    Q("mijn pinpas werd geweigerd bij de supermarkt en ik moet nog eten kopen voor drie kinderen",
      B, {"voedselhulp": 3, "schuldhulp": 2, "wijkteam": 2, "geldzaken": 1}, wijk="WK039219",
      caps={"ouderen": 1}),
    Q("ik werk fulltime en zorg daarnaast elke dag voor mijn moeder, ik kom aan mezelf niet meer "
      "toe", B, {"mantelzorgondersteuning": 3, "respijtzorg": 2}, caps={"dementie": 1}),
    Q("echtgenote durft hem sinds zijn tweede herseninfarct geen moment alleen te laten, ze wil "
      "een middag in de week weg kunnen", H,
      {"respijtzorg": 3, "mantelzorgondersteuning": 2, "dagbesteding": 1},
      caps={"dementie": 2}),
    Q("74-jarige vrouw, bij de geriater net vastgesteld dat het geheugen achteruitgaat; wie "
      "begeleidt haar en haar man vanaf nu?", H,
      {"dementie+thuiszorg": 3, "dementie": 2, "mantelzorgondersteuning": 1}, wijk="WK039213"),
    Q("mijn broer van 19 heeft autisme en zit sinds hij van school af is alleen maar op zijn "
      "kamer", B,
      {"beperking+dagbesteding": 3, "beperking+ontmoeting": 2, "werk": 2,
       "jeugd+ontmoeting": 1, "psychische-gezondheid": 1}, age=19),
    Q("patiënt met een open been, moet dagelijks verbonden worden en kan zelf niet naar de "
      "praktijk komen", H, {"thuiszorg": 3}, wijk="WK039216", caps={"dementie": 1}),
    Q("we zijn pas verhuisd naar Spaarndam en hebben nog geen dokter", B,
      {"huisarts": 3}, wijk="WK039217"),
    Q("ik krijg paniekaanvallen in de supermarkt", B,
      {"psychische-gezondheid": 3, "huisarts": 2}, wijk="WK039201", caps={"ontmoeting": 2}),
    Q("mijn moeder drinkt stiekem", B,
      {"verslaving": 3, "mantelzorgondersteuning": 1}, caps={"ontmoeting": 2}),
    Q("mijn dochter van 13 verveelt zich kapot na school", B,
      {"jeugd+ontmoeting": 3, "jeugd+sport-en-bewegen": 3, "creatief": 1}, wijk="WK039212",
      age=13),
    Q("onze zoon van 16 scheldt ons uit en luistert nergens meer naar, hoe pakken we dat aan?",
      B, {"jeugd+opvoedondersteuning": 3, "opvoedondersteuning": 2, "wijkteam": 2,
          "jeugd+ontmoeting": 1, "huiselijk-geweld": 1}, caps={"ontmoeting": 1, "ouderen": 1}),
    Q("patiënte woont hier al twaalf jaar maar spreekt de taal nog nauwelijks, haar zoon tolkt "
      "steeds", H, {"ontmoeting+taal": 3, "taal": 2}, wijk="WK039203"),
    Q("ik ben 58 en na de reorganisatie ontslagen, bij elke sollicitatie word ik afgewezen", B,
      {"werk": 3, "psychische-gezondheid": 1}, caps={"ontmoeting": 2}),
    Q("ik ben 45, zit de hele dag achter een scherm en wil fitter worden, liefst niet in "
      "m'n eentje", B, {"sport-en-bewegen": 3, "gezondheid": 2}, wijk="WK039215",
      caps={"huisarts": 1}, age=45),
    Q("man van 52 met overgewicht en net diabetes, hij wil wel aan zijn leefstijl werken maar "
      "weet niet hoe", H, {"gezondheid": 3, "sport-en-bewegen": 2},
      caps={"huisarts": 1, "ontmoeting": 2, "jeugd": 2}, age=52),
    Q("bij ons gaat alles mis: geld, de kinderen, mijn gezondhijd. bij wie moet ik zijn?", B,
      {"wijkteam": 3}, wijk="WK039205", caps={"ouderen": 1}),
    Q("mijn baas betaalt mijn loon al twee maanden niet", B,
      {"juridisch": 3, "geldzaken": 1, "schuldhulp": 1}),
    Q("vermoeden dat een oudere patiënte door haar zoon onder druk wordt gezet om geld af te "
      "geven", H, {"huiselijk-geweld": 3, "juridisch": 1, "ouderen+wijkteam": 1}),
    Q("we zijn ons kindje verloren en ik kom er niet overheen", B,
      {"rouw": 3, "psychische-gezondheid": 2}),
    Q("ik heb een mobieltje gekregen maar weet niet hoe ik met mijn kleinkinderen kan beeldbelen",
      B, {"digitale-hulp": 3}, wijk="WK039218", caps={"taal": 1}),
    Q("Syrisch gezin met status, vader spreekt alleen Arabisch en krijgt stapels post die hij "
      "niet kan lezen", H, {"nieuwkomers": 3, "geldzaken": 2, "taal": 1}, lang="ar",
      caps={"ontmoeting": 1}),
    Q("ik zoek een hobby om onder de mensen te komen, iets met mijn handen", B,
      {"creatief": 3, "gezondheid+ontmoeting": 2, "ontmoeting": 1}, wijk="WK039220"),
    Q("mijn ouders zijn eind tachtig en willen niet naar een verzorgingshuis, maar hoe lang gaat "
      "dat nog goed?", B,
      {"ouderen+wijkteam": 3, "wijkteam": 2, "wonen": 2, "thuiszorg": 1, "ouderen": 1,
       "mantelzorgondersteuning": 1}, age=85),
    Q("sinds zijn beroerte kan mijn man niet meer lopen en komen we samen nergens meer", B,
      {"beperking+wonen": 3, "vervoer": 3, "mantelzorgondersteuning": 1,
       "beperking+ontmoeting": 1}),
    # q101-q130: the third blind half, written by a third author (see README.md) on 6 December
    # 2026 without seeing the need taxonomy, the search code or the ranker; part of the seen
    # half since 7 December 2026 (used for development), so no longer blind.
    Q("m'n dochter snuift elk weekend coke en ik weet niet hoe ik haar moet aanspreken", B,
      {"verslaving": 3, "opvoedondersteuning": 1, "psychische-gezondheid": 1},
      caps={"ontmoeting": 1}),
    Q("ex bedreigt me", B, {"huiselijk-geweld": 3, "juridisch": 1, "wijkteam": 1}),
    Q("mijn tweelingbroer is er sinds de zomer niet meer en ik voel me maar half", B,
      {"rouw": 3, "psychische-gezondheid": 2, "ontmoeting": 1}, wijk="WK039211"),
    Q("m'n zoon van 20 heeft alles op de pof gekocht en nu zit hij tot z'n nek in de schulden", B,
      {"schuldhulp": 3, "geldzaken": 2, "wijkteam": 1}, caps={"nieuwkomers": 1}),
    Q("we krijgen in maart een baby maar hebben nog helemaal niks, geen bedje, geen kleertjes, "
      "en we kunnen niks kopen", B,
      {"voedselhulp": 3, "geldzaken": 1, "wijkteam": 1, "ontmoeting+opvoedondersteuning": 1},
      wijk="WK039218"),
    Q("na mijn nieuwe heup sta ik voorlopig niet aan het fornuis, hoe kom ik aan eten?", B,
      {"maaltijden+ouderen": 3, "maaltijden": 1, "thuiszorg": 1, "praktische-hulp": 1},
      wijk="WK039212"),
    Q("wie knipt mijn heg?", B, {"praktische-hulp": 3}, wijk="WK039221",
      caps={"wonen": 1, "ontmoeting": 2}),
    Q("mijn moeder haar benen willen niet meer, nu mist ze elke zondag de kerk", B,
      {"vervoer": 3, "ontmoeting+ouderen": 1}, wijk="WK039205"),
    Q("mijn vader (81) wil na de dood van mijn moeder naar iets kleiners verhuizen, maar waar "
      "begin je?", B,
      {"ouderen+wonen": 3, "wijkteam": 2, "wonen": 1, "rouw": 1},
      caps={"praktische-hulp": 1}, age=81),
    Q("schoonvader dwaalt 's nachts over straat", B,
      {"dementie+thuiszorg": 3, "dementie": 2, "huisarts": 2, "mantelzorgondersteuning": 1},
      wijk="WK039219"),
    Q("bij ons logeert een Oekraiens jongetje van 10, hij zit hier op school maar spreekt nog geen "
      "woord Nederlands", B,
      {"jeugd+taal": 3, "nieuwkomers": 2, "taal": 1}, caps={"ontmoeting": 1}, age=10),
    Q("mijn dochter van 6 plast sinds de scheiding weer elke nacht in bed", B,
      {"jeugd+opvoedondersteuning": 3, "opvoedondersteuning": 2, "huisarts": 2},
      wijk="WK039207", caps={"ontmoeting": 1}),
    Q("mijn zoon van 17 gamet tot diep in de nacht en komt niet meer op school", B,
      {"jeugd+ontmoeting": 3, "jeugd+opvoedondersteuning": 3, "opvoedondersteuning+wijkteam": 2,
       "verslaving": 1, "psychische-gezondheid": 1}, wijk="WK039210", age=17),
    Q("ik woon sinds kort op mezelf en na twee weken is mijn rekening al leeg", B,
      {"geldzaken+ontmoeting+schuldhulp": 3, "geldzaken": 2, "schuldhulp": 2},
      wijk="WK039201", caps={"juridisch": 1, "nieuwkomers": 1}),
    Q("vroeger speelde ik gitaar, nu wil ik wel weer samen met anderen muziek maken", B,
      {"creatief": 3, "ontmoeting": 1}, wijk="WK039216", caps={"jeugd": 1}),
    Q("via een nep-sms'je hebben ze geld van mijn rekening gehaald, nu durf ik niks meer online "
      "te doen", B, {"digitale-hulp": 3, "geldzaken": 1, "juridisch": 1}, caps={"taal": 1}),
    Q("mijn zoon van 23 is licht verstandelijk beperkt en wil net als zijn vrienden zijn eigen "
      "geld verdienen", B,
      {"werk": 3, "beperking+dagbesteding": 2, "beperking+ontmoeting": 1},
      caps={"ontmoeting": 2}),
    Q("mijn oude buurvrouw laat haar post ongeopend liggen, het stinkt bij haar en ze lijkt de "
      "weg kwijt. bij wie kan ik dat melden?", B,
      {"wijkteam": 3, "ouderen+wijkteam": 3, "dementie": 1, "geldzaken": 1}, wijk="WK039208"),
    Q("mijn verhuurder houd mijn borg van 1200 euro in omdat het appartement vies zou zijn", B,
      {"juridisch": 3, "geldzaken": 1, "wijkteam": 1}),
    Q("altijd dorst, veel plassen", B, {"huisarts": 3, "gezondheid": 1}, wijk="WK039217"),
    Q("sinds de kinderen het huis uit zijn is het hier zo stil, ik mis de drukte eigelijk", B,
      {"ontmoeting": 3, "werk": 1}, wijk="WK039209", caps={**LONELY_CAPS, "ouderen": 1}),
    Q("jonge moeder, baby van drie maanden, huilt veel en zegt dat ze niks voelt voor haar "
      "kindje", H, {"psychische-gezondheid": 3, "opvoedondersteuning": 2},
      caps={"ontmoeting": 2}),
    Q("patiënt met uitgezaaide longkanker wil in zijn eigen bed sterven, zijn vrouw trekt de "
      "nachten niet alleen", H,
      {"thuiszorg": 3, "respijtzorg": 2, "mantelzorgondersteuning": 2, "rouw": 1},
      caps={"dementie": 1}),
    Q("moeder van een meervoudig gehandicapte dochter heeft in jaren geen nacht doorgeslapen", H,
      {"mantelzorgondersteuning": 3, "respijtzorg": 3, "beperking": 2, "opvoedondersteuning": 1},
      caps={"dementie": 1, "ouderen": 1, "dagbesteding": 1}),
    Q("jongeman die maanden opgenomen is geweest met een psychose, zit nu thuis zonder enig ritme",
      H,
      {"beperking+dagbesteding": 3, "ontmoeting+psychische-gezondheid": 2,
       "psychische-gezondheid": 2, "werk": 1}, caps={"huisarts": 1}),
    Q("patiënte krijgt chemo en heeft geen puf meer voor stofzuigen en de was, haar man werkt de "
      "hele dag", H,
      {"huishoudelijke-hulp": 3, "praktische-hulp": 1, "thuiszorg": 1,
       "mantelzorgondersteuning": 1}),
    Q("Poolse patiënt die alleen Pools spreekt, ligt wakker van zijn schulden en de stapel "
      "aanmaningen", H, {"schuldhulp": 3, "geldzaken": 2, "psychische-gezondheid": 1},
      lang="pl"),
    Q("COPD, rookt nog steeds", H, {"gezondheid": 3, "verslaving": 1}, wijk="WK039213",
      caps={"huisarts": 1, "ouderen": 1, "ontmoeting": 1}),
    Q("Eritrese jongen van 19, statushouder, woont sinds kort alleen en kent hier nog helemaal "
      "niemand", H,
      {"nieuwkomers+ontmoeting": 3, "nieuwkomers": 2, "jeugd+ontmoeting": 2, "ontmoeting": 1},
      wijk="WK039204", caps={**LONELY_CAPS, "taal": 3, "nieuwkomers": 3, "jeugd": 2,
                             "ouderen": 1}, age=19),
    Q("vrouw van 40 met fibromyalgie, beweegt bijna niet meer uit angst dat de pijn erger wordt",
      H, {"sport-en-bewegen": 3, "gezondheid": 2}, wijk="WK039206",
      caps={"jeugd": 2, "huisarts": 1}, age=40),
    # q131-q160: the fourth blind half, written by a fourth author (see README.md) on 7 December
    # 2026 without seeing the need taxonomy, the search code or the ranker; part of the seen half
    # since 7 December 2026 (used for development), so no longer blind.
    Q("m'n man stond altijd in de keuken, maar sinds hij in het verpleeghuis zit eet ik bijna "
      "niks warms meer", B,
      {"maaltijden": 3, "mantelzorgondersteuning": 1}, wijk="WK039206"),
    Q("wie zet op maandag mijn kliko aan de weg? ik krijg hem niet meer van de stoep af", B,
      {"praktische-hulp": 3}, wijk="WK039211", caps={"wonen": 1, "ontmoeting": 2}),
    Q("onze kleindochter trouwt in juni en mijn man kan alleen nog in zijn elektrische stoel "
      "zitten, welke taxi neemt hem mee?", B,
      {"vervoer": 3, "beperking+wonen": 1}, caps={"ouderen": 1}),
    Q("incassobureau belt elke dag", B,
      {"schuldhulp": 3, "geldzaken": 2, "juridisch": 1},
      caps={"nieuwkomers": 1, "ontmoeting": 2}),
    Q("ik word volgende maand 18, hoe regel ik dan zelf mijn zorgverzekring en zorgtoeslag? "
      "mijn ouders weten het ook niet", B,
      {"geldzaken": 3, "digitale-hulp": 1, "jeugd+ontmoeting": 1}, wijk="WK039213",
      caps={"schuldhulp": 1, "nieuwkomers": 1, "juridisch": 1, "wijkteam": 2}, age=17),
    Q("na een jaar in de opvang heb ik eindelijk een flatje, maar er staat niks in: geen bed, "
      "geen pannen, geen borden", B,
      {"voedselhulp": 3, "wijkteam": 2, "geldzaken": 1}, wijk="WK039208",
      caps={"nieuwkomers": 1, "schuldhulp": 1, "ouderen": 1}),
    Q("de 16-jarige dochter van een patiënte met MS doet het hele huishouden en verzorgt haar "
      "moeder, op school gaat het mis", H,
      {"mantelzorgondersteuning": 3, "jeugd+ontmoeting": 2, "huishoudelijke-hulp": 2,
       "thuiszorg": 2, "jeugd+opvoedondersteuning": 1},
      caps={"dementie": 1, "respijtzorg": 2}, age=16),
    Q("mantelzorger van 79 moet zelf geopereerd worden, haar man met alzheimer kan niet alleen "
      "thuis blijven", H,
      {"dementie+respijtzorg": 3, "respijtzorg": 2, "dagbesteding+dementie": 2,
       "dementie+thuiszorg": 1, "mantelzorgondersteuning": 1}),
    Q("patiënt van 58, timmerman, na een hersenbloeding afgekeurd; thuis wordt hij prikkelbaar "
      "en zijn vrouw ziet het niet meer zitten", H,
      {"beperking+dagbesteding": 3, "mantelzorgondersteuning": 2, "werk": 1,
       "beperking+ontmoeting": 1, "dagbesteding": 1}, wijk="WK039215",
      caps={"dementie": 1}),
    Q("patiënte van 70 gaat na een schouderoperatie naar huis, arm zes weken in een mitella, "
      "woont alleen", H,
      {"thuiszorg": 3, "huishoudelijke-hulp": 2, "praktische-hulp": 2, "maaltijden+ouderen": 1},
      wijk="WK039216", caps={"dementie": 1, "wonen": 1, "ontmoeting": 1}),
    Q("poetshulp voor slechtziende", B,
      {"huishoudelijke-hulp": 3, "praktische-hulp": 1, "beperking+wonen": 1},
      caps={"wonen": 1}),
    Q("er zit een moedervlek op mijn rug die sinds de zomer groter en donkerder wordt", B,
      {"huisarts": 3, "gezondheid": 1}, wijk="WK039203"),
    Q("sinds de overval op de snackbar waar ik werk schrik ik van elk geluid en durf ik s'avonds "
      "niet meer naar buiten", B,
      {"psychische-gezondheid": 3, "huisarts": 2}, wijk="WK039209", caps={"ontmoeting": 2}),
    Q("patiënte wil af van de slaappillen die ze al twintig jaar slikt, maar elke poging om te "
      "stoppen mislukt", H,
      {"verslaving": 3, "psychische-gezondheid": 2}, wijk="WK039212",
      caps={"ontmoeting": 1, "huisarts": 1}),
    Q("mijn zoon van 14 is de hele dag met rap bezig en wil een eigen nummer opnemen, maar "
      "een studio of lessen kunnen we niet betalen", B,
      {"jeugd+ontmoeting": 3, "creatief": 1, "jeugd": 1}, wijk="WK039208", age=14),
    Q("stiefdochter accepteert mij niet", B,
      {"jeugd+opvoedondersteuning": 3, "opvoedondersteuning": 2}, caps={"ontmoeting": 1}),
    Q("ik wil mijn rijbewijs halen maar dat theorieboek krijg ik niet door, op school was ik al "
      "slecht in taal", B,
      {"digitale-hulp+taal": 3, "taal": 2},
      caps={"nieuwkomers": 1, "jeugd": 1}),
    Q("stratenmaker van 50 met versleten knieen, kan zijn vak niet meer uitoefenen en wil iets "
      "anders gaan doen", H,
      {"werk": 3, "gezondheid": 1}, caps={"ontmoeting": 2, "huisarts": 1}),
    Q("mijn zoon van 10 wordt op school steeds geduwd en uitgelachen, zou een vechtsport hem "
      "zelfvertrouwen geven?", B,
      {"jeugd+sport-en-bewegen": 3, "jeugd+opvoedondersteuning": 2, "opvoedondersteuning": 1},
      wijk="WK039205", caps={"ontmoeting": 1}, age=10),
    Q("hypertensie, rookt, BMI 31", H,
      {"gezondheid": 3, "sport-en-bewegen": 1},
      caps={"huisarts": 1, "ouderen": 1, "ontmoeting": 1, "sport-en-bewegen": 1}, age=49),
    Q("weduwnaar van 80, lichamelijk niks mis, meldt zich om de veertien dagen met een ander "
      "klachtje op het spreekuur; ik denk dat het hem eigenlijk om aanspraak gaat", H,
      {"ontmoeting": 3, "ontmoeting+ouderen": 3, "rouw": 1},
      wijk="WK039214", caps={**LONELY_CAPS, "huisarts": 1}, age=80),
    Q("vader en moeder met vier kinderen: zij is overspannen, hij net zijn baan kwijt, de huur "
      "loopt achter en de oudste spijbelt", H,
      {"wijkteam": 3, "schuldhulp": 2, "jeugd+opvoedondersteuning": 2,
       "psychische-gezondheid": 2, "werk": 1},
      wijk="WK039211", caps={"ouderen": 1, "ontmoeting": 1}),
    Q("ik ben ziek thuis en nu wil mijn baas van me af, mag dat zomaar?", B,
      {"juridisch": 3, "werk": 1, "wijkteam": 1}),
    Q("ik ben 14. als mijn vader gedronken heeft slaat hij me moeder en ik durf het aan niemand "
      "te vertellen", B,
      {"huiselijk-geweld": 3, "jeugd+ontmoeting": 2, "verslaving": 1,
       "jeugd+opvoedondersteuning": 1}, age=14),
    Q("de vader van mijn kinderen (7 en 10) is plotseling gestorven, hoe help ik ze hier "
      "doorheen?", B,
      {"rouw": 3, "jeugd+opvoedondersteuning": 3, "wijkteam": 2, "opvoedondersteuning": 1,
       "psychische-gezondheid": 1}, wijk="WK039205"),
    Q("bankieren op mijn mobiel", B,
      {"digitale-hulp": 3, "geldzaken": 1}, caps={"taal": 1}),
    Q("Oekraïense moeder met twee kinderen, sinds drie weken hier, spreekt alleen Oekraïens en "
      "een beetje Engels; ze weet niet hoe school, zorg en geld hier werken", H,
      {"nieuwkomers": 3, "taal": 2, "jeugd+opvoedondersteuning": 1}, lang="uk",
      caps={"ontmoeting": 2}),
    Q("vroeger naaide ik al mijn eigen kleren, nu ik met pensioen ben wil ik dat vak doorgeven "
      "aan een jongere generatie", B,
      {"creatief": 3, "ontmoeting+werk": 2}, wijk="WK039210"),
    Q("mijn moeder van 86 woont alleen en als ze een dag haar telefoon niet opneemt rijd ik in "
      "paniek naar haar toe", B,
      {"ontmoeting+ouderen": 3, "ouderen+wijkteam": 2, "maaltijden+ouderen": 1,
       "mantelzorgondersteuning": 1, "thuiszorg": 1},
      caps={"dementie": 1}, age=86),
    Q("onze dochter van 9 kan niet lopen en we wonen drie hoog zonder lift, ik kan haar de trap "
      "niet meer op dragen", B,
      {"beperking+wonen": 3, "wijkteam": 1, "beperking": 1}, wijk="WK039220", age=9),
    # q161-q190: the fifth blind half, written by a fifth author (see README.md) on 7 December
    # 2026 without seeing the need taxonomy, the search code or the ranker; run once per session
    # at the end, never tuned on.
    Q("kerstdiner voor alleenstaande", B,
      {"maaltijden+ontmoeting": 3, "ontmoeting": 1}),
    Q("86-jarige met compressiekousen; haar dochter hielp daar elke ochtend bij, maar emigreert "
      "volgende maand", H,
      {"thuiszorg": 3, "mantelzorgondersteuning": 1}, wijk="WK039215",
      caps={"dementie": 1}, age=86),
    Q("m'n man is net met pensioen en hangt de hele dag op de bank, ik word er gek van", B,
      {"ontmoeting+werk": 3, "creatief+ontmoeting": 2, "ontmoeting+sport-en-bewegen": 2,
       "gezondheid+ontmoeting": 2, "werk": 1, "ontmoeting": 1},
      caps={**LONELY_CAPS, "ouderen": 1}),
    Q("bekeuring niet kunnen betalen", B,
      {"juridisch": 3, "schuldhulp": 2, "geldzaken": 1},
      caps={"nieuwkomers": 1, "ontmoeting": 2}),
    Q("vorige week is onze flat uitgebrand, we slapen nu bij mijn zus en hebben alleen nog wat "
      "we aanhadden", B,
      {"voedselhulp": 3, "wijkteam": 3, "geldzaken": 1, "psychische-gezondheid": 1},
      wijk="WK039204", caps={"nieuwkomers": 1, "ouderen": 1, "schuldhulp": 1}),
    Q("jongen, 17 jaar, al maanden dagelijks lachgas, nu paresthesieën beide benen; naast "
      "neurologie graag hulp bij het middelengebruik zelf", H,
      {"verslaving": 3, "jeugd+ontmoeting": 1, "jeugd+opvoedondersteuning": 1,
       "psychische-gezondheid": 1}, caps={"ontmoeting": 1}, age=17),
    Q("m'n vrienden zijn allemaal getrouwd of verhuisd en ik zit elk weekend in m'n eentje, ik "
      "ben 31", B,
      {"ontmoeting+werk": 3, "sport-en-bewegen": 3, "creatief+ontmoeting": 2, "ontmoeting": 1},
      wijk="WK039212", caps={**LONELY_CAPS, "jeugd": 3, "ouderen": 1}, age=31),
    Q("voedzaam koken, weinig geld", B,
      {"gezondheid": 3, "maaltijden+ontmoeting": 1},
      wijk="WK039211", caps={"huisarts": 1, "ouderen": 1, "ontmoeting": 2}),
    Q("Turkstalige vrouw, spreekt geen Nederlands; verloor tijdens de aardbeving vorig jaar haar "
      "broer en diens gezin, sindsdien herbelevingen, schrikreacties en nachtmerries", H,
      {"psychische-gezondheid": 3, "rouw": 2}, lang="tr", caps={"ontmoeting": 2}),
    Q("die gasten van hiernaast blowen elke avond op m'n stoep en ik durf er nie wat van zeggen", B,
      {"jeugd+ontmoeting": 3, "wijkteam": 1, "verslaving": 1}, wijk="WK039220",
      caps={"ouderen": 1}),
    Q("sinds mama's dood woont mijn broertje (34, down) hier in huis; ik zou dolgraag eens een "
      "weekendje weg willen, alleen ons eigen gezinnetje", B,
      {"respijtzorg": 3, "mantelzorgondersteuning": 3, "beperking+ontmoeting": 2,
       "beperking+dagbesteding": 1, "rouw": 1}, caps={"dementie": 1, "ontmoeting": 2}),
    Q("59-jarige man met jongdementie (FTD), afgekeurd, echtgenote werkt fulltime; overdag alleen "
      "en steeds meer ontremd gedrag", H,
      {"dagbesteding+dementie": 3, "dementie+thuiszorg": 2, "beperking+dagbesteding": 1,
       "respijtzorg": 1, "mantelzorgondersteuning": 1}, caps={"ouderen": 1}, age=59),
    Q("aow aanvragen zonder computer", B,
      {"digitale-hulp": 3, "geldzaken": 3, "ouderen+wijkteam": 2},
      caps={"schuldhulp": 1, "nieuwkomers": 1, "juridisch": 1, "taal": 1, "wijkteam": 2},
      age=66),
    Q("ik ben alleenstaande vader van een dochtertje van acht weken en ken niemand in dezelfde "
      "situatie", B,
      {"ontmoeting+opvoedondersteuning": 3, "jeugd+opvoedondersteuning": 2}, wijk="WK039216"),
    Q("jongen (6), recent ASS-diagnose; bij elke kleine verandering gillen en slaan, moeder raakt "
      "uitgeput", H,
      {"jeugd+opvoedondersteuning": 3, "wijkteam": 2, "mantelzorgondersteuning": 1},
      caps={"ontmoeting": 1, "dementie": 1, "ouderen": 1}, age=6),
    Q("als zzp'er heb ik al maanden geen opdrachten meer en straks valt de belastingaanslag "
      "binnen", B,
      {"schuldhulp": 3, "geldzaken": 2, "werk": 2, "juridisch": 1, "wijkteam": 1},
      caps={"nieuwkomers": 1, "ontmoeting": 1, "juridisch": 1}),
    Q("mijn beste vriendin stierf deze zomer aan kanker en iederen denkt dat ik er nu wel klaar "
      "mee moet zijn", B,
      {"rouw": 3, "psychische-gezondheid": 2}),
    Q("sinds zijn hond dood is gaat mijn vader (79) bijna nooit meer de straat op, die hond hield "
      "hem in beweging", B,
      {"ontmoeting+sport-en-bewegen": 3, "ontmoeting+ouderen": 3,
       "ouderen+sport-en-bewegen": 2, "rouw": 1, "ontmoeting": 1},
      wijk="WK039209", caps=LONELY_CAPS, age=79),
    Q("vrouw van 27 komt nu al drie keer met blauwe plekken die ze afdoet als vallen; haar "
      "vriend wacht steeds in de auto", H,
      {"huiselijk-geweld": 3, "psychische-gezondheid": 1, "wijkteam": 1}),
    Q("mijn vrouw is uit Thailand hierheen gekomen en moet binnen drie jaar haar examen halen, "
      "maar alleen thuis van mij leert ze het niet", B,
      {"taal": 3, "nieuwkomers": 3}, wijk="WK039213", caps={"jeugd": 1}),
    Q("zwanger en pas 16", B,
      {"huisarts": 3, "jeugd+opvoedondersteuning": 2, "jeugd+ontmoeting": 2, "wijkteam": 2,
       "ontmoeting+opvoedondersteuning": 1},
      wijk="WK039218", caps={"ouderen": 1}, age=16),
    Q("man van 66 verzamelt al jaren spullen, de woning is onbegaanbaar en brandgevaarlijk; de "
      "corporatie dreigt met ontruiming, hij ziet zelf geen probleem", H,
      {"wijkteam": 3, "psychische-gezondheid": 2, "juridisch": 1, "huishoudelijke-hulp": 1},
      wijk="WK039219", caps={"ouderen": 2}),
    Q("sinds ik bijna ben uitgegleden durf ik niet meer alleen onder de douche, ik ben 74", B,
      {"wonen": 3, "beperking+wonen": 3, "gezondheid+ouderen": 2, "thuiszorg": 2},
      wijk="WK039203", caps={"dementie": 1}, age=74),
    Q("na twee jaar zitten ben ik vrijgekomen, geen huis, geen baan, geen inkomen en geen flauw "
      "idee hoe ik dat allemaal moet regele", B,
      {"wijkteam": 3, "werk": 2, "geldzaken": 2, "schuldhulp": 1},
      wijk="WK039211", caps={"ouderen": 1, "nieuwkomers": 1, "ontmoeting": 1, "schuldhulp": 1}),
    Q("vrouw (29), sociale fobie, komt al jaren amper buiten; wil in kleine stapjes weer contact, "
      "therapie ziet ze nog niet zitten", H,
      {"ontmoeting+psychische-gezondheid": 3, "psychische-gezondheid": 2, "ontmoeting": 1}),
    Q("overal zwerfvuil en hondenpoep hier, ik wil met een paar mensen uit de buurt de boel "
      "opruimen", B,
      {"ontmoeting+praktische-hulp": 3, "creatief+ontmoeting": 2, "ontmoeting+werk": 2},
      wijk="WK039201"),
    Q("zwangere van 30 weken met ernstige bekkenpijn, moet plat liggen; partner werkt, peuter van "
      "2, thuis loopt alles in de soep", H,
      {"huishoudelijke-hulp": 3, "praktische-hulp": 2, "mantelzorgondersteuning": 1},
      caps={"ontmoeting": 1, "wonen": 1, "ouderen": 1}),
    Q("al sinds mijn jeugd droom ik ervan om op een podium te staan; bestaat hier een groepje dat "
      "toneel speelt of optreedt?", B,
      {"creatief+ontmoeting": 3, "ontmoeting": 1}, wijk="WK039206"),
    Q("mijn zus ligt in het hospice in Heemstede, ik ben 83 en heb mijn rijbewijs ingeleverd", B,
      {"vervoer": 3, "rouw": 1, "mantelzorgondersteuning": 1}, age=83),
    Q("echtpaar, zij 84 met MCI, hij 87 en door maculadegeneratie bijna blind; de enveloppen "
      "blijven dicht, inmiddels komen de aanmaningen binnen", H,
      {"geldzaken": 3, "ouderen+wijkteam": 2, "dementie": 1},
      caps={"schuldhulp": 2, "nieuwkomers": 1, "juridisch": 1}),
]


def _wijk_of(service: dict) -> str:
    return service["service_at_locations"][0]["location"]["external_identifier"]


def _citywide(service: dict) -> bool:
    return any(a["extent"] == demo.GEMEENTE[0] for a in service["service_areas"])


def grade(query: dict, service: dict) -> int:
    """The graded relevance (0-3) of one demo service for one query, by the query's rules."""
    cats = set(demo.categories_of(service))
    g = max((g for need, g in query["rules"] if set(need) <= cats), default=0)
    for cat, cap in query["caps"].items():
        if cat in cats:
            g = min(g, cap)
    if query["lang"] and query["lang"] not in {x["code"] for x in service["languages"]}:
        g = min(g, 1)
    age = query["age"]
    if age is not None and (service.get("minimum_age", 0) > age
                            or service.get("maximum_age", 200) < age):
        g = 0
    if query["wijk"] and _wijk_of(service) != query["wijk"]:
        g = max(g - 1, 0) if _citywide(service) else max(g - 2, 0)
    return g


HALVES = ("tuning", "test", "seen", "blind")
SEEN_FROM = 47  # q47-q160: the first four blind halves, now used for development
BLIND_FROM = 161  # the (fifth) blind half starts here


def _half(number: int) -> str:
    """Odd numbers tune, even numbers test; q47-q160 are seen; from q161 on every query is blind."""
    if number >= BLIND_FROM:
        return "blind"
    if number >= SEEN_FROM:
        return "seen"
    return "tuning" if number % 2 else "test"


def build() -> dict:
    services = demo.generate()
    queries = []
    for i, q in enumerate(QUERIES, start=1):
        judged = {s["id"]: grade(q, s) for s in services}
        queries.append({
            "id": f"q{i:02d}", "half": _half(i), "text": q["text"],
            "who": q["who"], "wijk": q["wijk"],
            "rules": {"rules": q["rules"], "caps": q["caps"], "lang": q["lang"], "age": q["age"]},
            "judgments": {sid: g for sid, g in sorted(judged.items()) if g > 0},
        })
    return {
        "description": "Dutch need queries over the Haarlem demo sociale kaart "
                       "(wijkkracht.kaart.demo), graded 0-3; see README.md.",
        "demo_seed": demo.SEED, "services": len(services),
        "halves": {h: [q["id"] for q in queries if q["half"] == h] for h in HALVES},
        "queries": queries,
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        fresh = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("kaart_eval.json is up to date" if fresh else "kaart_eval.json is stale: rebuild")
        return 0 if fresh else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(QUERIES)} queries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
