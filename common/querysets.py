"""Bases of the apps' querysets, each attached to its model with `.as_manager()`."""

from django.db import models
from django.db.models import Count, Q


class NaturalKeyQuerySet(models.QuerySet):
    """Rows named by a unique public key (`natural_key_field`: a slug, or a country's code).

    `as_manager()` copies `get_by_natural_key` to the manager, which is what fixtures load with.
    """

    natural_key_field = "slug"

    def get_by_natural_key(self, key):
        return self.get(**{self.natural_key_field: key})


def count_among(path, rows):
    """Count of the rows related through `path` that are also in `rows` (a queryset), each once.

    For annotations such as "practices of this country that the user may see": one aggregate over a
    join, whatever the number of rows annotated.
    """
    return Count(path, filter=Q(**{f"{path}__in": rows.order_by().values("pk")}), distinct=True)
