#!/usr/bin/env python3
"""`make bench-writes`: load with writes. 16 readers and 2 editors for 30 s against gunicorn with Redis.

Run it with the project's virtualenv (`make bench-writes` does):

    .venv/bin/python benchmarks/writes.py [--seconds 30] [--readers 16] [--editors 2]
        [--synthetic N] [--without-redis] [--no-readme] [--report-from JSON]

It drops and creates its own database (BENCH_WRITES_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/catalogue_bench_writes; its name must contain "bench"),
migrates, loads the real catalogue (and `--synthetic N` synthetic practices on top), makes two
editors with `manage.py createeditor` (API tokens), empties its Redis database
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/7) and serves the site with gunicorn as
benchmarks/bench.py does (2 workers, production-like settings, 127.0.0.1), with the response cache
on (CATALOGUE_CACHE_SECONDS=600, the default) and REDIS_URL set; `--without-redis` leaves it unset
(each worker's own local-memory cache).

Then, for `--seconds`, each editor PATCHes the `lessons` of practices of its own (a counter in a
marker text, benchmarks/writes_report.py) through /api/v1/practices/{slug}/, with If-Match when the
server gave an ETag, while the readers GET, anonymously, API lists with filters and searches, the
edited practices' API details and pages, and list pages, sending If-None-Match with the ETag they
got before. Every request has a timeout; every time is taken on one monotonic clock. Once they
have stopped, the practices are read from the API and the database (row and history), a deliberate
conflict is tried (a write with a stale If-Match), and the report is printed and written into
benchmarks/README.md (its own part, one per cache). Every server is stopped at the end, also on
failure.
"""

import argparse
import datetime
import http.client
import json
import os
import resource
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench, report  # noqa: E402
from benchmarks import writes_report as judge  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/catalogue_bench_writes"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
CACHE_SECONDS = 600  # config/settings.py's default for CATALOGUE_CACHE_SECONDS
PRACTICES_PER_EDITOR = 2  # few, so that each is written and read often
REQUEST_TIMEOUT = bench.REQUEST_TIMEOUT
MARKERS = {
    "redis": ("<!-- bench:writes -->", "<!-- /bench:writes -->"),
    "local": ("<!-- bench:writes-without-redis -->", "<!-- /bench:writes-without-redis -->"),
}
log = bench.log


# Requests ---------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection to the server (gunicorn's sync workers close it after each answer;
    http.client opens a new one for the next request), timing on the run's monotonic clock."""

    def __init__(self, port, origin):
        self.port, self.origin = port, origin
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)

    def request(self, method, path, body=None, headers=None):
        """(started, ended, status, headers, body, error): status None when there was no answer."""
        started = time.monotonic() - self.origin
        for attempt in (1, 2):
            reused = self.connection.sock is not None
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.connection.close()
                # A kept-alive connection the server closed while idle is retried once on a new one
                # (as HTTP clients do); a new connection that fails is an error.
                idle = isinstance(
                    error, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
                )
                if reused and idle and attempt == 1:
                    continue
                ended = time.monotonic() - self.origin
                what = "timeout" if isinstance(error, TimeoutError) else "connection error"
                return started, ended, None, {}, b"", f"{what} after {ended - started:.1f} s ({error!r})"
            return started, time.monotonic() - self.origin, response.status, response.headers, data, ""

    def close(self):
        self.connection.close()


def seen_in(kind, body, run, edited, slug=None):
    """{slug: value} of the edited practices a response body shows (see writes_report.Read);
    `slug`: the practice a detail URL is about."""
    text = body.decode("utf-8", "replace")
    if kind in ("api-detail", "editor-detail"):
        try:
            practice = json.loads(text)
        except ValueError:
            return {}
        return (
            {slug: judge.value_of(practice.get("lessons"), run, slug)} if practice.get("slug") == slug else {}
        )
    if kind == "api-list":
        try:
            results = json.loads(text).get("results") or []
        except (ValueError, AttributeError):
            return {}
        return {
            r["slug"]: judge.value_of(r.get("lessons"), run, r["slug"])
            for r in results
            if r.get("slug") in edited
        }
    if kind == "page-detail":
        # The page shows the practice's lessons (none before the first write: 0).
        return {slug: judge.value_of(text, run, slug)}
    # A list page shows no lessons: only markers it happens to show count.
    return {s: v for s, v in judge.values_in(text, run).items() if s in edited}


def reader(name, port, origin, deadline, urls, run, edited, out):
    """GETs the URLs in turn, anonymously, until the deadline; If-None-Match with the ETag of the
    last 200 for the URL (a 304 then shows what that 200 showed)."""
    client = Client(port, origin)
    known = {}  # url: (etag, seen)
    records = []
    i = 0
    try:
        while time.monotonic() < deadline:
            kind, url, slug = urls[i % len(urls)]
            i += 1
            headers = {"Accept": "application/json"} if kind.startswith("api") else {}
            if url in known:
                headers["If-None-Match"] = known[url][0]
            started, ended, status, answer, body, error = client.request("GET", url, headers=headers)
            seen = {}
            if status == 200:
                seen = seen_in(kind, body, run, edited, slug)
                if answer.get("ETag"):
                    known[url] = (answer["ETag"], seen)
            elif status == 304 and url in known:
                seen = known[url][1]
            cached = answer.get("X-Cache") or ""
            records.append(judge.Read(name, kind, url, started, ended, status, seen, error, cached))
    finally:
        client.close()
        out.extend(records)


def editor(name, token, slugs, port, origin, deadline, run, writes_out, reads_out):
    """PATCHes each of its practices in turn until the deadline, each write the next counter.

    If-Match carries the ETag of the last answer about that practice (the PATCH's own, else a GET
    made for it); without one, no If-Match. A 412 is counted and the same value written again after
    a fresh GET (it was refused, so it is in no state). Any other failure is an error; the value is
    not used again (the write may have landed), and the next write of that practice starts with a GET.
    """
    client = Client(port, origin)
    auth = {"Authorization": f"Token {token}", "Accept": "application/json"}
    counter = dict.fromkeys(slugs, 0)
    etag = dict.fromkeys(slugs)
    fetched = dict.fromkeys(slugs, False)  # whether the last answer about it has been looked at
    writes, reads = [], []
    i = 0
    try:
        while time.monotonic() < deadline:
            slug = slugs[i % len(slugs)]
            path = f"/api/v1/practices/{slug}/"
            if not fetched[slug]:
                started, ended, status, answer, body, error = client.request("GET", path, headers=auth)
                seen = seen_in("editor-detail", body, run, slugs, slug) if status == 200 else {}
                reads.append(judge.Read(name, "editor-detail", path, started, ended, status, seen, error))
                if status != 200:
                    i += 1
                    continue
                etag[slug], fetched[slug] = answer.get("ETag"), True
                if time.monotonic() >= deadline:
                    break
            value = counter[slug] + 1
            headers = {**auth, "Content-Type": "application/json"}
            if etag[slug]:
                headers["If-Match"] = etag[slug]
            body = json.dumps({"lessons": judge.marker(run, slug, value)}).encode()
            started, ended, status, answer, _data, error = client.request("PATCH", path, body, headers)
            writes.append(judge.Write(name, slug, value, started, ended, status, error))
            if status == 412:
                fetched[slug] = False
                continue
            counter[slug] = value
            i += 1
            etag[slug] = answer.get("ETag") if status == 200 else None
            fetched[slug] = etag[slug] is not None
    finally:
        client.close()
        writes_out.extend(writes)
        reads_out.extend(reads)


# Setting up -------------------------------------------------------------------------------------


def flush_redis(url):
    import redis

    connection = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    try:
        connection.flushdb()
    except redis.RedisError as error:
        raise SystemExit(f"Redis does not answer at {url}: {error}") from error
    finally:
        connection.close()


def make_editor(env, username):
    token = bench.manage(env, "createeditor", username, "--no-input").strip().splitlines()[-1]
    if len(token) < 20:
        raise SystemExit(f"createeditor {username} printed no token: {token!r}")
    return token


def choose(base, editors, each):
    """The practices to edit (the first of the anonymous list, so lists show them too), and the
    readers' URLs: lists with filters and searches about them, their API details and pages."""
    client = Client(int(urllib.parse.urlsplit(base).port), time.monotonic())
    try:
        _s, _e, status, _h, body, error = client.request(
            "GET", "/api/v1/practices/", headers={"Accept": "application/json"}
        )
    finally:
        client.close()
    if status != 200:
        raise SystemExit(f"GET /api/v1/practices/ answered {status or error}")
    results = json.loads(body)["results"]
    wanted = editors * each
    if len(results) < wanted:
        raise SystemExit(f"{wanted} published practices needed, the list has {len(results)}")
    chosen = results[:wanted]
    first = chosen[0]
    word = next((w for w in first["title"].lower().split() if len(w) >= 5 and w.isalpha()), "pension")
    country = first["country"]["code"]
    urls = [
        ("api-list", "/api/v1/practices/", None),
        ("api-list", f"/api/v1/practices/?country={country}", None),
        ("api-list", f"/api/v1/practices/?search={urllib.parse.quote(word)}", None),
        ("api-list", f"/api/v1/practices/?country={country}&ordering=-year", None),
    ]
    for practice in chosen:
        slug = practice["slug"]
        urls.append(("api-detail", f"/api/v1/practices/{slug}/", slug))
        urls.append(("page-detail", urllib.parse.urlsplit(practice["html_url"]).path, slug))
    urls += [
        ("page-list", "/practices/", None),
        ("page-list", f"/practices/?country={country}", None),
        ("page-list", f"/practices/?search={urllib.parse.quote(word)}", None),
    ]
    slugs = [p["slug"] for p in chosen]
    return [slugs[i::editors] for i in range(editors)], urls, json.loads(body)["count"]


FINALS_CODE = """
import json
from catalogue.models import Practice
slugs = {slugs!r}
rows = dict(Practice.objects.filter(slug__in=slugs).values_list("slug", "lessons"))
history = {{}}
for slug, lessons in Practice.history.filter(slug__in=slugs).values_list("slug", "lessons"):
    history.setdefault(slug, []).append(lessons)
print(json.dumps({{"rows": rows, "history": history}}))
"""


def finals(env, base, slugs, run):
    """What the API (an anonymous GET, no validators) and the database (row, history) hold now."""
    client = Client(int(urllib.parse.urlsplit(base).port), time.monotonic())
    api = {}
    try:
        for slug in slugs:
            _s, _e, status, _h, body, error = client.request(
                "GET", f"/api/v1/practices/{slug}/", headers={"Accept": "application/json"}
            )
            if status != 200:
                raise SystemExit(f"GET /api/v1/practices/{slug}/ at the end answered {status or error}")
            api[slug] = judge.value_of(json.loads(body).get("lessons"), run, slug)
    finally:
        client.close()
    out = bench.manage(env, "shell", "-v0", "-c", FINALS_CODE.format(slugs=list(slugs)))
    stored = json.loads(out.strip().splitlines()[-1])
    return judge.Finals(
        api=api,
        database={slug: judge.value_of(text, run, slug) for slug, text in stored["rows"].items()},
        history={
            slug: [judge.value_of(text, run, slug) for text in texts]
            for slug, texts in stored["history"].items()
        },
    )


def conflict(base, tokens, slug, run):
    """Editor 1 reads a practice, editor 2 changes it, editor 1 writes with the ETag it read: 412."""
    client = Client(int(urllib.parse.urlsplit(base).port), time.monotonic())
    path = f"/api/v1/practices/{slug}/"

    def auth(token, **more):
        return {"Authorization": f"Token {token}", "Accept": "application/json", **more}

    try:
        _s, _e, status, answer, _b, error = client.request("GET", path, headers=auth(tokens[0]))
        stale = answer.get("ETag") if status == 200 else None
        if not stale:
            return {"measured": f"no ETag on GET {path} ({status or error})", "ok": False}
        body = json.dumps({"lessons": judge.marker(run + "x", slug, 1)}).encode()
        _s, _e, status, _h, _b, error = client.request(
            "PATCH", path, body, auth(tokens[1], **{"Content-Type": "application/json"})
        )
        if status != 200:
            return {"measured": f"the other editor's write answered {status or error}", "ok": False}
        body = json.dumps({"lessons": judge.marker(run + "x", slug, 2)}).encode()
        _s, _e, status, _h, _b, error = client.request(
            "PATCH", path, body, auth(tokens[0], **{"Content-Type": "application/json", "If-Match": stale})
        )
    finally:
        client.close()
    if status == 412:
        return {"measured": "HTTP 412", "ok": True}
    if status == 200:
        return {"measured": "HTTP 200: If-Match ignored, the other editor's write overwritten", "ok": False}
    return {"measured": f"{status or error}", "ok": False}


# The run ----------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the clients run")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument(
        "--practices", type=int, default=PRACTICES_PER_EDITOR, help="practices each editor writes"
    )
    parser.add_argument(
        "--synthetic", type=int, default=0, help="synthetic practices on top of the catalogue"
    )
    parser.add_argument(
        "--without-redis", action="store_true", help="REDIS_URL unset: each worker's local-memory cache"
    )
    parser.add_argument("--no-readme", action="store_true", help="print the report, leave README.md alone")
    parser.add_argument(
        "--report-from", metavar="JSON", help="render a saved run (.bench/writes-*.json) again"
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.seconds > 600 or min(args.readers, args.editors, args.practices) < 1:
        parser.error("--seconds: 0 to 600; --readers, --editors and --practices: at least 1")
    return args


def write_report(results, args):
    text = judge.render_report(results)
    print("\n" + text)
    if not args.no_readme:
        readme = ROOT / "benchmarks" / "README.md"
        markers = MARKERS[results["mode"]]
        readme.write_text(report.replace_results(readme.read_text(), text, markers=markers))
        log(f"written into {readme.relative_to(ROOT)}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.report_from:
        write_report(json.loads(Path(args.report_from).read_text()), args)
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    url = os.environ.get("BENCH_WRITES_DATABASE_URL") or DEFAULT_DATABASE_URL
    settings = bench.database_settings(url)
    redis_url = None if args.without_redis else os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL
    mode = "local" if redis_url is None else "redis"
    env = bench.server_env(url, secrets.token_urlsafe(18))
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    if redis_url:
        flush_redis(redis_url)  # answers, or the run stops here (the set-up commands need it too)
    log(f"database {settings['NAME']} on {settings['HOST']}:{settings['PORT']} (dropped and created)")
    postgresql = bench.recreate_database(settings)
    run = secrets.token_hex(3)
    results = {
        "mode": mode,
        "started": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": bench.machine(postgresql),
        "cache": (
            f"response cache on ({CACHE_SECONDS} s), REDIS_URL={redis_url}"
            if redis_url
            else f"response cache on ({CACHE_SECONDS} s), REDIS_URL unset (each worker's local-memory cache)"
        ),
        "synthetic": args.synthetic,
        "notes": [],
    }
    bench.manage(env, "migrate", "--noinput", "-v0")
    bench.manage(env, "load_catalogue", "-v0")
    bench.manage(env, "collectstatic", "--noinput", "-v0")
    if args.synthetic:
        bench.manage(env, "generate_synthetic", "--practices", str(args.synthetic), stream=True)
    names = [f"bench-editor-{n + 1}" for n in range(args.editors)]
    tokens = [make_editor(env, name) for name in names]
    if redis_url:
        flush_redis(redis_url)
        log(f"{redis_url} emptied")
    server = bench.gunicorn(env, f"writes-{mode}", CACHE_SECONDS)
    bench.WORK.mkdir(exist_ok=True)
    (bench.WORK / f"{server.name}.log").unlink(missing_ok=True)  # its timeouts are this run's only
    with server:
        sets, urls, practices = choose(server.base, args.editors, args.practices)
        edited = [slug for slugs in sets for slug in slugs]
        results.update(edited=edited, practices=practices, urls=[url for _kind, url, _slug in urls])
        log(
            f"{args.readers} readers, {args.editors} editors for {args.seconds:g} s on {server.base} "
            f"({results['cache']}); edited: {', '.join(edited)}"
        )
        port = server.port
        origin = time.monotonic()
        deadline = origin + args.seconds
        writes, reads, threads = [], [], []
        for n in range(args.readers):
            # Each reader starts at another URL, so all of them are read at any moment.
            mine = urls[n % len(urls) :] + urls[: n % len(urls)]
            threads.append(
                threading.Thread(
                    target=reader,
                    args=(f"reader-{n + 1}", port, origin, deadline, mine, run, edited, reads),
                    daemon=True,
                )
            )
        for name, token, slugs in zip(names, tokens, sets, strict=True):
            threads.append(
                threading.Thread(
                    target=editor,
                    args=(name, token, slugs, port, origin, deadline, run, writes, reads),
                    daemon=True,
                )
            )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(0.0, deadline + REQUEST_TIMEOUT + 10 - time.monotonic()))
        stuck = sum(thread.is_alive() for thread in threads)
        if stuck:
            results["notes"].append(f"{stuck} clients still waiting for an answer when the run ended")
        seconds = max([r.ended for r in [*reads, *writes]], default=args.seconds)
        log(f"clients done: {len(reads):,} reads, {len(writes):,} writes in {seconds:.1f} s")
        final = finals(env, server.base, edited, run)
        summary = judge.analyse(
            writes, reads, final, seconds, {"readers": args.readers, "editors": args.editors}
        )
        summary["conflict"] = conflict(server.base, tokens, edited[0], run)
        results["summary"] = summary
        used = resource.getrusage(resource.RUSAGE_SELF)
        results["notes"].append(
            f"the clients' process used {used.ru_utime + used.ru_stime:.1f} s of CPU in all "
            "(they share the 2 cores with gunicorn and PostgreSQL)"
        )
        killed = server.timeouts()
        if killed:
            results["notes"].append(f"gunicorn killed a worker at its 30 s timeout for: {', '.join(killed)}")
    results["machine"]["load_end"] = bench.load_average()
    bench.WORK.mkdir(exist_ok=True)
    (bench.WORK / f"writes-{mode}.json").write_text(json.dumps(results, indent=1, default=str))
    write_report(results, args)


if __name__ == "__main__":
    main()
