"""Guards on wagtail-localize's admin views: translating never bypasses publish rights."""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages" may publish only for users who may publish every target.

    wagtail-localize checks only its own ``submit_translation`` permission here.
    """

    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations"):
            for translation in self.object.translations.filter(enabled=True):
                target = translation.get_target_instance()
                if (
                    isinstance(target, Page)
                    and not target.permissions_for_user(self.request.user).can_publish()
                ):
                    raise PermissionDenied
        return super().form_valid(form)
