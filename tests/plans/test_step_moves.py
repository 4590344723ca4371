"""Step moves say which rule blocks them (R3), and the court-appointed child-protection
worker needs no family consent in a compulsory plan (R9, R16)."""

import pytest
from django.contrib.auth.hashers import make_password

from regie.accounts.models import User
from regie.core.errors import RuleViolation
from regie.plans import workflow
from regie.plans.models import Framework, LegalMeasure, Role, Step
from regie.plans.services import goals, plans, team
from tests.personas import Cast, build_cast, walk_to


def test_r9_refused_move_names_the_first_rule_that_blocks_it(db: None) -> None:
    cast = build_cast(compulsory=True)
    walk_to(cast, Step.GOALS)
    goals.add_goal(actor=cast.parent, plan=cast.plan, text="Weer samen eten.", term="short")
    with pytest.raises(RuleViolation) as refused:
        plans.move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.OWN_STRENGTH)
    assert refused.value.rule == "R9"
    assert "veiligheidsdoel" in refused.value.message


def test_r16_every_blocking_problem_is_listed_with_its_rule(cast: Cast) -> None:
    team.add_professional(
        actor=cast.wijkteam_worker, plan=cast.plan, user=cast.outsider, role=Role.GP
    )
    with pytest.raises(RuleViolation) as refused:
        plans.move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.REQUEST)
    assert refused.value.rule == "R16"
    assert "Het gezin moet nog toestemming geven" in refused.value.message
    assert "R16" not in refused.value.message  # the rule id is for the log, not for people


def test_r16_child_protection_opener_of_a_compulsory_plan_needs_no_family_consent(
    cast: Cast,
) -> None:
    worker = User.objects.create(
        username="gezinsvoogd", password=make_password(None), organisation=cast.institution_org
    )
    plan = plans.open_plan(
        by=worker,
        role=Role.CHILD_PROTECTION,
        family_name="Gezin Maatregel",
        framework=Framework.COMPULSORY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER,
    )
    assert plan.coordinator is not None
    problems = [str(p) for p in workflow.move_problems(plan, Step.REQUEST)]
    assert not any("toestemming" in p for p in problems)
