"""API views of regions, countries and liaison offices (read-only, with practice counts)."""

from django.db.models import Prefetch
from rest_framework import viewsets

from catalogue.api.conditional import ConditionalGetMixin
from catalogue.models import Practice

from ..filtersets import CountryFilterSet, LiaisonOfficeFilterSet, RegionFilterSet
from ..models import Country, LiaisonOffice
from ..querysets import countries, liaison_offices, regions
from .serializers import CountrySerializer, LiaisonOfficeSerializer, RegionSerializer


def _countries_by_name():
    return Prefetch("countries", queryset=Country.objects.order_by("name", "code"))


class RegionViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """The four ISSA regions, with their countries and the number of their published practices."""

    lookup_field = "slug"
    filterset_class = RegionFilterSet
    serializer_class = RegionSerializer
    queryset = regions().none()

    def get_queryset(self):
        return (
            regions()
            .with_practice_counts(Practice.objects.published())
            .prefetch_related(_countries_by_name())
            .order_by("position", "slug")
        )


class CountryViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Countries by ISO 3166-1 alpha-2 code (`/countries/UY/`; the code's case does not matter)."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"
    filterset_class = CountryFilterSet
    serializer_class = CountrySerializer
    queryset = countries().none()

    def get_queryset(self):
        return (
            countries()
            .select_related("region")
            .prefetch_related(
                Prefetch("liaison_offices", queryset=LiaisonOffice.objects.order_by("name", "slug"))
            )
            .with_practice_counts(Practice.objects.published())
            .order_by("name", "code")
        )

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


class LiaisonOfficeViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """ISSA liaison offices, the countries they serve and the published practices of those countries."""

    lookup_field = "slug"
    filterset_class = LiaisonOfficeFilterSet
    serializer_class = LiaisonOfficeSerializer
    queryset = liaison_offices().none()

    def get_queryset(self):
        return (
            liaison_offices()
            .for_detail()
            .with_practice_counts(Practice.objects.published())
            .order_by("name", "slug")
        )
