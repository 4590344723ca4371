"""Errors as RFC 9457 problem details (`application/problem+json`), in Dutch by default
and in English with `Accept-Language: en`. Domain messages (RuleViolation, NotAllowed)
are the Dutch sentences the services wrote; titles come from the table below."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from regie.access.refusals import TooManyRefusals
from regie.core.errors import ConflictError, RuleViolation

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://regie.example.nl/problemen/"

# status → (Dutch, English) title.
TITLES: dict[int, tuple[str, str]] = {
    400: ("Ongeldig verzoek", "Bad request"),
    401: ("Niet aangemeld", "Not authenticated"),
    403: ("Niet toegestaan", "Forbidden"),
    404: ("Niet gevonden", "Not found"),
    405: ("Methode niet toegestaan", "Method not allowed"),
    406: ("Niet aanvaardbaar", "Not acceptable"),
    412: ("Versie klopt niet meer", "Precondition failed"),
    415: ("Niet ondersteund mediatype", "Unsupported media type"),
    422: ("Regel niet gevolgd", "Rule not met"),
    428: ("Versie ontbreekt", "Precondition required"),
    429: ("Te veel verzoeken", "Too many requests"),
    500: ("Interne fout", "Internal server error"),
}
# Details of our own, where no domain message exists.
DETAILS: dict[str, tuple[str, str]] = {
    "not_found": ("Niet gevonden.", "Not found."),
    "not_authenticated": (
        "Stuur een geldige token mee: Authorization: Bearer <token>.",
        "Send a valid token: Authorization: Bearer <token>.",
    ),
    "invalid": ("Het verzoek klopt niet; zie 'errors'.", "The request is invalid; see 'errors'."),
    "if_match_required": (
        "Stuur de versie mee die u bewerkt, in de header If-Match (de ETag van het doel).",
        "Send the version you edit in the If-Match header (the goal's ETag).",
    ),
    "stale": (
        "Iemand anders heeft dit intussen gewijzigd. Haal de nieuwe versie op.",
        "Someone else changed this in the meantime. Fetch the new version.",
    ),
    "too_many_refusals": (
        "Te vaak geen toegang gekregen in korte tijd. Probeer het na Retry-After seconden opnieuw.",
        "Refused too often in a short time. Try again after Retry-After seconds.",
    ),
}
SLUGS: dict[int, str] = {
    400: "ongeldig",
    401: "niet-aangemeld",
    403: "niet-toegestaan",
    404: "niet-gevonden",
    412: "verouderde-versie",
    422: "regel",
    428: "versie-ontbreekt",
    429: "te-veel-verzoeken",
}


def english() -> bool:
    return (translation.get_language() or "nl").split("-")[0] == "en"


def text(pair: tuple[str, str]) -> str:
    return pair[1] if english() else pair[0]


def title(code: int) -> str:
    return text(TITLES.get(code, ("Fout", "Error")))


def problem(
    code: int,
    detail: str,
    *,
    instance: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    body: dict[str, Any] = {
        "type": TYPE_BASE + SLUGS.get(code, str(code)),
        "title": title(code),
        "status": code,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    response = Response(body, status=code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)
    return response


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The API views' exception handler (set per view, not globally)."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, Http404 | exceptions.NotFound):
        # One answer for "does not exist" and "not yours" (A1).
        return problem(404, text(DETAILS["not_found"]), instance=instance)
    if isinstance(exc, TooManyRefusals):
        # Before PermissionDenied, its base class (A5: no more rows in a family's log).
        return problem(
            429,
            text(DETAILS["too_many_refusals"]),
            instance=instance,
            headers={"Retry-After": str(exc.retry_after)},
        )
    if isinstance(exc, RuleViolation):
        set_rollback()
        fields: dict[str, Any] = {"field": exc.field} if exc.field else {}
        return problem(422, exc.message, instance=instance, rule=exc.rule, **fields)
    if isinstance(exc, ConflictError):
        set_rollback()
        return problem(412, text(DETAILS["stale"]), instance=instance)
    if isinstance(exc, PermissionDenied):
        set_rollback()
        return problem(403, str(exc) or title(403), instance=instance)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        header = context["view"].get_authenticate_header(request) if request is not None else None
        return problem(
            status.HTTP_401_UNAUTHORIZED,
            text(DETAILS["not_authenticated"]),
            instance=instance,
            headers={"WWW-Authenticate": header} if header else None,
        )
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, text(DETAILS["invalid"]), instance=instance, errors=exc.detail)
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return problem(exc.status_code, str(detail), instance=instance, headers=headers or None)
    return None
