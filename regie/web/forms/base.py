"""What every plan form shares: bound to one plan and the person filling it in, fields
named after the service arguments they feed, and records chosen by public id from this
plan only."""

from collections.abc import Collection, Iterable, Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.core.validators import validate_plausible_date
from regie.core.versioning import Versioned
from regie.plans.models import (
    FAMILY_ROLES,
    PROFESSIONAL_ROLES,
    Goal,
    GoalStatus,
    Participant,
    Plan,
    Role,
)

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})
# The roles a professional can take in a plan, in the order of the Role enum.
PROFESSIONAL_ROLE_CHOICES = [(r.value, r.label) for r in Role if r in PROFESSIONAL_ROLES]
# An empty choice in words, not Django's "---------" (issue 14).
EMPTY_CHOICE = _("Kies …")


def plain_messages(form: forms.Form) -> None:
    """Plain words for a field left empty (issue 14), not Django's "Dit veld is vereist.":
    a field that says its own (a wish: "Schrijf eerst de wens op.") keeps it; the others
    say what to do, by kind of field. Also the empty choice of a list says "Kies …"."""
    default = str(forms.Field.default_error_messages["required"])
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == "---------":
            field.empty_label = EMPTY_CHOICE
        if str(field.error_messages.get("required", "")) != default:
            continue
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.error_messages["required"] = _("Vul een datum in.")
        elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages["required"] = _("Kies er een.")
        elif isinstance(field, forms.BooleanField):
            field.error_messages["required"] = _("Vink dit aan om verder te gaan.")
        else:
            field.error_messages["required"] = _("Vul dit in.")


class ChoiceRows:
    """The choice lists of the forms of one page (issue 13): a list several forms offer is
    read once, and one the page's selector read already is not read again. Keyed by the
    list's SQL, so two lists share rows only when the database would return the same."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], list[Any]] = {}
        self.team: list[Participant] | None = None  # the current participants, if read

    @staticmethod
    def _key(queryset: QuerySet[Any]) -> tuple[str, str]:
        sql, params = queryset.query.sql_with_params()
        return sql, repr(params)

    def rows(self, queryset: QuerySet[Any]) -> list[Any]:
        key = self._key(queryset)
        if key not in self._rows:
            self._rows[key] = list(queryset)
        return self._rows[key]

    def seed(self, queryset: QuerySet[Any], rows: Iterable[Any]) -> None:
        """Rows the page read already: exactly the ones `queryset` returns, in its order."""
        self._rows[self._key(queryset)] = list(rows)

    def seed_team(self, plan: Plan, team: list[Participant]) -> None:
        """`team`: every participant of the plan, ended ones too, in their model's order,
        as `selectors.team` reads them; the forms' lists of people are taken from it
        (`PlanForm.people`), and so are the plan's organisations."""
        self.team = [p for p in team if p.ends_on is None]
        ranked = sorted(
            (p for p in team if p.organisation is not None),
            key=lambda p: (vars(p)["organisation_order"], p.organisation_id),
        )
        self.seed(
            organisations(plan), list({p.organisation_id: p.organisation for p in ranked}.values())
        )

    def seed_goals(self, plan: Plan, goals: list[Goal]) -> None:
        """`goals`: every goal of the plan, in their model's order."""
        self.seed(all_goals(plan), goals)
        self.seed(active_goals(plan), [g for g in goals if g.status == GoalStatus.ACTIVE])


class SharedChoiceIterator(ModelChoiceIterator):
    """A choice field's options from its form's `ChoiceRows`: Django's own iterator
    queries on every render. Validation still reads the field's queryset."""

    def _rows(self) -> list[Any]:
        rows: ChoiceRows = self.field.choice_rows  # type: ignore[attr-defined]
        return rows.rows(self.queryset)

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._rows():
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self._rows()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self._rows())


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

    def __init__(
        self,
        *args: Any,
        plan: Plan,
        me: Participant,
        choice_rows: ChoiceRows | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.me = me
        # Shared by the forms of one page (`pages._forms`); a form built alone reads its own.
        self.choice_rows = choice_rows if choice_rows is not None else ChoiceRows()
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
        plain_messages(self)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.choice_rows = self.choice_rows  # type: ignore[attr-defined]
                field.iterator = SharedChoiceIterator
                field.widget.choices = field.choices

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

    def people(
        self, roles: Collection[str] | None = None, *, without_account: bool = False
    ) -> QuerySet[Participant]:
        """The plan's participants whose role has not ended, of these roles; with
        `without_account`, only those who have no account yet."""
        queryset = people(self.plan, roles, without_account=without_account)
        team = self.choice_rows.team
        if team is not None:  # the same filter (role__in), on the rows the page read
            by_role: dict[str, set[int]] = {}
            for participant in team:
                by_role.setdefault(participant.role, set()).add(participant.pk)
            chosen = None if roles is None else set().union(*(by_role.get(r, ()) for r in roles))
            shown = [
                p
                for p in team
                if (chosen is None or p.pk in chosen) and not (without_account and p.user_id)
            ]
            self.choice_rows.seed(queryset, shown)
        return queryset

    def family(self) -> QuerySet[Participant]:
        """The parents and children taking part: whose wishes, entries and choices."""
        return self.people(FAMILY_ROLES)

    def organisations(self) -> QuerySet[Organisation]:
        return organisations(self.plan)

    def all_goals(self) -> QuerySet[Goal]:
        return all_goals(self.plan)

    def active_goals(self) -> QuerySet[Goal]:
        return active_goals(self.plan)


# The choice lists plan forms offer; a page that read the same rows seeds them
# (`ChoiceRows.seed_team`, `seed_goals`, `seed`).


def people(
    plan: Plan, roles: Collection[str] | None = None, *, without_account: bool = False
) -> QuerySet[Participant]:
    queryset = Participant.objects.filter(plan=plan, ends_on__isnull=True)
    if roles is not None:
        queryset = queryset.filter(role__in=sorted(roles))
    if without_account:
        queryset = queryset.filter(user__isnull=True)
    return queryset.select_related("person", "user")


def organisations(plan: Plan) -> QuerySet[Organisation]:
    """The organisations whose professionals take or took part in this plan."""
    return Organisation.objects.filter(participations__plan=plan).distinct()


def all_goals(plan: Plan) -> QuerySet[Goal]:
    return Goal.objects.filter(plan=plan)


def active_goals(plan: Plan) -> QuerySet[Goal]:
    return all_goals(plan).filter(status=GoalStatus.ACTIVE)


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
