"""Serializers of priority areas, award tiers and competitions; the brief ones are nested by practices."""

from rest_framework import serializers

from common.api.serializers import BriefSerializer, HtmlUrlField, SourceCitationSerializer, display_name_field
from regions.api.serializers import RegionBriefSerializer

from ..models import AwardTier, Competition, PriorityArea


class PriorityAreaBriefSerializer(BriefSerializer):
    url_name = "priority-area"
    name = display_name_field("priority area")

    class Meta:
        model = PriorityArea
        fields = ["slug", "name", "url"]


class AwardTierBriefSerializer(BriefSerializer):
    url_name = "tier"
    name = display_name_field("award tier")

    class Meta:
        model = AwardTier
        fields = ["slug", "name", "rank", "url"]


class CompetitionBriefSerializer(BriefSerializer):
    url_name = "competition"

    class Meta:
        model = Competition
        fields = ["slug", "name", "year", "url"]


class PriorityAreaSerializer(PriorityAreaBriefSerializer):
    html_url = HtmlUrlField()
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")

    class Meta(PriorityAreaBriefSerializer.Meta):
        fields = [
            *PriorityAreaBriefSerializer.Meta.fields,
            "html_url",
            "triennium",
            "position",
            "practice_count",
        ]


class AwardTierSerializer(AwardTierBriefSerializer):
    html_url = HtmlUrlField()
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")

    class Meta(AwardTierBriefSerializer.Meta):
        fields = [*AwardTierBriefSerializer.Meta.fields, "html_url", "practice_count"]


class CompetitionSerializer(CompetitionBriefSerializer):
    html_url = HtmlUrlField()
    region = RegionBriefSerializer(read_only=True)
    priority_areas = PriorityAreaBriefSerializer(many=True, read_only=True)
    source = SourceCitationSerializer(read_only=True, allow_null=True)
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")

    class Meta(CompetitionBriefSerializer.Meta):
        fields = [
            *CompetitionBriefSerializer.Meta.fields,
            "html_url",
            "programme",
            "region",
            "triennium",
            "forum",
            "jury",
            "priority_areas",
            "reported_entries",
            "reported_organizations",
            "reported_countries",
            "reported_certificates_of_merit",
            "reported_special_mentions",
            "source",
            "practice_count",
        ]
