"""The reader search page of each edition: thin, never indexed by search engines."""

from django.shortcuts import render
from wagtail.models import Locale

from vestnik.newsroom import selectors as newsroom_selectors
from vestnik.search import text
from vestnik.search.forms import SearchFilterForm
from vestnik.search.selectors import SearchResults, search_articles, search_authors


def search(request):
    locale = Locale.get_active()
    home = newsroom_selectors.edition_home(locale)
    rubrics = newsroom_selectors.rubrics_of_edition(home) if home else []
    form = SearchFilterForm(request.GET, rubrics, search_authors(locale))
    query = request.GET.get("q", "")
    if form.author_unknown:
        # A search without the author would mislead: the page says why nothing is shown.
        results = SearchResults(query=text.query_clean(query), terms=[])
        status = 404
    else:
        results = search_articles(locale, query, form.filters(), request.GET.get("page", 1))
        status = 200
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
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
