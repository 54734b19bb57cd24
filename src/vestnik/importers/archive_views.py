"""Admin view: upload a WordPress export (and a zip of its pictures), see the report.

The import runs in the request, as ``vestnik import wxr`` would (docs/adr/0008 says
why); the page says so. A refused upload answers 400 with the form and its reason.
Re-sending the form is harmless: records are keyed, so a second run only updates.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vestnik.importers.archive import ArchiveRefused, upload_path, wxr_archive_import
from vestnik.importers.forms import ArchiveImportForm
from vestnik.importers.records import ImportReport

OUTCOMES = ("created", "updated", "unchanged", "skipped", "failed")
PROBLEMS_SHOWN = 200  # a broken archive may fail thousands of records; the page lists these


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    outcomes = {
        "created": _("Created"),
        "updated": _("Updated"),
        "unchanged": _("Unchanged"),
        "skipped": _("Skipped"),
        "failed": _("Failed"),
    }
    kinds = {
        "rubric": _("rubrics"),
        "author": _("authors"),
        "media": _("pictures"),
        "article": _("articles"),
        "comment": _("comments"),
    }
    return outcomes, kinds


def report_rows(report: ImportReport) -> list[tuple[str, int, str]]:
    """(outcome, records, "articles: 3, rubrics: 2") for each outcome, in a fixed order."""
    outcomes, kinds = _labels()
    rows = []
    for outcome in OUTCOMES:
        keys = sorted(k for k in report.counts if k.endswith(f" {outcome}"))
        detail = ", ".join(
            f"{kinds.get(k.split()[0], k.split()[0])}: {report.counts[k]}" for k in keys
        )
        rows.append((outcomes[outcome], report.counts[outcome], detail))
    return rows


class ArchiveImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ArchiveImportForm
    template_name = "importers/archive_import.html"
    page_title = gettext_lazy("Import archive")
    header_icon = "download"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Import"),
            submit_button_active_label=_("Importing…"),
        )
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        data = form.cleaned_data
        with TemporaryDirectory(prefix="vestnik-import-") as temporary:
            folder = Path(temporary)
            try:
                report = wxr_archive_import(
                    upload_path(data["export"], folder, "export.xml"),
                    name=data["export"].name,
                    edition=data["edition"],
                    uploads=upload_path(data["uploads"], folder, "uploads.zip")
                    if data["uploads"]
                    else None,
                    publish_as_is=data["publish_as_is"],
                    dry_run=data["dry_run"],
                )
            except ArchiveRefused as error:
                form.add_error(None, str(error))
                return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(initial={"edition": data["edition"]}),
                report=report,
                rows=report_rows(report),
                problems=report.problems[:PROBLEMS_SHOWN],
                problems_hidden=max(0, len(report.problems) - PROBLEMS_SHOWN),
                dry_run=data["dry_run"],
            )
        )
