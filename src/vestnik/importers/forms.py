"""The admin's "Import text" form (the archive sources' forms are in ``source_forms``)."""

from __future__ import annotations

from django import forms
from django.conf import settings
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
