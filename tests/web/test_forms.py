"""The plan forms offer only this plan's records: `PlanForm.choose` limits a choice field,
and a wish starts out as the wish of the family member filling it in (R4)."""

import pytest
from django import forms

from regie.plans.models import Participant
from regie.web.forms import PlanForm, WishForm
from tests.personas import Cast


def _choices(form: PlanForm, name: str) -> set[Participant]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return set(field.queryset or [])


def test_a_wish_is_from_the_family_and_starts_as_the_youths_own(cast: Cast) -> None:
    form = WishForm(plan=cast.plan, me=cast.youth13)
    assert _choices(form, "member") == {
        cast.parent,
        cast.second_parent,
        cast.youth16,
        cast.youth13,
        cast.child8,
    }
    assert form.fields["member"].initial == cast.youth13.public_id


def test_a_professional_chooses_whose_wish_it_is(cast: Cast) -> None:
    form = WishForm(plan=cast.plan, me=cast.wijkteam_worker)
    assert form.fields["member"].initial is None


class _ChoosesText(PlanForm):
    text = forms.CharField()

    def setup(self) -> None:
        self.choose("text", Participant.objects.none())


def test_choose_refuses_a_field_that_does_not_choose_records(cast: Cast) -> None:
    with pytest.raises(TypeError):
        _ChoosesText(plan=cast.plan, me=cast.parent)
