"""One derivation of "this response, now": cache keys and ETags change with each input."""

from django.test import RequestFactory
from django.utils import translation

from common.caching import bump_content_version, content_version, request_digest


def test_the_digest_changes_with_the_version_the_path_the_language_and_the_parts(db):
    request = RequestFactory().get("/practices/?country=UY")
    with translation.override("en"):
        digest = request_digest(request, "text/html")
        assert request_digest(request, "text/html") == digest
        assert request_digest(request, "text/csv") != digest
        assert request_digest(RequestFactory().get("/practices/?country=MX"), "text/html") != digest
    with translation.override("es"):
        assert request_digest(request, "text/html") != digest
    before = content_version()
    bump_content_version()
    assert content_version() != before
    with translation.override("en"):
        assert request_digest(request, "text/html") != digest
        assert request_digest(request, "text/html", version=before) == digest
