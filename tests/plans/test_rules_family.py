"""R21 needs and background in the family profile, R22 one place to complain."""

import pytest
from django.core.mail import EmailMessage
from pytest_django import DjangoCaptureOnCommitCallbacks

from regie.access.events import Event
from regie.access.log import seal_pending
from regie.access.policy import NotAllowed
from regie.core.errors import ConflictError, RuleViolation
from regie.families.models import Family
from regie.plans.models import Complaint, ComplaintKind, ComplaintStatus, Revision
from regie.plans.services.complaints import file_complaint, update_complaint
from regie.plans.services.plans import edit_family_profile
from tests.personas import Cast, expect_log, expect_no_log

pytestmark = pytest.mark.django_db


# ---- R21 Needs and background --------------------------------------------------------


def test_r21_family_profile_records_needs_and_background_with_history(cast: Cast) -> None:
    assert cast.family.version == 1
    with expect_log(cast.parent, Event.PROFILE_EDITED):
        edit_family_profile(
            actor=cast.parent,
            plan=cast.plan,
            expected_version=1,
            name="Gezin Jansen",
            language="Nederlands",
            culture="Nederlands-Marokkaans",
            religion="islam",
            considerations="Tolk voor oma; geen afspraken op vrijdagmiddag.",
        )
    with expect_log(cast.care_provider, Event.PROFILE_EDITED):
        edit_family_profile(
            actor=cast.care_provider,
            plan=cast.plan,
            expected_version=2,
            name="Gezin Jansen",
            language="Nederlands; oma spreekt Tarifit",
            culture="Nederlands-Marokkaans",
            religion="islam",
            considerations="Tolk voor oma; geen afspraken op vrijdagmiddag.",
        )
    family = Family.objects.get(pk=cast.family.pk)
    assert family.version == 3
    assert (family.language, family.culture, family.religion) == (
        "Nederlands; oma spreekt Tarifit",
        "Nederlands-Marokkaans",
        "islam",
    )
    assert family.considerations == "Tolk voor oma; geen afspraken op vrijdagmiddag."
    history = list(
        Revision.objects.filter(record_type="families.Family", record_id=family.pk).order_by(
            "version"
        )
    )
    assert [revision.version for revision in history] == [1, 2]
    assert history[0].data["religion"] == ""
    assert history[1].data["language"] == "Nederlands"
    assert history[1].changed_by_id == cast.care_provider.pk


def test_r21_stale_profile_edit_is_refused(cast: Cast) -> None:
    edit_family_profile(
        actor=cast.parent,
        plan=cast.plan,
        expected_version=1,
        name="Gezin Jansen",
        language="Nederlands",
        culture="",
        religion="",
        considerations="Laaggeletterd: graag uitleg met plaatjes.",
    )
    with expect_no_log(), pytest.raises(ConflictError) as conflict:
        edit_family_profile(
            actor=cast.care_provider,
            plan=cast.plan,
            expected_version=1,
            name="Gezin Jansen",
            language="Engels",
            culture="",
            religion="",
            considerations="",
        )
    assert conflict.value.current_version == 2
    family = Family.objects.get(pk=cast.family.pk)
    assert family.language == "Nederlands"
    assert family.considerations == "Laaggeletterd: graag uitleg met plaatjes."


def test_r21_shared_with_does_not_edit_the_profile(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(NotAllowed):
        edit_family_profile(
            actor=cast.grandmother,
            plan=cast.plan,
            expected_version=1,
            name="Gezin Jansen",
            language="",
            culture="",
            religion="",
            considerations="",
        )


# ---- R22 One place to complain -------------------------------------------------------


def test_r22_complaint_reaches_the_organisations_complaints_contact(
    cast: Cast,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    text = "De coach komt steeds te laat en zegt afspraken af zonder te bellen."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with expect_log(cast.parent, Event.COMPLAINT_FILED):
            complaint = file_complaint(
                actor=cast.parent,
                plan=cast.plan,
                organisation=cast.provider_org,
                kind=ComplaintKind.COMPLAINT,
                text=text,
            )
        assert mailoutbox == []  # sent after commit, not before
    assert len([callback for callback in callbacks if callback is not seal_pending]) == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["klachten@horizon.example.nl"]
    assert "Jeugdhulp Horizon" in mail.body
    assert text not in mail.body  # no case content in e-mail
    assert complaint.status == ComplaintStatus.SUBMITTED
    assert list(complaint.updates.values_list("status", flat=True)) == ["submitted"]


def test_r22_second_opinion_from_a_youth_goes_to_the_wijkteam(
    cast: Cast,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        file_complaint(
            actor=cast.youth16,
            plan=cast.plan,
            organisation=cast.wijkteam_org,
            kind=ComplaintKind.SECOND_OPINION,
            text="Ik wil dat iemand anders naar het plan kijkt.",
        )
    assert [mail.to for mail in mailoutbox] == [["klachten@wijkteam-noord.example.nl"]]


def test_r22_complaint_about_an_organisation_not_in_the_plan_is_refused(
    cast: Cast,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        expect_no_log(),
        pytest.raises(RuleViolation) as refused,
    ):
        file_complaint(
            actor=cast.parent,
            plan=cast.plan,
            organisation=cast.other_org,
            kind=ComplaintKind.COMPLAINT,
            text="Klacht.",
        )
    assert (refused.value.rule, refused.value.field) == ("R22", "organisation")
    assert mailoutbox == []
    assert not Complaint.objects.exists()
    with pytest.raises(NotAllowed):  # professionals handle complaints, they do not file them
        file_complaint(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            organisation=cast.provider_org,
            kind=ComplaintKind.COMPLAINT,
            text="Klacht.",
        )


def test_r22_status_is_updated_by_that_organisation_only(cast: Cast) -> None:
    complaint = file_complaint(
        actor=cast.parent,
        plan=cast.plan,
        organisation=cast.provider_org,
        kind=ComplaintKind.COMPLAINT,
        text="De coach komt te laat.",
    )
    with expect_no_log(), pytest.raises(RuleViolation) as other_org:
        update_complaint(
            actor=cast.wijkteam_worker, complaint=complaint, status=ComplaintStatus.CLOSED
        )
    assert other_org.value.rule == "R22"
    with pytest.raises(NotAllowed):
        update_complaint(actor=cast.parent, complaint=complaint, status=ComplaintStatus.CLOSED)

    with expect_log(cast.care_provider, Event.COMPLAINT_UPDATED):
        update_complaint(
            actor=cast.care_provider,
            complaint=complaint,
            status=ComplaintStatus.RECEIVED,
            note="Ontvangen; de klachtenfunctionaris belt u deze week.",
        )
    # A colleague of the same organisation may handle it too.
    update_complaint(
        actor=cast.behavioural_scientist, complaint=complaint, status=ComplaintStatus.IN_PROGRESS
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_PROGRESS
    assert list(complaint.updates.values_list("status", "changed_by_id")) == [
        (ComplaintStatus.SUBMITTED, cast.parent.pk),
        (ComplaintStatus.RECEIVED, cast.care_provider.pk),
        (ComplaintStatus.IN_PROGRESS, cast.behavioural_scientist.pk),
    ]
