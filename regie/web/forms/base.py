"""What every plan form shares: bound to one plan and the person filling it in, fields
named after the service arguments they feed, and records chosen by public id from this
plan only."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.core.validators import validate_plausible_date
from regie.core.versioning import Versioned
from regie.plans.models import FAMILY_ROLES, PROFESSIONAL_ROLES, Participant, Plan, Role

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})
# The roles a professional can take in a plan, in the order of the Role enum.
PROFESSIONAL_ROLE_CHOICES = [(r.value, r.label) for r in Role if r in PROFESSIONAL_ROLES]


class PlanForm(forms.Form):
    """A form bound to one plan and the person filling it in. `record_field` names the
    hidden field that says which record of the plan a per-record form acts on."""

    record_field = ""
    # A per-record form names the model; the hidden field choosing the record is added
    # here, limited to this plan's records.
    record_model: Any = None
    # The conflict screen (issue 5): where a field's saved value lives on the record when
    # the names differ, and what the view found when someone else saved first.
    saved_as: dict[str, str] = {}
    conflict: Any = None
    # Set once a page has drawn this form (the `record_form` and `form_ids` tags): a
    # rejected per-record form whose record left the page's list is drawn apart, so its
    # errors, conflict and input are not lost (issue 12 concurrency). A form whose errors
    # the page shows elsewhere says False to `draw_apart`.
    drawn = False
    draw_apart = True

    def __init__(self, *args: Any, plan: Plan, me: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.me = me
        # Every date a plan form takes is one the app can count with (issue 12: an
        # application dated 9999-12-31 gave a 500).
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_plausible_date)
        if self.record_model is not None:
            self.fields[self.record_field] = forms.ModelChoiceField(
                queryset=self.record_queryset(),
                to_field_name="public_id",
                widget=forms.HiddenInput,
            )
        self.setup()

    def record_queryset(self) -> QuerySet[Any]:
        return self.record_model.objects.filter(plan=self.plan)

    def setup(self) -> None:
        """Limit choice fields to this plan's records."""

    def choose(self, name: str, queryset: QuerySet[Any]) -> None:
        """Offer the choice field `name` only these records (the class declares it with
        none, so that nothing outside this plan can ever be chosen)."""
        field = self.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{type(self).__name__}.{name} does not choose records")
        field.queryset = queryset

    def initial_for(self, record: Any) -> dict[str, Any]:
        """Initial values of a per-record form: which record, and the version seen."""
        initial: dict[str, Any] = {self.record_field: record.public_id}
        if "expected_version" in self.fields:
            initial["expected_version"] = record.version
        return initial

    def versioned_record(self) -> Versioned | None:
        """The record whose version `expected_version` names (after is_valid), or None."""
        record = self.cleaned_data.get(self.record_field) if self.record_field else None
        return record if isinstance(record, Versioned) else None

    def undrawn_record(self) -> Any:
        """After a page was drawn with this rejected form: the record it was posted for,
        if the page drew no form for it (it left the list: a goal ended meanwhile), or
        None."""
        if not self.record_field or self.drawn or not self.draw_apart:
            return None
        return getattr(self, "cleaned_data", {}).get(self.record_field)

    def people(self, **filters: Any) -> QuerySet[Participant]:
        """The plan's participants whose role has not ended."""
        return Participant.objects.filter(
            plan=self.plan, ends_on__isnull=True, **filters
        ).select_related("person", "user")

    def family(self) -> QuerySet[Participant]:
        """The parents and children taking part: whose wishes, entries and choices."""
        return self.people(role__in=FAMILY_ROLES)

    def organisations(self) -> QuerySet[Organisation]:
        """The organisations whose professionals take or took part in this plan."""
        return Organisation.objects.filter(participations__plan=self.plan).distinct()


class EmptyForm(PlanForm):
    pass


class ParticipantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def confirm_field(label: Any) -> forms.BooleanField:
    """A required tick for actions that cannot be undone: works without JavaScript."""
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={"required": _("Vink aan dat u het zeker weet.")},
    )


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput
