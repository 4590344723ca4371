import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.validators import (
    dutch_phone_digits,
    validate_dutch_phone,
    validate_no_bidi_controls,
)


class OrganisationKind(models.TextChoices):
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("wijkteam")
    MUNICIPALITY = "municipality", _("gemeente")
    CARE_PROVIDER = "care_provider", _("jeugdhulpaanbieder")
    CERTIFIED_INSTITUTION = (
        "certified_institution",
        _("gecertificeerde instelling (jeugdbescherming)"),
    )
    GP_PRACTICE = "gp_practice", _("huisartsenpraktijk")
    SCHOOL = "school", _("school")
    OTHER = "other", _("anders")


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        _("naam"), max_length=200, unique=True, validators=[validate_no_bidi_controls]
    )
    kind = models.CharField(_("soort"), max_length=40, choices=OrganisationKind.choices)
    complaints_email = models.EmailField(
        _("e-mail klachtenfunctionaris"),
        blank=True,
        help_text=_("R22: klachten en verzoeken om een second opinion komen hier binnen."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A login. Whether someone is a parent, youth or professional is decided per plan
    (plans.Participant); only the two staff roles below are global."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # AbstractUser's name fields, refusing bidi controls like every name (issue 12).
    first_name = models.CharField(
        _("voornaam"), max_length=150, blank=True, validators=[validate_no_bidi_controls]
    )
    last_name = models.CharField(
        _("achternaam"), max_length=150, blank=True, validators=[validate_no_bidi_controls]
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisatie"),
        help_text=_("Leeg voor gezinsleden en netwerkleden."),
    )
    is_functional_admin = models.BooleanField(
        _("functioneel beheerder"),
        default=False,
        help_text=_("Beheert organisaties, accounts en de catalogus; ziet geen dossiers."),
    )
    is_privacy_officer = models.BooleanField(
        _("privacy officer"),
        default=False,
        help_text=_("Onderzoekt het toegangslog; ziet geen dossiers."),
    )
    is_municipality_officer = models.BooleanField(
        _("beleidsmedewerker gemeente"),
        default=False,
        help_text=_("Ziet de cijfers over alle plannen, nooit een plan, naam of tekst."),
    )
    is_quality_officer = models.BooleanField(
        _("kwaliteitsmedewerker"),
        default=False,
        help_text=_(
            "Ziet de cijfers over de plannen van de eigen organisatie, nooit een plan, "
            "naam of tekst."
        ),
    )
    language = models.CharField(
        _("taal"), max_length=8, default="nl", choices=[("nl", "Nederlands"), ("en", "English")]
    )
    # Issue 14: how the others in one's plans reach one, shown only by one's own choice.
    contact_phone = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[validate_dutch_phone]
    )
    contact_email = models.EmailField(_("e-mailadres voor de anderen"), blank=True)
    shows_contact = models.BooleanField(
        _("laat mijn telefoonnummer en e-mailadres zien aan de anderen in mijn plan"),
        default=False,
    )
    # Part of the session hash: raising it ends every session of this person at once (A6).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_professional(self) -> bool:
        """Works in plans for an organisation. The two figure roles (issue 15) belong to
        an organisation too, but never act in a plan: they see figures, no case content."""
        return self.organisation_id is not None and not self.sees_figures_only

    @property
    def sees_figures_only(self) -> bool:
        return self.is_municipality_officer or self.is_quality_officer

    @property
    def needs_two_factor(self) -> bool:
        """A6: professionals and administrators always use a second factor, and so does
        anyone who can open the admin."""
        return (
            self.is_professional
            or self.is_functional_admin
            or self.is_privacy_officer
            or self.is_municipality_officer
            or self.is_quality_officer
            or self.is_staff
            or self.is_superuser
        )

    @property
    def contact_phone_link(self) -> str:
        """The phone number for a `tel:` link (+31 and nine digits), or empty."""
        return dutch_phone_digits(self.contact_phone) or "" if self.contact_phone else ""

    def get_session_auth_hash(self) -> str:
        return f"{super().get_session_auth_hash()}:{self.session_generation}"


class Invitation(models.Model):
    """A single-use link for a family or network member to set a password (A3, A6).
    Only a hash of the token is stored; the link is shown once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    participant = models.ForeignKey(
        "plans.Participant", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    created_by = models.ForeignKey("plans.Participant", on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.participant} ({self.expires_at:%Y-%m-%d})"


class AccountChangeKind(models.TextChoices):
    EMAIL = "email", _("e-mailadres")
    SECOND_FACTOR = "second_factor", _("tweestapsverificatie wissen")


class AccountChangeStatus(models.TextChoices):
    PENDING = "pending", _("wacht op goedkeuring")
    APPROVED = "approved", _("goedgekeurd door een tweede beheerder")
    CONFIRMED = "confirmed", _("bevestigd door de persoon zelf")
    REJECTED = "rejected", _("afgewezen")
    CANCELLED = "cancelled", _("ingetrokken door de aanvrager")


class AccountChange(models.Model):
    """A6: an administrator's change of someone else's e-mail address or second factor.
    It waits until a different administrator approves it or the person confirms it with
    a single-use link sent to their old address; only a hash of that link's token is
    stored. Decided changes stay as the trace of who asked, who decided and when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="account_changes", verbose_name=_("account")
    )
    kind = models.CharField(_("wijziging"), max_length=20, choices=AccountChangeKind.choices)
    new_email = models.EmailField(_("nieuw e-mailadres"), blank=True)
    # Where the person is told and asked to confirm: the address when it was requested.
    old_email = models.EmailField(_("oud e-mailadres"), blank=True)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccountChangeStatus.choices,
        default=AccountChangeStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("accountwijziging")
        verbose_name_plural = _("accountwijzigingen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user}"
