"""The family, the people around it and how they relate (genogram and sociogram, R7)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.validators import validate_no_bidi_controls
from regie.core.versioning import Versioned


class Family(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        _("naam"),
        max_length=120,
        help_text=_("Hoe het gezin genoemd wil worden, bv. 'Gezin Jansen'."),
        validators=[validate_no_bidi_controls],
    )
    # R21: needs and background the help must take into account (Jeugdwet art. 2.4).
    language = models.CharField(_("taal thuis"), max_length=120, blank=True)
    culture = models.CharField(_("culturele achtergrond"), max_length=200, blank=True)
    religion = models.CharField(_("geloof of levensovertuiging"), max_length=200, blank=True)
    considerations = models.TextField(
        _("waar rekening mee te houden"),
        blank=True,
        help_text=_("Bijvoorbeeld: tolk nodig, geen afspraken op vrijdag, laaggeletterdheid."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")

    def __str__(self) -> str:
        return self.name


class PersonKind(models.TextChoices):
    PARENT = "parent", _("ouder of verzorger")
    CHILD = "child", _("kind")
    RELATIVE = "relative", _("familielid")
    NETWORK = "network", _("iemand uit het netwerk")


class Gender(models.TextChoices):
    FEMALE = "female", _("vrouw")
    MALE = "male", _("man")
    OTHER = "other", _("anders of onbekend")


class Person(models.Model):
    """Someone in the family or its network: a node in the genogram and sociogram.
    Professionals are not persons; they take part in a plan through their organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="persons", verbose_name=_("gezin")
    )
    first_name = models.CharField(
        _("voornaam"), max_length=80, validators=[validate_no_bidi_controls]
    )
    last_name = models.CharField(
        _("achternaam"), max_length=120, blank=True, validators=[validate_no_bidi_controls]
    )
    kind = models.CharField(_("soort"), max_length=20, choices=PersonKind.choices)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.OTHER
    )
    birth_date = models.DateField(
        _("geboortedatum"),
        null=True,
        blank=True,
        help_text=_("Nodig voor kinderen: vanaf 12 en 16 jaar gelden eigen rechten."),
    )
    deceased = models.BooleanField(_("overleden"), default=False)
    has_parental_authority = models.BooleanField(_("heeft gezag"), default=False)
    is_index_child = models.BooleanField(
        _("kind om wie het gaat"), default=False, help_text=_("Gemarkeerd in het genogram.")
    )
    in_household = models.BooleanField(_("woont in het gezin"), default=False)
    description = models.CharField(
        _("wie is dit"),
        max_length=200,
        blank=True,
        help_text=_("Bv. 'oma van moederskant', 'buurvrouw'."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family", "kind", "birth_date", "first_name"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return str(self)

    def age_on(self, day: datetime.date) -> int | None:
        """Age in whole years on `day`, or None without a birth date."""
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class RelationKind(models.TextChoices):
    """Genogram relations between two persons, and sociogram ties."""

    MARRIED = "married", _("getrouwd")
    COHABITING = "cohabiting", _("samenwonend")
    DIVORCED = "divorced", _("gescheiden")
    SEPARATED = "separated", _("uit elkaar")
    PARENT_OF = "parent_of", _("ouder van")
    SIBLING = "sibling", _("broer of zus")
    FRIEND = "friend", _("vriend(in)")
    NEIGHBOUR = "neighbour", _("buur")
    OTHER = "other", _("anders")


class Relation(models.Model):
    """A tie from one person to another. `closeness` and `can_help_with` feed the sociogram,
    `kind` and `conflict` the genogram (R7)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="relations")
    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_from", verbose_name=_("van")
    )
    to_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_to", verbose_name=_("naar")
    )
    kind = models.CharField(_("relatie"), max_length=20, choices=RelationKind.choices)
    closeness = models.PositiveSmallIntegerField(
        _("hoe dichtbij"),
        null=True,
        blank=True,
        choices=[
            (1, _("ver weg")),
            (2, _("op afstand")),
            (3, _("dichtbij")),
            (4, _("heel dichtbij")),
        ],
    )
    conflict = models.BooleanField(_("spanning of conflict"), default=False)
    can_help_with = models.CharField(_("kan helpen met"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relation_not_self"
            ),
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="unique_relation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person} – {self.get_kind_display()} – {self.to_person}"
