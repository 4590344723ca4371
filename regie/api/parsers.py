"""The API's JSON parser: a body nested deeper than any Regie resource is refused as a
400 problem, before Python's JSON decoder runs out of stack (issue 12: every bad input
gets a 400, never a 500)."""

from collections.abc import Mapping
from typing import IO, Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from regie.api import problems

# Regie's writes are flat objects with at most a list of ids; 32 levels leave ample room.
MAX_DEPTH = 32
TOO_DEEP = (
    f"De JSON is te diep genest (meer dan {MAX_DEPTH} niveaus).",
    f"The JSON is nested too deeply (more than {MAX_DEPTH} levels).",
)


def depth(value: Any) -> int:
    """How deeply objects and lists nest in `value`, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, Mapping) else item
        if isinstance(item, Mapping | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(problems.text(TOO_DEEP)) from error
        if depth(data) > MAX_DEPTH:
            raise ParseError(problems.text(TOO_DEEP))
        return data
