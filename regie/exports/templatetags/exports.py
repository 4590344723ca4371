"""Small helpers for the export templates."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def label(labels: dict[str, str], key: str) -> str:
    """`labels|label:key`: the plain-language name of a score group."""
    return labels.get(key, key)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
