"""Database triggers that make the access log append-only even for direct SQL.

UPDATE is always refused; DELETE only once the row's retention date has passed (the pruning job
runs as plain SQL, since the application offers no deletion at all). SQL is chosen per vendor;
other vendors get no triggers and rely on the model, the queryset and the hash chain.

Note: on SQLite, a later migration that alters this table rebuilds it and so drops the triggers;
such a migration must create them again (run SQLITE_FORWARD after it).
"""

from django.db import migrations

TABLE = "audit_processingrecord"

SQLITE_FORWARD = [
    f"""CREATE TRIGGER audit_processingrecord_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END;""",
    f"""CREATE TRIGGER audit_processingrecord_no_delete BEFORE DELETE ON {TABLE}
    WHEN OLD.retention_until >= date('now')
    BEGIN SELECT RAISE(ABORT, 'audit log: DELETE refused before retention_until'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_processingrecord_no_update;",
    "DROP TRIGGER IF EXISTS audit_processingrecord_no_delete;",
]

POSTGRES_FORWARD = [
    """CREATE FUNCTION audit_processingrecord_refuse_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit log is append-only: UPDATE refused'
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$;""",
    """CREATE FUNCTION audit_processingrecord_guard_delete() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.retention_until >= CURRENT_DATE THEN
            RAISE EXCEPTION 'audit log: DELETE refused before retention_until'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END;
    $$;""",
    f"""CREATE TRIGGER audit_processingrecord_no_update BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_processingrecord_refuse_update();""",
    f"""CREATE TRIGGER audit_processingrecord_no_delete BEFORE DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_processingrecord_guard_delete();""",
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS audit_processingrecord_no_update ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_processingrecord_no_delete ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_processingrecord_refuse_update();",
    "DROP FUNCTION IF EXISTS audit_processingrecord_guard_delete();",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
REVERSE = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}


class RunSQLForVendor(migrations.RunSQL):
    """RunSQL whose statements depend on the database vendor of the connection."""

    def __init__(self, forward: dict[str, list[str]], reverse: dict[str, list[str]]) -> None:
        self.forward, self.reverse = forward, reverse
        super().__init__(sql=migrations.RunSQL.noop, reverse_sql=migrations.RunSQL.noop)

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"forward": self.forward, "reverse": self.reverse}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self.allow_migrate_model(schema_editor.connection.alias, from_state.apps.get_model(
                app_label, "ProcessingRecord")):
            self._run_sql(schema_editor, self.forward.get(schema_editor.connection.vendor, []))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.allow_migrate_model(schema_editor.connection.alias, to_state.apps.get_model(
                app_label, "ProcessingRecord")):
            self._run_sql(schema_editor, self.reverse.get(schema_editor.connection.vendor, []))

    def describe(self):
        return "Append-only triggers on the access log (per database vendor)"


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [RunSQLForVendor(FORWARD, REVERSE)]
