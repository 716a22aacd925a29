#!/usr/bin/env python3
"""Time the editors' admin pages against a database, and count their queries; writes nothing.

Usage (from the project root):
    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale100k \
        .venv/bin/python benchmarks/admin_pages.py [--repeat 3]

Everything runs inside one transaction that is rolled back at the end: the superuser it logs in,
its session and its last-login date are never committed, so the script may be pointed at a database
that must stay as it is (such as the 100,000-practice one the benchmarks use). Prints one row per
page: the median time of --repeat requests (after one warm-up request), the number of queries and
the slowest query's time.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class RolledBack(Exception):
    pass


def pages(Practice, Institution):
    """(label, URL) of the pages an editor opens, on rows that exist in any catalogue."""
    from django.urls import reverse

    practice = Practice.objects.filter(synthetic=False).order_by("pk").first() or Practice.objects.first()
    synthetic = Practice.objects.filter(synthetic=True).order_by("pk").first() or practice
    institution = practice.institution or Institution.objects.first()
    record = practice.history.order_by("-history_date").first()
    changelist = reverse("admin:catalogue_practice_changelist")
    institutions = reverse("admin:catalogue_institution_changelist")
    rows = [
        ("practice list", changelist),
        ("practice list, search 'pension'", changelist + "?q=pension"),
        ("practice list, search 'mobile pensions'", changelist + "?q=mobile+pensions"),
        ("practice list, status=published", changelist + "?status__exact=published"),
        ("practice list, country", changelist + f"?country__id__exact={practice.country_id}"),
        ("practice list, institution", changelist + f"?institution__id__exact={institution.pk}"),
        ("practice list, synthetic=no", changelist + "?synthetic__exact=0"),
        ("practice list, year=2017", changelist + "?year=2017"),
        ("practice list, sorted by year desc", changelist + "?o=-6"),
        ("practice list, sorted by institution", changelist + "?o=2"),
        ("practice list, page 500", changelist + "?p=500"),
        ("practice change form", reverse("admin:catalogue_practice_change", args=[practice.pk])),
        ("practice change form (synthetic)", reverse("admin:catalogue_practice_change", args=[synthetic.pk])),
        ("practice add form", reverse("admin:catalogue_practice_add")),
        (
            "institution autocomplete 'inst'",
            reverse("admin:autocomplete")
            + "?app_label=catalogue&model_name=practice&field_name=institution&term=inst",
        ),
        ("institution list", institutions),
        ("institution list, search 'social'", institutions + "?q=social"),
        ("institution change form", reverse("admin:catalogue_institution_change", args=[institution.pk])),
        ("practice history", reverse("admin:catalogue_practice_history", args=[practice.pk])),
        ("deleted practices", reverse("admin:catalogue_practice_deleted")),
        ("institution history", reverse("admin:catalogue_institution_history", args=[institution.pk])),
    ]
    if record is not None:
        rows.append(
            (
                "practice version (revert form)",
                reverse("admin:catalogue_practice_simple_history", args=[practice.pk, record.history_id]),
            )
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Institution, Practice

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
          f"practices: {Practice.objects.count()}, institutions: {Institution.objects.count()}")
    print(f"{'page':44} {'median ms':>10} {'queries':>8} {'slowest q ms':>13}  status")
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_superuser("admin-benchmark", "", None)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            for label, url in pages(Practice, Institution):
                client.get(url)  # warm up
                times = []
                for _ in range(args.repeat):
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        response = client.get(url)
                        times.append(time.perf_counter() - start)
                slowest = max((float(q["time"]) for q in queries.captured_queries), default=0.0)
                print(
                    f"{label:44} {statistics.median(times) * 1000:10.0f} {len(queries):8d} "
                    f"{slowest * 1000:13.0f}  {response.status_code}"
                )
            raise RolledBack
    except RolledBack:
        print("rolled back: nothing was written")


if __name__ == "__main__":
    main()
