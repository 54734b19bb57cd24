"""The content API, version 1: read-only JSON at ``/api/v1/`` (django-ninja).

Routes only parse parameters, call a selector and shape the answer (``present``). Every
answer to a GET that succeeds may be kept by browsers and shared caches; a bad parameter
is a 4xx with a message, never a 500. See ``docs/adr/0004-content-api.md``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

from vestnik.api import present, schemas, selectors
from vestnik.api.cursor import InvalidCursor
from vestnik.core.pagecache import mark_public
from vestnik.newsroom.models import AuthorPage, EntityPage

# Editions by language code, in settings.LANGUAGES order (the OpenAPI document's enum).
Edition = Enum("Edition", {code: code for code, _name in settings.LANGUAGES}, type=str)  # type: ignore[misc]
DEFAULT_EDITION = Edition(settings.LANGUAGE_CODE)
EditionQuery = Annotated[Edition, Query(description="The edition's language code.")]  # type: ignore[valid-type]
SlugQuery = Annotated[
    str | None,
    Query(pattern=r"^[-a-zA-Z0-9_]+$", max_length=255, description="A slug of this edition."),
]
LimitQuery = Annotated[int, Query(ge=1, le=settings.VESTNIK_API_MAX_PAGE_SIZE)]
OffsetQuery = Annotated[int, Query(ge=0, le=1_000_000)]
ERRORS = {400: schemas.Message, 404: schemas.Message, 422: schemas.Message}
MAX_ID = 2**31 - 1  # larger ids do not exist and overflow SQLite's integers


class ContentAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        # Public for shared caches (purged on publish, api/purging.py) unless the request
        # carries a session: the same rule as the reader pages.
        return mark_public(request, response, shared_seconds=settings.VESTNIK_API_S_MAXAGE)


api = ContentAPI(
    title="Vestnik content API",
    version="1",
    description="Published articles, rubrics, authors and entities of each edition, read-only.",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,  # no Swagger page: it would load its assets from a CDN
)


def _error(request: HttpRequest, status: int, message: str, errors=()) -> HttpResponse:
    body = schemas.Message(message=message, errors=list(errors))
    return api.create_response(request, body.model_dump(), status=status)


@api.exception_handler(selectors.NotFound)
def _not_found(request, error):
    return _error(request, 404, str(error))


@api.exception_handler(InvalidCursor)
def _bad_cursor(request, error):
    return _error(request, 400, _("The cursor is not one this API gave out."))


@api.exception_handler(ValidationError)
def _invalid(request, error):
    errors = [
        schemas.ParameterError(
            location=".".join(str(part) for part in item.get("loc", ())),
            message=str(item.get("msg", "")),
        )
        for item in error.errors
    ]
    return _error(request, 422, _("Some parameters are not valid."), errors)


class InvalidMoment(ValueError):
    """A time parameter that no database can hold once put in UTC (year 1, year 9999)."""


def _moment(value: datetime | None, name: str) -> datetime | None:
    """An aware time in UTC; a naive one is in the site's time zone."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise InvalidMoment(name) from error


@api.exception_handler(InvalidMoment)
def _bad_moment(request, error):
    return _error(request, 400, _("“%(name)s” is out of range.") % {"name": error.args[0]})


def not_found(request: HttpRequest) -> JsonResponse:
    """Any other address under ``/api/`` (another version, a typo): a JSON 404 too."""
    message = _("There is nothing at this API address.")
    return JsonResponse({"message": message, "errors": []}, status=404)


@api.get(
    "/articles",
    response={200: schemas.ArticleList, **ERRORS},
    summary="Published articles of an edition, newest first",
    tags=["articles"],
)
def article_list(
    request: HttpRequest,
    edition: EditionQuery = DEFAULT_EDITION,
    rubric: SlugQuery = None,
    author: SlugQuery = None,
    entity: SlugQuery = None,
    tag: SlugQuery = None,
    since: Annotated[datetime | None, Query(description="First published at or after.")] = None,
    until: Annotated[datetime | None, Query(description="First published before.")] = None,
    cursor: Annotated[
        str | None, Query(max_length=200, description="The `next` of a page.")
    ] = None,
    limit: LimitQuery = settings.VESTNIK_API_PAGE_SIZE,
):
    filters = selectors.ArticleFilters(
        edition=edition.value,
        rubric=rubric,
        author=author,
        entity=entity,
        tag=tag,
        since=_moment(since, "since"),
        until=_moment(until, "until"),
    )
    articles, last = selectors.article_page(filters, cursor, limit)
    return {
        "items": present.article_summaries(articles, request, edition.value),
        "next": last and selectors.next_cursor(last),
    }


@api.get(
    "/articles/{article_id}",
    response={200: schemas.ArticleDetail, **ERRORS},
    summary="One published article with its body as typed blocks",
    tags=["articles"],
)
def article_detail(request: HttpRequest, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]):
    return present.article_detail(selectors.article_visible(article_id), request)


@api.get(
    "/rubrics",
    response={200: schemas.RubricList, **ERRORS},
    summary="The rubrics of an edition, in tree order",
    tags=["editions"],
)
def rubric_list(request: HttpRequest, edition: EditionQuery = DEFAULT_EDITION):
    rubrics = selectors.rubrics_of(edition.value)
    return {"items": [present.rubric(rubric, parent, request) for rubric, parent in rubrics]}


@api.get(
    "/authors",
    response={200: schemas.AuthorList, **ERRORS},
    summary="The authors of an edition, by name",
    tags=["editions"],
)
def author_list(
    request: HttpRequest,
    edition: EditionQuery = DEFAULT_EDITION,
    offset: OffsetQuery = 0,
    limit: LimitQuery = settings.VESTNIK_API_PAGE_SIZE,
):
    people, count = selectors.people_page(AuthorPage, edition.value, offset, limit)
    return {"items": [present.author(p, request) for p in people], "count": count}


@api.get(
    "/entities",
    response={200: schemas.EntityList, **ERRORS},
    summary="The people, organisations and places an edition writes about, by name",
    tags=["editions"],
)
def entity_list(
    request: HttpRequest,
    edition: EditionQuery = DEFAULT_EDITION,
    kind: EntityPage.Kind | None = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = settings.VESTNIK_API_PAGE_SIZE,
):
    filters = {"kind": kind.value} if kind else {}
    people, count = selectors.people_page(EntityPage, edition.value, offset, limit, **filters)
    return {"items": [present.entity(p, request) for p in people], "count": count}
