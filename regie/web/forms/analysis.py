"""Forms of the analysis (step 3, R5, R6, R18): life domains, factors, the coherent
picture, positions and consultation."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regie.catalog.models import LifeDomain
from regie.core.versioning import Versioned
from regie.plans.models import (
    NETWORK_ROLES,
    ConsultationKind,
    DomainAssessment,
    FactorKind,
    Participant,
    Plan,
    Position,
    Role,
)
from regie.web.forms.base import DATE, TEXT, ParticipantChoice, PlanForm, VersionField


def open_domains(plan: Plan) -> QuerySet[LifeDomain]:
    """The life domains of the plan's set that have no assessment yet."""
    assessed = DomainAssessment.objects.filter(plan=plan).values("domain_id")
    return plan.domain_set.domains.exclude(pk__in=assessed)


class DomainForm(PlanForm):
    """Fill in a domain nobody has filled in yet; filled-in domains are edited per record.
    A domain someone filled in while this form was open gives the conflict screen (issue
    12 concurrency); saving anyway names the version shown there."""

    domain = forms.ModelChoiceField(queryset=LifeDomain.objects.none(), label=_("Levensdomein"))
    concerns = forms.CharField(label=_("Zorgen"), widget=TEXT, required=False)
    strengths = forms.CharField(label=_("Sterke kanten"), widget=TEXT, required=False)
    score = forms.IntegerField(label=_("Score"), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def setup(self) -> None:
        # A posted domain filled in meanwhile is the service's conflict.
        domains = self.plan.domain_set.domains.all() if self.is_bound else open_domains(self.plan)
        self.choose("domain", domains)
        _setup_score(self)

    def versioned_record(self) -> Versioned | None:
        domain = self.cleaned_data.get("domain")
        return DomainAssessment.objects.filter(plan=self.plan, domain=domain).first()


class EditDomainForm(PlanForm):
    record_field = "assessment"
    assessment = forms.ModelChoiceField(
        queryset=DomainAssessment.objects.none(),
        to_field_name="public_id",
        widget=forms.HiddenInput,
    )
    concerns = forms.CharField(label=_("Zorgen"), widget=TEXT, required=False)
    strengths = forms.CharField(label=_("Sterke kanten"), widget=TEXT, required=False)
    score = forms.IntegerField(label=_("Score"), required=False)
    expected_version = VersionField()

    def setup(self) -> None:
        self.choose("assessment", DomainAssessment.objects.filter(plan=self.plan))
        _setup_score(self)

    def initial_for(self, record: Any) -> dict[str, Any]:
        return {
            **super().initial_for(record),
            "concerns": record.concerns,
            "strengths": record.strengths,
            "score": record.score,
        }


def _setup_score(form: PlanForm) -> None:
    """Only scored domain sets (e.g. the ZRM, 1–5) take a score (R5)."""
    domain_set = form.plan.domain_set
    if not domain_set.is_scored:
        del form.fields["score"]
    else:
        form.fields["score"].help_text = _("Van %(lo)s tot en met %(hi)s.") % {
            "lo": domain_set.score_min,
            "hi": domain_set.score_max,
        }


class FactorForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=FactorKind.choices)
    text = forms.CharField(label=_("Omschrijving"), widget=TEXT)


class PictureForm(PlanForm):
    summary = forms.CharField(
        label=_("Het hele beeld: wat is er aan de hand, en hoe ernstig is het?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PositionForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Mening van"),
        required=False,
        help_text=_("Leeg: uw eigen mening."),
    )
    position = forms.ChoiceField(
        label=_("Wat vindt u van het hele beeld?"),
        choices=Position.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)

    def setup(self) -> None:
        self.choose("member", self.people(frozenset(Role) - NETWORK_ROLES))


class ConsultationForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=ConsultationKind.choices)
    consultant = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Gedragswetenschapper"),
        required=False,
    )
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    question = forms.CharField(label=_("Vraag"), widget=TEXT)
    advice = forms.CharField(label=_("Advies"), widget=TEXT)
    child_is_safe = forms.NullBooleanField(
        label=_("Is het kind veilig als er niets verandert?"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("ja")), ("false", _("nee"))]),
    )

    def setup(self) -> None:
        self.choose("consultant", self.people([Role.BEHAVIOURAL_SCIENTIST]))
