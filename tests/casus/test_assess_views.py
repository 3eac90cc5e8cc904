"""The assessment pages: recording one (validation in Dutch beside the field, input kept,
status 400), reading one, the change per domain on the case, access and the access log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wijkkracht.audit.models import Outcome, ProcessingRecord
from wijkkracht.casus.instruments import ensure_shipped, load_level_descriptions
from wijkkracht.casus.models import Assessment, Case, CaseMember, Score
from wijkkracht.casus.scoping import scope
from wijkkracht.casus.services import member_add
from wijkkracht.casus.services_assess import assessment_record

from .assess_world import build_side

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    ensure_shipped()
    return (build_side(make_user, "A", household="Huishouden Zonnebloem"),
            build_side(make_user, "B", household="Huishouden Klaproos"))


def zrm_post(world_side, **changes):
    from wijkkracht.casus.models import Instrument

    zrm = Instrument.objects.get(code="zrm")
    data = {"instrument": str(zrm.pk), "moment": "intake",
            "assessed_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat()}
    for k, domain in enumerate(zrm.domains.all()):
        data[f"domain_{domain.code}"] = str(k % 5 + 1)
    data.update(changes)
    return zrm, data


def records(operation: str):
    return ProcessingRecord.objects.filter(operation=operation)


def create_url(case):
    return reverse("casus:assessment_create", args=[case.pk])


def test_the_form_shows_every_domain_with_the_level_names(world, signed_in):
    a, _b = world
    client = signed_in(a.professional)
    response = client.get(create_url(a.case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Huishouden Zonnebloem" in page
    for name in ("Financiën", "Werk &amp; opleiding", "Justitie"):
        assert f">{name}</legend>" in page
    assert "1 – Acute problematiek" in page and "5 – Volledig zelfredzaam" in page
    assert records("assessment_form").filter(participant=f"household:{a.case.household_id}",
                                             outcome=Outcome.OK).count() == 1


def test_positieve_gezondheid_is_chosen_with_a_get_form(world, signed_in):
    from wijkkracht.casus.models import Instrument

    a, _b = world
    pg = Instrument.objects.get(code="positieve-gezondheid")
    page = signed_in(a.professional).get(create_url(a.case),
                                         {"instrument": pg.pk}).content.decode()
    assert ">Zingeving</legend>" in page and ">Financiën</legend>" not in page
    assert 'value="10"' in page and 'value="0"' in page


def test_saving_writes_scores_history_and_an_access_log_record(world, signed_in):
    a, _b = world
    _zrm, data = zrm_post(a)
    response = signed_in(a.professional).post(create_url(a.case), data)
    assert response.status_code == 302
    assessment = Assessment.unscoped.get(case=a.case)
    assert response["Location"] == reverse("casus:assessment_detail",
                                           args=[a.case.pk, assessment.pk])
    assert Score.unscoped.filter(assessment=assessment).count() == 13
    assert a.case.events.model.unscoped.filter(case=a.case, kind="assessment").count() == 1
    created = records("assessment_create").get()
    assert (created.action, created.participant) == ("C", f"household:{a.case.household_id}")
    assert not records("assessment_form").exists()  # one record for the request


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"domain_financien": "7"}, "domain_financien", "Dit is geen niveau van"),
    ({"domain_justitie": "0"}, "domain_justitie", "kies van 1 tot 5"),
    ({"assessed_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
     "assessed_on", "in de toekomst"),
    ({"assessed_on": (timezone.localdate() - dt.timedelta(days=400)).isoformat()},
     "assessed_on", "voor de melding"),
])
def test_the_form_refuses_bad_input_beside_the_field_and_keeps_it(world, signed_in, change,
                                                                  field, message):
    a, _b = world
    _zrm, data = zrm_post(a, **change)
    data["domain_huisvesting"] = "4"
    response = signed_in(a.professional).post(create_url(a.case), data)
    assert response.status_code == 400
    page = response.content.decode()
    error = page.split(f'id="id_{field}_error">', 1)[1].split("</p>", 1)[0]
    assert message in error, error
    # what was typed is still there
    assert 'value="4" class="utrecht-radio-button utrecht-radio-button--html-input" ' \
           'id="id_domain_huisvesting_3" checked' in page or \
           ('name="domain_huisvesting" value="4"' in page and "checked" in page.split(
               'name="domain_huisvesting" value="4"', 1)[1].split(">", 1)[0])
    assert f'value="{data["assessed_on"]}"' in page
    assert not Assessment.unscoped.exists()


def test_the_service_refuses_out_of_range_and_dates_too(world):
    a, _b = world
    zrm, _data = zrm_post(a)
    scores = {d.code: 3 for d in zrm.domains.all()}
    from wijkkracht.casus.services import CaseInputError

    with pytest.raises(CaseInputError) as caught:
        assessment_record(a.case, instrument=zrm, moment="intake",
                          assessed_on=timezone.localdate() + dt.timedelta(days=1),
                          scores={**scores, "financien": 6}, user=a.professional)
    assert set(caught.value.errors) == {"assessed_on", "domain_financien"}
    assert not Assessment.unscoped.exists()


def test_another_team_gets_404_and_never_a_name(world, signed_in):
    a, b = world
    client = signed_in(b.professional)
    assessment = assessment_record(a.case, instrument=zrm_post(a)[0], moment="intake",
                                   assessed_on=timezone.localdate(),
                                   scores={d.code: 2 for d in zrm_post(a)[0].domains.all()},
                                   user=a.professional)
    for url, method in ((create_url(a.case), "get"), (create_url(a.case), "post"),
                        (reverse("casus:assessment_detail", args=[a.case.pk, assessment.pk]),
                         "get"),
                        # the other team's assessment through one's own case: no way round
                        (reverse("casus:assessment_detail", args=[b.case.pk, assessment.pk]),
                         "get")):
        response = getattr(client, method)(url, zrm_post(a)[1] if method == "post" else None)
        assert response.status_code in (403, 404), url
        page = response.content.decode()
        assert "Zonnebloem" not in page and "Fictief" not in page
    refused = ProcessingRecord.objects.filter(outcome=Outcome.ERROR, user_id=str(b.professional.pk))
    assert refused.count() >= 3
    assert Assessment.unscoped.count() == 1


def test_a_reader_may_read_but_not_record(world, signed_in, make_user):
    a, b = world
    member_add(a.case, b.professional, role=CaseMember.Role.READER, user=a.professional)
    zrm = zrm_post(a)[0]
    assessment = assessment_record(a.case, instrument=zrm, moment="intake",
                                   assessed_on=timezone.localdate(),
                                   scores={d.code: 2 for d in zrm.domains.all()},
                                   user=a.professional)
    client = signed_in(b.professional)
    assert client.get(create_url(a.case)).status_code == 403
    response = client.get(reverse("casus:assessment_detail", args=[a.case.pk, assessment.pk]))
    assert response.status_code == 200
    assert "Niet zelfredzaam" in response.content.decode()
    assert records("assessment_read").filter(user_id=str(b.professional.pk)).count() == 1


def test_own_level_descriptions_show_for_the_own_organisation_only(world, signed_in):
    a, b = world
    zrm = zrm_post(a)[0]
    load_level_descriptions(zrm, a.organisation, io.BytesIO(
        b"domein;niveau;tekst\nfinancien;3;Eigen criteria van Testdorp A\n"))
    page = signed_in(a.professional).get(create_url(a.case)).content.decode()
    assert "Eigen criteria van Testdorp A" in page
    member_add(a.case, b.professional, role=CaseMember.Role.WORKER, user=a.professional)
    page = signed_in(b.professional).get(create_url(a.case)).content.decode()
    assert "Financiën" in page and "Eigen criteria van Testdorp A" not in page


def test_the_case_page_section_shows_the_change_per_domain(world):
    a, _b = world
    zrm = zrm_post(a)[0]
    domains = list(zrm.domains.all())
    today = timezone.localdate()
    assessment_record(a.case, instrument=zrm, moment="intake", assessed_on=today
                      - dt.timedelta(days=30), scores={d.code: 2 for d in domains},
                      user=a.professional)
    later = {d.code: 2 for d in domains}
    later.update(financien=4, justitie=1)
    assessment_record(a.case, instrument=zrm, moment="tussentijds", assessed_on=today,
                      scores=later, user=a.professional)
    request = RequestFactory().get("/")
    request.user = a.professional
    with scope(viewer=a.professional):
        case = Case.objects.get(pk=a.case.pk)
        html = Template('{% include "casus/_assessments.html" %}').render(
            Context({"case": case, "request": request}))
    assert 'role="img"' in html and "<desc" in html
    assert "1 domein beter" in html and "1 slechter" in html and "11 gelijk" in html
    row = html.split(">Financiën</th>", 1)[1].split("</tr>", 1)[0]
    assert "2 Niet zelfredzaam" in row and "4 Voldoende zelfredzaam" in row and "+2" in row
    assert "beter" in row
    # outside a scope the section cannot read anything
    from django_scopes.exceptions import ScopeError

    with pytest.raises(ScopeError):
        Template('{% include "casus/_assessments.html" %}').render(Context({"case": case}))
