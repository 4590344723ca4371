"""Analysis: R5 whole picture per life domain, R6 coherent picture with each party's
position, R7 the network map."""

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from regie.access.events import Event
from regie.access.policy import NotAllowed
from regie.catalog.models import LifeDomain, LifeDomainSet
from regie.core.errors import ConflictError, RuleViolation
from regie.families.models import Relation, RelationKind
from regie.plans import workflow
from regie.plans.models import (
    Consultation,
    ConsultationKind,
    DomainAssessment,
    FactorKind,
    Position,
    ProtectiveFactor,
    Step,
    StepChange,
)
from regie.plans.services.analysis import (
    add_protective_factor,
    assess_domain,
    record_consultation,
    record_position,
    write_picture,
)
from regie.plans.services.plans import move_step
from regie.plans.services.team import add_relation
from tests.personas import ZRM_SLUG, Cast, build_cast, expect_log, expect_no_log, walk_to

pytestmark = pytest.mark.django_db


def _domain(cast: Cast, name: str) -> LifeDomain:
    return cast.plan.domain_set.domains.get(name=name)


# ---- R5 Whole picture ----------------------------------------------------------------


def test_r5_concerns_and_strengths_are_recorded_per_life_domain(cast: Cast) -> None:
    names = list(cast.plan.domain_set.domains.values_list("name", flat=True))
    assert len(names) == 8
    assert {"Veiligheid", "Opvoeding", "Sociaal netwerk", "Financiën"} <= set(names)
    with expect_log(cast.parent, Event.ANALYSIS_EDITED):
        assessment = assess_domain(
            actor=cast.parent,
            plan=cast.plan,
            domain=_domain(cast, "Opvoeding"),
            concerns="Veel ruzie over bedtijd.",
            strengths="Sanne blijft rustig praten.",
        )
    assert (assessment.concerns, assessment.strengths) == (
        "Veel ruzie over bedtijd.",
        "Sanne blijft rustig praten.",
    )
    # Written together: a professional adds to the same domain, the old text is kept.
    assess_domain(
        actor=cast.care_provider,
        plan=cast.plan,
        domain=_domain(cast, "Opvoeding"),
        concerns="Veel ruzie over bedtijd en schermtijd.",
        strengths="Sanne blijft rustig praten.",
        expected_version=assessment.version,
    )
    assert DomainAssessment.objects.filter(plan=cast.plan).count() == 1
    with expect_no_log(), pytest.raises(RuleViolation) as empty:
        assess_domain(
            actor=cast.parent,
            plan=cast.plan,
            domain=_domain(cast, "Financiën"),
            concerns="",
            strengths="",
        )
    assert empty.value.rule == "R5"


def test_r5_zrm_scores_are_validated_against_the_domain_set(db: None) -> None:
    cast = build_cast(domain_set_slug=ZRM_SLUG)
    domain_set = LifeDomainSet.objects.get(slug=ZRM_SLUG)
    assert cast.plan.domain_set == domain_set
    assert (domain_set.score_min, domain_set.score_max) == (1, 5)
    assert domain_set.domains.count() == 13
    domain = domain_set.domains.get(name="Financiën")
    for score in (0, 6):
        with expect_no_log(), pytest.raises(RuleViolation) as refused:
            assess_domain(
                actor=cast.care_provider,
                plan=cast.plan,
                domain=domain,
                concerns="Schulden.",
                strengths="",
                score=score,
            )
        assert refused.value.rule == "R5"
        assert refused.value.field == "score"
    # The edges of the range, on two domains: a second save of one domain is an edit.
    for score, edge_domain in ((1, domain), (5, domain_set.domains.get(name="Huisvesting"))):
        with expect_log(cast.care_provider, Event.ANALYSIS_EDITED):
            assessment = assess_domain(
                actor=cast.care_provider,
                plan=cast.plan,
                domain=edge_domain,
                concerns="Schulden.",
                strengths="Budgetplan gemaakt.",
                score=score,
            )
        assert assessment.score == score


def test_r5_editing_a_filled_in_domain_needs_the_version_seen(cast: Cast) -> None:
    """Two people filling in the same domain: the second gets a conflict, not an overwrite."""
    domain = _domain(cast, "Opvoeding")
    first = assess_domain(
        actor=cast.parent, plan=cast.plan, domain=domain, concerns="Ruzie.", strengths=""
    )
    with expect_no_log(), pytest.raises(ConflictError):
        assess_domain(
            actor=cast.care_provider,
            plan=cast.plan,
            domain=domain,
            concerns="Iets anders.",
            strengths="",
        )
    first.refresh_from_db()
    assert first.concerns == "Ruzie."


def test_r5_default_domains_take_no_score_and_no_foreign_domain(cast: Cast) -> None:
    with pytest.raises(RuleViolation) as scored:
        assess_domain(
            actor=cast.parent,
            plan=cast.plan,
            domain=_domain(cast, "Veiligheid"),
            concerns="Ruzie.",
            strengths="",
            score=3,
        )
    assert scored.value.rule == "R5"
    zrm_domain = LifeDomain.objects.get(domain_set__slug=ZRM_SLUG, name="Financiën")
    with pytest.raises(RuleViolation) as foreign:
        assess_domain(
            actor=cast.parent, plan=cast.plan, domain=zrm_domain, concerns="Geld.", strengths=""
        )
    assert foreign.value.rule == "R5"


def test_r5_protective_factors_and_network_strengths_are_part_of_the_picture(cast: Cast) -> None:
    with expect_log(cast.behavioural_scientist, Event.FACTOR_ADDED):
        add_protective_factor(
            actor=cast.behavioural_scientist,
            plan=cast.plan,
            kind=FactorKind.PROTECTIVE,
            text="Sterke band tussen Noa en haar moeder.",
        )
    with expect_log(cast.youth16, Event.FACTOR_ADDED):
        add_protective_factor(
            actor=cast.youth16,
            plan=cast.plan,
            kind=FactorKind.NETWORK_STRENGTH,
            text="Oma woont om de hoek.",
        )
    assert list(ProtectiveFactor.objects.filter(plan=cast.plan).values_list("kind", flat=True)) == [
        FactorKind.NETWORK_STRENGTH,
        FactorKind.PROTECTIVE,
    ]
    with pytest.raises(RuleViolation) as refused:
        add_protective_factor(actor=cast.parent, plan=cast.plan, kind="geluk", text="Geluk.")
    assert refused.value.rule == "R5"


# ---- R6 Coherent picture -------------------------------------------------------------


def test_r6_disagreeing_sends_the_plan_from_goals_back_to_analysis(cast: Cast) -> None:
    walk_to(cast, Step.GOALS)
    reason = "Het beeld gaat alleen over Noa; mijn zorgen over Daan staan er niet in."
    with expect_log(cast.parent, Event.POSITION_RECORDED, Event.STEP_MOVED):
        position = record_position(
            actor=cast.parent, plan=cast.plan, position=Position.DISAGREES, reason=reason
        )
    assert position.reason == reason
    assert cast.refresh().step == Step.ANALYSIS
    back = StepChange.objects.filter(plan=cast.plan).last()
    assert back is not None
    assert (back.from_step, back.to_step, back.rule) == (Step.GOALS, Step.ANALYSIS, "R6")
    assert reason in back.reason
    assert back.changed_by_id == cast.parent.pk


def test_r6_disagreement_keeps_the_plan_in_analysis(cast: Cast) -> None:
    walk_to(cast, Step.ANALYSIS)
    write_picture(actor=cast.wijkteam_worker, plan=cast.plan, summary="Spanning thuis.")
    record_position(actor=cast.parent, plan=cast.plan, position=Position.AGREES)
    with expect_no_log(), pytest.raises(RuleViolation) as no_reason:
        record_position(actor=cast.youth16, plan=cast.plan, position=Position.DISAGREES)
    assert no_reason.value.rule == "R6"
    record_position(
        actor=cast.youth16, plan=cast.plan, position=Position.DISAGREES, reason="Klopt niet."
    )
    assert cast.plan.step == Step.ANALYSIS
    with pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.GOALS)
    assert refused.value.rule == "R6"
    # Talking it through: Daan agrees with the next version of the picture.
    write_picture(actor=cast.wijkteam_worker, plan=cast.plan, summary="Spanning; ook Daan.")
    record_position(actor=cast.parent, plan=cast.plan, position=Position.AGREES)
    record_position(actor=cast.youth16, plan=cast.plan, position=Position.AGREES)
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.GOALS)
    assert cast.plan.step == Step.GOALS


def test_r6_only_each_persons_latest_position_on_the_current_picture_counts(
    cast: Cast,
) -> None:
    """Issue 13 reads the R6 checks in one query: a changed mind and a new picture must
    still count as before."""
    walk_to(cast, Step.ANALYSIS)
    write_picture(actor=cast.wijkteam_worker, plan=cast.plan, summary="Spanning thuis.")
    record_position(actor=cast.parent, plan=cast.plan, position=Position.AGREES)
    record_position(
        actor=cast.youth16, plan=cast.plan, position=Position.DISAGREES, reason="Klopt niet."
    )
    # Daan thinks it over and agrees after all: his disagreement no longer blocks.
    record_position(actor=cast.youth16, plan=cast.plan, position=Position.AGREES)
    assert workflow.move_problems(cast.plan, Step.GOALS) == []
    # A new version of the picture: the parents' agreement was with the old one.
    write_picture(actor=cast.wijkteam_worker, plan=cast.plan, summary="Spanning; ook Daan.")
    problems = [(p.rule, str(p)) for p in workflow.move_problems(cast.plan, Step.GOALS)]
    assert problems == [("R6", "Vraag de ouders wat zij van het hele beeld vinden.")]


def test_r6_no_action_needs_a_safety_assessment_with_the_behavioural_scientist(
    cast: Cast,
) -> None:
    walk_to(cast, Step.ANALYSIS)
    write_picture(actor=cast.wijkteam_worker, plan=cast.plan, summary="Veel ruzie thuis.")
    record_position(
        actor=cast.parent,
        plan=cast.plan,
        position=Position.NO_ACTION,
        reason="Klopt, maar we lossen het zelf op.",
    )
    with expect_no_log(), pytest.raises(RuleViolation) as blocked:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.GOALS)
    assert blocked.value.rule == "R6"
    assert "gedragswetenschapper" in blocked.value.message

    # Not a safety assessment without the behavioural scientist.
    with pytest.raises(RuleViolation) as wrong_consultant:
        record_consultation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=ConsultationKind.SAFETY_ASSESSMENT,
            held_on=timezone.localdate(),
            question="Is Lotte veilig?",
            advice="Ja.",
            consultant=cast.care_provider,
            child_is_safe=True,
        )
    assert wrong_consultant.value.rule == "R6"
    with pytest.raises(RuleViolation) as no_verdict:
        record_consultation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=ConsultationKind.SAFETY_ASSESSMENT,
            held_on=timezone.localdate(),
            question="Is Lotte veilig?",
            advice="Ja.",
            consultant=cast.behavioural_scientist,
        )
    assert no_verdict.value.field == "child_is_safe"

    with expect_log(cast.wijkteam_worker, Event.CONSULTATION):
        assessment = record_consultation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=ConsultationKind.SAFETY_ASSESSMENT,
            held_on=timezone.localdate(),
            question="Is Lotte veilig als er niets verandert?",
            advice="Ja; wel na zes weken opnieuw bekijken.",
            consultant=cast.behavioural_scientist,
            child_is_safe=True,
        )
    assert assessment.picture is not None
    assert Consultation.objects.filter(plan=cast.plan, kind="safety").count() == 1
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.GOALS)
    assert cast.plan.step == Step.GOALS


def test_r6_shared_with_gives_no_position(cast: Cast) -> None:
    walk_to(cast, Step.ANALYSIS)
    write_picture(actor=cast.wijkteam_worker, plan=cast.plan, summary="Beeld.")
    with pytest.raises(NotAllowed):
        record_position(actor=cast.grandmother, plan=cast.plan, position=Position.AGREES)
    with pytest.raises(RuleViolation) as for_network:
        record_position(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            position=Position.AGREES,
            member=cast.grandmother,
        )
    assert for_network.value.rule == "R6"


# ---- R7 Network map ------------------------------------------------------------------


def test_r7_relations_are_recorded_for_genogram_and_sociogram(cast: Cast) -> None:
    parent, second_parent = cast.parent.person, cast.second_parent.person
    grandmother, child8 = cast.grandmother.person, cast.child8.person
    assert parent and second_parent and grandmother and child8
    with expect_log(cast.parent, Event.RELATION_ADDED):
        add_relation(
            actor=cast.parent,
            plan=cast.plan,
            from_person=parent,
            to_person=second_parent,
            kind=RelationKind.DIVORCED,
            conflict=True,
        )
    with expect_log(cast.care_provider, Event.RELATION_ADDED):
        add_relation(
            actor=cast.care_provider,
            plan=cast.plan,
            from_person=grandmother,
            to_person=child8,
            kind=RelationKind.OTHER,
            closeness=4,
            can_help_with="Lotte uit school halen",
        )
    genogram = Relation.objects.get(family=cast.family, kind=RelationKind.DIVORCED)
    assert (genogram.from_person, genogram.to_person, genogram.conflict) == (
        parent,
        second_parent,
        True,
    )
    sociogram = Relation.objects.get(family=cast.family, from_person=grandmother)
    assert (sociogram.closeness, sociogram.can_help_with) == (4, "Lotte uit school halen")


def test_r7_recording_a_tie_again_updates_how_close_it_is(cast: Cast) -> None:
    grandmother, child8 = cast.grandmother.person, cast.child8.person
    assert grandmother and child8
    tie: dict[str, Any] = {
        "from_person": grandmother,
        "to_person": child8,
        "kind": RelationKind.OTHER,
    }
    add_relation(actor=cast.parent, plan=cast.plan, closeness=2, **tie)
    with expect_log(cast.parent, Event.RELATION_CHANGED):
        add_relation(
            actor=cast.parent, plan=cast.plan, closeness=4, can_help_with="Oppassen", **tie
        )
    relation = Relation.objects.get(family=cast.family, **tie)
    assert (relation.closeness, relation.can_help_with) == (4, "Oppassen")


def test_r7_relation_with_oneself_is_refused(cast: Cast) -> None:
    parent = cast.parent.person
    assert parent is not None
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        add_relation(
            actor=cast.parent,
            plan=cast.plan,
            from_person=parent,
            to_person=parent,
            kind=RelationKind.FRIEND,
        )
    assert refused.value.rule == "R7"
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(
            family=cast.family, from_person=parent, to_person=parent, kind=RelationKind.FRIEND
        )
