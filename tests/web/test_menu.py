"""The menu fits who is signed in, on error pages too; member items only after both steps;
the site has its own icon."""

from __future__ import annotations

import pytest
from django_otp.oath import totp

from wijkkracht.accounts.models import Membership

from .conftest import fetch_static, page

pytestmark = pytest.mark.django_db
PASSWORD = "Wijkteam-Transvaal-2026"


def nav(response) -> list[str]:
    return [e.attrs["href"] for e in page(response).elements
            if e.tag == "a" and "utrecht-nav-list__link" in e.classes]


def signs_out(response) -> bool:
    return bool(page(response).find("form", action="/account/afmelden"))


def test_the_403_page_shows_a_signed_in_users_menu(client, make_user, signed_in):
    signed_in(make_user())
    response = client.get("/audit/")  # only the privacy officer
    assert response.status_code == 403
    assert nav(response) == ["/", "/wijkfoto/", "/kaart/", "/praktijk/", "/netwerkscan/"]
    assert signs_out(response)
    assert page(response).find("input", type="hidden", name="csrfmiddlewaretoken")
    assert 'href="/account/aanmelden"' not in response.content.decode()


def test_the_404_page_shows_a_signed_in_users_menu(client, make_user, signed_in):
    signed_in(make_user())
    response = client.get("/bestaat/niet")
    assert response.status_code == 404 and signs_out(response)


def test_between_password_and_code_the_menu_shows_no_member_items(client, make_user):
    user = make_user()
    client.post("/account/aanmelden", {"username": user.username, "password": PASSWORD})
    for url in ("/", "/account/code", "/wijkfoto/"):
        response = client.get(url)
        assert "/netwerkscan/" not in nav(response), url
        assert signs_out(response), url  # a way to give up
    assert "/netwerkscan/" not in client.get("/").content.decode()  # nor the home page's
    device = user.totp_device
    client.post("/account/code", {"token": f"{totp(device.bin_key):06d}"})
    assert "/netwerkscan/" in nav(client.get("/"))


def test_a_functional_administrator_finds_the_admin_in_the_menu(client, make_user, signed_in,
                                                                 team_for_admin):
    user = make_user("beheerder", is_staff=True)
    Membership.objects.create(user=user, team=team_for_admin,
                              role=Membership.Role.ADMINISTRATOR)
    signed_in(user)
    assert "/beheer/" in nav(client.get("/"))


def test_others_do_not(client, make_user, signed_in):
    signed_in(make_user("root", is_superuser=True))  # not staff: not an administrator
    assert "/beheer/" not in nav(client.get("/"))


def test_every_page_names_the_sites_own_icon_and_it_is_served(client):
    icons = page(client.get("/")).find("link", rel="icon")
    assert len(icons) == 1 and icons[0].attrs["href"].endswith(".svg")
    response, body = fetch_static(client, icons[0].attrs["href"])
    assert response.status_code == 200 and body.startswith(b"<svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url == icons[0].attrs["href"]
    assert icons == page(client.get("/bestaat/niet")).find("link", rel="icon")


@pytest.fixture
def team_for_admin():
    from wijkkracht.accounts.models import Organisation, Team

    gemeente = Organisation.objects.create(name="Gemeente Haarlem", kind="gemeente")
    return Team.objects.create(name="Beheer", kind="overig", organisation=gemeente)
