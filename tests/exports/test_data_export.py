"""The family's data export (AVG inzage, issue 6): a ZIP that round-trips, holds what the
person may see and nothing hidden from them (A4), and is one row in "who looked" (A5)."""

import csv
import io
import json
import zipfile
from typing import Any

from django.test import Client
from django.urls import reverse

from regie.access import selectors as log_selectors
from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.plans.services import entries
from tests.accounts.helpers import client_for
from tests.corrected_entry import (
    CURRENT,
    CURRENT_REACTION,
    FIRST,
    FIRST_REACTION,
    FIRST_REASON,
    SECOND,
    SECOND_REACTION,
    SECOND_REASON,
    corrected_twice,
)
from tests.exports.conftest import CONDITION, GRANDMOTHER_ACTION, KEPT_WISH, Rich
from tests.personas import last_log_id


def _download(client: Client, rich: Rich) -> zipfile.ZipFile:
    response = client.get(reverse("plan-export-data", args=[rich.cast.plan.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def _export(rich: Rich, user: User) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    archive = _download(client_for(user), rich)
    return archive, json.loads(archive.read("data.json"))


def test_a5_data_export_round_trips_and_is_logged(rich: Rich) -> None:
    cast = rich.cast
    client = client_for(cast.parent_user)
    before = last_log_id()
    archive = _download(client, rich)
    rows = list(AccessLogEntry.objects.filter(id__gt=before))
    assert [(r.event, r.action, r.role) for r in rows] == [
        (Event.DATA_EXPORTED.code, "export", "parent")
    ]
    assert set(archive.namelist()) == {
        "data.json",
        "gezinsplan.pdf",
        "access-log.csv",
        "LEESMIJ.txt",
    }
    assert archive.read("gezinsplan.pdf").startswith(b"%PDF")
    data = json.loads(archive.read("data.json"))
    assert data["format"] == "regie-inzage/2"
    assert data["made_for"]["participant"] == str(cast.parent.public_id)
    assert data["family"]["name"] == "Gezin Jansen"
    assert data["plan"]["public_id"] == str(cast.plan.public_id)
    assert {p["first_name"] for p in data["persons"]} >= {"Sanne", "Noa", "Daan", "Ria"}
    records = data["records"]
    assert rich.school_goal.text in [g["text"] for g in records["goals"]]
    assert CONDITION in [c["text"] for c in records["conditions"]]
    assert GRANDMOTHER_ACTION in [a["description"] for a in records["actions"]]
    actions = {a["description"]: a for a in records["actions"]}
    assert actions[GRANDMOTHER_ACTION]["owner"] == str(cast.grandmother.public_id)
    assert "Minder ruzie thuis." in [w["text"] for w in records["wishes"]]
    held = next(e for e in records["evaluations"] if e["held_on"])
    assert {s["score"] for s in held["scores"]} == {8, 4, 6}
    assert records["decisions"][0]["provider"] == str(cast.provider_org.public_id)
    own = data["my_access_log"]
    assert Event.DATA_EXPORTED.code in [row["event"] for row in own]
    # A5: the person's own rows, without user ids or addresses.
    assert {row["who"] for row in own if row["role"]} == {cast.parent.display_name}
    assert not any("user_id" in row or "ip_address" in row for row in own)


def test_a4_parent_export_omits_youth_kept_wish(rich: Rich) -> None:
    archive, data = _export(rich, rich.cast.parent_user)
    assert KEPT_WISH not in archive.read("data.json").decode()
    assert str(rich.kept_wish.public_id) not in archive.read("data.json").decode()
    assert data["kept_from_you"]  # told that something is kept, never what


def test_a4_youth_export_holds_their_own_kept_wish(rich: Rich) -> None:
    _archive, data = _export(rich, rich.cast.youth16_user)
    assert KEPT_WISH in [w["text"] for w in data["records"]["wishes"]]
    assert data["made_for"]["role"] == "child"


def test_a5_access_log_csv_holds_this_plans_rows_log_columns_only(rich: Rich) -> None:
    """A5: every row of this plan and no other, in the family's columns: no user ids, no
    addresses (those are in the privacy officer's export)."""
    archive, _data = _export(rich, rich.cast.parent_user)
    lines = list(csv.reader(io.StringIO(archive.read("access-log.csv").decode())))
    assert lines[0] == [header for _field, header in log_selectors.FAMILY_EXPORT_COLUMNS]
    assert not {"gebruiker_id", "ip_adres", "plan_id", "gezin_id"} & set(lines[0])
    assert len(lines) - 1 == AccessLogEntry.objects.filter(plan_id=rich.cast.plan.public_id).count()
    assert Event.DATA_EXPORTED.code in {line[1] for line in lines[1:]}
    assert Event.GOAL_ADDED.code in {line[1] for line in lines[1:]}
    assert rich.school_goal.text not in archive.read("access-log.csv").decode()


def test_data_export_holds_no_login_secrets(rich: Rich) -> None:
    archive, _data = _export(rich, rich.cast.parent_user)
    text = archive.read("data.json").decode()
    for secret in ("token_hash", "password", "pbkdf2", "session_generation"):
        assert secret not in text


def test_a1_only_the_family_downloads_all_data(rich: Rich) -> None:
    cast = rich.cast
    url = reverse("plan-export-data", args=[cast.plan.public_id])
    for user in (cast.grandmother_user, cast.wijkteam_user, cast.care_provider_user):
        response = client_for(user).get(url)
        assert response.status_code == 403
        assert GRANDMOTHER_ACTION.encode() not in response.content
    assert client_for(cast.outsider).get(url).status_code == 404


def test_r2_data_export_carries_every_version_of_a_corrected_entry(rich: Rich) -> None:
    """R2: each entry lists its versions oldest first, with the text, why it replaced
    the one before, when and by whom; the last one is the text that counts."""
    entry = corrected_twice(rich.cast)
    _archive, data = _export(rich, rich.cast.parent_user)
    (row,) = [e for e in data["records"]["entries"] if e["public_id"] == str(entry.public_id)]
    assert row["body"] == CURRENT
    versions = row["versions"]
    assert [(v["version"], v["text"], v["kind"]) for v in versions] == [
        (1, FIRST, "observation"),
        (2, SECOND, "assessment"),
        (3, CURRENT, "observation"),
    ]
    assert [v["reason"] for v in versions] == ["", FIRST_REASON, SECOND_REASON]
    assert [v["counts"] for v in versions] == [False, False, True]
    assert {v["written_by"] for v in versions} == {
        "Joost Bakker, jeugdhulpverlener (Jeugdhulp Horizon)"
    }
    written = [v["written_at"] for v in versions]
    assert written == sorted(written)
    assert {(r["entry_version"], r["comment"]) for r in row["reactions"]} == {
        (1, FIRST_REACTION),
        (2, SECOND_REACTION),
        (3, CURRENT_REACTION),
    }


def test_r2_an_entry_never_corrected_has_one_version_that_counts(rich: Rich) -> None:
    cast = rich.cast
    entries.write_entry(actor=cast.care_provider, plan=cast.plan, kind="observation", body="Rust.")
    _archive, data = _export(rich, cast.parent_user)
    ((only,),) = [row["versions"] for row in data["records"]["entries"]]
    assert (only["version"], only["text"], only["reason"], only["counts"]) == (1, "Rust.", "", True)
    assert only["written_by"] == "Joost Bakker, jeugdhulpverlener (Jeugdhulp Horizon)"
