"""The admin at /beheer/: organisations, teams, their wijken, people and their roles. Nothing else.

It is no back door (NEN 7513, least privilege):

- Its own site with exactly these models. Django's admin does not discover other apps' admin
  modules (``SimpleAdminConfig``), so no app or library (django-otp's devices with their TOTP
  keys, axes, the access log, netwerkscan data, API tokens) can appear here by adding an
  admin.py; tests/audit/test_admin.py checks the list.
- Only functional administrators (:func:`permissions.is_functional_administrator`), after the
  full two-step sign-in; anyone else who is signed in gets the 403 page, not a redirect loop.
- Every page that shows people, and every change, writes an access-log record.
- A delete confirmation lists what was chosen and counts of what goes with it, never the
  objects themselves (so no participant's name or answer is shown, whatever is related).
"""

from __future__ import annotations

from collections import Counter

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import router
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action
from wijkkracht.inputs.forms import refuse_control_characters

from .models import Membership, Organisation, Team, TeamArea, User
from .permissions import is_functional_administrator
from .twofactor import is_verified

AUDIT_ACTIVITY = "administration"
AUDIT_ROLE = "administrator"


class WijkkrachtAdminSite(admin.AdminSite):
    site_header = _("Wijkkracht management")
    site_title = _("Wijkkracht management")
    index_title = _("Organisations, teams, people and roles")
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_functional_administrator(request.user) and is_verified(request)

    def admin_view(self, view, cacheable=False):
        """A signed-in user without the right gets the 403 page. Django's admin would send them
        to its login page, which is our sign-in, which sends a signed-in user back here."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded


site = WijkkrachtAdminSite(name="admin")


class CleanTextFields:
    """Every text field of an admin form refuses control characters, like every other form."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            refuse_control_characters(field)
        return field


class AuditedAdmin(CleanTextFields, admin.ModelAdmin):
    """Permissions by the one rule, an access-log record per page and change, safe deletes."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return site.has_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return site.has_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return site.has_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return site.has_permission(request)

    # --- the access log --------------------------------------------------------------------

    def _log(self, request: HttpRequest, action: str, operation: str, object_id="") -> None:
        audit.record(activity=AUDIT_ACTIVITY, operation=operation, action=action,
                     subject_type=self.model._meta.model_name, subject_id=object_id or "",
                     request=request, role=AUDIT_ROLE)

    def _logged_read(self, request: HttpRequest, response, operation: str, object_id=""):
        if request.method == "GET" and response.status_code == 200:
            self._log(request, Action.READ, operation, object_id)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "POST" and response.status_code == 200:
            # An action's confirmation page ("delete selected") names the chosen objects.
            for pk in request.POST.getlist(ACTION_CHECKBOX_NAME):
                self._log(request, Action.READ, "admin_read", pk)
            return response
        return self._logged_read(request, response, "admin_list")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is None:  # an empty "add" form shows nobody
            return response
        return self._logged_read(request, response, "admin_read", object_id)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._logged_read(request, response, "admin_history", object_id)

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._logged_read(request, response, "admin_read", object_id)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        self._log(request, Action.UPDATE if change else Action.CREATE,
                  "admin_change" if change else "admin_create", obj.pk)

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        if formset.has_changed():  # memberships or wijken of the object
            self._log(request, Action.UPDATE, "admin_change", form.instance.pk)

    def delete_model(self, request, obj) -> None:
        pk = obj.pk
        super().delete_model(request, obj)
        self._log(request, Action.DELETE, "admin_delete", pk)

    def delete_queryset(self, request, queryset) -> None:
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            self._log(request, Action.DELETE, "admin_delete", pk)

    # --- delete confirmation without personal data -------------------------------------------

    def get_deleted_objects(self, objs, request):
        """What the confirmation page shows: the chosen objects, and per kind how many go with
        them or stand in the way (e.g. "netwerkscans: 1"), never the related objects themselves
        (Django's default lists every one by name: participants, answers)."""
        objs = list(objs)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        model_count = {model._meta.verbose_name_plural: len(found)
                       for model, found in collector.model_objs.items()}
        blocking = Counter(str(obj._meta.verbose_name_plural) for obj in collector.protected)
        protected = [f"{name}: {count}" for name, count in sorted(blocking.items())]
        return [str(obj) for obj in objs], model_count, set(), protected


class MembershipInline(CleanTextFields, admin.TabularInline):
    model = Membership
    extra = 0

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class TeamAreaInline(CleanTextFields, admin.TabularInline):
    model = TeamArea
    extra = 0

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(User, site=site)
class WijkkrachtUserAdmin(AuditedAdmin, UserAdmin):
    # Django's groups and per-model permissions are not used (see permissions.py).
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        ("Wijkkracht", {"fields": ("organisation", "is_privacy_officer")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "is_active", "is_privacy_officer", "is_staff")
    filter_horizontal = ()
    inlines = [MembershipInline]
    actions = ["reset_two_step", "revoke_api_tokens"]

    # A functional administrator cannot take over a superuser: not change them, set their
    # password, reset their two-step verification or delete them (only a superuser can).
    @staticmethod
    def _out_of_reach(request, obj) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def _within_reach(self, request, queryset):
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not self._out_of_reach(request,
                                                                                      obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not self._out_of_reach(request,
                                                                                      obj)

    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs,
                                                                                    request)
        if any(self._out_of_reach(request, obj) for obj in objs):
            perms_needed = {*perms_needed, str(_("superusers"))}
        return deleted, model_count, perms_needed, protected

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser makes superusers: an administrator cannot raise their own rights."""
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else (*fields, "is_superuser")

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            self._log(request, Action.UPDATE, "admin_password_set", id)
        return self._logged_read(request, response, "admin_read", id)

    @admin.action(description=_("Reset two-step verification (lost phone)"))
    def reset_two_step(self, request, queryset) -> None:
        """The way back in for someone whose authenticator is lost: their devices and recovery
        codes go, and they enrol a new app at their next sign-in (after their password)."""
        from .twofactor import devices_remove

        for user in self._within_reach(request, queryset):
            devices_remove(user)
            self._log(request, Action.UPDATE, "admin_2fa_reset", user.pk)
        self.message_user(request, _("Two-step verification was reset. At their next sign-in "
                                     "they set up their authenticator app again."),
                          messages.SUCCESS)

    @admin.action(description=_("Revoke the API tokens of the selected people"))
    def revoke_api_tokens(self, request, queryset) -> None:
        from wijkkracht.api.models import ApiToken
        from wijkkracht.api.services import api_token_revoke

        for api_token in ApiToken.objects.filter(user__in=self._within_reach(request, queryset),
                                                 revoked=False):
            api_token_revoke(api_token, by=request.user)
        self.message_user(request, _("Tokens revoked."), messages.SUCCESS)


@admin.register(Organisation, site=site)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "kind", "gemeente_code")


@admin.register(Team, site=site)
class TeamAdmin(AuditedAdmin):
    list_display = ("name", "kind", "organisation")
    inlines = [TeamAreaInline, MembershipInline]
