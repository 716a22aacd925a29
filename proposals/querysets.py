"""Reads of proposals, under names: the receipt's, the admin's, the counts by status."""

from django.db import models
from django.db.models import Count

from .references import parse


class ProposalQuerySet(models.QuerySet):
    def by_reference(self, text):
        """The proposals (none or one) whose reference is `text`, typed in any case, with or without
        its dash."""
        reference = parse(text)
        return self.filter(reference=reference) if reference else self.none()

    def for_receipt(self):
        """Only what the receipt shows: never the e-mail or the texts."""
        return self.only("reference", "created_at", "title")

    def for_admin(self):
        return self.select_related("country", "decided_by", "practice")

    def counts_by_status(self):
        """{status: number of proposals}, every status present in the rows."""
        return dict(self.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
