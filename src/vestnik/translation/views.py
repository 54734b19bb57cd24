"""Guards on wagtail-localize's admin views: translating never bypasses publish rights."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView

from vestnik.translation.guards import untranslated_segments


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages" may publish only for users who may publish every target.

    wagtail-localize checks only its own ``submit_translation`` permission here.
    """

    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations"):
            for translation in self.object.translations.filter(enabled=True):
                target = translation.get_target_instance()
                if not isinstance(target, Page):
                    continue
                if not target.permissions_for_user(self.request.user).can_publish():
                    raise PermissionDenied
                # Checked against the source as it is now, before the sync refreshes it.
                if untranslated_segments(target):
                    form.add_error(
                        "publish_translations",
                        _("%(title)s has untranslated segments: sync without publishing.")
                        % {"title": target.get_admin_display_title()},
                    )
                    return self.form_invalid(form)
        return super().form_valid(form)
