"""A5: on PostgreSQL the database itself refuses UPDATE, DELETE and TRUNCATE on the access
log, except the one update that turns a row into a tombstone (A8): personal fields
cleared, is_tombstone set, everything that the chain rests on unchanged.

SQLite has no such trigger; there the model and the hash chain are the guard. The SQL is
constant text; no value is ever interpolated into it."""

from django.db import migrations

TABLE = "access_accesslogentry"

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND OLD.is_tombstone = false AND NEW.is_tombstone = true
        AND NEW.id = OLD.id
        AND NEW.at = OLD.at
        AND NEW.event = OLD.event
        AND NEW.action = OLD.action
        AND NEW.outcome = OLD.outcome
        AND NEW.role = OLD.role
        AND NEW.object_type = OLD.object_type
        AND NEW.part = OLD.part
        AND NEW.prev_hash = OLD.prev_hash
        AND NEW.content_hash = OLD.content_hash
        AND NEW.hash = OLD.hash
        AND NEW.user_id IS NULL
        AND NEW.user_label = ''
        AND NEW.organisation = ''
        AND NEW.family_id IS NULL
        AND NEW.plan_id IS NULL
        AND NEW.object_id = ''
        AND NEW.ip_address IS NULL
        AND NEW.on_behalf_of = ''
    THEN
        RETURN NEW;  -- A8: a purged plan's row becomes a tombstone.
    END IF;
    RAISE EXCEPTION 'access log is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

CREATE_TRIGGERS = f"""
CREATE TRIGGER access_log_refuse_update_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_refuse_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
"""

DROP = f"""
DROP TRIGGER IF EXISTS access_log_refuse_truncate ON {TABLE};
DROP TRIGGER IF EXISTS access_log_refuse_update_delete ON {TABLE};
DROP FUNCTION IF EXISTS access_log_refuse_change();
"""


def create_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_FUNCTION, params=None)
        schema_editor.execute(CREATE_TRIGGERS, params=None)


def drop_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [migrations.RunPython(create_guard, drop_guard, elidable=False)]
