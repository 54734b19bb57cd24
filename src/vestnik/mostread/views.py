"""The view beacon: a page's own script reports a reading; the answer is empty.

Cached pages never reach Django, so this uncached endpoint is how views are counted.
It sets no cookie, is never cached, needs no CSRF token (it changes nothing a reader
owns and accepts only a live article's id), and answers 204 whether or not the view
counted (a robot learns nothing).
"""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vestnik.core.clientip import client_ip
from vestnik.core.middleware import NO_COOKIES
from vestnik.mostread import bots, selectors, services

_MAX_ID_DIGITS = 18


def _answer(status: int, message: str = "") -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    setattr(response, NO_COOKIES, True)
    return response


@csrf_exempt
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("article", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= _MAX_ID_DIGITS):
        return _answer(400, _("Send the id of a published article as “article”."))
    article_id = int(raw)
    if not selectors.article_countable(article_id):
        return _answer(400, _("No published article has this id."))
    if not bots.is_robot(request.META.get("HTTP_USER_AGENT", "")):
        services.view_record(article_id, client_ip(request))
    return _answer(204)
