"""The admin shows the access log but offers no way to add, change or delete records."""

from __future__ import annotations

from django.contrib import admin

from wijkkracht.audit.models import ProcessingRecord

CHANGELIST = "/beheer/audit/processingrecord/"


def test_the_admin_is_view_only(rf, db):
    model_admin = admin.site._registry[ProcessingRecord]
    request = rf.get(CHANGELIST)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert {"sequence", "activity", "operation", "outcome", "subject_id", "user_id"} <= set(
        model_admin.list_display)


def test_a_superuser_can_list_and_open_but_not_delete(client, make_user, signed_in,
                                                      some_records):
    admin_user = make_user("beheerder", is_staff=True, is_superuser=True)
    signed_in(admin_user)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "client-4" in html and f"{CHANGELIST}add/" not in html
    assert 'name="action"' not in html  # no "delete selected"
    assert client.get(f"{CHANGELIST}1/change/").status_code == 200  # read-only view
    assert client.get(f"{CHANGELIST}1/delete/").status_code == 403
    assert client.post(f"{CHANGELIST}1/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert ProcessingRecord.objects.count() == 5 + 1  # the sign-in above was logged too
