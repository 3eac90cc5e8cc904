"""Tokens for machine clients of the API (Authorization: Bearer <token>).

Only a sha256 hash of a token is stored: a leaked database does not leak usable tokens. The
clear token is shown once, when it is made (``services.api_token_create``); the prefix is kept
so people can tell their tokens apart in lists and logs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What the token is for, e.g. the client application."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("user"))
    token_hash = models.CharField(_("token hash (sha256)"), max_length=64, unique=True,
                                  editable=False)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
