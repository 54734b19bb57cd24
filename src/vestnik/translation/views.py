"""Admin views of translation: machine translation started from the admin, run in a task;
wagtail-localize's "Sync translated pages", made safe; the stale translations report.

Machine translation ("Translate by machine into <edition>" on a page, wagtail-localize's
own "Translate with <engine>" button in its editor): a POST queues the task and answers
at once; the engine is asked after the commit, never in the request.

"Sync translated pages":

- Publishing needs the right to publish every target (wagtail-localize checks only its
  own ``submit_translation`` permission).
- The sync refreshes the source first, marking changed segments stale as a publish does
  (``services.source_refresh``); a target is published only if, against the refreshed
  source, none of its segments is untranslated. The others are saved as
  drafts and the editor is told which.
- Machine translation runs in a task after the commit, never in the request.

The stale translations report (under Reports): every translated page whose source
changed under it, with what changed, for whoever may translate.
"""

import html
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.ui.tables import Column, DateColumn, LocaleColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from vestnik.translation import selectors, services
from vestnik.translation.guards import untranslated_segments

SUBMIT = "wagtail_localize.submit_translation"


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    def form_valid(self, form):
        publish = bool(form.cleaned_data.get("publish_translations"))
        machine = bool(form.cleaned_data.get("use_machine_translation"))
        translations = list(self.object.translations.filter(enabled=True))
        targets = [t.get_target_instance() for t in translations]
        if publish and any(
            isinstance(target, Page)
            and not target.permissions_for_user(self.request.user).can_publish()
            for target in targets
        ):
            raise PermissionDenied
        # Refreshed here to mark stale segments; wagtail-localize's refresh then finds
        # nothing new. Publishing and machine work follow below.
        services.source_refresh(self.object.id)
        form.cleaned_data["publish_translations"] = False
        form.cleaned_data["use_machine_translation"] = False
        response = super().form_valid(form)
        for translation, target in zip(translations, targets, strict=True):
            if machine:
                from vestnik.translation import tasks

                transaction.on_commit(
                    partial(tasks.machine_translate.enqueue, translation.id, self.request.user.pk)
                )
            if not publish:
                continue
            missing = untranslated_segments(target) if isinstance(target, Page) else []
            translation.save_target(user=self.request.user, publish=not missing)
            if missing:
                messages.warning(
                    self.request,
                    _("%(title)s has untranslated segments: saved as a draft, not published.")
                    % {"title": target.get_admin_display_title()},
                )
        return response


def _queued(request, translation: Translation) -> None:
    messages.success(
        request,
        _(
            "Machine translation into %(edition)s runs in the background: reload the "
            "translation in a minute to see it. It stays a draft until someone publishes it."
        )
        % {"edition": translation.target_locale.get_display_name()},
    )


def _edit_url(translation: Translation) -> str:
    target = translation.get_target_instance()
    if isinstance(target, Page):
        return reverse("wagtailadmin_pages:edit", args=[target.id])
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "POST"])
def machine_translate_page(request, page_id: int, language_code: str):
    """GET asks to confirm; POST translates the page into the edition by machine (the
    translation started if there is none) and opens the translation's editor."""
    if not request.user.has_perm(SUBMIT):
        raise PermissionDenied
    page = get_object_or_404(Page, id=page_id, depth__gt=1).specific  # not the tree's root
    locale = get_object_or_404(Locale, language_code=language_code)
    if request.method == "GET":
        context = {"page": page, "locale": locale, "edition": locale.get_display_name()}
        return TemplateResponse(request, "translation/admin/machine_translate.html", context)
    try:
        translation = services.machine_translation_start(page, locale, request.user)
    except ValueError:
        messages.error(
            request,
            _("“%(title)s” has its own version in %(edition)s: a machine may not overwrite it.")
            % {"title": page.get_admin_display_title(), "edition": locale.get_display_name()},
        )
        return redirect("wagtailadmin_pages:edit", page.id)
    except LookupError:
        messages.error(request, _("No machine translator is configured for this edition."))
        return redirect("wagtailadmin_pages:edit", page.id)
    _queued(request, translation)
    return redirect(_edit_url(translation))


@require_POST
def machine_translate_in_task(request, translation_id: int):
    """Replaces wagtail-localize's "Translate with <engine>" (which asks the engine in the
    request): queues the task and goes back to the editor."""
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"), id=translation_id
    )
    try:
        services.machine_translation_queue(translation, request.user)
    except LookupError as error:
        raise Http404("No machine translator for these editions") from error
    _queued(request, translation)
    return redirect(get_valid_next_url_from_request(request) or _edit_url(translation))


def may_review_translations(user) -> bool:
    """Editors, Translators and Administrators: whoever may start translations."""
    return user.has_perm("wagtail_localize.submit_translation")


class ChangesColumn(Column):
    """Each stale segment: its old and new source text, as plain text, shortened."""

    cell_template_name = "translation/admin/stale_changes_cell.html"

    def get_value(self, instance):
        return [
            (_shortened(change.old_source_text), _shortened(change.new_source_text))
            for change in instance.stale.changes
        ]


def _shortened(segment_html: str) -> str:
    # Segments are HTML (inline tags, entities); the template escapes what is left.
    return Truncator(html.unescape(strip_tags(segment_html))).chars(80)


class StaleTranslationsReportView(ReportView):
    """Every translation whose source changed under it, with what changed."""

    page_title = gettext_lazy("Stale translations")
    header_icon = "warning"
    index_url_name = "translation_stale_report"
    index_results_url_name = "translation_stale_report_results"
    results_template_name = "translation/admin/stale_report_results.html"
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Translated page"),
            accessor="get_admin_display_title",
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.id]),
        ),
        LocaleColumn(label=gettext_lazy("Edition"), sort_key=None),
        TitleColumn(
            "original",
            label=gettext_lazy("Original page"),
            accessor="stale.source_page.get_admin_display_title",
            get_url=lambda page: (
                reverse("wagtailadmin_pages:edit", args=[page.stale.source_page.id])
                if page.stale.source_page
                else None
            ),
        ),
        DateColumn("stale_since", label=gettext_lazy("Stale since")),
        ChangesColumn("changes", label=gettext_lazy("What changed")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_review_translations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.stale_translated_pages()

    def decorate_paginated_queryset(self, object_list):
        # The table renders these same objects (Wagtail's reports decorate in place).
        pages = list(object_list)
        details = selectors.stale_details(pages)
        for page in pages:
            page.stale = details[page.id]
        return object_list
