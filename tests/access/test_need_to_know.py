"""Need to know between professionals (A3b): every role against every part of the plan,
read through everything a person can open: the overview, each step page, the PDF, the
FHIR bundle and the API. Each part has a text written in it; a person "sees" the part when
that text reaches them anywhere. The expectations are a written-out table, never asked of
the policy. Then: a family share opens a part and revoking it closes it again, and the
child-protection worker's safety decision for school and GP, which the family sees."""

import datetime
import json
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.access import policy
from regie.core.errors import RuleViolation
from regie.exports import pdf
from regie.plans.models import (
    Decision,
    EntryKind,
    Participant,
    Role,
    Share,
    ShareKind,
    Step,
)
from regie.plans.services import entries, goals, meetings, plans, sharing
from tests.access.test_authorization_matrix import Table, assert_statuses, status_table
from tests.accounts.helpers import client_for
from tests.api.helpers import Api, token_for
from tests.exports.conftest import OTHER_ACTION, SECOND_GOAL, Rich, build_rich
from tests.personas import PICTURE, STORY, WISHES, add_approved_professional, make_user

GP_NOTE = "Huisarts: Lotte heeft al weken buikpijn, waarschijnlijk door de spanning thuis."
CARE_NOTE = "Gezinscoach: moeder is uitgeput en slaapt slecht."
SCHOOL_ACTION = "Mentor bespreekt elke maandag het rooster met Noa."
SCHOOL_MEETING = "Gesprek met de mentor"
SAFETY_REASON = "School moet weten welke afspraken er gelden om Noa veilig op te halen."

# One row per part of the plan and its text; the own-part rows are what school and GP take
# part in. 1: the text reaches this person somewhere; 0: nowhere.
# A2, A4: parents and youths see everything here (nothing is kept). A3: the grandmother
# sees the goal her action serves and the meetings. A3b: the coordinator (the
# neighbourhood team) and the child-protection worker see everything; the care provider
# and the behavioural scientist their parts, not the GP's note
# (the behavioural scientist reads entries, for safety); school and GP only their own
# action, its goal, the meetings they are invited to and their own entry.
COLUMNS = {
    "par": "parent",
    "y16": "youth16",
    "y13": "youth13",
    "oma": "grandmother",
    "ref": "wijkteam_worker",
    "cpw": "child_protection",
    "car": "care_provider",
    "bsc": "behavioural_scientist",
    "sch": "school",
    "gp": "gp",
}

PARTS_EXPECTED = status_table(
    """
part            par y16 y13 oma ref cpw car bsc sch gp
team            1   1   1   0   1   1   1   1   0   0
story           1   1   1   0   1   1   1   1   0   0
wishes          1   1   1   0   1   1   1   1   0   0
analysis        1   1   1   0   1   1   1   1   0   0
goals           1   1   1   0   1   1   1   1   0   0
actions         1   1   1   0   1   1   1   1   0   0
decisions       1   1   1   0   1   1   1   1   0   0
evaluations     1   1   1   0   1   1   1   1   0   0
meetings        1   1   1   1   1   1   1   1   0   0
gp-entry        1   1   1   0   1   1   0   1   0   1
care-entry      1   1   1   0   1   1   1   1   0   0
own-action      1   1   1   0   1   1   1   1   1   0
own-goal        1   1   1   1   1   1   1   1   1   0
own-meeting     1   1   1   1   1   1   1   1   1   1
""",
    COLUMNS,
)


@dataclass
class World:
    rich: Rich
    school: Participant
    gp: Participant
    markers: dict[str, str]

    @property
    def people(self) -> dict[str, Participant]:
        cast = self.rich.cast
        return {
            "parent": cast.parent,
            "youth16": cast.youth16,
            "youth13": cast.youth13,
            "grandmother": cast.grandmother,
            "wijkteam_worker": cast.wijkteam_worker,
            "child_protection": cast.child_protection,
            "care_provider": cast.care_provider,
            "behavioural_scientist": cast.behavioural_scientist,
            "school": self.school,
            "gp": self.gp,
        }


@pytest.fixture
def world(db: None) -> World:
    rich = build_rich()
    cast = rich.cast
    plan = cast.plan
    school = add_approved_professional(
        cast, make_user("mentor", "Mees", "Mentor", organisation=cast.other_org), Role.SCHOOL
    )
    gp = add_approved_professional(
        cast, make_user("huisarts", "Hanna", "Huisarts", organisation=cast.other_org), Role.GP
    )
    entries.write_entry(actor=gp, plan=plan, kind=EntryKind.OBSERVATION, body=GP_NOTE)
    entries.write_entry(
        actor=cast.care_provider, plan=plan, kind=EntryKind.ASSESSMENT, body=CARE_NOTE
    )
    goals.add_action(
        actor=cast.wijkteam_worker,
        plan=plan,
        description=SCHOOL_ACTION,
        owner=school,
        goal=rich.school_goal,
        takeover_reason="De mentor doet dit op school.",
    )
    meetings.plan_meeting(
        actor=cast.wijkteam_worker,
        plan=plan,
        title=SCHOOL_MEETING,
        planned_at=timezone.now() + datetime.timedelta(days=7),
        attendees=[(cast.parent, ""), (school, "rooster"), (gp, "buikpijn")],
    )
    decision = Decision.objects.get(plan=plan)
    markers = {
        "team": cast.behavioural_scientist.display_name,
        "story": STORY.story,
        "wishes": WISHES[0].text,
        "analysis": PICTURE,
        "goals": SECOND_GOAL,
        "actions": OTHER_ACTION,
        "decisions": decision.rationale,
        "evaluations": "Het gaat beter.",
        "meetings": "Overleg over school",
        "gp-entry": GP_NOTE,
        "care-entry": CARE_NOTE,
        "own-action": SCHOOL_ACTION,
        "own-goal": rich.school_goal.text,
        "own-meeting": SCHOOL_MEETING,
    }
    return World(rich, school, gp, markers)


def everything_they_read(world: World, person: Participant) -> str:
    """Every page, export and API answer this person may open, as one text."""
    assert person.user is not None
    plan = world.rich.cast.plan
    client = client_for(person.user)
    texts = []
    urls = [reverse("plan", args=[plan.public_id])]
    urls += [reverse("plan-step", args=[plan.public_id, step]) for step in Step.values]
    urls.append(reverse("plan-export-fhir", args=[plan.public_id]))
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            texts.append(response.content.decode())
    # The PDF's text is compressed; its HTML is what WeasyPrint prints (same selectors).
    if client.get(reverse("plan-export-pdf", args=[plan.public_id])).status_code == 200:
        texts.append(pdf.render_html(plan, person, timezone.localdate(), youth=False))
    api = Api(token_for(person.user))
    for name in ("api-goal-list", "api-action-list", "api-evaluation-list"):
        response = api.get(reverse(name, args=[plan.public_id]))
        if response.status_code == 200:
            texts.append(json.dumps(response.json(), ensure_ascii=False))
    return "\n".join(texts)


def _parts_seen(world: World) -> Table:
    seen: Table = {}
    for person_name, person in world.people.items():
        text = everything_they_read(world, person)
        for part, marker in world.markers.items():
            seen.setdefault(part, {})[person_name] = int(marker in text)
    return seen


def test_a3b_every_role_sees_only_its_parts(world: World) -> None:
    """A3b: school and GP see only what they take part in; the GP's note reaches neither the
    school nor the care provider; the family, the coordinator and the child-protection
    worker see everything."""
    assert_statuses(PARTS_EXPECTED, _parts_seen(world))


def test_a3b_family_share_opens_a_part_and_revoking_closes_it(world: World) -> None:
    """A3b: the family shares the analysis with the school, and takes it back."""
    cast = world.rich.cast
    share = sharing.share_part(
        actor=cast.parent, plan=cast.plan, member=world.school, kind=ShareKind.ANALYSIS
    )
    assert PICTURE in everything_they_read(world, world.school)
    sharing.stop_sharing(actor=cast.parent, share=share)
    assert PICTURE not in everything_they_read(world, world.school)


def test_a3b_family_shares_entries_with_the_care_provider(world: World) -> None:
    """A3b: per professional and per part: the GP's note reaches the care provider only
    when the family shares the entries with him, and not the school."""
    cast = world.rich.cast
    sharing.share_part(
        actor=cast.parent, plan=cast.plan, member=cast.care_provider, kind=ShareKind.ENTRIES
    )
    assert GP_NOTE in everything_they_read(world, cast.care_provider)
    assert GP_NOTE not in everything_they_read(world, world.school)


def test_a3b_sharing_with_someone_who_sees_everything_is_refused(world: World) -> None:
    cast = world.rich.cast
    with pytest.raises(RuleViolation, match="ziet het hele plan al"):
        sharing.share_part(
            actor=cast.parent, plan=cast.plan, member=cast.wijkteam_worker, kind=ShareKind.STORY
        )


def test_a3b_safety_decision_is_the_child_protection_workers_and_the_family_sees_it(
    world: World,
) -> None:
    """A3b: in a compulsory framework the child-protection worker opens a part to the
    school for safety, with a reason; the family reads the decision and the reason on step 1
    but cannot take it back; the child-protection worker can."""
    cast = world.rich.cast
    plan = cast.plan
    client = client_for(cast.child_protection_user)
    response = client.post(
        reverse("plan-action", args=[plan.public_id, "share-for-safety"]),
        {"member": world.school.public_id, "kind": ShareKind.GOALS, "reason": SAFETY_REASON},
    )
    assert response.status_code == 302
    assert SECOND_GOAL in everything_they_read(world, world.school)

    step_1 = client_for(cast.parent_user).get(reverse("plan-step", args=[plan.public_id, 1]))
    page = step_1.content.decode()
    assert SAFETY_REASON in page
    assert "Besluit voor de veiligheid" in page

    share = Share.objects.get(shared_with=world.school, for_safety=True)
    refused = client_for(cast.parent_user).post(
        reverse("plan-action", args=[plan.public_id, "stop-share"]), {"share": share.public_id}
    )
    assert refused.status_code == 400
    with pytest.raises(RuleViolation, match="jeugdbeschermer"):
        sharing.stop_sharing(actor=cast.parent, share=share)
    assert SECOND_GOAL in everything_they_read(world, world.school)

    taken_back = client.post(
        reverse("plan-action", args=[plan.public_id, "stop-safety-share"]),
        {"share": share.public_id},
    )
    assert taken_back.status_code == 302
    assert SECOND_GOAL not in everything_they_read(world, world.school)


def test_a3b_safety_decision_needs_a_reason_and_keeps_the_input(world: World) -> None:
    cast = world.rich.cast
    response = client_for(cast.child_protection_user).post(
        reverse("plan-action", args=[cast.plan.public_id, "share-for-safety"]),
        {"member": world.gp.public_id, "kind": ShareKind.ENTRIES, "reason": "   "},
    )
    assert response.status_code == 400
    assert not Share.objects.filter(shared_with=world.gp).exists()


def test_a3b_only_school_and_gp_get_a_safety_decision(world: World) -> None:
    cast = world.rich.cast
    with pytest.raises(policy.NotAllowed):
        sharing.share_part(
            actor=cast.child_protection,
            plan=cast.plan,
            member=cast.care_provider,
            kind=ShareKind.ENTRIES,
            reason=SAFETY_REASON,
        )


def test_a3b_r16_school_confirms_reading_the_story_only_when_shared(world: World) -> None:
    """R16 tell it once, A3b: the school confirms it read the story once the family shares
    it; before that there is nothing to confirm."""
    cast = world.rich.cast
    with pytest.raises(RuleViolation, match="deelt zijn verhaal niet"):
        plans.confirm_story_read(actor=world.school, plan=cast.plan)
    sharing.share_part(actor=cast.parent, plan=cast.plan, member=world.school, kind=ShareKind.STORY)
    assert STORY.story in everything_they_read(world, world.school)
    assert plans.confirm_story_read(actor=world.school, plan=cast.plan).story_read_at
