"""A small scene for the account tests: one plan, a professional in it, a parent with a
login, a functional administrator and a superuser."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission

from regie.accounts.models import Organisation, OrganisationKind, User
from regie.catalog.services import load_domain_sets
from regie.families.models import PersonKind
from regie.plans.models import Plan, Role
from regie.plans.services import plans, team

PASSWORD = "een-lang-test-wachtwoord"


@dataclass
class Scene:
    plan: Plan
    worker: User
    parent: User
    admin: User
    superuser: User
    organisation: Organisation


def make_functional_admin(username: str = "beheerder") -> User:
    """A functional administrator as the demo makes one: staff, no superuser, allowed to
    view, add and change accounts and organisations."""
    admin = User.objects.create_user(
        username,
        password=PASSWORD,
        first_name="Bram",
        last_name="Beheer",
        email=f"{username}@example.org",
        is_functional_admin=True,
        is_staff=True,
    )
    admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="accounts",
            codename__regex=r"^(view|add|change)_",
        )
    )
    return admin


@pytest.fixture
def scene(db: None) -> Scene:
    load_domain_sets()
    wijkteam = Organisation.objects.create(
        name="Wijkteam Noord", kind=OrganisationKind.NEIGHBOURHOOD_TEAM
    )
    worker = User.objects.create_user(
        "fatima",
        password=PASSWORD,
        first_name="Fatima",
        last_name="El Amrani",
        email="fatima@example.org",
        organisation=wijkteam,
    )
    parent = User.objects.create_user(
        "sanne",
        password=PASSWORD,
        first_name="Sanne",
        last_name="Jansen",
        email="sanne@example.org",
    )
    plan = plans.open_plan(by=worker, family_name="Gezin Jansen")
    assert plan.coordinator is not None
    team.add_person(
        actor=plan.coordinator,
        plan=plan,
        first_name="Sanne",
        kind=PersonKind.PARENT,
        role=Role.PARENT,
        user=parent,
        has_parental_authority=True,
    )
    superuser = User.objects.create_superuser("root", email="root@example.org", password=PASSWORD)
    return Scene(plan, worker, parent, make_functional_admin(), superuser, wijkteam)
