"""Load the demo: the catalogue, the organisations, the professionals, three families with
their plans and a history of closed plans for the figures, all through the plan services,
in one transaction, at most once."""

from dataclasses import dataclass
from typing import TextIO

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from regie.accounts.models import User
from regie.catalog.services import load_domain_sets, load_example_interventions
from regie.demo.cast import ACCOUNTS, DEMO_PASSWORD, MARKER_USERNAME, create_cast
from regie.demo.de_vries import build_de_vries
from regie.demo.el_amrani import build_el_amrani
from regie.demo.helpers import DemoDataError
from regie.demo.history import QUARTERS, build_history
from regie.demo.jansen import build_jansen

# The complaint in the demo would e-mail the invented complaints contact after commit;
# demo data sends no mail.
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str  # who this is, in Dutch
    family: str  # the families this login takes part in; empty for staff


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin(
            username=account.username,
            password=DEMO_PASSWORD,
            role=account.role,
            family=account.family,
        )
        for account in ACCOUNTS
    ]


def load_demo(stdout: TextIO | None = None, quarters: int = QUARTERS) -> list[DemoLogin]:
    """Create the demo data unless it is already there; return the demo logins either way.
    `quarters`: how many quarters of closed plans the figures page shows (regie.demo.history).

    Running it twice changes nothing: the first run creates the marker account and
    everything else in the same transaction."""
    logins = demo_logins()
    if User.objects.filter(username=MARKER_USERNAME).exists():
        _say(stdout, "De demogegevens staan er al; er is niets veranderd.")
        return logins
    taken = sorted(
        User.objects.filter(username__in=[login.username for login in logins]).values_list(
            "username", flat=True
        )
    )
    if taken:
        raise DemoDataError(
            "Deze gebruikersnamen bestaan al, maar de demo is niet geladen: "
            + ", ".join(taken)
            + ". Gebruik een lege database voor de demo."
        )
    with override_settings(EMAIL_BACKEND=NO_MAIL), transaction.atomic():
        _say(stdout, "Catalogus laden: levensdomeinen en voorbeeldinterventies ...")
        load_domain_sets()
        result = load_example_interventions()
        if not result.ok:
            raise DemoDataError("; ".join(result.errors))
        _say(stdout, "Organisaties en accounts aanmaken ...")
        cast = create_cast()
        today = timezone.localdate()
        _say(stdout, "Gezin Jansen: vrijwillig kader, stap 7 (uitvoeren en evalueren) ...")
        build_jansen(cast, today)
        _say(stdout, "Gezin El Amrani: gedwongen kader (OTS), stap 6 (beslissen over hulp) ...")
        build_el_amrani(cast, today)
        _say(stdout, "Gezin de Vries: net begonnen, stap 1 (kennismaken) ...")
        build_de_vries(cast, today)
        if quarters:
            _say(stdout, f"Afgesloten plannen in {quarters} kwartalen, voor de cijfers ...")
            build_history(cast, today, quarters)
    _say(stdout, "Demogegevens geladen.")
    return logins


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")
