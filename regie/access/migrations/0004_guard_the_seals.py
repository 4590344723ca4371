"""A5: on PostgreSQL the database itself refuses UPDATE, DELETE and TRUNCATE on the log's
two tables, except the one update that turns an entry into a tombstone of a recorded
purge (A8); `access_log_tombstone` is the only way the app's role (which has no UPDATE,
`manage.py grant_app_role`) makes one. docs/access-log.md has the threat model.

SQLite has no such trigger; there the model and `verify_access_log` are the guard. The
SQL is constant text; no value is ever interpolated into it."""

from django.db import migrations, models

ENTRY_GUARD = """
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
        AND NEW.nonce = OLD.nonce
        AND NEW.content_hash = OLD.content_hash
        AND NEW.user_id IS NULL
        AND NEW.user_label = ''
        AND NEW.organisation = ''
        AND NEW.family_id IS NULL
        AND NEW.plan_id IS NULL
        AND NEW.object_id = ''
        AND NEW.ip_address IS NULL
        AND NEW.on_behalf_of = ''
        AND OLD.purged_by IS NULL AND OLD.purge_ref = ''
        AND length(NEW.purge_ref) = 64
        -- A8: only through a purge recorded in the log, of this row's plan (or, for a
        -- row of no plan, of an account that went with a purged plan).
        AND EXISTS (
            SELECT 1 FROM access_accesslogentry AS purge
            WHERE purge.id = NEW.purged_by AND purge.id <> OLD.id
              AND purge.event = 'plan.purged' AND purge.is_tombstone = false
              AND (purge.plan_id = OLD.plan_id
                   OR (OLD.plan_id IS NULL AND OLD.user_id IS NOT NULL))
        )
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access log is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION access_log_seal_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access log is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER access_log_refuse_update_delete
    BEFORE UPDATE OR DELETE ON access_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_refuse_truncate
    BEFORE TRUNCATE ON access_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_seal_refuse_update_delete
    BEFORE UPDATE OR DELETE ON access_accesslogseal
    FOR EACH ROW EXECUTE FUNCTION access_log_seal_refuse_change();
CREATE TRIGGER access_log_seal_refuse_truncate
    BEFORE TRUNCATE ON access_accesslogseal
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_seal_refuse_change();

-- Runs with the owner's rights, so the app's role needs no UPDATE on the log; the
-- trigger above still checks every row it turns.
CREATE OR REPLACE FUNCTION access_log_tombstone(purge_id bigint, row_ids bigint[], refs text[])
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    turned integer;
BEGIN
    UPDATE access_accesslogentry AS entry
    SET is_tombstone = true, user_id = NULL, user_label = '', organisation = '',
        family_id = NULL, plan_id = NULL, object_id = '', ip_address = NULL,
        on_behalf_of = '', purged_by = purge_id, purge_ref = given.ref
    FROM unnest(row_ids, refs) AS given(id, ref)
    WHERE entry.id = given.id;
    GET DIAGNOSTICS turned = ROW_COUNT;
    RETURN turned;
END;
$$;
REVOKE ALL ON FUNCTION access_log_tombstone(bigint, bigint[], text[]) FROM PUBLIC;
"""

DROP = """
DROP FUNCTION IF EXISTS access_log_tombstone(bigint, bigint[], text[]);
DROP TRIGGER IF EXISTS access_log_seal_refuse_truncate ON access_accesslogseal;
DROP TRIGGER IF EXISTS access_log_seal_refuse_update_delete ON access_accesslogseal;
DROP TRIGGER IF EXISTS access_log_refuse_truncate ON access_accesslogentry;
DROP TRIGGER IF EXISTS access_log_refuse_update_delete ON access_accesslogentry;
DROP FUNCTION IF EXISTS access_log_refuse_change();
DROP FUNCTION IF EXISTS access_log_seal_refuse_change();
"""


def create_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ENTRY_GUARD, params=None)


def drop_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("access", "0003_sealed_chain")]

    operations = [
        migrations.RemoveField(model_name="accesslogentry", name="hash"),
        migrations.RemoveField(model_name="accesslogentry", name="prev_hash"),
        migrations.AlterField(
            model_name="accesslogentry",
            name="content_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(fields=["user_id", "at"], name="access_log_user_at"),
        ),
        migrations.RunPython(create_guard, drop_guard, elidable=False),
    ]
