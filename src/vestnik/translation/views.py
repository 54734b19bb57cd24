"""wagtail-localize's "Sync translated pages", made safe.

- Publishing needs the right to publish every target (wagtail-localize checks only its
  own ``submit_translation`` permission).
- The sync refreshes the source first; a target is published only if, against the
  refreshed source, none of its segments is untranslated. The others are saved as
  drafts and the editor is told which.
- Machine translation runs in a task after the commit, never in the request.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView

from vestnik.translation.guards import untranslated_segments


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
        # wagtail-localize refreshes the source; publishing and machine work follow here.
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
