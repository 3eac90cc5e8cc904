"""Run the WSGI application: gunicorn where it exists, else one plain process for trying out."""

from __future__ import annotations

import sys


def run(host: str, port: int, workers: int) -> None:
    from django.db import connections

    from wijkkracht.conf.wsgi import application

    # Connections opened before the fork (migrations) must not be shared by the workers: two
    # processes on one PostgreSQL socket read each other's results.
    connections.close_all()

    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # e.g. on Windows
        from wsgiref.simple_server import make_server

        print("gunicorn is niet beschikbaar; Wijkkracht draait in één proces (alleen om te "
              "proberen, niet voor productie).", file=sys.stderr)
        with make_server(host, port, application) as server:
            server.serve_forever()
        return

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", None)
            self.cfg.set("loglevel", "warning")
            self.cfg.set("post_worker_init", post_worker_init)

        def load(self):
            return application

    def post_worker_init(worker) -> None:
        # The demo and a one-machine trial run background jobs in the web process itself.
        from django.conf import settings

        if settings.WIJKKRACHT_JOBS_IN_PROCESS:
            from wijkkracht.jobs.worker import start_in_process

            start_in_process()

    Server().run()
