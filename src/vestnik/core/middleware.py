"""Django's LocaleMiddleware, minus one redirect that is wrong outside the editions."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's middleware answers a 404 without a language prefix with a redirect to the
    same path under one whenever that path resolves, and Wagtail's catch-all route
    resolves every path: a missing article of the API (``/api/v1/articles/9``) would
    become a 302 to an HTML page. Paths in ``VESTNIK_UNPREFIXED_PATHS`` keep their
    answer; the language (from Accept-Language) still goes in the headers.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.VESTNIK_UNPREFIXED_PATHS)):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
