"""Loaded with -p before pytest-django configures Django (see pyproject addopts): settings are
read once, so the whole run gets a throw-away data directory and no internet."""

import os
import tempfile

os.environ["WIJKKRACHT_HOME"] = tempfile.mkdtemp(prefix="wijkkracht-test-")
os.environ["WIJKKRACHT_OFFLINE"] = "1"
# Jobs run at once in the request; tests/jobs runs them through the queue and a worker.
os.environ.setdefault("WIJKKRACHT_JOBS", "direct")
