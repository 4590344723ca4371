"""A5: the chain moves from the log rows into a table of seals, so that writing a row
takes no lock (docs/access-log.md). The rows already there are sealed in id order with
the new link, after checking the old chain they carried: a broken old chain stops the
migration instead of being sealed as if it were whole."""

import hashlib
import hmac

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

OLD_GUARD = """
DROP TRIGGER IF EXISTS access_log_refuse_truncate ON access_accesslogentry;
DROP TRIGGER IF EXISTS access_log_refuse_update_delete ON access_accesslogentry;
DROP FUNCTION IF EXISTS access_log_refuse_change();
"""
GENESIS = "0" * 64


def drop_old_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_GUARD, params=None)


def _hmac(key: bytes, message: str) -> str:
    return hmac.digest(key, message.encode(), "sha256").hex()


def seal_existing_rows(apps, schema_editor):  # type: ignore[no-untyped-def]
    entries = apps.get_model("access", "AccessLogEntry")
    seals = apps.get_model("access", "AccessLogSeal")
    key = str(settings.REGIE_AUDIT_KEY).encode()
    old_prev = new_prev = GENESIS
    now = timezone.now()
    batch = []
    rows = entries.objects.order_by("id").values_list("id", "content_hash", "prev_hash", "hash")
    for seq, (entry_id, digest, prev_hash, old_hash) in enumerate(rows.iterator(), start=1):
        if prev_hash != old_prev or _hmac(key, prev_hash + digest) != old_hash:
            raise RuntimeError(
                f"The access log's chain is broken at row {entry_id}; "
                "run verify_access_log on the previous version before migrating."
            )
        old_prev = old_hash
        link = _hmac(key, f"{seq}|{entry_id}|{new_prev}|{digest}")
        batch.append(
            seals(seq=seq, entry_id=entry_id, prev_hash=new_prev, hash=link, sealed_at=now)
        )
        new_prev = link
        if len(batch) >= 5_000:
            seals.objects.bulk_create(batch)
            batch = []
    seals.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_append_only")]

    operations = [
        migrations.RunPython(drop_old_guard, migrations.RunPython.noop, elidable=False),
        migrations.CreateModel(
            name="AccessLogSeal",
            fields=[
                ("seq", models.PositiveBigIntegerField(primary_key=True, serialize=False)),
                ("prev_hash", models.CharField(max_length=64)),
                ("hash", models.CharField(max_length=64, unique=True)),
                ("sealed_at", models.DateTimeField()),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="seal",
                        to="access.accesslogentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "zegel",
                "verbose_name_plural": "zegels van het toegangslog",
                "ordering": ["seq"],
            },
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="nonce",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="purge_ref",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="purged_by",
            field=models.BigIntegerField(null=True),
        ),
        migrations.RunPython(seal_existing_rows, migrations.RunPython.noop, elidable=False),
    ]
