"""Serializer pieces every app's API uses: the brief form objects nest, page links, source citations."""

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import translation
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from . import NAMESPACE


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class HtmlUrlField(serializers.Field):
    """Absolute URL of the object's page (`get_absolute_url()`), or null while it has none.

    The API is language-neutral, so the link is to the page in the default language, whatever the
    request's Accept-Language.
    """

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        try:
            with translation.override(settings.LANGUAGE_CODE):
                path = obj.get_absolute_url()
        except NoReverseMatch:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


def display_name_field(kind):
    """A reference row's `name` in the language the request asks for (Accept-Language; English by
    default; regions/names.py): the same text the pages show."""
    return serializers.CharField(
        source="display_name",
        read_only=True,
        help_text=f"The {kind}'s name in the language of Accept-Language (en, es, fr, de; English by "
        "default), as Content-Language says.",
    )


# How the API names one object inside another: its key, its name, a fact or two, its API URL.
# Subclasses set `url_name` (the router's basename, e.g. "country"), `lookup_field` when the key is
# not the slug, and Meta.fields with "url" among them; fuller serializers extend the brief one.
# (A comment, not a docstring: the schema would give a docstring to every subclass's component.)
class BriefSerializer(serializers.ModelSerializer):
    url_name = None
    lookup_field = "slug"

    def build_url_field(self, field_name, model_class):
        return serializers.HyperlinkedIdentityField, {
            "view_name": f"{NAMESPACE}:{self.url_name}-detail",
            "lookup_field": self.lookup_field,
        }


@extend_schema_serializer(component_name="SourceDocumentBrief")
class SourceCitationSerializer(serializers.Serializer):
    """The document a practice, a competition or a liaison office is taken from: title, publisher, year.

    Declared field by field, so every app can nest it whichever app keeps the documents.
    """

    title = serializers.CharField(read_only=True)
    publisher = serializers.CharField(read_only=True)
    year = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Null when the source gives none."
    )
