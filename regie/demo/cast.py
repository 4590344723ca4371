"""The organisations and accounts of the demo. Every name is invented; every e-mail address
is at example.org. All accounts share one password, printed by `manage.py load_demo`."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission

from regie.accounts.models import Organisation, OrganisationKind, User
from regie.demo.steps.family import Opening, start_plan
from regie.demo.steps.table import Table

# Fine for a demo on a developer's machine; the command refuses to run in production.
DEMO_PASSWORD = "regie-demo-2026"  # noqa: S105

# When this account exists, the demo has been loaded (everything is loaded in one
# transaction, so it is all there or nothing is).
MARKER_USERNAME = "wijkteam.bakker"

# Family names, also the family field of each DemoLogin.
JANSEN = "Gezin Jansen"
EL_AMRANI = "Gezin El Amrani"
DE_VRIES = "Gezin de Vries"


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str
    complaints_email: str


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        "gemeente",
        "Gemeente Oostwijk (demo)",
        OrganisationKind.MUNICIPALITY,
        "klachten@oostwijk.example.org",
    ),
    OrganisationSpec(
        "wijkteam",
        "Wijkteam Oost (demo)",
        OrganisationKind.NEIGHBOURHOOD_TEAM,
        "klachten@wijkteam-oost.example.org",
    ),
    OrganisationSpec(
        "provider",
        "Jeugdhulp De Linde (demo)",
        OrganisationKind.CARE_PROVIDER,
        "klachtenfunctionaris@delinde.example.org",
    ),
    OrganisationSpec(
        "gi",
        "Jeugdbescherming Het Baken (demo)",
        OrganisationKind.CERTIFIED_INSTITUTION,
        "klachten@hetbaken.example.org",
    ),
    OrganisationSpec(
        "school",
        "Kompascollege (demo)",
        OrganisationKind.SCHOOL,
        "vertrouwenspersoon@kompascollege.example.org",
    ),
    OrganisationSpec(
        "gp",
        "Huisartsenpraktijk De Esch (demo)",
        OrganisationKind.GP_PRACTICE,
        "praktijkmanager@huisartsdeesch.example.org",
    ),
)


@dataclass(frozen=True)
class AccountSpec:
    """One demo login. `organisation` is the key of an OrganisationSpec, empty for family
    and network members and for the administrator and the privacy officer; the two figure
    roles (issue 15) belong to the municipality or a provider and see no case content."""

    username: str
    first_name: str
    last_name: str
    role: str  # who this is, in Dutch, for the table of logins
    family: str = ""
    organisation: str = ""
    is_functional_admin: bool = False
    is_privacy_officer: bool = False
    is_municipality_officer: bool = False
    is_quality_officer: bool = False


STAFF: tuple[AccountSpec, ...] = (
    AccountSpec(
        "beheerder",
        "Willem",
        "Brouwer",
        "functioneel beheerder (ziet geen dossiers)",
        is_functional_admin=True,
    ),
    AccountSpec(
        "privacy",
        "Noor",
        "Hendriks",
        "privacy officer, leest het toegangslog (ziet geen dossiers)",
        is_privacy_officer=True,
    ),
    AccountSpec(
        "gemeente.dekker",
        "Hanneke",
        "Dekker",
        "beleidsmedewerker gemeente, ziet alleen cijfers (geen dossiers)",
        organisation="gemeente",
        is_municipality_officer=True,
    ),
    AccountSpec(
        "kwaliteit.delinde",
        "Jeroen",
        "Mulder",
        "kwaliteitsmedewerker De Linde, ziet alleen cijfers (geen dossiers)",
        organisation="provider",
        is_quality_officer=True,
    ),
)

PROFESSIONALS: tuple[AccountSpec, ...] = (
    AccountSpec(
        MARKER_USERNAME,
        "Femke",
        "Bakker",
        "wijkteam, verwijzer en zorgcoördinator",
        JANSEN,
        "wijkteam",
    ),
    AccountSpec(
        "wijkteam.kok",
        "Ruben",
        "Kok",
        "wijkteam, verwijzer en zorgcoördinator",
        DE_VRIES,
        "wijkteam",
    ),
    AccountSpec(
        "zorg.visser",
        "Thomas",
        "Visser",
        "jeugdhulpverlener (bij De Vries nog niet toegelaten)",
        f"{JANSEN}, {EL_AMRANI}, {DE_VRIES}",
        "provider",
    ),
    AccountSpec(
        "gi.degraaf",
        "Marloes",
        "de Graaf",
        "jeugdbeschermer (GI) en zorgcoördinator",
        EL_AMRANI,
        "gi",
    ),
    AccountSpec(
        "gedrag.smit",
        "Ingrid",
        "Smit",
        "gedragswetenschapper",
        f"{JANSEN}, {EL_AMRANI}",
        "provider",
    ),
    AccountSpec(
        "school.hoekstra",
        "Anouk",
        "Hoekstra",
        "mentor op school (Kompascollege)",
        f"{JANSEN}, {EL_AMRANI}",
        "school",
    ),
    AccountSpec("huisarts.vandijk", "Pieter", "van Dijk", "huisarts", JANSEN, "gp"),
)

FAMILY_MEMBERS: tuple[AccountSpec, ...] = (
    AccountSpec("sanne.jansen", "Sanne", "Jansen", "moeder, ouder met gezag", JANSEN),
    AccountSpec("mark.jansen", "Mark", "Jansen", "vader, ouder met gezag", JANSEN),
    AccountSpec("lotte.jansen", "Lotte", "Jansen", "jongere van 13 jaar", JANSEN),
    AccountSpec("oma.joke", "Joke", "de Boer", "oma van moederskant, netwerklid", JANSEN),
    AccountSpec("fatima.elamrani", "Fatima", "El Amrani", "moeder, ouder met gezag", EL_AMRANI),
    AccountSpec("youssef.elamrani", "Youssef", "El Amrani", "vader, ouder met gezag", EL_AMRANI),
    AccountSpec("amira.elamrani", "Amira", "El Amrani", "jongere van 16 jaar", EL_AMRANI),
    AccountSpec("tante.samira", "Samira", "Bouzid", "tante van moederskant, netwerklid", EL_AMRANI),
    AccountSpec("esther.devries", "Esther", "de Vries", "moeder, ouder met gezag", DE_VRIES),
)

ACCOUNTS: tuple[AccountSpec, ...] = STAFF + PROFESSIONALS + FAMILY_MEMBERS

# What the functional administrator manages in Django's admin (/beheer/): organisations,
# accounts and the catalogue. No plan or family models: admins see no case content (A1).
ADMIN_APPS = ("accounts", "catalog")
ADMIN_ACTIONS = ("view", "add", "change")


@dataclass
class Cast:
    """The organisations and accounts created, by key and by username."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def org(self, key: str) -> Organisation:
        return self.organisations[key]

    def user(self, username: str) -> User:
        return self.users[username]

    def open_plan(self, opening: Opening, today: datetime.date) -> Table:
        """Open a family's plan among the demo's accounts and organisations."""
        return start_plan(opening, today=today, users=self.users, organisations=self.organisations)


def create_cast() -> Cast:
    """Organisations (reused when they already exist) and the demo accounts."""
    cast = Cast()
    for spec in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            name=spec.name,
            defaults={"kind": spec.kind, "complaints_email": spec.complaints_email},
        )
        cast.organisations[spec.key] = organisation
    # One hash for the one shared password: hashing 20 times would only slow the demo down.
    password_hash = make_password(DEMO_PASSWORD)
    for account in ACCOUNTS:
        user = User.objects.create(
            username=account.username,
            password=password_hash,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.username}@example.org",
            organisation=cast.org(account.organisation) if account.organisation else None,
            is_functional_admin=account.is_functional_admin,
            is_privacy_officer=account.is_privacy_officer,
            is_municipality_officer=account.is_municipality_officer,
            is_quality_officer=account.is_quality_officer,
            is_staff=account.is_functional_admin,
        )
        cast.users[account.username] = user
    _grant_admin_permissions(cast.user("beheerder"))
    return cast


def _grant_admin_permissions(user: User) -> None:
    codename_prefixes = tuple(f"{action}_" for action in ADMIN_ACTIONS)
    permissions = [
        permission
        for permission in Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
        if permission.codename.startswith(codename_prefixes)
    ]
    user.user_permissions.add(*permissions)
