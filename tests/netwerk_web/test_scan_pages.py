"""What the scan pages tell people: areas by name, a scan one may not open, overlapping
moments, and the anonymous report pooled by domain."""

from __future__ import annotations

import pytest

from tests.conftest import KWB_2024, store_real_kwb
from tests.web.conftest import page
from wijkkracht.accounts.models import Membership
from wijkkracht.netwerk import services
from wijkkracht.netwerk.domains import DEFAULT_DOMAINS, domains_by_label
from wijkkracht.netwerk.models import Moment, NetwerkScan, Sector
from wijkkracht.netwerk.report.pooling import REST

from .conftest import links_for, make_scan


@pytest.fixture
def kwb_2024(db):
    store_real_kwb(KWB_2024)


def test_areas_show_by_name(client, signed_in, kwb_2024, scan_t0, coordinator):
    scan, _t0, _people = scan_t0
    signed_in(coordinator)
    for url in ("/netwerkscan/", f"/netwerkscan/{scan.pk}/"):
        html = client.get(url).content.decode()
        assert "Transvaalwijk (Haarlem)" in html and "WK039210" not in html, url
    form = page(client.get("/netwerkscan/nieuw"))
    box = form.find("input", name="area_codes", value="WK039210")[0]
    assert "Transvaalwijk (Haarlem)" in client.get("/netwerkscan/nieuw").content.decode()
    assert form.find("label", for_=box.attrs["id"])


def test_without_figures_an_area_keeps_its_code(client, signed_in, scan_t0, coordinator):
    scan, _t0, _people = scan_t0
    signed_in(coordinator)
    assert "WK039210" in client.get(f"/netwerkscan/{scan.pk}/").content.decode()


@pytest.mark.parametrize("role", [Membership.Role.PROFESSIONAL, Membership.Role.ADMINISTRATOR])
def test_a_team_member_who_may_not_open_the_scan_is_told_it_exists(client, signed_in, scan_t0,
                                                                   team, member, role):
    scan, _t0, _people = scan_t0
    signed_in(member(team, role))
    html = client.get("/netwerkscan/").content.decode()
    assert "Er zijn nog geen netwerkscans" not in html
    assert f"Er is een netwerkscan van uw team {team.name}" in html
    assert "coördinator" in html
    assert scan.name not in html  # existence, not the scan


def test_a_member_of_a_team_without_scans_reads_there_are_none(client, signed_in, scan_t0,
                                                               other_team, member):
    signed_in(member(other_team, Membership.Role.PROFESSIONAL))
    html = client.get("/netwerkscan/").content.decode()
    assert "Er zijn nog geen netwerkscans" in html and "Er is een netwerkscan" not in html


def test_a_new_moment_while_one_is_open_needs_confirmation(client, signed_in, scan_t0,
                                                           coordinator):
    scan, t0, _people = scan_t0
    signed_in(coordinator)
    url = f"/netwerkscan/{scan.pk}/meetmomenten/nieuw"
    form = client.get(url)
    assert "Meetmoment T0 is nog open" in form.content.decode()
    assert page(form).find("a", href=f"/netwerkscan/meetmoment/{t0.pk}/sluiten")
    refused = client.post(url, {"closes_on": ""})
    assert refused.status_code == 400 and scan.moments.count() == 1
    doc = page(refused)
    box = doc.find("input", type="checkbox", name="confirm_overlap")
    assert box and doc.find("label", for_=box[0].attrs["id"])
    assert "T0 is nog open" in refused.content.decode()
    confirmed = client.post(url, {"closes_on": "", "confirm_overlap": "on"})
    assert confirmed.status_code == 302
    assert list(scan.moments.values_list("label", flat=True)) == ["T0", "T1"]


def test_after_closing_a_new_moment_needs_no_confirmation(client, signed_in, scan_t0,
                                                          coordinator):
    scan, t0, _people = scan_t0
    services.moment_close(t0)
    signed_in(coordinator)
    url = f"/netwerkscan/{scan.pk}/meetmomenten/nieuw"
    assert "nog open" not in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 302
    assert Moment.objects.filter(scan=scan).count() == 2


def test_every_sector_has_a_domain_but_other_and_a_scan_may_change_them(scan_t0):
    scan, _t0, _people = scan_t0
    assert set(DEFAULT_DOMAINS) == set(Sector.values) - {Sector.OTHER}
    assert set(DEFAULT_DOMAINS.values()) == {"zorg", "sociaal domein",
                                             "gemeenschap en informeel", "veiligheid",
                                             "gemeente"}
    scan.sector_domains = {"school": "gemeenschap en informeel"}
    scan.full_clean()
    assert domains_by_label(scan)["School/kinderopvang"] == "gemeenschap en informeel"
    from django.core.exceptions import ValidationError

    for wrong in ({"dokter": "zorg"}, {"gp": ""}, {"gp": 3}, ["gp"], {"gp": "x\x00"}):
        scan.sector_domains = wrong
        with pytest.raises(ValidationError):
            scan.full_clean()


def test_the_anonymous_results_pool_small_sectors_by_domain(client, signed_in, team,
                                                            coordinator):
    # 12 people, no sector with 5: zorg 6 (gp 3, wijkverpleging 3), sociaal domein 6
    people = [(f"Persoon {k}", "Org", sector, False) for k, sector in enumerate(
        ["gp"] * 3 + ["district_nursing"] * 3 + ["social_team"] * 3 + ["welfare"] * 3)]
    scan, t0, roster = make_scan(team, coordinator, people=people)
    tokens = links_for(t0)
    for p in roster:  # everyone knows everyone in their own domain
        mine = DEFAULT_DOMAINS[p.sector]
        services.survey_submit(tokens[p.pk], [
            services.AnswerInput(o.pk, 3 if DEFAULT_DOMAINS[o.sector] == mine else 0)
            for o in roster if o.pk != p.pk], consent_named=False)
    signed_in(coordinator)
    html = client.get(f"/netwerkscan/{scan.pk}/resultaten?weergave=anoniem").content.decode()
    assert ">sociaal domein<" in html and ">zorg<" in html and f">{REST}<" not in html
    assert "vaker binnen de eigen sector" in html  # the wall between the two domains
    assert NetwerkScan.objects.get(pk=scan.pk).sector_domains == {}
