"""Loading the catalogue data an administrator manages: life domain sets (R5) and the
intervention catalogue with its Databank recognition levels (R13).

The life domains and interventions are data, not code, so they are shipped as plain JSON/CSV
files and loaded idempotently; running a loader twice never duplicates anything."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Intervention, LifeDomain, LifeDomainSet, RecognitionLevel

DATA_DIR = Path(__file__).resolve().parent / "data"
LIFE_DOMAINS_PATH = DATA_DIR / "life_domains.json"
EXAMPLE_INTERVENTIONS_PATH = DATA_DIR / "interventions_example.csv"

# Columns a catalogue CSV must have; the others are optional and, when absent, leave the
# stored value of an existing intervention untouched.
REQUIRED_COLUMNS: tuple[str, ...] = ("code", "name", "recognition_level")
OPTIONAL_COLUMNS: tuple[str, ...] = ("summary", "target_group", "source_url", "is_example")

_TRUE_WORDS = frozenset({"true", "ja", "1", "yes", "waar"})
_FALSE_WORDS = frozenset({"false", "nee", "0", "no", "onwaar", ""})

# Line 1 of a CSV file is its header, so the first data row is line 2.
FIRST_DATA_LINE = 2


@dataclass
class ImportResult:
    """What an intervention import did, so the administrator can fix the rejected rows."""

    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Life domains (R5) -------------------------------------------------------------------


def load_domain_sets(path: Path | None = None) -> int:
    """Upsert the domain sets (by slug) and their domains (by set and name) from a JSON file.

    Domain order follows the position in the file. Loading a set marked as default first
    clears the flag on all other sets, so there is only ever one default. Returns the number
    of domains created (0 when nothing was new).
    """
    source = path or LIFE_DOMAINS_PATH
    with source.open(encoding="utf-8-sig") as handle:
        data: list[dict[str, Any]] = json.load(handle)

    created = 0
    with transaction.atomic():
        for set_data in data:
            slug = str(set_data["slug"])
            is_default = bool(set_data.get("is_default", False))
            if is_default:
                # Clear first: the database allows only one row with is_default=True.
                LifeDomainSet.objects.filter(is_default=True).exclude(slug=slug).update(
                    is_default=False
                )
            domain_set, _created = LifeDomainSet.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": str(set_data["name"]),
                    "description": str(set_data.get("description") or ""),
                    "score_min": set_data.get("score_min"),
                    "score_max": set_data.get("score_max"),
                    "is_default": is_default,
                },
            )
            domain_set.full_clean(validate_unique=False, validate_constraints=False)
            for position, domain_data in enumerate(set_data.get("domains", []), start=1):
                _domain, was_created = LifeDomain.objects.update_or_create(
                    domain_set=domain_set,
                    name=str(domain_data["name"]),
                    defaults={
                        "description": str(domain_data.get("description") or ""),
                        "order": position,
                    },
                )
                created += int(was_created)
    return created


def make_default_domain_set(domain_set: LifeDomainSet) -> None:
    """Make this set the default for new plans, taking the flag off the previous default."""
    with transaction.atomic():
        LifeDomainSet.objects.filter(is_default=True).exclude(pk=domain_set.pk).update(
            is_default=False
        )
        LifeDomainSet.objects.filter(pk=domain_set.pk).update(is_default=True)
    domain_set.is_default = True


# --- Intervention catalogue (R13) --------------------------------------------------------


def _cell(row: Mapping[str, str | None], column: str) -> str:
    """Stripped cell text; csv.DictReader gives None for cells missing at the end of a line."""
    value = row.get(column)
    return value.strip() if isinstance(value, str) else ""


def parse_bool(value: str) -> bool | None:
    """Read a yes/no cell as written by Dutch or English spreadsheets; None if unreadable."""
    word = value.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def _validate_row(row: Mapping[str, str | None], line: int) -> tuple[dict[str, Any], list[str]]:
    """Turn one CSV row into model field values, or Dutch error messages naming the line."""
    errors: list[str] = []
    values: dict[str, Any] = {}

    code = _cell(row, "code")
    if not code:
        errors.append(_("Regel %(line)d: de code ontbreekt.") % {"line": line})
    else:
        try:
            validate_slug(code)
        except ValidationError:
            errors.append(
                _(
                    "Regel %(line)d: de code '%(code)s' mag alleen letters, cijfers, "
                    "streepjes en liggende streepjes bevatten."
                )
                % {"line": line, "code": code}
            )
    values["code"] = code

    name = _cell(row, "name")
    if not name:
        errors.append(_("Regel %(line)d: de naam ontbreekt.") % {"line": line})
    values["name"] = name

    level = _cell(row, "recognition_level")
    allowed = [str(choice) for choice in RecognitionLevel.values]
    if level not in allowed:
        errors.append(
            _(
                "Regel %(line)d: het erkenningsniveau '%(level)s' bestaat niet. "
                "Kies uit: %(allowed)s."
            )
            % {"line": line, "level": level, "allowed": ", ".join(allowed)}
        )
    values["recognition_level"] = level

    for column in ("summary", "target_group", "source_url"):
        if column in row:
            values[column] = _cell(row, column)

    if "is_example" in row:
        is_example = parse_bool(_cell(row, "is_example"))
        if is_example is None:
            errors.append(
                _(
                    "Regel %(line)d: '%(value)s' bij is_example is geen geldige waarde. "
                    "Gebruik ja/nee, true/false of 1/0."
                )
                % {"line": line, "value": _cell(row, "is_example")}
            )
        else:
            values["is_example"] = is_example

    if not errors:
        # Let the model check what is left: field lengths and the source URL.
        candidate = Intervention(**values)
        try:
            candidate.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                for message in messages:
                    errors.append(
                        _("Regel %(line)d, kolom %(column)s: %(message)s")
                        % {"line": line, "column": field_name, "message": message}
                    )
    return values, errors


def import_interventions(
    rows: Iterable[Mapping[str, str]], *, first_line: int = FIRST_DATA_LINE
) -> ImportResult:
    """Upsert interventions by code. Rows with errors are skipped and reported, the rest are
    imported, all in one transaction. `first_line` is the line number of the first row, used
    in the error messages (line 2 of a CSV file with a header)."""
    result = ImportResult()
    with transaction.atomic():
        for line, row in enumerate(rows, start=first_line):
            values, errors = _validate_row(row, line)
            if errors:
                result.errors.extend(errors)
                continue
            code = values.pop("code")
            _intervention, was_created = Intervention.objects.update_or_create(
                code=code, defaults=values
            )
            if was_created:
                result.created += 1
            else:
                result.updated += 1
    return result


def import_interventions_csv(path: Path) -> ImportResult:
    """Import a UTF-8 catalogue CSV (a BOM from Excel is fine). A file missing a required
    column is refused as a whole, since every row would be wrong in the same way."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [name.strip() for name in (reader.fieldnames or [])]
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            return ImportResult(
                errors=[
                    _(
                        "Het bestand mist de verplichte kolom(men): %(missing)s. "
                        "Er is niets geïmporteerd."
                    )
                    % {"missing": ", ".join(missing)}
                ]
            )
        reader.fieldnames = columns
        return import_interventions(reader)


def load_example_interventions() -> ImportResult:
    """Load the shipped, invented example catalogue (every row is flagged is_example)."""
    return import_interventions_csv(EXAMPLE_INTERVENTIONS_PATH)
