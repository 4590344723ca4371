"""Shared SVG primitives: colours, number and text formatting, lines and the document."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1f2933"
MUTED = "#5b6673"
CONFLICT = "#b3261e"
CLOSE = "#1d6b2f"
HOUSEHOLD = "#dde7f3"
RING = "#c3ccd8"
FONT = 'font-family="system-ui, sans-serif"'
# A white edge around text keeps it readable where a line runs behind it.
HALO = 'paint-order="stroke" stroke="#ffffff" stroke-width="4" stroke-linejoin="round"'

Point = tuple[float, float]


def esc(text: object) -> str:
    """Text escaped for use in SVG markup, inside an element or an attribute value."""
    return str(escape(str(text)))


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, lines: int) -> list[str]:
    """Split `text` over at most `lines` lines of about `width` characters."""
    words, out, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], short(" ".join(out[lines - 1 :]), width)]
    return [short(line, width + 2) for line in out]


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros: short markup."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line(x1: float, y1: float, x2: float, y2: float, extra: str = "") -> str:
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{INK}" stroke-width="2"{extra}/>'
    )


def path_d(points: Sequence[Point]) -> str:
    return "".join(
        f"{'M' if index == 0 else 'L'}{num(x)} {num(y)}" for index, (x, y) in enumerate(points)
    )


def document(
    width: float, height: float, name: str, title: str, desc: str, body: str
) -> SafeString:
    """The <svg> element around `body`, named for screen readers by its title and desc."""
    # Wider than a phone can show readably: on a phone it keeps its size and scrolls sideways.
    wide = " wide" if width > 520 else ""
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{name}{wide}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc" width="{num(width)}" '
        f'height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}">'
        f'<title id="{name}-title">{esc(title)}</title><desc id="{name}-desc">{esc(desc)}</desc>'
        f"{body}</svg>"
    )
    # Safe: every text and attribute value above went through escape(); the rest is our
    # own markup.
    return mark_safe(markup)  # noqa: S308  # nosec B308, B703
