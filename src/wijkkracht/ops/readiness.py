"""What /gereed checks before a load balancer sends traffic: a registry of checks.

A check is a function that returns True when that part is ready (and may raise: that counts as
not ready). Its public detail is one of two short Dutch words, never an exception text, a host
name or a path: /gereed is public. What went wrong is logged (type and frames only, see
ops/logs.py). A new check is one line in ``CHECKS``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

log = logging.getLogger(__name__)

# How long SELECT 1 may take on PostgreSQL; connecting has its own limit
# (WIJKKRACHT_DB_CONNECT_TIMEOUT, conf/settings.py).
STATEMENT_TIMEOUT_MS = 2000
NOT_CHECKED = "niet gecontroleerd"


@dataclass(frozen=True)
class Check:
    name: str
    ready: Callable[[], bool]
    ok: str  # the public detail when ready
    failed: str  # ... and when not
    needs: tuple[str, ...] = ()  # checks that must pass first (no second wait on a dead database)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    detail: str


def database_reachable() -> bool:
    """SELECT 1, on PostgreSQL with a statement timeout that ends with its transaction."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)",
                           [str(STATEMENT_TIMEOUT_MS)])
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied() -> bool:
    """No migration of this code is left to apply (what ``migrate --check`` asks)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def static_files_present() -> bool:
    """Production (manifest storage): collectstatic's manifest in STATIC_ROOT, without which
    every page fails; development: the NL Design System packages that npm installs."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    if isinstance(staticfiles_storage, ManifestFilesMixin):
        return staticfiles_storage.exists(staticfiles_storage.manifest_name)
    return all(Path(path).is_dir() for path in settings.NLDS_PACKAGES.values())


def queue_moves() -> bool:
    """No job has waited longer than WIJKKRACHT_JOB_STUCK_MINUTES: some worker is running."""
    from wijkkracht.jobs.services import queue_stuck

    return not queue_stuck()


CHECKS: list[Check] = [
    Check("database", database_reachable, "bereikbaar", "onbereikbaar"),
    Check("migraties", migrations_applied, "bijgewerkt", "niet bijgewerkt", needs=("database",)),
    Check("statische_bestanden", static_files_present, "aanwezig", "ontbreken"),
    Check("wachtrij", queue_moves, "loopt", "staat stil", needs=("migraties",)),
]


def run_checks(checks: list[Check] | None = None) -> dict[str, Outcome]:
    """Every check's outcome, in order; a check whose prerequisite failed is not run."""
    outcomes: dict[str, Outcome] = {}
    for check in CHECKS if checks is None else checks:
        if any(not outcomes[name].ok for name in check.needs if name in outcomes):
            outcomes[check.name] = Outcome(False, NOT_CHECKED)
            continue
        try:
            ready = bool(check.ready())
        except Exception:  # not ready; the public sees only the check's word
            log.warning("Readiness check %s failed", check.name, exc_info=True)
            ready = False
        else:
            if not ready:
                log.warning("Readiness check %s: not ready", check.name)
        outcomes[check.name] = Outcome(ready, check.ok if ready else check.failed)
    return outcomes
