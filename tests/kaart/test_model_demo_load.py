"""``wijkkracht demo`` puts the demo kaart in the database once (its time is a benchmark's
concern, not a test's: the demo's start-up is measured in the closing notes)."""

from __future__ import annotations

import pytest

from wijkkracht.kaart import models as m
from wijkkracht.web.demo import load_demo_kaart

pytestmark = pytest.mark.django_db


def test_the_demo_kaart_loads_once():
    first = load_demo_kaart()
    assert first.startswith("370 verzonnen diensten") and "al geladen" not in first
    assert m.Service.objects.count() == 370
    assert m.Location.objects.filter(wijk_code="WK039210").exists()
    rows = {model: model.objects.count() for model in (m.Phone, m.Attribute, m.Location)}
    assert "al geladen" in load_demo_kaart()
    assert m.Service.objects.count() == 370
    assert {model: model.objects.count() for model in rows} == rows


def test_a_partly_loaded_demo_kaart_is_completed():
    load_demo_kaart()
    m.Service.objects.filter(pk__in=list(m.Service.objects.values_list("pk", flat=True)[:5])) \
        .delete()
    assert "al geladen" not in load_demo_kaart()
    assert m.Service.objects.count() == 370
