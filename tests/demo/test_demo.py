"""`vestnik demo`: a newsroom that looks real, loaded idempotently."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase

from vestnik.comments.models import ReaderComment
from vestnik.demo import comment_content, content
from vestnik.newsroom.models import ArticlePage, AuthorPage, RubricPage
from vestnik.related.selectors import related_for


@pytest.fixture
def demo(editions, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("demo", stdout=out)
    return out.getvalue()


def check_articles_in_every_edition_across_rubrics():
    articles = ArticlePage.objects.live()
    by_edition = Counter(articles.values_list("locale__language_code", flat=True))
    assert by_edition["ru"] >= 15 and by_edition["en"] >= 15 and by_edition["ky"] >= 1
    assert sum(by_edition.values()) >= 30
    rubrics = {a.get_parent().slug for a in articles}
    assert len(rubrics) >= 6
    assert AuthorPage.objects.filter(locale__language_code="ru").count() >= 5
    kinds = Counter(block.block_type for a in articles for block in a.body)
    assert kinds["subheading"] and kinds["quote"] and kinds["list"]


def check_read_also_within_each_edition():
    for article in ArticlePage.objects.live().filter(locale__language_code__in=["ru", "en"]):
        picks = related_for(article)
        assert 3 <= len(picks) <= 6, article.title
        assert {p.locale_id for p in picks} == {article.locale_id}


def check_second_run_adds_nothing_and_login_is_printed(demo, settings):
    assert "Admin: http://127.0.0.1:8000/admin/" in demo
    password = (settings.VAR_DIR / "demo_password").read_text().strip()
    assert f"login 'admin' (Administrator), password '{password}'" in demo
    counts = (ArticlePage.objects.count(), AuthorPage.objects.count(), RubricPage.objects.count())
    out = StringIO()
    call_command("demo", stdout=out)
    assert "0 articles created" in out.getvalue()
    assert (
        ArticlePage.objects.count(),
        AuthorPage.objects.count(),
        RubricPage.objects.count(),
    ) == counts


def check_conversations_with_a_moderator_and_a_queue(demo, client):
    from vestnik.comments.models import ReaderComment

    assert "login 'moderator' (Moderator)" in demo
    comments = ReaderComment.objects.filter(source="demo")
    assert comments.filter(state="approved").count() >= 6
    assert comments.filter(state="pending").exists()
    staff = comments.get(staff_user__username="moderator")
    assert staff.parent is not None
    page = client.get(staff.article.url).content.decode()
    assert 'class="badge"' in page and staff.body[:30] in page


def test_demo_loads_a_real_looking_newsroom_once(demo, settings, client):
    # One load serves every check: loading the demo takes most of this test's time.
    check_articles_in_every_edition_across_rubrics()
    check_read_also_within_each_edition()
    comments = ReaderComment.objects.count()
    check_second_run_adds_nothing_and_login_is_printed(demo, settings)
    assert ReaderComment.objects.count() == comments
    check_conversations_with_a_moderator_and_a_queue(demo, client)


def test_demo_text_is_the_projects_own():
    seed_phrases = ("Eternal Friendship", "Kyrgyz-Russian Slavic University", "Musa Bazhaev")
    text = repr(content.ARTICLES) + repr(comment_content.COMMENTS)
    assert not any(phrase in text for phrase in seed_phrases)
