"""Request-wide context: the ``Actor`` of the request is made available as ``request.actor``."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gongkai.core.context import Actor


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = Actor.from_request(request)  # type: ignore[attr-defined]
        return self.get_response(request)
