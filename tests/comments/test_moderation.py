"""Moderators at work: the queue in the admin, approving, editing with a trail, bans,
erasure on request, retention, reports, replies and the newsroom badge."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.comments.helpers import post_comment
from wagtail.models import ModelLogEntry

from vestnik.comments import moderation, selectors
from vestnik.comments.models import CommentBan, CommentState, CommentThread, ReaderComment

pytestmark = pytest.mark.django_db
LIST = "wagtailsnippets_comments_readercomment:list"


def _pending(client, article, body="A question about the bridge tolls.", **fields):
    response = post_comment(client, article.id, body=body, **fields)
    assert response.status_code == 201, response.content
    return ReaderComment.objects.get(body=body)


@pytest.mark.page_cache  # the article is cached: the approval's commit purges it
def test_approved_comment_appears_on_the_article_at_once(
    client, article, moderator_user, django_capture_on_commit_callbacks
):
    comment = _pending(client, article)
    assert "bridge tolls" not in client.get(article.url).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):  # the approval commits
        moderation.comment_set_state(comment, CommentState.APPROVED, moderator_user)
    page = client.get(article.url).content.decode()
    assert "A question about the bridge tolls." in page
    assert CommentThread.objects.get(article=article).approved_count == 1
    entry = ModelLogEntry.objects.get(action="vestnik_comments.approve")
    assert entry.user == moderator_user and entry.object_id == str(comment.id)


def test_moderator_sees_the_queue_with_pending_count_and_filters(client, article, moderator_user):
    _pending(client, article, body="First waiting comment.")
    _pending(client, article, body="Second waiting comment.")
    client.force_login(moderator_user)
    admin = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar menu (JSON in the page) and the dashboard both show what waits.
    assert json.dumps("Комментарии читателей (2)")[1:-1] in admin
    assert "<span>2</span> комментария ждут модерации" in admin
    listing = client.get(reverse(LIST), {"state": "pending"})
    assert listing.status_code == 200
    assert "First waiting comment." in listing.content.decode()
    found = client.get(reverse(LIST), {"q": "Second"}).content.decode()
    assert "Second waiting comment." in found and "First waiting comment." not in found


def test_bulk_approve_through_the_admin(client, article, moderator_user):
    a = _pending(client, article, body="Bulk one.")
    b = _pending(client, article, body="Bulk two.")
    client.force_login(moderator_user)
    url = reverse("wagtail_bulk_action", args=["comments", "readercomment", "approve"])
    response = client.post(f"{url}?id={a.id}&id={b.id}", {})
    assert response.status_code == 302
    states = set(ReaderComment.objects.values_list("state", flat=True))
    assert states == {CommentState.APPROVED}
    assert CommentThread.objects.get(article=article).approved_count == 2


def test_authors_cannot_reach_the_queue(client, article, author_user):
    _pending(client, article)
    client.force_login(author_user)
    assert client.get(reverse(LIST)).status_code in (302, 403)
    url = reverse("wagtail_bulk_action", args=["comments", "readercomment", "approve"])
    client.post(f"{url}?id={ReaderComment.objects.get().id}", {})
    assert ReaderComment.objects.get().state == CommentState.PENDING


def test_edit_in_the_admin_keeps_the_original_in_the_audit_trail(client, article, moderator_user):
    comment = _pending(client, article, body="Original words with a typo.")
    client.force_login(moderator_user)
    edit = reverse("wagtailsnippets_comments_readercomment:edit", args=[comment.id])
    response = client.post(
        edit, {"author_name": comment.author_name, "body": "Corrected words.", "state": "approved"}
    )
    assert response.status_code == 302, response.content[:500]
    comment.refresh_from_db()
    assert (comment.body, comment.state) == ("Corrected words.", CommentState.APPROVED)
    assert comment.edited_at is not None
    entry = ModelLogEntry.objects.get(action="vestnik_comments.edit")
    assert entry.data["before"]["body"] == "Original words with a typo."
    assert entry.data["after"]["body"] == "Corrected words."


def test_ban_refuses_the_writers_next_posts_by_address_and_email(client, article, moderator_user):
    comment = _pending(client, article, address="198.51.100.7", email="pest@example.com")
    waiting = _pending(client, article, body="Another one.", address="198.51.100.7")
    moderation.commenters_ban([comment], moderator_user, reason="insults")
    assert set(CommentBan.objects.values_list("kind", flat=True)) == {"address", "email"}
    waiting.refresh_from_db()
    assert waiting.state == CommentState.SPAM
    by_address = post_comment(client, article.id, body="New text.", address="198.51.100.7")
    by_email = post_comment(client, article.id, body="More text.", email="PEST@example.com")
    assert (by_address.status_code, by_email.status_code) == (403, 403)


def test_erasure_by_email_removes_everything_they_wrote(client, article, moderator_user):
    theirs = _pending(client, article, body="Mine, to be erased.", email="me@example.org")
    moderation.comment_set_state(theirs, CommentState.APPROVED, moderator_user)
    reply = _pending(client, article, body="A reply by someone else.", parent=theirs.id)
    _pending(client, article, body="Mine, unanswered.", email="me@example.org")
    client.force_login(moderator_user)
    response = client.post(reverse("comments_admin:erase"), {"email": "ME@example.org"})
    assert response.status_code == 302
    assert not ReaderComment.objects.filter(author_email="me@example.org").exists()
    theirs.refresh_from_db()
    assert theirs.erased and theirs.body == "" and theirs.author_name == ""
    assert ReaderComment.objects.filter(id=reply.id).exists()
    assert not ReaderComment.objects.filter(body="Mine, unanswered.").exists()


def test_rejected_and_spam_comments_expire_after_the_retention_period(
    client, article, moderator_user, settings
):
    old = _pending(client, article, body="Old spam.")
    recent = _pending(client, article, body="Recent spam.")
    kept = _pending(client, article, body="Old but approved.")
    moderation.comments_set_state([old.id, recent.id], CommentState.SPAM, moderator_user)
    moderation.comment_set_state(kept, CommentState.APPROVED, moderator_user)
    long_ago = timezone.now() - timedelta(days=settings.VESTNIK_COMMENTS_RETENTION_DAYS + 1)
    ReaderComment.objects.filter(id__in=[old.id, kept.id]).update(created_at=long_ago)
    assert moderation.comments_expire() == 1
    assert set(ReaderComment.objects.values_list("id", flat=True)) == {recent.id, kept.id}


def test_reports_send_a_comment_back_to_the_queue(client, article, moderator_user, settings):
    comment = _pending(client, article)
    moderation.comment_set_state(comment, CommentState.APPROVED, moderator_user)
    report = reverse("comments:report", args=[comment.id])
    assert client.get(report).status_code == 200
    for n in range(settings.VESTNIK_COMMENTS_REPORTS_TO_HIDE):
        client.post(report, {"reason": "rude"}, REMOTE_ADDR=f"192.0.2.{n + 1}")
    client.post(report, {"reason": "again"}, REMOTE_ADDR="192.0.2.1")  # counted once
    comment.refresh_from_db()
    assert comment.report_count == settings.VESTNIK_COMMENTS_REPORTS_TO_HIDE
    assert (comment.state, comment.held_reason) == (CommentState.PENDING, "reports")


def test_replies_nest_and_flatten_at_the_depth_limit(client, post_moderated, settings):
    settings.VESTNIK_COMMENTS_MAX_DEPTH = 2
    root = _pending(client, post_moderated, body="Root.")
    one = _pending(client, post_moderated, body="Depth one.", parent=root.id)
    two = _pending(client, post_moderated, body="Depth two.", parent=one.id)
    deeper = _pending(client, post_moderated, body="Would be three.", parent=two.id)
    assert [c.depth for c in (root, one, two, deeper)] == [0, 1, 2, 2]
    assert deeper.parent_id == one.id
    [node] = selectors.thread_page(post_moderated.id).nodes
    assert node.comment.id == root.id
    assert [n.comment.id for n in node.replies[0].replies] == [two.id, deeper.id]


def test_reply_to_a_comment_that_is_not_approved_is_refused(client, article):
    waiting = _pending(client, article)
    response = post_comment(client, article.id, body="Reply.", parent=waiting.id)
    assert response.status_code == 400


def test_staff_reply_is_published_at_once_with_a_badge(client, article, moderator_user):
    comment = _pending(client, article)
    moderation.comment_set_state(comment, CommentState.APPROVED, moderator_user)
    client.force_login(moderator_user)
    response = post_comment(
        client, article.id, body="The tolls start in May.", parent=comment.id, token=None
    )
    assert response.status_code == 201
    reply = ReaderComment.objects.get(parent=comment)
    assert reply.state == CommentState.APPROVED and reply.staff_user == moderator_user
    page = client.get(article.url).content.decode()
    assert 'class="badge"' in page and "The tolls start in May." in page


def test_comment_count_shows_in_listings(client, post_moderated):
    _pending(client, post_moderated, body="Counted in the rubric listing.")
    rubric = post_moderated.get_parent()
    listing = client.get(rubric.url).content.decode()
    assert "1 comment" in listing


def test_the_periodic_tick_expires_old_spam(client, article, moderator_user, settings):
    from django.core.management import call_command

    from vestnik.core.management.commands.tick import PERIODIC_COMMANDS

    assert ("comments_expire", {}) in PERIODIC_COMMANDS
    spam = _pending(client, article, body="Spam for the tick.")
    moderation.comment_set_state(spam, CommentState.SPAM, moderator_user)
    long_ago = timezone.now() - timedelta(days=settings.VESTNIK_COMMENTS_RETENTION_DAYS + 1)
    ReaderComment.objects.filter(id=spam.id).update(created_at=long_ago)
    # What the tick runs (the tick itself closes connections: not inside a test transaction).
    call_command("comments_expire", verbosity=0)
    assert not ReaderComment.objects.filter(id=spam.id).exists()


def test_each_row_of_the_queue_offers_approve_and_its_page_does_it(client, article, moderator_user):
    comment = _pending(client, article, body="One row, one click.")
    client.force_login(moderator_user)
    listing = client.get(reverse(LIST), {"state": "pending"}).content.decode()
    url = reverse("wagtail_bulk_action", args=["comments", "readercomment", "approve"])
    assert f"{url}?id={comment.id}&amp;next=" in listing
    confirm = client.get(url, {"id": comment.id})
    assert confirm.status_code == 200 and "One row, one click." in confirm.content.decode()
    client.post(f"{url}?id={comment.id}", {})
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED


def test_long_threads_continue_on_pages_of_their_own(client, post_moderated, settings):
    settings.VESTNIK_COMMENTS_PER_PAGE = 2
    settings.VESTNIK_COMMENTS_LIMIT_ARTICLE_MINUTE = 100
    first = _pending(client, post_moderated, body="Conversation one.")
    _pending(client, post_moderated, body="Reply in conversation one.", parent=first.id)
    for n in (2, 3, 4, 5, 6):
        _pending(client, post_moderated, body=f"Conversation {n}.")
    article = client.get(post_moderated.url).content.decode()
    assert "Reply in conversation one." in article and "Conversation 2." in article
    assert "Conversation 3." not in article
    assert 'class="comment-count">(7)' in article
    assert f'href="/en/comments/{post_moderated.id}/page/2/"' in article
    second = client.get(f"/en/comments/{post_moderated.id}/page/2/").content.decode()
    assert "Conversation 3." in second and "Conversation 4." in second
    assert "Conversation 2." not in second and 'rel="next"' in second
    last = client.get(f"/en/comments/{post_moderated.id}/page/3/").content.decode()
    assert "Conversation 6." in last and 'rel="next"' not in last
    assert client.get(f"/en/comments/{post_moderated.id}/page/9/").status_code == 404
    assert client.get(f"/en/comments/{post_moderated.id}/page/1/").status_code == 302
