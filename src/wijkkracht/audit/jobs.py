"""The access-log check as a scheduled job: every night, the same check as 'audit_verify'.
A broken chain fails the job (its Dutch reason on record) and is logged at ERROR, which is
what an operator's alerting watches."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

from wijkkracht.errors import WijkkrachtError
from wijkkracht.jobs import registry

from .services import anchor_path, full_check

logger = logging.getLogger(__name__)

VERIFY = "audit.verify"


def verify(params: dict, owner, progress) -> registry.Output:
    from .management.commands.audit_verify import PROBLEM_NL

    result, _anchor = full_check(anchor_file=anchor_path(), expect=None)
    if not result.ok:
        why = PROBLEM_NL[result.reason].format(sequence=result.broken_sequence) \
            if result.reason else "onbekende fout"
        logger.error("access log chain broken at record %s", result.broken_sequence)
        raise WijkkrachtError(f"Toegangslog NIET in orde: {why}.")
    return registry.Output(summary=f"Toegangslog in orde: {result.checked} records "
                                   "gecontroleerd.")


def register() -> None:
    registry.register(VERIFY, _("Check of the access log"), verify)
    registry.schedule(registry.Scheduled(VERIFY, "day", at=3))
