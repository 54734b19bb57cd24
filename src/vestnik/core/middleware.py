"""Middleware of our own: public answers without cookies, and Django's LocaleMiddleware
minus one redirect that is wrong outside the editions."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

# A view sets this attribute on a response that must carry no cookie though it is not
# public (the view beacon: ``no-store``, called from every cached page).
NO_COOKIES = "vestnik_no_cookies"


def no_cookies_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Drop every cookie from a response that shared caches may keep (``Cache-Control:
    public``) or that a view marked with ``NO_COOKIES``.

    Django's session middleware deletes a malformed session cookie and its CSRF middleware
    replaces a malformed CSRF cookie, each with a ``Set-Cookie`` on any response: on a
    cached feed, sitemap or API answer that cookie would be handed to every reader. This
    middleware sits outside those two, so it sees what they added.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if getattr(response, NO_COOKIES, False) or "public" in response.get("Cache-Control", ""):
            response.cookies.clear()
        return response

    return middleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's middleware answers a 404 without a language prefix with a redirect to the
    same path under one whenever that path resolves, and Wagtail's catch-all route
    resolves every path: a missing article of the API (``/api/v1/articles/9``) would
    become a 302 to an HTML page. Paths in ``VESTNIK_UNPREFIXED_PATHS`` keep their
    answer; an error's language (from Accept-Language) goes in its headers.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.VESTNIK_UNPREFIXED_PATHS)):
            # Only error messages are in the reader's language; a 200 (the same for all)
            # must not split shared caches by Accept-Language.
            if response.status_code >= 400:
                patch_vary_headers(response, ("Accept-Language",))
                response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
