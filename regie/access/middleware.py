"""A web request refused too often (A5) gets the Dutch 429 page, wherever in a view the
policy raised it: plan pages, htmx fragments, downloads, the family's log."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from regie.access.refusals import TooManyRefusals


class RefusalThrottleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, TooManyRefusals):
            return None
        response = render(
            request,
            "access/too_many_refusals.html",
            {"minutes": settings.REGIE_REFUSALS_WINDOW_MINUTES},
            status=429,
        )
        response["Retry-After"] = str(exception.retry_after)
        return response
