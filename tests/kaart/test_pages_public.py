"""The public sociale kaart (/kaart/): search by need on the demo kaart, filters, bad input
answered beside the field in Dutch with what was typed kept, the service card and its
printable version. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from html import unescape

import pytest
from django.urls import reverse

from wijkkracht.kaart import models as m
from wijkkracht.kaart import search

pytestmark = pytest.mark.django_db
HOME = "/kaart/"


def text_of(response) -> str:
    """The page's text without tags, entities resolved, spaces folded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def result_ids(response) -> list[str]:
    return re.findall(r'href="/kaart/dienst/([0-9a-f-]{36})"', response.content.decode())


def test_the_search_page_opens_without_a_question(client, kaart_pages_demo):
    response = client.get(HOME)
    assert response.status_code == 200
    text = text_of(response)
    assert "Waar zoekt u hulp bij?" in text
    assert "resultaten" not in text and result_ids(response) == []


def test_a_need_finds_ranked_services_with_why_and_a_map(client, kaart_pages_demo):
    response = client.get(HOME, {"q": "eenzaam"})
    assert response.status_code == 200
    expected = search.find("eenzaam")
    ids = result_ids(response)
    assert ids == [str(r.service.pk) for r in expected.results] and len(ids) == 10
    text = text_of(response)
    assert f"{expected.total} resultaten" in text
    assert expected.results[0].explanation[1:] in text  # "Gevonden via: ..." capitalised
    assert expected.results[0].service.name in text
    assert "Gratis" in text
    assert 'class="kaart-map"' in response.content.decode()  # the points at least
    # the map repeats the list's numbers and says the list has the same information
    assert 'role="img"' in response.content.decode()
    assert "De lijst geeft dezelfde informatie" in text


def test_the_next_page_continues_the_list(client, kaart_pages_demo):
    first = client.get(HOME, {"q": "eenzaam"})
    assert "pagina=2" in first.content.decode()
    second = client.get(HOME, {"q": "eenzaam", "pagina": "2"})
    assert second.status_code == 200
    assert result_ids(second) == [str(r.service.pk) for r in
                                  search.find("eenzaam", offset=10).results]
    assert 'start="11"' in second.content.decode()


def test_filters_narrow_the_results(client, kaart_pages_demo):
    everything = client.get(HOME, {"q": "eenzaam"}).context["found"].total
    free = client.get(HOME, {"q": "eenzaam", "gratis": "on", "zonder_verwijzing": "on",
                             "vorm": "informeel"})
    assert free.status_code == 200
    page = free.context["found"]
    assert 0 < page.total < everything
    for row in free.context["rows"]:
        assert row.free and row.no_referral
        assert row.service.formality == m.Service.Formality.INFORMAL
    wijk = search.wijken()[0][0]
    near = client.get(HOME, {"q": "eenzaam", "wijk": wijk, "in_wijk": "on"})
    assert near.status_code == 200 and 0 < near.context["found"].total < everything
    for row in near.context["rows"]:
        assert {sal.location.wijk_code for sal in row.service.service_at_locations.all()} \
            == {wijk}
        assert row.result.distance_km is not None
    # the chosen wijk is stressed on the map when boundaries are loaded; points at least
    assert 'class="kaart-map"' in near.content.decode()


def test_a_language_filter_offers_the_kaart_s_languages(client, kaart_pages_demo):
    response = client.get(HOME)
    choices = dict(response.context["form"].fields["taal"].choices)
    assert choices.get("tr") == "Turks" and "nl" not in choices
    turkish = client.get(HOME, {"q": "koffie", "taal": "tr"})
    assert turkish.status_code == 200
    for row in turkish.context["rows"]:
        assert "tr" in {lang.code for lang in row.service.languages.all()}


def test_distance_needs_a_place_and_then_limits_it(client, kaart_pages_demo):
    response = client.get(HOME, {"q": "eenzaam", "afstand": "2"})
    assert response.status_code == 400
    assert "Vul uw postcode in of kies uw wijk" in text_of(response)
    wijk = search.wijken()[0][0]
    near = client.get(HOME, {"q": "eenzaam", "wijk": wijk, "afstand": "1"})
    assert near.status_code == 200
    assert all(r.result.distance_km <= 1.0 for r in near.context["rows"])


@pytest.mark.parametrize("typed", ["", "   ", "eenzaam " * 125, "de het een"])
def test_a_question_the_search_cannot_use_is_answered_beside_the_field(client, kaart_pages_demo,
                                                                        typed):
    with pytest.raises(search.QueryError) as refused:
        search.find(typed)
    response = client.get(HOME, {"q": typed})
    assert response.status_code == 400
    assert response.context["form"].errors["q"] == [str(refused.value)]
    assert str(refused.value)  # a message in words, not a code
    html = response.content.decode()
    assert 'id="id_q_error"' in html and 'aria-invalid="true"' in html
    assert f'value="{typed}"' in html or not typed.strip()  # what was typed is kept
    assert "found" not in response.context


def test_a_postcode_that_does_not_exist_is_said_in_dutch_and_kept(client, kaart_pages_demo):
    response = client.get(HOME, {"q": "schulden", "postcode": "9999 ZZ"})
    assert response.status_code == 400
    error = response.context["form"].errors["postcode"][0]
    assert "9999" in error and "kennen we niet" in error
    html = response.content.decode()
    assert 'value="9999 ZZ"' in html and 'value="schulden"' in html
    assert 'id="id_postcode_error"' in html


@pytest.mark.parametrize("typed", ["12345", "ABCD EF", "0123 AB", "2011 A1"])
def test_a_postcode_of_the_wrong_shape_is_refused_beside_the_field(client, kaart_pages_demo, typed):
    response = client.get(HOME, {"q": "schulden", "postcode": typed})
    assert response.status_code == 400
    assert response.context["form"].errors["postcode"] == [
        "Dit is geen postcode. Een postcode heeft vier cijfers en twee letters, bijvoorbeeld "
        "2011 AB."]
    assert f'value="{typed}"' in response.content.decode()
    assert "found" not in response.context


def test_a_known_postcode_sorts_by_distance_from_it(client, kaart_pages_demo):
    code = m.Address.objects.order_by("pk").values_list("postal_code", flat=True).first()
    response = client.get(HOME, {"q": "schulden", "postcode": code.replace(" ", "").lower()})
    assert response.status_code == 200
    assert all(r.result.distance_km is not None for r in response.context["rows"])
    assert response.context["form"].cleaned_data["postcode"] == code.upper()


def test_nonsense_parameters_never_break_the_page(client, kaart_pages_demo):
    for params in ({"q": "eenzaam", "pagina": "x"}, {"q": "eenzaam", "pagina": "99999"},
                   {"q": "eenzaam", "wijk": "WK000000"}, {"q": "eenzaam", "taal": "xx"},
                   {"q": "eenzaam", "vorm": "beide"}, {"q": "eenzaam", "afstand": "7"},
                   {"q": "eenzaam\x00"}, {"q": "eenzaam", "pagina": "40"},
                   {"q": "", "onderwerp": "bestaat_niet"}, {"q": "", "onderwerp": "wegwijs"}):
        response = client.get(HOME, params)
        assert response.status_code in (200, 400), params
        assert "Traceback" not in response.content.decode()
    past_the_end = client.get(HOME, {"q": "eenzaam", "pagina": "40"})
    assert past_the_end.status_code == 200 and result_ids(past_the_end) == []


def test_the_service_card_has_what_a_resident_needs(client, kaart_pages_demo):
    service = (m.Service.objects.filter(phones__isnull=False, schedules__isnull=False,
                                        access=m.Service.Access.OPEN)
               .order_by("pk").first())
    response = client.get(f"/kaart/dienst/{service.pk}")
    assert response.status_code == 200
    text = text_of(response)
    for expected in (service.name, service.organization.name, service.description,
                     service.application_process, service.eligibility_description,
                     service.phones.first().number, service.email, service.url,
                     "Openingstijden", "1 november 2026", "Zonder verwijzing"):
        assert expected in text, expected
    address = m.Address.objects.filter(
        location__service_at_locations__service=service).first()
    assert address.address_1 in text and address.postal_code in text
    assert re.search(r"\b(ma|di|wo|do|vr|za|zo|Elke dag)\b.* uur", text, re.I)
    assert f'href="/kaart/dienst/{service.pk}/kaart"' in response.content.decode()


def test_a_service_without_hours_is_by_appointment_and_the_contact_person_is_shown(
        client, kaart_pages_demo):
    service = m.Service.objects.filter(schedules__isnull=True).order_by("pk").first()
    person = m.Contact.objects.create(service=service, name="Truus Voorbeeld",
                                      title="vast aanspreekpunt", email="truus@example.org")
    m.Phone.objects.create(contact=person, number="0900-0000999")
    m.Service.objects.filter(pk=service.pk).update(contact_person=person,
                                                   last_checked=dt.date(2026, 3, 2))
    text = text_of(client.get(f"/kaart/dienst/{service.pk}"))
    assert "Op afspraak." in text
    assert "Truus Voorbeeld, vast aanspreekpunt" in text and "0900-0000999" in text
    assert "2 maart 2026" in text


def test_the_printable_card_renders_with_its_print_styles(client, kaart_pages_demo):
    service = m.Service.objects.order_by("pk").first()
    response = client.get(f"/kaart/dienst/{service.pk}/kaart")
    assert response.status_code == 200
    html = response.content.decode()
    assert "kaart-card--print" in html and "/static/kaart/kaart.css" in html
    assert f"/kaart/dienst/{service.pk}" in text_of(response)
    assert service.name in text_of(response)


def test_an_unknown_or_ended_service_is_a_404(client, kaart_pages_demo):
    assert client.get(f"/kaart/dienst/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/kaart/dienst/{uuid.uuid4()}/kaart").status_code == 404
    ended = m.Service.objects.order_by("pk").first()
    m.Service.objects.filter(pk=ended.pk).update(status=m.Service.Status.DEFUNCT)
    response = client.get(f"/kaart/dienst/{ended.pk}")
    assert response.status_code == 404


def test_the_home_page_and_the_menu_link_to_the_kaart(client, db):
    html = client.get(reverse("web:home")).content.decode()
    assert html.count('href="/kaart/"') >= 2  # the menu and the section on the home page


def test_a_chosen_wijk_puts_its_help_first_and_filters_only_when_asked(client,
                                                                       kaart_pages_demo):
    """Choosing a wijk ranks help in and for it first, without hiding the help of the whole
    gemeente; "in your chosen district" keeps only the help located there."""
    base = "/kaart/?q=mijn+moeder+vergeet+steeds+dingen&wijk=WK039210"
    ranked, only = text_of(client.get(base)), text_of(client.get(base + "&in_wijk=on"))
    count = lambda text: int(re.search(r"(\d+) resultat", text).group(1))  # noqa: E731
    assert count(ranked) > count(only) > 0
    assert "uw wijk" in ranked  # "in uw wijk" or "ook voor uw wijk"
    refused = client.get("/kaart/?q=eenzaam&in_wijk=on")
    assert refused.status_code == 400
    assert "Kies uw wijk" in text_of(refused)


def test_a_topic_chosen_from_the_list_finds_its_help_without_words(client, kaart_pages_demo):
    start = client.get(HOME).content.decode()
    assert 'href="?q=&amp;onderwerp=schulden#resultaten"' in start  # a link, no script
    topics = dict(search.topics())
    assert "wegwijs" not in topics  # the general need is no topic of its own
    response = client.get(HOME, {"q": "", "onderwerp": "schulden"})
    assert response.status_code == 200
    expected = search.find("", topic="schulden")
    ids = result_ids(response)
    assert ids == [str(r.service.pk) for r in expected.results] and len(ids) == 10
    text = text_of(response)
    assert f"Wij denken dat u dit zoekt: {topics['schulden']}." in text
    assert "Gevonden via: gekozen onderwerp wijst op schulden en geldzorgen (" in text
    assert 'value="schulden" selected' in response.content.decode()  # the choice is kept
    # every result answers the topic: it is in one of the need's kinds of service
    kinds = search._current().planner.taxonomy.need("schulden").categories
    said = [f"gekozen onderwerp wijst op schulden en geldzorgen ({kind.replace('_', ' ')})"
            for kind in kinds]
    assert all(any(s in r.explanation for s in said) for r in expected.results)


def test_words_and_a_topic_together_put_the_topic_first(client, kaart_pages_demo):
    alone = search.find("ik wil graag mensen ontmoeten")
    both = search.find("ik wil graag mensen ontmoeten", topic="schulden")
    assert both.named[0][0] == dict(search.topics())["schulden"]
    assert [r.service.pk for r in both.results] != [r.service.pk for r in alone.results]
    response = client.get(HOME, {"q": "", "onderwerp": "bestaat_niet"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in text_of(response)
    empty = client.get(HOME, {"q": ""})
    assert empty.status_code == 400 and "Vul in waar u hulp bij zoekt" in text_of(empty)


def test_a_question_that_names_no_need_offers_the_topics_with_the_place_kept(client,
                                                                            kaart_pages_demo):
    response = client.get(HOME, {"q": "welke kleur hebben de tulpen", "wijk": "WK039210"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We begrepen uw vraag niet helemaal. Kies een onderwerp:" in text_of(response)
    # the place kept, and the words (signed) for the count of topics chosen after them
    assert re.search(r'href="\?q=&amp;onderwerp=eenzaamheid&amp;wijk=WK039210&amp;van=[^"#]+'
                     r'#resultaten"', html)
    understood = client.get(HOME, {"q": "eenzaam"})
    assert 'class="kaart-topics"' not in understood.content.decode()
