"""The signed start of the access log's chain, and TRUNCATE refused on PostgreSQL.

Logs written before this migration keep their plain SHA-256 hashes: the start records them as
the unkeyed part (``keyed_from`` = the next sequence), with how many records are missing from
them already (gaps that retention explains). The first keyed record links to the last unkeyed
hash, so rewriting the old part breaks a keyed link. See docs/settings.md (WIJKKRACHT_AUDIT_KEY).

PostgreSQL's TRUNCATE fires no row trigger, so a statement trigger refuses it. SQLite has no
TRUNCATE: its "DELETE FROM" without WHERE runs the row trigger (the truncate optimisation is
off for tables with triggers), which refuses records whose retention has not passed.
"""

import django.utils.timezone
from django.db import migrations, models

TABLE = "audit_processingrecord"

POSTGRES_FORWARD = [
    """CREATE FUNCTION audit_processingrecord_refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit log is append-only: TRUNCATE refused'
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$;""",
    f"""CREATE TRIGGER audit_processingrecord_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_processingrecord_refuse_truncate();""",
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS audit_processingrecord_no_truncate ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_processingrecord_refuse_truncate();",
]


def truncate_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def drop_truncate_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


def record_existing_start(apps, schema_editor):
    """An existing log gets its start now; an empty one gets it with its first record."""
    from wijkkracht.audit.models import ChainStart as Signed

    alias = schema_editor.connection.alias
    head = apps.get_model("audit", "ChainHead").objects.using(alias).filter(pk=1).first()
    if head is None or head.sequence == 0:
        return
    records = apps.get_model("audit", "ProcessingRecord").objects.using(alias)
    first = records.order_by("sequence").first()
    start = Signed(pk=1, first_sequence=first.sequence if first else head.sequence + 1,
                   first_previous_hash=first.previous_hash if first else head.record_hash,
                   purged=head.sequence - records.count(), keyed_from=head.sequence + 1)
    start.mac = start.compute_mac()
    apps.get_model("audit", "ChainStart").objects.using(alias).create(
        pk=1, first_sequence=start.first_sequence, first_previous_hash=start.first_previous_hash,
        purged=start.purged, keyed_from=start.keyed_from, mac=start.mac)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_chain_check"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainStart",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True,
                                                        serialize=False)),
                ("first_sequence", models.PositiveBigIntegerField()),
                ("first_previous_hash", models.CharField(max_length=64)),
                ("purged", models.PositiveBigIntegerField(default=0)),
                ("keyed_from", models.PositiveBigIntegerField(default=1)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("mac", models.CharField(blank=True, max_length=64)),
            ],
            options={
                "verbose_name": "chain start",
                "verbose_name_plural": "chain start",
                "default_permissions": (),
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)),
                                                       name="audit_chainstart_one_row")],
            },
        ),
        migrations.RunPython(record_existing_start, migrations.RunPython.noop),
        migrations.RunPython(truncate_trigger, drop_truncate_trigger),
    ]
