"""Service endpoints that are not pages."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.defaults import server_error as django_server_error

from vestnik.core.assets import static_bytes

# Seconds a client is asked to wait when the database is briefly unreachable.
RETRY_AFTER_SECONDS = 5
# /favicon.ico is not a hashed name: browsers and caches keep it for a day.
FAVICON_MAX_AGE = 86400


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers; used by make run and load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers and crawlers ask for whatever the pages link."""
    response = HttpResponse(static_bytes("vestnik/favicon.ico"), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={FAVICON_MAX_AGE}"
    return response


def _database_unavailable(error: BaseException | None) -> bool:
    """A lost or refused database connection (a restart, a failover), not a bad query."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        if isinstance(error, DatabaseError):
            return False
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 with Retry-After while the database is unreachable, else the 500 page.

    Clients retry a 503 (comments with the same idempotency key), so a database restart
    loses nothing and duplicates nothing.
    """
    if _database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(
            "The site is briefly unavailable. Please try again in a few seconds.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return django_server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (no or stale CSRF token): JSON for the in-page forms, else Django's page."""
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"error": gettext("The form has expired. Please reload the page and send it again.")},
            status=403,
        )
        response["Cache-Control"] = "no-store"
        return response
    return django_csrf_failure(request, reason)
