from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Membership, Organisation, Team, TeamArea, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class TeamAreaInline(admin.TabularInline):
    model = TeamArea
    extra = 0


@admin.register(User)
class WijkkrachtUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Wijkkracht", {"fields": ("organisation",
                                                                   "is_privacy_officer")}))
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "is_active", "is_privacy_officer")
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "gemeente_code")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation")
    inlines = [TeamAreaInline, MembershipInline]
