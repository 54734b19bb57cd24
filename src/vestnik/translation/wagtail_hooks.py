"""Admin hooks of translation: publishing a translation with untranslated segments is
refused on every admin path, with the segments named; pages offer "Translate by machine
into <edition>"; the stale translations report sits under Reports for whoever may translate."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation

from vestnik.translation.guards import untranslated_segments
from vestnik.translation.views import StaleTranslationsReportView, may_review_translations


def _refusal(request, page: Page, missing: list[str]):
    shown = "; ".join(Truncator(strip_tags(text)).chars(60) for text in missing[:5])
    messages.error(
        request,
        _("“%(title)s” cannot be published: %(count)d segments are not translated yet (%(shown)s).")
        % {"title": page.get_admin_display_title(), "count": len(missing), "shown": shown},
    )
    return redirect("wagtailadmin_pages:edit", page.id)


def _publishing(request) -> bool:
    # wagtail-localize's editor posts action=publish; Wagtail's own editor action-publish.
    return request.method == "POST" and (
        request.POST.get("action") == "publish" or "action-publish" in request.POST
    )


@hooks.register("before_edit_page", order=-100)  # before wagtail-localize's own hook
def refuse_publishing_untranslated_edit(request, page):
    if _publishing(request):
        missing = untranslated_segments(page)
        if missing:
            return _refusal(request, page, missing)
    return None


@hooks.register("before_publish_page")
def refuse_publishing_untranslated(request, page):
    missing = untranslated_segments(page)
    if missing:
        return _refusal(request, page, missing)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_untranslated(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    for page in objects:
        if isinstance(page, Page):
            missing = untranslated_segments(page)
            if missing:
                messages.error(
                    request,
                    _("“%(title)s” cannot be published: %(count)d segments are not translated yet.")
                    % {"title": page.get_admin_display_title(), "count": len(missing)},
                )
                return redirect(request.GET.get("next") or "wagtailadmin_home")
    return None


def machine_translation_buttons(page, user, view_name=None, next_url=None):
    """ "Translate by machine into <edition>" for each edition a machine may fill: one
    without a version of the page, or whose version is a wagtail-localize translation
    (never a version that people keep by hand)."""
    if page.depth < 3 or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if get_machine_translator() is None:
        return
    taken = set(page.get_translations().values_list("locale_id", flat=True))
    managed = set(
        Translation.objects.filter(
            source__object_id=page.translation_key, enabled=True
        ).values_list("target_locale_id", flat=True)
    )
    for locale in Locale.objects.exclude(id=page.locale_id).order_by("id"):
        if locale.id in taken and locale.id not in managed:
            continue
        yield Button(
            _("Translate by machine into %(edition)s") % {"edition": locale.get_display_name()},
            reverse(
                "vestnik_translation:machine_translate_page",
                args=[page.id, locale.language_code],
            ),
            priority=61,
            icon_name="wagtail-localize-language",
        )


hooks.register("register_page_header_buttons", machine_translation_buttons)
hooks.register("register_page_listing_more_buttons", machine_translation_buttons)


@hooks.register("register_admin_urls")
def stale_report_urls():
    return [
        path(
            "reports/stale-translations/",
            StaleTranslationsReportView.as_view(),
            name="translation_stale_report",
        ),
        path(
            "reports/stale-translations/results/",
            StaleTranslationsReportView.as_view(results_only=True),
            name="translation_stale_report_results",
        ),
    ]


class StaleReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review_translations(request.user)


@hooks.register("register_reports_menu_item")
def stale_report_menu_item():
    return StaleReportMenuItem(
        gettext_lazy("Stale translations"),
        reverse("translation_stale_report"),
        name="stale-translations",
        icon_name="warning",
        order=750,
    )
