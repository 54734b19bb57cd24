from django.db import models


class Note(models.Model):
    """One posted row, shaped like a short comment."""

    article_id = models.IntegerField()
    name = models.CharField(max_length=80)
    body = models.TextField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"
