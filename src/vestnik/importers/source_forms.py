"""The admin's "Import archive" forms, one per source the command takes.

Each form checks what can be checked without reading the source (sizes, "looks like XML",
"is a zip", an http(s) address, a rubric of the chosen edition) and turns its fields into
the options ``vestnik import FORMAT`` would pass (``options``), so the import itself goes
through ``sources.import_source`` as the command's does. Uploaded files become
``sources.Upload``s written under a temporary folder; a typed address is only ever an
http(s) URL, fetched by the safe fetcher: the server's own files are never read.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator, URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from vestnik.importers.sources import Upload
from vestnik.newsroom.models import RubricPage

WEB_ADDRESS = URLValidator(schemes=["http", "https"], message=_("Enter an http or https address."))


class SourceForm(forms.Form):
    """What every source takes: the edition, a dry run, and the progress token the page's
    script polls with."""

    format: ClassVar[str]
    edition = forms.ChoiceField(label=_("Edition"), choices=settings.LANGUAGES)
    dry_run = forms.BooleanField(
        label=_("Dry run"), required=False, help_text=_("Read and check everything, write nothing.")
    )
    progress = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        validators=[RegexValidator(r"^[0-9a-f]{32}$")],
    )

    def options(self, folder: Path) -> dict[str, Any]:
        """The command's options for this source; uploads are written under ``folder``."""
        raise NotImplementedError


class WxrSourceForm(SourceForm):
    """A WordPress export and, optionally, a zip of its uploads folder."""

    format = "wxr"
    export = forms.FileField(
        label=_("WordPress export (WXR)"),
        help_text=_("The XML file WordPress makes under Tools → Export."),
    )
    uploads = forms.FileField(
        label=_("Pictures (zip)"),
        required=False,
        help_text=_("A zip of the site's wp-content/uploads folder; without it, no pictures."),
    )
    fetch_images = forms.BooleanField(
        label=_("Fetch the pictures from their addresses"),
        required=False,
        help_text=_("Without a zip: each picture is fetched from the old site, safely."),
    )
    publish_as_is = forms.BooleanField(
        label=_("Keep published posts published"),
        required=False,
        help_text=_("Otherwise every post arrives as a draft for an editor to review."),
    )
    field_order = ["export", "uploads", "fetch_images", "edition", "publish_as_is", "dry_run"]

    def clean_export(self) -> UploadedFile:
        upload = self.cleaned_data["export"]
        refuse_oversized(upload, settings.VESTNIK_IMPORT_MAX_ARCHIVE_BYTES)
        if not _looks_like_xml(upload):
            raise forms.ValidationError(
                _("%(name)s is not an XML file: upload the export WordPress made."),
                params={"name": upload.name},
            )
        return upload

    def clean_uploads(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("uploads")
        if not upload:
            return None
        refuse_oversized(upload, settings.VESTNIK_IMPORT_MAX_ARCHIVE_BYTES)
        if not zipfile.is_zipfile(upload):
            raise forms.ValidationError(
                _("%(name)s is not a zip file."), params={"name": upload.name}
            )
        upload.seek(0)
        return upload

    def options(self, folder: Path) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "file": saved(data["export"], folder, "export.xml"),
            "uploads": saved(data["uploads"], folder, "uploads.zip") if data["uploads"] else None,
            "fetch_images": data["fetch_images"],
            "publish_as_is": data["publish_as_is"],
        }


class RubricChoiceField(forms.ChoiceField):
    """A rubric of any edition, listed by edition with its rubrics above it; cleaned to
    the RubricPage (one query to list, one to clean)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_rubric_choices, **kwargs)

    def clean(self, value: Any) -> RubricPage | None:
        value = super().clean(value)
        if not value:
            return None
        rubric = RubricPage.objects.select_related("locale").filter(id=value).first()
        if rubric is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"] % {"value": value})
        return rubric


def _rubric_choices() -> list[tuple[str, Any]]:
    rubrics = list(
        RubricPage.objects.select_related("locale")
        .order_by("path")
        .only("id", "title", "path", "depth", "locale__language_code")
    )
    titles = {rubric.path: rubric.title for rubric in rubrics}
    step = RubricPage.steplen
    groups: dict[str, list[tuple[int, str]]] = {}
    for rubric in rubrics:
        above = [titles.get(rubric.path[: depth * step]) for depth in range(3, rubric.depth)]
        label = " › ".join([*filter(None, above), rubric.title])
        groups.setdefault(rubric.locale.language_code, []).append((rubric.id, label))
    editions = [(name, groups[code]) for code, name in settings.LANGUAGES if code in groups]
    return [("", "---------"), *editions]


class RubricSourceForm(SourceForm):
    """What the sources with a chosen rubric share: the rubric must be of the edition."""

    rubric_required: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rubric"].required = self.rubric_required

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rubric, edition = cleaned.get("rubric"), cleaned.get("edition")
        if rubric is not None and edition and rubric.locale.language_code != edition:
            message = _("%(rubric)s is a rubric of another edition: choose one of this edition.")
            self.add_error("rubric", forms.ValidationError(message, params={"rubric": rubric}))
        return cleaned


class _AtAddressOrFile(RubricSourceForm):
    """A feed or a web page: an http(s) address fetched safely, or a saved file."""

    url = forms.CharField(
        label=_("Address"), required=False, max_length=2000, validators=[WEB_ADDRESS]
    )
    file = forms.FileField(label=_("Or a saved file"), required=False)
    rubric = RubricChoiceField(label=_("Rubric"))
    publish = forms.BooleanField(
        label=_("Publish"), required=False, help_text=_("Otherwise the articles arrive as drafts.")
    )
    field_order = ["url", "file", "edition", "rubric", "publish", "dry_run"]

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if upload:
            refuse_oversized(upload, settings.VESTNIK_FETCH_MAX_BYTES)
        return upload or None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_url, has_file = bool(cleaned.get("url")), bool(cleaned.get("file"))
        if has_url == has_file and not self.has_error("url") and not self.has_error("file"):
            raise forms.ValidationError(_("Give either an address or a saved file."))
        return cleaned

    def options(self, folder: Path) -> dict[str, Any]:
        data = self.cleaned_data
        location = data["url"] or saved(data["file"], folder, "saved")
        return {"location": location, "rubric": data["rubric"], "publish": data["publish"]}


class FeedSourceForm(_AtAddressOrFile):
    format = "feed"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["url"].label = _("Feed address")
        self.fields["url"].help_text = _("An RSS or Atom feed; its entries become articles.")


class PageSourceForm(_AtAddressOrFile):
    format = "url"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["url"].label = _("Article address")
        self.fields["url"].help_text = _("One article's page on another site.")
        self.fields["file"].help_text = _("The page saved from a browser, as HTML.")


class DatabaseAddressInput(forms.TextInput):
    """Shows a typed database address again without its password."""

    def format_value(self, value: Any) -> str | None:
        text = super().format_value(value)
        if not text:
            return text
        parts = urlsplit(text)
        try:
            password = parts.password
        except ValueError:
            return text
        if password is None:
            return text
        return parts._replace(netloc=parts.netloc.replace(f":{password}@", "@", 1)).geturl()


class DleSourceForm(RubricSourceForm):
    """A DataLife Engine site's MySQL/MariaDB database, as ``vestnik import dle`` reads it."""

    format = "dle"
    rubric_required = False
    database = forms.CharField(
        label=_("Database address"),
        max_length=500,
        widget=DatabaseAddressInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Like mysql://user:password@host:3306/name. The password is not shown again."),
    )
    table_prefix = forms.CharField(
        label=_("Table prefix"), initial="dle_", max_length=32, required=False
    )
    timezone = forms.CharField(
        label=_("The site's time zone"), initial="Asia/Bishkek", max_length=64
    )
    base_url = forms.CharField(
        label=_("The old site's address"),
        required=False,
        max_length=300,
        validators=[WEB_ADDRESS],
        help_text=_("To fetch the posts' pictures from it, safely; without it, no pictures."),
    )
    path_prefix = forms.CharField(
        label=_("Folder the site was served from"),
        required=False,
        max_length=100,
        help_text=_("Such as /en, when the old addresses began with it."),
    )
    rubric = RubricChoiceField(
        label=_("Rubric"), help_text=_("For posts without a category; else they fail.")
    )
    publish_as_is = forms.BooleanField(
        label=_("Keep published posts published"),
        required=False,
        help_text=_("Otherwise every post arrives as a draft for an editor to review."),
    )
    field_order = [
        "database", "table_prefix", "timezone", "base_url", "path_prefix",
        "edition", "rubric", "publish_as_is", "dry_run",
    ]  # fmt: skip

    def options(self, folder: Path) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "database": data["database"].strip(),
            "prefix": data["table_prefix"],
            "timezone": data["timezone"].strip(),
            "base_url": data["base_url"],
            "path_prefix": data["path_prefix"],
            "rubric": data["rubric"],
            "publish_as_is": data["publish_as_is"],
        }


def refuse_oversized(upload: UploadedFile, limit: int) -> None:
    """A form error naming ``upload`` when it is larger than ``limit`` bytes."""
    if (upload.size or 0) > limit:
        raise forms.ValidationError(
            _("%(name)s is larger than the limit of %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(limit)},
        )


def _looks_like_xml(upload: UploadedFile) -> bool:
    head = upload.read(512)
    upload.seek(0)
    return head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<")


def saved(upload: UploadedFile, folder: Path, file_name: str) -> Upload:
    """The upload as a file on disk, known by the name it was sent under: Django's own
    temporary file when it made one (it lives until the request ends), else
    ``folder / file_name`` written chunk by chunk (never the whole upload in memory)."""
    name = Path(upload.name or "").name or file_name
    temporary = getattr(upload, "temporary_file_path", None)
    if temporary is not None:
        return Upload(Path(temporary()), name)
    target = folder / file_name
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return Upload(target, name)
