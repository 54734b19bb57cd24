"""Keep the beacon's answer free of cookies, whatever the middleware inside would add.

Django's session middleware deletes a malformed session cookie and its CSRF middleware
replaces a malformed CSRF cookie, each with a ``Set-Cookie`` on any response. The beacon
must set none (it is called from cached pages, for every reader), so it marks its
responses and this middleware, outside those two, drops their cookies.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

NO_COOKIES = "vestnik_no_cookies"


def no_cookies_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if getattr(response, NO_COOKIES, False):
            response.cookies.clear()
        return response

    return middleware
