"""A7: a professional's access ends when their role ends or the help has ended; lists
never show plans the person may no longer open (A1)."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from regie.access import policy
from regie.plans.services import team
from tests.personas import Cast, close_out


def test_a7_ended_role_ends_access_and_the_plan_leaves_the_list(cast: Cast) -> None:
    team.end_participation(
        actor=cast.wijkteam_worker,
        participant=cast.care_provider,
        reason="Hulp overgedragen.",
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with pytest.raises(Http404):
        policy.plan_for(cast.care_provider_user, cast.plan.public_id)
    assert cast.plan not in policy.visible_plans(cast.care_provider_user)


def test_a7_after_the_help_ended_professionals_lose_access_the_family_keeps_it(
    cast: Cast,
) -> None:
    plan = close_out(cast)
    plan.help_ended_on = timezone.localdate() - datetime.timedelta(days=1)
    plan.save(update_fields=["help_ended_on"])
    assert plan not in policy.visible_plans(cast.wijkteam_user)
    with pytest.raises(Http404):
        policy.plan_for(cast.wijkteam_user, plan.public_id)
    assert plan in policy.visible_plans(cast.parent_user)
    policy.plan_for(cast.parent_user, plan.public_id)
