"""Small helpers for the export templates."""

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.functional import Promise

register = template.Library()


@register.filter
def label(labels: Mapping[str, str | Promise], key: str) -> str | Promise:
    """`labels|label:key`: the plain-language name of a score group."""
    return labels.get(key, key)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
