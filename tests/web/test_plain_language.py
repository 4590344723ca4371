"""Plain Dutch for families (issue 14, B1): no jargon, no rule codes, one form of address
per text, "U hebt" throughout, dates in one format, no "---------" as an empty choice, and
helper texts a family can read (Flesch-Douma ≥ 60 on average).

Which text is family-facing (decided here, so the test and the reader agree):
- every template under regie/web/templates/ (plan pages, steps, forms, errors), the "who
  looked" page (access/plan_log.html), the exports (PDF and youth version), the
  notifications list and the account pages a family member uses (login help, password,
  account changes, lockout), except the pages in NOT_FAMILY_FACING;
- every message (gettext msgid) used in one of those templates or in Python that builds
  what families see: regie/web (forms, pages, views), regie/plans (services' messages,
  the workflow table, model choices), regie/core (validation and conflict messages),
  regie/accounts (login, password, account changes), regie/notifications, regie/exports
  and the "who looked" sentences (access/events.py), except the files in NOT_FAMILY_CODE.

The jargon list is the one the writing hint uses (`regie.web.readability.JARGON`): one list
for what professionals write and for what the app itself says."""

import re
from pathlib import Path

import pytest
from django import forms as django_forms

from regie.plans.workflow import STEPS
from regie.web import forms
from regie.web.readability import JARGON, find_jargon, flesch_douma
from tests.personas import Cast, build_cast
from tests.web.test_i18n import Entry, messages

ROOT = Path(__file__).resolve().parents[2] / "regie"
FAMILY_TEMPLATES = [
    "web/templates/**/*.html",
    "access/templates/access/plan_log.html",
    "exports/templates/**/*.html",
    "notifications/templates/**/*.html",
    "accounts/templates/accounts/account_change.html",
    "accounts/templates/accounts/lockout.html",
    "accounts/templates/accounts/password_*",
    "accounts/templates/accounts/new_account_*.txt",
]
# Seen only by professionals, the privacy officer or the administrator.
NOT_FAMILY_FACING = {
    "web/templates/web/destruction_requests.html": "the privacy officer handles requests",
    "web/templates/web/_readability_hint.html": "the hint for a professional who writes",
    "web/templates/web/floor.html": "the overview for the professional at the table",
}
# Python whose messages families read; the other Python (admin, commands, the privacy
# officer's and administrator's pages, settings) speaks to professionals.
FAMILY_CODE = (
    "web/",
    "plans/",
    "core/",
    "notifications/",
    "exports/",
    "access/events.py",
    "accounts/",
)
NOT_FAMILY_CODE = (
    "web/caseload.py",  # a professional's caseload
    "web/forms/account.py",  # OpenPlanForm: a professional opens a plan
    "web/forms/retention.py",  # HandleDestructionForm: the privacy officer
    "web/management/",
    "plans/management/",
    "plans/admin.py",
    "plans/apps.py",
    "web/apps.py",
    "accounts/models.py",  # field names and help texts of the admin
    "accounts/admin.py",
)

MIXED = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.I)
FORMAL = re.compile(r"\b(u|uw|uzelf)\b", re.I)
RULE_CODE = re.compile(r"\b[RA]\d{1,2}[a-z]?\b")
U_HEEFT = re.compile(r"\bu heeft\b", re.I)
# The two date formats of the app: a day, and a day with the time; the privacy officer's
# pages read the access log to the second, as an investigation needs.
DATE_FORMATS = {'"j F Y"', '"j F Y, H:i"'}
LOG_DATE_FORMAT = '"j F Y, H:i:s"'

DATE_FILTER = re.compile(r"\|date:(\"[^\"]*\"|'[^']*')")


def _family_templates() -> list[Path]:
    found = {path for pattern in FAMILY_TEMPLATES for path in ROOT.glob(pattern)}
    return sorted(p for p in found if str(p.relative_to(ROOT)) not in NOT_FAMILY_FACING)


def visible_text(source: str) -> str:
    """What a template shows: its texts without comments, template syntax or markup (the
    strings of {% translate %} and _("…") are kept, and so are titles and labels)."""
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    text = re.sub(r"{#.*?#}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    kept = re.findall(r"""_\((["'])(.*?)\1\)""", text)
    text = re.sub(
        r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1[^%]*%}""", lambda m: m.group(2), text
    )
    text = re.sub(r"{%.*?%}|{{.*?}}", " ", text, flags=re.S)
    attributes = re.findall(r'(?:title|aria-label|alt|placeholder)="([^"]*)"', text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join([text, *(k for _, k in kept), *attributes])


def _family_messages() -> list[Entry]:
    templates = {str(path.relative_to(ROOT)) for path in _family_templates()}

    def family(reference: str) -> bool:
        # makemessages names files from where it ran: "regie/web/…" or "web/…"
        path = reference.rsplit(":", 1)[0].removeprefix("regie/")
        if "/templates/" in path:
            return path in templates
        return path.startswith(FAMILY_CODE) and not path.startswith(NOT_FAMILY_CODE)

    return [e for e in messages() if any(family(r) for r in e.references)]


def _problems(text: str) -> list[str]:
    found = [f"jargon {word!r} (say: {plain})" for word, plain in find_jargon(text)]
    found += [f"rule code {code!r}" for code in RULE_CODE.findall(text)]
    found += ["'U heeft' (say: U hebt)" for _ in U_HEEFT.findall(text)]
    if "---------" in text:
        found.append("'---------' as an empty choice (say: Kies …)")
    return found


def test_issue14_the_jargon_list_holds_the_words_families_did_not_understand() -> None:
    for phrase in (
        "Probleem- en krachtenanalyse",
        "Samenhangend beeld",
        "Standpunt geven",
        "Gezag",
        "Kader",
        "klachtenfunctionaris",
        "HL7 FHIR",
        "inzage volgens de AVG",
        "Wabvpz artikel 15e",
    ):
        assert find_jargon(phrase), f"{phrase!r} is not on the jargon list"
    assert all(not _problems(plain) for plain in JARGON.values()), "a plain word is jargon"


@pytest.mark.parametrize("template", _family_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_issue14_family_templates_speak_plain_dutch(template: Path) -> None:
    text = visible_text(template.read_text(encoding="utf-8"))
    problems = _problems(text)
    assert not problems, f"{template.relative_to(ROOT)}: " + "; ".join(problems)


def test_issue14_family_messages_speak_plain_dutch_in_one_form_of_address() -> None:
    failures = []
    for entry in _family_messages():
        for text in filter(None, (entry.msgid, entry.msgid_plural)):
            problems = _problems(text)
            if FORMAL.search(text) and MIXED.search(text):
                problems.append("'u' and 'je/jullie' in one text")
            if problems:
                failures.append(f"{text[:70]!r} ({entry.references[0]}): " + "; ".join(problems))
    assert not failures, f"{len(failures)} messages:\n" + "\n".join(failures)


def test_issue14_dates_have_one_format_in_every_template() -> None:
    """'3 december 2026' and '3 december 2026, 14:05', never '3-12-2026' or '3 dec 2026'."""
    odd = [
        f"{path.relative_to(ROOT)}: {found}"
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        for found in DATE_FILTER.findall(path.read_text(encoding="utf-8"))
        if found.replace("'", '"') not in DATE_FORMATS
        and not (path.name.startswith("privacy_") and found.replace("'", '"') == LOG_DATE_FORMAT)
    ]
    assert not odd, "\n".join(odd)


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _plan_forms(cast: Cast) -> list[django_forms.Form]:
    return [
        form_class(plan=cast.plan, me=cast.parent)
        for name in forms.__all__
        if isinstance(form_class := getattr(forms, name), type)
        and issubclass(form_class, forms.PlanForm)
    ]


def test_issue14_no_empty_choice_is_a_row_of_dashes(cast: Cast) -> None:
    for form in _plan_forms(cast):
        for name, field in form.fields.items():
            labels = [str(label) for _, label in getattr(field, "choices", [])]
            assert "---------" not in labels, f"{type(form).__name__}.{name}"


def test_issue14_helper_texts_read_easily_on_average(cast: Cast) -> None:
    """Flesch-Douma of the help texts of the plan forms, the explanations of the steps and
    the explaining paragraphs (class "muted" or "explain") of the family pages: ≥ 60."""
    texts = [
        str(field.help_text)
        for form in _plan_forms(cast)
        for field in form.fields.values()
        if field.help_text
    ]
    texts += [str(part) for info in STEPS.values() for part in (info.what, info.why)]
    for template in _family_templates():
        source = template.read_text(encoding="utf-8")
        for paragraph in re.findall(
            r'<p class="[^"]*\b(?:muted|explain)\b[^"]*">(.*?)</p>', source, re.S
        ):
            text = visible_text(paragraph).strip()
            if len(text.split()) >= 4:
                texts.append(text)
    scores = [flesch_douma(text) for text in set(texts)]
    average = sum(scores) / len(scores)
    print(f"Flesch-Douma of {len(scores)} helper texts: {average:.1f} on average")
    hardest = sorted(zip(scores, texts, strict=True))[:5]
    assert average >= 60, f"{average:.1f}; hardest: {hardest}"


def test_issue14_an_empty_wish_is_asked_for_in_the_readers_own_words(cast: Cast) -> None:
    """'Schrijf eerst je wens op' for a youth, 'uw wens' for a parent, 'de wens' for a
    professional who writes a family member's wish down; never 'Dit veld is vereist.'"""
    said = {}
    for who, me in (
        ("youth", cast.youth13),
        ("parent", cast.parent),
        ("professional", cast.wijkteam_worker),
    ):
        form = forms.WishForm({"text": ""}, plan=cast.plan, me=me)
        assert not form.is_valid()
        said[who] = form.errors["text"]
    assert said == {
        "youth": ["Schrijf eerst je wens op."],
        "parent": ["Schrijf eerst uw wens op."],
        "professional": ["Schrijf eerst de wens op."],
    }
