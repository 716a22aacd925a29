"""The site's URLs plus test-only views (tests/test_faults.py): a page and an API view that run a
deliberately slow query, and a page and an API view with a bug."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

# Each would run for many seconds: a statement timeout stops it long before.
SLOW_SQL = {
    "postgresql": "SELECT pg_sleep(20)",
    "sqlite": "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500000000) "
    "SELECT count(*) FROM c",
}


def slow_query():
    with connection.cursor() as cursor:
        cursor.execute(SLOW_SQL[connection.vendor])
        return cursor.fetchone()


def slow_page(request):
    slow_query()
    return HttpResponse("finished")


class SlowAPI(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        slow_query()
        return Response({"finished": True})


def broken_page(request):
    raise RuntimeError("a bug in a view")


class BrokenAPI(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("a bug in an API view")


urlpatterns = [
    path("test-only/slow/", slow_page),
    path("api/v1/test-only/slow/", SlowAPI.as_view()),
    path("test-only/broken/", broken_page),
    path("api/v1/test-only/broken/", BrokenAPI.as_view()),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
