"""The reader search page of each edition: thin, never indexed by search engines."""

from django.shortcuts import render
from wagtail.models import Locale

from vestnik.newsroom import selectors as newsroom_selectors
from vestnik.search.forms import SearchFilterForm
from vestnik.search.selectors import search_articles


def search(request):
    locale = Locale.get_active()
    home = newsroom_selectors.edition_home(locale)
    rubrics = newsroom_selectors.rubrics_of_edition(home) if home else []
    form = SearchFilterForm(request.GET, rubrics)
    results = search_articles(
        locale, request.GET.get("q", ""), form.filters(), request.GET.get("page", 1)
    )
    query_string = request.GET.copy()
    query_string.pop("page", None)
    response = render(
        request,
        "search/search.html",
        {
            "edition_home": home,
            "form": form,
            "search": results,
            "query_string": query_string.urlencode(),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
