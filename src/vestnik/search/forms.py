"""The search filters: an invalid value is ignored, never an error page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vestnik.newsroom.models import RubricPage
from vestnik.search.selectors import SearchFilters


class SearchFilterForm(forms.Form):
    rubric = forms.TypedChoiceField(label=_("Rubric"), coerce=int, required=False, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def __init__(self, data, rubrics: list[RubricPage]):
        super().__init__(data)
        self.rubrics = {rubric.id: rubric for rubric in rubrics}
        self.fields["rubric"].choices = [("", _("All rubrics"))] + [  # type: ignore[attr-defined]
            (rubric.id, rubric.title) for rubric in rubrics
        ]

    def filters(self) -> SearchFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return SearchFilters(
            rubric=self.rubrics.get(data.get("rubric")),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
