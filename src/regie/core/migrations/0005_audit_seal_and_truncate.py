"""The audit log's hash chain (AuditSeal, regie.core.seal) and TRUNCATE refused.

PostgreSQL: a BEFORE TRUNCATE statement trigger on the audit log, the field history and the
seals refuses TRUNCATE (the row triggers of 0002 do not fire on it), unless the transaction
set `regie.audit_purge = 'on'` (the escape of `purge_allowed`; the test suite's flush sets
it, tests/conftest.py). The seals are append-only like the log. SQLite has no TRUNCATE; its
trigger refuses UPDATE of a seal.
"""

from django.db import migrations, models

TABLES = ("core_auditevent", "core_fieldchange", "core_auditseal")

PG_NO_TRUNCATE = """
CREATE OR REPLACE FUNCTION regie_no_truncate() RETURNS trigger AS $$
BEGIN
  IF current_setting('regie.audit_purge', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'regie: % cannot be truncated', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_NO_TRUNCATE, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION regie_no_truncate();"
            )
        schema_editor.execute(
            "CREATE TRIGGER core_auditseal_append_only BEFORE UPDATE OR DELETE ON core_auditseal "
            "FOR EACH ROW EXECUTE FUNCTION regie_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER core_auditseal_no_update BEFORE UPDATE ON core_auditseal "
            "BEGIN SELECT RAISE(ABORT, 'regie: core_auditseal is append-only'); END;"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS core_auditseal_append_only ON core_auditseal;"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS regie_no_truncate();")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditseal_no_update;")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_team_municipalities'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveBigIntegerField(unique=True)),
                ('kind', models.CharField(choices=[('seal', 'verzegeld'), ('purge', 'bewaartermijn')], max_length=10)),
                ('first_id', models.BigIntegerField()),
                ('last_id', models.BigIntegerField()),
                ('count', models.BigIntegerField()),
                ('rows_mac', models.CharField(max_length=64)),
                ('reason', models.CharField(blank=True, max_length=300)),
                ('purged_ids', models.TextField(blank=True)),
                ('sealed_at', models.DateTimeField()),
                ('prev_mac', models.CharField(max_length=64)),
                ('mac', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['number'],
                'indexes': [models.Index(fields=['first_id', 'last_id'], name='auditseal_range')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
