"""Dutch by default, English as second language (issue 5; DESIGN.md "the UI speaks Dutch
(English as second language)"). The English catalogue in regie/locale is complete, has
no fuzzy or empty entries, keeps every placeholder, and the committed .mo is the compiled
.po, so a machine without gettext still shows English. The language switch (Django's
`set_language`) works for everyone and follows no `next` to another host.

None of these tests needs GNU gettext: the .po and .mo are read here with the standard
library. Adding or changing a Dutch text (needs gettext on the developer's machine):

    .venv/bin/python manage.py makemessages -l en --no-obsolete \
        --ignore=.venv --ignore=frontend --ignore=node_modules --ignore=staticfiles
    msgattrib --untranslated regie/locale/en/LC_MESSAGES/django.po   # needs English
    msgattrib --only-fuzzy regie/locale/en/LC_MESSAGES/django.po     # guesses to check
    (write the English, drop the "#, fuzzy" flags and "#|" lines)
    .venv/bin/python manage.py compilemessages -l en \
        --ignore=.venv --ignore=frontend --ignore=node_modules
"""

import ast
import gettext
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from regie.exports import pdf
from tests.access.test_authorization_matrix import World, world
from tests.accounts.helpers import confirmed_device
from tests.personas import Cast
from tests.web.matrix import check_everyone_can_switch_language

__all__ = ["world"]

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "regie" / "locale" / "en" / "LC_MESSAGES"
PO, MO = CATALOGUE / "django.po", CATALOGUE / "django.mo"


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    """Requests here activate English in this thread; later tests expect Dutch."""
    yield
    translation.deactivate()


# --- a small reader for the .po file ------------------------------------------------


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0
    references: list[str] = field(default_factory=list)  # "regie/web/views.py:12"


_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(text: str) -> str:
    value = ast.literal_eval(text)
    assert isinstance(value, str)
    return value


def read_po(path: Path = PO) -> list[Entry]:
    entries: list[Entry] = []
    for number, block in _blocks(path.read_text(encoding="utf-8")):
        entry, current = Entry(line=number), ""
        for line in block:
            if line.startswith("#~"):
                entry.obsolete = True
            elif line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#:"):
                entry.references += line[2:].split()
            elif line.startswith("#"):
                continue
            elif match := _FIELD.match(line):
                current = match.group(1)
                _append(entry, current, match.group(2), _unquote(match.group(3)))
            elif line.startswith('"'):
                plural_index = re.search(r"\[(\d+)\]", current)
                index = plural_index.group(1) if plural_index else None
                _append(entry, current, index, _unquote(line))
            else:
                raise AssertionError(f"{path.name}:{number}: cannot read {line!r}")
        entries.append(entry)
    return entries


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    block: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _append(entry: Entry, name: str, index: str | None, text: str) -> None:
    if name == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif name == "msgid":
        entry.msgid += text
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif name.startswith("msgstr"):
        key = int(index) if index is not None else 0
        entry.msgstr[key] = entry.msgstr.get(key, "") + text


def messages() -> list[Entry]:
    return [entry for entry in read_po() if entry.msgid and not entry.obsolete]


def header() -> dict[str, str]:
    first = read_po()[0]
    assert first.msgid == "", "the .po starts with its header"
    lines = first.msgstr[0].splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def read_mo(path: Path = MO) -> dict[str, str]:
    """The raw table of a GNU .mo file: msgid (plural forms joined by NUL) → msgstr."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])

    def strings(table_at: int) -> list[str]:
        found = []
        for i in range(count):
            length, offset = struct.unpack_from(order + "2I", data, table_at + 8 * i)
            found.append(data[offset : offset + length].decode())
        return found

    return dict(zip(strings(originals), strings(translations), strict=True))


# --- (a) every message has an English text ------------------------------------------


def test_the_english_catalogue_has_no_empty_or_fuzzy_entries() -> None:
    entries = messages()
    assert len(entries) > 1000
    empty = [e.msgid for e in entries if not all(e.msgstr.get(i) for i in _forms(e))]
    fuzzy = [e.msgid for e in read_po() if "fuzzy" in e.flags]
    obsolete = [e.line for e in read_po() if e.obsolete]
    assert not empty, f"translate these in {PO.name}: {empty}"
    assert not fuzzy, f"check and unmark these fuzzy entries: {fuzzy}"
    assert not obsolete, f"remove the obsolete (#~) entries at lines {obsolete}"


def test_the_header_names_english_with_two_plural_forms() -> None:
    fields = header()
    assert fields["Language"] == "en"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def _forms(entry: Entry) -> tuple[int, ...]:
    return (0, 1) if entry.msgid_plural is not None else (0,)


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}|</?[a-z][^>]*>")


def test_translations_keep_every_placeholder_and_html_tag() -> None:
    """A lost %(name)s breaks the page at run time; a lost tag breaks the markup."""
    wrong = []
    for entry in messages():
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for index in _forms(entry):
            source = sources[index]
            target = entry.msgstr[index]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                wrong.append((entry.msgid, target))
            if source.startswith("\n") != target.startswith("\n"):
                wrong.append((entry.msgid, target))
            if source.endswith("\n") != target.endswith("\n"):
                wrong.append((entry.msgid, target))
    assert not wrong, wrong


# --- (b) the committed .mo is the compiled .po --------------------------------------


def test_the_committed_mo_matches_the_po() -> None:
    """`make run` on a machine without gettext uses the committed .mo: it must hold
    exactly what the .po says (run `manage.py compilemessages -l en` after editing)."""
    table = read_mo()
    expected = {}
    for entry in messages():
        context = f"{entry.msgctxt}\x04" if entry.msgctxt is not None else ""
        if entry.msgid_plural is not None:
            key = f"{context}{entry.msgid}\0{entry.msgid_plural}"
            expected[key] = "\0".join(entry.msgstr[i] for i in sorted(entry.msgstr))
        else:
            expected[context + entry.msgid] = entry.msgstr[0]
    table.pop("", None)
    assert set(table) == set(expected), {
        "only in the .mo": sorted(set(table) - set(expected))[:10],
        "only in the .po": sorted(set(expected) - set(table))[:10],
    }
    differing = [key for key in expected if table[key] != expected[key]]
    assert not differing, f"recompile: these differ between .po and .mo: {differing[:10]}"

    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in messages():
        ctxt, msgid, plural = entry.msgctxt, entry.msgid, entry.msgid_plural
        if plural is not None:
            for n, form in ((1, 0), (2, 1)):
                found = (
                    compiled.npgettext(ctxt, msgid, plural, n)
                    if ctxt is not None
                    else compiled.ngettext(msgid, plural, n)
                )
                assert found == entry.msgstr[form]
        elif ctxt is not None:
            assert compiled.pgettext(ctxt, msgid) == entry.msgstr[0]
        else:
            assert compiled.gettext(msgid) == entry.msgstr[0]


# --- (c) every wrapped string of the source is in the catalogue ---------------------

TRANSLATION_FUNCTIONS = {
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "gettext_noop",
}


def python_msgids(path: Path) -> Iterator[str]:
    """String literals passed to django.utils.translation's functions, under any alias."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for name in node.names:
                if name.name in TRANSLATION_FUNCTIONS:
                    aliases[name.asname or name.name] = name.name
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        function = aliases.get(node.func.id)
        if function is None:
            continue
        plural = function.startswith("ngettext")
        for argument in node.args[: 2 if plural else 1]:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield argument.value


_TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<text>(?:(?!(?P=q)).)*)(?P=q)(?P<rest>[^%]*)%\}""",
    re.DOTALL,
)
_UNDERSCORE = re.compile(r"""\b_\(\s*(?P<q>["'])(?P<text>(?:(?!(?P=q)).)*)(?P=q)\s*\)""")
_BLOCK = re.compile(
    r"\{%\s*blocktrans(?:late)?(?P<args>[^%]*)%\}(?P<body>.*?)\{%\s*endblocktrans(?:late)?\s*%\}",
    re.DOTALL,
)
_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_PLURAL = re.compile(r"\{%\s*plural\s*%\}")


def template_msgids(path: Path) -> Iterator[str]:
    """`{% translate "…" %}`, `_("…")` in tag arguments, and blocktranslate blocks that
    hold only text and plain `{{ variables }}` (others are skipped)."""
    text = path.read_text(encoding="utf-8")
    for match in _TRANSLATE_TAG.finditer(text):
        if "context" not in match.group("rest"):
            yield match.group("text")
    for match in _UNDERSCORE.finditer(text):
        yield match.group("text")
    for match in _BLOCK.finditer(text):
        args = match.group("args")
        if "context" in args:
            continue
        for part in _PLURAL.split(match.group("body")):
            if "{%" in part or _VARIABLE.sub("", part).count("{{"):
                break
            if "trimmed" in args:
                part = re.sub(r"\s*\n\s*", " ", part.strip())
            yield _VARIABLE.sub(r"%(\1)s", part.replace("%", "%%"))


def source_msgids() -> dict[str, Path]:
    found: dict[str, Path] = {}
    source = ROOT / "regie"
    for path in sorted(source.rglob("*.py")):
        if "migrations" not in path.parts:
            found.update(dict.fromkeys(python_msgids(path), path))
    for suffix in ("*.html", "*.txt"):
        for path in sorted(source.rglob(suffix)):
            if "templates" in path.parts:
                found.update(dict.fromkeys(template_msgids(path), path))
    return found


def test_every_wrapped_string_in_the_source_is_in_the_catalogue() -> None:
    """Issue 5 and DESIGN.md ("the UI speaks Dutch, English as second language"): every
    Dutch text wrapped for translation has an English text. Whoever adds a string runs
    makemessages, translates and compiles (commands in the module docstring)."""
    catalogue = {entry.msgid for entry in messages()} | {
        entry.msgid_plural for entry in messages() if entry.msgid_plural
    }
    found = source_msgids()
    assert len(found) > 1000, "the collector finds the wrapped strings"
    missing = {msgid: str(path.relative_to(ROOT)) for msgid, path in found.items()}
    missing = {msgid: path for msgid, path in missing.items() if msgid not in catalogue}
    assert not missing, f"run makemessages and translate: {missing}"


def test_no_translation_call_hides_inside_an_f_string() -> None:
    """makemessages (xgettext) reads an f-string as one string and never sees a `_()`
    inside it, so that text would stay Dutch in English. Call `_()` before the f-string."""
    hidden = []
    for path in sorted((ROOT / "regie").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in {"_", *TRANSLATION_FUNCTIONS}
                ):
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, f"move these translation calls out of their f-string: {hidden}"


# --- (d) the language switch --------------------------------------------------------


def _html_lang(body: bytes) -> str:
    match = re.search(rb'<html lang="([\w-]+)"', body)
    assert match, "the page names its language"
    return match.group(1).decode()


def test_dutch_is_the_default_without_cookie_or_accept_language(db: None) -> None:
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert _html_lang(response.content) == "nl"
    assert "Wachtwoord vergeten?" in response.text
    assert "Forgotten your password?" not in response.text


def test_an_unsupported_browser_language_falls_back_to_dutch(db: None) -> None:
    response = Client(headers={"accept-language": "de-DE,de;q=0.9"}).get(reverse("login"))
    assert _html_lang(response.content) == "nl"
    assert "Wachtwoord vergeten?" in response.text


def test_accept_language_english_shows_english(db: None) -> None:
    response = Client(headers={"accept-language": "en-GB,en;q=0.9"}).get(reverse("login"))
    assert _html_lang(response.content) == "en"
    assert "Forgotten your password?" in response.text
    assert "Wachtwoord vergeten?" not in response.text


def test_the_switch_sets_english_for_the_login_page(db: None) -> None:
    client = Client(headers={"accept-language": "nl"})
    switched = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert switched.status_code == 302
    assert switched["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("login"))
    assert _html_lang(page.content) == "en"
    assert "Log in" in page.text
    assert "Forgotten your password?" in page.text
    assert "Wachtwoord vergeten?" not in page.text

    client.post(reverse("set_language"), {"language": "nl", "next": reverse("login")})
    assert "Wachtwoord vergeten?" in client.get(reverse("login")).text


def test_the_switch_sets_english_for_the_plan_page(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.parent_user)
    plan_url = reverse("plan", args=[cast.plan.public_id])
    dutch = client.get(plan_url)
    assert dutch.status_code == 200
    assert "Stappen van het plan" in dutch.text
    assert "Kennismaken" in dutch.text

    client.post(reverse("set_language"), {"language": "en", "next": plan_url})
    english = client.get(plan_url)
    assert english.status_code == 200
    assert _html_lang(english.content) == "en"
    assert "Steps of the plan" in english.text
    assert "Getting to know each other" in english.text
    assert "Stappen van het plan" not in english.text
    step = client.get(reverse("plan-step", args=[cast.plan.public_id, 1]))
    assert "Add someone" in step.text
    # The e-mails Regie sends this parent now follow the same choice.
    cast.parent_user.refresh_from_db()
    assert cast.parent_user.language == "en"


def test_a_professional_can_switch_language_before_the_second_factor(cast: Cast) -> None:
    """The code page has the switch too: switching must work before the second factor
    (A6) is passed, and it opens nothing else."""
    client = Client()
    confirmed_device(cast.care_provider_user)
    client.force_login(cast.care_provider_user)
    code_page = reverse("two-factor-verify")
    assert client.get(code_page).status_code == 200
    switched = client.post(reverse("set_language"), {"language": "en", "next": code_page})
    assert switched.status_code == 302
    assert switched["Location"] == code_page
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert _html_lang(client.get(code_page).content) == "en"
    plan = client.get(reverse("plan", args=[cast.plan.public_id]))
    assert plan.status_code == 302 and plan["Location"].startswith(code_page)


def test_the_printed_plan_follows_the_language(cast: Cast) -> None:
    """The PDF for the family (issue 6) speaks the reader's language too."""
    today = timezone.localdate()
    dutch = pdf.render_html(cast.plan, cast.parent, today)
    assert '<html lang="nl"' in dutch and "Het plan van" in dutch
    with translation.override("en"):
        english = pdf.render_html(cast.plan, cast.parent, today)
        youth = pdf.render_html(cast.plan, cast.youth13, today, youth=True)
    assert '<html lang="en"' in english and "The plan of" in english
    assert "Het plan van" not in english
    assert "Your plan" in youth and "Jouw plan" not in youth


def test_the_language_switch_is_on_every_page(db: None) -> None:
    body = Client().get(reverse("login")).text
    assert f'action="{reverse("set_language")}"' in body
    assert 'value="en"' in body and 'value="nl"' in body


def test_everyone_can_switch_language_and_no_next_leaves_the_site(world: World) -> None:
    check_everyone_can_switch_language(world)
