"""A job's page (where it stands, its file or its error), its state as JSON for the page's
script, its file, and a retry. Thin: who may see it is in selectors, the rest in services."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import registry, services
from .models import Job
from .selectors import signed_in, visible_job


def start(request: HttpRequest, kind: str, params: dict, *, back: str = "") -> HttpResponse:
    """What a capability's download view returns: the job asked for (or the same one still
    waiting), and the way to its page. ``back`` is where the page links back to."""
    user, session_key = (request.user, "") if signed_in(request) else (None, _session(request))
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        params = {**params, "_back": back}
    job = services.request_job(kind, params, user=user, session_key=session_key)
    return redirect("jobs:detail", pk=job.pk)


def _session(request: HttpRequest) -> str:
    if request.session.session_key is None:
        request.session.save()
    return request.session.session_key


def _state(job: Job) -> dict:
    return {"status": job.status, "progress": job.progress, "stage": job.stage,
            "label": str(job.get_status_display())}


@require_GET
def detail(request: HttpRequest, pk) -> HttpResponse:
    job = visible_job(request, pk)
    back = job.params.get("_back", "")
    response = render(request, "jobs/detail.html", {
        "job": job, "title": registry.kinds().get(job.kind, None), "back": back,
        "state": _state(job)})
    add_never_cache_headers(response)
    return response


@require_GET
def state(request: HttpRequest, pk) -> JsonResponse:
    response = JsonResponse(_state(visible_job(request, pk)))
    add_never_cache_headers(response)
    return response


@require_GET
def download(request: HttpRequest, pk) -> HttpResponse:
    job = visible_job(request, pk)
    if not job.has_file:
        return redirect("jobs:detail", pk=job.pk)
    content = Job.objects.values_list("content", flat=True).get(pk=job.pk)
    kind = registry.kinds().get(job.kind)
    if kind is not None and kind.on_download is not None:
        kind.on_download(job, request)
    response = HttpResponse(bytes(content or b""), content_type=job.content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.filename)
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


@require_POST
def retry(request: HttpRequest, pk) -> HttpResponse:
    services.retry(visible_job(request, pk))
    return redirect("jobs:detail", pk=pk)
