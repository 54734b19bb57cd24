"""Admin URLs of translation, some replacing wagtail-localize's own (the same paths); mounted
before the admin's URLs."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from vestnik.translation.views import (
    GuardedUpdateTranslationsView,
    machine_translate_in_task,
    machine_translate_page,
)

urlpatterns = [
    path(
        "localize/translate/<int:translation_id>/machine_translate/",
        require_admin_access(machine_translate_in_task),
        name="machine_translate",
    ),
    path(
        "translation/page/<int:page_id>/machine/<str:language_code>/",
        require_admin_access(machine_translate_page),
        name="machine_translate_page",
    ),
    path(
        "localize/update/<int:translation_source_id>/",
        require_admin_access(GuardedUpdateTranslationsView.as_view()),
        name="update_translations",
    ),
]
