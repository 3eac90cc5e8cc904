"""Loaded with -p before pytest-django configures Django (see pyproject addopts): settings are
read once, so the whole run gets a throw-away data directory and no internet."""

import os
import tempfile

os.environ["WIJKKRACHT_HOME"] = tempfile.mkdtemp(prefix="wijkkracht-test-")
os.environ["WIJKKRACHT_OFFLINE"] = "1"
