"""The journeys of issue 5 ("Done when"), in a real browser on the live server, with
axe-core on every page they visit (tests/e2e/helpers.py)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from regie.accounts.models import OrganisationKind, User
from regie.catalog.services import load_domain_sets
from regie.plans.models import (
    ActionStatus,
    ClosingVoice,
    Decision,
    EntryKind,
    FamilyStory,
    Goal,
    GoalScore,
    GoalStatus,
    GoalTerm,
    HelpEnding,
    HelpOption,
    Plan,
    PlanStatus,
    Step,
)
from regie.plans.services import entries, goals
from tests.e2e.helpers import BrowserSession
from tests.personas import (
    PASSWORD,
    born_years_ago,
    build_cast,
    make_organisation,
    make_user,
    walk_to,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_r2_parent_disputes_an_entry_and_sees_the_reaction_next_to_it(
    desktop: BrowserSession,
) -> None:
    cast = build_cast()
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa was drie keer niet op school deze week.",
        about=cast.youth13,
    )
    page = desktop.page

    desktop.log_in(cast.parent_user)
    desktop.submit(page.get_by_role("link", name="Gezin Jansen"))

    card = page.locator("article.entry", has_text=entry.body)
    card.locator("summary", has_text="Klopt dit?").click()
    card.get_by_label("klopt niet").check()
    card.get_by_label("In uw eigen woorden").fill("Het was twee keer, ze was ziek.")
    card_after = page.locator("article.entry", has_text=entry.body)
    press_and_wait(
        desktop,
        card.get_by_role("button", name="Reactie opslaan"),
        lambda: expect(card_after.locator(".reaction")).to_contain_text("Sanne Jansen: klopt niet"),
    )
    expect(card_after.locator(".reaction")).to_contain_text("Het was twee keer, ze was ziek.")
    expect(told(page, "Uw reactie staat bij de aantekening.")).to_be_visible()
    assert re.search(r"/plannen/[0-9a-f-]+/$", page.url)


def test_r4_r19_youth_of_13_adds_a_wish_and_scores_a_goal_on_a_phone(
    phone: BrowserSession,
) -> None:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)  # one evaluation planned, not yet held
    goal = Goal.objects.get(plan=cast.plan, status=GoalStatus.ACTIVE)
    page = phone.page

    phone.log_in(cast.youth13_user)  # issue 14: lands on Mijn plan, one link from the plan
    phone.submit(page.get_by_role("link", name="Naar het hele plan"))

    phone.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.REQUEST}/")
    page.locator("summary", has_text="Wens opschrijven").click()
    wish_form = page.locator("form[action$='/actie/wish/']")
    wish_form.get_by_label("Wat is de wens?").fill("Dat ik mijn vriendinnen weer zie.")
    phone.submit(wish_form.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("Noa Jansen: Dat ik mijn vriendinnen weer zie.")).to_be_visible()

    phone.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.EXECUTING}/")
    evaluation_card = page.locator("article", has=page.locator("summary", has_text="Cijfer geven"))
    evaluation_card.locator("summary", has_text="Cijfer geven").click()
    score_form = evaluation_card.locator("form[action$='/actie/score/']")
    score_form.get_by_label("Doel").select_option(label=goal.text)
    score_form.get_by_label("Cijfer (0–10)").fill("6")
    phone.submit(score_form.get_by_role("button", name="Opslaan"))

    row = page.get_by_role("row", name=re.compile(re.escape(goal.text)))
    expect(row.get_by_role("cell").nth(0)).to_have_text("6")  # the child's column
    assert GoalScore.objects.get(goal=goal, participant=cast.youth13).score == 6


def test_a3_shared_with_marks_their_action_done_and_cannot_open_the_analysis(
    desktop: BrowserSession,
) -> None:
    cast = build_cast()
    walk_to(cast, Step.OWN_STRENGTH)
    action = goals.add_action(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        description="Noa en Lotte op dinsdag uit school halen.",
        owner=cast.grandmother,
    )
    page = desktop.page

    desktop.log_in(cast.grandmother_user)
    desktop.submit(page.get_by_role("link", name="Gezin Jansen"))
    mine = page.locator("section", has=page.get_by_role("heading", name="Wat wacht op mij"))
    item = mine.locator("li", has_text=action.description)
    item.locator("summary", has_text="Afronden").click()
    item.get_by_label("Hoe ging het?").fill("Gedaan, ze waren blij.")
    press_and_wait(
        desktop,
        item.get_by_role("button", name="Gedaan"),
        lambda: expect(mine).not_to_contain_text(action.description),
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.done_note == "Gedaan, ze waren blij."

    # Step 3 is not in the step list as a link for her, and typing the address is refused.
    steps = page.get_by_role("navigation", name="Stappen van het plan")
    expect(steps.get_by_role("link", name=re.compile("Probleem"))).to_have_count(0)
    response = page.goto(f"/plannen/{cast.plan.public_id}/stap/{Step.ANALYSIS}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Slecht slapen")
    desktop.check()


def test_r9_family_reorders_goals_and_the_safety_goal_stays_first(
    desktop: BrowserSession,
) -> None:
    cast = build_cast(compulsory=True)
    walk_to(cast, Step.GOALS)
    safety = goals.add_goal(
        actor=cast.child_protection,
        plan=cast.plan,
        text="Lotte en Noa zijn thuis veilig.",
        term=GoalTerm.SHORT,
        is_safety_goal=True,
    )
    school = goals.add_goal(
        actor=cast.parent, plan=cast.plan, text="Noa gaat weer naar school.", term=GoalTerm.SHORT
    )
    calm = goals.add_goal(
        actor=cast.parent, plan=cast.plan, text="Minder ruzie thuis.", term=GoalTerm.LONG
    )
    page = desktop.page
    order = page.locator("section", has=page.get_by_role("heading", name="Onze doelen")).locator(
        "ol > li strong"
    )

    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.GOALS}/")
    expect(order).to_have_text([safety.text, school.text, calm.text])

    # The family puts "less fighting" above "school": allowed, under the safety goal.
    goal_item = page.locator("li", has=page.locator("strong", has_text=calm.text))
    press_and_wait(
        desktop,
        goal_item.get_by_role("button", name=re.compile("omhoog")),
        lambda: expect(order).to_have_text([safety.text, calm.text, school.text]),
    )

    # Moving it above the safety goal is refused with the reason, and nothing moves.
    press_and_wait(
        desktop,
        goal_item.get_by_role("button", name=re.compile("omhoog")),
        lambda: expect(page.get_by_role("alert")).to_contain_text(
            "Bij verplichte hulp staat veiligheid altijd eerst."
        ),
    )
    expect(order).to_have_text([safety.text, calm.text, school.text])


# ---- R3: a professional walks a new plan from step 1 to step 8, all through the pages ----
#
# Nothing below is recorded through the services: every step's needs are typed into the
# pages' forms by the person whose part it is (regie/access/policy/ ROLE_PERMISSIONS),
# each in their own browser window, and every page they land on is checked with axe-core.
# Only the professionals' accounts exist beforehand: the functional administrator makes
# those, outside any plan.

FAMILY = "Gezin Yılmaz"
PARENT = "Ayşe Yılmaz"
YOUTH = "Emre Yılmaz"
WIJKTEAM_WORKER = "Fatima El Amrani"
CARE_PROVIDER = "Joost Bakker"
PROVIDER_ORG = "Jeugdhulp Horizon"
SCHOOL_GOAL = "Emre gaat weer elke dag naar school."
CALM_GOAL = "Minder ruzie thuis."
COACHING = "Gezinscoaching thuis"
GRANDMOTHER_HELPS = "Oma Fatma helpt met huiswerk"
ENTRY_BODY = "Emre vertelde dat hij 's nachts slecht slaapt en daardoor niet naar school gaat."

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 360, "height": 800}


@dataclass
class Journey:
    """Everyone's browser window, and the plan they work in."""

    professional: BrowserSession  # Fatima El Amrani, Wijkteam Noord: opens the plan
    parent: BrowserSession  # Ayşe Yılmaz, invited in step 1
    youth: BrowserSession  # Emre Yılmaz, 14, invited in step 1, on his phone
    care_provider: BrowserSession  # Joost Bakker, Jeugdhulp Horizon, joins in step 1
    plan_url: str = ""

    def step_url(self, step: int) -> str:
        return f"{self.plan_url}stap/{step}/"


@pytest.fixture
def open_window(
    browser: Browser, live_server: LiveServer
) -> Iterator[Callable[[dict[str, int]], BrowserSession]]:
    """Another person's browser window (own cookies), at a laptop's or a phone's size."""
    contexts: list[BrowserContext] = []

    def open_one(viewport: dict[str, int]) -> BrowserSession:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": viewport["width"], "height": viewport["height"]},
            locale="nl-NL",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return BrowserSession(context.new_page())

    yield open_one
    for context in contexts:
        context.close()


def professional_accounts() -> tuple[User, User]:
    """The organisations and the two professionals' accounts (the administrator's work)."""
    load_domain_sets()
    wijkteam = make_organisation("Wijkteam Noord", OrganisationKind.NEIGHBOURHOOD_TEAM)
    provider = make_organisation(PROVIDER_ORG, OrganisationKind.CARE_PROVIDER)
    fatima = make_user("fatima", "Fatima", "El Amrani", organisation=wijkteam)
    joost = make_user("joost", "Joost", "Bakker", organisation=provider)
    return fatima, joost


# -- Small steps every person takes --------------------------------------------------------


def labelled(scope: Page | Locator, label: str) -> Locator:
    """The field with exactly this label (Django adds a colon to most labels)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))


def action_form(scope: Page | Locator, action: str) -> Locator:
    """The form that sends `action`; when it is folded away in a <details>, open it by
    clicking its summary, as a person does."""
    page = scope if isinstance(scope, Page) else scope.page
    selector = f"form[action$='/actie/{action}/']"
    folded = scope.locator("details:not([open])").filter(has=page.locator(selector))
    if folded.count():
        folded.locator("summary").first.click()
    form = scope.locator(selector)
    expect(form).to_be_visible()
    return form


def save(session: BrowserSession, form: Locator, button: str = "Opslaan") -> None:
    """Send the form, check the page that comes back, and make sure nothing was refused."""
    session.submit(form.get_by_role("button", name=button))
    refused = session.page.get_by_role("alert")
    assert refused.count() == 0, f"{session.page.url}: {refused.all_inner_texts()}"


def press_and_wait(session: BrowserSession, button: Locator, changed: Callable[[], None]) -> None:
    """Press a button whose form htmx may send in place (or the browser as a normal post):
    wait until the page shows the change, then check the page."""
    button.click()
    changed()
    session.page.wait_for_load_state()
    session.check()


def told(page: Page, text: str) -> Locator:
    """The page's message (a status region) that says `text`."""
    return page.get_by_role("status").filter(has_text=text)


def section(page: Page, heading: str) -> Locator:
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def open_plan_from_home(session: BrowserSession) -> None:
    """From where logging in led: home, or a youth's own page (issue 14)."""
    if session.page.url.endswith("/voor-mij/"):
        session.submit(session.page.get_by_role("link", name="Naar het hele plan"))
    else:
        session.submit(session.page.get_by_role("link", name=FAMILY))
    expect(session.page.get_by_role("heading", level=1)).to_contain_text(FAMILY)


def accept_invitation(session: BrowserSession, link_path: str, username: str) -> None:
    """The invitee opens the link, chooses a username and password, and logs in."""
    page = session.page
    session.visit(link_path)
    page.get_by_label("Kies een gebruikersnaam").fill(username)
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_label("Nog een keer").fill(PASSWORD)
    session.submit(page.get_by_role("button", name="Account maken"))
    expect(told(page, "Uw account is klaar")).to_be_visible()
    session.log_in(User.objects.get(username=username))
    open_plan_from_home(session)


def move_to(journey: Journey, step: int) -> None:
    """The coordinator moves the plan on with the step form on the plan page, once the
    page lists nothing the plan still needs."""
    professional = journey.professional
    page = professional.page
    professional.visit(journey.plan_url)
    still_needed = section(page, "Naar een andere stap").get_by_role("listitem")
    assert still_needed.count() == 0, f"before step {step}: {still_needed.all_inner_texts()}"
    form = action_form(page, "move-step")
    expect(form.get_by_label("Naar stap")).to_have_value(str(step))
    save(professional, form, "Stap wijzigen")
    current = page.get_by_role("navigation", name="Stappen van het plan").locator(
        "[aria-current='step']"
    )
    expect(current).to_contain_text(f"{step}. {Step(step).label}")
    professional.visit(journey.step_url(step))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Stap {step}")


def days_from_today(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# -- Step 1: kennismaken -------------------------------------------------------------------


def open_a_new_plan(journey: Journey, wijkteam_worker: User) -> None:
    """The professional passes the second factor and opens the family's plan from the
    home page (R1), as referrer, in the voluntary framework."""
    professional = journey.professional
    page = professional.page
    professional.log_in_professional(wijkteam_worker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn plannen")
    page.get_by_label("Naam van het gezin").fill(FAMILY)
    labelled(page, "Uw rol in dit plan").select_option(label="verwijzer")
    labelled(page, "Vrijwillig of verplicht").select_option(label="vrijwillig")
    professional.submit(page.get_by_role("button", name="Plan openen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(FAMILY)
    found = re.search(r"/plannen/[0-9a-f-]+/$", page.url)
    assert found, page.url
    journey.plan_url = found.group(0)


def add_family_member(
    session: BrowserSession,
    first_name: str,
    *,
    kind: str,
    gender: str,
    born: datetime.date,
    takes_part_as: str,
    ticks: list[str],
) -> None:
    page = session.page
    form = action_form(page, "add-person")
    labelled(form, "Voornaam").fill(first_name)
    labelled(form, "Achternaam").fill("Yılmaz")
    labelled(form, "Wie is het").select_option(label=kind)
    labelled(form, "Gender").select_option(label=gender)
    labelled(form, "Geboortedatum").fill(born.isoformat())
    for tick in ticks:
        labelled(form, tick).check()
    labelled(form, "Doet mee in het plan als").select_option(label=takes_part_as)
    save(session, form, "Toevoegen")
    expect(
        section(page, "Het gezin").get_by_role("row", name=re.compile(first_name))
    ).to_be_visible()


def invite(session: BrowserSession, member: str) -> str:
    """Make an invitation without e-mail: the page shows the link once. Returns its path."""
    page = session.page
    form = action_form(page, "invite")
    labelled(form, "Wie nodigt u uit?").select_option(label=member)
    save(session, form, "Uitnodiging maken")
    message = told(page, "De uitnodiging is gemaakt.")
    expect(message).to_be_visible()
    link = re.search(r"/uitnodiging/[^/\s]+/", message.inner_text())
    assert link, message.inner_text()
    return link.group(0)


def get_to_know_the_family(journey: Journey) -> tuple[str, str]:
    """Step 1 by the professional: the family members, the family's profile (R21), who
    is related to whom (R7), the care provider at the table (R16), and invitations for the
    mother and for Emre (A4: his own login at 14). Returns the two invitation links."""
    professional = journey.professional
    page = professional.page
    professional.visit(journey.step_url(Step.INTRODUCTION))
    add_family_member(
        professional,
        "Ayşe",
        kind="ouder of verzorger",
        gender="vrouw",
        born=born_years_ago(39),
        takes_part_as="ouder",
        ticks=["Mag beslissen over het kind", "Woont in het gezin"],
    )
    add_family_member(
        professional,
        "Emre",
        kind="kind",
        gender="man",
        born=born_years_ago(14),
        takes_part_as="kind of jongere",
        ticks=["Kind om wie het gaat", "Woont in het gezin"],
    )

    relation = action_form(page, "relation")
    labelled(relation, "Van").select_option(label=PARENT)
    labelled(relation, "Naar").select_option(label=YOUTH)
    labelled(relation, "Relatie").select_option(label="ouder van")
    labelled(relation, "Hoe dichtbij").select_option(label="heel dichtbij")
    save(professional, relation, "Vastleggen")
    expect(section(page, "Relaties (genogram en sociogram)")).to_contain_text(
        f"{PARENT} – ouder van – {YOUTH}"
    )

    profile = action_form(page, "profile")
    labelled(profile, "Taal thuis").fill("Turks en Nederlands")
    labelled(profile, "Culturele achtergrond").fill("Turks-Nederlands")
    labelled(profile, "Geloof of levensovertuiging").fill("islam")
    labelled(profile, "Waar rekening mee te houden").fill("Afspraken liever na 15.00 uur.")
    save(professional, profile)
    expect(section(page, "Over ons gezin")).to_contain_text("Turks en Nederlands")

    colleague = action_form(page, "add-professional")
    # Issue 12: named exactly, by organisation and full name; no list of everyone.
    expect(colleague).not_to_contain_text(CARE_PROVIDER)
    labelled(colleague, "Organisatie").select_option(label=PROVIDER_ORG)
    labelled(colleague, "Volledige naam").fill(CARE_PROVIDER.lower())
    labelled(colleague, "Rol").select_option(label="jeugdhulpverlener")
    labelled(colleague, "Taak in dit plan").fill("gezinscoach")
    save(professional, colleague, "Uitnodigen")
    team = section(page, "Hulpverleners in het plan")
    expect(
        team.get_by_role("listitem").filter(has_text=re.compile(rf"^\s*{CARE_PROVIDER} ·"))
    ).to_contain_text("wacht op toestemming")

    parent_link = invite(professional, f"{PARENT} ({'ouder'})")
    youth_link = invite(professional, f"{YOUTH} ({'kind of jongere'})")
    return parent_link, youth_link


def family_joins_and_approves_the_professionals(
    journey: Journey, parent_link: str, youth_link: str
) -> None:
    """The mother and Emre make their own accounts with their links; the mother lets
    both professionals in (R16), the one who opened the plan included."""
    accept_invitation(journey.youth, youth_link, "emre")
    parent = journey.parent
    page = parent.page
    accept_invitation(parent, parent_link, "ayse")
    parent.visit(journey.step_url(Step.INTRODUCTION))
    team = section(page, "Hulpverleners in het plan")
    for name in (WIJKTEAM_WORKER, CARE_PROVIDER):
        # The item that starts with the name, with its own approve form.
        professional = team.get_by_role("listitem").filter(
            has_text=re.compile(rf"^\s*{re.escape(name)} ·")
        )
        save(parent, professional, "Toelaten")
        expect(professional).to_contain_text(f"toegelaten door {PARENT}")


# -- Step 2: vraag verhelderen -------------------------------------------------------------


def write_wish(session: BrowserSession, text: str, by: str) -> None:
    page = session.page
    form = action_form(page, "wish")
    labelled(form, "Wat is de wens?").fill(text)
    save(session, form)
    wishes = section(page, "Wat wil ieder in het gezin?")
    expect(wishes.get_by_role("listitem").filter(has_text=text)).to_contain_text(by)


def family_tells_its_story_and_wishes(journey: Journey) -> None:
    """R4 and R16 'tell it once': the mother writes the story and the request for help in
    her own words, and her wish; Emre writes his own wish on his phone."""
    parent = journey.parent
    page = parent.page
    parent.visit(journey.step_url(Step.REQUEST))
    story = action_form(page, "story")
    labelled(story, "Ons verhaal").fill(
        "Sinds de verhuizing slaapt Emre slecht en blijft hij vaak thuis van school."
    )
    labelled(story, "Onze hulpvraag").fill("We willen dat Emre weer naar school gaat.")
    save(parent, story)
    expect(section(page, "Ons verhaal en onze hulpvraag")).to_contain_text(
        "We willen dat Emre weer naar school gaat."
    )
    write_wish(parent, "Dat we weer samen eten zonder ruzie.", PARENT)

    youth = journey.youth
    youth.visit(journey.step_url(Step.REQUEST))
    write_wish(youth, "Dat ik weer zin heb om naar school te gaan.", YOUTH)


# -- Step 3: probleem- en krachtenanalyse --------------------------------------------------


def analyse_together(journey: Journey) -> None:
    """R5, R6, R2: the mother records a life domain and a strength of the network; the
    professional writes an observation and the coherent picture; the mother says the
    observation is right and agrees with the picture, and so does the professional."""
    parent = journey.parent
    page = parent.page
    parent.visit(journey.step_url(Step.ANALYSIS))
    domain = action_form(page, "domain")
    labelled(domain, "Levensdomein").select_option(label="Participatie (school, werk)")
    labelled(domain, "Zorgen").fill("Emre mist veel lessen.")
    labelled(domain, "Sterke kanten").fill("Hij is goed in wiskunde.")
    save(parent, domain)
    expect(page.get_by_role("row", name=re.compile(r"Participatie"))).to_contain_text(
        "Emre mist veel lessen."
    )
    factor = action_form(page, "factor")
    labelled(factor, "Soort").select_option(label="kracht in het netwerk")
    labelled(factor, "Omschrijving").fill("Oma Fatma woont om de hoek.")
    save(parent, factor)

    professional = journey.professional
    pro_page = professional.page
    professional.visit(journey.plan_url)
    entry = action_form(pro_page, "entry")
    labelled(entry, "waarneming: wat ik zag of hoorde").check()
    labelled(entry, "Over wie?").select_option(label=f"{YOUTH} ({'kind of jongere'})")
    labelled(entry, "Aantekening").fill(ENTRY_BODY)
    save(professional, entry, "Aantekening opslaan")

    professional.visit(journey.step_url(Step.ANALYSIS))
    picture = action_form(pro_page, "picture")
    labelled(picture, "Het hele beeld: wat is er aan de hand, en hoe ernstig is het?").fill(
        "Emre slaapt slecht sinds de verhuizing en verzuimt daardoor school. "
        "Moeder en oma steunen hem."
    )
    save(professional, picture)

    parent.visit(journey.plan_url)
    card = page.get_by_role("article").filter(has_text=ENTRY_BODY)
    react = action_form(card, "react")
    labelled(react, "klopt").check()
    labelled(react, "In uw eigen woorden").fill("Ja, en hij ligt lang wakker van zijn telefoon.")
    press_and_wait(
        parent,
        react.get_by_role("button", name="Reactie opslaan"),
        lambda: expect(page.get_by_role("article").filter(has_text=ENTRY_BODY)).to_contain_text(
            f"{PARENT}: klopt"
        ),
    )

    for session, name in ((parent, PARENT), (professional, WIJKTEAM_WORKER)):
        session.visit(journey.step_url(Step.ANALYSIS))
        position = action_form(session.page, "position")
        labelled(position, "eens").check()
        labelled(position, "Toelichting").fill("Zo is het.")
        save(session, position)
        expect(section(session.page, "Het hele beeld")).to_contain_text(f"{name}: eens")


# -- Step 4: doelen ------------------------------------------------------------------------


def family_sets_and_orders_its_goals(journey: Journey) -> None:
    """R8: the mother writes two goals in her words and puts 'less fighting' first."""
    parent = journey.parent
    page = parent.page
    parent.visit(journey.step_url(Step.GOALS))
    for text, term, life_wish in (
        (SCHOOL_GOAL, "korte termijn", "Dat Emre zijn diploma haalt."),
        (CALM_GOAL, "lange termijn", "Een fijn thuis."),
    ):
        form = action_form(page, "goal")
        labelled(form, "Doel, in de woorden van het gezin").fill(text)
        labelled(form, "Wat betekent dit voor ons leven?").fill(life_wish)
        labelled(form, "Termijn").select_option(label=term)
        save(parent, form)
    goals = section(page, "Onze doelen").get_by_role("listitem")
    expect(goals).to_have_text(
        [re.compile(re.escape(SCHOOL_GOAL)), re.compile(re.escape(CALM_GOAL))]
    )
    up = goals.filter(has_text=CALM_GOAL).get_by_role("button", name=re.compile("omhoog"))
    press_and_wait(
        parent,
        up,
        lambda: expect(goals).to_have_text(
            [re.compile(re.escape(CALM_GOAL)), re.compile(re.escape(SCHOOL_GOAL))]
        ),
    )


# -- Step 5: eigen kracht en netwerk -------------------------------------------------------


def own_strength_and_family_group_plan(journey: Journey) -> None:
    """R10, R11: the mother writes what the family and network do themselves; the
    professional records offering a family group plan and telling about the pgb; the
    mother answers."""
    parent = journey.parent
    page = parent.page
    parent.visit(journey.step_url(Step.OWN_STRENGTH))
    network = action_form(page, "network")
    labelled(network, "Wat doet het gezin zelf?").fill("Vaste bedtijd, telefoon 's nachts beneden.")
    labelled(network, "Wat doet het netwerk?").fill("Oma Fatma brengt Emre twee keer per week.")
    labelled(network, "Is dat genoeg?").select_option(label="deels")
    save(parent, network)

    professional = journey.professional
    professional.visit(journey.step_url(Step.OWN_STRENGTH))
    offer = action_form(professional.page, "offer-group-plan")
    labelled(offer, "Aangeboden op").fill(days_from_today(0))
    labelled(offer, "Verteld over het persoonsgebonden budget op").fill(days_from_today(0))
    save(professional, offer)

    parent.visit(journey.step_url(Step.OWN_STRENGTH))
    answer = action_form(page, "answer-group-plan")
    labelled(answer, "nee, liever niet").check()
    labelled(answer, "Toelichting").fill("Oma helpt al; meer familie hoeft niet.")
    save(parent, answer)
    expect(section(page, "Familiegroepsplan")).to_contain_text("nee, liever niet")


# -- Step 6: beslissen over hulp -----------------------------------------------------------


def propose_option(
    session: BrowserSession, title: str, *, professional_help: bool, goal: str | None = None
) -> None:
    page = session.page
    form = action_form(page, "option")
    labelled(form, "Mogelijkheid").fill(title)
    labelled(form, "Professionele hulp").set_checked(professional_help)
    if goal is not None:
        labelled(form, goal).check()
    labelled(form, "Voordelen").fill("Past bij ons doel.")
    labelled(form, "Nadelen").fill("Kost elke week tijd.")
    labelled(form, "Past het bij ons?").fill("Ja, het kan thuis en na schooltijd.")
    save(session, form)
    expect(
        page.get_by_role("article").filter(has=page.get_by_role("heading", name=title))
    ).to_be_visible()


def decide_on_help(journey: Journey, care_provider: User) -> None:
    """R13–R15, R16: the care provider joins, confirms he read the family's story and
    proposes coaching; the mother proposes her own option and says which she prefers;
    the referrer records the decision with the provider the mother chose; the mother
    agrees; the referrer files the application and plans the evaluation (R19)."""
    provider = journey.care_provider
    provider.log_in_professional(care_provider)
    open_plan_from_home(provider)
    provider.visit(journey.step_url(Step.REQUEST))
    save(
        provider,
        action_form(provider.page, "story-read"),
        "Ik heb het verhaal van het gezin gelezen",
    )
    expect(
        provider.page.get_by_text("U hebt bevestigd dat u dit verhaal hebt gelezen.")
    ).to_be_visible()
    provider.visit(journey.step_url(Step.DECIDING))
    propose_option(provider, COACHING, professional_help=True, goal=SCHOOL_GOAL)

    parent = journey.parent
    page = parent.page
    parent.visit(journey.step_url(Step.DECIDING))
    propose_option(parent, GRANDMOTHER_HELPS, professional_help=False)
    coaching = page.get_by_role("article").filter(has=page.get_by_role("heading", name=COACHING))
    preference = action_form(coaching, "preference")
    labelled(preference, "Uw voorkeur").select_option(label="mijn voorkeur")
    labelled(preference, "Waarom?").fill("Dan hoeft Emre niet naar een kantoor.")
    save(parent, preference)
    expect(
        page.get_by_role("article").filter(has=page.get_by_role("heading", name=COACHING))
    ).to_contain_text(f"{PARENT}: mijn voorkeur")

    professional = journey.professional
    pro_page = professional.page
    professional.visit(journey.step_url(Step.DECIDING))
    decide = action_form(pro_page, "decide")
    # The options are listed as "HelpOption object (n)" (no __str__): pick by record id.
    chosen = HelpOption.objects.get(title=COACHING)
    labelled(decide, "Gekozen hulp").select_option(value=str(chosen.public_id))
    labelled(decide, "Waarom deze hulp?").fill("Emre en zijn moeder willen hulp thuis.")
    labelled(decide, "Aanbieder").select_option(label=PROVIDER_ORG)
    labelled(decide, "Aanbieder gekozen door").select_option(label=f"{PARENT} ({'ouder'})")
    labelled(decide, "Financiering").select_option(label="zorg in natura")
    labelled(decide, "Afspraken over nazorg").fill("Het wijkteam belt na zes weken.")
    save(professional, decide)

    parent.visit(journey.step_url(Step.DECIDING))
    agree = action_form(page, "agree")
    labelled(agree, "ja").check()
    labelled(agree, "Toelichting").fill("Zo hebben we het samen besproken.")
    save(parent, agree)
    expect(section(page, "Besluit")).to_contain_text(f"{PARENT}: eens")

    professional.visit(journey.step_url(Step.DECIDING))
    application = action_form(pro_page, "application")
    labelled(application, "Besluit").select_option(index=1)  # the one decision
    labelled(application, "Aangevraagd op").fill(days_from_today(0))
    save(professional, application)
    expect(section(pro_page, "Aanvraag en beslistermijn")).to_contain_text("nog 56 dagen")

    # Evaluations are planned when the plan is made (R19): on the page of step 7.
    professional.visit(journey.step_url(Step.EXECUTING))
    schedule = action_form(pro_page, "schedule-evaluation")
    labelled(schedule, "Datum").fill(days_from_today(42))
    save(professional, schedule)
    expect(section(pro_page, "Evaluaties")).to_contain_text("Gepland op")


# -- Step 7: uitvoeren en evalueren --------------------------------------------------------


def give_score(session: BrowserSession, plan_step_url: str, goal: str, score: int) -> None:
    page = session.page
    session.visit(plan_step_url)
    planned = page.get_by_role("article").filter(has_text="Gepland op")
    form = action_form(planned, "score")
    labelled(form, "Doel").select_option(label=goal)
    labelled(form, "Cijfer (0–10)").fill(str(score))  # a number field or a range slider
    save(session, form)


def evaluate(journey: Journey) -> None:
    """R19: the mother scores both goals, Emre and the professional score the school goal,
    and the professional records the evaluation with its outcome."""
    url = journey.step_url(Step.EXECUTING)
    give_score(journey.parent, url, SCHOOL_GOAL, 8)
    give_score(journey.parent, url, CALM_GOAL, 7)
    give_score(journey.youth, url, SCHOOL_GOAL, 7)
    give_score(journey.professional, url, SCHOOL_GOAL, 8)
    page = journey.youth.page
    row = page.get_by_role("row", name=re.compile(re.escape(SCHOOL_GOAL)))
    expect(row.get_by_role("cell").nth(0)).to_have_text("7")  # Emre's column

    professional = journey.professional
    pro_page = professional.page
    planned = pro_page.get_by_role("article").filter(has_text="Gepland op")
    record = action_form(planned, "record-evaluation")
    labelled(record, "Gehouden op").fill(days_from_today(0))
    labelled(record, "Hoe gaat de samenwerking?").fill("Goed; Ayşe voelt zich gehoord.")
    labelled(record, "Tevredenheid (0–10)").fill("8")
    labelled(record, "Waarom?").fill("Emre gaat weer elke dag.")
    labelled(record, "Uitkomst").select_option(label="stoppen")
    save(professional, record)
    expect(section(pro_page, "Evaluaties")).to_contain_text("Gehouden op")


# -- Step 8: afsluiten en nazorg -----------------------------------------------------------


def add_aftercare(
    session: BrowserSession, kind: str, agreement: str, owner: str, when: str = ""
) -> None:
    page = session.page
    form = action_form(page, "aftercare")
    labelled(form, "Soort").select_option(label=kind)
    labelled(form, "Afspraak").fill(agreement)
    if when:
        labelled(form, "Wanneer").fill(when)
    labelled(form, "Wie").select_option(label=owner)
    save(session, form)
    expect(section(page, "Nazorg")).to_contain_text(agreement)


def close_with_aftercare(journey: Journey) -> None:
    """R20: the mother marks the goals reached, agrees what to do on relapse and says how
    useful the help was (issue 15); the professional plans a contact moment and closes
    the plan, saying how the help ended."""
    parent = journey.parent
    page = parent.page
    for goal in (CALM_GOAL, SCHOOL_GOAL):
        parent.visit(journey.step_url(Step.CLOSING))
        item = section(page, "Doelen").get_by_role("listitem").filter(has_text=goal)
        status = action_form(item, "goal-status")
        labelled(status, "Status").select_option(label="bereikt")
        labelled(status, "Waarom?").fill("Gelukt.")
        save(parent, status)  # back on step 8, where the goal now shows as reached
        assert page.url.endswith(journey.step_url(Step.CLOSING))
        reached = section(page, "Doelen").get_by_role("listitem").filter(has_text=goal)
        expect(reached).to_contain_text("bereikt")
    add_aftercare(
        parent,
        "wat te doen bij terugval",
        "Als Emre weer thuisblijft, bel ik het wijkteam.",
        f"{PARENT} ({'ouder'})",
    )

    # Issue 15: the mother says how useful the help was, and sees her own answer.
    voice = action_form(page, "closing-voice")
    labelled(voice, "8").check()
    labelled(voice, "een beetje").check()
    save(parent, voice)
    expect(section(page, "Wat vond u van de hulp?")).to_contain_text("8 van de 10")

    professional = journey.professional
    pro_page = professional.page
    professional.visit(journey.step_url(Step.CLOSING))
    add_aftercare(
        professional,
        "contactmoment",
        "Het wijkteam belt Ayşe om te horen hoe het gaat.",
        f"{WIJKTEAM_WORKER} ({'verwijzer'})",
        when=days_from_today(42),
    )
    close = action_form(pro_page, "close")
    labelled(close, "Hoe is de hulp afgerond?").fill("De doelen zijn bereikt.")
    labelled(close, "zoals afgesproken").check()
    labelled(close, "nee").check()  # no follow-up help
    labelled(close, "Ja, sluit het plan af. Daarna kan er niets meer bij.").check()
    save(professional, close, "Plan afsluiten")
    expect(told(pro_page, "Het plan is afgesloten.")).to_be_visible()


def test_r3_professional_opens_a_plan_and_walks_it_from_step_1_to_step_8(
    desktop: BrowserSession, open_window: Callable[[dict[str, int]], BrowserSession]
) -> None:
    """Issue 5, "Done when": a professional walks a new plan from step 1 to step 8. The
    professional opens the plan from the home page and moves it on with the step form;
    everything a step needs first is typed into the pages by whoever's part it is: the
    professional, the mother and Emre (invited with single-use links), and a care
    provider the mother lets in."""
    wijkteam_worker, care_provider = professional_accounts()
    journey = Journey(
        professional=desktop,
        parent=open_window(DESKTOP),
        youth=open_window(PHONE),
        care_provider=open_window(DESKTOP),
    )

    open_a_new_plan(journey, wijkteam_worker)
    parent_link, youth_link = get_to_know_the_family(journey)
    family_joins_and_approves_the_professionals(journey, parent_link, youth_link)
    move_to(journey, Step.REQUEST)
    family_tells_its_story_and_wishes(journey)
    move_to(journey, Step.ANALYSIS)
    analyse_together(journey)
    move_to(journey, Step.GOALS)
    family_sets_and_orders_its_goals(journey)
    move_to(journey, Step.OWN_STRENGTH)
    own_strength_and_family_group_plan(journey)
    move_to(journey, Step.DECIDING)
    decide_on_help(journey, care_provider)
    move_to(journey, Step.EXECUTING)
    evaluate(journey)
    move_to(journey, Step.CLOSING)
    close_with_aftercare(journey)

    plan = Plan.objects.get(family__name=FAMILY)
    assert (plan.step, plan.status) == (Step.CLOSING, PlanStatus.CLOSED)
    assert (plan.help_ending, plan.follow_up_help) == (HelpEnding.AS_AGREED, False)
    voice = ClosingVoice.objects.get(plan=plan)  # issue 15: the mother's own answer
    assert (voice.created_by.display_name, voice.usefulness, voice.going_on) == (
        PARENT,
        8,
        "partly",
    )
    # The family's parts were done by the family, in their own accounts.
    story = FamilyStory.objects.get(plan=plan)
    assert story.updated_by is not None and story.updated_by.display_name == PARENT
    decision = Decision.objects.get(plan=plan)
    assert decision.provider_chosen_by is not None
    assert decision.provider_chosen_by.display_name == PARENT
    assert [a.participant.display_name for a in decision.agreements.all()] == [PARENT]
    assert {g.created_by.display_name for g in Goal.objects.filter(plan=plan)} == {PARENT}
