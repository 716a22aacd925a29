"""Read shaping for regions, countries and liaison offices, attached to the models as their managers.

Practices belong to countries (`catalogue.Practice.country`, reverse name `practices`): every
queryset here counts them with `with_practice_counts(practices)`, given the practices to count
(the caller's: `Practice.objects.published()`, or what a user may see). Nothing here imports the
catalogue; the relation's name is all this app knows of it.
"""

from django.db.models import Prefetch

from common.querysets import NaturalKeyQuerySet, count_among


class PracticeCountQuerySet(NaturalKeyQuerySet):
    """Base of the querysets of models that practices belong to (countries, areas, tiers, ...).

    `practice_path` is the lookup from the model to its practices.
    """

    practice_path = "practices"

    def with_practice_counts(self, practices, name="practice_count"):
        """Annotate `name` (`practice_count`): how many of `practices` (a Practice queryset) each row
        has. Pass `Practice.objects.visible_to(user)` so the counts match what the user can open.

        The rows keep the model's default order: Django leaves Meta.ordering out of a query that
        groups (as this count does), so it is made explicit here.
        """
        rows = self
        if not rows.query.order_by and rows.query.default_ordering:
            rows = rows.order_by(*self.model._meta.ordering)
        return rows.annotate(**{name: count_among(self.practice_path, practices)})

    def having_practices(self, practices):
        """Rows with at least one of `practices`, annotated with `practice_count` (one query)."""
        return self.with_practice_counts(practices).filter(practice_count__gt=0)


class RegionQuerySet(PracticeCountQuerySet):
    practice_path = "countries__practices"

    def for_api(self):
        """Regions with their countries by name (/api/v1/regions/): two queries."""
        from .models import Country

        return self.prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name", "code"))
        ).order_by("position", "slug")


class CountryQuerySet(PracticeCountQuerySet):
    natural_key_field = "code"

    def for_detail(self):
        return self.select_related("region")

    def for_api(self):
        """Countries with their region and liaison offices (/api/v1/countries/): two queries."""
        from .models import LiaisonOffice

        return (
            self.select_related("region")
            .prefetch_related(
                Prefetch("liaison_offices", queryset=LiaisonOffice.objects.order_by("name", "slug"))
            )
            .order_by("name", "code")
        )


class LiaisonOfficeQuerySet(PracticeCountQuerySet):
    """A liaison office's practices are those of the countries it serves."""

    practice_path = "countries__practices"

    def for_detail(self):
        """An office with its region, its source and the countries it serves, by name."""
        from .models import Country

        return self.select_related("region", "source").prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name", "code"))
        )

    def for_api(self):
        return self.for_detail().order_by("name", "slug")
