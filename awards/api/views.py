"""API views of priority areas, award tiers and competitions (read-only, with practice counts)."""

from rest_framework import viewsets

from catalogue.api.conditional import ConditionalGetMixin
from catalogue.models import Practice

from ..filtersets import CompetitionFilterSet, PriorityAreaFilterSet
from ..querysets import competitions, priority_areas, tiers
from .serializers import AwardTierSerializer, CompetitionSerializer, PriorityAreaSerializer


class PriorityAreaViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """The priority areas of the ISSA Good Practice Awards, with the number of published practices."""

    lookup_field = "slug"
    filterset_class = PriorityAreaFilterSet
    serializer_class = PriorityAreaSerializer
    queryset = priority_areas().none()

    def get_queryset(self):
        return (
            priority_areas().with_practice_counts(Practice.objects.published()).order_by("position", "slug")
        )


class AwardTierViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Award tiers from the Award (rank 1) to the Attestation (rank 4)."""

    lookup_field = "slug"
    filter_backends = []  # four rows, no parameters
    serializer_class = AwardTierSerializer
    queryset = tiers().none()

    def get_queryset(self):
        return tiers().with_practice_counts(Practice.objects.published()).order_by("rank")


class CompetitionViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Competitions (e.g. `americas-2017`) with their jury, areas, reported totals and practice counts."""

    lookup_field = "slug"
    filterset_class = CompetitionFilterSet
    serializer_class = CompetitionSerializer
    queryset = competitions().none()

    def get_queryset(self):
        return (
            competitions()
            .for_detail()
            .with_practice_counts(Practice.objects.published())
            .order_by("-year", "slug")
        )
