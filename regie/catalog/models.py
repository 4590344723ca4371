"""Data an administrator manages: the life domains an analysis is recorded against (R5)
and the intervention catalogue with its Databank recognition levels (R13)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomainSet(models.Model):
    """A list of life domains, e.g. the eight of 004 or the 13 of the Zelfredzaamheid-Matrix."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("toelichting"), blank=True)
    score_min = models.PositiveSmallIntegerField(_("laagste score"), null=True, blank=True)
    score_max = models.PositiveSmallIntegerField(_("hoogste score"), null=True, blank=True)
    is_default = models.BooleanField(
        _("standaard voor nieuwe plannen"),
        default=False,
        help_text=_("Precies één set is de standaard."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("set levensdomeinen")
        verbose_name_plural = _("sets levensdomeinen")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_domain_set",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.score_min is None) != (self.score_max is None):
            raise ValidationError(
                _("Vul zowel de laagste als de hoogste score in, of geen van beide.")
            )
        if self.score_min is not None and self.score_max is not None:
            if self.score_min >= self.score_max:
                raise ValidationError(_("De laagste score moet lager zijn dan de hoogste."))

    @property
    def is_scored(self) -> bool:
        return self.score_min is not None


class LifeDomain(models.Model):
    domain_set = models.ForeignKey(
        LifeDomainSet, on_delete=models.PROTECT, related_name="domains", verbose_name=_("set")
    )
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["domain_set", "order", "name"]
        verbose_name = _("levensdomein")
        verbose_name_plural = _("levensdomeinen")
        constraints = [
            models.UniqueConstraint(fields=["domain_set", "name"], name="unique_domain_name")
        ]

    def __str__(self) -> str:
        return self.name


class RecognitionLevel(models.TextChoices):
    """Recognition levels of the Databank Effectieve Jeugdinterventies (R13), low to high."""

    WELL_DESCRIBED = "well_described", _("goed beschreven")
    WELL_FOUNDED = "well_founded", _("goed onderbouwd")
    EFFECTIVE_FIRST = "effective_first", _("effectief volgens eerste aanwijzingen")
    EFFECTIVE_GOOD = "effective_good", _("effectief volgens goede aanwijzingen")
    EFFECTIVE_STRONG = "effective_strong", _("effectief volgens sterke aanwijzingen")
    NOT_ASSESSED = "not_assessed", _("niet beoordeeld")


class Intervention(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(
        _("code"), max_length=80, unique=True, help_text=_("Vaste sleutel voor import uit CSV.")
    )
    name = models.CharField(_("naam"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    target_group = models.CharField(_("doelgroep"), max_length=300, blank=True)
    recognition_level = models.CharField(
        _("erkenningsniveau"),
        max_length=32,
        choices=RecognitionLevel.choices,
        default=RecognitionLevel.NOT_ASSESSED,
    )
    source_url = models.URLField(_("bron"), blank=True)
    is_example = models.BooleanField(
        _("verzonnen voorbeeld"),
        default=False,
        help_text=_("Voorbeelddata: geen echte interventie uit de Databank."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self) -> str:
        return self.name
