"""The admin's import forms: plain-text pages and WordPress archives."""

from __future__ import annotations

import codecs
import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class TextImportForm(forms.Form):
    uploads = MultipleFileField(label=_("Text files"))
    language = forms.ChoiceField(label=_("Edition"), choices=settings.LANGUAGES)
    section = forms.CharField(
        label=_("Rubric"), required=False, help_text=_("Slug or name; else from the byline.")
    )
    key = forms.CharField(label=_("Import key"), required=False, max_length=200)
    publish = forms.BooleanField(label=_("Publish"), required=False)

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("key") and len(cleaned.get("uploads") or []) > 1:
            raise forms.ValidationError(_("An import key names one article: upload one file."))
        return cleaned


class ArchiveImportForm(forms.Form):
    """A WordPress export and, optionally, a zip of its uploads folder. Only the first
    bytes are looked at here (size, XML or zip); the parser checks the rest."""

    export = forms.FileField(
        label=_("WordPress export (WXR)"),
        help_text=_("The XML file WordPress makes under Tools → Export."),
    )
    uploads = forms.FileField(
        label=_("Pictures (zip)"),
        required=False,
        help_text=_("A zip of the site's wp-content/uploads folder; without it, no pictures."),
    )
    edition = forms.ChoiceField(label=_("Edition"), choices=settings.LANGUAGES)
    publish_as_is = forms.BooleanField(
        label=_("Keep published posts published"),
        required=False,
        help_text=_("Otherwise every post arrives as a draft for an editor to review."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run"), required=False, help_text=_("Read and check everything, write nothing.")
    )

    def clean_export(self):
        upload = self.cleaned_data["export"]
        _refuse_oversized(upload)
        head = upload.read(512)
        upload.seek(0)
        if not head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
            raise forms.ValidationError(
                _("%(name)s is not an XML file: upload the export WordPress made."),
                params={"name": upload.name},
            )
        return upload

    def clean_uploads(self):
        upload = self.cleaned_data.get("uploads")
        if not upload:
            return None
        _refuse_oversized(upload)
        if not zipfile.is_zipfile(upload):
            raise forms.ValidationError(
                _("%(name)s is not a zip file."), params={"name": upload.name}
            )
        upload.seek(0)
        return upload


def _refuse_oversized(upload) -> None:
    limit = settings.VESTNIK_IMPORT_MAX_ARCHIVE_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("%(name)s is larger than the limit of %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(limit)},
        )
