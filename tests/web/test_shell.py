"""The UI shell: NL Design System stylesheets that are really served, landmarks, skip link,
navigation, messages, and nothing inline that the Content-Security-Policy would block."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings

from .conftest import fetch_static, page

REPO = Path(__file__).resolve().parents[2]
SHELL_PAGES = ["/", "/toegankelijkheid"]
NLDS_STYLESHEETS = ["/static/nlds/design-tokens/dist/theme.css",
                    "/static/nlds/component-library-css/dist/index.css"]
NLDS_HTML_CSS = "/static/nlds/component-library-css/dist/html.css"  # imported by site.css


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_shell_pages_render_in_dutch_with_landmarks(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="nl"[ >]', html)
    doc = page(response)
    assert len(doc.find("header")) == 1 and len(doc.find("footer")) == 1
    assert [m.attrs.get("id") for m in doc.find("main")] == ["inhoud"]
    assert len(doc.find("h1")) == 1
    assert "voorbeeld-theme" in doc.find("html")[0].classes


def test_the_language_attribute_follows_the_active_language(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r'<html lang="en"[ >]', html)


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_the_skip_link_is_the_first_link_and_targets_main(client, db, url):
    doc = page(client.get(url))
    first_link = doc.find("a")[0]
    assert first_link.attrs["href"] == "#inhoud"
    assert {"utrecht-skip-link", "utrecht-skip-link--visible-on-focus"} <= first_link.classes
    assert doc.find("main", id="inhoud")


@pytest.mark.parametrize("url", [*SHELL_PAGES, "/bestaat-niet"])
def test_nothing_inline_that_the_csp_blocks(client, db, url):
    response = client.get(url)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    doc = page(response)
    assert not doc.find("style") and not doc.find("script")
    for element in doc.elements:
        assert "style" not in element.attrs, element
        assert not any(name.startswith("on") for name in element.attrs), element


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_every_stylesheet_is_served_including_the_nl_design_system(client, db, url):
    hrefs = page(client.get(url)).stylesheets()
    assert set(NLDS_STYLESHEETS) <= set(hrefs)
    for href in hrefs:
        response, body = fetch_static(client, href)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith("text/css"), href
        assert len(body) > 100, href


def test_the_stylesheets_are_the_npm_packages_and_their_imports_resolve(client, db):
    _, tokens = fetch_static(client, NLDS_STYLESHEETS[0])
    _, components = fetch_static(client, NLDS_STYLESHEETS[1])
    assert b".voorbeeld-theme" in tokens and b"--utrecht-button-primary-action-background-color" \
        in tokens
    assert b".utrecht-page-header" in components and b".utrecht-skip-link" in components
    site_css = "/static/wijkkracht/site.css"
    _, body = fetch_static(client, site_css)
    imports = re.findall(r'@import url\("([^"]+)"\)', body.decode())
    assert imports, "site.css imports the Utrecht stylesheet for plain HTML"
    for ref in imports:
        response, css = fetch_static(client, urljoin(site_css, ref))
        assert response.status_code == 200 and b".utrecht-html" in css, ref


def test_the_nl_design_system_comes_from_node_modules_not_from_src():
    package = (REPO / "package.json").read_text(encoding="utf-8")
    assert '"@utrecht/component-library-css"' in package
    # Utrecht's own tokens are its proprietary house style; the example theme is EUPL-1.2.
    assert '"@nl-design-system-unstable/voorbeeld-design-tokens"' in package
    assert '"@utrecht/design-tokens"' not in package
    copied = [p for p in (REPO / "src").rglob("*") if "utrecht" in p.name.lower()]
    assert copied == []
    assert settings.STATICFILES_DIRS, "npm install was not run: node_modules/@utrecht is missing"


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_every_utrecht_class_used_exists_in_the_component_library(client, db, url):
    _, components = fetch_static(client, NLDS_STYLESHEETS[1])
    _, tokens = fetch_static(client, NLDS_STYLESHEETS[0])
    _, plain_html = fetch_static(client, NLDS_HTML_CSS)
    css = (components + tokens + plain_html).decode()
    used = {c for e in page(client.get(url)).elements for c in e.classes
            if c.startswith("utrecht-")}
    assert used, "the shell uses Utrecht components"
    missing = sorted(c for c in used if not re.search(rf"\.{re.escape(c)}(?![\w-])", css))
    assert missing == []


def test_navigation_for_a_visitor(client, db):
    doc = page(client.get("/"))
    nav = [e.attrs["href"] for e in doc.elements
           if e.tag == "a" and "utrecht-nav-list__link" in e.classes]
    assert nav == ["/", "/wijkfoto/", "/kaart/", "/praktijk/", "/account/aanmelden"]
    assert doc.find("a", href="/", aria_current="page")
    assert not doc.find("form", action="/account/afmelden")


def test_navigation_for_a_signed_in_professional(client, make_user, signed_in):
    signed_in(make_user())
    response = client.get("/")
    doc = page(response)
    form = doc.find("form", action="/account/afmelden")
    assert len(form) == 1 and form[0].attrs["method"] == "post"
    assert doc.find("input", type="hidden", name="csrfmiddlewaretoken")
    assert not doc.find("a", href="/account/aanmelden")
    nav = [e.attrs["href"] for e in doc.elements
           if e.tag == "a" and "utrecht-nav-list__link" in e.classes]
    # the access log only for the FG
    assert nav == ["/", "/wijkfoto/", "/kaart/", "/praktijk/", "/netwerkscan/"]


def test_the_privacy_officer_finds_the_access_log_in_the_menu(client, make_user, signed_in):
    signed_in(make_user("fg", is_privacy_officer=True))
    doc = page(client.get("/audit/"))
    assert doc.find("a", href="/audit/", aria_current="page")


def test_breadcrumbs_start_at_home_except_on_the_home_page(client, db):
    statement = page(client.get("/toegankelijkheid"))
    crumbs = [e for e in statement.elements if "utrecht-breadcrumb-nav__link" in e.classes]
    assert [(c.attrs["href"], c.attrs.get("rel")) for c in crumbs] == [("/", "home")]
    assert statement.find("nav", aria_labelledby="wk-kruimelpad")
    home = page(client.get("/"))
    assert not [e for e in home.elements if "utrecht-breadcrumb-nav" in e.classes]


def test_footer_links_to_the_accessibility_statement_and_shows_the_version(client, db):
    from wijkkracht import __version__

    html = client.get("/").content.decode()
    footer = html[html.index("<footer"):]
    assert 'href="/toegankelijkheid"' in footer and __version__ in footer


def test_messages_are_utrecht_alerts_with_a_live_region(client, db, site_with_test_views):
    doc = page(client.get("/test/berichten"))
    alerts = [e for e in doc.elements if "utrecht-alert" in e.classes]
    assert [sorted(a.classes) for a in alerts] == [
        ["utrecht-alert", "utrecht-alert--info"], ["utrecht-alert", "utrecht-alert--ok"],
        ["utrecht-alert", "utrecht-alert--warning"], ["utrecht-alert", "utrecht-alert--error"]]
    roles = [e.attrs["role"] for e in doc.elements if "utrecht-alert__message" in e.classes]
    assert roles == ["status", "status", "alert", "alert"]
    html = client.get("/test/berichten").content.decode()
    assert "Dat ging mis." in html and "Opgeslagen." in html


def test_the_home_page_links_to_the_wijkfoto_the_kaart_and_to_sign_in(client, db):
    doc = page(client.get("/"))
    main_links = {e.attrs["href"] for e in doc.elements
                  if e.tag == "a" and "utrecht-button-link" in e.classes}
    assert main_links == {"/wijkfoto/", "/kaart/", "/account/aanmelden"}


def test_the_accessibility_statement_has_the_required_parts(client, db):
    html = client.get("/toegankelijkheid").content.decode()
    for part in ("WCAG 2.1", "EN 301 549", "status C", "axe-core", "Chromium",
                 "toetsenbord", "PDF", "tabel met dezelfde", "Nationale ombudsman",
                 '<time datetime="2026-11-24">24 november 2026</time>'):
        assert part in html, part
    assert page(client.get("/toegankelijkheid")).find("div", lang="nl")
