#!/usr/bin/env python3
"""Requests per second of filtered lists, compared with a view that touches no database.

The target (product.md, quality bars): filtered lists serve at least half the requests per second
of a no-database view. Both are measured in the same run, on the same server, so the ratio is what
counts, not the absolute figures.

Usage (from the project root, after `make venv`; needs Debian's `wrk`):
    .venv/bin/python benchmarks/throughput.py [--seconds 10] [--connections 32] [--workers 2]

It builds a fresh SQLite database in a temporary folder, loads the catalogue, starts gunicorn on a
free loopback port, measures each URL with the response cache on and then off, and stops the
server. Set REDIS_URL to measure with the shared cache several processes would use in production.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

BASELINE = "/healthz"
URLS = [
    "/practices/?country=UY&tier=merit",
    "/practices/?priority_area=information-and-communication-technology&search=videoconferencing",
    "/api/v1/practices/?country=UY&country=MX&ordering=tier",
    "/api/v1/practices/facets/?country=UY",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base):
    for _ in range(100):
        try:
            urllib.request.urlopen(base + BASELINE, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("the server did not start")


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, int(non_2xx.group(1)) if non_2xx else 0


def serve(env, workers, cache_seconds):
    port = free_port()
    proc = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "CATALOGUE_CACHE_SECONDS": str(cache_seconds)},
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base)
    return proc, base


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    tmp = tempfile.mkdtemp(prefix="catalogue-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "DJANGO_SECRET_KEY": "benchmark-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    env.pop("DJANGO_DEBUG", None)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_catalogue"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [str(PYTHON), "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )

    print(
        f"wrk -t2 -c{args.connections} -d{args.seconds}s, gunicorn --workers {args.workers}, "
        f"cache: {'REDIS_URL' if env.get('REDIS_URL') else 'local memory'}"
    )
    print(f"{'cache':<6} {'url':<95} {'req/s':>9} {'ratio':>6}")
    try:
        for cache_seconds in (600, 0):
            proc, base = serve(env, args.workers, cache_seconds)
            try:
                baseline, _ = wrk(base + BASELINE, args.seconds, args.connections)
                label = "on" if cache_seconds else "off"
                print(f"{label:<6} {BASELINE:<95} {baseline:>9.0f} {1:>6.2f}")
                for url in URLS:
                    rps, errors = wrk(base + url, args.seconds, args.connections)
                    flag = f"  ({errors} non-2xx)" if errors else ""
                    print(f"{label:<6} {url:<95} {rps:>9.0f} {rps / baseline:>6.2f}{flag}")
            finally:
                proc.terminate()
                proc.wait(10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
