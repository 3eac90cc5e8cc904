"""Server time of the wijkfoto pages under load (locust), on SQLite and on PostgreSQL, through
gunicorn as ``wijkkracht serve`` runs it.

    python benchmarks/bench_web_wijkfoto.py --db sqlite
    python benchmarks/bench_web_wijkfoto.py --db postgres   # needs PostgreSQL on 127.0.0.1:5432
    python benchmarks/bench_web_wijkfoto.py --db postgres --users 100 --think 1,5 --seconds 120

The default is a stress test (20 users who do not pause); ``--think 1,5`` gives each user 1-5 s
between pages, as people reading a page do.

Prints the median, p95 and p99 response times and requests per second. Load generator and
server share the machine, so the figures include that contention.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data" / "kwb" / "dertje-85984NED-kwb2024-first10000" / \
    "85984NED.csv"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres(url_base: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{url_base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{url_base}/{name}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", default="0,0.1", help="MIN,MAX seconds between a user's pages")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: real CBS data not found at {DATA}")
        return 0
    home = tempfile.mkdtemp(prefix="wijkkracht-bench-")
    env = {**os.environ, "WIJKKRACHT_HOME": home, "WIJKKRACHT_OFFLINE": "1",
           "WIJKKRACHT_BENCH_THINK": args.think}
    if args.db == "postgres":
        env["DATABASE_URL"] = fresh_postgres(args.postgres, "wijkkracht_bench")
    subprocess.run([BIN / "wijkkracht", "demo", "--data", DATA, "--no-serve"], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([BIN / "wijkkracht", "serve", "--port", str(port), "--workers",
                               str(args.workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/gezondheid", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(4 * args.workers):  # every worker loads and computes the year once
            urllib.request.urlopen(f"{base}/wijkfoto/WK039210", timeout=30).read()
            urllib.request.urlopen(f"{base}/wijkfoto/GM0392/wijken", timeout=30).read()
        prefix = Path(home) / "locust"
        subprocess.run([BIN / "locust", "-f", HERE / "locustfile_wijkfoto.py", "--headless",
                        "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
                        "--host", base, "--csv", prefix, "--only-summary"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(f"{prefix}_stats.csv", newline="") as fh:
            rows = list(csv.DictReader(fh))
        print(f"database={args.db} users={args.users} think={args.think}s "
              f"seconds={args.seconds} gunicorn workers={args.workers}")
        for row in rows:
            print(f"{row['Name']:28} requests={row['Request Count']:>6} "
                  f"failures={row['Failure Count']:>3} median={row['50%']} ms "
                  f"p95={row['95%']} ms p99={row['99%']} ms rps={float(row['Requests/s']):.1f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a worker still busy with a request
            server.kill()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
