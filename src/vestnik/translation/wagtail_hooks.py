"""Admin hooks of translation: publishing a translation with untranslated segments is
refused on every admin path, with the segments named."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from vestnik.translation.guards import untranslated_segments


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
