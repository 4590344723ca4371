"""The genogram's legend: a sample of every symbol and line with what it means."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from regie.families.models import Gender, RelationKind

from .svg import FONT, HOUSEHOLD, INK, esc, num
from .symbols import shape
from .ties import close_lines, partner_line, zigzag

COLUMN = 200


def _sample(kind: str) -> str:
    """The sample for one legend item, drawn around y=0."""
    y0 = 0.0
    if kind in (Gender.MALE, Gender.FEMALE, Gender.OTHER):
        return shape(kind, 12, y0, 9, f'fill="#ffffff" stroke="{INK}" stroke-width="2"')
    if kind == "deceased":
        return shape(Gender.MALE, 12, y0, 9, f'fill="#ffffff" stroke="{INK}" stroke-width="2"') + (
            f'<path d="M3 {num(y0 - 9)}L21 {num(y0 + 9)}M21 {num(y0 - 9)}L3 {num(y0 + 9)}" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
    if kind == "index":
        return shape(
            Gender.FEMALE, 12, y0, 8, f'fill="#ffffff" stroke="{INK}" stroke-width="2"'
        ) + shape(Gender.FEMALE, 12, y0, 12, f'fill="none" stroke="{INK}" stroke-width="2"')
    if kind == "household":
        return shape(
            Gender.FEMALE, 12, y0, 9, f'fill="{HOUSEHOLD}" stroke="{INK}" stroke-width="2"'
        )
    if kind == "conflict":
        return zigzag([(0, y0), (28, y0)])
    if kind == "close":
        return close_lines([(0, y0), (28, y0)], 2)
    if kind == "very-close":
        return close_lines([(0, y0), (28, y0)], 3)
    return partner_line(kind, 0, 28, y0, slash_x=14)


def _items() -> list[tuple[str, str]]:
    return [
        (Gender.MALE, _("man")),
        (Gender.FEMALE, _("vrouw")),
        (Gender.OTHER, _("anders of onbekend")),
        ("deceased", _("overleden")),
        ("index", _("kind om wie het gaat")),
        ("household", _("woont in het gezin")),
        (RelationKind.MARRIED, _("getrouwd")),
        (RelationKind.COHABITING, _("samenwonend")),
        (RelationKind.DIVORCED, _("gescheiden")),
        (RelationKind.SEPARATED, _("uit elkaar")),
        ("conflict", _("spanning of conflict")),
        ("close", _("dichtbij")),
        ("very-close", _("heel dichtbij")),
    ]


def legend(width: float, top: float) -> tuple[str, float]:
    """The legend in as many columns as fit the width, and the height it takes."""
    items = _items()
    columns = max(1, int((width - 2 * 20) // COLUMN))
    title = esc(_("Legenda"))  # outside the f-string, where makemessages finds it
    out = [
        f'<g class="legend"><text x="20" y="{num(top)}" font-size="13" font-weight="600" '
        f'fill="{INK}" {FONT}>{title}</text>'
    ]
    for index, (kind, text) in enumerate(items):
        cx = 20 + (index % columns) * COLUMN
        cy = top + 24 + (index // columns) * 28
        # Samples are drawn around y=0 and moved into place.
        out.append(
            f'<g transform="translate({num(cx)} {num(cy)})">{_sample(kind)}'
            f'<text x="38" y="5" font-size="13" fill="{INK}" {FONT}>{esc(text)}</text></g>'
        )
    out.append("</g>")
    rows = math.ceil(len(items) / columns)
    return "".join(out), 24 + rows * 28
