"""Locust users for bench_web_wijkfoto.py: anonymous visitors opening wijkfoto pages."""

import os
import random

from locust import HttpUser, between, task

# Think time between a user's pages, "MIN,MAX" seconds (bench_web_wijkfoto.py --think).
THINK = tuple(float(x) for x in os.environ.get("WIJKKRACHT_BENCH_THINK", "0,0.1").split(","))

# The Transvaalwijk and other Haarlem wijken (real codes in the KWB 2024 file).
CODES = ["WK039210", "WK039201", "WK039202", "WK039203", "WK039205", "WK039208", "WK039212"]


class Visitor(HttpUser):
    wait_time = between(*THINK)

    @task(4)
    def wijkfoto_transvaalwijk(self):
        self.client.get("/wijkfoto/WK039210", name="/wijkfoto/[transvaalwijk]")

    @task(1)
    def wijkfoto_other(self):
        self.client.get(f"/wijkfoto/{random.choice(CODES)}", name="/wijkfoto/[wijk]")

    @task(1)
    def gemeente_wijken(self):
        self.client.get("/wijkfoto/GM0392/wijken", name="/wijkfoto/[gemeente]/wijken")
