"""The functional administrator edits the need taxonomy: a new everyday phrase finds services
at once, on both databases; a broken taxonomy is refused whole and changes nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from wijkkracht.cli import main
from wijkkracht.kaart import demo, search
from wijkkracht.kaart.core.search import TaxonomyError
from wijkkracht.kaart.hsds.importer import import_records
from wijkkracht.kaart.models import NeedTaxonomy, SearchState
from wijkkracht.kaart.services import need_taxonomy_json, save_need_taxonomy

pytestmark = pytest.mark.django_db
PHRASE = "kniest bij het aquarium"


@pytest.fixture
def small_kaart():
    services = demo.generate()[:60]
    import_records(services)
    return services


def _with_phrase(text: str) -> str:
    data = json.loads(text)
    need = next(n for n in data["needs"] if n["code"] == "eenzaamheid")
    need["phrases"].append(PHRASE)
    return json.dumps(data, ensure_ascii=False)


def test_a_new_phrase_finds_services_after_saving(small_kaart):
    before = search.find(PHRASE)
    assert not before.needs
    assert save_need_taxonomy(_with_phrase(need_taxonomy_json())) > 10
    after = search.find(PHRASE)
    assert "Eenzaamheid" in after.needs and after.results
    assert any(f"{PHRASE} wijst op eenzaamheid" in r.explanation for r in after.results)
    assert NeedTaxonomy.objects.count() == 1
    assert SearchState.objects.get().taxonomy_id == NeedTaxonomy.objects.get().pk
    assert PHRASE in need_taxonomy_json()


@pytest.mark.parametrize(("text", "message"), [
    ("{", r"Geen geldige JSON \(regel 1"),
    ('{"categories": [], "needs": []}', "'categories' ontbreekt of is leeg"),
])
def test_a_broken_taxonomy_changes_nothing(small_kaart, text, message):
    version = SearchState.objects.get().version
    with pytest.raises(TaxonomyError, match=message):
        save_need_taxonomy(text)
    assert not NeedTaxonomy.objects.exists()
    assert SearchState.objects.get().version == version


def test_an_unknown_category_is_named(small_kaart):
    data = json.loads(need_taxonomy_json())
    data["needs"][0]["categories"].append("zweefvliegen")
    with pytest.raises(TaxonomyError, match="onbekende categorie 'zweefvliegen'"):
        save_need_taxonomy(json.dumps(data))
    assert not NeedTaxonomy.objects.exists()


def test_the_command_line_exports_and_imports_the_taxonomy(small_kaart, tmp_path):
    path = tmp_path / "behoeften.json"
    result = CliRunner().invoke(main, ["kaart", "behoeften", "export", "--out", str(path)])
    assert result.exit_code == 0, result.output
    path.write_text(_with_phrase(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(main, ["kaart", "behoeften", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "opnieuw geïndexeerd" in result.output
    assert "Eenzaamheid" in search.find(PHRASE).needs
