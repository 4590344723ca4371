"""Control and transparency: R1 one plan, R2 check it with the family, R3 explain the
steps, R4 everyone's wishes."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from regie.access.events import Event
from regie.access.policy import NotAllowed, sections
from regie.core.errors import RuleViolation
from regie.plans import selectors, workflow
from regie.plans.models import (
    EntryKind,
    EntryReaction,
    Plan,
    PlanStatus,
    Revision,
    Step,
    StepChange,
    Verdict,
    Wish,
)
from regie.plans.services.entries import (
    add_wish,
    correct_entry,
    react_to_entry,
    withdraw_entry,
    write_entry,
)
from regie.plans.services.plans import move_step, open_plan
from tests.corrected_entry import (
    CURRENT,
    FIRST,
    FIRST_REACTION,
    FIRST_REASON,
    SECOND,
    SECOND_REACTION,
    SECOND_REASON,
    corrected_twice,
)
from tests.personas import (
    Cast,
    assert_row_by,
    close_out,
    expect_log,
    expect_no_log,
    last_log_id,
    new_rows_since,
    prepare_for,
    walk_to,
)

pytestmark = pytest.mark.django_db


# ---- R1 One plan ---------------------------------------------------------------------


def test_r1_second_open_plan_for_same_family_is_refused(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        open_plan(by=cast.care_provider_user, family=cast.family)
    assert refused.value.rule == "R1"
    assert "één gezin, één plan" in refused.value.message
    assert Plan.objects.filter(family=cast.family).count() == 1


def test_r1_database_refuses_a_second_open_plan_for_a_family(cast: Cast) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(family=cast.family, domain_set=cast.plan.domain_set)
    assert Plan.objects.filter(family=cast.family, status=PlanStatus.OPEN).count() == 1


def test_r1_family_can_start_a_new_plan_once_the_old_one_is_closed(cast: Cast) -> None:
    close_out(cast)
    before = last_log_id()
    new_plan = open_plan(by=cast.wijkteam_user, family=cast.family)
    assert new_plan.pk != cast.plan.pk
    assert Plan.objects.filter(family=cast.family, status=PlanStatus.OPEN).get() == new_plan
    (row,) = new_rows_since(before)
    assert row.event == Event.PLAN_OPENED.code
    assert new_plan.coordinator is not None
    assert_row_by(row, new_plan.coordinator, new_plan)


# ---- R2 Check it with the family -----------------------------------------------------


def test_r2_parent_disputes_entry_and_the_reaction_stays_next_to_it(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Moeder was boos tijdens het huisbezoek.",
    )
    with expect_log(cast.parent, Event.ENTRY_REACTED):
        reaction = react_to_entry(
            actor=cast.parent,
            entry=entry,
            verdict=Verdict.DISAGREES,
            comment="Ik was niet boos, ik was moe.",
        )
    assert reaction.entry_version == 1
    assert list(entry.reactions.values_list("verdict", "comment")) == [
        (Verdict.DISAGREES, "Ik was niet boos, ik was moe.")
    ]
    entry.refresh_from_db()
    assert entry.withdrawn_at is None  # a disputed entry is never hidden


def test_r2_klopt_niet_needs_the_familys_own_words(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.ASSESSMENT, body="Onrustig."
    )
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        react_to_entry(actor=cast.parent, entry=entry, verdict=Verdict.DISAGREES, comment=" ")
    assert refused.value.rule == "R2"
    assert refused.value.field == "comment"


def test_r2_professionals_cannot_mark_entries_for_the_family(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Rustig."
    )
    with pytest.raises(NotAllowed):
        react_to_entry(actor=cast.wijkteam_worker, entry=entry, verdict=Verdict.AGREES)


def test_r2_correction_keeps_the_old_text_and_shows_the_new(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Moeder was boos tijdens het huisbezoek.",
    )
    react_to_entry(actor=cast.parent, entry=entry, verdict=Verdict.DISAGREES, comment="Ik was moe.")
    with expect_log(cast.care_provider, Event.ENTRY_CORRECTED):
        correct_entry(
            actor=cast.care_provider,
            entry=entry,
            expected_version=1,
            body="Moeder was moe tijdens het huisbezoek.",
            reason="Moeder gaf aan dat ze moe was, niet boos.",
        )
    entry.refresh_from_db()
    assert entry.body == "Moeder was moe tijdens het huisbezoek."
    assert entry.corrected_at is not None
    assert entry.version == 2
    revision = Revision.objects.get(record_type="plans.Entry", record_id=entry.pk)
    assert revision.version == 1
    assert revision.data["body"] == "Moeder was boos tijdens het huisbezoek."
    assert revision.reason == "Moeder gaf aan dat ze moe was, niet boos."
    assert revision.changed_by_id == cast.care_provider.pk
    # The family's reaction stays, tied to the version it was about.
    reaction = EntryReaction.objects.get(entry=entry)
    assert (reaction.entry_version, reaction.verdict) == (1, Verdict.DISAGREES)


def test_r2_later_pages_show_only_the_corrected_text(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Boos."
    )
    react_to_entry(actor=cast.parent, entry=entry, verdict=Verdict.DISAGREES, comment="Moe.")
    correct_entry(
        actor=cast.care_provider, entry=entry, expected_version=1, body="Moe.", reason="Fout."
    )
    (shown,) = selectors.entries(cast.plan, cast.parent, sections(cast.parent))
    assert shown.body == "Moe."
    assert [reaction.comment for reaction in shown.reactions.all()] == ["Moe."]


def test_r2_a_corrected_entry_keeps_its_story_oldest_first(cast: Cast) -> None:
    """R2: the current text counts; each earlier text comes with the reactions to it and
    the correction that replaced it, in the order it happened."""
    entry = corrected_twice(cast)
    (shown,) = selectors.entries(cast.plan, cast.parent, sections(cast.parent))
    assert (shown.body, shown.kind, shown.version) == (CURRENT, EntryKind.OBSERVATION, 3)
    story = shown.earlier_versions
    assert [(v.version, v.body, v.kind) for v in story] == [
        (1, FIRST, EntryKind.OBSERVATION),
        (2, SECOND, EntryKind.ASSESSMENT),
    ]
    assert [[r.comment for r in v.reactions] for v in story] == [
        [FIRST_REACTION],
        [SECOND_REACTION],
    ]
    assert [v.reason for v in story] == [FIRST_REASON, SECOND_REASON]
    assert story[0].written_at == entry.created_at
    assert story[0].corrected_at == story[1].written_at <= story[1].corrected_at
    assert {v.corrected_by for v in story} == {cast.care_provider}


def test_r2_an_entry_never_corrected_has_no_earlier_versions(cast: Cast) -> None:
    write_entry(actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Rust.")
    (shown,) = selectors.entries(cast.plan, cast.parent, sections(cast.parent))
    assert shown.earlier_versions == []


def test_r2_only_the_writer_corrects_an_entry(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Tekst."
    )
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        correct_entry(
            actor=cast.wijkteam_worker,
            entry=entry,
            expected_version=1,
            body="Andere tekst.",
            reason="Ik weet het beter.",
        )
    assert refused.value.rule == "R2"
    entry.refresh_from_db()
    assert entry.body == "Tekst."


def test_r2_withdrawn_entry_is_kept_with_its_reactions(cast: Cast) -> None:
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.ASSESSMENT, body="Zorgen."
    )
    react_to_entry(actor=cast.youth16, entry=entry, verdict=Verdict.DISAGREES, comment="Niet.")
    with expect_log(cast.care_provider, Event.ENTRY_WITHDRAWN):
        withdraw_entry(actor=cast.care_provider, entry=entry, reason="Verkeerd gezin.")
    entry.refresh_from_db()
    assert entry.is_withdrawn
    assert entry.withdrawn_reason == "Verkeerd gezin."
    assert entry.body == "Zorgen."
    assert entry.reactions.count() == 1
    with pytest.raises(RuleViolation) as refused:
        react_to_entry(actor=cast.parent, entry=entry, verdict=Verdict.AGREES)
    assert refused.value.rule == "R2"


def test_r2_entry_says_whether_it_is_an_observation_or_an_assessment(cast: Cast) -> None:
    for kind in ["", "mening"]:
        with expect_no_log(), pytest.raises(RuleViolation) as refused:
            write_entry(actor=cast.care_provider, plan=cast.plan, kind=kind, body="Iets.")
        assert refused.value.rule == "R2"
        assert refused.value.field == "kind"
    with expect_log(cast.care_provider, Event.ENTRY_WRITTEN):
        entry = write_entry(
            actor=cast.care_provider, plan=cast.plan, kind=EntryKind.ASSESSMENT, body="Denk ik."
        )
    assert entry.kind == EntryKind.ASSESSMENT
    assert entry.step == Step.INTRODUCTION


def test_r2_correction_cannot_drop_observation_or_assessment(cast: Cast) -> None:
    """A correction may switch observation/assessment, but not to something else."""
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Gezien."
    )
    with pytest.raises(RuleViolation) as refused:
        correct_entry(
            actor=cast.care_provider,
            entry=entry,
            expected_version=1,
            body="Gezien en gehoord.",
            reason="Aangevuld.",
            kind="mening",
        )
    assert refused.value.rule == "R2"
    entry.refresh_from_db()
    assert entry.kind == EntryKind.OBSERVATION


def test_r2_family_does_not_write_professional_entries(cast: Cast) -> None:
    with pytest.raises(NotAllowed):
        write_entry(actor=cast.parent, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Hoi.")


# ---- R3 Explain the steps ------------------------------------------------------------


def test_r3_every_step_explains_what_happens_and_why() -> None:
    assert set(workflow.STEPS) == set(Step.values)
    for info in workflow.STEPS.values():
        assert str(info.what).strip()
        assert str(info.why).strip()


def test_r3_overview_shows_every_step_and_the_current_one(cast: Cast) -> None:
    walk_to(cast, Step.REQUEST)
    overview = selectors.overview(
        cast.plan, timezone.localdate(), cast.parent, sections(cast.parent)
    )
    assert [value for value, _label, _current, _done in overview.steps] == list(Step.values)
    assert [value for value, _label, current, _done in overview.steps if current] == [2]
    assert [value for value, _label, _current, done in overview.steps if done] == [1]
    assert overview.info == workflow.STEPS[Step.REQUEST]


def test_r3_move_that_skips_a_step_is_refused(cast: Cast) -> None:
    prepare_for(cast, Step.REQUEST)
    prepare_for(cast, Step.ANALYSIS)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.ANALYSIS)
    assert refused.value.rule == "R3"
    assert cast.refresh().step == Step.INTRODUCTION
    assert not StepChange.objects.filter(plan=cast.plan, to_step=Step.ANALYSIS).exists()


def test_r3_revisiting_an_earlier_step_needs_a_reason(cast: Cast) -> None:
    walk_to(cast, Step.ANALYSIS)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.INTRODUCTION)
    assert refused.value.rule == "R3"
    assert refused.value.field == "reason"

    with expect_log(cast.wijkteam_worker, Event.STEP_MOVED):
        move_step(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            to_step=Step.INTRODUCTION,
            reason="Vader wil alsnog meedoen; we stellen het team opnieuw samen.",
        )
    assert cast.refresh().step == Step.INTRODUCTION
    changes = list(
        StepChange.objects.filter(plan=cast.plan).values_list(
            "from_step", "to_step", "rule", "reason"
        )
    )
    assert changes == [
        (None, Step.INTRODUCTION, "", ""),
        (Step.INTRODUCTION, Step.REQUEST, "R16", ""),
        (Step.REQUEST, Step.ANALYSIS, "R4", ""),
        (
            Step.ANALYSIS,
            Step.INTRODUCTION,
            "R3",
            "Vader wil alsnog meedoen; we stellen het team opnieuw samen.",
        ),
    ]


def test_r3_family_sees_the_step_but_does_not_move_it(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(NotAllowed):
        move_step(actor=cast.parent, plan=cast.plan, to_step=Step.REQUEST)


# ---- R4 Everyone's wishes ------------------------------------------------------------


def test_r4_parent_writes_the_wish_of_the_child_of_8(cast: Cast) -> None:
    with expect_log(cast.parent, Event.WISH_ADDED):
        wish = add_wish(
            actor=cast.parent,
            plan=cast.plan,
            member=cast.child8,
            text="Lotte wil weer logeren bij oma.",
        )
    assert wish.participant == cast.child8
    assert wish.created_by == cast.parent


def test_r4_youth_of_13_writes_her_own_wish(cast: Cast) -> None:
    with expect_log(cast.youth13, Event.WISH_ADDED):
        wish = add_wish(
            actor=cast.youth13, plan=cast.plan, member=cast.youth13, text="Minder ruzie."
        )
    assert wish.participant == cast.youth13
    assert wish.created_by == cast.youth13


def test_r4_parent_cannot_write_for_a_youth_with_her_own_login(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        add_wish(actor=cast.parent, plan=cast.plan, member=cast.youth13, text="Noa wil rust.")
    assert refused.value.rule == "R4"
    assert not Wish.objects.filter(participant=cast.youth13).exists()


def test_r4_wishes_belong_to_family_members(cast: Cast) -> None:
    with pytest.raises(RuleViolation) as refused:
        add_wish(actor=cast.parent, plan=cast.plan, member=cast.grandmother, text="Rust.")
    assert refused.value.rule == "R4"
    with pytest.raises(RuleViolation) as empty:
        add_wish(actor=cast.youth16, plan=cast.plan, member=cast.youth16, text="  ")
    assert empty.value.rule == "R4"


def test_r4_plan_waits_for_the_request_and_a_wish(cast: Cast) -> None:
    walk_to(cast, Step.REQUEST)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.ANALYSIS)
    assert refused.value.rule == "R4"
    assert "hulpvraag" in refused.value.message
    assert "wens" in refused.value.message
    prepare_for(cast, Step.ANALYSIS)
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.ANALYSIS)
    assert cast.plan.step == Step.ANALYSIS
