"""Serializers of institutions and practices: the read shape (the contract's result fields), the
editors' write shape and the facets' shape. The CSV row is catalogue/api/export.py."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.validators import UniqueValidator

from awards.api.serializers import (
    AwardTierBriefSerializer,
    CompetitionBriefSerializer,
    PriorityAreaBriefSerializer,
)
from awards.models import AwardTier, Competition, PriorityArea
from common.api.serializers import BriefSerializer, HtmlUrlField, SourceCitationSerializer
from common.highlight import EXCERPT_WORDS, excerpt, highlight
from common.history import single_history_entry
from common.identifiers import canonical
from regions.api.serializers import CountryBriefSerializer
from regions.models import Country

from ..choices import Status
from ..models import PRACTICE_DATA_FIELDS, Institution, Practice, SourceDocument
from ..roles import PUBLISH_PERMISSION
from ..services.validation import check_priority_areas
from ..suggestions import KINDS, LIMIT


class InstitutionBriefSerializer(BriefSerializer):
    url_name = "institution"

    class Meta:
        model = Institution
        fields = ["slug", "name", "acronym", "url"]


class InstitutionSerializer(InstitutionBriefSerializer):
    html_url = HtmlUrlField()
    country = CountryBriefSerializer(read_only=True)
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")

    class Meta(InstitutionBriefSerializer.Meta):
        fields = [
            *InstitutionBriefSerializer.Meta.fields,
            "html_url",
            "original_name",
            "country",
            "practice_count",
        ]


class PracticeSerializer(serializers.ModelSerializer):
    """A practice as the API and its clients see it (the contract's result fields, and a few more)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:practice-detail", lookup_field="slug")
    html_url = HtmlUrlField()
    institution = InstitutionBriefSerializer(read_only=True, allow_null=True)
    country = CountryBriefSerializer(read_only=True)
    competition = CompetitionBriefSerializer(read_only=True, allow_null=True)
    tier = AwardTierBriefSerializer(read_only=True, allow_null=True)
    priority_areas = PriorityAreaBriefSerializer(many=True, read_only=True)
    source = SourceCitationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Practice
        fields = [
            "slug",
            "url",
            "html_url",
            "title",
            "original_title",
            "original_title_language",
            "institution",
            "country",
            "year",
            "competition",
            "tier",
            "priority_areas",
            "summary",
            "jury_comment",
            "outcome",
            "lessons",
            "source",
            "last_reviewed",
            "status",
            "synthetic",
        ]
        read_only_fields = fields


class HighlightSerializer(serializers.Serializer):
    """The words a search matched, marked in a practice's title and in an excerpt of its summary."""

    title = serializers.CharField(
        help_text="The title as HTML: escaped, each word the search matched in `<mark>`."
    )
    excerpt = serializers.CharField(
        help_text=f"About {EXCERPT_WORDS} words of the summary around its first matches (its beginning "
        "when none), cut on spaces with `…`, as HTML: escaped, each matched word in `<mark>`. Empty "
        "when the practice has no summary."
    )


class PracticeResultSerializer(PracticeSerializer):
    """A practice in a list: its fields, and with `search` the words matched, marked.

    The parsed search comes in the context (`search_query`, parsed once per request by the
    viewset); the marks are computed in Python for the page's rows only, and query nothing.
    """

    highlight = serializers.SerializerMethodField(
        help_text="With `search`: the title and a summary excerpt with the matched words in `<mark>`; "
        "null without `search`."
    )

    class Meta(PracticeSerializer.Meta):
        fields = [*PracticeSerializer.Meta.fields, "highlight"]
        read_only_fields = fields

    @extend_schema_field(HighlightSerializer(allow_null=True))
    def get_highlight(self, practice):
        query = self.context.get("search_query")
        if query is None:
            return None
        return {"title": highlight(practice.title, query), "excerpt": excerpt(practice.summary, query)}


class CodeRelatedField(serializers.SlugRelatedField):
    """A country by its ISO code, in any case."""

    def to_internal_value(self, data):
        return super().to_internal_value(canonical("code", data))


class PracticeWriteSerializer(serializers.ModelSerializer):
    """What editors send: relations by slug (country by code); answers with the read shape.

    `slug` defaults to the slugified title, `country` to the institution's, `year` to the
    competition's. The model's rules (Practice.clean) apply: a tier only with a competition, the
    institution's country is the practice's country.
    """

    slug = serializers.SlugField(
        max_length=120,
        required=False,
        validators=[
            UniqueValidator(Practice.objects.all(), message="A practice with this slug exists already.")
        ],
    )
    institution = serializers.SlugRelatedField(
        slug_field="slug", queryset=Institution.objects.all(), required=False, allow_null=True
    )
    country = CodeRelatedField(slug_field="code", queryset=Country.objects.all(), required=False)
    year = serializers.IntegerField(min_value=1900, max_value=2200, required=False)
    competition = serializers.SlugRelatedField(
        slug_field="slug", queryset=Competition.objects.all(), required=False, allow_null=True
    )
    tier = serializers.SlugRelatedField(
        slug_field="slug", queryset=AwardTier.objects.all(), required=False, allow_null=True
    )
    priority_areas = serializers.SlugRelatedField(
        slug_field="slug", queryset=PriorityArea.objects.all(), many=True, required=False
    )
    source = serializers.SlugRelatedField(
        slug_field="slug", queryset=SourceDocument.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Practice
        fields = PRACTICE_DATA_FIELDS

    def validate_status(self, value):
        """Publishing and withdrawing are a permission of their own, as in admin (catalogue/roles.py)."""
        current = self.instance.status if self.instance is not None else Status.DRAFT
        request = self.context.get("request")
        if value != current and not (request and request.user.has_perm(PUBLISH_PERMISSION)):
            raise PermissionDenied(
                f"Changing the status of a practice ({current} to {value}) needs the permission "
                f"{PUBLISH_PERMISSION}; leave `status` out to keep it."
            )
        return value

    def validate(self, attrs):
        instance = self.instance
        creating = instance is None
        if creating:
            attrs.setdefault("slug", slugify(attrs.get("title", ""))[:120].strip("-"))
            if not attrs["slug"]:
                raise serializers.ValidationError({"slug": ["Give a slug, or a title to derive it from."]})
            if Practice.objects.filter(slug=attrs["slug"]).exists():
                raise serializers.ValidationError(
                    {
                        "slug": [
                            f"A practice with the slug {attrs['slug']!r} exists already; give another slug."
                        ]
                    }
                )
        merged = {
            name: attrs[name] if name in attrs else getattr(instance, name, None)
            for name in ("institution", "country", "competition", "year")
        }
        if merged["country"] is None and merged["institution"] is not None:
            attrs["country"] = merged["institution"].country
        if merged["year"] is None and merged["competition"] is not None:
            attrs["year"] = merged["competition"].year
        missing = {}
        if creating and attrs.get("country") is None:
            missing["country"] = ["This field is required (or give an institution)."]
        if creating and attrs.get("year") is None:
            missing["year"] = ["This field is required (or give a competition)."]
        if missing:
            raise serializers.ValidationError(missing)
        self._check_model_rules(attrs)
        return attrs

    def _check_model_rules(self, attrs):
        """Run Practice.clean() and the priority-area rule (as admin and imports do) on the practice as
        it would be saved."""
        values = {name: value for name, value in attrs.items() if name != "priority_areas"}
        if self.instance is None:
            candidate = Practice(**values)
            areas = attrs.get("priority_areas", [])
        else:
            candidate = copy.copy(self.instance)
            for name, value in values.items():
                setattr(candidate, name, value)
            areas = attrs.get("priority_areas", self.instance.priority_areas.all())
        checks = [candidate.clean]
        if self.instance is None or "priority_areas" in attrs or "competition" in attrs:
            checks.append(lambda: check_priority_areas(candidate.competition, areas))
        errors = {}
        for check in checks:
            try:
                check()
            except DjangoValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise serializers.ValidationError(errors)

    # One history entry per API write, its priority areas included, with the editor as its author
    # (as in admin; common/history.py).
    @transaction.atomic
    def create(self, validated_data):
        areas = validated_data.pop("priority_areas", [])
        practice = Practice(**validated_data)
        with single_history_entry(practice, reason="Added through the API", user=self._user()):
            practice.save()
            practice.priority_areas.set(areas)
        return practice

    @transaction.atomic
    def update(self, instance, validated_data):
        with single_history_entry(instance, reason="Changed through the API", user=self._user()):
            return super().update(instance, validated_data)

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None

    def to_representation(self, instance):
        fresh = Practice.objects.with_evidence().get(pk=instance.pk)
        return PracticeSerializer(fresh, context=self.context).data


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.SerializerMethodField()
    label = serializers.CharField()
    count = serializers.IntegerField(
        help_text="Practices this choice gives, with every other filter applied."
    )

    @extend_schema_field({"oneOf": [{"type": "string"}, {"type": "integer"}]})
    def get_value(self, option):
        return option["value"]


class FacetsSerializer(serializers.Serializer):
    """For the schema: the facets action returns this shape."""

    count = serializers.IntegerField(help_text="Practices matching every active filter.")
    # Each facet is there unless `facet` names others.
    country = FacetOptionSerializer(many=True, required=False)
    priority_area = FacetOptionSerializer(many=True, required=False)
    tier = FacetOptionSerializer(many=True, required=False)
    institution = FacetOptionSerializer(many=True, required=False)
    region = FacetOptionSerializer(many=True, required=False)
    year = FacetOptionSerializer(many=True, required=False)
    total_options = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="How many values each facet has in all; a list is shorter when `facet_limit` cut it.",
    )


class SuggestionSerializer(serializers.Serializer):
    label = serializers.CharField(
        help_text="What the search box shows: the name (an institution's with its acronym, and its "
        "original name when only that matched) or the practice's title."
    )
    kind = serializers.ChoiceField(choices=KINDS)
    url = serializers.URLField(help_text="The page of the suggestion, in the language asked for.")


class SuggestionsSerializer(serializers.Serializer):
    """For the schema: the suggest action returns this shape."""

    query = serializers.CharField(help_text="The text the suggestions are for, spaces trimmed.")
    results = SuggestionSerializer(
        many=True,
        help_text=f"At most {LIMIT}: countries, priority areas and institutions first, then practices.",
    )
