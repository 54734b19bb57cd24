"""The one table core needs: fixed-window counters for the database rate limiter.

Shared by every limit (comments, reports, logins), so it lives below the apps.
"""

from django.db import models


class RateCounter(models.Model):
    key = models.CharField(max_length=200)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="rate_counter_window")
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}: {self.count}"
