"""Admin views: "Import archive" from any source the command takes, with its report.

One page per source (a WordPress export, an RSS or Atom feed, a web page, a DataLife
Engine database), each a form whose fields are the command's options; the import goes
through ``sources.import_source``, as ``vestnik import`` does, and runs in the request
(docs/adr/0008 says why); the page's script shows its progress meanwhile. A refused
source answers 400 with the form and the reason. Re-sending a form is harmless: records
are keyed, so a second run only updates.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from tempfile import TemporaryDirectory

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vestnik.importers.progress import progress_forget, progress_read, progress_to_cache
from vestnik.importers.records import ImportReport
from vestnik.importers.source_forms import (
    DleSourceForm,
    FeedSourceForm,
    PageSourceForm,
    SourceForm,
    WxrSourceForm,
)
from vestnik.importers.sources import SourceError, import_source

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


# (format, URL name, label): the sources, in the order the pages list them.
SOURCES = (
    ("wxr", "importers_archive", gettext_lazy("WordPress export")),
    ("feed", "importers_archive_feed", gettext_lazy("RSS or Atom feed")),
    ("url", "importers_archive_page", gettext_lazy("Web page")),
    ("dle", "importers_archive_dle", gettext_lazy("DataLife Engine")),
)


class SourceImportView(WagtailAdminTemplateMixin, FormView):
    form_class: type[SourceForm] = WxrSourceForm
    template_name = "importers/archive_import.html"
    page_title = gettext_lazy("Import archive")
    header_icon = "download"

    def get_initial(self):
        return {**super().get_initial(), "progress": _new_token()}

    def get_page_subtitle(self):
        return next(label for f, _name, label in SOURCES if f == self.form_class.format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Import"),
            submit_button_active_label=_("Importing…"),
            format=self.form_class.format,
            sources=[(f, reverse(name), label) for f, name, label in SOURCES],
            progress_url=reverse("importers_archive_progress", args=["0" * 32]),
        )
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        data, user_id = form.cleaned_data, self.request.user.pk
        try:
            with TemporaryDirectory(prefix="vestnik-import-") as temporary:
                report = import_source(
                    form.format,
                    data["edition"],
                    form.options(Path(temporary)),
                    dry_run=data["dry_run"],
                    progress=progress_to_cache(user_id, data["progress"]),
                )
        except SourceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        finally:
            progress_forget(user_id, data["progress"])
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(initial={**self.get_initial(), "edition": data["edition"]}),
                report=report,
                rows=report_rows(report),
                problems=report.problems[:PROBLEMS_SHOWN],
                problems_hidden=max(0, len(report.problems) - PROBLEMS_SHOWN),
                dry_run=data["dry_run"],
            )
        )


class WxrImportView(SourceImportView):
    form_class = WxrSourceForm


class FeedImportView(SourceImportView):
    form_class = FeedSourceForm


class PageImportView(SourceImportView):
    form_class = PageSourceForm


class DleImportView(SourceImportView):
    form_class = DleSourceForm


@never_cache
def progress_view(request, token: str) -> JsonResponse:
    """How far the user's import started with ``token`` has come (``progress_read``)."""
    return JsonResponse(progress_read(request.user.pk, token))


def _new_token() -> str:
    return uuid.uuid4().hex
