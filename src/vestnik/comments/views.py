"""Reader endpoints of comments: thin, uncached, answering 4xx with a message.

- ``write``: the form page for readers without JavaScript (a fresh token each load);
- ``token``: the same token as JSON for the in-page form;
- ``post``: saves a comment, answering HTML or JSON as the client asked;
- ``report``: a reader flags a comment for the moderators.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vestnik.comments import selectors, services, tokens
from vestnik.comments.forms import CommentForm, ReportForm
from vestnik.comments.models import CommentState, ReaderComment
from vestnik.core.clientip import client_ip
from vestnik.core.pagecache import mark_public
from vestnik.newsroom.models import ArticlePage

TEXT = "text/plain; charset=utf-8"


def in_article_language(view):
    """Answer in the language of the article's edition, whatever the URL's prefix says."""

    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs):
        if "article_id" in kwargs:
            pages = ArticlePage.objects.filter(id=kwargs["article_id"])
        else:
            pages = ArticlePage.objects.filter(reader_comments__id=kwargs["comment_id"])
        code = pages.values_list("locale__language_code", flat=True).first()
        if code is None:
            return view(request, **kwargs)
        with translation.override(code):
            request.LANGUAGE_CODE = code
            return view(request, **kwargs)

    return wrapper


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _staff(request: HttpRequest):
    user = request.user
    if user.is_authenticated and user.has_perm("comments.moderate_readercomment"):
        return user
    return None


def _form_page(request, article, form, *, status=200, message="", reply_to=None):
    context = {"article": article, "page": article, "form": form, "message": message}
    context["reply_to"] = reply_to
    context["staff"] = _staff(request)
    return _private(render(request, "comments/write.html", context, status=status))


@require_GET
@in_article_language
def write(request: HttpRequest, article_id: int) -> HttpResponse:
    try:
        article, mode = services.article_for_comments(article_id)
    except services.CommentRefused as refused:
        return _private(HttpResponse(refused.message, status=refused.status))
    article = article.specific
    reply_to = None
    parent_id = request.GET.get("reply_to", "")
    if parent_id.isdigit():
        reply_to = ReaderComment.objects.filter(
            id=int(parent_id), article_id=article.id, state=CommentState.APPROVED
        ).first()
    token = tokens.token_issue(article.id)
    form = CommentForm(initial={"token": token.value, "parent": reply_to.id if reply_to else None})
    if mode == "closed":
        return _form_page(
            request, article, None, status=403, message=_("Comments on this article are closed.")
        )
    return _form_page(request, article, form, reply_to=reply_to)


@require_GET
@in_article_language
def page(request: HttpRequest, article_id: int, number: int) -> HttpResponse:
    """More conversations of an article: public and cacheable, like the article."""
    try:
        article, _mode = services.article_for_comments(article_id)
    except services.CommentRefused as refused:
        return HttpResponse(refused.message, status=refused.status, content_type=TEXT)
    article = article.specific
    if number == 1:
        return redirect(article.url + "#comments")
    thread = selectors.thread_page(article.id, number)
    if not thread.nodes:
        return HttpResponse(_("There is no such page of comments."), status=404, content_type=TEXT)
    context = {"article": article, "page": article, "thread": thread}
    # Not purged one by one (the article's first page is): a short shared lifetime.
    response = render(request, "comments/page.html", context)
    return mark_public(
        request, response, shared_seconds=settings.VESTNIK_CACHE_LISTING_PAGE_SECONDS
    )


@require_GET
@in_article_language
def token(request: HttpRequest, article_id: int) -> JsonResponse:
    try:
        article, mode = services.article_for_comments(article_id)
    except services.CommentRefused as refused:
        return _private(JsonResponse({"error": refused.message}, status=refused.status))
    issued = tokens.token_issue(article.id)
    staff = _staff(request)
    return _private(
        JsonResponse(
            {
                "token": issued.value,
                "csrf": get_token(request),
                "open": mode != "closed",
                "staff": staff.get_full_name() or staff.get_username() if staff else "",
            }
        )
    )


def _answer_refusal(request, article_id, form, refused: services.CommentRefused) -> HttpResponse:
    if _wants_json(request):
        response: HttpResponse = JsonResponse({"error": refused.message}, status=refused.status)
    else:
        article = _article_or_none(article_id)
        if article is None:
            response = HttpResponse(refused.message, status=refused.status, content_type=TEXT)
        else:
            if form is not None and "token" in form.fields:
                form.data = form.data.copy()
                form.data["token"] = tokens.token_issue(article_id).value
            response = _form_page(
                request, article, form, status=refused.status, message=refused.message
            )
    if refused.retry_after:
        response["Retry-After"] = str(refused.retry_after)
    return _private(response)


def _article_or_none(article_id: int):
    try:
        article, _mode = services.article_for_comments(article_id)
    except services.CommentRefused:
        return None
    return article.specific


@contextmanager
def _answering_in(request: HttpRequest, language: str | None):
    """Answer in ``language`` (the article's edition) when known, else as the URL says."""
    if not language:
        yield
        return
    with translation.override(language):
        request.LANGUAGE_CODE = language
        yield


@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    """The hottest write of the site: the article's edition comes with the service's one
    preflight query instead of a lookup of its own (``in_article_language``)."""
    form = CommentForm(request.POST)
    if not form.is_valid():
        return in_article_language(_invalid_form)(request, article_id=article_id, form=form)
    staff = _staff(request)
    data = form.cleaned_data
    submission = services.CommentSubmission(
        article_id=article_id,
        token=data["token"],
        name=data["name"],
        body=data["body"],
        email=data["email"],
        website=data["website"],
        parent_id=data["parent"],
        honeypot=data["fax"],
        ip=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
        referrer=request.headers.get("Referer", ""),
        staff_user_id=staff.pk if staff else None,
        staff_name=(staff.get_full_name() or staff.get_username()) if staff else "",
    )
    try:
        result = services.comment_submit(submission)
    except services.CommentRefused as refused:
        with _answering_in(request, refused.language):
            return _answer_refusal(request, article_id, form, refused)
    with _answering_in(request, result.language):
        return _answer_posted(request, result)


def _invalid_form(request: HttpRequest, article_id: int, form: CommentForm) -> HttpResponse:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    message = _("Please correct the marked fields.")
    if _wants_json(request):
        return _private(JsonResponse({"error": message, "fields": errors}, status=400))
    return _answer_refusal(request, article_id, form, services.CommentRefused(message))


def _answer_posted(request: HttpRequest, result: services.SubmitResult) -> HttpResponse:
    comment = result.comment
    approved = comment.state == CommentState.APPROVED
    message = (
        _("Your comment is published.")
        if approved
        else _("Thank you. Your comment will appear once a moderator has approved it.")
    )
    status = 201 if result.created else 200
    if _wants_json(request):
        payload = {"id": comment.id, "state": comment.state, "message": message}
        if approved:
            # Without the request: the fragment needs no context processor, and running
            # them all cost a fifth of this, the site's hottest write.
            payload["html"] = render_to_string(
                "comments/comment.html", {"comment": comment, "replies": []}
            )
        return _private(JsonResponse(payload, status=status))
    context = {"article": comment.article.specific, "page": comment.article.specific}
    context.update({"message": message, "comment": comment, "approved": approved})
    return _private(render(request, "comments/posted.html", context, status=status))


@require_http_methods(["GET", "POST"])
@in_article_language
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = (
        ReaderComment.objects.filter(id=comment_id, state=CommentState.APPROVED)
        .select_related("article")
        .first()
    )
    if comment is None:
        return _private(
            HttpResponse(
                _("This comment is not available."),
                status=404,
                content_type=TEXT,
            )
        )
    article = comment.article.specific
    form = ReportForm(request.POST or None)
    context = {"article": article, "page": article, "comment": comment, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return _private(render(request, "comments/report.html", context, status=400))
        try:
            services.comment_report(comment.id, client_ip(request), form.cleaned_data["reason"])
        except services.CommentRefused as refused:
            context["message"] = refused.message
            response = render(request, "comments/report.html", context, status=refused.status)
            if refused.retry_after:
                response["Retry-After"] = str(refused.retry_after)
            return _private(response)
        context["message"] = _("Thank you. A moderator will look at this comment.")
        context["done"] = True
    return _private(render(request, "comments/report.html", context))
