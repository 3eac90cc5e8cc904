"""Indexes that keep the caseload fast with a million cases (benchmarks/bench_casework.py).

The scope's "cases of my teams" (``scoping.visible_case_ids``) reads case ids and household ids
by team: two indexes on (team, id) and (team, household) answer it from the index alone.

Trigram indexes for the caseload's search by name, on PostgreSQL only.
The search (``selectors.case_list(q=...)``) asks ``UPPER(name) LIKE UPPER('%q%')`` of the
households' names and of their members' given and family names. With a million cases that was a
full scan of every household and person of every team; a GIN index with ``gin_trgm_ops`` on the
same ``UPPER(...)`` expression answers it from the index (benchmarks/bench_casework.py). SQLite
has no such index and needs none at a team's size. pg_trgm is a trusted extension (PostgreSQL
13+): the database's owner may create it.
"""

from django.db import migrations, models

INDEXES = {
    "casus_household_name_trgm": ("casus_household", "name"),
    "casus_person_given_name_trgm": ("casus_person", "given_name"),
    "casus_person_family_name_trgm": ("casus_person", "family_name"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                              f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("casus", "0003_avg_restriction_review")]

    operations = [
        migrations.AddIndex(model_name="case",
                            index=models.Index(fields=["team", "id"], name="case_team_pk")),
        migrations.AddIndex(model_name="case",
                            index=models.Index(fields=["team", "household"],
                                               name="case_team_household")),
        migrations.RunPython(create, drop, elidable=False),
    ]
