"""The newsroom's roles: Authors and Translators never publish; an Editor publishes.

Every publishing path is tried as an Author (admin create/edit/copy forms, bulk actions,
revert, scheduled publishing, the admin API's page actions, ``article_save``), a
Translator's wagtail-localize paths too, and the Editor's paths, so these tests can fail.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from tests import factories
from wagtail.models import GroupPagePermission, Locale, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import TranslationSource

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.newsroom.blocks import PARAGRAPH_FEATURES
from vestnik.newsroom.models import ArticlePage
from vestnik.newsroom.roles import ROLE_NAMES, WAGTAIL_STARTER_GROUPS
from vestnik.newsroom.services import ArticleInput, article_save


def article_form(headline: str, slug: str, **extra) -> dict:
    """POST data of the article admin form (create and edit), with no inline rows."""
    return nested_form_data(
        {
            "title": headline,
            "slug": slug,
            "lead": f"The lead of {headline}.",
            "body": streamfield(
                [("paragraph", rich_text("<p>A paragraph.</p>", features=PARAGRAPH_FEATURES))]
            ),
            "author_rows": inline_formset([]),
            "entity_rows": inline_formset([]),
            "tag_rows": inline_formset([]),
            "pinned_related_rows": inline_formset([]),
            "correction_note": "",
            **extra,
        }
    )


def add_url(rubric) -> str:
    return reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", rubric.id))


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.id,))


def bulk_publish_url(*pages) -> str:
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return url + "?" + "&".join(f"id={page.id}" for page in pages)


def draft_of(user, headline="A draft about the river") -> ArticlePage:
    page = factories.article(headline=headline, publish=False, user=user)
    assert page.owner_id == user.id and not page.live
    return page


def own_article_an_editor_published(author, editor) -> ArticlePage:
    page = draft_of(author, "The author's article, now live")
    page.get_latest_revision().publish(user=editor)
    page = reloaded(page)
    assert page.live and page.owner_id == author.id
    return page


def reloaded(page) -> ArticlePage:
    return ArticlePage.objects.get(id=page.id)


# Roles ----------------------------------------------------------------------------------


def test_the_five_roles_exist_after_migrations_and_wagtails_starter_groups_do_not(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(ROLE_NAMES) <= names
    assert not names & set(WAGTAIL_STARTER_GROUPS)
    root = Page.get_first_root_node()
    author_page_perms = GroupPagePermission.objects.filter(group__name="Author", page=root)
    assert set(author_page_perms.values_list("permission__codename", flat=True)) == {"add_page"}
    author = Group.objects.get(name="Author")
    assert author.permissions.filter(codename="access_admin").exists()
    assert not author.permissions.filter(codename="publish_page").exists()


@pytest.mark.django_db(transaction=True)
def test_the_five_roles_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    names = set(Group.objects.values_list("name", flat=True))
    assert set(ROLE_NAMES) <= names
    assert not names & set(WAGTAIL_STARTER_GROUPS)
    assert Group.objects.get(name="Author").permissions.filter(codename="access_admin").exists()


# An Author --------------------------------------------------------------------------------


def test_author_creates_an_unpublished_article_draft_under_a_rubric_in_the_admin(
    client, editions, author_user
):
    politics = factories.rubric("en", "politics")
    client.force_login(author_user)
    response = client.post(add_url(politics), article_form("Water talks", "water-talks"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = ArticlePage.objects.get(slug="water-talks")
    assert page.get_parent().id == politics.id
    assert page.locale.language_code == "en"
    assert page.owner_id == author_user.id
    assert not page.live and page.has_unpublished_changes
    assert page.get_latest_revision().user_id == author_user.id


def test_author_cannot_publish_from_the_admin_create_form(client, editions, author_user):
    client.force_login(author_user)
    data = article_form("Water talks", "water-talks", **{"action-publish": "action-publish"})
    response = client.post(add_url(factories.rubric()), data)
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="water-talks")  # saved, as a draft
    assert not page.live and page.live_revision is None


def test_author_cannot_publish_their_own_draft_from_the_admin_edit_form(
    client, editions, author_user
):
    page = draft_of(author_user)
    revisions_before = page.revisions.count()
    client.force_login(author_user)
    data = article_form("Edited headline", page.slug, **{"action-publish": "action-publish"})
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    page = reloaded(page)
    assert page.revisions.count() == revisions_before + 1  # the edit is kept as a draft
    assert page.get_latest_revision_as_object().title == "Edited headline"
    assert not page.live and page.live_revision is None


def test_author_cannot_edit_an_article_someone_else_owns(
    client, editions, author_user, other_author_user
):
    page = draft_of(other_author_user)
    revisions_before = page.revisions.count()
    client.force_login(author_user)
    assert client.get(edit_url(page)).status_code in (302, 403)
    response = client.post(edit_url(page), article_form("Hijacked", page.slug))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url != edit_url(page)
    page = reloaded(page)
    assert page.revisions.count() == revisions_before
    assert page.get_latest_revision_as_object().title != "Hijacked"


def test_author_cannot_publish_with_the_bulk_publish_action(client, editions, author_user):
    page = draft_of(author_user)
    client.force_login(author_user)
    url = bulk_publish_url(page)
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert [item["item"].id for item in confirmation.context["items_with_no_access"]] == [page.id]
    client.post(url, {"include_descendants": "on"})
    page = reloaded(page)
    assert not page.live and page.live_revision is None


def test_author_cannot_publish_by_reverting_to_an_earlier_revision(client, editions, author_user):
    page = draft_of(author_user)
    first = page.latest_revision
    client.force_login(author_user)
    assert client.post(edit_url(page), article_form("Second", page.slug)).status_code == 302
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(page.id, first.id))
    data = article_form(page.title, page.slug, **{"action-publish": "action-publish"})
    response = client.post(revert, data)
    assert response.status_code == 302
    page = reloaded(page)
    assert page.revisions.count() == 3  # the revert is saved, as a draft
    assert not page.live and page.live_revision is None


def test_scheduled_publishing_does_not_publish_an_authors_draft_dated_in_the_past(
    client, editions, author_user
):
    page = draft_of(author_user)
    client.force_login(author_user)
    past = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    response = client.post(edit_url(page), article_form(page.title, page.slug, go_live_at=past))
    assert response.status_code == 302
    page = reloaded(page)
    assert page.go_live_at is not None and page.go_live_at < timezone.now()
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    call_command("publish_scheduled")
    assert not reloaded(page).live


def test_article_save_refuses_to_publish_for_an_author_and_saves_nothing(editions, author_user):
    articles_before, revisions_before = ArticlePage.objects.count(), Revision.objects.count()
    data = ArticleInput(
        rubric=factories.rubric(),
        headline="Refused headline",
        lead="Lead.",
        body=[("paragraph", text_to_paragraph_html("Body."))],
    )
    with pytest.raises(PermissionDenied):
        article_save(data, user=author_user, publish=True)
    assert ArticlePage.objects.count() == articles_before
    assert Revision.objects.count() == revisions_before
    assert not ArticlePage.objects.filter(title="Refused headline").exists()


def test_author_cannot_publish_through_the_admin_api_page_actions(
    client, editions, author_user, editor_user
):
    draft = draft_of(author_user)
    live = own_article_an_editor_published(author_user, editor_user)  # so it may be copied
    pages_before = Page.objects.count()
    client.force_login(author_user)
    api = "/admin/api/main/pages/{}/action/{}/"
    rubric_id = factories.rubric("en", "economy").id
    attempts = [
        (draft, "publish", {}),
        (live, "copy", {"destination_page_id": rubric_id, "slug": "copied", "keep_live": True}),
        (live, "create_alias", {"destination_page_id": rubric_id, "update_slug": "aliased"}),
    ]
    for page, action, payload in attempts:
        url = api.format(page.id, action)
        response = client.post(url, payload, content_type="application/json")
        assert response.status_code == 403, (action, response.status_code)
    assert not reloaded(draft).live
    assert Page.objects.count() == pages_before


def test_author_cannot_publish_a_copy_or_an_alias_of_a_live_article(
    client, editions, author_user, editor_user
):
    live = own_article_an_editor_published(author_user, editor_user)  # so it may be copied
    economy = factories.rubric("en", "economy")
    client.force_login(author_user)
    copy_url = reverse("wagtailadmin_pages:copy", args=(live.id,))
    base = {"new_title": "Copy", "new_parent_page": economy.id}
    # Without publish permission the form has neither an "alias" nor a "publish copies"
    # box: both requests make an ordinary draft copy.
    for slug, box in (("aliased", "alias"), ("published", "publish_copies")):
        assert client.post(copy_url, {**base, "new_slug": slug, box: "on"}).status_code == 302
        copy = ArticlePage.objects.get(slug=slug)
        assert copy.get_parent().id == economy.id and copy.owner_id == author_user.id
        assert copy.alias_of_id is None
        assert not copy.live and copy.live_revision is None


def test_author_cannot_approve_their_own_submission(client, editions, author_user):
    client.force_login(author_user)
    data = article_form("Submitted", "submitted", **{"action-submit": "action-submit"})
    assert client.post(add_url(factories.rubric()), data).status_code == 302
    page = ArticlePage.objects.get(slug="submitted")
    task = page.current_workflow_task
    assert task is not None and task.get_actions(page, author_user) == []
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    client.post(edit_url(page), article_form("Submitted", "submitted", **approve))
    assert not reloaded(page).live


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/",
        "/api/v2/pages/find/?html_path=/en/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/page_preview/1/",
        "/api/",
        "/api/docs",
        "/en/api/v2/pages/",
    ],
)
def test_no_public_content_api_is_mounted(client, editions, path):
    assert client.get(path, follow=True).status_code == 404


def test_the_admin_api_is_closed_to_anonymous_readers(client, editions):
    page = factories.article(headline="Live article")
    assert client.get("/admin/api/main/pages/").status_code in (302, 403)
    response = client.post(f"/admin/api/main/pages/{page.id}/action/unpublish/", {})
    assert response.status_code in (302, 403)
    assert reloaded(page).live


# An Editor --------------------------------------------------------------------------------


def test_editor_publishes_from_the_admin_create_form(client, editions, editor_user):
    client.force_login(editor_user)
    data = article_form("Editor's piece", "editors-piece", **{"action-publish": "action-publish"})
    assert client.post(add_url(factories.rubric()), data).status_code == 302
    page = ArticlePage.objects.get(slug="editors-piece")
    assert page.live and page.live_revision.user_id == editor_user.id


def test_editor_publishes_an_authors_draft_with_the_bulk_publish_action(
    client, editions, author_user, editor_user
):
    pages = [draft_of(author_user, f"Draft number {n}") for n in (1, 2)]
    client.force_login(editor_user)
    response = client.post(bulk_publish_url(*pages), {"include_descendants": "on"})
    assert response.status_code == 302
    assert all(reloaded(page).live for page in pages)


def test_editor_publishes_an_article_an_author_submitted_for_review(
    client, editions, author_user, editor_user
):
    client.force_login(author_user)
    data = article_form("For review", "for-review", **{"action-submit": "action-submit"})
    assert client.post(add_url(factories.rubric()), data).status_code == 302
    page = ArticlePage.objects.get(slug="for-review")
    assert page.current_workflow_task is not None
    client.force_login(editor_user)
    data = article_form("For review", "for-review", **{"action-publish": "action-publish"})
    client.post(edit_url(page), data)
    assert reloaded(page).live, "an Editor cannot publish an article that is in review"


# A Translator -----------------------------------------------------------------------------


def submit_translation(client, page, locale, on_commit):
    submit = reverse("wagtail_localize:submit_page_translation", args=(page.id,))
    with on_commit(execute=True):
        assert client.post(submit, {"locales": [locale.id]}).status_code == 302
    return ArticlePage.objects.get(translation_key=page.translation_key, locale=locale)


def test_translator_submitting_a_translation_of_a_live_article_does_not_publish_it(
    client, editions, translator_user, django_capture_on_commit_callbacks
):
    source = factories.article(headline="Source article")  # live, in the en edition
    ru = Locale.objects.get(language_code="ru")
    client.force_login(translator_user)
    translation = submit_translation(client, source, ru, django_capture_on_commit_callbacks)
    assert not translation.permissions_for_user(translator_user).can_publish()
    assert not translation.live, "a Translator published a page by submitting a translation"


def test_translator_cannot_publish_translations_with_sync_and_publish_immediately(
    client, editions, translator_user, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False  # start from a draft
    source = factories.article(headline="Source article")
    ru = Locale.objects.get(language_code="ru")
    client.force_login(translator_user)
    translation = submit_translation(client, source, ru, django_capture_on_commit_callbacks)
    assert not translation.live
    translation_source = TranslationSource.objects.get_for_instance(source)
    update = reverse("wagtail_localize:update_translations", args=(translation_source.id,))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(update, {"publish_translations": "on"}).status_code == 302
    assert not reloaded(translation).live, "a Translator published a page via 'Sync'"
