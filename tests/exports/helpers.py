"""Helpers for the export tests: walking FHIR references."""

from collections.abc import Iterator
from typing import Any


def references(node: Any) -> Iterator[str]:
    """Every `reference` string anywhere in a FHIR JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)
