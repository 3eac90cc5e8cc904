"""Every page reflows at 320 CSS pixels (WCAG 2.1, 1.4.10): no horizontal scrolling of the
page itself, for a visitor and for each role that has pages; wide tables and maps scroll
inside their own region. One browser context per role, pages visited in turn."""

from __future__ import annotations

import contextlib
import functools

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from tests.e2e.conftest import sign_in
from wijkkracht.accounts.models import Team, User
from wijkkracht.casus.instruments import ensure_shipped
from wijkkracht.casus.models import BreakGlass, Case, Goal, Instrument
from wijkkracht.casus.scoping import scopes_disabled
from wijkkracht.casus.services_assess import assessment_record
from wijkkracht.kaart.models import Service as KaartService
from wijkkracht.kaart.services import load_demo_kaart
from wijkkracht.monitor.models import Indicator, IndicatorValue, SroiInitiative
from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import Moment, NetwerkScan, Participant
from wijkkracht.praktijk import models as praktijk
from wijkkracht.web.demo import create_demo_organisation, load_demo_praktijk

PHONE = {"width": 320, "height": 640}
OVERFLOW = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# Table headers whose words the browser may break at any letter ("Gemeent e", "N r.").
BREAKABLE_HEADERS = """() => [...document.querySelectorAll('th')].filter(th => {
  const s = getComputedStyle(th);
  return s.wordBreak === 'break-all' || s.wordBreak === 'break-word'
    || s.overflowWrap === 'anywhere';
}).map(th => th.textContent.trim().slice(0, 30))"""

# URL names that are not pages of their own: downloads, the API, POST-only actions, the probes
# (JSON), and the admin (h1's tests); every other name must be visited below.
NOT_PAGES = {"wijkfoto:area_pdf", "wijkfoto:area_json", "wijkfoto:area_csv",
             "netwerk:results_html", "netwerk:results_pdf", "netwerk:results_csv",
             "netwerk:moment_mail", "accounts:logout", "web:health", "web:ready",
             "web:favicon",
             "casus:network_remove", "casus:goal_remove", "casus:action_remove",
             "casus:monitor_csv", "casus:document_download", "casus:inzage_json",
             "kaart:confirm", "kaart:needs_download", "kaart:needs_add_word",
             "monitor:step_add", "monitor:target_set",
             "monitor:export_csv", "monitor:export_xlsx", "monitor:report_pdf",
             "monitor:sroi_pdf", "monitor:sroi_csv", "monitor:sroi_xlsx",
             "praktijk:open_data_json", "praktijk:open_data_csv", "praktijk:pdf",
             "praktijk:attachment", "praktijk:publish", "praktijk:unpublish",
             "praktijk:network_follow", "jobs:state", "jobs:download", "jobs:retry"}
# The way back in (recovery code, new codes, forgotten password) is walked at 320 px by
# test_sign_in_pages.py, which can reach the steps between sign-in and code.
CHECKED_ELSEWHERE = {"accounts:otp_recovery", "accounts:recovery_codes",
                     "accounts:password_reset", "accounts:password_reset_done",
                     "accounts:password_reset_confirm", "accounts:password_reset_complete",
                     # consent, meetings, referrals: tests/e2e/test_meet_pages.py (with axe)
                     "casus:consent_create", "casus:consent_withdraw", "casus:meeting_create",
                     "casus:meeting_edit", "casus:referral_create", "casus:referral_result",
                     "casus:escalate", "casus:escalation_return", "casus:document_add",
                     # the kaart's editing pages: tests/e2e/test_kaart_workflow_pages.py walks
                     # them at desktop width and 320 px with axe, also in their error states
                     "kaart:suggest", "kaart:suggest_new", "kaart:review_list", "kaart:review",
                     "kaart:history", "kaart:needs",
                     # a background job's page: test_browser.py (a visitor's PDF), with axe, at
                     # desktop width and 320 px
                     "jobs:detail"}


def _page_names() -> set[str]:
    names = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                if p.namespace in ("admin",) or "api" in str(p.pattern):
                    continue
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)
    walk(get_resolver().url_patterns)
    return names - NOT_PAGES - CHECKED_ELSEWHERE


@pytest.fixture
def demo(data):
    users = {u.username: u for u in create_demo_organisation()}
    load_demo_kaart()
    scan = NetwerkScan.objects.get()
    t1 = Moment.objects.get(scan=scan, label="T1")
    person = Participant.objects.filter(scan=scan).first()
    token = services.invitations_issue(t1)[0].token
    return users, scan, t1, person, token


def _case_pages(users) -> tuple[list[str], str, str]:
    """The case pages of one demo case of the professional's team (with a plan, a network and
    an assessment), and the emergency-access page of a case of the other team."""
    with scopes_disabled():
        case = Case.objects.filter(team__name__startswith="Sociaal wijkteam Transvaal",
                                   plan__goals__actions__isnull=False,
                                   network__isnull=False).distinct().first()
        other = Case.objects.exclude(team=case.team).first()
        ensure_shipped()
        assessment = assessment_record(
            case, instrument=Instrument.objects.get(code="zrm", organisation=None),
            moment="intake", assessed_on=case.signalled_on,
            scores={d.code: 3 for d in Instrument.objects.get(code="zrm").domains.all()},
            user=User.objects.get(username="demo-professional"))
        goal = Goal.objects.filter(plan__case=case).first()
        c = f"/casus/{case.pk}"
        pages = ["/casus/", "/casus/nieuw", f"{c}/", f"{c}/bewerken", f"{c}/status",
                 f"{c}/huishouden", f"{c}/personen/nieuw",
                 f"{c}/personen/{case.household.members.first().pk}/",
                 f"{c}/netwerk", f"{c}/netwerk/nieuw", f"{c}/netwerk/{case.network.first().pk}",
                 f"{c}/plan", f"{c}/plan/bewerken", f"{c}/plan/doel/nieuw",
                 f"{c}/plan/doel/{goal.pk}", f"{c}/plan/doel/{goal.pk}/actie/nieuw",
                 f"{c}/plan/actie/{goal.actions.first().pk}", f"{c}/beoordelingen/nieuw",
                 f"{c}/beoordelingen/{assessment.pk}/", f"/casus/{other.pk}/noodtoegang"]
    return pages, f"{c}/betrokkenen", c


def _rights_pages(users, case_page: str) -> tuple[list[str], list[str]]:
    """The resident's rights on the coordinator's case (and the erasure page of a closed
    one), and the privacy officer's oversight with one emergency access to review."""
    with scopes_disabled():
        case = Case.objects.get(pk=int(case_page.rsplit("/", 1)[1]))
        closed = Case.objects.filter(team=case.team, status="afgesloten").first()
        other = Case.objects.exclude(team=case.team).first()
        BreakGlass.objects.create(case=other, user=User.objects.get(username="demo-coordinator"),
                                  reason="Bewoner belt in crisis, eigen team onbereikbaar.",
                                  until=timezone.now())
    rights = [f"{case_page}/inzage", f"{case_page}/beperken", f"{case_page}/wissen"]
    if closed is not None:
        rights.append(f"/casus/{closed.pk}/wissen")
    return rights, ["/audit/noodtoegang", "/audit/casus", f"/audit/casus/{case.pk}/"]


def _own_indicator(team: Team) -> int:
    """An own indicator of the team with a year of monthly figures, for the team and a wijk."""
    indicator = Indicator.objects.create(
        organisation=team.organisation, team=team, code="huur_op_tijd",
        name="Huurders die de huur op tijd betalen", measure="proportion", per=100,
        chart="pp", unit="%", polarity="up", source="Woningcorporatie Voorbeeld")
    for month in range(1, 13):
        for wijk, denominator in (("", 400), ("WK039210", 150)):
            IndicatorValue.objects.create(indicator=indicator, period=f"2025-{month:02d}",
                                          wijk_code=wijk, numerator=denominator * 9 // 10,
                                          denominator=denominator)
    return indicator.pk


def _practices() -> tuple[int, int]:
    """A published example of the praktijkbank, and an unpublished practice of the demo
    professional's organisation (with a long word in its name, as people type them)."""
    from wijkkracht.praktijk.models import Practice
    from wijkkracht.praktijk.services import practice_save

    load_demo_praktijk()
    example = Practice.objects.get(title="Steunpunt Obdam & Zuidwijk").pk
    own = practice_save(User.objects.get(username="demo-professional"), {
        "title": "Mantelzorgondersteuningsspreekuur Transvaalwijk",
        "summary": "Elke dinsdag een spreekuur voor mantelzorgers in de buurtkamer.",
        "principles": ["ont-schotten"], "target_groups": ["mantelzorgers"], "status": "pilot",
        "wijk_codes": ["WK039210"]})
    return example, own.pk


def _network_pages() -> list[str]:
    """A learning network led by the demo coordinator, with the professionals of two
    organisations, a meeting that discussed a practice, and a question with an answer."""
    network = praktijk.Network.objects.create(
        name="Leernetwerk Wijk- en Buurtgericht Werken Zuid-Kennemerland",
        description="Professionals van gemeente en welzijn delen wat werkt in de wijk.")
    for username, role in (("demo-coordinator", "trekker"), ("demo-professional", "lid"),
                           ("demo-professional-oost", "lid")):
        praktijk.NetworkMember.objects.create(network=network, role=role,
                                              user=User.objects.get(username=username))
    practice = praktijk.Practice.objects.create(
        title="Ontschotten met een gezamenlijk wijkbudget voor welzijn en zorg",
        summary="Eén budget per wijk.", is_public=True, published_at=timezone.now())
    meeting = praktijk.Meeting.objects.create(
        network=network, held_on=timezone.localdate(), title="Ontregelen: wat houdt ons tegen?",
        notes="Regels die in de weg zitten verzameld.", decisions="Drie regels aanpakken.")
    meeting.practices.add(practice)
    question = praktijk.Question.objects.create(
        network=network, title="Hoe organiseren jullie een gezamenlijk wijkbudget?",
        text="Wij lopen vast op de verantwoording.")
    praktijk.Answer.objects.create(question=question, text="Eén verantwoording per jaar.",
                                   practice=practice)
    n = f"/praktijk/netwerken/{network.pk}"
    return ["/praktijk/netwerken/", f"{n}/", f"{n}/leden", f"{n}/bijeenkomsten/nieuw",
            f"{n}/bijeenkomsten/{meeting.pk}/", f"{n}/vragen/nieuw", f"{n}/vragen/{question.pk}/"]


def test_every_page_reflows_at_320_px(browser, live_server, demo):
    users, scan, t1, person, token = demo
    case_pages, members_page, case_page = _case_pages(users)
    rights_pages, audit_pages = _rights_pages(users, case_page)
    team = Team.objects.get(name__startswith="Sociaal wijkteam Transvaal")
    own = _own_indicator(team)
    network_pages = _network_pages()
    s = f"/netwerkscan/{scan.pk}"
    sroi = f"/monitor/sroi/{SroiInitiative.objects.get().pk}"
    example, practice = _practices()
    dienst = "/kaart/dienst/" + str(KaartService.objects.filter(schedules__isnull=False)
                                    .order_by("name").first().pk)
    public = ["/kaart/", "/kaart/?q=eenzaam", "/kaart/?q=schulden&wijk=WK039210&gratis=on",
              "/kaart/?q=de+het+een&postcode=9999+ZZ", dienst, f"{dienst}/kaart",
              "/", "/toegankelijkheid", "/wijkfoto/", "/wijkfoto/?q=transvaal",
              "/wijkfoto/GM0392", "/wijkfoto/WK039210", "/wijkfoto/BU03921001",
              "/wijkfoto/WK039210?vergelijk=nl", "/wijkfoto/GM0392/wijken",
              "/wijkfoto/GM0392/wijken?zoom=4", "/wijkfoto/GM0363/wijken",
              "/wijkfoto/WK039210?jaar=1999", "/account/aanmelden", "/bestaat-niet",
              f"/netwerkscan/vragenlijst/{token}", f"/netwerkscan/vragenlijst/{token}/terugtrekken",
              "/praktijk/", "/praktijk/?q=mantelzorgers&wijk=WK039210&principle=ont-regelen",
              f"/praktijk/{example}/"]
    by_role = {
        None: public,
        "demo-coordinator": ["/netwerkscan/", "/netwerkscan/nieuw", f"{s}/",
                             f"{s}/deelnemers/nieuw", f"{s}/deelnemers/import",
                             f"{s}/deelnemers/{person.pk}/terugtrekken", f"{s}/meetmomenten/nieuw",
                             f"{s}/resultaten", f"{s}/resultaten?weergave=anoniem",
                             f"/netwerkscan/meetmoment/{t1.pk}/antwoorden/import",
                             f"/netwerkscan/meetmoment/{t1.pk}/sluiten",
                             "/account/tweestapsverificatie", "LINKS", members_page,
                             *rights_pages, "/monitor/",
                             f"/monitor/indicator/days_to_contact?wat=team-{team.pk}",
                             "/monitor/eigen/", "/monitor/eigen/nieuw", f"/monitor/eigen/{own}/",
                             f"/monitor/eigen/{own}/bewerken",
                             f"/monitor/eigen/{own}/verwijderen",
                             f"/monitor/?wat=team-{team.pk}",
                             f"/monitor/indicator/eigen:huur_op_tijd?wat=team-{team.pk}",
                             *network_pages],
        "demo-analist": ["/netwerkscan/", f"{s}/resultaten", "/casus/monitor",
                         "/casus/monitor?periode=maand", "/monitor/?periode=kwartaal",
                         "/monitor/indicator/improved?periode=kwartaal", "/monitor/sroi/",
                         "/monitor/sroi/nieuw", f"{sroi}/", f"{sroi}/bewerken"],
        "demo-professional": ["/netwerkscan/", *case_pages,
                              "/kaart/zoeken?q=mantelzorger+overbelast",
                              "/praktijk/nieuw", f"/praktijk/{practice}/",
                              f"/praktijk/{practice}/bewerken", f"/praktijk/{practice}/bijlagen"],
        "demo-privacy": ["/audit/", "/netwerkscan/", *audit_pages],
        "demo-beheerder": ["/praktijk/netwerken/", "/praktijk/netwerken/nieuw"],
    }
    visited, too_wide, broken = set(), [], []

    def check(page, username: str | None, path: str) -> None:
        width, client = page.evaluate(OVERFLOW)
        if width > client:
            too_wide.append((username, path, width))
        if breakable := page.evaluate(BREAKABLE_HEADERS):
            broken.append((username, path, breakable[:3]))
        with contextlib.suppress(Resolver404):
            visited.add(resolve(path.split("?")[0]).view_name)

    for username, paths in by_role.items():
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="nl-NL")
        page = context.new_page()
        try:
            if username:
                sign_in(page, username, users[username].password,
                        functools.partial(check, page, username, "/account/code"))
                assert "/account/" not in page.url, username
            for path in paths:
                if path == "LINKS":  # the links page answers a POST from the scan's page
                    page.goto(f"{s}/")
                    page.locator("form[action$='/links'] button").first.click()
                    page.wait_for_url("**/links")
                    path = page.url.removeprefix(live_server.url)
                else:
                    page.goto(path)
                check(page, username, path)
        finally:
            context.close()
    assert not too_wide, "pages wider than 320 px:\n" + "\n".join(map(str, too_wide))
    assert broken == [], "table headers that may break inside a word"
    assert _page_names() - visited == set(), "a page the reflow test does not visit"


def test_the_amsterdam_wijken_page_fits_a_desktop_window(browser, live_server, data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280,
                                                                       "height": 800})
    page = context.new_page()
    try:
        page.goto("/wijkfoto/GM0363/wijken")
        width, client = page.evaluate(OVERFLOW)
        assert width <= client
    finally:
        context.close()
