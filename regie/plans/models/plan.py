"""The plan, its steps and the people in it (R1, R3, R16)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.versioning import Versioned


class Step(models.IntegerChoices):
    """The eight steps of 'Samen beslissen over hulp' (DESIGN.md §2)."""

    INTRODUCTION = 1, _("Kennismaken")
    REQUEST = 2, _("Vraag verhelderen")
    ANALYSIS = 3, _("Zorgen en sterke kanten")
    GOALS = 4, _("Doelen")
    OWN_STRENGTH = 5, _("Eigen kracht en netwerk")
    DECIDING = 6, _("Beslissen over hulp")
    EXECUTING = 7, _("Uitvoeren en evalueren")
    CLOSING = 8, _("Afsluiten en nazorg")


class PlanStatus(models.TextChoices):
    OPEN = "open", _("lopend")
    CLOSED = "closed", _("afgesloten")


class Framework(models.TextChoices):
    VOLUNTARY = "voluntary", _("vrijwillig")
    COMPULSORY = "compulsory", _("verplichte hulp")


class LegalMeasure(models.TextChoices):
    """Child-protection measures that make a plan compulsory (R9)."""

    NONE = "", _("geen")
    SUPERVISION_ORDER = "ots", _("ondertoezichtstelling (OTS)")
    GUARDIANSHIP = "guardianship", _("voogdij")
    OUT_OF_HOME = "out_of_home", _("machtiging uithuisplaatsing")
    YOUTH_PROBATION = "youth_probation", _("jeugdreclassering")


class HelpEnding(models.TextChoices):
    """How the help ended, recorded by the professional who closes the plan (outcome
    indicator 1, drop-out: help that ended without agreement)."""

    AS_AGREED = "as_agreed", _("zoals afgesproken")
    STOPPED_BY_FAMILY = "by_family", _("eerder gestopt door het gezin")
    STOPPED_BY_PROVIDER = "by_provider", _("eerder gestopt door de hulpverlener")
    MOVED = "moved", _("het gezin is verhuisd")
    OTHER = "other", _("anders")


# Drop-out (indicator 1): ended early without agreement, by either side.
DROP_OUT_ENDINGS = frozenset({HelpEnding.STOPPED_BY_FAMILY, HelpEnding.STOPPED_BY_PROVIDER})


class Plan(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="plans", verbose_name=_("gezin")
    )
    step = models.PositiveSmallIntegerField(
        _("stap"), choices=Step.choices, default=Step.INTRODUCTION
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )
    framework = models.CharField(
        _("vrijwillig of verplicht"),
        max_length=12,
        choices=Framework.choices,
        default=Framework.VOLUNTARY,
    )
    legal_measure = models.CharField(
        _("maatregel"), max_length=20, choices=LegalMeasure.choices, blank=True, default=""
    )
    legal_measure_until = models.DateField(_("maatregel loopt tot"), null=True, blank=True)
    domain_set = models.ForeignKey(
        "catalog.LifeDomainSet",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("levensdomeinen"),
    )
    coordinator = models.ForeignKey(
        "plans.Participant",
        on_delete=models.RESTRICT,
        null=True,
        related_name="+",
        verbose_name=_("zorgcoördinator"),
        help_text=_("Precies één; mag een gezinslid zijn."),
    )
    opened_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    help_ended_on = models.DateField(_("hulp beëindigd op"), null=True, blank=True)
    closing_summary = models.TextField(_("afsluiting"), blank=True)
    help_ending = models.CharField(
        _("hoe is de hulp geëindigd?"), max_length=12, choices=HelpEnding.choices, blank=True
    )
    follow_up_help = models.BooleanField(_("start er vervolghulp?"), null=True, blank=True)

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")
        constraints = [
            # R1: one family, one plan.
            models.UniqueConstraint(
                fields=["family"],
                condition=models.Q(status=PlanStatus.OPEN),
                name="one_open_plan_per_family",
            ),
            models.CheckConstraint(
                condition=models.Q(framework=Framework.VOLUNTARY, legal_measure="")
                | (models.Q(framework=Framework.COMPULSORY) & ~models.Q(legal_measure="")),
                name="compulsory_plan_has_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family} ({self.get_step_display()})"

    @property
    def is_compulsory(self) -> bool:
        return self.framework == Framework.COMPULSORY

    @property
    def help_end_date(self) -> datetime.date | None:
        """When help ended, for a closed plan (A7, A8); a plan closed without an end date
        counts from closing (close_plan always sets one)."""
        if self.status != PlanStatus.CLOSED:
            return None
        if self.help_ended_on is not None:
            return self.help_ended_on
        return timezone.localdate(self.closed_at) if self.closed_at is not None else None

    @property
    def is_open(self) -> bool:
        return self.status == PlanStatus.OPEN


class FamilyStory(Versioned):
    """Tell it once (R16): the family's story and request for help, in their own words,
    written once in the plan for every professional who joins."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="story")
    story = models.TextField(
        _("ons verhaal"),
        blank=True,
        help_text=_("Wat er speelt, in uw eigen woorden. Iedere hulpverlener leest dit eerst."),
    )
    request_for_help = models.TextField(
        _("hulpvraag"),
        blank=True,
        help_text=_("Waar zitten jullie mee? Wat hebben jullie nodig?"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "plans.Participant", on_delete=models.RESTRICT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verhaal van het gezin")
        verbose_name_plural = _("verhalen van gezinnen")


class Role(models.TextChoices):
    PARENT = "parent", _("ouder")
    CHILD = "child", _("kind of jongere")
    NETWORK = "network", _("netwerklid")
    REFERRER = "referrer", _("verwijzer")
    CARE_PROFESSIONAL = "care_professional", _("jeugdhulpverlener")
    CHILD_PROTECTION = "child_protection", _("jeugdbeschermer")
    BEHAVIOURAL_SCIENTIST = "behavioural_scientist", _("gedragswetenschapper")
    SCHOOL = "school", _("school")
    GP = "gp", _("huisarts")


FAMILY_ROLES = frozenset({Role.PARENT, Role.CHILD})
NETWORK_ROLES = frozenset({Role.NETWORK})
PROFESSIONAL_ROLES = frozenset(
    {
        Role.REFERRER,
        Role.CARE_PROFESSIONAL,
        Role.CHILD_PROTECTION,
        Role.BEHAVIOURAL_SCIENTIST,
        Role.SCHOOL,
        Role.GP,
    }
)


class Participant(models.Model):
    """Someone taking part in one plan, in one role: a family or network member (a Person,
    with or without a login) or a professional (a User of an organisation)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    person = models.ForeignKey(
        "families.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="participations",
        db_index=False,  # participant_user_plan below starts with it
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("organisatie"),
    )
    task = models.CharField(
        _("taak in dit plan"), max_length=200, blank=True, help_text=_("Bv. 'gezinscoach'.")
    )
    # The day in the Netherlands, not on the server: at 00:30 a new member starts today.
    starts_on = models.DateField(_("vanaf"), default=timezone.localdate)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    end_reason = models.CharField(_("reden einde"), max_length=300, blank=True)
    # R16: professionals join only with the family's approval.
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    refused_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)
    refused_reason = models.CharField(_("reden weigering"), max_length=300, blank=True)
    # R16 tell it once: the professional read the family's story before the first meeting.
    story_read_at = models.DateTimeField(_("verhaal gelezen op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "role", "id"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        # A person's plans (A1 visible_plans, the caseload) and their role in one plan.
        indexes = [models.Index(fields=["user", "plan"], name="participant_user_plan")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(user__isnull=False),
                name="participant_is_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        if self.person_id is not None:
            return self.person.full_name  # type: ignore[union-attr]
        return str(self.user)

    @property
    def is_professional(self) -> bool:
        return self.role in PROFESSIONAL_ROLES

    @property
    def is_family(self) -> bool:
        return self.role in FAMILY_ROLES

    @property
    def is_network(self) -> bool:
        return self.role in NETWORK_ROLES

    @property
    def is_parent(self) -> bool:
        return self.role == Role.PARENT

    @property
    def is_child(self) -> bool:
        return self.role == Role.CHILD

    @property
    def score_group(self) -> str:
        """The group whose scores R19 compares: child, parents, professionals (or network,
        whose scores are not compared)."""
        if self.role == Role.CHILD:
            return "child"
        if self.role == Role.PARENT:
            return "parents"
        return "professionals" if self.is_professional else "network"

    @property
    def is_approved(self) -> bool:
        return not self.is_professional or self.approved_at is not None

    def is_active_on(self, day: datetime.date) -> bool:
        """A7: a role counts from its start to its end date, both included."""
        if self.starts_on > day:
            return False
        return self.ends_on is None or self.ends_on >= day


class StepChange(models.Model):
    """Every move of the plan between steps, with who moved it and why (R3, R6)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="step_changes")
    from_step = models.PositiveSmallIntegerField(choices=Step.choices, null=True)
    to_step = models.PositiveSmallIntegerField(choices=Step.choices)
    reason = models.TextField(_("reden"), blank=True)
    rule = models.CharField(max_length=8, blank=True)
    changed_by = models.ForeignKey(
        Participant, on_delete=models.RESTRICT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]


class Revision(models.Model):
    """The values a versioned record had before an edit: corrections keep history."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    record_type = models.CharField(max_length=60)
    record_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField()
    data = models.JSONField()
    changed_by = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["record_type", "record_id", "version"]
        indexes = [models.Index(fields=["record_type", "record_id"])]


__all__ = [
    "DROP_OUT_ENDINGS",
    "FAMILY_ROLES",
    "NETWORK_ROLES",
    "PROFESSIONAL_ROLES",
    "FamilyStory",
    "Framework",
    "HelpEnding",
    "LegalMeasure",
    "Participant",
    "Plan",
    "PlanStatus",
    "Revision",
    "Role",
    "Step",
    "StepChange",
]
