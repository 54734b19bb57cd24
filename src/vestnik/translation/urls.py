"""Admin URLs that replace wagtail-localize's own; mounted before the admin's URLs."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from vestnik.translation.views import GuardedUpdateTranslationsView

urlpatterns = [
    path(
        "localize/update/<int:translation_source_id>/",
        require_admin_access(GuardedUpdateTranslationsView.as_view()),
        name="update_translations",
    ),
]
