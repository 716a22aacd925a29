"""The API's endpoints: practices (read, facets, CSV, editors' writes) and the reference lists
(institutions, countries, regions, liaison offices, priority areas, target groups, tiers,
competitions), each
with its number of published practices. Thin viewsets over the models' named reads and the
FilterSets; the reference lists live here because what they count is practices."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import StreamingHttpResponse
from django.utils import translation
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from awards.api.serializers import AwardTierSerializer, CompetitionSerializer, PriorityAreaSerializer
from awards.filtersets import CompetitionFilterSet, PriorityAreaFilterSet
from awards.models import AwardTier, Competition, PriorityArea
from common.analysis import parse
from common.api.conditional import ConditionalGetMixin, if_match_versions
from common.api.errors import JSONErrorsMixin
from common.api.pagination import StrictPageNumberPagination
from common.api.renderers import CITATION_RENDERERS, CitationRenderer, CSVRenderer
from common.identifiers import canonical
from common.querysets import count_among
from common.search import SEARCH_MAX_LENGTH
from regions.api.serializers import CountrySerializer, LiaisonOfficeSerializer, RegionSerializer
from regions.filtersets import CountryFilterSet, LiaisonOfficeFilterSet, RegionFilterSet
from regions.models import Country, LiaisonOffice, Region

from ..facets import FACET_NAMES, MAX_FACET_LIMIT, facet_counts, facet_request
from ..filtersets import InstitutionFilterSet, PracticeFilterSet
from ..models import Institution, Practice, TargetGroup
from ..querysets import EXPORT_CHUNK_SIZE
from ..search import suggestion
from ..services import editing
from ..suggestions import LIMIT as SUGGESTIONS_LIMIT
from ..suggestions import suggest
from . import export
from .citations import PracticeCitations, filename, today
from .serializers import (
    FacetsSerializer,
    InstitutionSerializer,
    PracticeResultSerializer,
    PracticeSerializer,
    PracticeWriteSerializer,
    SuggestionsSerializer,
    TargetGroupSerializer,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]

CITATION_FORMATS = [renderer.format for renderer in CITATION_RENDERERS]
# CSL-JSON is JSON: an array of items (what clients validate it against).
CSL_JSON_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type", "title", "publisher", "URL", "accessed"],
        "properties": {
            "id": {"type": "string", "description": "The practice's slug."},
            "type": {"type": "string", "enum": ["webpage"]},
            "title": {"type": "string"},
            "author": {"type": "array", "items": {"type": "object"}},
            "issued": {"type": "object"},
            "container-title": {"type": "string"},
            "publisher": {"type": "string"},
            "URL": {"type": "string", "format": "uri"},
            "accessed": {"type": "object"},
            "original-title": {"type": "string"},
            "original-publisher": {"type": "string"},
            "original-date": {"type": "object"},
            "note": {"type": "string"},
        },
    },
}


def citation_responses(name):
    """The schema's 200 answers in the citation formats, `name` the file's name without extension."""
    return {
        (200, renderer.media_type): OpenApiResponse(
            CSL_JSON_SCHEMA if renderer.format == "csljson" else OpenApiTypes.STR,
            description=f"{name}.{renderer.extension}",
        )
        for renderer in CITATION_RENDERERS
    }


CITATIONS_DESCRIPTION = (
    "Citations for reference managers (or the same media type in `Accept`): `ris` "
    "(application/x-research-info-systems), `bibtex` (application/x-bibtex, UTF-8, the slug as "
    "key) and `csljson` (application/vnd.citationstyles.csl+json, an array of items): each practice "
    "as a record of the catalogue, with its title, institution as corporate author, year, page "
    "(`html_url`), today's date (UTC) as access date and its source document."
)


class PreconditionFailed(APIException):
    status_code = 412
    default_code = "precondition_failed"

    def __init__(self, detail, etag):
        super().__init__(detail)
        self.etag = etag


class SearchPagination(StrictPageNumberPagination):
    """The practices' pages: with `search`, a `suggestion` too (PracticeViewSet.list)."""

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["suggestion"] = {
            "type": "string",
            "nullable": True,
            "example": "telemedicine",
            "description": "Only with `search`: when nothing matched and a correction of its words "
            "(a typo) would find practices with the same filters, the corrected search; else null.",
        }
        return paginated


@extend_schema_view(
    list=extend_schema(
        summary="Practices, filtered, sorted and paginated (or the whole filtered set as CSV)",
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv", "api", *CITATION_FORMATS],
                description="`csv` (or `Accept: text/csv`): the whole filtered set as CSV, every page, "
                "one row per practice in the list's order, priority areas joined with `; `, cells a "
                "spreadsheet would run as a formula prefixed with `'`; streamed (no Content-Length). "
                f"{CITATIONS_DESCRIPTION} Every page of the filtered set, in the list's order, streamed.",
            )
        ],
        responses={
            (200, "application/json"): PracticeResultSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="practices.csv"),
            **citation_responses("practices"),
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="`format=api`: browsable API"),
        },
    ),
    retrieve=extend_schema(
        summary="One practice, by slug (or its citation)",
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "api", *CITATION_FORMATS],
                description=f"{CITATIONS_DESCRIPTION} One record.",
            )
        ],
        responses={
            (200, "application/json"): PracticeSerializer,
            **citation_responses("<slug>"),
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="`format=api`: browsable API"),
        },
    ),
    create=extend_schema(
        summary="Add a practice (editors)",
        request=PracticeWriteSerializer,
        responses={201: PracticeSerializer},
    ),
    update=extend_schema(
        summary="Replace a practice (editors)", request=PracticeWriteSerializer, responses=PracticeSerializer
    ),
    partial_update=extend_schema(
        summary="Change some fields of a practice (editors)",
        request=PracticeWriteSerializer,
        responses=PracticeSerializer,
    ),
    destroy=extend_schema(summary="Delete a practice (editors)"),
)
class PracticeViewSet(JSONErrorsMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """Practices. Anonymous clients see published ones; editors with `view_practice` see drafts too
    and, with the add/change/delete permissions, write."""

    lookup_field = "slug"
    filterset_class = PracticeFilterSet
    pagination_class = SearchPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer, *CITATION_RENDERERS]
    queryset = Practice.objects.none()  # for the schema and DjangoModelPermissions' model lookup
    csv_chunk_size = EXPORT_CHUNK_SIZE  # practices the CSV reads at a time (tests make it small)

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            practices = Practice.objects.visible_to(self.request.user)
        else:
            # Writes are gated by the model permissions, which imply seeing what one edits.
            practices = Practice.objects.all()
        if self.writing:
            # Read under a row lock, in the write's transaction (update, destroy).
            return editing.for_edit(practices.with_evidence())
        return practices.with_evidence()

    def get_object(self):
        """The practice; for a write, checked against If-Match (before the body is validated: a
        stale write gets 412 whatever it holds)."""
        practice = super().get_object()
        if self.writing:
            try:
                editing.check(practice, if_match_versions(self.request))
            except editing.PracticeChanged as changed:
                etag = self.current_etag(self.request, practice, editing.version)
                raise PreconditionFailed(str(changed), etag) from None
        return practice

    def retrieve(self, request, *args, **kwargs):
        render = self._citation if self.wants_citations() else self._detail
        return self.conditional_versioned(request, self.get_object, render, editing.version)

    def _citation(self, practice):
        """One practice's citation; streamed like the list's, so that no cache keeps an access date."""
        return self.citations_response(PracticeCitations(self.request).of, [practice], practice.slug)

    def _detail(self, practice):
        return Response(self.get_serializer(practice).data)

    # Writes: the lock, the If-Match check and the save in one transaction; the answer carries the
    # ETag of the practice as saved, the one to send in the next write's If-Match.
    # (The browsable API also asks for the object as if for a PUT, to draw its form: not a write.)
    writing = False

    def update(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                self.writing = True
                response = super().update(request, *args, **kwargs)
                practice = self._saved
        finally:
            self.writing = False
        response["ETag"] = self.current_etag(request, practice, editing.version)
        return response

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self._saved = serializer.instance

    def destroy(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                self.writing = True
                return super().destroy(request, *args, **kwargs)
        finally:
            self.writing = False

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return PracticeWriteSerializer
        if self.action == "list":
            return PracticeResultSerializer
        return PracticeSerializer

    def get_serializer_context(self):
        # The list's search, parsed once for the page's rows to mark their matches (highlight).
        context = super().get_serializer_context()
        if getattr(self, "action", None) == "list":
            search = (self.request.query_params.get("search") or "").strip()
            context["search_query"] = parse(search) if search else None
        return context

    def get_renderers(self):
        # CSV for the list; citations for the list and a practice; JSON and the browsable API for all.
        action = getattr(self, "action", None)
        if action in (None, "list"):
            return super().get_renderers()
        only = (CSVRenderer,) if action == "retrieve" else (CSVRenderer, CitationRenderer)
        return [renderer for renderer in super().get_renderers() if not isinstance(renderer, only)]

    def audience(self, request):
        # A citation says the day it was read: yesterday's ETag does not hold today.
        audience = super().audience(request)
        return f"{audience}:{today()}" if self.wants_citations() else audience

    def filter_queryset(self, queryset):
        # Filters and ordering apply to the list; a detail URL answers for its slug whatever the query string.
        if self.action == "list":
            return super().filter_queryset(queryset)
        return queryset

    def wants_csv(self):
        return getattr(self.request, "accepted_renderer", None) is not None and isinstance(
            self.request.accepted_renderer, CSVRenderer
        )

    def wants_citations(self):
        return isinstance(getattr(self.request, "accepted_renderer", None), CitationRenderer)

    def citations_response(self, cite, items, slug=None):
        renderer = self.request.accepted_renderer
        # HEAD gets the headers GET would, and no body.
        citations = map(cite, items) if self.request.method != "HEAD" else ()
        return StreamingHttpResponse(
            renderer.stream(citations),
            content_type=renderer.content_type,
            headers={"Content-Disposition": f'attachment; filename="{filename(renderer, slug)}"'},
        )

    def handle_exception(self, exc):
        # Errors are JSON (JSONErrorsMixin); a 412 names the practice's current ETag.
        response = super().handle_exception(exc)
        if isinstance(exc, PreconditionFailed):
            response["ETag"] = exc.etag
        return response

    def list(self, request, *args, **kwargs):
        if self.wants_csv():
            return self.conditional(request, self.list_csv)
        if self.wants_citations():
            return self.conditional(request, self.list_citations)
        response = super().list(request, *args, **kwargs)
        if request.query_params.get("search", "").strip():
            params, practices = request.query_params, self.get_queryset()
            filterset = self.filterset_class(params, queryset=practices, request=request)
            response.data["suggestion"] = suggestion(filterset, response.data["count"])
        return response

    def list_csv(self, request):
        """The whole filtered set, unpaginated, in the list's order, streamed: one query for the
        rows, one per chunk of `csv_chunk_size` for their areas. The filters are checked and the
        first chunk read here, so a bad parameter still answers 400 (JSON) before anything is sent."""
        practices = self.filter_queryset(self.get_queryset())
        renderer = request.accepted_renderer
        # HEAD gets the headers GET would; its body (the header row) is not sent.
        rows = []
        if request.method != "HEAD":
            rows = export.PracticeRows(request)(practices, self.csv_chunk_size)
        return StreamingHttpResponse(
            renderer.stream(export.COLUMNS, rows),
            content_type=renderer.content_type,
            headers={"Content-Disposition": f'attachment; filename="{export.FILENAME}"'},
        )

    def list_citations(self, request):
        """The whole filtered set's citations, in the list's order, streamed as the CSV is: one query
        for the rows, one per chunk; the first chunk read here, so a bad parameter answers 400."""
        practices = self.filter_queryset(self.get_queryset())
        renderer = request.accepted_renderer
        citations = []
        if request.method != "HEAD":
            citations = PracticeCitations(request)(practices, self.csv_chunk_size)
        return StreamingHttpResponse(
            renderer.stream(citations),
            content_type=renderer.content_type,
            headers={"Content-Disposition": f'attachment; filename="{filename(renderer)}"'},
        )

    @extend_schema(
        summary="Facet counts: for each facet, what each choice would give with the other filters",
        filters=True,
        parameters=[
            OpenApiParameter(
                "facet_limit",
                {"type": "integer", "minimum": 0, "maximum": MAX_FACET_LIMIT},
                description="Values per facet, the most frequent first (default 10; 0 for all). Values "
                "given as filters are always listed.",
            ),
            OpenApiParameter(
                "facet",
                str,
                many=True,
                enum=[*FACET_NAMES],
                description="Only these facets (repeatable; default all).",
            ),
            OpenApiParameter(
                "facet_search",
                str,
                description="Only the values whose name holds every word (case and accents ignored; "
                "an institution's original name and acronym, a country's code count too).",
            ),
        ],
        responses=FacetsSerializer,
    )
    @action(detail=False, methods=["get"], url_path="facets")
    def facets(self, request):
        return self.conditional(request, self._facets)

    def _facets(self, request):
        filterset = PracticeFilterSet(
            request.query_params, queryset=Practice.objects.visible_to(request.user), request=request
        )
        errors = {} if filterset.is_valid() else translate_validation(filterset.errors).detail
        try:
            limit, only, find = facet_request(request.query_params)
        except DjangoValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)
        return Response(facet_counts(filterset, limit=limit, only=only, find=find).as_api())

    @extend_schema(
        summary=f"Suggestions for a search box as someone types (at most {SUGGESTIONS_LIMIT})",
        description="Countries, priority areas and institutions with a word of their name (original "
        "name, acronym, a country's code) starting with each word typed, then practices whose title or "
        "original title holds the words, the last one as the start of a word: `q=pen` suggests "
        "`Bank Employees' Pension Fund` and `Universal pension for the elderly`. Case and accents do "
        "not matter; practices match across plurals as the search does (`q=pensions`). Only published "
        "practices, drafts too for editors; entities with practices among those.",
        filters=False,
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": SEARCH_MAX_LENGTH},
                description="What has been typed so far. Empty or absent: no suggestions.",
            ),
            OpenApiParameter(
                "language",
                str,
                enum=LANGUAGES,
                description="Language of the country and priority-area labels and of the pages the `url`s "
                "lead to (`es`: `/es/...`); default: the language of `Accept-Language`, else "
                f"`{settings.LANGUAGE_CODE}`.",
            ),
        ],
        responses={
            200: SuggestionsSerializer,
            400: OpenApiResponse(
                description="`q` longer than 200 characters, or an unknown `language`: "
                '`{"q": ["At most 200 characters are allowed (it has 201)."]}`.'
            ),
        },
    )
    @action(detail=False, methods=["get"], url_path="suggest", filter_backends=[], pagination_class=None)
    def suggest(self, request):
        return self.conditional(request, self._suggest)

    def _suggest(self, request):
        text = request.query_params.get("q", "")
        # Without `language`, the API's own: Accept-Language (common/api/language.py), else English.
        language = request.query_params.get("language")
        if language is None:
            language = translation.get_language() or settings.LANGUAGE_CODE
        errors = {}
        if len(text) > SEARCH_MAX_LENGTH:
            errors["q"] = [f"At most {SEARCH_MAX_LENGTH} characters are allowed (it has {len(text)})."]
        if language not in LANGUAGES:
            errors["language"] = [f"Unknown value '{language}'. Allowed: {', '.join(LANGUAGES)}."]
        if errors:
            raise ValidationError(errors)
        with translation.override(language):
            return Response(suggest(text, request.user, request.build_absolute_uri))


class ReferenceViewSet(JSONErrorsMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Base of the reference lists: the `for_api()` rows of the model of `queryset` (which is there
    for the schema and the permissions' model lookup), each with its published practices."""

    lookup_field = "slug"

    def get_queryset(self):
        rows = self.queryset.model.objects.for_api()
        return rows.with_practice_counts(Practice.objects.published())


class InstitutionViewSet(ReferenceViewSet):
    """Institutions, with the number of their published practices."""

    queryset = Institution.objects.none()
    filterset_class = InstitutionFilterSet
    serializer_class = InstitutionSerializer


class RegionViewSet(ReferenceViewSet):
    """The four ISSA regions, with their countries and the number of their published practices."""

    queryset = Region.objects.none()
    filterset_class = RegionFilterSet
    serializer_class = RegionSerializer


class CountryViewSet(ReferenceViewSet):
    """Countries by ISO 3166-1 alpha-2 code (`/countries/UY/`; the code's case does not matter)."""

    queryset = Country.objects.none()
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"
    filterset_class = CountryFilterSet
    serializer_class = CountrySerializer

    def get_object(self):
        self.kwargs[self.lookup_field] = canonical("code", self.kwargs[self.lookup_field])
        return super().get_object()


class LiaisonOfficeViewSet(ReferenceViewSet):
    """ISSA liaison offices, the countries they serve and the published practices of those countries."""

    queryset = LiaisonOffice.objects.none()
    filterset_class = LiaisonOfficeFilterSet
    serializer_class = LiaisonOfficeSerializer


class PriorityAreaViewSet(ReferenceViewSet):
    """The priority areas of the ISSA Good Practice Awards, with the number of published practices."""

    queryset = PriorityArea.objects.none()
    filterset_class = PriorityAreaFilterSet
    serializer_class = PriorityAreaSerializer


class AwardTierViewSet(ReferenceViewSet):
    """Award tiers from the Award (rank 1) to the Attestation (rank 4)."""

    queryset = AwardTier.objects.none()
    filter_backends = []  # four rows, no parameters
    serializer_class = AwardTierSerializer


class CompetitionViewSet(ReferenceViewSet):
    """Competitions (e.g. `americas-2017`) with their jury, areas, reported totals and practice counts."""

    queryset = Competition.objects.none()
    filterset_class = CompetitionFilterSet
    serializer_class = CompetitionSerializer


class TargetGroupViewSet(ReferenceViewSet):
    """Whom practices are for (older persons, migrant workers, ...), with the number of published
    practices for each; editors extend the list in admin."""

    queryset = TargetGroup.objects.none()
    filter_backends = []  # a short vocabulary, no parameters
    serializer_class = TargetGroupSerializer

    def get_queryset(self):
        return TargetGroup.objects.order_by("position", "slug").annotate(
            practice_count=count_among("practices", Practice.objects.published())
        )
