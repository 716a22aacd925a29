"""Serializer pieces every app's API uses.

This module imports no app's `api` package, so regions/api and awards/api can import it while
catalogue/api/serializers.py imports theirs.
"""

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.models import SourceDocument


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


class SourceDocumentBriefSerializer(serializers.ModelSerializer):
    """The document a practice (or a competition, or a liaison office) is taken from."""

    class Meta:
        model = SourceDocument
        fields = ["title", "publisher", "year"]
