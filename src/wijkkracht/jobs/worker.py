"""``wijkkracht worker``: runs queued jobs and keeps the schedule, until stopped.

Each round drains the queue with django-tasks-db's worker in batch mode, then waits. The
same loop runs in a thread of the web process when ``WIJKKRACHT_JOBS_IN_PROCESS`` is on (the
demo and a one-machine trial), so the embedded default stays one command.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string

logger = logging.getLogger(__name__)

SCHEDULE_EVERY = 30.0  # seconds between looks at the schedule


def drain(worker_id: str | None = None) -> None:
    """Run every job that is queued now, then return."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, excluded_queue_names=[],
           worker_id=worker_id or get_random_string(32)).run()


def uses_queue() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def run(stop: threading.Event, interval: float = 1.0, once: bool = False) -> None:
    """Until ``stop`` is set (or one round, ``once``): the schedule, then the queue."""
    from .schedule import tick

    worker_id = get_random_string(32)
    looked = 0.0
    while True:
        close_old_connections()
        try:
            if time.monotonic() - looked >= SCHEDULE_EVERY or once:
                made = tick()
                looked = time.monotonic()
                if made:
                    logger.info("scheduled jobs enqueued: %s", ", ".join(made))
            drain(worker_id)
        except Exception as exc:  # a database away for a moment: log its kind, go on
            logger.error("worker round failed: %s", type(exc).__name__)
            if once:
                raise
        if once or stop.wait(interval):
            break
    connection.close()


def start_in_process(interval: float = 1.0) -> threading.Thread | None:
    """A daemon thread running :func:`run` beside the web server (demo, one machine)."""
    if not uses_queue():
        return None
    thread = threading.Thread(target=run, args=(threading.Event(), interval),
                              name="wijkkracht-jobs", daemon=True)
    thread.start()
    return thread
