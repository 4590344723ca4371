"""The plan as a PDF for the family (issue 6): what each reader's PDF holds (A2–A4, R9,
R15, R16, R19) and that each download is one row in "who looked" (A5)."""

import datetime
import shutil
import subprocess  # nosec B404: runs the fixed poppler binary on a file we wrote
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.exports import pdf
from regie.plans.models import Participant
from regie.plans.services import meetings
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
from tests.exports.conftest import (
    CONDITION,
    GRANDMOTHER_ACTION,
    KEPT_WISH,
    OTHER_ACTION,
    PROFESSIONAL_ACTION,
    SECOND_GOAL,
    Rich,
)
from tests.personas import Cast, last_log_id


def _html(rich: Rich, viewer: Participant, *, youth: bool = False) -> str:
    return pdf.render_html(rich.cast.plan, viewer, timezone.localdate(), youth=youth)


def test_a5_pdf_export_is_logged(rich: Rich) -> None:
    cast = rich.cast
    client = client_for(cast.parent_user)
    before = last_log_id()
    response = client.get(reverse("plan-export-pdf", args=[cast.plan.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    rows = list(AccessLogEntry.objects.filter(id__gt=before))
    assert [(row.event, row.action) for row in rows] == [(Event.PLAN_PRINTED.code, "print")]
    assert rows[0].user_id == cast.parent_user.pk
    assert rows[0].role == "parent"
    assert rows[0].plan_id == cast.plan.public_id


def test_a5_youth_pdf_export_is_logged_as_youth_version(rich: Rich) -> None:
    cast = rich.cast
    client = client_for(cast.youth13_user)
    before = last_log_id()
    response = client.get(reverse("plan-export-pdf-youth", args=[cast.plan.public_id]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    rows = list(AccessLogEntry.objects.filter(id__gt=before))
    assert [(row.event, row.part, row.role) for row in rows] == [
        (Event.PLAN_PRINTED.code, "jongerenversie", "child")
    ]


def test_a5_professional_pdf_is_logged_with_organisation(rich: Rich) -> None:
    cast = rich.cast
    client = client_for(cast.care_provider_user)
    before = last_log_id()
    response = client.get(reverse("plan-export-pdf", args=[cast.plan.public_id]))
    assert response.status_code == 200
    row = AccessLogEntry.objects.get(id__gt=before)
    assert row.organisation == "Jeugdhulp Horizon"


def test_a4_parent_pdf_omits_youth_kept_wish(rich: Rich) -> None:
    parent = _html(rich, rich.cast.parent)
    assert KEPT_WISH not in parent
    assert "Dit deel deelt Daan (16) niet met ouders" in parent  # that, never what
    assert KEPT_WISH in _html(rich, rich.cast.youth16)
    assert KEPT_WISH in _html(rich, rich.cast.care_provider)


def test_a4_parent_youth_version_omits_youth_kept_wish_too(rich: Rich) -> None:
    assert KEPT_WISH not in _html(rich, rich.cast.parent, youth=True)


def test_a3_network_pdf_holds_only_shared_parts(rich: Rich) -> None:
    html = _html(rich, rich.cast.grandmother)
    assert GRANDMOTHER_ACTION in html  # her own action
    assert "Noa gaat weer elke dag naar school." in html  # the goal it serves
    assert "Overleg over school" in html  # meeting dates
    assert "Fatima El Amrani" in html  # who coordinates
    for hidden in (
        PROFESSIONAL_ACTION,
        OTHER_ACTION,
        SECOND_GOAL,
        rich.safety_goal.text,
        CONDITION,
        KEPT_WISH,
        "Minder ruzie thuis.",
        "Gezinscoaching",
        "Joost Bakker",
        "Volgende evaluatie",
    ):
        assert hidden not in html, hidden


def test_a3_network_pdf_grows_with_what_the_family_shares(rich: Rich) -> None:
    from regie.plans.models import ShareKind
    from regie.plans.services import sharing

    cast = rich.cast
    sharing.share_part(
        actor=cast.parent, plan=cast.plan, member=cast.grandmother, kind=ShareKind.WISHES
    )
    html = _html(rich, cast.grandmother)
    assert "Minder ruzie thuis." in html
    assert KEPT_WISH in html  # A4 keeps from parents only, not from everyone the family shares with
    assert PROFESSIONAL_ACTION not in html


def test_r9_pdf_shows_framework_conditions_apart(rich: Rich) -> None:
    html = _html(rich, rich.cast.parent)
    assert "Verplichte hulp: ondertoezichtstelling (OTS)" in html
    framework = html.split('class="box framework"')[1].split("</section>")[0]
    assert CONDITION in framework
    assert "Hierover kunt u niet kiezen" in framework
    youth = _html(rich, rich.cast.youth13, youth=True)
    assert "Regels die je moet volgen" in youth and CONDITION in youth


def test_r8_r19_pdf_lists_goals_in_priority_order_with_latest_scores(rich: Rich) -> None:
    html = _html(rich, rich.cast.parent)
    positions = [html.index(goal.text) for goal in (rich.safety_goal, rich.school_goal)]
    assert positions == sorted(positions)  # R9: the safety goal stays first
    assert html.index(rich.school_goal.text) < html.index(SECOND_GOAL)
    assert "<td>8</td>" in html and "<td>4</td>" in html and "<td>6</td>" in html
    assert "3 punten of meer uit elkaar" in html  # R19: 8 and 4 differ by 4
    assert f"evaluatie van {timezone.localdate():%-d}" in html


def test_r12_r14_r15_r16_pdf_holds_who_does_what_help_deadline_and_team(rich: Rich) -> None:
    html = _html(rich, rich.cast.parent)
    assert "Ria Jansen" in html and GRANDMOTHER_ACTION in html
    assert "Joost Bakker" in html and PROFESSIONAL_ACTION in html
    assert "Gezinscoaching" in html and "Jeugdhulp Horizon" in html  # chosen provider
    assert "zorg in natura" in html
    assert "nog 46 dagen" in html  # 8 weeks from 10 days ago
    assert "Volgende evaluatie" in html
    assert "De zorgcoördinator is <strong>Fatima El Amrani</strong>" in html
    assert "Jeugdbescherming Regio" in html


def test_a4_youth_version_speaks_to_the_youth(rich: Rich) -> None:
    html = _html(rich, rich.cast.youth13, youth=True)
    assert "Jouw plan" in html
    assert "<strong>Jij:</strong> Dat ik weer naar school durf." in html
    assert "font-size: 14pt" in html
    assert "Heb je een vraag? Vraag het aan <strong>Fatima El Amrani</strong>" in html


def test_pdf_fetches_no_urls() -> None:
    fetcher = pdf.safe_url_fetcher()
    for url in ("http://example.org/x.css", "https://example.org/f.woff", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    body = pdf.html_to_pdf(
        '<p>Hallo</p><img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="file:///etc/passwd">'
    )
    assert body.startswith(b"%PDF")


def _pdf_text(cast: Cast, tmp_path: Path) -> str:
    target = tmp_path / "plan.pdf"
    target.write_bytes(pdf.plan_pdf(cast.plan, cast.parent, timezone.localdate()))
    binary = shutil.which("pdftotext") or "pdftotext"
    return subprocess.run(  # noqa: S603  # nosec B603: fixed arguments, no shell
        [binary, str(target), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_has_page_numbers_and_content(rich: Rich, tmp_path: Path) -> None:
    text = _pdf_text(rich.cast, tmp_path)
    assert "pagina 1 van" in text
    assert "Het plan van Gezin Jansen" in text
    assert KEPT_WISH not in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_r2_pdf_prints_earlier_versions_after_the_text_that_counts(
    cast: Cast, tmp_path: Path
) -> None:
    """R2: the corrected text first, then each earlier version, marked as such, with the
    family's reaction to it and the reason it was corrected, oldest first."""
    corrected_twice(cast)
    text = " ".join(_pdf_text(cast, tmp_path).split())  # lines wrap anywhere in a PDF
    order = [
        CURRENT,
        CURRENT_REACTION,
        "Eerdere versie 1",
        FIRST,
        FIRST_REACTION,
        FIRST_REASON,
        "Eerdere versie 2",
        SECOND,
        SECOND_REACTION,
        SECOND_REASON,
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert text.count(FIRST_REACTION) == 1  # each reaction once, with the text it was about


def _poppler(tool: str, *args: str) -> str:
    binary = shutil.which(tool) or tool
    return subprocess.run(  # noqa: S603  # nosec B603: fixed arguments, no shell
        [binary, *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("youth", [False, True], ids=["family", "youth"])
def test_pdf_is_tagged_for_screen_readers(rich: Rich, tmp_path: Path, youth: bool) -> None:
    """Issue 14: the PDF is PDF/UA-1: tagged, with a title and a language, so a screen
    reader reads the heading, then the sections with their headings and tables, in order.
    Read back with poppler as a reader's software would."""
    viewer = rich.cast.youth13 if youth else rich.cast.parent
    target = tmp_path / "plan.pdf"
    target.write_bytes(pdf.plan_pdf(rich.cast.plan, viewer, timezone.localdate(), youth=youth))
    info = _poppler("pdfinfo", str(target))
    assert "Tagged:          yes" in info
    assert "Title:           Gezin Jansen" in info
    assert 'pdfuaid:part="1"' in _poppler("pdfinfo", "-meta", str(target))
    structure = _poppler("pdfinfo", "-struct-text", str(target))
    tags = [line.split()[0] for line in structure.splitlines() if line.strip()[:1] != '"']
    assert tags.index("H1") < tags.index("H2")
    assert "L" in tags and "LI" in tags
    texts = " ".join(line.strip().strip('"') for line in structure.splitlines())
    assert ("Het plan van Gezin Jansen" in texts) != youth


def test_pdf_meeting_and_done_action_read_as_sentences(rich: Rich) -> None:
    """Issue 14: a meeting whose title ends in a question mark gets no extra full stop,
    and a finished action reads "name: what (gedaan)", not "gedaan name: what"."""
    meetings.plan_meeting(
        actor=rich.cast.wijkteam_worker,
        plan=rich.cast.plan,
        title="Hoe gaat het thuis?",
        planned_at=timezone.now() + datetime.timedelta(days=20),
        attendees=[(rich.cast.parent, "")],
    )
    html = " ".join(_html(rich, rich.cast.parent).split())
    assert "Hoe gaat het thuis?" in html
    assert "?." not in html
    assert '<span class="tag">gedaan</span> <strong>' not in html
