"""The one task the backend knows: run a job by its id. Everything else is in services, so a
job runs the same under any backend (database queue, immediately in tests and the demo)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    from .services import execute

    return execute(job_id)
