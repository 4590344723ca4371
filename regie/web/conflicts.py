"""The conflict screen (issue 5): someone else saved a versioned record after this person
opened the form. Nothing is silently overwritten and nothing typed is lost: the form
comes back with their input, the version they now see, and only the fields that differ
(issue 14): a short value as "saved now" above "what you wrote", a long text as the words
that differ, struck through (only saved now) or underlined (only yours), with a little of
the text around them. They choose: save theirs anyway (with the new version, so a writer
who saved in the meantime is again not overwritten), keep the saved version, or merge
both by hand in the form."""

import dataclasses
import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.http import QueryDict
from django.utils import formats

from regie.plans.models import Participant, Revision
from regie.web.forms import PlanForm

NOT_COMPARED = {"expected_version", "confirm"}
LONG = 80  # characters: from here (or with a line break) a text is shown as its differences
AROUND = 6  # words of unchanged text kept on each side of a difference
GLUE = 2  # changes at most this many words apart are shown as one
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    """A part of a long text: the same in both, only saved now ("gone"), only in what the
    person wrote ("new"), or unchanged text left out ("skip")."""

    kind: Literal["same", "gone", "new", "skip"]
    text: str


@dataclass(frozen=True)
class ConflictRow:
    label: str
    saved: str
    yours: str
    pieces: list[Piece] = dataclasses.field(default_factory=list)  # only for a long text


def differences(saved: str, yours: str) -> list[Piece]:
    """The two texts word by word, with the words that differ marked and long unchanged
    stretches shortened to a few words around each difference. Changes only a word or two
    apart read as one: "Opa komt" → "En Noa slaapt", not word against word."""
    old, new = _TOKENS.findall(saved), _TOKENS.findall(yours)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    pieces: list[Piece] = []
    gone: list[str] = []
    added: list[str] = []

    def flush() -> None:
        # Spaces stand between the parts, not inside the marks.
        if "".join(gone).strip():
            pieces.extend([Piece("gone", "".join(gone).strip()), Piece("same", " ")])
        if "".join(added).strip():
            pieces.extend([Piece("new", "".join(added).strip()), Piece("same", " ")])
        gone.clear()
        added.clear()

    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        first, last = index == 0, index == len(opcodes) - 1
        if tag == "equal":
            words = sum(not token.isspace() for token in old[i1:i2])
            if (gone or added) and not last and words <= GLUE:
                gone.extend(old[i1:i2])  # a word or two between changes joins them
                added.extend(new[j1:j2])
                continue
            flush()
            pieces.extend(_around(old[i1:i2], first=first, last=last))
        else:
            gone.extend(old[i1:i2])
            added.extend(new[j1:j2])
    flush()
    return pieces[:-1] if pieces[-1:] == [Piece("same", " ")] else pieces


def _around(tokens: list[str], *, first: bool, last: bool) -> list[Piece]:
    """Unchanged text: whole when short, else only the words next to a difference."""
    words = [i for i, token in enumerate(tokens) if not token.isspace()]
    keep_head = 0 if first else AROUND
    keep_tail = 0 if last else AROUND
    if len(words) <= keep_head + keep_tail + 2:
        return [Piece("same", "".join(tokens))]
    pieces = []
    if keep_head:
        pieces.append(Piece("same", "".join(tokens[: words[keep_head - 1] + 1])))
    pieces.append(Piece("skip", "…"))
    if keep_tail:
        pieces.append(Piece("same", " " + "".join(tokens[words[-keep_tail] :])))
    return pieces


@dataclass(frozen=True)
class Conflict:
    rows: list[ConflictRow]
    saved_by: str  # "" when the record does not say who saved it
    saved_at: datetime.datetime | None
    keep_url: str  # the page again, without the person's input


def show_conflict(form: PlanForm, *, keep_url: str) -> bool:
    """Give a validated form that lost a compare-and-set the conflict it ran into, and
    the current version as its `expected_version`. False: the form edits no versioned
    record, so there is nothing to compare."""
    record = form.versioned_record()
    if record is None:
        return False
    saved = type(record)._default_manager.get(pk=record.pk)
    rows = []
    for name, field in form.fields.items():
        attribute = form.saved_as.get(name, name)
        if name in NOT_COMPARED or name == form.record_field or not hasattr(saved, attribute):
            continue
        now = _shown(field, getattr(saved, attribute))
        yours = _shown(field, form.cleaned_data[name])
        if now != yours:
            long = max(len(now), len(yours)) >= LONG or "\n" in now + yours
            pieces = differences(now, yours) if long else []
            rows.append(ConflictRow(str(field.label or name), now, yours, pieces))
    last = (
        Revision.objects.filter(record_type=saved._meta.label, record_id=saved.pk)
        .select_related("changed_by__person", "changed_by__user")
        .order_by("-version")
        .first()
    )
    author: Participant | None
    when: datetime.datetime | None
    if last is not None:  # every edit through the services keeps a Revision
        author, when = last.changed_by, last.changed_at
    elif saved.version == 1:  # written for the first time while this form was open
        author, when = getattr(saved, "created_by", None), getattr(saved, "created_at", None)
    else:
        author, when = None, None
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["expected_version"] = str(saved.version)
    form.data = data  # the form is shown again, and a save now names the new version
    form.conflict = Conflict(
        rows=rows,
        saved_by=author.display_name if author is not None else "",
        saved_at=when,
        keep_url=keep_url,
    )
    return True


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the person reads it: the label of a choice, a Dutch date, '—' for empty."""
    if value is None or value == "":
        return "—"
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        labels = {str(key): label for key, label in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, datetime.date):
        return str(formats.date_format(value, "j F Y"))
    return str(value).strip() or "—"
