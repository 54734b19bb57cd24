"""A reader posts a comment: without JavaScript, with it, and everything that can go wrong."""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from django.urls import reverse
from tests.comments.helpers import aged_token, post_comment

from vestnik.comments import tokens
from vestnik.comments.models import CommentState, CommentThread, ReaderComment

pytestmark = pytest.mark.django_db


def test_reader_without_javascript_gets_a_fresh_uncached_form(client, article):
    first = client.get(reverse("comments:write", args=[article.id]))
    second = client.get(reverse("comments:write", args=[article.id]))
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert first.context["form"].initial["token"] != second.context["form"].initial["token"]
    assert b"csrfmiddlewaretoken" in first.content


def test_posted_comment_waits_for_a_moderator_by_default(client, article):
    response = post_comment(client, article.id, body="Will the old bridge close for repairs?")
    assert response.status_code == 201
    comment = ReaderComment.objects.get()
    assert comment.state == CommentState.PENDING
    assert "moderator" in response.content.decode()
    page = client.get(article.url).content.decode()
    assert "Will the old bridge close" not in page
    assert CommentThread.objects.get(article=article).pending_count == 1


def test_post_moderated_rubric_shows_the_comment_at_once(client, post_moderated):
    post_comment(client, post_moderated.id, body="Finally, the traffic on Chuy avenue eases.")
    page = client.get(post_moderated.url).content.decode()
    assert "Finally, the traffic on Chuy avenue eases." in page
    assert 'class="comment-count">(1)' in page


def test_closed_rubric_refuses_comments(client, article):
    from vestnik.newsroom.models import RubricPage

    RubricPage.objects.filter(path=article.path[: -article.steplen]).update(comment_mode="closed")
    response = post_comment(client, article.id)
    assert response.status_code == 403
    assert ReaderComment.objects.count() == 0
    assert "closed" in client.get(article.url).content.decode()


def test_javascript_reader_gets_token_as_json_and_posts_in_place(client, post_moderated):
    answer = client.get(reverse("comments:token", args=[post_moderated.id]))
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    data = answer.json()
    assert data["csrf"] and data["open"] is True
    # The token is fresh: a reader cannot send it at once.
    too_fast = post_comment(client, post_moderated.id, token=data["token"], json=True)
    assert too_fast.status_code == 400
    assert "quick" in too_fast.json()["error"]
    response = post_comment(
        client, post_moderated.id, token=aged_token(post_moderated.id), json=True
    )
    assert response.status_code == 201
    assert response.json()["state"] == "approved"
    assert 'id="comment-' in response.json()["html"]


def test_cached_article_html_holds_nothing_per_reader(client, article):
    first = client.get(article.url).content.decode()
    second = client.get(article.url).content.decode()
    assert first == second
    assert "csrfmiddlewaretoken" not in first
    assert re.search(r'<input type="hidden" name="token" [^>]*>', first)
    assert not re.search(r'name="token" value="[^"]', first)


def test_two_readers_posting_from_one_cached_page_make_two_comments(client, article, settings):
    from django.test import Client

    settings.VESTNIK_COMMENTS_MIN_SECONDS = 0
    client.get(article.url)  # the one cached copy both readers see
    for name, address in (("Asel", "10.1.0.1"), ("Timur", "10.2.0.1")):
        reader = Client()
        token = reader.get(reverse("comments:token", args=[article.id])).json()["token"]
        response = post_comment(
            reader,
            article.id,
            name=name,
            body=f"{name} thinks it helps.",
            token=token,
            address=address,
        )
        assert response.status_code == 201
    assert sorted(ReaderComment.objects.values_list("author_name", flat=True)) == ["Asel", "Timur"]


def test_retried_post_with_one_key_makes_one_comment(client, article):
    token = aged_token(article.id)
    first = post_comment(client, article.id, token=token, address="10.9.9.9")
    again = post_comment(client, article.id, token=token, address="10.9.9.9")
    assert (first.status_code, again.status_code) == (201, 200)
    assert ReaderComment.objects.count() == 1
    assert CommentThread.objects.get(article=article).pending_count == 1


def test_resend_that_passes_the_replay_check_first_is_still_a_replay(client, article, monkeypatch):
    """Two sends of one form at once: the second can pass the replay check just before the
    first commits. It is the same post, so it is answered 200 with the first's comment,
    not refused as a duplicate text (test_concurrency.py races this over HTTP)."""
    from vestnik.comments import services

    token = aged_token(article.id)
    first = post_comment(client, article.id, token=token, address="10.9.9.8", json=True)
    facts = services.preflight.post_facts

    def replay_too_early(question):  # as if asked just before the first post committed
        return dataclasses.replace(facts(question), replay_id=None)

    monkeypatch.setattr(services.preflight, "post_facts", replay_too_early)
    again = post_comment(client, article.id, token=token, address="10.9.9.8", json=True)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert ReaderComment.objects.count() == 1


@pytest.mark.parametrize(
    ("token", "fragment"),
    [
        ("", "expired"),
        ("forged:token", "expired"),
    ],
)
def test_missing_or_forged_token_is_refused(client, article, token, fragment):
    response = post_comment(client, article.id, token=token or " ", json=True)
    assert response.status_code == 400
    assert ReaderComment.objects.count() == 0


def test_token_of_another_article_or_too_old_is_refused(client, article):
    from tests import factories

    other = factories.article("en")
    wrong = post_comment(client, article.id, token=aged_token(other.id))
    stale = tokens.token_issue(article.id, now=time.time() - 10 * 86400).value
    old = post_comment(client, article.id, token=stale)
    assert (wrong.status_code, old.status_code) == (400, 400)
    assert ReaderComment.objects.count() == 0


def test_honeypot_filled_is_refused(client, article):
    response = post_comment(client, article.id, fax="+996 555 000 000")
    assert response.status_code == 400
    assert ReaderComment.objects.count() == 0


def test_too_many_links_are_refused(client, article):
    body = "Look: https://a.example/1 https://b.example/2 https://c.example/3"
    response = post_comment(client, article.id, body=body, json=True)
    assert response.status_code == 400
    assert "links" in response.json()["error"]


def test_the_same_text_twice_is_refused(client, article):
    post_comment(client, article.id, body="Same words, posted twice.")
    response = post_comment(client, article.id, body="same words posted TWICE", json=True)
    assert response.status_code == 400
    assert ReaderComment.objects.count() == 1


def test_held_word_keeps_a_comment_for_the_moderator_even_when_post_moderated(
    client, post_moderated
):
    post_comment(client, post_moderated.id, body="Best CASINO bonuses here")
    comment = ReaderComment.objects.get()
    assert (comment.state, comment.held_reason) == (CommentState.PENDING, "words")


def test_unknown_or_unpublished_article_answers_404(client, article):
    from tests import factories

    factories.unpublish(article)
    assert post_comment(client, article.id).status_code == 404
    assert client.get(reverse("comments:write", args=[article.id])).status_code == 404
    assert client.get(reverse("comments:token", args=[987654])).status_code == 404


def test_invalid_fields_answer_400_with_the_form_again(client, article):
    response = post_comment(client, article.id, name="", website="javascript:alert(1)")
    assert response.status_code == 400
    assert response.context["form"].errors.keys() >= {"name", "website"}
    assert response.context["form"].errors["website"] == ["Enter a valid URL."]  # once
    # Each field's error is the one its aria-describedby names.
    html = response.content.decode()
    assert 'aria-describedby="id_website_error"' in html
    assert 'id="id_website_error"' in html
    assert post_comment(client, article.id, website="ftp://example.org/").status_code == 400
    assert ReaderComment.objects.count() == 0


def test_email_is_never_rendered(client, post_moderated):
    post_comment(client, post_moderated.id, email="aibek@example.kg")
    assert ReaderComment.objects.get().author_email == "aibek@example.kg"
    assert "aibek@example.kg" not in client.get(post_moderated.url).content.decode()


def test_links_in_a_comment_are_clickable_and_marked_ugc(client, post_moderated):
    post_comment(client, post_moderated.id, body="Schedule at https://bus.example.kg/routes ok")
    page = client.get(post_moderated.url).content.decode()
    assert 'href="https://bus.example.kg/routes" rel="nofollow ugc noopener"' in page


def test_address_is_stored_only_as_a_salted_hash(client, article):
    post_comment(client, article.id, address="203.0.113.77")
    comment = ReaderComment.objects.get()
    assert comment.ip_hash and "203.0.113" not in comment.ip_hash
    assert len(comment.ip_hash) == 40


def test_posts_over_the_address_limit_get_429_with_retry_after(client, article, settings):
    settings.VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE = 2
    answers = [
        post_comment(
            client, article.id, body=f"Comment number {n}.", address="192.0.2.50", json=True
        )
        for n in range(4)
    ]
    assert [a.status_code for a in answers] == [201, 201, 429, 429]
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    assert "Too many" in answers[2].json()["error"]
    assert ReaderComment.objects.count() == 2


def test_neighbouring_addresses_share_the_network_limit(client, article, settings):
    settings.VESTNIK_COMMENTS_LIMIT_NETWORK_MINUTE = 3
    codes = [
        post_comment(
            client, article.id, body=f"From neighbour {n}.", address=f"192.0.2.{n}"
        ).status_code
        for n in range(1, 6)
    ]
    assert codes == [201, 201, 201, 429, 429]


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(client, article, settings):
    settings.VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE = 1
    settings.VESTNIK_TRUSTED_PROXIES = ["127.0.0.1"]
    via_proxy = [
        post_comment(
            client,
            article.id,
            body=f"Via proxy {n}.",
            address="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(1, 4)
    ]
    assert via_proxy == [201, 201, 201]  # three readers behind our proxy
    spoofed = [
        post_comment(
            client,
            article.id,
            body=f"Spoofed {n}.",
            address="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 10}",
        ).status_code
        for n in range(1, 3)
    ]
    assert spoofed == [201, 429]  # one client, whatever its header claims


def test_post_without_csrf_token_is_refused(article):
    from django.test import Client

    reader = Client(enforce_csrf_checks=True)
    assert post_comment(reader, article.id).status_code == 403
    refused = post_comment(reader, article.id, json=True)
    assert refused.status_code == 403 and "reload the page" in refused.json()["error"]
    csrf = reader.get(reverse("comments:token", args=[article.id])).json()["csrf"]
    response = post_comment(reader, article.id, HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201


def test_comment_section_speaks_the_editions_language(client, editions):
    from tests import factories

    for code, phrase in (("ru", "Написать комментарий"), ("ky", "Комментарий жазуу")):
        article = factories.article(code)
        html = client.get(article.url).content.decode()
        assert phrase in html
        form = client.get(reverse("comments:write", args=[article.id])).content.decode()
        assert f'<html lang="{code}">' in form


def test_ipv6_addresses_in_one_64_share_a_limit(client, article, settings):
    settings.VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE = 1
    first = post_comment(client, article.id, body="From one /64.", address="2001:db8:5:6::1")
    same = post_comment(client, article.id, body="Same /64.", address="2001:db8:5:6:ffff::2")
    other = post_comment(client, article.id, body="Next /64.", address="2001:db8:5:7::1")
    assert (first.status_code, same.status_code, other.status_code) == (201, 429, 201)


def test_comment_pages_answer_in_the_articles_language_whatever_the_prefix(client, article):
    # The English article's form reached through the Russian prefix still speaks English.
    response = client.get(f"/ru/comments/{article.id}/write/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Write a comment" in response.content.decode()
    page = client.get(article.url).content.decode()
    assert f'href="/en/comments/{article.id}/write/"' in page


def test_posting_leaves_wagtails_reference_index_alone(
    client, article, django_capture_on_commit_callbacks
):
    """A comment is no "usage" of its article: posting queues no reference-index work."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert post_comment(client, article.id).status_code == 201
    comments = ContentType.objects.get_for_model(ReaderComment)
    assert not ReferenceIndex.objects.filter(content_type=comments).exists()
    assert len(callbacks) == 1  # only the spam-check hand-off
