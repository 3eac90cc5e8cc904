"""Background jobs: slow work (PDF reports, e-mail batches, retention, the access-log check)
runs in a worker, not in the request, and its outcome waits in the database for whichever
server the user comes back to.

Built on Django's tasks framework (the ``django-tasks`` backport; the backend is the setting
``TASKS``). A :class:`~wijkkracht.jobs.models.Job` row is our own record beside the backend's:
who may see it, its progress in Dutch, its file and its error, the same whatever backend runs
it. Capabilities register what a kind of job does in :mod:`wijkkracht.jobs.registry`; this
package knows none of them.
"""
