"""Casework for the team's own use: the cases the token's user may see, through the same scope
as the pages (``scope(viewer=user)``); every answer is in the access log. Read-only."""

from __future__ import annotations

import math

from django.http import HttpRequest
from ninja import Path, Query, Router

from wijkkracht.audit.models import Action, Outcome
from wijkkracht.casus.models import Assessment, Case, Goal, Person, Plan, Score
from wijkkracht.casus.scoping import scope
from wijkkracht.casus.services import log_access

from .auth import token_auth
from .errors import ApiProblem
from .schemas import Problem
from .schemas_casus import CaseDetail, CasePage

router = Router(auth=token_auth, tags=["Casussen"])
OPTIONS = {"by_alias": True}
PAGE = Query(1, ge=1, description="Paginanummer, vanaf 1.")
PAGE_SIZE = Query(50, ge=1, le=200, description="Aantal casussen per pagina.")
STATUS = Query("", max_length=20, description="Alleen deze status.")
CASE_ID = Path(..., ge=1, le=2**31 - 1, description="Nummer van de casus.")


def _case_out(case: Case) -> dict:
    lead = case.lead
    return {"id": case.pk, "team": case.team.name, "household": case.household.name,
            "wijk": case.household.wijk_code, "status": case.status,
            "signal_source": case.signal_source, "signalled_on": case.signalled_on,
            "urgency": case.urgency,
            "lead": (lead.get_full_name() or lead.username) if lead else None,
            "first_contact_on": case.first_contact_on, "closed_on": case.closed_on}


@router.get("/cases", response={200: CasePage, 400: Problem, 401: Problem},
            operation_id="listCases", summary="De casussen van uw teams",
            description="De casussen die de eigenaar van het token mag zien (eigen teams, "
                        "toegevoegd, noodtoegang), nieuwste melding eerst. Elke vraag staat in "
                        "het toegangslog.", **OPTIONS)
def list_cases(request: HttpRequest, page: int = PAGE, page_size: int = PAGE_SIZE,
               status: str = STATUS) -> dict:
    user = request.auth.user
    with scope(viewer=user):
        cases = Case.objects.select_related("household", "team", "lead").order_by(
            "-signalled_on", "-pk")
        if status:
            cases = cases.filter(status=status)
        count = cases.count()
        start = (page - 1) * page_size
        results = [_case_out(c) for c in cases[start:start + page_size]]
    log_access(Action.READ, "api_case_list", None, request=request, user=user,
               subject_id="list")
    return {"count": count, "page": page, "pages": max(1, math.ceil(count / page_size)),
            "results": results}


@router.get("/cases/{case_id}", response={200: CaseDetail, 401: Problem, 404: Problem},
            operation_id="getCase", summary="Eén casus met huishouden, metingen en plan",
            description="Een casus die de eigenaar van het token mag zien; een andere casus is "
                        "404 (en de poging staat in het toegangslog).", **OPTIONS)
def get_case(request: HttpRequest, case_id: int = CASE_ID) -> dict:
    user = request.auth.user
    with scope(viewer=user):
        case = Case.objects.select_related("household", "team", "lead").filter(
            pk=case_id).first()
        if case is None:
            log_access(Action.READ, "api_case_read", None, request=request, user=user,
                       subject_id=case_id, outcome=Outcome.ERROR, detail="forbidden")
            raise ApiProblem(404, "Deze casus bestaat niet of u mag hem niet zien.")
        home = case.household
        members = list(Person.objects.filter(household=home).order_by("pk"))
        assessments = list(Assessment.objects.filter(case=case).select_related("instrument")
                           .order_by("assessed_on", "pk"))
        scores: dict[int, dict[str, int]] = {}
        for s in Score.objects.filter(assessment__in=assessments).select_related("domain"):
            scores.setdefault(s.assessment_id, {})[s.domain.code] = s.value
        plan = Plan.objects.filter(case=case).first()
        goals = (list(Goal.objects.filter(plan=plan).select_related("domain")
                      .prefetch_related("actions")) if plan else [])
        body = {
            **_case_out(case), "question": case.question,
            "question_behind": case.question_behind, "outcome": case.outcome,
            "household_detail": {
                "name": home.name, "street": home.street, "house_number": home.house_number,
                "postcode": home.postcode, "city": home.city, "buurt": home.buurt_code,
                "wijk": home.wijk_code,
                "members": [{"given_name": p.given_name, "family_name": p.family_name,
                             "date_of_birth": p.date_of_birth, "relation": p.relation}
                            for p in members]},
            "assessments": [{"instrument": a.instrument.code, "version": a.instrument.version,
                             "moment": a.moment, "assessed_on": a.assessed_on,
                             "scores": scores.get(a.pk, {})} for a in assessments],
            "plan": None if plan is None else {"agreed_on": plan.agreed_on, "goals": [
                {"text": g.text, "domain": g.domain.code if g.domain else None,
                 "state": g.state, "actions": [
                     {"text": x.text, "who": x.who, "due_on": x.due_on, "done_on": x.done_on}
                     for x in g.actions.all()]} for g in goals]},
        }
    log_access(Action.READ, "api_case_read", case, request=request, user=user)
    return body
