"""Serializers of regions, countries and liaison offices; the brief ones are nested by other apps."""

from rest_framework import serializers

from common.api.serializers import BriefSerializer, HtmlUrlField, SourceCitationSerializer, display_name_field

from ..models import Country, LiaisonOffice, Region


class RegionBriefSerializer(BriefSerializer):
    url_name = "region"
    name = display_name_field("region")

    class Meta:
        model = Region
        fields = ["slug", "name", "url"]


class CountryBriefSerializer(BriefSerializer):
    url_name = "country"
    lookup_field = "code"
    name = display_name_field("country")

    class Meta:
        model = Country
        fields = ["code", "name", "url"]


class LiaisonOfficeBriefSerializer(BriefSerializer):
    url_name = "liaison-office"

    class Meta:
        model = LiaisonOffice
        fields = ["slug", "name", "url"]


class RegionSerializer(RegionBriefSerializer):
    html_url = HtmlUrlField()
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")
    countries = CountryBriefSerializer(many=True, read_only=True)

    class Meta(RegionBriefSerializer.Meta):
        fields = [*RegionBriefSerializer.Meta.fields, "html_url", "practice_count", "countries"]


class CountrySerializer(CountryBriefSerializer):
    html_url = HtmlUrlField()
    region = RegionBriefSerializer(read_only=True)
    liaison_offices = LiaisonOfficeBriefSerializer(many=True, read_only=True)
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")

    class Meta(CountryBriefSerializer.Meta):
        fields = [
            *CountryBriefSerializer.Meta.fields,
            "html_url",
            "region",
            "liaison_offices",
            "practice_count",
        ]


class LiaisonOfficeSerializer(LiaisonOfficeBriefSerializer):
    html_url = HtmlUrlField()
    region = RegionBriefSerializer(read_only=True)
    countries = CountryBriefSerializer(many=True, read_only=True)
    social_protection_share = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text="Per cent of the population covered by social protection.",
    )
    source = SourceCitationSerializer(read_only=True, allow_null=True)
    practice_count = serializers.IntegerField(
        read_only=True, help_text="Published practices of the countries served."
    )

    class Meta(LiaisonOfficeBriefSerializer.Meta):
        fields = [
            *LiaisonOfficeBriefSerializer.Meta.fields,
            "html_url",
            "region",
            "countries",
            "countries_basis",
            "population",
            "social_protection_share",
            "description",
            "language",
            "source",
            "practice_count",
        ]
