"""Project-level views that belong to no app."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness probe touching no database; also the baseline of benchmarks/throughput.py."""
    return HttpResponse("ok\n", content_type="text/plain")
