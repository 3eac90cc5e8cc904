"""Every URL that is not public refuses an anonymous visitor; production settings pass
``check --deploy``; the security headers are on every response."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

REPO = Path(__file__).resolve().parents[2]

# Public on purpose: CBS open statistics, the accessibility statement, sign-in itself, the load
# balancer's probes.
PUBLIC = ("", "toegankelijkheid", "gezondheid", "gereed", "account/aanmelden", "account/afmelden",
          "account/wachtwoord-vergeten", "account/wachtwoord-herstellen/", "favicon.ico",
          "wijkfoto/", "api/v1/")
# Public pages under a prefix that also holds protected ones: exempt by their exact path (the
# sociale kaart's service pages take a UUID, so the sample id here gives a 404 anyway). The
# praktijkbank's list and open data show published practices only (tests/praktijk).
PUBLIC_EXACT = ("kaart/", "praktijk/", "praktijk/open-data.json", "praktijk/open-data.csv")
TOKEN_ONLY = ("api/v1/me",)
SAMPLE = {"code": "WK039210", "pk": "1", "object_id": "1", "id": "1", "app_label": "auth",
          "content_type_id": "1", "uidb64": "MQ", "token": "x", "url": "x"}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _concrete(route: str) -> str | None:
    import re

    if route.startswith("^") or "(?P" in route:
        route = route.lstrip("^").rstrip("$")
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLE.get(m.group(1), "1"), route)
        route = route.replace("\\", "")
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE.get(m.group(1), "1"), route)
    return "/" + route if not any(c in route for c in "()[]*+?|") else None


def non_public_urls():
    urls = set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        url = _concrete(route)
        if url is None or url.startswith("/static"):
            continue
        if url.startswith(tuple("/" + p for p in TOKEN_ONLY)):
            urls.add(url)
            continue
        bare = url.lstrip("/")
        if bare == "" or bare in PUBLIC_EXACT or any(bare.startswith(p) for p in PUBLIC if p):
            continue
        urls.add(url)
    return sorted(urls)


def test_there_are_protected_urls_to_check(db):
    urls = non_public_urls()
    assert {"/account/code", "/beheer/", "/account/tweestapsverificatie"} <= set(urls)


@pytest.mark.django_db
def test_every_non_public_url_refuses_an_anonymous_visitor(client):
    for url in non_public_urls():
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        if response.status_code == 200:
            assert "/account/aanmelden" in final, (url, final)
        else:
            assert response.status_code in (401, 403, 404, 405), url
        assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_settings_pass_check_deploy(tmp_path):
    env = {**os.environ, "WIJKKRACHT_ENV": "production",
           "WIJKKRACHT_SECRET_KEY": secrets.token_urlsafe(64),
           "WIJKKRACHT_AUDIT_KEY": secrets.token_urlsafe(64),
           "WIJKKRACHT_ALLOWED_HOSTS": "wijkkracht.example.nl",
           "WIJKKRACHT_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' switch, never in production
    proc = subprocess.run([sys.executable, str(REPO / "manage.py"), "check", "--deploy",
                           "--fail-level", "WARNING"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "WIJKKRACHT_ENV": "production", "WIJKKRACHT_HOME": str(tmp_path),
           "WIJKKRACHT_ALLOWED_HOSTS": "x"}
    env.pop("WIJKKRACHT_SECRET_KEY", None)
    proc = subprocess.run([sys.executable, str(REPO / "manage.py"), "check"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert proc.returncode != 0 and "WIJKKRACHT_SECRET_KEY" in proc.stderr
