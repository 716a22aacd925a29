"""Open data: the /data/ page (the licence, what a download holds) and the whole catalogue's
downloads, every published practice whoever asks, streamed:

- /data/practices.json: the API's result shape (PracticeResultSerializer, names in English as the
  API's default), under a head naming the licence, the fields quoted from a source and the date the
  data was built (the content version's last change). Read `JSON_CHUNK_SIZE` practices at a time
  with their prefetches: memory holds one chunk, whatever the number of practices.
- /data/practices.csv: the API's CSV (catalogue/api/export.py, common/api/renderers.py).

Both answer conditional GETs as the API does (ETag and Last-Modified from the content version).
"""

import json
from contextlib import nullcontext
from datetime import UTC, datetime
from itertools import chain

from django.conf import settings
from django.db import connections, transaction
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.generic import TemplateView
from rest_framework.utils.encoders import JSONEncoder

from common.api.renderers import CSVRenderer
from common.caching import comparable_last_modified, content_state, request_digest

from .api import export
from .api.serializers import PracticeResultSerializer
from .models import Practice
from .querysets import DEFAULT_ORDERING, EXPORT_CHUNK_SIZE

# Practices serialized at a time (each chunk: one query for its rows, one per prefetch).
JSON_CHUNK_SIZE = 500

JSON_FILENAME = "practices.json"

# The fields of a result whose text is quoted from the source document (the practice's `source`).
QUOTED_FIELDS = ("title", "original_title", "summary", "jury_comment", "source.title")
QUOTED_NOTE = (
    "These texts are quoted from the source document each practice names in `source` and keep "
    "that source's rights; the licence covers the catalogue's own data (the facts and metadata)."
)


def published_practices():
    """Every published practice, in the list's default order, with what a result shows."""
    return Practice.objects.published().with_evidence().order_by(*DEFAULT_ORDERING)


def built_at():
    """When the catalogue last changed (the content version), an aware datetime in UTC."""
    return datetime.fromtimestamp(content_state().last_modified, UTC)


def _not_modified(request, etag, last_modified):
    return get_conditional_response(
        request, etag=etag, last_modified=comparable_last_modified(last_modified)
    )


def _download(request, name, content_type, pieces):
    """A streamed download with the API's validators; 304 when the client's copy is current.
    `pieces()` makes the body (reading the first rows then); it is not called for HEAD."""
    state = content_state()
    etag = f'"{request_digest(request, name, version=state.token)[:40]}"'
    early = _not_modified(request, etag, state.last_modified)
    if early is not None:
        return early
    response = StreamingHttpResponse(
        pieces() if request.method != "HEAD" else iter(()),
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(state.last_modified)
    patch_cache_control(response, no_cache=True)
    return response


def json_pieces(request, practices, chunk_size):
    """The JSON download of `practices` as pieces of text: the head, then one result a line.

    Started (its first piece asked for) by the view, which reads the first chunk then, so a query
    that fails does so before anything is sent. On PostgreSQL the rows are read in a transaction,
    as for_export() does (a server-side cursor, each fetch a statement the timeout bounds).
    """
    connection = connections[practices.db]
    in_transaction = connection.vendor == "postgresql" and connection.get_autocommit()
    head = {
        "license": settings.DATA_LICENSE,
        "quoted_fields": list(QUOTED_FIELDS),
        "quoted_note": QUOTED_NOTE,
        "built": built_at().isoformat(),
    }
    encoder = JSONEncoder(ensure_ascii=False)
    with translation.override(settings.LANGUAGE_CODE):
        with transaction.atomic(using=practices.db) if in_transaction else nullcontext():
            serializer = PracticeResultSerializer(context={"request": request, "search_query": None})
            rows = practices.iterator(chunk_size=chunk_size)
            first = next(rows, None)
            yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
            separator = "\n"
            for practice in chain([first], rows) if first is not None else ():
                yield separator + encoder.encode(serializer.to_representation(practice))
                separator = ",\n"
    yield "\n]}\n"


def practices_json(request):
    def pieces():
        texts = json_pieces(request, published_practices(), JSON_CHUNK_SIZE)
        first = next(texts)  # the first chunk is read here, before the response starts
        return (piece.encode() for piece in chain([first], texts))

    return _download(request, JSON_FILENAME, "application/json", pieces)


def practices_csv(request):
    renderer = CSVRenderer()

    def pieces():
        rows = export.PracticeRows(request)(published_practices(), EXPORT_CHUNK_SIZE)
        return renderer.stream(export.COLUMNS, rows)

    return _download(request, export.FILENAME, renderer.content_type, pieces)


class DataView(TemplateView):
    """/data/: the licence of the catalogue's data, what is quoted, what the downloads hold."""

    template_name = "catalogue/data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            license=settings.DATA_LICENSE,
            built=built_at(),
            practice_count=Practice.objects.published().count(),
            quoted_fields=QUOTED_FIELDS,
            **kwargs,
        )
