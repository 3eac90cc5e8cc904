"""``GET /services?search=``: the kaart's need search through the HSDS 3 API, with its filters,
on the demo kaart; bad queries and postcodes are a 400 with search's own Dutch message."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem
from tests.api.kaart_support import assert_valid
from wijkkracht.kaart import search
from wijkkracht.kaart.hsds.exporter import export_services

pytestmark = pytest.mark.django_db
QUERY = "eenzaam, komt de deur niet uit"


@pytest.fixture(scope="module")
def demo_services(kaart_pages_demo, django_db_blocker):
    with django_db_blocker.unblock():
        return {s["id"]: s for s in export_services()}


@pytest.fixture
def demo(db, demo_services):
    return demo_services


def ids(page: dict) -> list[str]:
    return [record["id"] for record in page["contents"]]


def test_search_gives_the_ranked_results_of_the_search_module(client, demo):
    page = client.get("/api/v1/services", {"search": QUERY, "per_page": 10}).json()
    found = search.find(QUERY, limit=10)
    assert ids(page) == [str(r.service.pk) for r in found.results]
    assert page["total_items"] == found.total > 10 and page["size"] == 10
    assert page["contents"][0]["nl_explanation"].startswith("gevonden via")
    for item in page["contents"]:
        assert_valid("service", item)
    second = client.get("/api/v1/services", {"search": QUERY, "per_page": 10,
                                             "page": 2}).json()
    assert ids(second) == [str(r.service.pk) for r in search.find(QUERY, offset=10,
                                                                  limit=10).results]
    full = client.get("/api/v1/services", {"search": QUERY, "full": "true"}).json()
    for item in full["contents"]:
        assert {k: v for k, v in item.items() if not k.startswith("nl_e")} == demo[item["id"]]


def test_search_filters_are_applied(client, demo):
    def page(**params) -> dict:
        response = client.get("/api/v1/services", {"search": "hulp", "per_page": 100,
                                                   **params})
        assert response.status_code == 200, response.content
        return response.json()

    everything = set(ids(page()))
    free = page(free="true")
    assert free["total_items"] > 0 and set(ids(free)) <= everything
    assert all(item["id"] in everything for item in free["contents"])
    informal = page(formal="false")
    forms = {a["taxonomy_term"]["code"] for i in ids(informal)
             for a in demo[i]["attributes"] if a["taxonomy_term"]["taxonomy"] == "wijkkracht-vorm"}
    assert forms == {"informeel"}
    wijk = page(wijk="WK039210")
    wijken = {loc["location"].get("external_identifier") for i in ids(wijk)
              for loc in demo[i].get("service_at_locations", [])}
    assert wijk["total_items"] > 0 and "WK039210" in wijken
    near = page(postcode="2022", proximity="1500")
    assert all(item["nl_distance_km"] <= 1.5 for item in near["contents"])
    assert near["total_items"] < page(postcode="2022")["total_items"]
    english = page(language="en")
    assert all(any(lang["code"] == "en" for lang in demo[i].get("languages", []))
               or any(lang.get("code") == "en" for sal in demo[i].get("service_at_locations", [])
                      for lang in sal["location"].get("languages", []))
               for i in ids(english))


def test_search_with_an_hsds_filter_keeps_the_ranking(client, demo):
    organization = max(demo.values(), key=lambda s: sum(
        t["organization"]["id"] == s["organization"]["id"] for t in demo.values())
    )["organization"]["id"]
    ranked = ids(client.get("/api/v1/services", {"search": "hulp", "per_page": 100}).json())
    page = client.get("/api/v1/services", {"search": "hulp", "organization_id": organization,
                                           "per_page": 100}).json()
    mine = [i for i in ranked if demo[i]["organization"]["id"] == organization]
    assert ids(page) == mine and page["total_items"] == len(mine)


def test_the_same_filters_without_search_list_by_name(client, demo):
    page = client.get("/api/v1/services", {"free": "true", "wijk": "WK039210",
                                           "per_page": 100}).json()
    assert page["total_items"] > 0
    names = [item["name"] for item in page["contents"]]
    assert names == sorted(names) or len(names) == 1
    for pk in ids(page):
        assert demo[pk]["cost_options"][0]["amount"] == 0 or demo[pk].get(
            "fees_description", "").lower().startswith("gratis")


BAD_INPUT = (
    ({"search": ""}, "Vul in waar u hulp bij zoekt"),
    ({"search": "   "}, "Vul in waar u hulp bij zoekt"),
    ({"search": "hulp " * 200}, "te lang"),
    ({"search": "de het een"}, "alleen veelvoorkomende woorden"),
    ({"search": "hulp", "postcode": "9999"}, "Postcode 9999 kennen we niet"),
    ({"search": "hulp", "postcode": "Haarlem"}, "geen postcode"),
    ({"search": "hulp", "wijk": "WK099901"}, "Deze wijk kennen we niet"),
)


def test_bad_search_input_is_400_with_the_dutch_message(client, demo):
    # one test for all cases: loading the demo kaart per case costs more than it shows
    for params, message in BAD_INPUT:
        body = assert_problem(client.get("/api/v1/services", params), 400)
        assert message in body["detail"], params


def test_search_only_filters_need_a_query(client, demo):
    body = assert_problem(client.get("/api/v1/services", {"open_now": "true",
                                                         "postcode": "2022"}), 400)
    assert {p["name"] for p in body["invalid-params"]} == {"open_now", "postcode"}
    body = assert_problem(client.get("/api/v1/services", {"search": "hulp",
                                                         "proximity": "500"}), 400)
    assert body["invalid-params"][0]["name"] == "proximity"


def test_a_search_is_counted_once_whatever_page_is_asked(client, demo):
    from wijkkracht.kaart.models import SearchMonth

    organization = next(iter(demo.values()))["organization"]["id"]
    for extra in ({}, {"organization_id": organization}):  # the two ways through the API
        for page in (1, 2, 3):
            client.get("/api/v1/services", {"search": QUERY, "per_page": 5, "page": page,
                                            **extra})
    month = SearchMonth.objects.get()
    assert (month.searches, month.without_need) == (2, 0)  # QUERY names loneliness
