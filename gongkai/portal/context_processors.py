"""Template context for every page: the site name and the large-text (适老化) mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

LARGE_TEXT_COOKIE = "gk_large_text"


def accessibility(request: HttpRequest) -> dict[str, Any]:
    return {
        "gk_site_name": settings.GONGKAI_SITE_NAME,  # not "site_name": LoginView sets that to the host
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
    }
