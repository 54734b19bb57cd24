"""URL map: the admin and service endpoints without a prefix, every edition under its language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from vestnik.api.routes import api as api_v1
from vestnik.api.routes import not_found as api_not_found
from vestnik.core import views as core_views
from vestnik.distribution import urls as distribution_urls

urlpatterns = [
    path("admin/", include(("vestnik.translation.urls", "vestnik_translation"))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("beacon/", include("vestnik.mostread.urls")),
    path("", include((distribution_urls.root_urlpatterns, "distribution"))),
    # The read-only content API; Wagtail's own API (v2, preview) is deliberately not mounted.
    path("api/v1/", api_v1.urls),
    re_path(r"^api/", api_not_found),
]

if settings.VESTNIK_SERVE_MEDIA:
    from django.views.static import serve

    media = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns += i18n_patterns(
    path("comments/", include("vestnik.comments.urls")),
    path("search/", include("vestnik.search.urls")),
    path("feeds/", include((distribution_urls.urlpatterns, "feeds"))),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A database that is restarting answers 503 with Retry-After, not 500.
handler500 = "vestnik.core.views.server_error"
