"""Admin view: upload plain-text page dumps; each becomes an article (or a clear error)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vestnik.core.batching import batch, finish
from vestnik.importers.forms import TextImportForm
from vestnik.importers.services import text_import
from vestnik.importers.textparse import TextImportError


class TextImportView(WagtailAdminTemplateMixin, FormView):
    form_class = TextImportForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = "Import text"
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_url=reverse("importers_text"), submit_button_label=_("Import"))
        return context

    def _import_one(self, upload, data) -> None:
        options = {
            "name": upload.name,
            "language_code": data["language"],
            "section": data["section"] or None,
            "key": data["key"] or None,
            "user": self.request.user,
        }
        if upload.size > settings.VESTNIK_IMPORT_MAX_BYTES:
            raise TextImportError(
                upload.name, f"larger than the limit of {settings.VESTNIK_IMPORT_MAX_BYTES} bytes"
            )
        content = upload.read()
        try:
            result = text_import(content, publish=data["publish"], **options)
        except PermissionDenied:
            result = text_import(content, publish=False, **options)
            messages.warning(
                self.request, _("%(name)s: saved as a draft; your role may not publish.")
                % {"name": upload.name},
            )  # fmt: skip
        state = _("published") if result.published else _("draft")
        messages.success(self.request, f"{upload.name}: {result.article.title} ({state})")

    def form_valid(self, form):
        pending: dict[str, set[int]] = {}
        try:
            with batch() as pending:
                for upload in form.cleaned_data["uploads"]:
                    try:
                        self._import_one(upload, form.cleaned_data)
                    except (TextImportError, PermissionDenied) as error:
                        messages.error(self.request, str(error))
        finally:
            finish(pending)
        return redirect("importers_text")  # a reload must not import again
