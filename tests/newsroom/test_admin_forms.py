"""Every newsroom model opens in the Wagtail admin for the people who edit it."""

from __future__ import annotations

from django.urls import reverse
from tests import factories

from vestnik.newsroom.models import AuthorIndexPage, EntityIndexPage, RubricPage


def test_editor_opens_every_page_form(client, editions, editor_user):
    client.force_login(editor_user)
    article = factories.article("en", authors=[factories.author()], tags=[factories.tag()])
    politics = RubricPage.objects.get(locale__language_code="en", slug="politics")
    urls = [
        reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", politics.id)),
        reverse("wagtailadmin_pages:edit", args=(article.id,)),
        reverse("wagtailadmin_pages:edit", args=(politics.id,)),
        reverse("wagtailadmin_pages:edit", args=(editions["en"].id,)),
        reverse(
            "wagtailadmin_pages:add",
            args=(
                "newsroom",
                "authorpage",
                AuthorIndexPage.objects.get(locale__language_code="en").id,
            ),
        ),
        reverse(
            "wagtailadmin_pages:add",
            args=(
                "newsroom",
                "entitypage",
                EntityIndexPage.objects.get(locale__language_code="en").id,
            ),
        ),
        reverse("wagtailsnippets_newsroom_tag:add"),
        reverse("importers_text"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
