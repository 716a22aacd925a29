"""The site's content version: one row that every write to the content replaces (common/caching.py)."""

from django.db import models


class ContentVersionQuerySet(models.QuerySet):
    def current(self):
        """(token, changed_at, previous_changed_at) of the one row, or None when it is missing (a test
        database flushed after the migration that creates it)."""
        rows = self.filter(pk=ContentVersion.ROW).values_list("token", "changed_at", "previous_changed_at")
        return rows.first()


class ContentVersion(models.Model):
    """One row (pk 1). `token` is new at every write to a content app's model, in the write's own
    transaction; every cached response, computed value and API ETag is keyed on it."""

    ROW = 1

    # A fresh random value at each write: never reused, not even after a rolled-back write.
    token = models.CharField(max_length=32)
    # How many writes there have been: for whoever looks at the row, nothing reads it.
    writes = models.PositiveBigIntegerField(default=0)
    # When the token last changed (never earlier than before: the API's Last-Modified), and when the
    # token before it did (whether two versions share a second of HTTP's dates).
    changed_at = models.DateTimeField()
    previous_changed_at = models.DateTimeField(null=True, blank=True)

    objects = ContentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"{self.token} ({self.writes} writes, last at {self.changed_at:%Y-%m-%d %H:%M:%S})"
