"""The whole flow through the pages: a professional adds a practice and a report; while it is
unpublished no public door shows it (list, search, detail, PDF, attachment, open data, API);
published it is everywhere; unpublished again it is gone again."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.praktijk.test_services import PDF_BYTES
from wijkkracht.praktijk.models import Practice

NAME = "Wandelmaatjes Zuiderhout"


def _public_doors(client, practice: Practice) -> dict[str, bool]:
    """Whether each public door shows the practice."""
    attachment = practice.attachments.get()
    return {
        "list": NAME in client.get("/praktijk/").content.decode(),
        "search": NAME in client.get("/praktijk/", {"q": "wandelmaatje"}).content.decode(),
        "detail": client.get(f"/praktijk/{practice.pk}/").status_code == 200,
        "pdf": client.get(f"/praktijk/{practice.pk}/praktijk.pdf").status_code == 200,
        "attachment": client.get(
            f"/praktijk/{practice.pk}/bijlagen/{attachment.pk}").status_code == 200,
        "json": NAME in client.get("/praktijk/open-data.json").content.decode(),
        "csv": NAME in client.get("/praktijk/open-data.csv").content.decode("utf-8-sig"),
        "api list": NAME in client.get("/api/v1/practices").content.decode(),
        "api search": NAME in client.get("/api/v1/practices",
                                         {"q": "wandelmaatje"}).content.decode(),
        "api detail": client.get(f"/api/v1/practices/{practice.pk}").status_code == 200,
    }


def test_add_publish_unpublish(client, signed_in, world):
    from django.test import Client

    public = Client()
    signed_in(world.anna)
    response = client.post("/praktijk/nieuw", {
        "title": NAME, "summary": "Bewoners wandelen wekelijks samen tegen eenzaamheid.",
        "principles": ["burgernetwerken"], "target_groups": ["eenzaamheid", "ouderen"],
        "status": "pilot", "wijk_codes": "WK039210"})
    assert response.status_code == 302
    practice = Practice.objects.get(title=NAME)
    upload = SimpleUploadedFile("verslag.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post(f"/praktijk/{practice.pk}/bijlagen",
                       {"file": upload, "description": "Jaarverslag"}).status_code == 302

    assert _public_doors(public, practice) == dict.fromkeys(_public_doors(client, practice),
                                                            False)
    assert client.post(f"/praktijk/{practice.pk}/publiceren").status_code == 302
    assert all(_public_doors(public, practice).values()), _public_doors(public, practice)
    assert client.post(f"/praktijk/{practice.pk}/depubliceren").status_code == 302
    assert not any(_public_doors(public, practice).values())
    # the owner organisation still has it
    assert NAME in client.get("/praktijk/").content.decode()
