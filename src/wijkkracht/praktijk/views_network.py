"""The pages of the learning networks: my networks, one network (members, meetings, open
questions, following the digest), its member list, meetings, questions and answers.

Who may do what is decided in ``accounts.permissions``. Someone outside a network gets 404 on
every page of it, so the pages do not even tell that it exists; a member who is not a lead gets
403 on the lead's pages. Members are professionals, not residents: nothing is access-logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkkracht.accounts import permissions as perms
from wijkkracht.inputs.numbers import parse_int

from . import selectors_network as select
from . import services_network as services
from .forms_network import (
    ROLE_CHOICES,
    AnswerForm,
    MeetingForm,
    MemberAddForm,
    NetworkForm,
    QuestionForm,
)
from .models import Network, NetworkMember


def _network(request: HttpRequest, pk: int) -> Network:
    """The network, for its members; 404 for everyone else."""
    network = get_object_or_404(Network, pk=pk)
    if not perms.can_view_network(request.user, network):
        raise Http404
    return network


def _led_network(request: HttpRequest, pk: int) -> Network:
    network = _network(request, pk)
    if not perms.can_lead_network(request.user, network):
        raise PermissionDenied
    return network


def _practice_rows(practices) -> list[tuple]:
    return [(p, services.practice_link(p)) for p in practices]


@login_required
@require_http_methods(["GET"])
def network_list(request: HttpRequest) -> HttpResponse:
    mine = {m.network_id: m for m in NetworkMember.objects.filter(user=request.user)}
    networks = [(n, mine[n.pk]) for n in select.networks_of(request.user)]
    is_admin = perms.can_create_network(request.user)
    return render(request, "praktijk/network_list.html", {
        "networks": networks, "may_create": is_admin,
        "all_networks": select.all_networks() if is_admin else None})


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    if not perms.can_create_network(request.user):
        raise PermissionDenied
    form = NetworkForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        network = services.network_create(name=form.cleaned_data["name"],
                                          description=form.cleaned_data["description"],
                                          leads=form.cleaned_data["leads"])
        messages.success(request, _("The learning network is made."))
        if perms.can_view_network(request.user, network):
            return redirect("praktijk:network_detail", pk=network.pk)
        return redirect("praktijk:network_members", pk=network.pk)
    return render(request, "praktijk/network_form.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    questions = list(select.questions(network))
    return render(request, "praktijk/network_detail.html", {
        "network": network, "membership": select.membership(request.user, network),
        "members": select.members(network),
        "meetings": network.meetings.all(),
        "open_questions": [q for q in questions if q.answer_count == 0],
        "answered_questions": [q for q in questions if q.answer_count],
        "is_lead": perms.can_lead_network(request.user, network),
        "may_manage": perms.can_manage_network_members(request.user, network)})


@login_required
@require_POST
def network_follow(request: HttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    member = select.membership(request.user, network)
    follows = request.POST.get("follow") == "1"
    services.follow_set(member, follows)
    messages.success(request, _("You follow this network: you receive the e-mail with what is "
                                "new.") if follows else
                     _("You no longer follow this network."))
    return redirect("praktijk:network_detail", pk=network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def network_members(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(Network, pk=pk)
    if not perms.can_manage_network_members(request.user, network):
        if perms.can_view_network(request.user, network):
            raise PermissionDenied
        raise Http404
    form = MemberAddForm(candidates=select.candidates(network))
    status = 200
    if request.method == "POST":
        if request.POST.get("action") in ("remove", "role"):
            return _member_change(request, network)
        form = MemberAddForm(request.POST, candidates=select.candidates(network))
        if form.is_valid():
            user = form.cleaned_data["user"]
            try:
                services.member_add(network, user, role=form.cleaned_data["role"])
            except services.NetworkError as error:
                form.add_error("user", str(error))
            else:
                messages.success(request, _("%(name)s is now a member.")
                                 % {"name": user.get_full_name() or user.username})
                return redirect("praktijk:network_members", pk=network.pk)
        status = 400
    return render(request, "praktijk/network_members.html", {
        "network": network, "members": select.members(network), "form": form,
        "is_member": perms.can_view_network(request.user, network), "roles": ROLE_CHOICES},
        status=status)


def _member_change(request: HttpRequest, network: Network) -> HttpResponse:
    """Remove a member or change their role; the network always keeps a lead."""
    member = get_object_or_404(NetworkMember.objects.select_related("user"), network=network,
                               pk=parse_int(request.POST.get("member"), minimum=1) or 0)
    name = services.person_name(member.user)
    try:
        if request.POST["action"] == "remove":
            services.member_remove(network, member)
            messages.success(request, _("%(name)s is no longer a member.") % {"name": name})
        else:
            role = request.POST.get("role")
            if role not in NetworkMember.Role.values:
                return redirect("praktijk:network_members", pk=network.pk)
            services.member_role_set(network, member, role)
            messages.success(request, _("%(name)s is now %(role)s.") % {
                "name": name, "role": NetworkMember.Role(role).label})
    except services.NetworkError as error:
        messages.error(request, str(error))
    if not perms.can_manage_network_members(request.user, network):  # stepped down or left
        if perms.can_view_network(request.user, network):
            return redirect("praktijk:network_detail", pk=network.pk)
        return redirect("praktijk:network_list")
    return redirect("praktijk:network_members", pk=network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = _led_network(request, pk)
    practices = select.network_practices(network)
    form = MeetingForm(request.POST if request.method == "POST" else None, practices=practices)
    if form.is_bound and form.is_valid():
        meeting = services.meeting_save(network, None, values=form.cleaned_data,
                                        practices=form.cleaned_data["practices"],
                                        user=request.user)
        messages.success(request, _("The meeting is saved."))
        return redirect("praktijk:network_meeting", pk=network.pk, meeting=meeting.pk)
    return render(request, "praktijk/network_meeting_form.html",
                  {"network": network, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def meeting_detail(request: HttpRequest, pk: int, meeting: int) -> HttpResponse:
    network = _network(request, pk)
    meeting = get_object_or_404(network.meetings.select_related("created_by"), pk=meeting)
    return render(request, "praktijk/network_meeting.html", {
        "network": network, "meeting": meeting,
        "practices": _practice_rows(meeting.practices.order_by("title"))})


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        question = services.question_ask(network, title=form.cleaned_data["title"],
                                         text=form.cleaned_data["text"], user=request.user)
        messages.success(request, _("Your question is in the network."))
        return redirect("praktijk:network_question", pk=network.pk, q=question.pk)
    return render(request, "praktijk/network_question_form.html",
                  {"network": network, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def question_detail(request: HttpRequest, pk: int, q: int) -> HttpResponse:
    network = _network(request, pk)
    question = get_object_or_404(network.questions.select_related("asked_by"), pk=q)
    practices = select.network_practices(network)
    form = AnswerForm(request.POST if request.method == "POST" else None, practices=practices)
    if form.is_bound and form.is_valid():
        services.answer_give(question, text=form.cleaned_data["text"],
                             practice=form.cleaned_data["practice"], user=request.user)
        messages.success(request, _("Your answer is saved."))
        return redirect("praktijk:network_question", pk=network.pk, q=question.pk)
    answers = [(a, services.practice_link(a.practice) if a.practice else "",
                services.person_name(a.answered_by)) for a in select.answers(question)]
    return render(request, "praktijk/network_question.html", {
        "network": network, "question": question,
        "asked_by": services.person_name(question.asked_by), "answers": answers, "form": form},
        status=400 if form.errors else 200)
