"""Casework pages with 1,000,000 cases in PostgreSQL (the issue's budget: the team's case list, a
search by name and the case page under 150 ms p95 server time).

    .venv/bin/python benchmarks/bench_casework.py
    .venv/bin/python benchmarks/bench_casework.py --fresh --cases 1000000 --requests 50
    .venv/bin/python benchmarks/bench_casework.py --database-url postgres://postgres@127.0.0.1:5432/wk_bench

Makes (or reuses) a dedicated database (default ``wk_bench`` on 127.0.0.1:5432), migrates it
and generates, in SQL (``generate_series``, seconds rather than minutes), ``--cases`` obviously
fictional cases: one household with two persons each, a "created" history event and a status
change per case, spread over ``--teams`` teams so that the measured team ("Wijkteam Bench") holds
about 3,000 of them and the scope has to find those among the million; 30 % of the cases are
open. Some cases of other teams have a professional added (``CaseMember``), three of them the
measured professional, so every branch of the scope has rows.

Then signs in a professional of the measured team (password + TOTP) with Django's test client
and times, after a few untimed warm-ups, ``--requests`` requests of each page through the whole
stack (middleware, view, access log, template): the team's case list ``/casus/``, a search by
family name ``/casus/?q=...``, and the case page ``/casus/<pk>/``. Prints per page the median
and p95 in ms, the number of SQL queries of one request, the median of the page's main SQL run
raw through a cursor (the exact SQL and parameters Django emits for it, timed the same way) and
the ratio page / raw SQL, and whether p95 is within ``--budget`` ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from bench_database import ensure_database, setup_django

PREFIXES = ("Vlinder", "Zonne", "Berken", "Klaver", "Duinen", "Wilgen", "Eiken", "Linden",
            "Hazel", "Mossel", "Kievit", "Reiger", "Merel", "Distel", "Varen", "Tulpen",
            "Lijster", "Bramen", "Korenbloem", "Heide")
SUFFIXES = ("bloem", "veld", "hof", "kamp", "beek", "dijk", "berg", "horst", "stein", "wijk",
            "hout", "laan", "weerd", "zand", "brink", "hoek", "meer", "burg", "donk", "rode")
GIVEN = ("Jantine", "Pieternel", "Gijsbert", "Wolter", "Fenna", "Hidde", "Marijke", "Teun",
         "Aafke", "Rens", "Sjoukje", "Bram", "Ilse", "Joost", "Nelleke", "Douwe")
OPEN = ("aangemeld", "in_behandeling", "mdo", "opgeschaald", "doorverwezen")
SOURCES = ("bewoner", "huisarts", "wijkverpleging", "school", "politie", "buren",
           "woningcorporatie", "overig")
URGENCY = ("laag", "normaal", "normaal", "hoog", "crisis")
SEARCHED = "Klaverhorst"  # a family name: ~0.25 % of all households, ~8 in the measured team


def _sql_array(values: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]::text[]"


def generate(cases: int, teams: int, share: int) -> dict:
    """The organisation, teams and people (ORM), then the cases and everything under them
    (one SQL statement per table). Case i belongs to the measured team when i % share == 0."""
    from django.db import connection, transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkkracht.accounts.models import Membership, Organisation, Team, User
    from wijkkracht.casus.models import Case

    gemeente, _ = Organisation.objects.get_or_create(
        name="Benchstad", defaults={"kind": "gemeente", "gemeente_code": "GM9998"})
    own, _ = Team.objects.get_or_create(name="Wijkteam Bench", organisation=gemeente,
                                        defaults={"kind": "sociaal_wijkteam"})
    user = User.objects.filter(username="bench-professional").first()
    if user is None:
        user = User.objects.create_user("bench-professional", password="Bench-Wijkteam-2026!",
                                        first_name="Bep", last_name="Bench",
                                        organisation=gemeente)
        Membership.objects.create(user=user, team=own, role="professional")
    elsewhere = User.objects.filter(username="bench-elsewhere").first()
    if elsewhere is None:
        elsewhere = User.objects.create_user("bench-elsewhere", password="Bench-Elders-2026!",
                                             organisation=gemeente)
    have = Case.unscoped.count()
    if have >= cases:
        print(f"database holds {have:,} cases already: reused (--fresh to regenerate)")
    else:
        if have:
            raise SystemExit(f"database holds {have:,} cases, fewer than {cases:,}: run with "
                             "--fresh")
        others = [Team.objects.get_or_create(name=f"Wijkteam Elders {k:03d}",
                                             organisation=gemeente,
                                             defaults={"kind": "sociaal_wijkteam"})[0].pk
                  for k in range(teams - 1)]
        for k, team_id in enumerate(others[:20]):  # colleagues elsewhere, in a few teams
            Membership.objects.get_or_create(user=elsewhere, team_id=team_id,
                                             defaults={"role": "professional"})
            if k > 3:
                break
        families = [p + s for p in PREFIXES for s in SUFFIXES]
        assert SEARCHED in families
        start = time.perf_counter()
        params = {"n": cases, "share": share, "own": own.pk, "user": user.pk,
                  "elsewhere": elsewhere.pk}
        team_of = (f"CASE WHEN i % %(share)s = 0 THEN %(own)s ELSE "
                   f"(ARRAY{others})[1 + (i % {len(others)})] END")
        family = (f"({_sql_array(tuple(families))})"
                  f"[1 + abs(hashtext(i::text)) % {len(families)}]")
        closed = "(i / %(share)s + i) % 10 < 7"
        statements = {
            "households": f"""
                INSERT INTO casus_household (id, team_id, name, street, house_number, postcode,
                    city, buurt_code, wijk_code, phone, email, created_at)
                SELECT i, {team_of}, 'Huishouden ' || {family}, 'Proefstraat',
                    (1 + i % 300)::text, '', 'Benchstad', '', '', '', '', now()
                FROM generate_series(1, %(n)s) AS i""",
            "persons (2 per household)": f"""
                INSERT INTO casus_person (household_id, given_name, family_name, date_of_birth,
                    relation, bsn, phone, email)
                SELECT i, ({_sql_array(GIVEN)})[1 + ((i + k * 5) % {len(GIVEN)})], {family},
                    date '1940-01-01' + ((i * 31 + k * 7) % 25000),
                    CASE WHEN k = 0 THEN 'hoofdbewoner' ELSE 'partner' END, '', '', ''
                FROM generate_series(1, %(n)s) AS i, generate_series(0, 1) AS k
                ORDER BY i, k""",
            "cases": f"""
                INSERT INTO casus_case (id, team_id, household_id, signal_source, signalled_on,
                    urgency, question, question_behind, lead_id, status, status_changed_at,
                    first_contact_on, closed_on, outcome, closure_reason, anonymised_at,
                    version, created_at, created_by_id, updated_at, restriction_reason)
                SELECT i, {team_of}, i,
                    ({_sql_array(SOURCES)})[1 + i % {len(SOURCES)}],
                    current_date - (200 + i % 2500),
                    ({_sql_array(URGENCY)})[1 + i % {len(URGENCY)}],
                    'Ik wil hulp bij de administratie en de schulden.', '',
                    CASE WHEN i % %(share)s = 0 AND i % 2 = 0 THEN %(user)s END,
                    CASE WHEN {closed} THEN 'afgesloten'
                         ELSE ({_sql_array(OPEN)})[1 + (i / 7) % {len(OPEN)}] END,
                    now(), current_date - (190 + i % 2500),
                    CASE WHEN {closed} THEN current_date - (i % 190) END,
                    CASE WHEN {closed} THEN 'doelen_bereikt' ELSE '' END, '', NULL, 1,
                    now(), NULL, now(), ''
                FROM generate_series(1, %(n)s) AS i""",
            "history events": """
                INSERT INTO casus_caseevent (case_id, at, user_id, kind, changes)
                SELECT i, now(), NULL, 'created', '{}'::jsonb
                FROM generate_series(1, %(n)s) AS i""",
            "status changes": """
                INSERT INTO casus_statuschange (case_id, from_status, to_status, at, by_id)
                SELECT id, '', status, now(), NULL FROM casus_case""",
            "case members": """
                INSERT INTO casus_casemember (case_id, user_id, role, added_at, added_by_id)
                SELECT i, %(elsewhere)s, 'uitvoerend', now(), NULL::bigint
                FROM generate_series(1, %(n)s, 50) AS i WHERE i % %(share)s <> 0
                UNION ALL
                SELECT i, %(user)s, 'meelezend', now(), NULL::bigint
                FROM generate_series(%(share)s + 1, %(share)s + 3) AS i""",
        }
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers
            for what, sql in statements.items():
                began = time.perf_counter()
                cursor.execute(sql.replace(" % ", " %% "), params)  # modulo, not a placeholder
                print(f"  {what:<28} {cursor.rowcount:>10,} rows "
                      f"{time.perf_counter() - began:6.1f} s", flush=True)
            for table in ("casus_household", "casus_person", "casus_case", "casus_caseevent",
                          "casus_statuschange", "casus_casemember"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"generated {cases:,} cases in {time.perf_counter() - start:.1f} s "
              "(with VACUUM ANALYZE)")
    TOTPDevice.objects.filter(user=user).delete()  # a fresh key: no code reused across runs
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    case = Case.unscoped.filter(team=own).exclude(status="afgesloten").order_by("-pk").first()
    return {"user": user, "device": device, "team": own, "case": case}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(work: Callable[[], object], repeats: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure(world: dict, requests: int, budget: float) -> bool:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp.oath import totp

    from wijkkracht.casus import selectors
    from wijkkracht.casus.scoping import scope
    from wijkkracht.casus.views import PAGE_SIZE

    user, case = world["user"], world["case"]
    client = Client()
    client.force_login(user)
    signed = client.post("/account/code", {"token": f"{totp(world['device'].bin_key):06d}"})
    assert signed.status_code == 302, signed

    def raw_sql_of(work: Callable[[], object]) -> Callable[[], object]:
        """The one query ``work`` makes, exactly as Django sent it, to run through a cursor."""
        with CaptureQueriesContext(connection) as captured:
            work()
        assert len(captured.captured_queries) == 1, captured.captured_queries
        sql = captured.captured_queries[0]["sql"]

        def run() -> object:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        return run

    with scope(viewer=user):
        listed = selectors.case_list(user)
        found = selectors.case_list(user, q=SEARCHED)
        total, hits = listed.count(), found.count()
        mains = {  # the page's main query: its rows, and the paginator's COUNT for the lists
            "list": [raw_sql_of(lambda: list(listed[:PAGE_SIZE])), raw_sql_of(listed.count)],
            "search": [raw_sql_of(lambda: selectors.case_list(user, q=SEARCHED)),  # names
                       raw_sql_of(lambda: list(found[:PAGE_SIZE])), raw_sql_of(found.count)],
            "case": [raw_sql_of(lambda: _case_row(user, case.pk))],
        }
    pages = [
        (f"case list /casus/ ({total:,} open)", "/casus/", mains["list"]),
        (f"search ?q={SEARCHED} ({hits:,})", f"/casus/?q={SEARCHED}", mains["search"]),
        ("case page /casus/<pk>/", f"/casus/{case.pk}/", mains["case"]),
    ]
    print(f"\n{requests} requests per page after 3 warm-ups; server time in ms "
          "(Django test client: middleware, view, access log, template)")
    print(f"  {'page':<34} {'median':>7} {'p95':>7} {'queries':>8} {'raw SQL':>8} {'ratio':>6}")
    within = True
    for name, url, raw_runs in pages:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured.captured_queries)  # now: every request resets the log
        assert response.status_code == 200, (url, response.status_code)
        times = timed(lambda url=url: client.get(url), requests)
        raw = sum(statistics.median(timed(run, requests)) for run in raw_runs)
        median, p95 = statistics.median(times), _percentile(times, 0.95)
        print(f"  {name:<34} {median:7.1f} {p95:7.1f} {queries:8d} "
              f"{raw:8.2f} {median / raw:6.1f}")
        within &= p95 < budget
    print("  (raw SQL: median ms of the page's main query run through a cursor - for the lists "
          "the page of rows plus the paginator's COUNT, for the search also the name lookup; "
          "ratio: page median / raw SQL)")
    return within


def _case_row(user, pk: int) -> object:
    """The case page's main query: the case with household, team and lead (no prefetches)."""
    from wijkkracht.casus.models import Case
    from wijkkracht.casus.scoping import scope

    with scope(viewer=user):
        return (Case.objects.select_related("household", "team", "lead").filter(pk=pk)
                .first())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/wk_bench")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--teams", type=int, default=334,
                        help="teams over which the cases are spread (the measured one included)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--budget", type=float, default=150.0, help="p95 budget in ms")
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the database")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        print("skipped: this benchmark needs PostgreSQL (--database-url postgres://...)")
        return
    try:
        ensure_database(args.database_url, args.fresh)
    except Exception as exc:  # no server: say so and stop, as the other benchmarks do
        print(f"skipped: PostgreSQL not reachable at {args.database_url} ({exc})")
        return
    setup_django(args.database_url)
    world = generate(args.cases, args.teams, share=args.teams - 1 if args.teams > 1 else 1)
    ok = measure(world, args.requests, args.budget)
    print(f"\np95 {'within the' if ok else 'OVER the'} {args.budget:g} ms budget"
          f"{' on every page' if ok else ' on at least one page'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
