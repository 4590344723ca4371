"""What is written in a plan, step by step (DESIGN.md §2–§3)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.versioning import Versioned
from regie.plans.models.base import KeptFromParents, PlanRecord, Withdrawable
from regie.plans.models.plan import Participant, Step

# ---- R2: entries professionals write, checked with the family -----------------------


class EntryKind(models.TextChoices):
    OBSERVATION = "observation", _("waarneming: wat ik zag of hoorde")
    ASSESSMENT = "assessment", _("inschatting of gedachte: wat ik ervan denk")


class Entry(PlanRecord, Withdrawable, KeptFromParents, Versioned):
    kind = models.CharField(_("soort"), max_length=12, choices=EntryKind.choices)
    about = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("over wie"),
        help_text=_("Leeg: over het hele gezin."),
    )
    step = models.PositiveSmallIntegerField(_("stap"), choices=Step.choices)
    body = models.TextField(_("tekst"))
    corrected_at = models.DateTimeField(_("verbeterd op"), null=True, blank=True)
    # R2: the texts before each correction, oldest first (selectors.corrections sets them).
    earlier_versions: list[Any]

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aantekening")
        verbose_name_plural = _("aantekeningen")
        # A plan's entries newest first (read backwards), a page at a time, unsorted.
        indexes = [models.Index(fields=["plan", "created_at", "id"], name="entry_plan_newest")]

    def __str__(self) -> str:
        return self.body[:60]


class Verdict(models.TextChoices):
    AGREES = "agrees", _("klopt")
    DISAGREES = "disagrees", _("klopt niet")


class EntryReaction(models.Model):
    """A family member's 'klopt' / 'klopt niet', kept next to the entry for everyone."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reactions")
    participant = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    entry_version = models.PositiveIntegerField()
    verdict = models.CharField(_("klopt het?"), max_length=10, choices=Verdict.choices)
    comment = models.TextField(_("in uw eigen woorden"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


# ---- R4: wishes ---------------------------------------------------------------------


class Wish(PlanRecord, Withdrawable, KeptFromParents, Versioned):
    """What one family member wants to change or reach, in their own words."""

    participant = models.ForeignKey(
        Participant, on_delete=models.RESTRICT, related_name="wishes", verbose_name=_("van")
    )
    text = models.TextField(_("wat wil je dat er gebeurt?"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("wens")
        verbose_name_plural = _("wensen")


# ---- R5/R6: analysis and coherent picture ---------------------------------------------


class DomainAssessment(PlanRecord, Versioned):
    domain = models.ForeignKey(
        "catalog.LifeDomain", on_delete=models.PROTECT, related_name="+", verbose_name=_("domein")
    )
    concerns = models.TextField(_("zorgen"), blank=True)
    strengths = models.TextField(_("sterke kanten"), blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        ordering = ["domain__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "domain"], name="one_assessment_per_domain")
        ]


class FactorKind(models.TextChoices):
    PROTECTIVE = "protective", _("beschermende factor")
    NETWORK_STRENGTH = "network", _("kracht in het netwerk")


class ProtectiveFactor(PlanRecord, Withdrawable):
    kind = models.CharField(_("soort"), max_length=12, choices=FactorKind.choices)
    text = models.TextField(_("omschrijving"))

    class Meta:
        ordering = ["kind", "created_at", "id"]


class CoherentPicture(PlanRecord):
    """The samenhangend beeld: nature and severity of the problems. A new version
    supersedes the old one; positions belong to the version they were given on."""

    summary = models.TextField(_("het hele beeld"))
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Position(models.TextChoices):
    AGREES = "agrees", _("eens")
    DISAGREES = "disagrees", _("oneens")
    NO_ACTION = "no_action", _("eens, maar wil er niets mee doen")


class PicturePosition(models.Model):
    picture = models.ForeignKey(CoherentPicture, on_delete=models.CASCADE, related_name="positions")
    participant = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    position = models.CharField(_("mening"), max_length=10, choices=Position.choices)
    reason = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


# ---- R8/R9: goals, conditions and safety agreements ---------------------------------------


class GoalTerm(models.TextChoices):
    SHORT = "short", _("korte termijn")
    LONG = "long", _("lange termijn")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("actief")
    REACHED = "reached", _("bereikt")
    STOPPED = "stopped", _("gestopt")


class Goal(PlanRecord, Versioned):
    text = models.TextField(_("doel, in de woorden van het gezin"))
    life_wish = models.TextField(
        _("wat dit betekent voor ons leven"),
        blank=True,
        help_text=_("Waar het gezin naartoe wil; het doel is een stap daarheen."),
    )
    term = models.CharField(_("termijn"), max_length=8, choices=GoalTerm.choices)
    priority = models.PositiveSmallIntegerField(_("volgorde"))
    is_safety_goal = models.BooleanField(_("veiligheidsdoel"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    status_reason = models.TextField(_("toelichting status"), blank=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.text[:60]


class ConditionKind(models.TextChoices):
    CONDITION = "condition", _("voorwaarde")
    SAFETY_AGREEMENT = "safety", _("veiligheidsafspraak")


class Condition(PlanRecord, Withdrawable):
    """Set in the compulsory framework; shown apart from what the family can choose (R9)."""

    kind = models.CharField(_("soort"), max_length=10, choices=ConditionKind.choices)
    text = models.TextField(_("omschrijving"))

    class Meta:
        ordering = ["kind", "created_at", "id"]


# ---- R10–R12: own strength, network, family group plan, actions -----------------------


class Enough(models.TextChoices):
    YES = "yes", _("ja, dat is genoeg")
    PARTLY = "partly", _("deels")
    NO = "no", _("nee, er is meer nodig")


class NetworkAssessment(PlanRecord, Versioned):
    """R10: what the family and network do themselves, and whether that is enough."""

    family_does = models.TextField(_("wat het gezin zelf doet"), blank=True)
    network_does = models.TextField(_("wat het netwerk doet"), blank=True)
    is_enough = models.CharField(
        _("is dat genoeg?"), max_length=8, choices=Enough.choices, blank=True
    )
    skip_reason = models.TextField(
        _("reden om niet eerst naar eigen kracht te kijken"),
        blank=True,
        help_text=_(
            "Alleen als er direct professionele hulp nodig is, bv. bij acute onveiligheid."
        ),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan"], name="one_network_assessment")]


class GroupPlanAnswer(models.TextChoices):
    PENDING = "pending", _("nog geen antwoord")
    ACCEPTED = "accepted", _("ja, we maken een familiegroepsplan")
    DECLINED = "declined", _("nee, liever niet")


class FamilyGroupPlan(PlanRecord, Versioned):
    """R11 (Jeugdwet art. 4.1.2): the offer of a family group plan and the answer."""

    offered_on = models.DateField(_("aangeboden op"), null=True, blank=True)
    not_offered_reason = models.TextField(_("reden om het niet aan te bieden"), blank=True)
    answer = models.CharField(
        _("antwoord"),
        max_length=10,
        choices=GroupPlanAnswer.choices,
        default=GroupPlanAnswer.PENDING,
    )
    answer_reason = models.TextField(_("toelichting"), blank=True)
    family_plan = models.TextField(_("het plan van de familie"), blank=True)
    pgb_informed_on = models.DateField(
        _("verteld over persoonsgebonden budget op"), null=True, blank=True
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan"], name="one_family_group_plan")]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("te doen")
    DONE = "done", _("gedaan")
    CANCELLED = "cancelled", _("vervallen")


class Action(PlanRecord, Versioned):
    """R12: one owner per action; a professional owner needs the reason the family can't."""

    goal = models.ForeignKey(
        Goal,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("doel"),
    )
    description = models.TextField(_("wat gaan we doen?"))
    owner = models.ForeignKey(
        Participant, on_delete=models.RESTRICT, related_name="owned_actions", verbose_name=_("wie")
    )
    due_on = models.DateField(_("wanneer klaar"), null=True, blank=True)
    takeover_reason = models.TextField(
        _("waarom het gezin dit niet zelf doet"),
        blank=True,
        help_text=_("Verplicht als een hulpverlener de actie doet."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(_("hoe ging het?"), blank=True)

    class Meta:
        ordering = ["status", "due_on", "id"]


# ---- R13–R15: options, decision, application -----------------------------------------


class HelpOption(PlanRecord, Withdrawable):
    title = models.CharField(_("mogelijkheid"), max_length=200)
    description = models.TextField(_("wat houdt het in?"), blank=True)
    is_professional_help = models.BooleanField(_("professionele hulp"), default=True)
    intervention = models.ForeignKey(
        "catalog.Intervention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soort hulp uit de lijst"),
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="options", verbose_name=_("doelen")
    )
    pros = models.TextField(_("voordelen"))
    cons = models.TextField(_("nadelen"))
    fit = models.TextField(
        _("past het bij ons?"),
        blank=True,
        help_text=_("Cultuur, wat het gezin aankan, en hun eigen verklaring van de problemen."),
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Preference(models.TextChoices):
    PREFERS = "prefers", _("mijn voorkeur")
    ACCEPTABLE = "acceptable", _("kan ik mee leven")
    AGAINST = "against", _("liever niet")


class OptionPreference(models.Model):
    option = models.ForeignKey(HelpOption, on_delete=models.CASCADE, related_name="preferences")
    participant = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    preference = models.CharField(_("voorkeur"), max_length=10, choices=Preference.choices)
    reason = models.TextField(_("waarom"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Funding(models.TextChoices):
    IN_KIND = "in_kind", _("zorg in natura")
    PGB = "pgb", _("persoonsgebonden budget (pgb)")
    NONE = "none", _("geen financiering nodig")


class Decision(PlanRecord):
    option = models.ForeignKey(HelpOption, on_delete=models.RESTRICT, related_name="decisions")
    rationale = models.TextField(_("waarom deze hulp?"))
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanbieder"),
    )
    provider_name = models.CharField(
        _("aanbieder (als die niet in de lijst staat)"), max_length=200, blank=True
    )
    provider_chosen_by = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanbieder gekozen door"),
    )
    funding = models.CharField(_("financiering"), max_length=10, choices=Funding.choices)
    aftercare = models.TextField(_("afspraken over nazorg"))
    professional_help_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.option.title} ({self.created_at:%d-%m-%Y})"


class DecisionAgreement(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="agreements")
    participant = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    agrees = models.BooleanField(_("eens met het besluit"))
    comment = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class ApplicationOutcome(models.TextChoices):
    PENDING = "pending", _("in behandeling")
    GRANTED = "granted", _("toegekend")
    REFUSED = "refused", _("afgewezen")


class Application(PlanRecord):
    """R15: an application for help, decided within the legal term (Awb art. 4:13)."""

    decision = models.ForeignKey(Decision, on_delete=models.RESTRICT, related_name="applications")
    submitted_on = models.DateField(_("aangevraagd op"))
    deadline = models.DateField(_("uiterste beslisdatum"))
    outcome = models.CharField(
        _("uitkomst"),
        max_length=10,
        choices=ApplicationOutcome.choices,
        default=ApplicationOutcome.PENDING,
    )
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_on", "id"]


class LateNotice(PlanRecord):
    """R15: the family was told the decision will be late, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="late_notices"
    )
    sent_on = models.DateField(_("verteld op"))
    message = models.TextField(_("wat is er verteld?"))
    expected_on = models.DateField(_("verwachte beslisdatum"), null=True, blank=True)

    class Meta:
        ordering = ["sent_on", "id"]


# ---- R19/R20: evaluations, closing and aftercare ------------------------------------------


class EvaluationOutcome(models.TextChoices):
    CONTINUE = "continue", _("doorgaan")
    ADJUST = "adjust", _("bijstellen")
    STOP = "stop", _("stoppen")


class Evaluation(PlanRecord, Versioned):
    scheduled_for = models.DateField(_("gepland op"))
    is_extra = models.BooleanField(_("extra evaluatie"), default=False)
    request_reason = models.TextField(_("waarom een extra evaluatie?"), blank=True)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    working_relationship = models.TextField(_("hoe gaat de samenwerking?"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("tevredenheid (0–10)"), null=True, blank=True)
    satisfaction_reasons = models.TextField(_("waarom?"), blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=10, choices=EvaluationOutcome.choices, blank=True
    )
    notes = models.TextField(_("afspraken"), blank=True)

    class Meta:
        ordering = ["scheduled_for", "id"]


class GoalScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, related_name="scores")
    participant = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (0–10)"))
    comment = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["goal__priority", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "goal", "participant"], name="one_score_per_person"
            ),
            models.CheckConstraint(condition=models.Q(score__lte=10), name="score_0_to_10"),
        ]


class GoingOn(models.TextChoices):
    """Can the family go on without help now? (outcome indicator 3.1)"""

    YES = "yes", _("ja")
    PARTLY = "partly", _("een beetje")
    NO = "no", _("nee")


class ClosingVoice(PlanRecord):
    """The family's voice at the end (step 8): a parent or a youth of 12+ says how useful
    the help was (0–10, outcome indicator 2) and whether they can go on without help now
    (indicator 3.1). Either question may be left open; each person answers once and may
    change their answer while the plan is in step 8."""

    usefulness = models.PositiveSmallIntegerField(
        _("hoe nuttig was de hulp? (0–10)"), null=True, blank=True
    )
    going_on = models.CharField(
        _("kunt u nu verder zonder hulp?"), max_length=8, choices=GoingOn.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "created_by"], name="one_closing_voice"),
            models.CheckConstraint(
                condition=models.Q(usefulness__lte=10), name="usefulness_0_to_10"
            ),
        ]


class AftercareKind(models.TextChoices):
    CONTACT_MOMENT = "contact", _("contactmoment")
    RELAPSE_PLAN = "relapse", _("wat te doen bij terugval")


class AftercareAgreement(PlanRecord, Withdrawable):
    kind = models.CharField(_("soort"), max_length=10, choices=AftercareKind.choices)
    description = models.TextField(_("afspraak"))
    planned_on = models.DateField(_("wanneer"), null=True, blank=True)
    owner = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "planned_on", "id"]


# ---- A8: early destruction ----------------------------------------------------------------


class DestructionStatus(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    GRANTED = "granted", _("toegekend")
    REFUSED = "refused", _("geweigerd")


class DestructionRequest(PlanRecord):
    """A parent or youth of 12+ asks for the plan to be destroyed before its term (A8)."""

    reason = models.TextField(_("waarom?"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DestructionStatus.choices,
        default=DestructionStatus.REQUESTED,
    )
    handled_by = models.ForeignKey(
        Participant, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handling_reason = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]


__all__ = [
    "Action",
    "ActionStatus",
    "AftercareAgreement",
    "AftercareKind",
    "Application",
    "ApplicationOutcome",
    "ClosingVoice",
    "CoherentPicture",
    "Condition",
    "ConditionKind",
    "Decision",
    "DecisionAgreement",
    "DestructionRequest",
    "DestructionStatus",
    "DomainAssessment",
    "Enough",
    "Entry",
    "EntryKind",
    "EntryReaction",
    "Evaluation",
    "EvaluationOutcome",
    "FactorKind",
    "FamilyGroupPlan",
    "Funding",
    "Goal",
    "GoalScore",
    "GoalStatus",
    "GoalTerm",
    "GoingOn",
    "GroupPlanAnswer",
    "HelpOption",
    "LateNotice",
    "NetworkAssessment",
    "OptionPreference",
    "PicturePosition",
    "Position",
    "Preference",
    "ProtectiveFactor",
    "Verdict",
    "Wish",
]
