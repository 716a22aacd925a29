"""The benchmark's Django side, run by benchmarks/bench.py as a separate process against its database.

    python benchmarks/inprocess.py setup      a superuser for the admin rows; prints {"practice_pk": ...}
    python benchmarks/inprocess.py queries    reads [{"key", "path", "admin"}] on stdin, prints {key: count}
    python benchmarks/inprocess.py export F   writes the published practices to F, one JSON object a line

Queries are counted here, not on the server: the server runs with debug off and logs no SQL. Each
URL is requested once through django.test.Client, under the same settings and database as the
server (cache off), inside CaptureQueriesContext; a streamed body is read to its end inside it,
so the queries a stream runs count too. The admin rows use a session forced for the superuser
(the login itself is not counted).
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_USERNAME = "bench"


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def setup():
    """Create (or reset) the admin user, then name a practice whose change form the bench times."""
    from django.contrib.auth import get_user_model

    from catalogue.models import Practice

    password = os.environ["BENCH_ADMIN_PASSWORD"]
    users = get_user_model().objects
    user = users.filter(username=ADMIN_USERNAME).first()
    if user is None:
        user = users.create_superuser(ADMIN_USERNAME, "bench@example.invalid", password)
    else:
        user.set_password(password)
        user.is_superuser = user.is_staff = user.is_active = True
        user.save()
    # A real practice (not synthetic): the same one at every size.
    practice = Practice.objects.filter(synthetic=False).order_by("slug").first()
    return {"practice_pk": practice.pk if practice else None, "username": ADMIN_USERNAME}


def count_queries(requests):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous = Client(HTTP_HOST="127.0.0.1")
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(get_user_model().objects.get(username=ADMIN_USERNAME))
    counts = {}
    for item in requests:
        client = admin if item.get("admin") else anonymous
        with CaptureQueriesContext(connection) as captured:
            response = client.get(item["path"])
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            response.close()
        counts[item["key"]] = {"queries": len(captured.captured_queries), "status": response.status_code}
    return counts


def export(path):
    """The published practices, as Datasette will serve them: one row each, priority areas a list."""
    from django.contrib.postgres.aggregates import ArrayAgg

    from catalogue.models import Practice

    rows = (
        Practice.objects.published()
        .annotate(areas=ArrayAgg("priority_areas__slug", ordering="priority_areas__slug"))
        .values_list(
            "pk", "title", "summary", "institution__name", "country__code", "tier__slug", "year", "areas"
        )
        .order_by("pk")
    )
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for pk, title, summary, institution, country, tier, year, areas in rows.iterator(chunk_size=5000):
            row = {
                "id": pk,
                "title": title,
                "summary": summary,
                "institution": institution,
                "country": country,
                "tier": tier,
                "year": year,
                "priority_areas": [a for a in areas if a],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return {"rows": written}


def main(argv):
    django_setup()
    command = argv[1] if len(argv) > 1 else ""
    if command == "setup":
        result = setup()
    elif command == "queries":
        result = count_queries(json.load(sys.stdin))
    elif command == "export" and len(argv) == 3:
        result = export(argv[2])
    else:
        sys.exit(__doc__)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
