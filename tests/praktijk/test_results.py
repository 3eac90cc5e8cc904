"""A practice's measured results come from the monitor: an SROI value map of the owner
organisation (its ratio in one sentence) and built-in monitor indicators by name."""

from __future__ import annotations

import pytest

from tests.praktijk.conftest import VALUES
from wijkkracht.monitor.demo_sroi import create_demo_sroi
from wijkkracht.monitor.selectors_sroi import value_map_of
from wijkkracht.praktijk.selectors import practice_results
from wijkkracht.praktijk.services import PracticeError, practice_save, publish
from wijkkracht.stats import sroi


def test_linked_value_map_and_indicators_show_on_the_public_page(client, world):
    initiative = create_demo_sroi(world.org_a, world.bram)
    ratio = sroi.compute(value_map_of(initiative)).ratio
    with pytest.raises(PracticeError, match="nonsense"):
        practice_save(world.anna, {**VALUES, "monitor_indicators": ["own_network", "nonsense"]})
    practice = practice_save(world.anna, {**VALUES, "sroi_initiative_id": initiative.pk,
                                          "monitor_indicators": ["own_network"]})
    results = practice_results(practice)
    assert results.sroi_ratio == pytest.approx(ratio)
    assert [code for code, _name in results.indicators] == ["own_network"]
    publish(world.anna, practice)
    page = client.get(f"/praktijk/{practice.pk}/").content.decode()
    euros = f"{ratio:.2f}".replace(".", ",")
    assert f"levert elke geïnvesteerde euro € {euros} aan maatschappelijke waarde op" in page
    assert initiative.name in page
    page = client.get("/praktijk/", {"measured": "on"}).content.decode()
    assert VALUES["title"] in page
    assert client.get("/praktijk/open-data.json").json()["practices"][0]["sroi_ratio"] == \
        pytest.approx(ratio, abs=1e-4)


def test_another_organisations_value_map_cannot_be_linked(world):
    other = create_demo_sroi(world.org_b, world.carla)
    with pytest.raises(PracticeError) as caught:
        practice_save(world.anna, {**VALUES, "sroi_initiative_id": other.pk})
    assert "sroi_initiative_id" in caught.value.errors
