"""The search filters: an invalid rubric or date is ignored, never an error page; an
author the edition does not have is reported, since ignoring it would widen the search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vestnik.newsroom.models import AuthorPage, RubricPage
from vestnik.search.selectors import SearchFilters


class SearchFilterForm(forms.Form):
    rubric = forms.TypedChoiceField(label=_("Rubric"), coerce=int, required=False, empty_value=None)
    author = forms.TypedChoiceField(
        label=_("Author"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("This edition has no such author.")},
    )
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def __init__(self, data, rubrics: list[RubricPage], authors: list[AuthorPage]):
        super().__init__(data)
        self.rubrics = {rubric.id: rubric for rubric in rubrics}
        self.authors = {author.id: author for author in authors}
        self.fields["rubric"].choices = [("", _("All rubrics"))] + [  # type: ignore[attr-defined]
            (rubric.id, rubric.title) for rubric in rubrics
        ]
        self.fields["author"].choices = [("", _("All authors"))] + [  # type: ignore[attr-defined]
            (author.id, author.title) for author in authors
        ]

    @property
    def author_unknown(self) -> bool:
        """An author was asked for that this edition does not have (or not a number)."""
        self.is_valid()
        return "author" in self.errors

    def filters(self) -> SearchFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return SearchFilters(
            rubric=self.rubrics.get(data.get("rubric")),
            author=self.authors.get(data.get("author")),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
