"""Issue 13: the forms of one page share their choice lists, read once and taken from what
the step page read already (`ChoiceRows`). Each list still offers exactly what a form built
on its own reads from the database, and a post is still checked against this plan only."""

from typing import Any

import pytest
from django import forms

from regie.access import policy
from regie.plans import selectors
from regie.plans.models import Step
from regie.plans.services import team
from regie.web import pages
from regie.web.forms import ChoiceRows, PlanForm, ScoreForm
from tests.exports.conftest import build_rich


def _offered(form: PlanForm) -> dict[str, list[tuple[str, str]]]:
    return {
        name: [(str(value), str(label)) for value, label in field.iterator(field)]
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["wijkteam_user", "parent_user", "care_provider_user"])
def test_issue13_a_step_pages_forms_offer_what_each_form_reads_alone(login: str) -> None:
    cast = build_rich().cast
    # An ended role (R16): no longer offered, while its organisation stays in the plan's.
    team.end_participation(
        actor=cast.wijkteam_worker, participant=cast.behavioural_scientist, reason="Klaar."
    )
    viewer = policy.plan_for(getattr(cast, login), cast.plan.public_id)
    checked = 0
    for step in Step.values:
        if not viewer.may_open_step(step):
            continue
        shown: dict[str, Any] = pages.context(viewer, step)["forms"]
        for name, form in shown.items():
            alone = type(form)(plan=form.plan, me=form.me, initial=form.initial)
            assert _offered(form) == _offered(alone), (step, name)
            checked += len(_offered(form))
    assert checked > 20


@pytest.mark.django_db
def test_issue13_a_shared_list_still_accepts_only_current_participants() -> None:
    """R16: someone whose role ended is not offered, and a post naming them is refused."""
    cast = build_rich().cast
    ended = cast.behavioural_scientist
    team.end_participation(actor=cast.wijkteam_worker, participant=ended, reason="Klaar.")
    rows = ChoiceRows()
    rows.seed_team(cast.plan, selectors.team(cast.plan))  # the ended role is in the team
    form = ScoreForm(
        {"member": str(ended.public_id), "score": "7"},
        plan=cast.plan,
        me=cast.wijkteam_worker,
        choice_rows=rows,
    )
    assert str(ended.public_id) not in dict(_offered(form)["member"])
    assert not form.is_valid()
    assert "member" in form.errors
