"""The reader's comment form: shapes and sizes only; the rules live in the service."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _


class WebAddressField(forms.URLField):
    """An http or https address. Replaces URLField's own validator (which also allows ftp)
    rather than adding to it, so a bad address gets one error message, not two."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    email = forms.EmailField(
        label=_("E-mail (optional, never shown)"), required=False, max_length=254
    )
    website = WebAddressField(
        label=_("Website (optional)"), required=False, max_length=300, assume_scheme="https"
    )
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 6}))
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    token = forms.CharField(max_length=400, widget=forms.HiddenInput)
    # The honeypot: hidden from people (and from assistive technology), filled by bots.
    fax = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = settings.VESTNIK_COMMENTS_MAX_LENGTH
        self.fields["body"].widget.attrs["maxlength"] = settings.VESTNIK_COMMENTS_MAX_LENGTH
        self.fields["fax"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"), required=False, max_length=300
    )
