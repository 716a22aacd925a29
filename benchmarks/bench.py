#!/usr/bin/env python3
"""`make bench`: the catalogue at 1,000, 10,000 and 100,000 practices on PostgreSQL, measured.

Run it with the project's virtualenv (`make bench` does, after installing what is missing):

    .venv/bin/python benchmarks/bench.py [--sizes 1000,10000,100000] [--no-readme] [--no-datasette]

It drops and creates its own database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/catalogue_bench; its name must contain "bench"), migrates,
loads the catalogue and, for each size, runs `generate_synthetic --practices N`, serves the site
with gunicorn on a free loopback port (production-like settings, response cache off) and times
sequential requests per endpoint. At the largest size it also times the CSV export, reads the
workers' memory, compares a faceted search with Datasette serving the same rows, and measures
throughput with the cache on (wrk). It prints one report and writes it into benchmarks/README.md.
Every server it starts listens on 127.0.0.1 and is stopped at the end, also on failure.

benchmarks/README.md says what each column means.
"""

import argparse
import contextlib
import datetime
import http.client
import http.cookiejar
import importlib.metadata
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402

PYTHON = Path(sys.executable)
BIN = PYTHON.parent
WORK = ROOT / ".bench"  # logs, the SQLite export, last-run.json (git-ignored)
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/catalogue_bench"
WORKERS = 2
WORKER_TIMEOUT_S = 30  # gunicorn's default: a worker busy for longer is killed (and answers 500)
REQUEST_TIMEOUT = WORKER_TIMEOUT_S + 5  # seconds the benchmark waits for an answer
SLOW_MS = 20_000  # an endpoint slower than this is not requested again for its query count
SECRET_KEY = "benchmark-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN"


def log(message):
    print(message, flush=True)


# Requests ---------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to report (a login page, a moved URL), not one to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


class Fetched:
    def __init__(self, status, ms, size, head, headers, error=None):
        self.status, self.ms, self.size, self.head, self.headers, self.error = (
            status,
            ms,
            size,
            head,
            headers,
            error,
        )


def fetch(opener, url, gzip=False, data=None, headers=None):
    """One request, timed from sending it to the last byte of the body; the body is counted, not kept."""
    request = urllib.request.Request(url, data=data, headers=dict(headers or {}))
    if gzip:
        request.add_header("Accept-Encoding", "gzip")
    started = time.perf_counter()
    try:
        response = opener.open(request, timeout=REQUEST_TIMEOUT)
    except urllib.error.HTTPError as error:
        body = error.read()
        return Fetched(
            error.code, (time.perf_counter() - started) * 1000, len(body), body[:4096], error.headers
        )
    except TimeoutError:
        return Fetched(None, None, None, b"", {}, f"no answer within {REQUEST_TIMEOUT} s")
    except (http.client.HTTPException, ConnectionError, urllib.error.URLError) as error:
        seconds = time.perf_counter() - started
        return Fetched(None, None, None, b"", {}, f"connection closed after {seconds:.0f} s ({error!r})")
    size, head = 0, b""
    try:
        with response:
            while chunk := response.read(1 << 20):
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
                size += len(chunk)
    except TimeoutError:
        return Fetched(None, None, None, b"", {}, f"body not finished within {REQUEST_TIMEOUT} s")
    except (http.client.HTTPException, ConnectionError) as error:
        seconds = time.perf_counter() - started
        return Fetched(
            None, None, None, b"", {}, f"body cut after {seconds:.0f} s ({error!r}): worker killed?"
        )
    return Fetched(response.status, (time.perf_counter() - started) * 1000, size, head, response.headers)


def anonymous_opener():
    return urllib.request.build_opener(NoRedirect())


def admin_opener(base, username, password):
    """A logged-in session: the login form's CSRF token and cookie, then a POST, as a browser does."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(NoRedirect(), urllib.request.HTTPCookieProcessor(jar))
    login = base + "/admin/login/?next=/admin/"
    with opener.open(login, timeout=REQUEST_TIMEOUT) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise RuntimeError("no CSRF token in /admin/login/")
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1), "next": "/admin/"}
    ).encode()
    answer = fetch(opener, login, data=form, headers={"Referer": login})
    if answer.status != 302 or not any(cookie.name == "sessionid" for cookie in jar):
        raise RuntimeError(f"admin login failed (HTTP {answer.status or answer.error})")
    return opener


def failure(answer):
    """What went wrong with an answer that is not a 200, and whether it was a request too slow to repeat."""
    if answer.error:
        return {"status": "error", "note": answer.error, "hopeless": True}
    seconds = answer.ms / 1000
    if answer.status >= 500 and seconds >= WORKER_TIMEOUT_S - 1:
        note = f"HTTP {answer.status} after {seconds:.0f} s: gunicorn's {WORKER_TIMEOUT_S} s worker timeout"
        return {"status": "error", "note": note, "hopeless": True}
    return {"status": "error", "note": f"HTTP {answer.status} after {answer.ms:,.0f} ms", "hopeless": False}


def measure(opener, url, max_requests, budget_s, gzip_size=True):
    """Warm-up, then sequential timed requests: up to `max_requests`, fewer once `budget_s` is spent.

    Returns a measurement dict (report.py reads it): status ok with samples, or n/a (404), or error.
    """
    first = fetch(opener, url)
    if first.status == 404:
        return {"status": "n/a", "note": "answers 404"}
    if first.error or first.status != 200:
        return failure(first)
    result = {"status": "ok", "bytes": first.size, "gzip_bytes": None, "samples_ms": [], "head": first.head}
    # The warm-up is the first request for this URL since the last write: what a search costs before
    # its counts are kept (once per content version); the report shows it for the searches.
    result["first_ms"] = round(first.ms, 3)
    if gzip_size and first.ms < 3000:
        # The second warm-up asks for gzip, as browsers do: what the response weighs on the wire.
        second = fetch(opener, url, gzip=True)
        if second.status == 200 and (second.headers.get("Content-Encoding") or "").lower() == "gzip":
            result["gzip_bytes"] = second.size
    least = 3 if first.ms < 5000 else 1
    spent = 0.0
    while len(result["samples_ms"]) < max_requests and (
        len(result["samples_ms"]) < least or spent < budget_s
    ):
        answer = fetch(opener, url)
        if answer.error or answer.status != 200:
            result.update(failure(answer))
            break
        result["samples_ms"].append(round(answer.ms, 3))
        spent += answer.ms / 1000
    return result


# Processes --------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command, env, what, stream=False, input_text=None):
    """Run a command from the project root; on failure, show its output and stop the benchmark."""
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        text=True,
        input=input_text,
        stdout=None if stream else subprocess.PIPE,
        stderr=None if stream else subprocess.PIPE,
    )
    if done.returncode != 0:
        if not stream:
            sys.stderr.write((done.stdout or "")[-4000:] + (done.stderr or "")[-4000:])
        raise SystemExit(f"{what} failed (exit {done.returncode})")
    return done.stdout


def manage(env, *args, stream=False):
    return run([str(PYTHON), "manage.py", *args], env, "manage.py " + " ".join(args), stream=stream)


def inprocess(env, *args, input_data=None):
    out = run(
        [str(PYTHON), str(ROOT / "benchmarks" / "inprocess.py"), *args],
        env,
        "benchmarks/inprocess.py " + " ".join(args),
        input_text=None if input_data is None else json.dumps(input_data),
    )
    return json.loads(out)


class Server:
    """A process serving HTTP on 127.0.0.1 (gunicorn or Datasette), stopped on leaving the block."""

    def __init__(self, name, command, env, ready_path):
        self.name, self.command, self.env, self.ready_path = name, command, env, ready_path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def __enter__(self):
        WORK.mkdir(exist_ok=True)
        self.log_path = WORK / f"{self.name}.log"
        self.log_file = open(self.log_path, "a")
        command = [part.replace("{port}", str(self.port)) for part in self.command]
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            answer = fetch(anonymous_opener(), self.base + self.ready_path)
            if answer.status == 200:
                return self
            time.sleep(0.3)
        self.stop()
        tail = self.log_path.read_text(errors="replace")[-3000:]
        raise SystemExit(f"{self.name} did not start on {self.base}:\n{tail}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if getattr(self, "log_file", None):
            self.log_file.close()
            self.log_file = None

    def __exit__(self, *exc):
        self.stop()

    def timeouts(self):
        """The requests gunicorn killed a worker for (its log: WORKER TIMEOUT, then the request)."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        found = []
        for pid in re.findall(r"WORKER TIMEOUT \(pid:(\d+)\)", text):
            request = re.search(rf"\[{pid}\] \[ERROR\] Error handling request (\S+ \S+)", text)
            found.append(request.group(1) if request else f"worker {pid}")
        return found

    def workers(self):
        """The gunicorn workers: the master's children, with their VmRSS in KiB (from /proc)."""
        pid = self.proc.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == pid]
        found = []
        for child in sorted(children, key=int):
            rss = _rss_kib(int(child))
            if rss is not None:
                found.append({"pid": int(child), "rss_kib": rss})
        return found


def _ppid(proc_dir):
    try:
        return int((proc_dir / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def gunicorn(env, size, cache_seconds):
    return Server(
        f"gunicorn-{size}-cache-{cache_seconds}",
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            "127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            str(WORKER_TIMEOUT_S),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        {**env, "CATALOGUE_CACHE_SECONDS": str(cache_seconds)},
        "/robots.txt",
    )


# Setting up -------------------------------------------------------------------------------------


def database_settings(url):
    import dj_database_url

    settings = dj_database_url.parse(url)
    if "postgresql" not in settings["ENGINE"]:
        raise SystemExit(f"BENCH_DATABASE_URL must be a PostgreSQL URL, not {url}")
    if "bench" not in settings["NAME"]:
        raise SystemExit(
            f"BENCH_DATABASE_URL names {settings['NAME']!r}: the benchmark drops its database, "
            "so its name must contain 'bench'"
        )
    return settings


def connect(settings, dbname):
    import psycopg2

    return psycopg2.connect(
        dbname=dbname,
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
    )


def recreate_database(settings):
    from psycopg2 import sql

    try:
        connection = connect(settings, "postgres")
    except Exception as error:
        raise SystemExit(
            f"PostgreSQL does not answer at {settings['HOST']}:{settings['PORT']}: {error}"
        ) from error
    connection.autocommit = True
    with connection.cursor() as cursor:
        name = sql.Identifier(settings["NAME"])
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    connection.close()
    return f"PostgreSQL {version.split()[0]}"


def server_env(database_url, admin_password):
    """Production-like settings: debug off, a secret key, plain HTTP on loopback, quiet logs."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "ERROR",
        "CATALOGUE_CACHE_SECONDS": "0",
        # Every request comes from 127.0.0.1, far faster than the per-address API limit allows:
        # with the throttle on, the benchmark would time 429s.
        "API_THROTTLE_RATE": "off",
        "BENCH_ADMIN_PASSWORD": admin_password,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_DEBUG", None)
    return env


def git(*args):
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine(postgresql):
    cpu = "?"
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else "?"
    ram = "?"
    with contextlib.suppress(OSError):
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024 / 1024:.0f}"
    commit = git("rev-parse", "--short", "HEAD") or "?"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": ram,
        "python": platform.python_version(),
        "postgresql": postgresql,
        "django": importlib.metadata.version("django"),
        "gunicorn": importlib.metadata.version("gunicorn"),
        "workers": WORKERS,
        "commit": commit,
        "load_start": load_average(),
    }


def load_average():
    """The 1-minute load average: other processes on the 2 cores move every figure."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# One size ---------------------------------------------------------------------------------------


def sitemap_part_path(measurement):
    """The first part a sitemap index lists, as a path on our server; None for a single sitemap file."""
    head = measurement.get("head", b"").decode("utf-8", "replace")
    if "<sitemapindex" not in head:
        return None
    found = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", head)
    if not found:
        return None
    parts = urllib.parse.urlsplit(found.group(1).replace("&amp;", "&"))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def measure_size(env, size, results, state, args, server):
    """Every endpoint of the table at one size, on a server with the cache off."""
    anonymous = anonymous_opener()
    admin = admin_opener(server.base, state["username"], env["BENCH_ADMIN_PASSWORD"])
    measured = {}
    for endpoint in report.ENDPOINTS:
        if endpoint.kind == "csv":
            continue
        earlier = state["failed"].get(endpoint.key)
        if earlier:
            measured[endpoint.key] = {"status": "skipped", "note": earlier}
            continue
        path = endpoint.path
        if endpoint.kind == "sitemap-part":
            path = sitemap_part_path(measured.get("sitemap", {}))
            if path is None:
                note = "/sitemap.xml is one file, not an index"
                if measured.get("sitemap", {}).get("status") != "ok":
                    note = "/sitemap.xml was not measured"
                measured[endpoint.key] = {"status": "n/a", "note": note}
                continue
        elif "{pk}" in path:
            path = path.format(pk=state["practice_pk"])
        opener = admin if endpoint.kind == "admin" else anonymous
        m = measure(opener, server.base + path, args.requests, args.budget)
        m["path"] = path
        measured[endpoint.key] = m
        log(f"  {report.fmt_size(size):>5} {report.label(endpoint):<72} {summary_line(m)}")
        if m.get("hopeless"):
            state["failed"][endpoint.key] = f"not requested: at {report.fmt_size(size)}, {m['note']}"

    # Queries per request, counted in-process on the same database (benchmarks/inprocess.py).
    wanted = [
        {"key": key, "path": m["path"], "admin": report.BY_KEY[key].kind == "admin"}
        for key, m in measured.items()
        if m.get("status") == "ok" and (report.p50(m) or 0) < SLOW_MS
    ]
    counts = inprocess(env, "queries", input_data=wanted)
    for key, counted in counts.items():
        measured[key]["queries"] = counted["queries"]
        if counted["status"] != 200:
            measured[key]["note"] = f"in-process answer {counted['status']}"
    for m in measured.values():
        m.pop("head", None)
    for key, m in measured.items():
        results["measurements"].setdefault(key, {})[str(size)] = m


def summary_line(m):
    if m["status"] != "ok":
        return f"{m['status']}: {m.get('note', '')}"
    gz = f", {report.fmt_bytes(m['gzip_bytes'])} gz" if m.get("gzip_bytes") is not None else ""
    return (
        f"p50 {report.fmt_ms(report.p50(m))} ms, p95 {report.fmt_ms(report.p95(m))} ms "
        f"(n={len(m['samples_ms'])}), {report.fmt_bytes(m['bytes'])}{gz}"
    )


def measure_csv(env, size, results, state, server, times):
    """The full CSV export, timed once or twice, with the workers' memory before and after."""
    endpoint = report.BY_KEY["csv"]
    earlier = state["failed"].get("csv")
    if earlier:
        results["csv"][str(size)] = {"status": "skipped", "note": earlier}
        results["measurements"].setdefault("csv", {})[str(size)] = {"status": "skipped", "note": earlier}
        return
    before = {w["pid"]: w["rss_kib"] for w in server.workers()}
    samples, answer = [], None
    for _ in range(times):
        answer = fetch(anonymous_opener(), server.base + endpoint.path)
        if answer.error or answer.status != 200:
            break
        samples.append(round(answer.ms, 3))
    after = {w["pid"]: w["rss_kib"] for w in server.workers()}
    # The worker that served the export is the one that grew most (the other one idled).
    both = [pid for pid in after if pid in before] or [None]
    pid = max(both, key=lambda p: after[p] - before[p] if p else 0)
    csv = {"pid": pid, "rss_before_kib": before.get(pid), "rss_after_kib": after.get(pid)}
    if samples:
        csv.update(status="ok", seconds=report.percentile(samples, 50) / 1000, bytes=answer.size, note="")
        m = {"status": "ok", "samples_ms": samples, "bytes": answer.size, "gzip_bytes": None}
        if report.p50(m) < SLOW_MS:
            counted = inprocess(env, "queries", input_data=[{"key": "csv", "path": endpoint.path}])
            m["queries"] = counted["csv"]["queries"]
    else:
        m = failure(answer)
        csv.update(status="error", note=m["note"])
        if m["hopeless"]:
            state["failed"]["csv"] = f"not requested: at {report.fmt_size(size)}, {m['note']}"
    results["csv"][str(size)] = csv
    results["measurements"].setdefault("csv", {})[str(size)] = m
    log(
        f"  {report.fmt_size(size):>5} {report.label(endpoint):<72} {summary_line(m)}; "
        f"worker {pid} RSS {report.fmt_mib(csv['rss_before_kib'])} -> {report.fmt_mib(csv['rss_after_kib'])}"
    )


# Datasette --------------------------------------------------------------------------------------


def datasette_compare(env, size, results, args, server):
    """The same published practices in SQLite with FTS, served by Datasette; the same faceted search."""
    venv = Path(args.datasette_venv)
    datasette_bin, sqlite_utils = venv / "bin" / "datasette", venv / "bin" / "sqlite-utils"
    if not datasette_bin.exists() or not sqlite_utils.exists():
        results["datasette"] = {"skipped": f"no Datasette in {venv} (make bench installs it)"}
        return
    started = time.monotonic()
    rows_file, db = WORK / "practices.ndjson", WORK / "bench.db"
    db.unlink(missing_ok=True)
    exported = inprocess(env, "export", str(rows_file))["rows"]
    tool_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    run(
        [str(sqlite_utils), "insert", str(db), "practices", str(rows_file), "--nl", "--pk", "id"],
        tool_env,
        "sqlite-utils insert",
    )
    run(
        [str(sqlite_utils), "enable-fts", str(db), "practices", "title", "summary", "institution", "--fts5"],
        tool_env,
        "sqlite-utils enable-fts",
    )
    for column in ("country", "tier", "year", "institution"):
        run(
            [str(sqlite_utils), "create-index", str(db), "practices", column],
            tool_env,
            "sqlite-utils create-index",
        )
    rows_file.unlink(missing_ok=True)
    version = run([str(datasette_bin), "--version"], tool_env, "datasette --version").split()[-1]
    log(
        f"  Datasette {version}: {exported:,} rows exported to SQLite with FTS5 "
        f"in {time.monotonic() - started:.0f} s"
    )

    facets = "_facet=country&_facet=tier&_facet=year&_facet=institution&_facet_array=priority_areas"
    ds_path = f"/bench/practices.json?_search=pension&{facets}&_size=20"
    command = [
        str(datasette_bin),
        "serve",
        "-i",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        "{port}",
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "facet_time_limit_ms",
        "20000",
        "--setting",
        "sql_time_limit_ms",
        "30000",
    ]
    rows = []
    with Server("datasette", command, tool_env, "/-/versions.json") as datasette:
        anonymous = anonymous_opener()
        m = measure(anonymous, datasette.base + ds_path, args.requests, args.budget, gzip_size=False)
        body = json.loads(urllib.request.urlopen(datasette.base + ds_path, timeout=REQUEST_TIMEOUT).read())
        rows.append(
            {
                "name": "datasette",
                "label": "Datasette: `practices.json?_search=pension`, 5 facets",
                "count": body.get("filtered_table_rows_count"),
                "timed_out": body.get("facets_timed_out") or [],
                **timing(m),
            }
        )
    page = measure(
        anonymous_opener(),
        server.base + "/practices/?search=pension",
        args.requests,
        args.budget,
        gzip_size=False,
    )
    api = json.loads(
        urllib.request.urlopen(
            server.base + "/api/v1/practices/?search=pension", timeout=REQUEST_TIMEOUT
        ).read()
    )
    rows.append(
        {
            "name": "page-search",
            "label": "ours: `/practices/?search=pension` (rows and facets)",
            "count": api.get("count"),
            **timing(page),
        }
    )
    pair = measure_pair(server.base, args)
    rows.append(
        {
            "name": "api-pair",
            "label": "ours: `/api/v1/practices/?search=pension` + `facets/?search=pension`",
            "count": api.get("count"),
            **pair,
        }
    )
    db.unlink(missing_ok=True)
    timed_out = rows[0]["timed_out"]
    note = ("Datasette's facets timed out: " + ", ".join(timed_out)) if timed_out else ""
    results["datasette"] = {
        "version": version,
        "size": size,
        "rows": rows,
        "note": note,
        "description": (
            f"`{ds_path}`: {exported:,} published practices exported from PostgreSQL (title, summary, "
            "institution name, country code, tier slug, year, priority areas as a JSON list) into SQLite "
            "with sqlite-utils, "
            "FTS5 on title, summary and institution, an index on each faceted column; served by "
            "`datasette serve -i` (immutable) with suggested facets off and time limits raised so that "
            "every facet is computed. Facets: country, tier, year, institution, priority areas. Sequential "
            "requests, our server with the cache off; the pair is the two API calls a client makes, timed "
            "one after the other as one sample. Matches differ because our search stems English and "
            "Spanish words and Datasette's FTS5 does not."
        ),
    }
    for row in rows:
        log(
            f"  {row['label']:<100} p50 {report.fmt_ms(row.get('p50'))} ms, "
            f"p95 {report.fmt_ms(row.get('p95'))} ms, "
            f"{row.get('count')} matches"
        )


def timing(m):
    if m.get("status") != "ok":
        return {"p50": None, "p95": None, "n": 0, "note": m.get("note")}
    return {"p50": report.p50(m), "p95": report.p95(m), "n": len(m["samples_ms"])}


def measure_pair(base, args):
    opener = anonymous_opener()
    urls = [base + "/api/v1/practices/?search=pension", base + "/api/v1/practices/facets/?search=pension"]
    for url in urls:
        fetch(opener, url)
    samples, spent = [], 0.0
    while len(samples) < args.requests and (len(samples) < 3 or spent < args.budget):
        answers = [fetch(opener, url) for url in urls]
        if any(a.error or a.status != 200 for a in answers):
            break
        total = sum(a.ms for a in answers)
        samples.append(total)
        spent += total / 1000
    return timing({"status": "ok", "samples_ms": samples}) if samples else {"p50": None, "p95": None, "n": 0}


# Throughput -------------------------------------------------------------------------------------


def throughput(env, size, results, args):
    if not shutil.which("wrk"):
        results["throughput"] = {"skipped": "wrk is missing (make bench installs it with apt-get)"}
        return
    # /robots.txt first and last: the baseline is their mean, so a drift in the machine's load
    # during the run weighs on both sides of the ratio.
    keys = ["robots", "api-filtered", "page-filtered", "robots"]
    rows = []
    with gunicorn(env, size, 600) as server:
        opener = anonymous_opener()
        for key in keys[:-1]:
            for _ in range(6):  # fill each worker's local-memory cache
                fetch(opener, server.base + report.BY_KEY[key].path)
        for key in keys:
            path = report.BY_KEY[key].path
            out = subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", f"-d{args.wrk_seconds}s", server.base + path],
                capture_output=True,
                text=True,
                timeout=args.wrk_seconds + 60,
                check=True,
            ).stdout
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            rows.append(
                {"key": key, "path": path, "rps": rps, "non2xx": int(non_2xx.group(1)) if non_2xx else 0}
            )
            log(f"  cache on, {path:<70} {rps:,.0f} req/s")
    results["throughput"] = {
        "size": size,
        "seconds": args.wrk_seconds,
        "connections": args.connections,
        "rows": rows,
    }


# The run ----------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic practices, comma-separated")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per endpoint, at most")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds of timed requests per endpoint")
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--datasette-venv", default=os.environ.get("BENCH_VENV", str(ROOT / ".bench-venv")))
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--no-readme", action="store_true", help="print the report, leave README.md alone")
    parser.add_argument(
        "--report-from", metavar="JSON", help="render a saved run (.bench/last-run.json) again"
    )
    args = parser.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    if not args.sizes or args.sizes[0] < 0:
        parser.error("--sizes: whole numbers, e.g. 1000,10000,100000")
    return args


def write_report(results, args):
    text = report.render_report(results)
    print("\n" + text)
    if not args.no_readme:
        readme = ROOT / "benchmarks" / "README.md"
        readme.write_text(report.replace_results(readme.read_text() if readme.exists() else "", text))
        log(f"written into {readme.relative_to(ROOT)}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.report_from:
        write_report(json.loads(Path(args.report_from).read_text()), args)
        return
    # A SIGTERM (a CI time-out, kill) unwinds like Ctrl-C, so the servers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    settings = database_settings(url)
    WORK.mkdir(exist_ok=True)
    for old in WORK.glob("*.log"):
        old.unlink()
    started = time.monotonic()
    phases = {}
    env = server_env(url, secrets.token_urlsafe(18))
    log(f"database {settings['NAME']} on {settings['HOST']}:{settings['PORT']} (dropped and created)")
    postgresql = recreate_database(settings)
    results = {
        "started": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(postgresql),
        "sizes": args.sizes,
        "requests": args.requests,
        "budget_s": args.budget,
        "measurements": {},
        "csv": {},
        "timeouts": {},
    }
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_catalogue", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        state = {**inprocess(env, "setup"), "failed": {}}
        phases["set-up"] = time.monotonic() - started
        log(f"migrated, catalogue loaded, static files collected in {phases['set-up']:.0f} s")
        for size in args.sizes:
            mark = time.monotonic()
            log(f"generate_synthetic --practices {size}")
            manage(env, "generate_synthetic", "--practices", str(size), stream=True)
            phases[f"generate {report.fmt_size(size)}"] = time.monotonic() - mark
            mark = time.monotonic()
            largest = size == args.sizes[-1]
            with gunicorn(env, size, 0) as server:
                measure_size(env, size, results, state, args, server)
                if largest and not args.no_datasette:
                    datasette_compare(env, size, results, args, server)
                measure_csv(env, size, results, state, server, times=1 if largest else 2)
                if largest:
                    results["memory"] = {"size": size, "workers": server.workers()}
                    log(f"  workers after the run: {results['memory']['workers']}")
                results["timeouts"][str(size)] = server.timeouts()
            if largest:
                throughput(env, size, results, args)
            phases[f"measure {report.fmt_size(size)}"] = time.monotonic() - mark
    finally:
        results["duration_s"] = time.monotonic() - started
        results["machine"]["load_end"] = load_average()
        results["phases"] = phases
        WORK.mkdir(exist_ok=True)
        (WORK / "last-run.json").write_text(json.dumps(results, indent=1, default=str))
    write_report(results, args)


if __name__ == "__main__":
    main()
