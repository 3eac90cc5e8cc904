"""What a query says about the person (age, language) and where the searcher lives change the
order: services for that wijk, in that language and for that age come first."""

import pytest

from wijkkracht.kaart.core.search import SearchIndex, ServiceDoc, load
from wijkkracht.kaart.core.search.context import age_in, gemeente_of, language_in


@pytest.mark.parametrize(("text", "age"), [
    ("mijn zoon van 15 hangt op straat", 15), ("ik ben 78 en wil bewegen", 78),
    ("patiënt van 82, woont alleen", 82), ("een meisje van 9 jaar", 9), ("12 jarige", 12),
    ("ik kom niet rond", None), ("het kost 15 euro", None), ("om 9 uur open", None),
    ("ik ben 300", None),
])
def test_the_age_a_query_names(text, age):
    assert age_in(text) == age


@pytest.mark.parametrize(("text", "code"), [
    ("mijn buurvrouw spreekt alleen Turks", "tr"), ("iemand die Arabisch spreekt", "ar"),
    ("Oekraïens", "uk"), ("ik ben eenzaam", None),
])
def test_the_language_a_query_names(text, code):
    assert language_in(text) == code


def test_the_gemeente_of_a_wijk_or_buurt():
    assert gemeente_of("WK039210") == gemeente_of("BU03921001") == "GM0392"
    assert gemeente_of("NL00") is None


def _docs():
    text = "Koffie en ontmoeting in de buurt."
    return [
        ServiceDoc("a-elders", "Inloop Noord", text, ("ontmoeting",), wijk="WK039201",
                   areas=("WK039201",)),
        ServiceDoc("b-thuis", "Inloop Zuid", text, ("ontmoeting",), wijk="WK039205",
                   areas=("WK039205",)),
        ServiceDoc("c-stad", "Inloop Centrum", text, ("ontmoeting",), wijk="WK039210",
                   areas=("GM0392",)),
        ServiceDoc("d-turks", "Theehuis", text, ("ontmoeting",), wijk="WK039201",
                   languages=("nl", "tr")),
        ServiceDoc("e-jong", "Jongerencentrum", text, ("ontmoeting",), wijk="WK039205",
                   min_age=12, max_age=23),
    ]


def test_services_in_and_for_the_home_wijk_come_first():
    index = SearchIndex(_docs(), load())
    hits = index.search("eenzaam", home_wijk="WK039205")
    order = [h.id for h in hits]
    assert order.index("b-thuis") < order.index("c-stad") < order.index("a-elders")
    assert "in uw wijk" in hits[0].explanation
    assert "ook voor uw wijk" in next(h for h in hits if h.id == "c-stad").explanation
    plain = [h.id for h in index.search("eenzaam")]
    assert plain.index("a-elders") < plain.index("b-thuis")  # by id, without a home wijk


def test_a_named_language_brings_services_that_speak_it_forward():
    index = SearchIndex(_docs(), load())
    hits = index.search("mijn buurvrouw spreekt alleen Turks en is eenzaam")
    assert hits[0].id == "d-turks" and "in het Turks" in hits[0].explanation


def test_services_whose_ages_exclude_the_person_are_left_out():
    index = SearchIndex(_docs(), load())
    assert "e-jong" not in [h.id for h in index.search("ik ben 78 en voel me eenzaam")]
    assert "e-jong" in [h.id for h in index.search("mijn zoon van 15 is eenzaam")]


def test_a_phrase_in_the_third_person_matches_the_first():
    planner = SearchIndex(_docs(), load()).planner
    needs = {m.need.code for m in planner.match_needs(["ik", "kom", "niet", "rond"])}
    assert "schulden" in needs


def test_a_real_dutch_word_is_not_corrected_into_a_kaart_word():
    planner = SearchIndex(_docs(), load()).planner
    words, fixes = planner.correct(["kleren", "ontmoetng"])
    assert words[0] == "kleren" and ("ontmoetng", "ontmoeting") in fixes


@pytest.mark.parametrize(("words", "taxonomy_phrase", "need"), [
    (["ik", "kook", "niet", "meer"], "kookt niet meer", "maaltijden"),  # "kook" stems to "kok"
    (["mijn", "vader", "valt", "steeds"], "valt steeds", "vallen"),  # "vallen" to "vall"
    (["ik", "woon", "alleen", "en", "zie", "niemand"], "woont alleen en ziet niemand",
     "eenzaamheid"),  # "woon" to "won", "zie" is "zien"
])
def test_every_form_of_a_verb_meets_the_taxonomy_phrase(words, taxonomy_phrase, need):
    from wijkkracht.kaart.core.search.rank import need_form
    from wijkkracht.text.dutch import tokenize

    assert [need_form(w) for w in tokenize(taxonomy_phrase)] == \
        [need_form(w) for w in words[-len(tokenize(taxonomy_phrase)):]]
    planner = SearchIndex(_docs(), load()).planner
    assert need in {m.need.code for m in planner.match_needs(words)}


@pytest.mark.parametrize(("same", "other"), [
    (["kook", "kookt", "koken"], "koek"), (["leef", "leeft", "leven"], "lever"),
    (["werk", "werkt", "werken", "werkte"], "wereld"), (["gaat", "ga", "gaan"], "gat"),
    (["hart"], "haar"), (["post", "posten"], "pos"), (["nacht", "nachten"], "nach"),
])
def test_a_verb_loses_its_t_and_a_noun_keeps_it(same, other):
    """"hart" is a noun ("harten" is rare), so it keeps its t and does not meet "haar"; "kookt"
    is a verb ("koken" is common), so it meets "kook"; "gaat" is "gaan", not "gat"."""
    from wijkkracht.kaart.core.search.rank import need_form

    forms = {need_form(w) for w in same}
    assert len(forms) == 1 and need_form(other) not in forms


def test_a_compound_part_is_matched_as_the_word_it_is():
    from wijkkracht.kaart.core.search.rank import document_analyzer, need_form

    analyzer = document_analyzer(load())
    assert "gaat" in analyzer.parts("achteruitgaat")
    assert need_form("gaat") != need_form("gat")
    assert analyzer.parts("koffie-inloop")[:2] == ["koffie", "inloop"]


def test_an_inflected_word_counts_as_surely_as_the_concept_it_names():
    """"begeleidt" is rarer in Dutch than "begeleiding"; the match counts by the common form."""
    from wijkkracht.kaart.core.search.needs import parse
    from wijkkracht.kaart.core.search.rank import bag_strength, word_strength

    taxonomy = parse({"categories": [{"code": "c", "label": "C"}], "needs": [
        {"code": "n", "label": "N", "terms": ["begeleiding"], "phrases": [],
         "categories": ["c"]}]})
    planner = SearchIndex(_docs(), taxonomy).planner
    [match] = planner.match_needs(["wie", "begeleidt", "haar"])
    assert word_strength("begeleidt") > match.strength == bag_strength(["begeleiding"])


def test_a_phrase_matches_in_another_order_but_not_spread_over_the_query():
    from wijkkracht.kaart.core.search.needs import parse
    from wijkkracht.text.dutch import tokenize

    taxonomy = parse({"categories": [{"code": "c", "label": "C"}], "needs": [
        {"code": "n", "label": "N", "terms": ["kompas"], "phrases": ["weet niet hoe het werkt"],
         "categories": ["c"]}]})
    planner = SearchIndex(_docs(), taxonomy).planner
    near = tokenize("hoe het werkt weet ik niet")
    far = tokenize("hij wil wel aan zijn leefstijl werken, gezonder eten, meer bewegen, "
                   "minder roken en afvallen voor de zomer, maar hij weet niet hoe")
    assert [m.need.code for m in planner.match_needs(near)] == ["n"]
    assert planner.match_needs(far) == []


def test_the_words_that_state_a_language_name_no_need():
    planner = SearchIndex(_docs(), load()).planner
    plain = {m.need.code for m in planner.plan("hij spreekt slecht Nederlands").needs}
    stated = planner.plan("mijn buurvrouw spreekt alleen Turks en is eenzaam")
    assert "taal" in plain  # wanting to speak Dutch better is a need
    assert {m.need.code for m in stated.needs} >= {"eenzaamheid"}
    assert "taal" not in {m.need.code for m in stated.needs} and stated.language == "tr"


def test_a_general_call_for_help_yields_to_the_need_it_comes_with():
    planner = SearchIndex(_docs(), load()).planner
    alone = {m.need.code: m.strength for m in planner.plan("wie kan mij helpen").needs}
    both = {m.need.code: m.strength for m in planner.plan("wie kan mij helpen met de huur "
                                                            "die ik niet kan betalen").needs}
    assert alone["wegwijs"] > 0.5
    assert both["wegwijs"] < both["schulden"] / 1.5


def test_a_service_meant_for_the_persons_age_group_comes_first():
    # the same words, so that only the age decides ("Inloop" is a word of the need itself)
    docs = [ServiceDoc("a-iedereen", "Soos", "Koffie.", ("ontmoeting",)),
            ServiceDoc("b-senioren", "Seniorensoos", "Koffie.", ("ontmoeting",), min_age=65)]
    hits = SearchIndex(docs, load()).search("ik ben 78 en voel me eenzaam")
    assert [h.id for h in hits] == ["b-senioren", "a-iedereen"]
    assert "voor uw leeftijd" in hits[0].explanation
