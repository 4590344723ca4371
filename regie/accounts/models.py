import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    name = models.CharField(_("naam"), max_length=200, unique=True)
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
    language = models.CharField(
        _("taal"), max_length=8, default="nl", choices=[("nl", "Nederlands"), ("en", "English")]
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_professional(self) -> bool:
        return self.organisation_id is not None
