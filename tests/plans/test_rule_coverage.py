"""Every rule of DESIGN.md §3 has at least one test named after it."""

import re
from pathlib import Path

RULES = [f"r{number}" for number in range(1, 23)]


def test_every_rule_r1_to_r22_has_a_test() -> None:
    source = "\n".join(path.read_text() for path in Path(__file__).parent.glob("test_*.py"))
    named = set(re.findall(r"^def test_(r\d+)_", source, flags=re.MULTILINE))
    assert [rule for rule in RULES if rule not in named] == []
