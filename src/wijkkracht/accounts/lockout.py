"""Which failed sign-ins count together before django-axes locks (``AXES_LOCKOUT_PARAMETERS``).

Three tiers, because each single choice fails someone:

- ``username`` + ``ip_address`` at ``AXES_FAILURE_LIMIT`` (5): someone mistyping, or an
  attacker guessing one account from one address. An attacker elsewhere cannot lock the real
  user out this way: the lock holds only for that account *from that address*.
- ``ip_address`` alone, once an address has ``WIJKKRACHT_AXES_ADDRESS_LIMIT`` (20) failures over
  any accounts: password spraying (60 tries over 12 user names from one address) stops there.
  Higher than 5 because a team behind one gemeente proxy shares an address: a few colleagues'
  typos must not lock the office.
- ``username`` alone, once an account has ``WIJKKRACHT_AXES_ACCOUNT_LIMIT`` (20) failures from
  any addresses: guessing one account from many addresses stops too. Locking someone out this
  way takes at least four addresses (each is stopped after 5 on that account), so one attacker
  cannot lock everyone out, while a distributed attack meets a limit rather than none.

Failed TOTP codes count like failed passwords (accounts/views.py sends ``user_login_failed``).
Axes has one failure limit; the wider tiers join the check only once their own, higher limit
is reached, which then exceeds axes' limit and locks.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

ACCOUNT_AT_ADDRESS = ["username", "ip_address"]


def _failures(request: HttpRequest, **match) -> int:
    from axes.attempts import get_cool_off_threshold
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(**match)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def lockout_parameters(request, credentials: dict | None = None) -> list:
    if not isinstance(request, HttpRequest):
        return [ACCOUNT_AT_ADDRESS]
    from axes.helpers import get_client_username

    parameters: list = [ACCOUNT_AT_ADDRESS]
    address = getattr(request, "axes_ip_address", None)
    if address and _failures(request, ip_address=address) >= settings.WIJKKRACHT_AXES_ADDRESS_LIMIT:
        parameters.append("ip_address")
    username = get_client_username(request, credentials)
    if username and _failures(request, username=username) >= settings.WIJKKRACHT_AXES_ACCOUNT_LIMIT:
        parameters.append("username")
    return parameters
