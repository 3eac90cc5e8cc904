"""What searches the taxonomy did not understand: counted per month from the real search path,
words only from searches that named no need, no query text kept, small counts not shown, a
year kept; shown to the functional administrator on the taxonomy page."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.kaart.flow_world import build
from wijkkracht.kaart import search
from wijkkracht.kaart.models import SearchMonth, UnmatchedWord
from wijkkracht.kaart.search_tally import countable, record, unmatched_words
from wijkkracht.stats.disclosure import THRESHOLD

pytestmark = pytest.mark.django_db

NO_NEED = "welke kleur hebben de tulpen bij Pietersen op 12 maart"  # names no need


def test_only_alphabetic_common_dutch_words_count():
    assert countable("kliko") and countable("buiten")
    assert not countable("12") and not countable("maart2026") and not countable("mijn")
    assert not countable("pietersen")  # rarer than MIN_ZIPF: a surname drops out
    assert not countable("ab")


def test_a_search_that_names_no_need_counts_its_common_words_not_its_text():
    search.find(NO_NEED)
    month = SearchMonth.objects.get()
    assert (month.searches, month.without_need) == (1, 1)
    words = set(UnmatchedWord.objects.values_list("word", flat=True))
    assert {"tulpen", "kleur"} <= words
    assert not words & {"12", "pietersen", "de", "op", "bij"}
    assert all(" " not in w for w in words)  # words, never the question


def test_a_search_that_names_a_need_counts_once_and_keeps_no_words():
    search.find("ik ben zo eenzaam sinds mijn vrouw er niet meer is")
    search.find("ik ben zo eenzaam sinds mijn vrouw er niet meer is", offset=10)  # next page
    month = SearchMonth.objects.get()
    assert (month.searches, month.without_need) == (1, 0)
    assert not UnmatchedWord.objects.exists()


def test_a_chosen_topic_is_understood_but_words_beside_it_that_name_nothing_still_count():
    search.find("", topic="schulden")
    month = SearchMonth.objects.get()
    assert (month.searches, month.without_need) == (1, 0)
    search.find(NO_NEED, topic="schulden")  # the topic does not hide what the words missed
    month.refresh_from_db()
    assert (month.searches, month.without_need) == (2, 1)
    assert UnmatchedWord.objects.filter(word="tulpen").exists()


def test_a_refused_query_is_not_counted():
    with pytest.raises(search.QueryError):
        search.find("de het een")
    assert not SearchMonth.objects.exists()


def test_small_counts_are_not_shown_and_a_year_is_kept():
    day = dt.date(2026, 11, 14)
    for _ in range(THRESHOLD - 1):
        record(["kliko", "buiten"], named_need=False, day=day)
    record(["kliko"], named_need=False, day=day)
    assert unmatched_words(day) == [("kliko", THRESHOLD)]  # "buiten" stays under the threshold
    record(["kliko"], named_need=False, day=dt.date(2027, 11, 2))
    assert SearchMonth.objects.filter(month=dt.date(2026, 11, 1)).exists()  # a year back: kept
    record(["kliko"], named_need=False, day=dt.date(2027, 12, 2))
    assert not SearchMonth.objects.filter(month=dt.date(2026, 11, 1)).exists()
    assert not UnmatchedWord.objects.filter(month=dt.date(2026, 11, 1)).exists()
    assert unmatched_words(dt.date(2027, 12, 2)) == []  # 2 in the shown months: under it


def test_the_administrator_sees_the_counts_on_the_taxonomy_page(make_user, signed_in, client):
    world = build(make_user)
    for _ in range(THRESHOLD):
        assert client.get("/kaart/", {"q": NO_NEED}).status_code == 200
    client.get("/kaart/", {"q": "schulden"})
    page = signed_in(world.admin).get("/kaart/beheer/behoeften").content.decode()
    assert "Wat zoekvragen niet begrepen" in page
    assert f"tulpen ({THRESHOLD})" in page
    numeric = '<td class="utrecht-table__cell utrecht-table__cell--numeric">'
    assert f"{numeric}{THRESHOLD + 1}</td>" in page  # every search of the month
    assert f"{numeric}{THRESHOLD} (" in page  # those that named no need
    assert "pietersen" not in page and NO_NEED not in page


def test_the_topic_chosen_after_a_search_that_named_nothing_is_counted_with_its_words(
        make_user, signed_in, client):
    import re
    from html import unescape

    from wijkkracht.kaart.models import ChosenTopic

    world = build(make_user)
    question = "de kliko staat nog buiten bij Pietersen"  # names no need
    page = client.get("/kaart/", {"q": question}).content.decode()
    links = re.findall(r'href="(\?q=&amp;onderwerp=huishouden[^"]*)"', page)
    assert len(links) == 1 and "van=" in links[0] and "kliko" not in links[0]
    link = unescape(links[0]).split("#")[0]
    for _ in range(THRESHOLD):
        assert client.get("/kaart/" + link).status_code == 200
    counted = {(c.word, c.need): c.count for c in ChosenTopic.objects.all()}
    assert counted == {(word, "huishouden"): THRESHOLD for word in ("kliko", "staat", "buiten")}
    assert client.get("/kaart/" + link.replace("van=", "van=x")).status_code == 200  # altered
    assert ChosenTopic.objects.get(word="kliko").count == THRESHOLD  # ... is not counted
    assert client.get("/kaart/", {"q": "", "onderwerp": "huishouden"}).status_code == 200
    assert ChosenTopic.objects.get(word="kliko").count == THRESHOLD  # nor a topic alone
    admin = signed_in(world.admin).get("/kaart/beheer/behoeften").content.decode()
    assert "Woorden, en het onderwerp dat daarna werd gekozen" in admin
    assert re.search(r'scope="row">kliko</th>\s*<td class="utrecht-table__cell">Huishouden</td>',
                     admin)
    assert "pietersen" not in admin.lower()


def test_a_topic_link_carries_only_countable_words_and_expires():
    from django.core import signing

    from wijkkracht.kaart.search_tally import CHOICE_SALT, choice_token, words_of

    token = choice_token(["de", "kliko", "pietersen", "12", "kliko"])
    assert words_of(token) == ["kliko"]
    assert choice_token(["de", "12"]) == ""
    assert words_of("rommel") == [] and words_of("") == []
    old = signing.dumps(["kliko"], salt=CHOICE_SALT)
    assert words_of(old) == ["kliko"]
    forged = signing.dumps(["kliko"], salt="another")
    assert words_of(forged) == []


def test_the_counts_are_shared_as_a_csv_without_small_counts(tmp_path):
    from click.testing import CliRunner

    from wijkkracht.cli import main
    from wijkkracht.exports.spreadsheet import read_csv_text
    from wijkkracht.kaart.search_tally import record_choice

    day = dt.date(2026, 11, 14)
    for _ in range(THRESHOLD):
        record(["kliko", "buiten"], named_need=False, day=day)
        record_choice(["kliko"], "huishouden", day=day)
    record(["tulpen"], named_need=False, day=day)  # once: not shared
    record_choice(["tulpen"], "bewegen", day=day)
    record(["schulden"], named_need=True, day=day)
    out = tmp_path / "tellingen.csv"
    result = CliRunner().invoke(main, ["kaart", "behoeften", "tellingen", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = read_csv_text(out.read_text(encoding="utf-8"))
    got = {(r["soort"], r["maand"], r["woord"], r["behoefte"], r["aantal"],
            r["zonder_behoefte"]) for r in rows}
    n = str(THRESHOLD)
    assert got == {("zoekvragen", "2026-11", "", "", str(THRESHOLD + 2), str(THRESHOLD + 1)),
                   ("woord", "2026-11", "kliko", "", n, ""),
                   ("woord", "2026-11", "buiten", "", n, ""),
                   ("woord_en_onderwerp", "2026-11", "kliko", "huishouden", n, "")}
