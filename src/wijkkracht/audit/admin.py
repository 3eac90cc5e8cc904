"""The access log in the admin: view only. Nobody adds, changes or deletes records there."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import ProcessingRecord


@admin.register(ProcessingRecord)
class ProcessingRecordAdmin(admin.ModelAdmin):
    list_display = ("sequence", "started_at", "activity", "operation", "action", "outcome",
                    "subject_type", "subject_id", "user_id", "role", "organisation",
                    "ip_address")
    list_filter = ("activity", "action", "outcome")
    date_hierarchy = "started_at"
    search_fields = ("=subject_id", "=user_id", "=trace_id")
    ordering = ("-sequence",)
    actions = None
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ProcessingRecord | None = None
                              ) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ProcessingRecord | None = None
                              ) -> bool:
        return False
