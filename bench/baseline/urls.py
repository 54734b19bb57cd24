"""The baseline's one view: parse the form, insert one row, answer 201 with JSON."""

from __future__ import annotations

from bench.baseline.models import Note
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import timezone


def post(request: HttpRequest, article_id: int) -> JsonResponse:
    note = Note.objects.create(
        article_id=article_id,
        name=request.POST.get("name", ""),
        body=request.POST.get("body", ""),
        created_at=timezone.now(),
    )
    return JsonResponse({"id": note.id}, status=201)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("en/comments/<int:article_id>/", post),
    path("healthz", healthz),
]
