"""Every URL pattern x every role x own and other team: the expected status, no names the role
may not see, and an access-log record for every view of personal data.

The patterns are read from the URL configuration, so a new view cannot escape this test: a
pattern without an entry in ``EXPECTED`` fails ``test_every_url_pattern_has_an_expectation``.
The world is small and built here: two teams, each with a netwerkscan whose participants have
names that occur nowhere else, and a user per role in the first team ("own").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.conftest import area_row, write_kwb_csv
from wijkkracht.accounts.models import Membership, Organisation, Team, TeamArea, User
from wijkkracht.areas.services import kwb_dataset_save
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import services as casework
from wijkkracht.casus import services_meet as casework_meet
from wijkkracht.casus.instruments import ensure_shipped
from wijkkracht.casus.models import (
    Assessment,
    Case,
    CaseDocument,
    Consent,
    Goal,
    Instrument,
    Meeting,
    NetworkMember,
    Person,
    Plan,
    PlanAction,
    Referral,
)
from wijkkracht.jobs import registry as job_kinds
from wijkkracht.jobs.models import Job
from wijkkracht.jobs.services import request_job
from wijkkracht.kaart.models import Service, Suggestion
from wijkkracht.monitor.models import Indicator, SroiInitiative
from wijkkracht.monitor.services_sroi import sroi_save
from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import Moment, NetwerkScan, Participant
from wijkkracht.praktijk import models as praktijk
from wijkkracht.praktijk.models import Attachment, Practice

ROLES = ("anonymous", "password_only", "no_team", "professional", "coordinator", "analyst",
         "administrator", "privacy_officer", "superuser")
TEAM_ROLES = {"professional": Membership.Role.PROFESSIONAL,
              "coordinator": Membership.Role.COORDINATOR,
              "analyst": Membership.Role.ANALYST,
              "administrator": Membership.Role.ADMINISTRATOR}
# Names that occur nowhere in the product: finding one in a response means it leaked.
OWN_NAMES = ("Aaltje Zonnedauw", "Berend Klaproos", "Cor Vlasbloem")
OTHER_NAMES = ("Dirkje Hopbel", "Evert Speenkruid", "Fenna Akkerwinde")
# The residents of each team's case.
CASE_OWN_NAMES = ("Gerritje Boterbloem",)
CASE_OTHER_NAMES = ("Hendrik Paardenbloem",)
CASE_ROLES = ("professional", "coordinator")
SIGN_IN = "/account/aanmelden"
CODE_STEP = "/account/code"
ADMIN_ROLES = ("administrator", "superuser")


@dataclass
class World:
    own: NetwerkScan
    other: NetwerkScan
    tokens: dict[str, str]  # "own"/"other" -> an unused survey token
    cases: dict[str, Case]  # "own"/"other" -> the team's case
    kaart_service: Service  # a sociale kaart entry without a keeper among the roles
    kaart_suggestion: Suggestion  # an open suggestion for it
    # "own": an SROI initiative of the teams' organisation; "other": of another organisation
    sroi: dict[str, SroiInitiative] = field(default_factory=dict)
    # "own": an unpublished practice of the teams' organisation (with an attachment);
    # "other": an unpublished practice of another organisation
    practices: dict[str, Practice] = field(default_factory=dict)
    # "own"/"other": a learning network; the own one has the professional as a member and the
    # coordinator as its lead (client_for), the other none of the roles
    networks: dict[str, praktijk.Network] = field(default_factory=dict)
    # "own": a finished background job of whoever the role is (a visitor: by session);
    # "other": someone else's
    jobs: dict[str, Job] = field(default_factory=dict)

    def scan(self, side: str) -> NetwerkScan:
        return self.own if side == "own" else self.other

    def moment(self, side: str) -> Moment:
        return self.scan(side).moments.get(label="T0")

    def participant(self, side: str) -> Participant:
        return self.scan(side).participants.order_by("pk").first()


# --- expectations -------------------------------------------------------------------------------
# A rule maps (role, side) to the status a GET must answer. "login" is a redirect to the sign-in
# page, "code" a redirect to the second step: what a user who has not (fully) signed in gets.


def public(role: str, side: str) -> int | str:
    return 200


def signed_in(allowed: Callable[[str, str], bool], refused: int = 403):
    def rule(role: str, side: str) -> int | str:
        if role == "anonymous":
            return "login"
        if role == "password_only":
            return "code"
        return 200 if allowed(role, side) else refused
    return rule


def own_team(*roles: str):
    return signed_in(lambda role, side: side == "own" and role in roles)


def any_role(*roles: str):
    return signed_in(lambda role, side: role in roles)


EVERY_SIGNED_IN = signed_in(lambda role, side: True)
CASEWORKER = own_team(*CASE_ROLES)


def break_glass(role: str, side: str) -> int | str:
    """Emergency access is for caseworkers, to a case out of their reach; their own team's
    case simply opens."""
    if role in CASE_ROLES and side == "own":
        return "case page"
    return signed_in(lambda role, side: role in CASE_ROLES)(role, side)
COORDINATOR = own_team("coordinator")
COORDINATOR_OR_ANALYST = own_team("coordinator", "analyst")


def sroi_initiative(role: str, side: str) -> int | str:
    """An SROI initiative: the organisation's analysts and coordinators; another
    organisation's initiative is not found for them, and refused for everyone else."""
    want = any_role("coordinator", "analyst")(role, side)
    return 404 if want == 200 and side == "other" else want


SROI = sroi_initiative
NETWORK_ROLES = {"professional": praktijk.NetworkMember.Role.MEMBER,
                 "coordinator": praktijk.NetworkMember.Role.LEAD}


def learning_network(*, lead_only: bool = False, administrator: bool = False):
    """A learning network's pages: its members (or only its leads; a member who is not a lead
    is refused) and, for the member list, the functional administrator; whoever is outside
    the network does not find it."""
    def rule(role: str, side: str) -> int | str:
        member = side == "own" and role in NETWORK_ROLES
        if administrator and role in ADMIN_ROLES:
            return signed_in(lambda r, s: True)(role, side)
        if lead_only and member and role != "coordinator":
            return signed_in(lambda r, s: False)(role, side)
        return signed_in(lambda r, s: member if not lead_only else member and r == "coordinator",
                         refused=404)(role, side)
    return rule


def practice_public(role: str, side: str) -> int | str:
    """Praktijkbank pages for everyone (published practices only); a half-signed-in user is
    sent to the second step first, as everywhere outside the public prefixes."""
    return "code" if role == "password_only" else 200


def practice_view(role: str, side: str) -> int | str:
    """An unpublished practice: its organisation's team members; not found for anyone else
    (its existence does not leak)."""
    if role == "password_only":
        return "code"
    return 200 if side == "own" and role in TEAM_ROLES else 404


def practice_edit(role: str, side: str) -> int | str:
    if role == "anonymous":
        return "login"
    return practice_view(role, side)


def own_job(role: str, side: str) -> int | str:
    """A background job's page and file: whoever asked for it (a visitor: their session);
    nobody else finds it."""
    return 200 if side == "own" else 404


def post_only(role: str, side: str) -> int | str:
    """POST-only views: a GET is 405 for whoever may reach the view at all."""
    if role == "anonymous":
        return "login"
    if role == "password_only":
        return "code"
    return 405


def sign_in_step(*, anonymous: int | str, password_only: int | str,
                 verified: int | str = "302 -> /"):
    """The sign-in pages: each step for who is at it, home for who is past it."""
    def rule(role: str, side: str) -> int | str:
        return {"anonymous": anonymous, "password_only": password_only}.get(role, verified)
    return rule


def admin_rule(role: str, side: str, allowed: int | str = 200) -> int | str:
    if role == "anonymous":
        return "login"
    if role == "password_only":
        return "code"
    return allowed if role in ADMIN_ROLES else 403


EXPECTED: dict[str, Callable[[str, str], int | str]] = {
    "web:home": public,
    "web:accessibility": public,
    "web:health": public,
    "web:ready": public,  # the load balancer's readiness probe: 200 on the test database
    "jobs:detail": own_job,
    "jobs:state": own_job,
    "jobs:download": own_job,
    "jobs:retry": lambda role, side: 405,
    "wijkfoto:index": public,
    "wijkfoto:area": public,
    "wijkfoto:area_pdf": public,
    "wijkfoto:area_json": public,
    "wijkfoto:area_csv": public,
    "wijkfoto:gemeente": public,
    "netwerk:survey": public,  # a personal link: the token is the key
    "netwerk:survey_withdraw": public,
    "netwerk:scan_list": EVERY_SIGNED_IN,
    "netwerk:scan_create": any_role("coordinator"),
    "netwerk:scan_detail": COORDINATOR,
    "netwerk:participant_add": COORDINATOR,
    "netwerk:participants_upload": COORDINATOR,
    "netwerk:participant_withdraw": COORDINATOR,
    "netwerk:moment_create": COORDINATOR,
    "netwerk:moment_links": post_only,
    "netwerk:moment_mail": post_only,
    "netwerk:moment_close": COORDINATOR,  # GET asks for confirmation
    "netwerk:answers_upload": COORDINATOR,
    "netwerk:results": COORDINATOR_OR_ANALYST,
    "netwerk:results_html": COORDINATOR_OR_ANALYST,
    "netwerk:results_pdf": COORDINATOR_OR_ANALYST,
    "netwerk:results_csv": COORDINATOR_OR_ANALYST,
    "audit:index": any_role("privacy_officer"),
    "toezicht:emergency": any_role("privacy_officer"),
    "toezicht:case_search": any_role("privacy_officer"),
    "toezicht:case_log": any_role("privacy_officer"),
    "casus:case_list": EVERY_SIGNED_IN,  # lists only what the user may see
    "casus:case_create": any_role(*CASE_ROLES),
    "casus:case_detail": CASEWORKER,
    "casus:case_edit": CASEWORKER,
    "casus:case_status": CASEWORKER,
    "casus:household_edit": CASEWORKER,
    "casus:person_add": CASEWORKER,
    "casus:person_edit": CASEWORKER,
    "casus:case_members": own_team("coordinator"),
    "casus:break_glass": break_glass,
    "casus:network": CASEWORKER,
    "casus:network_add": CASEWORKER,
    "casus:network_edit": CASEWORKER,
    "casus:network_remove": post_only,
    "casus:plan": CASEWORKER,
    "casus:plan_edit": CASEWORKER,
    "casus:goal_add": CASEWORKER,
    "casus:goal_edit": CASEWORKER,
    "casus:goal_remove": post_only,
    "casus:action_add": CASEWORKER,
    "casus:action_edit": CASEWORKER,
    "casus:action_remove": post_only,
    "casus:assessment_create": CASEWORKER,
    "casus:assessment_detail": CASEWORKER,
    # The resident's rights: inzage by the coordinator or the case's contact person (the
    # world's cases have none), restriction and erasure by the coordinator.
    "casus:inzage": COORDINATOR,
    "casus:inzage_json": COORDINATOR,
    "casus:restriction": COORDINATOR,
    "casus:erase": COORDINATOR,  # an open case: the page says it must be closed first
    # The monitor: the aggregate of the user's gemeente, for its analysts and coordinators.
    "casus:monitor": any_role("coordinator", "analyst"),
    "casus:monitor_csv": any_role("coordinator", "analyst"),
    # The monitor's charts and downloads: aggregates only, for the same roles.
    "monitor:dashboard": any_role("coordinator", "analyst"),
    "monitor:indicator": any_role("coordinator", "analyst"),
    "monitor:step_add": post_only,
    "monitor:target_set": post_only,
    "monitor:export_csv": any_role("coordinator", "analyst"),
    "monitor:export_xlsx": any_role("coordinator", "analyst"),
    "monitor:report_pdf": any_role("coordinator", "analyst"),
    # A team's own indicators: the list and a new one for the same roles; one indicator's
    # figures, definition and removal (GET asks for confirmation) for its own team only.
    "monitor:own_list": any_role("coordinator", "analyst"),
    "monitor:own_create": any_role("coordinator", "analyst"),
    "monitor:own_detail": COORDINATOR_OR_ANALYST,
    "monitor:own_edit": COORDINATOR_OR_ANALYST,
    "monitor:own_delete": COORDINATOR_OR_ANALYST,
    "casus:consent_create": CASEWORKER,
    "casus:consent_withdraw": CASEWORKER,  # GET asks for the date
    "casus:meeting_create": CASEWORKER,
    "casus:meeting_edit": CASEWORKER,
    "casus:referral_create": CASEWORKER,
    "casus:referral_result": CASEWORKER,
    "casus:escalate": CASEWORKER,
    "casus:escalation_return": CASEWORKER,  # says so when the case is not escalated
    "casus:document_add": CASEWORKER,
    "casus:document_download": CASEWORKER,
    "accounts:login": sign_in_step(anonymous=200, password_only="code"),
    "accounts:logout": lambda role, side: 405,  # signing out is a POST
    "accounts:otp": sign_in_step(anonymous="login", password_only=200),
    "accounts:otp_setup": sign_in_step(anonymous="login", password_only="code", verified=200),
    "accounts:otp_recovery": sign_in_step(anonymous="login", password_only=200),
    "accounts:recovery_codes": sign_in_step(anonymous="login", password_only="code",
                                            verified=200),
    "accounts:password_reset": public,
    "accounts:password_reset_done": public,
    "accounts:password_reset_confirm": public,  # an unknown link says so
    "accounts:password_reset_complete": public,
    "web:favicon": lambda role, side: "302 -> /static/wijkkracht/favicon.svg",
    # The sociale kaart: public for residents; the search inside the platform for any member
    # of a team (the kaart is public information, so no team scoping and no access log).
    "kaart:home": public,
    "kaart:service": public,
    "kaart:card": public,
    "kaart:pro_search": any_role(*TEAM_ROLES),
    # The admin signs in through our own sign-in (which sends a half-signed user to the code).
    "admin:<unnamed beheer/login/>": sign_in_step(anonymous="login", password_only="code",
                                                  verified="login"),
    "admin:login": sign_in_step(anonymous="login", password_only="code", verified="login"),
    "admin:logout": lambda role, side: ("beheer" if role == "anonymous"  # to the admin's index
                                        else admin_rule(role, side, 405)),  # a POST
    "admin:autocomplete": lambda role, side: admin_rule(role, side, 403),  # needs its fields
    "admin:<unnamed beheer/(?P<url>.*)$>": lambda role, side: admin_rule(role, side, 404),
    # Sociale kaart editing: every professional in a team (and the functional administrator)
    # suggests; the administrator and the service's keeper (none of these roles) review.
    "kaart:suggest": any_role(*TEAM_ROLES, "superuser"),
    "kaart:suggest_new": any_role(*TEAM_ROLES, "superuser"),
    "kaart:review_list": any_role(*ADMIN_ROLES),
    "kaart:review": any_role(*ADMIN_ROLES),
    "kaart:history": any_role(*ADMIN_ROLES),
    "kaart:confirm": post_only,
    # the need taxonomy of the kaart's search: the functional administrator only
    "kaart:needs": any_role(*ADMIN_ROLES),
    "kaart:needs_download": any_role(*ADMIN_ROLES),
    "kaart:needs_add_word": post_only,
    # SROI value maps: the organisation's analysts and coordinators; another organisation's
    # initiative is not found.
    "monitor:sroi_list": any_role("coordinator", "analyst"),
    "monitor:sroi_create": any_role("coordinator", "analyst"),
    "monitor:sroi_detail": SROI,
    "monitor:sroi_edit": SROI,
    "monitor:sroi_pdf": SROI,
    "monitor:sroi_csv": SROI,
    "monitor:sroi_xlsx": SROI,
    # The praktijkbank: list, search and open data public (published practices only); adding
    # for team members; an unpublished practice for its organisation only.
    "praktijk:list": practice_public,
    "praktijk:open_data_json": practice_public,
    "praktijk:open_data_csv": practice_public,
    "praktijk:create": any_role(*TEAM_ROLES),
    "praktijk:detail": practice_view,
    "praktijk:pdf": practice_view,
    "praktijk:attachment": practice_view,
    "praktijk:edit": practice_edit,
    "praktijk:attachments": practice_edit,
    "praktijk:publish": post_only,
    "praktijk:unpublish": post_only,
    # Learning networks of the praktijkbank: members read, ask and answer; leads record
    # meetings and keep the member list (with the functional administrator, who creates
    # networks); outsiders do not find a network (404).
    "praktijk:network_list": EVERY_SIGNED_IN,  # lists only the user's own networks
    "praktijk:network_create": any_role(*ADMIN_ROLES),
    "praktijk:network_detail": learning_network(),
    "praktijk:network_follow": post_only,
    "praktijk:network_members": learning_network(lead_only=True, administrator=True),
    "praktijk:network_meeting_create": learning_network(lead_only=True),
    "praktijk:network_meeting": learning_network(),
    "praktijk:network_question_create": learning_network(),
    "praktijk:network_question": learning_network(),
}

# Views that show personal data when they answer 200: each such view writes an access-log
# record (NEN 7513). Admin pages of people are in this set through PERSONAL_ADMIN_MODELS.
PERSONAL = {"netwerk:scan_detail", "netwerk:participant_withdraw", "netwerk:results",
            "netwerk:results_html", "netwerk:results_pdf", "netwerk:results_csv",
            "netwerk:survey", "audit:index", "casus:case_list", "casus:case_detail",
            "casus:case_edit", "casus:case_status", "casus:household_edit", "casus:person_add",
            "casus:person_edit", "casus:case_members", "casus:network", "casus:network_add",
            "casus:network_edit", "casus:plan", "casus:plan_edit", "casus:goal_add",
            "casus:goal_edit", "casus:action_add", "casus:action_edit",
            "casus:assessment_create", "casus:assessment_detail", "casus:consent_create",
            "casus:consent_withdraw", "casus:meeting_create", "casus:meeting_edit",
            "casus:referral_create", "casus:referral_result", "casus:escalate",
            "casus:escalation_return", "casus:document_add", "casus:document_download",
            "casus:inzage", "casus:inzage_json", "casus:restriction", "casus:erase",
            "toezicht:emergency", "toezicht:case_log",
            # they name who suggested and who reviewed a change to the sociale kaart
            "kaart:review_list", "kaart:review", "kaart:history"}
PERSONAL_ADMIN_MODELS = ("accounts_user",)


def expected(name: str) -> Callable[[str, str], int | str] | None:
    if name in EXPECTED:
        return EXPECTED[name]
    if name.startswith("admin:<unnamed"):
        return lambda role, side: admin_rule(role, side, "beheer")
    if name.startswith("admin:"):
        return admin_rule
    return None


def is_personal(name: str) -> bool:
    return name in PERSONAL or (name.startswith("admin:") and any(
        name.startswith(f"admin:{model}_") for model in PERSONAL_ADMIN_MODELS)
        and not name.endswith("_add"))


# --- the URL configuration ----------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    pattern: str


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            full = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            if not full:
                area = "admin" if (prefix + str(p.pattern)).startswith("beheer/") else namespace
                full = f"{area}:<unnamed {prefix}{p.pattern}>"
            yield Route(full, prefix + str(p.pattern))


def routes() -> list[Route]:
    """Every page of the product; the API (its own table in tests/api) and static files aside."""
    found = {}
    for route in _walk(get_resolver().url_patterns):
        if route.pattern.startswith(("api/", "static/", "^static")) or route.name.startswith(
                "api"):
            continue
        found.setdefault(route.name, route)
    return sorted(found.values(), key=lambda r: r.name)


def admin_object(name: str):
    """The model instance an admin page with an object id is about (first of its kind)."""
    from django.apps import apps

    match = re.match(r"admin:(\w+?)_(\w+)_(change|delete|history)$", name)
    unnamed = re.match(r"admin:<unnamed beheer/(\w+)/(\w+)/<path:object_id>/>$", name)
    match = match or unnamed
    if not match:
        return None
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == f"{match[1]}_{match[2]}":
            return model.objects.order_by("pk").first()
    return None


def concrete(route: Route, world: World, side: str) -> str | None:
    """The route with sample values for its parameters, taken from ``side``'s team."""
    scan = world.scan(side)
    values = {"code": "GM9999" if route.name == "wijkfoto:gemeente" else "WK999901",
              "token": world.tokens[side],
              "participant": str(world.participant(side).pk)}
    if route.name.startswith("netwerk:"):
        values["pk"] = str(world.moment(side).pk if "/meetmoment/" in route.pattern
                           else scan.pk)
    if route.name.startswith("toezicht:"):
        values["case"] = str(world.cases[side].pk)
    if route.name.startswith("casus:"):
        case = world.cases[side]
        values["pk"] = str(case.pk)
        values["person"] = str(Person.unscoped.filter(household_id=case.household_id)
                               .order_by("pk").first().pk)
        values["member_pk"] = str(NetworkMember.unscoped.get(case=case).pk)
        values["goal_pk"] = str(Goal.unscoped.get(plan__case=case).pk)
        values["action_pk"] = str(PlanAction.unscoped.get(goal__plan__case=case).pk)
        values["assessment"] = str(Assessment.unscoped.get(case=case).pk)
        for key, model in (("consent", Consent), ("meeting", Meeting),
                           ("referral", Referral), ("document", CaseDocument)):
            values[key] = str(model.unscoped.filter(case=case).order_by("pk").first().pk)
    if route.name.startswith("audit:"):
        values["case"] = str(world.cases["own"].pk)
    if route.name.startswith("jobs:"):
        values["pk"] = str(world.jobs[side].pk)
    if route.name == "monitor:indicator":
        values["code"] = "new"
    if route.name.startswith("monitor:own_"):
        values["pk"] = str(Indicator.objects.get(team=scan.team).pk)
    if route.name.startswith("kaart:"):
        values["pk"] = str(world.kaart_suggestion.pk if route.name == "kaart:review"
                           else world.kaart_service.pk)
    if route.name.startswith("monitor:sroi_"):
        values["pk"] = str(world.sroi[side].pk)
    if route.name.startswith("praktijk:") and not route.name.startswith("praktijk:network_"):
        practice = world.practices[side]
        values["pk"] = str(practice.pk)
        attachment = practice.attachments.order_by("pk").first()
        values["attachment_pk"] = str(attachment.pk if attachment else 0)
    if route.name.startswith("praktijk:network_"):
        network = world.networks[side]
        values["pk"] = str(network.pk)
        values["meeting"] = str(network.meetings.get().pk)
        values["q"] = str(network.questions.get().pk)
    if route.name.startswith("admin:"):
        obj = admin_object(route.name)
        values["object_id"] = str(obj.pk) if obj is not None else "1"
        person = User.objects.order_by("pk").first()  # for a person's password page
        values["id"] = str(person.pk) if person is not None else "1"
        values["app_label"] = route.name.split(":")[1].split("_")[0]
    if route.name == "admin:app_list":
        values["app_label"] = "accounts"
    text = route.pattern
    if text.startswith("^") or "(?P" in text:
        text = text.replace("^", "").replace("$", "").replace("\\", "")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values.get(m[1], "1"), text)
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m[1], "1"), text)
    if any(c in text for c in "()[]*+?|$"):
        return None
    return "/" + text


# --- the world ----------------------------------------------------------------------------------

def build_world(tmp_path) -> World:
    rows = [area_row("NL00", "Nederland", "", AantalInwoners_5="1000"),
            area_row("GM9999", "Proefgemeente", "Proefgemeente", AantalInwoners_5="1000"),
            area_row("WK999901", "Proefwijk Noord", "Proefgemeente", AantalInwoners_5="600"),
            area_row("WK999902", "Proefwijk Zuid", "Proefgemeente", AantalInwoners_5="400"),
            area_row("BU99990101", "Proefbuurt", "Proefgemeente", AantalInwoners_5="600")]
    kwb_dataset_save(read_kwb_file(write_kwb_csv(tmp_path / "kwb.csv", rows), year=2024))

    gemeente = Organisation.objects.create(name="Proefgemeente", kind="gemeente")
    scans, tokens, cases = {}, {}, {}
    for side, names, code in (("own", OWN_NAMES, "WK999901"), ("other", OTHER_NAMES, "WK999902")):
        team = Team.objects.create(name=f"Wijkteam {side}", kind="sociaal_wijkteam",
                                   organisation=gemeente)
        TeamArea.objects.create(team=team, area_code=code)
        scan = services.scan_create(team=team, name=f"Scan {side}", area_codes=[], user=None)
        services.participants_add(scan, [
            services.participant_build(scan, display_name=name, organisation_name="Org",
                                       sector="welfare", consent_named=True)
            for name in names])
        links = services.invitations_issue(scan.moments.get(label="T0"))
        people = {link.participant.pk for link in links}
        for link in links[1:]:  # two answer; the first link stays unused for the survey page
            services.survey_submit(link.token, [
                services.AnswerInput(named_id=pk, level=3)
                for pk in people - {link.participant.pk}], consent_named=True)
        scans[side], tokens[side] = scan, links[0].token
        Indicator.objects.create(organisation=gemeente, team=team, code="consulten",
                                 name="Consulten huisarts", source="Huisartsenpraktijk")
        resident = (CASE_OWN_NAMES if side == "own" else CASE_OTHER_NAMES)[0].split()
        cases[side] = casework.case_register(
            team=team, user=None, household={"name": f"Huishouden {resident[1]}"},
            person={"given_name": resident[0], "family_name": resident[1]},
            case={"signal_source": "huisarts", "question": "Hulp bij de administratie"})
        NetworkMember.unscoped.create(case=cases[side], name="Buurvrouw", kind="buur")
        plan = Plan.unscoped.create(case=cases[side])
        goal = Goal.unscoped.create(plan=plan, text="Overzicht over de post")
        PlanAction.unscoped.create(goal=goal, text="Post sorteren", who="bewoner")
        ensure_shipped()
        zrm = Instrument.objects.get(code="zrm", organisation=None)
        Assessment.unscoped.create(case=cases[side], instrument=zrm, moment="intake")
        given = casework_meet.consent_record(
            cases[side], purpose="verwijzen", recipient="GGZ Proef",
            given_on=timezone.localdate() - dt.timedelta(days=2), person=None, user=None)
        casework_meet.meeting_save(cases[side], None, values={
            "kind": "mdo", "held_on": timezone.localdate() - dt.timedelta(days=1)},
            participants=[], user=None)
        casework_meet.referral_out(cases[side], to_organisation="GGZ Proef", reason="Zorg",
                                   referred_on=timezone.localdate(), consent=given, user=None)
        casework_meet.document_add(cases[side], name="brief.pdf", content=b"%PDF-1.4 proef",
                                   description="", user=None)
    service = Service.objects.create(name="Koffieochtend Proef", status=Service.Status.ACTIVE,
                                     description="Koffie en een praatje.")
    suggestion = Suggestion.objects.create(service=service, proposed={"name": "Koffie Proef"})
    elsewhere = Organisation.objects.create(name="Andere gemeente", kind="gemeente")
    sroi = {side: sroi_save(organisation=organisation, initiative=None, user=None,
                            head={"name": f"Initiatief {side}", "discount_rate": 2.25},
                            stakeholders=[{"name": "Gemeente", "kind": "gemeente"}],
                            inputs=[{"stakeholder": "Gemeente", "amount": 1000.0, "year": 1}],
                            outcomes=[{"stakeholder": "Gemeente", "description": "Minder crises",
                                       "quantity": 2.0, "quantity_source": "monitor",
                                       "duration": 1, "proxy": 900.0, "proxy_source": "proef",
                                       **{f"{a}{p}": v for a in ("deadweight", "displacement",
                                                                 "attribution", "drop_off")
                                          for p, v in (("", 0.0), ("_grade", "C"))},
                                       "pocket": "gemeente"}])
            for side, organisation in (("own", gemeente), ("other", elsewhere))}
    practices = {side: Practice.objects.create(
        title=f"Praktijk {side}", summary="Een proef.", organisation=organisation,
        wijk_codes=["WK999901"]) for side, organisation in (("own", gemeente),
                                                            ("other", elsewhere))}
    for practice in practices.values():
        Attachment.objects.create(practice=practice, name="plan.pdf", size=9,
                                  content_type="application/pdf", sha256="0" * 64,
                                  content=b"%PDF-1.4\n")
    networks = {}
    for side in ("own", "other"):
        network = praktijk.Network.objects.create(name=f"Leernetwerk {side}")
        praktijk.Meeting.objects.create(network=network, held_on=timezone.localdate(),
                                        title="Startbijeenkomst")
        question = praktijk.Question.objects.create(network=network, title="Wie weet raad?")
        praktijk.Answer.objects.create(question=question, text="Bel de buurtkamer.")
        networks[side] = network
    return World(own=scans["own"], other=scans["other"], tokens=tokens, cases=cases,
                 kaart_service=service, kaart_suggestion=suggestion, sroi=sroi,
                 practices=practices, networks=networks)


def _matrix_file(params: dict, owner, progress) -> job_kinds.Output:
    return job_kinds.Output(b"proef", "proef.txt", "text/plain")


def add_jobs(world: World, client: Client, role: str, make_user) -> None:
    """A finished job for the role (by session for whoever is not signed in), and one of
    somebody else's."""
    job_kinds.register("test.matrix", "Proef", _matrix_file)
    user = client.session.get("_auth_user_id")
    owner = User.objects.get(pk=user) if user and role != "password_only" else None
    session = "" if owner else client.session.session_key
    world.jobs["own"] = request_job("test.matrix", {}, user=owner, session_key=session)
    world.jobs["other"] = request_job("test.matrix", {}, user=make_user(f"ander-{role}"))


def client_for(role: str, world: World, make_user) -> Client:
    from django_otp.oath import totp

    client = Client()
    if role == "anonymous":
        return client
    user = make_user(f"user-{role}")
    if role in TEAM_ROLES:
        Membership.objects.create(user=user, team=world.own.team, role=TEAM_ROLES[role])
    if role in NETWORK_ROLES:
        praktijk.NetworkMember.objects.create(network=world.networks["own"], user=user,
                                              role=NETWORK_ROLES[role])
    if role == "privacy_officer":
        User.objects.filter(pk=user.pk).update(is_privacy_officer=True)
    if role == "administrator":  # as the demo's: the role and the switch for /beheer/
        User.objects.filter(pk=user.pk).update(is_staff=True)
    if role == "superuser":
        User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
    user.refresh_from_db()
    client.force_login(user)
    if role != "password_only":
        device = user.totpdevice_set.get()
        response = client.post(CODE_STEP, {"token": f"{totp(device.bin_key):06d}"})
        assert response.status_code == 302, (role, response.status_code)
    return client


# --- the tests ----------------------------------------------------------------------------------

def test_every_url_pattern_has_an_expectation(db):
    missing = [r.name for r in routes() if expected(r.name) is None]
    assert not missing, f"add these URL names to EXPECTED in {__file__}: {missing}"
    unknown = set(EXPECTED) - {r.name for r in routes()}
    assert not unknown, f"EXPECTED names URLs that no longer exist: {unknown}"


def _status(response) -> int | str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith((SIGN_IN, "/beheer/login/")):
            return "login"
        if location.startswith(CODE_STEP):
            return "code"
        if location.startswith("/beheer/"):
            return "beheer"  # the admin's own redirects, e.g. an object's page to its form
        if re.fullmatch(r"/casus/\d+/", location):
            return "case page"
        return f"302 -> {location}"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role_and_team(role, db, tmp_path, make_user):
    world = build_world(tmp_path)
    client = client_for(role, world, make_user)
    add_jobs(world, client, role, make_user)
    failures = []
    for route in routes():
        rule = expected(route.name)
        # Only pages about a team's (or an organisation's) objects differ between the own and
        # the other team (organisation).
        team_scoped = route.name.startswith(("netwerk:", "casus:", "monitor:sroi_",
                                             "monitor:own_", "praktijk:", "jobs:"))
        for side in ("own", "other") if team_scoped else ("own",):
            url = concrete(route, world, side)
            if url is None:
                continue
            before = ProcessingRecord.objects.count()
            response = client.get(url)
            got, want = _status(response), rule(role, side)
            if str(got).startswith("302 -> /taken/"):  # a download made in the background:
                response = client.get(response["Location"])  # its page, for this role
                got = response.status_code
            body = b"" if response.streaming else response.content
            if got != want and not (want == 200 and got == 404 and "object_id" in route.pattern
                                    and admin_object(route.name) is None):
                failures.append(f"{route.name} {side} {url}: {got}, expected {want}")
            text = body.decode("utf-8", "replace")
            # The survey shows its participant the list it asks about: the link is the key.
            # The privacy officer's access log names whose data were processed.
            everyone = OWN_NAMES + OTHER_NAMES + CASE_OWN_NAMES + CASE_OTHER_NAMES
            may_see = (everyone if route.name.startswith("audit:") and role == "privacy_officer"
                       else OWN_NAMES + OTHER_NAMES if route.name.startswith("netwerk:survey")
                       else OWN_NAMES if role == "coordinator" and side == "own"
                       and route.name.startswith("netwerk:")
                       else CASE_OWN_NAMES if role in CASE_ROLES
                       and route.name.startswith("casus:") else ())
            leaked = [n for n in everyone if n in text and n not in may_see]
            if leaked:
                failures.append(f"{route.name} {side} {url}: shows {leaked}")
            if "Traceback" in text:
                failures.append(f"{route.name} {side} {url}: a traceback")
            if (got == 200 and is_personal(route.name)
                    and ProcessingRecord.objects.count() == before):
                failures.append(f"{route.name} {side} {url}: 200 without an access-log record")
    assert not failures, f"{role}:\n" + "\n".join(failures)
