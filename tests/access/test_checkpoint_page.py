"""A5 signed checkpoints on the privacy officer's page: the latest one (how many rows,
when, the head hash, whether its signature holds) and its file to download and keep
elsewhere. The download is logged; anyone else gets the privacy pages' 404."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from regie.access import checkpoints
from regie.access.checkpoints import Checkpoint
from regie.access.events import Event
from regie.access.log import seal_everything
from regie.access.models import AccessLogEntry
from tests.access.helpers import log_in
from tests.personas import Cast, last_log_id

pytestmark = pytest.mark.django_db

NONE_YET = "Er is nog geen controlepunt geschreven."


def _officer(cast: Cast) -> Client:
    return log_in(Client(), cast.privacy_officer)


def _checkpoint() -> Checkpoint:
    """Seal the log as the sealer would and write the checkpoint of what it sealed."""
    seal_everything()
    checkpoint = checkpoints.write_latest()
    assert checkpoint is not None and checkpoint == checkpoints.latest()
    return checkpoint


def test_a5_officer_sees_that_no_checkpoint_is_written_yet(cast: Cast) -> None:
    response = _officer(cast).get(reverse("privacy-log"))
    page = response.content.decode()
    assert response.status_code == 200 and response.context["checkpoint"] is None
    assert NONE_YET in page
    assert "buiten de database" in page  # what a checkpoint is for
    assert reverse("privacy-log-checkpoint") not in page


def test_a5_officer_sees_the_latest_checkpoint(cast: Cast) -> None:
    client = _officer(cast)
    checkpoint = _checkpoint()
    page = client.get(reverse("privacy-log")).content.decode()
    assert NONE_YET not in page
    assert checkpoint.count > 0 and f"<dd>{checkpoint.count}</dd>" in page
    with translation.override("nl"):
        at = dateformat.format(timezone.localtime(checkpoint.written_at), "j F Y, H:i:s")
    assert f"<dd>{at}</dd>" in page  # Dutch, local time
    assert f'<code title="{checkpoint.head}">{checkpoint.head[:12]}…</code>' in page
    assert f'<code class="secret">{checkpoint.head}</code>' in page
    assert '<span class="tag ok">Klopt</span>' in page
    assert reverse("privacy-log-checkpoint") in page and checkpoint.name in page


def test_a5_officer_sees_a_checkpoint_someone_changed_does_not_hold(cast: Cast) -> None:
    checkpoint = _checkpoint()
    path = checkpoints.directory() / checkpoint.name
    path.write_text(path.read_text().replace(f'"count": {checkpoint.count}', '"count": 1'))
    page = _officer(cast).get(reverse("privacy-log")).content.decode()
    assert '<span class="tag bad">Klopt niet</span>' in page
    assert "verify_access_log" in page


def test_a5_officer_downloads_the_checkpoint_file_and_that_is_logged(cast: Cast) -> None:
    client = _officer(cast)
    checkpoint = _checkpoint()
    before = last_log_id()
    response = client.get(reverse("privacy-log-checkpoint"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{checkpoint.name}"'
    assert "no-store" in response["Cache-Control"]
    file = (checkpoints.directory() / checkpoint.name).read_bytes()
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == file == checkpoint.as_json().encode()
    rows = list(AccessLogEntry.objects.filter(id__gt=before))
    assert len(rows) == 1
    row = rows[0]
    assert (row.event, row.action) == (Event.LOG_CHECKPOINT_DOWNLOADED.code, "export")
    assert (row.user_id, row.role) == (cast.privacy_officer.pk, "privacy_officer")
    assert row.part == checkpoint.name
    assert (row.family_id, row.plan_id) == (None, None)  # no family sees it


def test_a5_without_a_checkpoint_the_download_says_so(cast: Cast) -> None:
    client = _officer(cast)
    before = last_log_id()
    response = client.get(reverse("privacy-log-checkpoint"))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Er is nog geen controlepunt om te downloaden." in page and NONE_YET in page
    assert last_log_id() == before


@pytest.mark.parametrize("who", ["parent", "care_provider", "admin", "outsider"])
def test_a5_only_the_privacy_officer_downloads_a_checkpoint(cast: Cast, who: str) -> None:
    """Anyone else gets the same 404 as on the other privacy pages, and nothing is logged."""
    _checkpoint()
    user = {
        "parent": cast.parent_user,
        "care_provider": cast.care_provider_user,
        "admin": cast.admin,
        "outsider": cast.outsider,
    }[who]
    client = log_in(Client(), user)
    before = last_log_id()
    download = client.get(reverse("privacy-log-checkpoint"))
    search = client.get(reverse("privacy-log"))
    assert download.status_code == search.status_code == 404
    assert download.content == search.content
    assert last_log_id() == before
