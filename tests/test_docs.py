"""The project documents itself (issue 10): docs/architecture.md has a row for every rule
naming the file that enforces it and its tests, every path it names exists, and no link in
the README or docs/ leaves the repository."""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
RULES = [
    *(f"R{number}" for number in range(1, 23)),
    *(f"A{number}" for number in range(1, 9)),
    "A3b",
]

_RULE_CELL = re.compile(r"^(R\d+|A\d+b?)\b")
_CODE = re.compile(r"`([^`]+)`")
# Markdown links and images, [text](target "title"), and HTML href/src attributes.
_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")


def rule_table() -> dict[str, tuple[list[str], list[str]]]:
    """Rule id -> (files that enforce it, its tests), from the table's rows."""
    rows: dict[str, tuple[list[str], list[str]]] = {}
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = _RULE_CELL.match(cells[0])
        if match is None or len(cells) != 3:
            continue
        assert match.group(1) not in rows, f"{match.group(1)} has two rows"
        rows[match.group(1)] = (_CODE.findall(cells[1]), _CODE.findall(cells[2]))
    return rows


def test_design_states_every_rule() -> None:
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"**{rule} " not in design] == []


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def links(text: str) -> list[str]:
    found = _MARKDOWN_LINK.findall(text) + _REFERENCE_LINK.findall(text)
    return found + _HTML_LINK.findall(text)


def test_every_rule_has_a_row_in_the_architecture_table() -> None:
    rows = rule_table()
    assert [rule for rule in RULES if rule not in rows] == []
    assert sorted(set(rows) - set(RULES)) == []


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_names_existing_code_and_tests(rule: str) -> None:
    files, tests = rule_table().get(rule, ([], []))
    assert files, f"{rule}: no file that enforces it"
    assert tests, f"{rule}: no test"
    assert [path for path in files if not path.startswith("regie/")] == []
    assert [path for path in tests if not re.fullmatch(r"tests/.+\.py", path)] == []
    assert [path for path in files + tests if not (ROOT / path).exists()] == []


def leaving(document: Path, target: str) -> str | None:
    """Why this link leaves the repository or goes nowhere, or None if it is fine."""
    if "shared/" in target:
        return "points at the shared design folder, which is not in the repository"
    parsed = urlparse(target)
    if parsed.scheme in ("http", "https", "mailto"):
        return None
    if parsed.scheme or parsed.netloc:
        return f"unexpected scheme {parsed.scheme!r}"
    path = unquote(parsed.path)
    if not path:
        return None  # an anchor on the same page
    if path.startswith("/"):
        return "absolute path"
    resolved = (document.parent / path).resolve()
    if not resolved.is_relative_to(ROOT):
        return "climbs above the repository root"
    if not resolved.exists():
        return "points at nothing"
    return None


@pytest.mark.parametrize("document", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_link_leaves_the_repository(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    problems = [
        f"{target}: {why}"
        for target in links(text)
        if (why := leaving(document, target)) is not None
    ]
    assert problems == []


def test_the_link_check_sees_what_it_must_refuse() -> None:
    document = ROOT / "docs" / "design.md"
    assert leaving(document, "../../shared/DESIGN.md") is not None
    assert leaving(document, "../../outside.md") is not None
    assert leaving(document, "/work/shared/DESIGN.md") is not None
    assert leaving(document, "https://example.org/shared/DESIGN.md") is not None
    assert leaving(document, "architecture.md") is None
    assert leaving(document, "https://nldesignsystem.nl/") is None
    assert leaving(document, "#glossary") is None
    text = '[a](../x.md) ![b](img.png "t") <a href="y.md">y</a>\n[ref]: z.md\n'
    assert links(text) == ["../x.md", "img.png", "z.md", "y.md"]


def test_the_readme_points_at_the_design_and_the_architecture() -> None:
    readme = links((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "docs/design.md" in readme
    assert "docs/architecture.md" in readme
