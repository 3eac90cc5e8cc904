"""'Practices from wijken like yours' on the real CBS Kerncijfers wijken en buurten 2024
(../shared/data; skipped when absent): the wijkfoto's most similar wijken decide the order."""

from __future__ import annotations

import pytest

from tests.conftest import KWB_2024, real_kwb, store_real_kwb
from tests.praktijk.conftest import VALUES

TRANSVAALWIJK = "WK039210"  # Haarlem, in the first 10,000 rows of the 2024 file


@pytest.fixture(scope="session")
def kwb_2024_table():
    return real_kwb(KWB_2024)


@pytest.fixture
def kwb_2024(db, kwb_2024_table):
    store_real_kwb(KWB_2024)


def test_practices_from_similar_wijken_come_first(world, kwb_2024):
    from wijkkracht.praktijk.selectors import search_practices, similar_wijken
    from wijkkracht.praktijk.services import practice_save, publish
    from wijkkracht.wijkfoto.selectors import area_context

    context = area_context(TRANSVAALWIJK)
    assert context is not None and context.name == "Transvaalwijk"
    similar = similar_wijken(TRANSVAALWIJK)
    assert similar == tuple(code for code, _name in context.similar) and len(similar) >= 3
    unlike = next(code for code in ("WK036101", "WK159801", "WK010608")
                  if code not in similar and code != TRANSVAALWIJK)
    far = practice_save(world.anna, {**VALUES, "title": "Mantelzorgcafé",
                                     "summary": "Mantelzorgers ontmoeten mantelzorgers.",
                                     "wijk_codes": [unlike]})
    near = practice_save(world.anna, {**VALUES, "title": "Buurtkamer",
                                      "wijk_codes": [similar[0]]})
    for p in (far, near):
        publish(world.anna, p)
    from wijkkracht.praktijk.selectors import public_practices

    # on text alone the cafe (mantelzorgers twice, in title and summary) ranks first ...
    assert [p.pk for p, _h in search_practices(public_practices(), "mantelzorgers")] == [
        far.pk, near.pk]
    # ... but the practice from a wijk like the Transvaalwijk comes first for its team
    ranked = search_practices(public_practices(), "mantelzorgers", TRANSVAALWIJK)
    assert [(p.pk, h.similar_wijk) for p, h in ranked] == [(near.pk, True), (far.pk, False)]
