"""Admin for the scan's frame only. Participants, links and answers are personal data: they are
seen through the coordinator's pages, which check the team and write the access log."""

from django.contrib import admin

from .models import Moment, NetwerkScan


class MomentInline(admin.TabularInline):
    model = Moment
    extra = 0
    fields = ("label", "opens_at", "closes_at", "status", "closed_at")
    readonly_fields = ("label", "closed_at")


@admin.register(NetwerkScan)
class NetwerkScanAdmin(admin.ModelAdmin):
    list_display = ("name", "team", "created_at")
    list_filter = ("team",)
    readonly_fields = ("created_by", "created_at")
    fields = ("name", "team", "area_codes", "sector_domains", "created_by", "created_at")
    inlines = [MomentInline]
