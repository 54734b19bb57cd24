"""Template context every reader page needs."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME, "BASE_URL": settings.BASE_URL}
