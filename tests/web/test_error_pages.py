"""Error pages: friendly Dutch pages in the shell, never a stack trace, and rendered without
the session, the user or the database (which may be what failed)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from wijkkracht.web import views

from .conftest import fetch_static, page


def _friendly(response, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert re.search(r'<html lang="nl"[ >]', html)
    assert "Traceback" not in html
    doc = page(response)
    assert len(doc.find("h1")) == 1
    assert doc.find("main", id="inhoud") and doc.find("a", href="#inhoud")
    assert [e for e in doc.elements if e.tag == "a" and e.attrs.get("href") == "/"
            and "utrecht-button-link" in e.classes], "a clear link to the home page"
    assert f"{status}</p>" in html
    return html


def test_debug_is_off_in_tests():
    assert settings.DEBUG is False


def test_an_unknown_url_gets_the_friendly_404_page(client, db):
    response = client.get("/deze/pagina/bestaat/niet")
    _friendly(response, 404)
    for href in page(response).stylesheets():
        assert fetch_static(client, href)[0].status_code == 200


def test_a_bad_host_header_gets_the_friendly_400_page(client, db):
    _friendly(client.get("/", HTTP_HOST="aanvaller.example"), 400)


def test_permission_denied_gets_the_friendly_403_page(client, db, site_with_test_views):
    html = _friendly(client.get("/test/verboden"), 403)
    assert 'href="/account/aanmelden"' in html


def test_a_bug_gets_the_friendly_500_page(client, db, site_with_test_views):
    client.raise_request_exception = False
    html = _friendly(client.get("/test/boom"), 500)
    assert "a bug" not in html


def _unusable():
    pytest.fail("an error page looked at the user, the session or the messages")


def _poisoned(request):
    """A request whose user, session and message storage fail the test when touched."""
    request.user = SimpleLazyObject(_unusable)
    request.session = SimpleLazyObject(_unusable)
    request._messages = SimpleLazyObject(_unusable)
    return request


def _broken(request):
    """A request whose session store (and so its user) is down: it raises when touched."""
    def down():
        raise RuntimeError("session store unreachable")

    request.user = SimpleLazyObject(down)
    request.session = SimpleLazyObject(down)
    request._messages = SimpleLazyObject(_unusable)
    return request


@pytest.mark.parametrize(("handler", "status"), [
    (views.bad_request, 400), (views.permission_denied, 403), (views.page_not_found, 404),
    (views.csrf_failure, 403)])
def test_error_pages_survive_a_broken_session(rf, handler, status):
    """400/403/404 look at the user for the menu, but a failing session or database only
    leaves the sign-in items out; the page itself is served."""
    request = _broken(rf.get("/ergens"))
    response = handler(request, Http404() if handler is views.page_not_found else None)
    _friendly(response, status)
    assert 'href="/account/afmelden"' not in response.content.decode()


def test_the_500_page_needs_no_database_session_or_user(rf):
    _friendly(views.server_error(_poisoned(rf.get("/ergens"))), 500)


def test_if_the_error_template_itself_fails_a_bare_page_is_served(rf, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(views, "render_to_string", broken)
    response = views.server_error(rf.get("/ergens"))
    html = response.content.decode()
    assert response.status_code == 500 and '<html lang="nl">' in html and 'href="/"' in html
    assert "Rendering web/500.html failed" in caplog.text


def test_api_errors_stay_problem_json(rf):
    response = views.page_not_found(rf.get("/api/v1/bestaat-niet"), Http404())
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
