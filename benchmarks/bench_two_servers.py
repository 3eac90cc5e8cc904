"""Two servers and one worker under load (issue 12): server time per page, errors and
throughput against one server, as the production shape runs it.

    python benchmarks/bench_two_servers.py --users 20 --seconds 30     # a short try
    python benchmarks/bench_two_servers.py --users 100 --seconds 300   # the issue's figures

Sets up the demo (real KWB 2024) in a fresh PostgreSQL database (``wk_bench``), adds bench
professionals to the demo team with a known password and TOTP key, starts server A and server B
(``wijkkracht serve``, two gunicorn workers each, jobs only in the queue) and one
``wijkkracht worker``, warms them, then runs locust (locustfile_two_servers.py): visitors of
wijkfoto pages (most users), signed-in professionals opening the case list, and a few visitors
asking for a wijkfoto PDF and following its job to the file. Then the same load against server
A alone. Prints per page the requests, failures, median, p95 and p99 in ms and requests per
second, the PDF jobs' time to ready, and the throughput ratio two servers / one server; exits 1
when any request or job failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench_web_wijkfoto import BIN, DATA, HERE, free_port, fresh_postgres

PDF_JOB = "PDF job ready"

# The bench professionals in the demo team. Run by 'wijkkracht manage shell' with the servers'
# environment, so the password is hashed with the configured (scrypt) hasher they check.
MAKE_ACCOUNTS = """
import json, os
from django_otp.plugins.otp_totp.models import TOTPDevice
from wijkkracht.accounts.models import Membership, Team, User
team = Team.objects.get(name="Sociaal wijkteam Transvaalwijk")
with open(os.environ["WIJKKRACHT_BENCH_ACCOUNTS"]) as fh:
    accounts = json.load(fh)
for a in accounts:
    user = User.objects.create_user(a["username"], password=a["password"], first_name="Bench",
                                    organisation=team.organisation)
    Membership.objects.create(user=user, team=team, role=Membership.Role.PROFESSIONAL)
    TOTPDevice.objects.create(user=user, name="bench", confirmed=True, key=a["key"])
print(len(accounts))
"""


def make_accounts(env: dict[str, str], home: Path, phases: int, count: int) -> list[Path]:
    """``count`` fresh professionals per phase (a TOTP code is single-use per account for 30 s,
    so the one-server phase signs in with other accounts); one JSON file per phase."""
    files, everyone = [], []
    for phase in range(phases):
        accounts = [{"username": f"bench-{phase}-{i:03d}", "password": secrets.token_urlsafe(16),
                     "key": secrets.token_hex(20)} for i in range(count)]
        files.append(home / f"accounts-{phase}.json")
        files[-1].write_text(json.dumps(accounts), encoding="utf-8")
        everyone += accounts
    (home / "accounts.json").write_text(json.dumps(everyone), encoding="utf-8")
    subprocess.run([BIN / "wijkkracht", "manage", "shell", "-c", MAKE_ACCOUNTS], check=True,
                   env={**env, "WIJKKRACHT_BENCH_ACCOUNTS": str(home / "accounts.json")},
                   stdout=subprocess.DEVNULL)
    return files


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path):
    """A ``wijkkracht`` command beside the benchmark, stopped (SIGTERM) after it."""
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([BIN / "wijkkracht", *args], env=env, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker still busy with a request
                proc.kill()
                proc.wait()


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def warm(base: str, workers: int) -> None:
    """Wait until the server answers, then let every gunicorn worker compute the year once."""
    for _ in range(300):
        try:
            get(f"{base}/gezondheid")
            break
        except OSError:
            time.sleep(0.2)
    for _ in range(4 * workers):
        get(f"{base}/wijkfoto/WK039210")
        get(f"{base}/wijkfoto/GM0392/wijken")


def warm_worker(base: str) -> None:
    """One PDF through the queue, so the worker's first job (imports, the year) is not timed."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(f"{base}/wijkfoto/WK039210.pdf", timeout=60) as response:
        job = response.url[response.url.index("/taken/"):]
    deadline = time.monotonic() + 300
    while json.loads(opener.open(f"{base}{job}/stand", timeout=60).read())["status"] in (
            "queued", "running"):
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not make the warm-up PDF within 300 s")
        time.sleep(0.5)


def run_locust(servers: list[str], accounts: Path, args: argparse.Namespace, env: dict[str, str],
               prefix: Path) -> list[dict[str, str]]:
    env = {**env, "WIJKKRACHT_BENCH_SERVERS": ",".join(servers),
           "WIJKKRACHT_BENCH_ACCOUNTS": str(accounts),
           "WIJKKRACHT_BENCH_PROFESSIONALS": str(args.professionals),
           "WIJKKRACHT_BENCH_PDF_USERS": str(args.pdf_users)}
    with open(f"{prefix}.log", "w", encoding="utf-8") as log:
        subprocess.run([BIN / "locust", "-f", HERE / "locustfile_two_servers.py", "--headless",
                        "-u", str(args.users), "-r", str(args.spawn_rate),
                        "-t", f"{args.seconds}s", "--host", servers[0], "--csv", prefix,
                        "--only-summary"], env=env, stdout=log, stderr=subprocess.STDOUT)
    with open(f"{prefix}_stats.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def report(title: str, rows: list[dict[str, str]], prefix: Path) -> tuple[float, int]:
    """Print one phase; returns its HTTP requests per second and its failures."""
    print(title)
    pages = [r for r in rows if r["Name"] != "Aggregated"]
    for row in sorted(pages, key=lambda r: (r["Type"] == "JOB", r["Name"])):
        label = f"{row['Type']} {row['Name']}"
        print(f"  {label:34} requests={row['Request Count']:>6} "
              f"failures={row['Failure Count']:>3} median={row['50%']:>5} ms "
              f"p95={row['95%']:>5} ms p99={row['99%']:>5} ms "
              f"rps={float(row['Requests/s']):6.2f}")
    http = [r for r in pages if r["Type"] != "JOB"]
    rps = sum(float(r["Requests/s"]) for r in http)
    failures = sum(int(r["Failure Count"]) for r in pages)
    jobs = next((r for r in pages if r["Name"] == PDF_JOB), None)
    if jobs is not None:
        print(f"  PDF jobs: {jobs['Request Count']} ready, time to ready median "
              f"{int(jobs['50%']) / 1000:.1f} s, p95 {int(jobs['95%']) / 1000:.1f} s")
    print(f"  throughput {rps:.2f} HTTP requests/s; errors (requests and jobs): {failures}")
    if failures:
        with open(f"{prefix}_failures.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                print(f"    {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")
    return rps, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--think", default="1,5", help="MIN,MAX seconds between a user's pages")
    parser.add_argument("--professionals", type=int, default=None,
                        help="signed-in users (default a fifth of --users)")
    parser.add_argument("--pdf-users", type=int, default=2, help="users asking for PDFs")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="wk_bench")
    parser.add_argument("--one-server", action=argparse.BooleanOptionalAction, default=True,
                        help="also run the same load against server A alone")
    args = parser.parse_args()
    if args.professionals is None:
        args.professionals = max(1, args.users // 5)
    if args.professionals + args.pdf_users >= args.users or min(args.professionals,
                                                                 args.pdf_users) < 1:
        parser.error("--professionals and --pdf-users must be at least 1 and leave visitors")
    if not DATA.exists():
        print(f"skipped: real CBS data not found at {DATA}")
        return 0
    try:
        url = fresh_postgres(args.postgres, args.database)
    except Exception as exc:  # no PostgreSQL here
        print(f"skipped: PostgreSQL not available at {args.postgres} ({type(exc).__name__})")
        return 0
    home = Path(tempfile.mkdtemp(prefix="wijkkracht-bench-two-"))
    env = {**os.environ, "DATABASE_URL": url, "WIJKKRACHT_OFFLINE": "1",
           "WIJKKRACHT_SECRET_KEY": secrets.token_urlsafe(50),
           "WIJKKRACHT_AUDIT_KEY": secrets.token_urlsafe(50),
           "WIJKKRACHT_JOBS": "database", "WIJKKRACHT_JOBS_IN_PROCESS": "0",
           "WIJKKRACHT_BENCH_THINK": args.think}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def home_of(name: str) -> dict[str, str]:
        return {**env, "WIJKKRACHT_HOME": str(home / name)}

    subprocess.run([BIN / "wijkkracht", "demo", "--data", DATA, "--no-serve"], check=True,
                   env=home_of("server-a"), stdout=subprocess.DEVNULL)
    phases = 2 if args.one_server else 1
    accounts = make_accounts(home_of("server-a"), home, phases, args.professionals)
    ports = {name: free_port() for name in ("server-a", "server-b")}
    bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    serve = {name: ["serve", "--port", str(port), "--workers", str(args.workers)]
             for name, port in ports.items()}
    print(f"users={args.users} (professionals={args.professionals}, PDF users="
          f"{args.pdf_users}, visitors={args.users - args.professionals - args.pdf_users}) "
          f"think={args.think} s seconds={args.seconds} gunicorn workers per server="
          f"{args.workers}, one worker, PostgreSQL; logs in {home}")
    with ExitStack() as stack:
        stack.enter_context(process(["worker", "--interval", "0.5"], home_of("worker"),
                                    home / "worker.log"))
        a = stack.enter_context(process(serve["server-a"], home_of("server-a"),
                                        home / "server-a.log"))
        with process(serve["server-b"], home_of("server-b"), home / "server-b.log") as b:
            for base in bases.values():
                warm(base, args.workers)
            warm_worker(bases["server-a"])
            rows = run_locust(list(bases.values()), accounts[0], args, env, home / "two")
            assert a.poll() is None and b.poll() is None, "a server stopped; see its log"
        two, failed = report("Two servers (A and B), users spread over both:", rows,
                             home / "two")
        if args.one_server:
            rows = run_locust([bases["server-a"]], accounts[1], args, env, home / "one")
            assert a.poll() is None, "server A stopped; see its log"
            one, failed_one = report("One server (A only), same users:", rows, home / "one")
            failed += failed_one
            print(f"throughput two servers / one server: {two / one:.2f}")
    print("Caveat: the load generator, both servers, the worker and PostgreSQL share the "
          f"machine's {os.cpu_count()} cores, so the times include that contention and a second "
          "server adds processes, not cores; with 1-5 s think time throughput is bounded by "
          "the users, so the ratio shows mainly whether one server keeps up.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
