"""OpenAPI for our strict filters: repeatable parameters as exploded arrays, enums read from the database.

drf-spectacular's django-filter extension cannot know the values of our `RowsFilter`s (they are
queried at validation time, so a country added by an editor is accepted at once). This extension
asks the filters' own `allowed()` when the schema is generated, so `/api/v1/schema/` always lists
the codes and slugs the API accepts right now. common/apps.py installs it.
"""

from django.db import DatabaseError
from drf_spectacular import openapi
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import (
    ResolvedComponent,
    build_array_type,
    build_basic_type,
    build_parameter_type,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions

from common.api.citations import CSLJSON_MEDIA_TYPE
from common.api.conditional import ConditionalGetMixin
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


# The error bodies every operation may answer, as components. `{"param": ["message", ...]}` names each
# bad parameter or field (`non_field_errors` for a rule across fields); `{"detail": "message"}` is
# every other error.
FIELD_ERRORS = {
    "type": "object",
    "description": "Each bad parameter or field, with what was wrong and what is allowed.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"country": ["Unknown value 'URU'. Allowed: AR, BO, BR."]},
}
ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "example": {"detail": "No Practice matches the given query."},
}
RETRY_AFTER = {
    "description": "Seconds to wait before the next request.",
    "schema": {"type": "integer", "minimum": 0},
}
ETAG = {
    "description": "The current ETag of the practice: send it back in `If-Match` once you have seen "
    "what changed.",
    "schema": {"type": "string"},
}
WWW_AUTHENTICATE = {"description": "`Token`: how to authenticate.", "schema": {"type": "string"}}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "The practice's ETag as you read it: if someone changed it since, the write is "
    "refused with 412 and changes nothing.",
    "schema": {"type": "string"},
}
CONDITIONAL_GET = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "The `ETag` of the answer you have: if it is still current, 304 without a body.",
        "schema": {"type": "string"},
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "required": False,
        "description": "The `Last-Modified` of the answer you have (`If-None-Match` wins over it).",
        "schema": {"type": "string"},
    },
]
VALIDATORS = {
    "ETag": {
        "description": "The answer's version: send it in `If-None-Match`.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When this version of the catalogue was first served (an HTTP date).",
        "required": True,
        "schema": {"type": "string"},
    },
}
BODY_METHODS = ("POST", "PUT", "PATCH")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema with what every operation of this API shares, in one place:

    - security: a read that anonymous clients may make lists `{}` (no authentication) beside the
      token and the session, which an editor may send to see drafts; a write needs one of them;
    - the statuses besides the success that each operation can answer, each with its JSON body:
      400 (`FieldErrors`, or `Error` for a body that cannot be parsed), 401 (missing or invalid
      credentials; a read answers it only for credentials that are sent and wrong), 403 on writes,
      404 on an object's URL and on a paginated list (a page past the end), 406 (an `Accept` that
      no format matches), 412 on a write to an object whose reads carry an ETag (`If-Match`), 415
      on a write with a body, 429 (throttled, with `Retry-After`);
    - conditional GET where the view answers it (ConditionalGetMixin): `If-None-Match` and
      `If-Modified-Since`, 304, and `ETag` and `Last-Modified` on the success.

    A status an operation declares itself (`extend_schema(responses=...)`) keeps its description.
    """

    def get_auth(self):
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS and {} not in auths and self._anonymous_may_read():
            auths.append({})
        return auths

    def _unpaginate_whole_files(self, operation):
        """A list's CSL-JSON is the whole filtered set, one array, not a page: drf-spectacular wraps
        every JSON-like schema of a list in the pagination's object, so its own array is put back."""
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        schema = content.get(CSLJSON_MEDIA_TYPE, {}).get("schema", {})
        results = schema.get("properties", {}).get("results")
        if results is not None:
            content[CSLJSON_MEDIA_TYPE]["schema"] = results["items"]

    def _anonymous_may_read(self):
        # DjangoModelPermissionsOrAnonReadOnly (the API's default) lets anyone read.
        return any(
            getattr(permission, "authenticated_users_only", True) is False
            for permission in self.view.get_permissions()
        )

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        self._unpaginate_whole_files(operation)
        write = self.method not in permissions.SAFE_METHODS
        on_object = "{" in path
        errors = self._component("FieldErrors", FIELD_ERRORS)
        error = self._component("Error", ERROR)
        responses = {
            "400": (
                "A bad parameter or field (or a body that is not well-formed).",
                {"anyOf": [errors, error]},
            ),
            "401": (
                "No credentials on a write, or invalid ones (a read without credentials is answered)."
                if write
                else "Credentials were sent and are not valid (send none to read as anyone).",
                error,
                {"WWW-Authenticate": WWW_AUTHENTICATE},
            ),
            "406": ("No format of this operation matches the `Accept` header.", error),
            "429": (
                "Too many requests from this client: wait `Retry-After` seconds.",
                error,
                {"Retry-After": RETRY_AFTER},
            ),
        }
        if write:
            responses["403"] = ("The user lacks the permission this write needs.", error)
        if self.method in BODY_METHODS:
            responses["415"] = ("The body's Content-Type is not one this operation reads.", error)
        if on_object:
            responses["404"] = ("No such object.", error)
        elif any(parameter["name"] == "page" for parameter in operation.get("parameters", [])):
            responses["404"] = ("A page past the last one (the message says which pages there are).", error)
        if self.method == "GET" and isinstance(self.view, ConditionalGetMixin):
            operation.setdefault("parameters", []).extend(CONDITIONAL_GET)
            operation["responses"].setdefault("304", {"description": "Not modified: your copy is current."})
            for response in (r for status, r in operation["responses"].items() if status.startswith("2")):
                response.setdefault("headers", VALIDATORS)
        if write and on_object and isinstance(self.view, ConditionalGetMixin):
            responses["412"] = (
                "`If-Match` names a version the practice no longer has: someone changed it since. "
                "Nothing was changed.",
                error,
                {"ETag": ETAG},
            )
            operation.setdefault("parameters", []).append(IF_MATCH)
        for status, (description, schema, *headers) in responses.items():
            response = operation["responses"].setdefault(status, {"description": description})
            response.setdefault("content", {"application/json": {"schema": schema}})
            if headers:
                response.setdefault("headers", headers[0])
        operation["responses"] = dict(sorted(operation["responses"].items()))
        return operation

    def _component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return component.ref
