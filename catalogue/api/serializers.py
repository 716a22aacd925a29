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

from ..choices import Evidence, Status
from ..models import (
    FIRST_YEAR,
    LAST_YEAR,
    PRACTICE_DATA_FIELDS,
    Institution,
    Practice,
    SourceDocument,
    TargetGroup,
)
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


class TargetGroupBriefSerializer(BriefSerializer):
    url_name = "target-group"

    class Meta:
        model = TargetGroup
        fields = ["slug", "name", "url"]


class TargetGroupSerializer(TargetGroupBriefSerializer):
    html_url = HtmlUrlField()
    practice_count = serializers.IntegerField(read_only=True, help_text="Published practices.")

    class Meta(TargetGroupBriefSerializer.Meta):
        fields = [
            *TargetGroupBriefSerializer.Meta.fields,
            "html_url",
            "description",
            "position",
            "practice_count",
        ]


class PracticeBriefSerializer(BriefSerializer):
    """A practice named inside another (its lineage): published practices only."""

    url_name = "practice"
    html_url = HtmlUrlField()

    class Meta:
        model = Practice
        fields = ["slug", "title", "year", "url", "html_url"]


class EvidenceSerializer(serializers.Serializer):
    """The practice's level of evidence (catalogue/evidence.py; the rubric is on /evidence/)."""

    slug = serializers.ChoiceField(choices=Evidence.choices, source="evidence", read_only=True)
    name = serializers.CharField(source="get_evidence_display", read_only=True)


class ImplementationSerializer(serializers.Serializer):
    """When the practice ran and whether it still does, where known (null when not)."""

    started = serializers.IntegerField(
        source="implementation_started",
        allow_null=True,
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="Year it started; null when unknown.",
    )
    ended = serializers.IntegerField(
        source="implementation_ended",
        allow_null=True,
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="Year it ended; null while it runs or when unknown.",
    )
    in_place = serializers.BooleanField(
        allow_null=True, required=False, help_text="Still in place: true, false, or null when unknown."
    )
    last_verified = serializers.DateField(
        allow_null=True, required=False, help_text="When someone last checked; null when nobody has."
    )


# What `beneficiaries: null` writes: nothing known.
NO_BENEFICIARIES = {"beneficiaries_count": None, "beneficiaries_year": None, "beneficiaries_note": ""}


class BeneficiariesSerializer(serializers.Serializer):
    """People the practice reached, as its source counts them."""

    count = serializers.IntegerField(
        source="beneficiaries_count",
        allow_null=True,
        required=False,
        min_value=0,
        help_text="People reached; null when the source gives no figure (the note may say more).",
    )
    year = serializers.IntegerField(
        source="beneficiaries_year",
        allow_null=True,
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="Year of the count (only with a count).",
    )
    note = serializers.CharField(
        source="beneficiaries_note",
        allow_blank=True,
        required=False,
        max_length=300,
        help_text="What the count counts, in the source's words.",
    )

    def validate_empty_values(self, data):
        # `"beneficiaries": null` clears the three fields (the serializer writes flat, source="*").
        if data is None:
            return True, dict(NO_BENEFICIARIES)
        return super().validate_empty_values(data)


def beneficiaries_of(practice):
    """The `beneficiaries` object of a practice, or None when nothing is known of them."""
    if (
        practice.beneficiaries_count is None
        and practice.beneficiaries_year is None
        and not (practice.beneficiaries_note)
    ):
        return None
    return {
        "count": practice.beneficiaries_count,
        "year": practice.beneficiaries_year,
        "note": practice.beneficiaries_note,
    }


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
    evidence = EvidenceSerializer(source="*", read_only=True)
    implementation = ImplementationSerializer(source="*", read_only=True)
    target_groups = TargetGroupBriefSerializer(many=True, read_only=True)
    beneficiaries = serializers.SerializerMethodField(
        help_text="People reached, as the source counts them; null when nothing is known."
    )
    adapted_from = PracticeBriefSerializer(
        many=True, read_only=True, help_text="Published practices this one was adapted from."
    )
    adopted_by = PracticeBriefSerializer(
        many=True, read_only=True, help_text="Published practices adapted from this one."
    )

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
            "evidence",
            "implementation",
            "target_groups",
            "beneficiaries",
            "results",
            "challenges",
            "adapted_from",
            "adopted_by",
            "provenance",
            "source",
            "last_reviewed",
            "status",
            "synthetic",
        ]
        read_only_fields = fields

    @extend_schema_field(BeneficiariesSerializer(allow_null=True))
    def get_beneficiaries(self, practice):
        return beneficiaries_of(practice)


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


# The write shape nests what the read shape nests: {API object: its model fields}.
NESTED_WRITES = {
    "implementation": ("implementation_started", "implementation_ended", "in_place", "last_verified"),
    "beneficiaries": ("beneficiaries_count", "beneficiaries_year", "beneficiaries_note"),
}

# Where a model field's error goes in the API's answer: (object, key) for the nested ones.
_NESTED_ERROR_PATHS = {
    field.source: (name, field.field_name)
    for name, serializer in (
        ("implementation", ImplementationSerializer),
        ("beneficiaries", BeneficiariesSerializer),
    )
    for field in serializer().fields.values()
}


def _write_fields():
    """PRACTICE_DATA_FIELDS with each nested object in the place of its first model field."""
    fields = []
    for name in PRACTICE_DATA_FIELDS:
        nested = next((api for api, members in NESTED_WRITES.items() if name in members), None)
        if nested is None:
            fields.append(name)
        elif nested not in fields:
            fields.append(nested)
    return fields


def nest_errors(message_dict):
    """Model errors ({model field: messages}) keyed as the API names the fields."""
    errors = {}
    for name, messages in message_dict.items():
        if name in _NESTED_ERROR_PATHS:
            outer, inner = _NESTED_ERROR_PATHS[name]
            errors.setdefault(outer, {})[inner] = messages
        else:
            errors[name] = messages
    return errors


class PracticeWriteSerializer(serializers.ModelSerializer):
    """What editors send: relations by slug (country by code); answers with the read shape.

    `slug` defaults to the slugified title, `country` to the institution's, `year` to the
    competition's. The model's rules (Practice.clean) apply: a tier only with a competition, the
    institution's country is the practice's country, a practice ends after it starts and is not in
    place once ended, a count's year needs the count. `implementation` and `beneficiaries` are the
    read shape's objects (each key optional; `beneficiaries: null` clears them); `evidence`,
    `target_groups` and `adapted_from` are slugs.
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
    evidence = serializers.ChoiceField(
        choices=Evidence.choices,
        required=False,
        help_text="The slug of an evidence level (the rubric on /evidence/).",
        error_messages={
            "invalid_choice": f"Unknown evidence level '{{input}}'. Allowed: {', '.join(Evidence.values)}."
        },
    )
    implementation = ImplementationSerializer(source="*", required=False)
    beneficiaries = BeneficiariesSerializer(source="*", required=False, allow_null=True)
    target_groups = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=TargetGroup.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of target groups (/api/v1/target-groups/).",
    )
    adapted_from = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Practice.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the practices this one was adapted from (not itself).",
    )

    class Meta:
        model = Practice
        fields = _write_fields()

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
        lineage = attrs.get("adapted_from", [])
        if instance is not None and any(other.pk == instance.pk for other in lineage):
            raise serializers.ValidationError(
                {"adapted_from": [f"A practice cannot be adapted from itself ({instance.slug})."]}
            )
        self._check_model_rules(attrs)
        return attrs

    def _check_model_rules(self, attrs):
        """Run Practice.clean() and the priority-area rule (as admin and imports do) on the practice as
        it would be saved."""
        many = ("priority_areas", "target_groups", "adapted_from")
        values = {name: value for name, value in attrs.items() if name not in many}
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
            raise serializers.ValidationError(nest_errors(errors))

    # One history entry per API write, its many-to-many values included, with the editor as its
    # author (as in admin; common/history.py).
    @transaction.atomic
    def create(self, validated_data):
        related = {
            name: validated_data.pop(name, []) for name in ("priority_areas", "target_groups", "adapted_from")
        }
        practice = Practice(**validated_data)
        with single_history_entry(practice, reason="Added through the API", user=self._user()):
            practice.save()
            for name, values in related.items():
                getattr(practice, name).set(values)
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
    outcome = FacetOptionSerializer(many=True, required=False)
    evidence = FacetOptionSerializer(many=True, required=False)
    target_group = FacetOptionSerializer(many=True, required=False)
    in_place = FacetOptionSerializer(many=True, required=False)
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
