"""API tokens in the admin: see and revoke them; making one is a command (it shows the token)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created", "last_used_at", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("name", "user", "prefix", "created", "last_used_at", "revoked")
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # the clear token must be shown once: use manage.py api_token_create

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        for api_token in queryset.filter(revoked=False):
            api_token_revoke(api_token, by=request.user)
        self.message_user(request, _("Tokens revoked."), messages.SUCCESS)
