"""OpenAPI for our strict filters: repeatable parameters as exploded arrays, enums read from the database.

drf-spectacular's django-filter extension cannot know the values of our `RowsFilter`s (they are
queried at validation time, so a country added by an editor is accepted at once). This extension
asks the filters' own `allowed()` when the schema is generated, so `/api/v1/schema/` always lists
the codes and slugs the API accepts right now. common/apps.py installs it.
"""

from django.db import DatabaseError
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from common.filters import FoldedSearchFilter, RowsFilter, StrictOrderingFilter, YearFilter


def _allowed_values(filter_field):
    try:
        return [str(value) for value in filter_field.field.allowed()]
    except DatabaseError:  # no tables yet (e.g. the schema generated before `migrate`)
        return None


class CookieSessionScheme(SessionScheme):
    """Our session authentication is DRF's (common/api/authentication.py): document it the same way."""

    target_class = "common.api.authentication.SessionAuthentication"


class StrictFilterExtension(DjangoFilterExtension):
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        description = str(filter_field.label or "")
        if isinstance(filter_field, RowsFilter):
            return [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    description=description + ". Repeat the parameter for several values (any of them).",
                    schema=build_array_type(build_basic_type(OpenApiTypes.STR)),
                    enum=_allowed_values(filter_field),
                    explode=True,
                    style="form",
                )
            ]
        if isinstance(filter_field, YearFilter):
            schema = build_basic_type(OpenApiTypes.INT)
            schema.update(minimum=1900, maximum=2200)
            return [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    description=description + ". Repeat the parameter for several years (any of them).",
                    schema=build_array_type(schema),
                    explode=True,
                    style="form",
                )
            ]
        if isinstance(filter_field, StrictOrderingFilter):
            return [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    description=description + ". `-` in front sorts in reverse; several keys, repeated or "
                    "comma-separated, sort in turn.",
                    schema=build_array_type(build_basic_type(OpenApiTypes.STR)),
                    enum=[value for value, _label in filter_field.extra["choices"]],
                    explode=True,
                    style="form",
                )
            ]
        if isinstance(filter_field, FoldedSearchFilter) or field_name == "search":
            schema = build_basic_type(OpenApiTypes.STR)
            max_length = filter_field.extra.get("max_length")
            if max_length:
                schema["maxLength"] = max_length
            return [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    description=description + ". Accents and case are ignored.",
                    schema=schema,
                )
            ]
        return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
