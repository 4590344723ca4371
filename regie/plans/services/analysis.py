"""R5 analysis per life domain, R6 coherent picture with each party's position, R18
consultations."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.catalog.models import LifeDomain
from regie.core.errors import RuleViolation
from regie.plans.models import (
    CoherentPicture,
    Consultation,
    ConsultationKind,
    DomainAssessment,
    FactorKind,
    Participant,
    PicturePosition,
    Plan,
    Position,
    ProtectiveFactor,
)
from regie.plans.services.common import (
    authorize,
    edit,
    expected_for_edit,
    log,
    own_participant,
)
from regie.plans.services.plans import send_back_to_analysis
from regie.plans.workflow import current_picture


@transaction.atomic
def assess_domain(
    *,
    actor: Participant,
    plan: Plan,
    domain: LifeDomain,
    concerns: str,
    strengths: str,
    score: int | None = None,
    expected_version: int | None = None,
) -> DomainAssessment:
    """R5: concerns and strengths per life domain, written down together. Who fills in a
    domain someone else filled in first, without the version they saw, gets a conflict,
    not a second assessment or an error (issue 12 concurrency)."""
    authorize(actor, Permission.WRITE_ANALYSIS, plan=plan)
    domain_set = plan.domain_set
    if domain.domain_set_id != domain_set.pk:
        raise RuleViolation("R5", _("Dit levensdomein hoort niet bij de set van dit plan."))
    if score is not None:
        if not domain_set.is_scored:
            raise RuleViolation("R5", _("Deze levensdomeinen krijgen geen score."), field="score")
        low, high = domain_set.score_min or 0, domain_set.score_max or 0
        if not low <= score <= high:
            raise RuleViolation(
                "R5",
                _("Geef een score van %(lo)s tot en met %(hi)s.")
                % {"lo": domain_set.score_min, "hi": domain_set.score_max},
                field="score",
            )
    if not concerns.strip() and not strengths.strip():
        raise RuleViolation("R5", _("Schrijf een zorg of een sterke kant op."), field="concerns")
    existing = DomainAssessment.objects.filter(plan=plan, domain=domain).first()
    if existing is None:  # the plan is locked: no one else writes the first one meanwhile
        assessment = DomainAssessment.objects.create(
            plan=plan,
            created_by=actor,
            domain=domain,
            concerns=concerns.strip(),
            strengths=strengths.strip(),
            score=score,
        )
    else:
        assessment = edit(
            existing,
            actor=actor,
            plan=plan,
            expected_version=expected_for_edit(expected_version),
            changes={"concerns": concerns.strip(), "strengths": strengths.strip(), "score": score},
        )
    log(Event.ANALYSIS_EDITED, actor=actor, plan=plan, obj=assessment)
    return assessment


@transaction.atomic
def add_protective_factor(
    *, actor: Participant, plan: Plan, kind: str, text: str
) -> ProtectiveFactor:
    """R5: protective factors and network strengths are part of the same picture."""
    authorize(actor, Permission.WRITE_ANALYSIS, plan=plan)
    if kind not in FactorKind.values:
        raise RuleViolation("R5", _("Kies het soort factor."), field="kind")
    if not text.strip():
        raise RuleViolation("R5", _("Beschrijf de factor."), field="text")
    factor = ProtectiveFactor.objects.create(
        plan=plan, created_by=actor, kind=kind, text=text.strip()
    )
    log(Event.FACTOR_ADDED, actor=actor, plan=plan, obj=factor)
    return factor


@transaction.atomic
def write_picture(*, actor: Participant, plan: Plan, summary: str) -> CoherentPicture:
    """R6: a new version of the coherent picture; everyone gives their position again."""
    authorize(actor, Permission.WRITE_PICTURE, plan=plan)
    if not summary.strip():
        raise RuleViolation(
            "R6", _("Beschrijf de aard en ernst van de problemen."), field="summary"
        )
    CoherentPicture.objects.filter(plan=plan, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )
    picture = CoherentPicture.objects.create(plan=plan, created_by=actor, summary=summary.strip())
    log(Event.PICTURE_WRITTEN, actor=actor, plan=plan, obj=picture)
    return picture


@transaction.atomic
def record_position(
    *,
    actor: Participant,
    plan: Plan,
    position: str,
    reason: str = "",
    member: Participant | None = None,
) -> PicturePosition:
    """R6: each party agrees, disagrees, or agrees but does not want to act. Disagreement
    sends the plan back to the analysis with the reason."""
    authorize(actor, Permission.RECORD_POSITION, plan=plan)
    member = own_participant(plan, member or actor)
    if member.pk != actor.pk and not actor.is_professional:
        raise RuleViolation("R6", _("Ieder zegt zelf wat hij of zij ervan vindt."))
    if member.is_network:
        raise RuleViolation(
            "R6", _("Alleen het gezin en de hulpverleners zeggen hier wat zij ervan vinden.")
        )
    picture = current_picture(plan)
    if picture is None:
        raise RuleViolation(
            "R6", _("Het hele beeld is nog niet beschreven. Er is nog niets om op te reageren.")
        )
    if position not in Position.values:
        raise RuleViolation("R6", _("Kies wat u ervan vindt."), field="position")
    if position in (Position.DISAGREES, Position.NO_ACTION) and not reason.strip():
        raise RuleViolation(
            "R6", _("Schrijf op waarom, dan kunnen we het samen bespreken."), field="reason"
        )
    recorded = PicturePosition.objects.create(
        picture=picture,
        participant=member,
        position=position,
        reason=reason.strip(),
        recorded_by=actor,
    )
    log(Event.POSITION_RECORDED, actor=actor, plan=plan, obj=picture, for_whom=member)
    if position == Position.DISAGREES:
        send_back_to_analysis(
            actor=actor,
            plan=plan,
            reason=_("%(name)s is het niet eens met het hele beeld: %(reason)s")
            % {"name": member.display_name, "reason": reason.strip()},
        )
    return recorded


@transaction.atomic
def record_consultation(
    *,
    actor: Participant,
    plan: Plan,
    kind: str,
    held_on: datetime.date,
    question: str,
    advice: str,
    consultant: Participant | None = None,
    child_is_safe: bool | None = None,
) -> Consultation:
    """R18: consultations and case discussions with their advice. A safety assessment (R6)
    is made with a behavioural scientist and says whether the child is safe."""
    authorize(actor, Permission.RECORD_CONSULTATION, plan=plan)
    if kind not in ConsultationKind.values:
        raise RuleViolation("R18", _("Kies het soort overleg."), field="kind")
    if not question.strip() or not advice.strip():
        raise RuleViolation("R18", _("Schrijf de vraag en het advies op."), field="advice")
    picture = None
    if kind in (ConsultationKind.SAFETY_ASSESSMENT, ConsultationKind.BEHAVIOURAL_SCIENTIST):
        if consultant is None or not policy.may_assess_safety(consultant):
            raise RuleViolation(
                "R6",
                _("Kies de gedragswetenschapper met wie dit is besproken."),
                field="consultant",
            )
        own_participant(plan, consultant)
    if kind == ConsultationKind.SAFETY_ASSESSMENT:
        if child_is_safe is None:
            raise RuleViolation(
                "R6",
                _("Geef aan of het kind veilig is als er niets verandert."),
                field="child_is_safe",
            )
        picture = current_picture(plan)
    consultation = Consultation.objects.create(
        plan=plan,
        created_by=actor,
        kind=kind,
        consultant=consultant,
        held_on=held_on,
        question=question.strip(),
        advice=advice.strip(),
        child_is_safe=child_is_safe,
        picture=picture,
    )
    log(Event.CONSULTATION, actor=actor, plan=plan, obj=consultation)
    return consultation
