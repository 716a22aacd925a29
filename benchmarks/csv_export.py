#!/usr/bin/env python3
"""Time and memory of the whole-catalogue CSV export (`/api/v1/practices/?format=csv`).

Runs the request in this process through Django's test client (every middleware, no network),
reads the body chunk by chunk as a WSGI server would, and prints the rows, the bytes, the queries,
the time to the first byte and in all, and the process's resident memory: before the request,
its peak while reading, and how it grew between the first tenth of the body and the end (flat
when the export streams).

Usage (from the project root; reads only, so it may point at the 100k measurement database):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale100k DJANGO_DEBUG=1 \\
        .venv/bin/python benchmarks/csv_export.py ['country=UY&ordering=title']
"""

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CATALOGUE_CACHE_SECONDS", "0")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    query = sys.argv[1] if len(sys.argv) > 1 else ""
    url = "/api/v1/practices/?" + "&".join(filter(None, [query, "format=csv"]))
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/api/v1/tiers/")  # URL resolver, apps, first connection: not part of the export
    reset_queries()
    before = rss_mb()
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    first_byte = None
    size = lines = 0
    samples = []
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        if first_byte is None:
            first_byte = time.perf_counter() - start
        size += len(chunk)
        lines += chunk.count(b"\r\n")
        samples.append(rss_mb())
    total = time.perf_counter() - start
    response.close()
    tenth = samples[len(samples) // 10] if samples else before
    print(f"url              {url}")
    print(f"streaming        {response.streaming}")
    print(f"bytes            {size:,}  ({size / 2**20:.1f} MiB, {len(samples)} chunks)")
    print(f"record lines     {lines:,}  (header included; a summary's own line breaks are counted too)")
    print(f"queries          {len(connection.queries)}  (DJANGO_DEBUG=1 records them)")
    print(f"first byte       {first_byte:.2f} s")
    print(f"total            {total:.2f} s")
    print(f"RSS before       {before:.0f} MB")
    print(f"RSS at 1/10      {tenth:.0f} MB")
    print(f"RSS at end       {samples[-1] if samples else before:.0f} MB")
    print(f"peak RSS         {peak_mb():.0f} MB (getrusage maxrss of the process)")


if __name__ == "__main__":
    main()
