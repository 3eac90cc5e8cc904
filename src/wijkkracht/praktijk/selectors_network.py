"""What the learning network's pages and the digest read. Practices a network sees are the
published ones and those of its members' organisations (unpublished practices stay inside the
organisations that keep them and the networks they share them with)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from wijkkracht.accounts.models import User

from .models import Answer, Network, NetworkMember, Practice, Question


def networks_of(user: User) -> QuerySet[Network]:
    """The networks ``user`` is a member (or lead) of."""
    if not (user and user.is_authenticated):
        return Network.objects.none()
    return Network.objects.filter(members__user=user).distinct()


def all_networks() -> QuerySet[Network]:
    """Every network, with its number of members: the functional administrator's overview."""
    return Network.objects.annotate(member_count=Count("members"))


def membership(user: User, network: Network) -> NetworkMember | None:
    if not (user and user.is_authenticated):
        return None
    return NetworkMember.objects.filter(network=network, user=user).first()


def members(network: Network) -> QuerySet[NetworkMember]:
    """Leads first, then by name."""
    return (network.members.select_related("user", "user__organisation")
            .order_by("-role", "user__last_name", "user__first_name", "user__username"))


def member_organisation_ids(network: Network) -> set[int]:
    return set(network.members.filter(user__organisation__isnull=False)
               .values_list("user__organisation_id", flat=True))


def network_practices(network: Network) -> QuerySet[Practice]:
    """Practices the network's members may name in meetings and answers, by title."""
    return Practice.objects.filter(
        Q(is_public=True) | Q(organisation_id__in=member_organisation_ids(network))
    ).order_by("title", "pk")


def candidates(network: Network) -> QuerySet[User]:
    """Active users who are not yet members: whom a lead may add."""
    return (User.objects.filter(is_active=True).exclude(learning_networks__network=network)
            .select_related("organisation")
            .order_by("last_name", "first_name", "username"))


def questions(network: Network) -> QuerySet[Question]:
    """The network's questions, newest first, with their number of answers."""
    return network.questions.annotate(answer_count=Count("answers")).select_related("asked_by")


def open_questions(network: Network) -> QuerySet[Question]:
    """Questions nobody has answered yet."""
    return questions(network).filter(answer_count=0)


def answers(question: Question) -> QuerySet[Answer]:
    return question.answers.select_related("answered_by", "answered_by__organisation",
                                           "practice")


def digest_practices(network: Network, since: dt.datetime | None,
                     until: dt.datetime) -> list[Practice]:
    """Practices new in (since, until]: published in that time, or made in that time by one of
    the members' organisations (published or not)."""
    published = Q(is_public=True, published_at__lte=until)
    own = Q(organisation_id__in=member_organisation_ids(network), created_at__lte=until)
    if since is not None:
        published &= Q(published_at__gt=since)
        own &= Q(created_at__gt=since)
    return list(Practice.objects.filter(published | own).distinct().order_by("title", "pk"))


def digest_answers(network: Network, since: dt.datetime | None, until: dt.datetime,
                   *, reader: User) -> list[Answer]:
    """Answers given in (since, until] in the network, except the reader's own."""
    found = Answer.objects.filter(question__network=network, answered_at__lte=until)
    if since is not None:
        found = found.filter(answered_at__gt=since)
    return list(found.exclude(answered_by=reader)
                .select_related("question", "answered_by", "practice")
                .order_by("question__asked_at", "answered_at", "pk"))


def followers() -> QuerySet[NetworkMember]:
    """Memberships that receive the digest: following, active, with an e-mail address."""
    return (NetworkMember.objects.filter(follows=True, user__is_active=True)
            .exclude(user__email="").select_related("network", "user").order_by("pk"))
