"""Fixtures of the kaart tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def kaart_pages_demo(django_db_setup, django_db_blocker):
    """The demo kaart (370 services in Haarlem), loaded once per test module, removed after."""
    from wijkkracht.kaart import demo
    from wijkkracht.kaart import models as m
    from wijkkracht.kaart.search import reindex
    from wijkkracht.kaart.services import load_demo_kaart

    with django_db_blocker.unblock():
        load_demo_kaart()
        yield demo.generate()
        m.Service.objects.all().delete()
        for model in (m.Organization, m.Location, m.Contact, m.TaxonomyTerm, m.Taxonomy,
                      m.Attribute):
            model.objects.all().delete()
        reindex(None)
