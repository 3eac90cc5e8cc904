"""Saving, publishing and attachments: who may, the version check, and refusals in Dutch."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.praktijk.conftest import VALUES
from wijkkracht.praktijk import selectors
from wijkkracht.praktijk.models import Attachment, Practice
from wijkkracht.praktijk.services import (
    EditConflict,
    NotAllowed,
    PracticeError,
    attachment_add,
    load_examples,
    practice_save,
    publish,
    unpublish,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_new_practice_belongs_to_its_maker_and_their_organisation(world, practice):
    assert practice.owner == world.anna and practice.organisation == world.org_a
    assert practice.is_public is False and practice.version == 1
    assert practice.principles == ["ont-schotten", "verbinden"]  # vocabulary order


def test_someone_without_a_team_may_not_add_a_practice(world):
    with pytest.raises(NotAllowed):
        practice_save(world.dirk, dict(VALUES))


def test_colleague_edits_other_organisation_may_not(world, practice):
    saved = practice_save(world.bram, {**VALUES, "title": "Buurtkamer De Eik"},
                          practice=practice, expected_version=1)
    assert saved.title == "Buurtkamer De Eik" and saved.version == 2
    with pytest.raises(NotAllowed):
        practice_save(world.carla, dict(VALUES), practice=practice, expected_version=2)
    with pytest.raises(NotAllowed):
        publish(world.carla, practice)


def test_stale_version_is_refused_and_nothing_is_written(world, practice):
    practice_save(world.anna, {**VALUES, "title": "Eerste"}, practice=practice,
                  expected_version=1)
    with pytest.raises(EditConflict) as caught:
        practice_save(world.bram, {**VALUES, "title": "Tweede"}, practice=practice,
                      expected_version=1)
    assert caught.value.current.title == "Eerste"
    assert Practice.objects.get(pk=practice.pk).title == "Eerste"


def test_unknown_codes_and_bad_area_codes_are_refused(world):
    with pytest.raises(PracticeError) as caught:
        practice_save(world.anna, {**VALUES, "principles": ["toveren"],
                                   "wijk_codes": ["Transvaal"], "gemeente_code": "0392"})
    assert set(caught.value.errors) == {"principles", "wijk_codes", "gemeente_code"}
    assert "toveren" in caught.value.errors["principles"][0]
    assert Practice.objects.count() == 0


def test_publish_and_unpublish_change_who_sees_it(world, practice):
    assert selectors.practice_get(None, practice.pk) is None
    assert selectors.practice_get(world.carla, practice.pk) is None
    assert selectors.practice_get(world.bram, practice.pk) == practice
    publish(world.anna, practice)
    assert selectors.practice_get(None, practice.pk) == practice
    assert practice.published_at is not None
    unpublish(world.bram, practice)
    assert selectors.practice_get(None, practice.pk) is None
    assert list(selectors.public_practices()) == []


def test_attachment_kinds_are_recognised_by_content(world, practice):
    att = attachment_add(world.anna, practice, "verslag.pdf", PDF_BYTES, "Verslag")
    assert att.content_type == "application/pdf" and att.size == len(PDF_BYTES)
    att = attachment_add(world.anna, practice, "foto", PNG_BYTES)
    assert att.name == "foto.png"


def test_forged_and_large_attachments_are_refused(world, practice):
    forged = b"<html><script>alert(1)</script></html>"
    with pytest.raises(PracticeError, match=r"geen PDF|not a PDF"):
        attachment_add(world.anna, practice, "verslag.pdf", forged)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "x")
        z.writestr("word/document.xml", "x")
    with pytest.raises(PracticeError):  # a real document, but not a kind we keep
        attachment_add(world.anna, practice, "verslag.docx", docx.getvalue())
    with pytest.raises(PracticeError, match="10 MB"):
        attachment_add(world.anna, practice, "groot.pdf", PDF_BYTES + b"0" * (10 * 2**20))
    with pytest.raises(NotAllowed):
        attachment_add(world.carla, practice, "verslag.pdf", PDF_BYTES)
    assert Attachment.objects.count() == 0


def test_examples_load_once_and_are_published(db):
    assert load_examples() == (10, 0)
    assert load_examples() == (0, 0)
    assert Practice.objects.filter(is_public=True).count() == 10
    obdam = Practice.objects.get(title="Steunpunt Obdam & Zuidwijk")
    # Obdam is wijk WK159801 of Koggenland GM1598 in CBS Kerncijfers wijken en buurten 2024
    assert obdam.gemeente_code == "GM1598" and obdam.wijk_codes == ["WK159801"]
    assert "ont-wikkelen" in obdam.principles
    Practice.objects.filter(pk=obdam.pk).update(lessons="veranderd")
    assert load_examples() == (0, 1)
