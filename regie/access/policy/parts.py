"""What each person reads of a plan (A2–A4, A3b): the parts of a plan, which parts each
role sees without a share, and what a share opens. Part of the policy package: pages and
services ask `regie.access.policy`, which re-exports these."""

from enum import StrEnum

from regie.plans.models import Participant, Role, Share, ShareKind, Step


class Section(StrEnum):
    """Parts of a plan a page shows; which ones a person sees depends on their role and on
    what the family shares with them (A3, A3b)."""

    TEAM = "team"
    STORY = "story"
    WISHES = "wishes"
    ANALYSIS = "analysis"
    GOALS = "goals"
    OWN_STRENGTH = "own_strength"
    ACTIONS = "actions"
    DECISIONS = "decisions"
    EVALUATIONS = "evaluations"
    MEETINGS = "meetings"
    ENTRIES = "entries"
    AFTERCARE = "aftercare"
    COMPLAINTS = "complaints"
    HISTORY = "history"


ALL_SECTIONS = frozenset(Section)

# A3, A3b: without a share a network member, school or GP sees their own actions, the goals
# those serve and meetings (the selectors narrow ACTIONS and GOALS to theirs, and meetings
# for school and GP to those they are invited to), professionals also their own entries.
OWN_PART_ONLY = frozenset({Section.MEETINGS})
# A3b: a care provider needs the family's story (R16: tell it once), the analysis, and the
# goals, actions, decisions and evaluations of the help; not other professionals' entries
# (a GP's note), the step history or the complaints about other organisations.
CARE_PROVIDER_SECTIONS = frozenset(
    {
        Section.TEAM,
        Section.STORY,
        Section.WISHES,
        Section.ANALYSIS,
        Section.GOALS,
        Section.OWN_STRENGTH,
        Section.ACTIONS,
        Section.DECISIONS,
        Section.EVALUATIONS,
        Section.MEETINGS,
        Section.AFTERCARE,
    }
)
# A3b: parents, youths (A2, A4 limit per record), the neighbourhood team, the child-protection
# worker and the coordinator see the whole plan; every other role what it needs.
ROLE_SECTIONS: dict[str, frozenset[Section]] = {
    Role.PARENT: ALL_SECTIONS,
    Role.CHILD: ALL_SECTIONS,
    Role.REFERRER: ALL_SECTIONS,
    Role.CHILD_PROTECTION: ALL_SECTIONS,
    Role.CARE_PROFESSIONAL: CARE_PROVIDER_SECTIONS,
    # R6, R18: the behavioural scientist weighs safety, which needs the entries too.
    Role.BEHAVIOURAL_SCIENTIST: CARE_PROVIDER_SECTIONS | {Section.ENTRIES},
    Role.SCHOOL: OWN_PART_ONLY,
    Role.GP: OWN_PART_ONLY,
    Role.NETWORK: OWN_PART_ONLY,
}
SHAREABLE_ROLES = frozenset(role for role, parts in ROLE_SECTIONS.items() if parts != ALL_SECTIONS)
SHARE_SECTIONS: dict[str, frozenset[Section]] = {
    ShareKind.GOALS: frozenset({Section.GOALS}),
    ShareKind.ACTIONS: frozenset({Section.ACTIONS, Section.OWN_STRENGTH, Section.AFTERCARE}),
    ShareKind.WISHES: frozenset({Section.WISHES}),
    ShareKind.STORY: frozenset({Section.STORY}),
    ShareKind.ANALYSIS: frozenset({Section.ANALYSIS}),
    ShareKind.DECISIONS: frozenset({Section.DECISIONS}),
    ShareKind.EVALUATIONS: frozenset({Section.EVALUATIONS}),
    ShareKind.ENTRIES: frozenset({Section.ENTRIES}),
}
# A3b: in a compulsory framework the child-protection worker opens parts to these roles.
SAFETY_SHARE_ROLES = frozenset({Role.SCHOOL, Role.GP})

# The section a step page is about; a step page opens only with that section.
STEP_SECTIONS: dict[int, frozenset[Section]] = {
    Step.INTRODUCTION: frozenset({Section.TEAM}),
    Step.REQUEST: frozenset({Section.STORY, Section.WISHES}),
    Step.ANALYSIS: frozenset({Section.ANALYSIS}),
    Step.GOALS: frozenset({Section.GOALS}),
    Step.OWN_STRENGTH: frozenset({Section.OWN_STRENGTH}),
    Step.DECIDING: frozenset({Section.DECISIONS}),
    Step.EXECUTING: frozenset({Section.EVALUATIONS}),
    Step.CLOSING: frozenset({Section.AFTERCARE}),
}


def shared_kinds(participant: Participant) -> set[str]:
    return set(
        Share.objects.filter(shared_with=participant, revoked_at__isnull=True).values_list(
            "kind", flat=True
        )
    )


def role_sections(participant: Participant) -> frozenset[Section]:
    """What a person sees without any share (A3b); the coordinator keeps the whole plan
    in view, whatever their role (R16)."""
    if participant.plan.coordinator_id == participant.pk:
        return ALL_SECTIONS
    return ROLE_SECTIONS.get(participant.role, OWN_PART_ONLY)


def sections(participant: Participant) -> frozenset[Section]:
    """The parts of the plan this person sees: their role's parts (A3b) and what is shared
    with them (A3, A3b); what a youth keeps from parents `kept_from` decides per record."""
    seen = set(role_sections(participant))
    if seen == ALL_SECTIONS:
        return ALL_SECTIONS
    for kind in shared_kinds(participant):
        seen |= SHARE_SECTIONS.get(kind, frozenset())
    return frozenset(seen)


def sees_all_meetings(participant: Participant) -> bool:
    """A3b: school and GP see the meetings they are invited to; the network sees the dates
    of all of them (A3) and everyone else the meetings themselves."""
    return participant.role not in SAFETY_SHARE_ROLES


def may_receive_share(member: Participant) -> bool:
    """A3, A3b: sharing opens parts to someone who does not see the whole plan already."""
    return role_sections(member) != ALL_SECTIONS and not member.is_family
