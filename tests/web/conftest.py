"""Helpers for the UI shell tests: parse a page, fetch a static file through WhiteNoise."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    classes: set[str] = field(default_factory=set)


class Page(HTMLParser):
    """Every start tag of a page, in order, with its attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        self.elements.append(Element(tag, values, set(values.get("class", "").split())))

    def find(self, tag: str | None = None, **attrs) -> list[Element]:
        return [e for e in self.elements if (tag is None or e.tag == tag)
                and all(e.attrs.get(k.rstrip("_").replace("_", "-")) == v
                        for k, v in attrs.items())]

    def stylesheets(self) -> list[str]:
        return [e.attrs["href"] for e in self.find("link", rel="stylesheet")]


def page(response) -> Page:
    return Page(response.content.decode())


def fetch_static(client, url: str):
    """GET a static file (served by WhiteNoise from the finders) and read it completely, which
    also closes the file."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.fixture
def site_with_test_views(settings):
    settings.ROOT_URLCONF = "tests.web.urls"
