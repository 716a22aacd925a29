"""The pure half of the benchmark: what is measured, the targets, percentiles, checks and tables.

Nothing here does I/O; benchmarks/bench.py measures and hands a results dict (JSON-shaped, sizes as
strings) to `render_report`. The targets are issue 9's, at the largest size, p95, cache off.
"""

import math
from dataclasses import dataclass

GROWTH_LIMIT = 3.0  # no p95 grows more than 3x from the smallest size to the largest
COMPRESSED_LIMIT = 60_000  # bytes /practices/ may transfer, compressed, at any size
MEMORY_LIMIT_MIB = 200  # each worker's VmRSS after the whole run
THROUGHPUT_RATIO = 0.5  # cached filtered list, requests per second, against /robots.txt
CSV_GROWTH_LIMIT_MIB = 50  # "streamed with flat memory": a worker's RSS grows less than this


@dataclass(frozen=True)
class Endpoint:
    """One row of the table. `path` may hold `{pk}` (admin change form) or be None (found at run time)."""

    key: str
    path: str | None
    label: str
    kind: str = "public"  # public, admin (logged-in session), csv (timed once or twice), sitemap-part
    target_ms: float | None = None
    target_note: str = ""
    growth: bool = True


ENDPOINTS = [
    Endpoint("robots", "/robots.txt", "/robots.txt (no database)", growth=False),
    Endpoint("api-search", "/api/v1/practices/?search=pension", "", target_ms=50, target_note="search"),
    Endpoint(
        "api-search-rare",
        "/api/v1/practices/?search=telemedicine%20retirees",
        "",
        target_ms=50,
        target_note="search",
    ),
    Endpoint(
        "api-search-phrase",
        "/api/v1/practices/?search=%22universal%20pension%22",
        "",
        target_ms=50,
        target_note="search",
    ),
    Endpoint(
        "api-search-typo",
        "/api/v1/practices/?search=pensoin",
        "/api/v1/practices/?search=pensoin (typo: suggestion)",
        target_ms=50,
        target_note="search",
    ),
    Endpoint("api-facets", "/api/v1/practices/facets/", "", target_ms=50, target_note="facets"),
    Endpoint(
        "api-facets-search",
        "/api/v1/practices/facets/?search=pension",
        "",
        target_ms=50,
        target_note="facets with search",
    ),
    Endpoint(
        "api-filtered",
        "/api/v1/practices/?country=MX&tier=merit",
        "",
        target_ms=50,
        target_note="filtered list",
    ),
    Endpoint(
        "api-facets-filtered",
        "/api/v1/practices/facets/?country=MX&tier=merit",
        "",
        target_ms=50,
        target_note="facets",
    ),
    Endpoint("page-list", "/practices/", "", target_ms=100, target_note="/practices/"),
    Endpoint(
        "page-search", "/practices/?search=pension", "", target_ms=100, target_note="list page with search"
    ),
    Endpoint(
        "page-filtered",
        "/practices/?country=MX&priority_area=good-governance&year=2017",
        "",
        target_ms=100,
        target_note="a list page, as /practices/",
    ),
    Endpoint("statistics", "/statistics/", "", target_ms=200, target_note="/statistics/"),
    Endpoint(
        "page-detail", "/practices/universal-pension-for-the-elderly/", "a practice, with related practices"
    ),
    Endpoint("api-last", "/api/v1/practices/?page=last", "", target_ms=100, target_note="?page=last"),
    Endpoint("api-page-size", "/api/v1/practices/?page_size=20", ""),
    Endpoint("sitemap", "/sitemap.xml", "", target_ms=500, target_note="each sitemap file"),
    Endpoint(
        "sitemap-part",
        None,
        "first part of the sitemap index",
        kind="sitemap-part",
        target_ms=500,
        target_note="each sitemap file",
    ),
    Endpoint("feed", "/feeds/practices/", ""),
    Endpoint(
        "suggest", "/api/v1/practices/suggest/?q=pen", "", target_ms=20, target_note="search suggestions"
    ),
    Endpoint(
        "admin-list",
        "/admin/catalogue/practice/",
        "",
        kind="admin",
        target_ms=500,
        target_note="admin: well under a second",
    ),
    Endpoint(
        "admin-change",
        "/admin/catalogue/practice/{pk}/change/",
        "/admin/catalogue/practice/<id>/change/",
        kind="admin",
        target_ms=500,
        target_note="admin: well under a second",
    ),
    Endpoint("csv", "/api/v1/practices/?format=csv", "", kind="csv", growth=False),
]
BY_KEY = {endpoint.key: endpoint for endpoint in ENDPOINTS}


def label(endpoint):
    return endpoint.label or endpoint.path


def percentile(values, q):
    """The q-th percentile (0-100) of `values`, interpolating linearly between the closest ranks.

    The same definition as numpy's default and Python's statistics.quantiles(method="inclusive"):
    p50 of [1, 2, 3, 4] is 2.5, p95 of 1..20 is 19.05. None for no values.
    """
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"a percentile is between 0 and 100, not {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def p50(measurement):
    return percentile((measurement or {}).get("samples_ms") or [], 50)


def p95(measurement):
    return percentile((measurement or {}).get("samples_ms") or [], 95)


# Formatting -------------------------------------------------------------------------------------


def fmt_ms(ms):
    if ms is None:
        return "-"
    if ms < 10:
        return f"{ms:.1f}"
    return f"{ms:,.0f}"


def fmt_bytes(n):
    """Decimal units (1 kB = 1,000 bytes), as the compressed-size target counts them."""
    if n is None:
        return "-"
    if n < 1000:
        return f"{n} B"
    if n < 1_000_000:
        return f"{n / 1000:.1f} kB" if n < 10_000 else f"{n / 1000:.0f} kB"
    return f"{n / 1_000_000:.1f} MB"


def fmt_size(size):
    size = int(size)
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def fmt_factor(x):
    """Two decimals below 10, so a factor just over the 3x limit never reads as 3.0x."""
    if x is None:
        return "-"
    return f"{x:.2f}x" if x < 10 else f"{x:.1f}x" if x < 100 else f"{x:,.0f}x"


def bytes_cell(measurement):
    text = fmt_bytes(measurement.get("bytes"))
    if measurement.get("gzip_bytes") is not None:
        text += f" ({fmt_bytes(measurement['gzip_bytes'])} gz)"
    return text


def markdown_table(headers, rows, right=()):
    """A Markdown table padded so that it also reads as plain text; `right`: columns aligned right."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        padded = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths)]
    return "\n".join([line(cells[0]), "| " + " | ".join(rule) + " |", *(line(r) for r in cells[1:])])


# Checks -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    target: str
    measured: str
    ok: bool
    kind: str = ""  # what a row's result cell names when it fails: p95, growth, size


def measurement(results, key, size):
    return results["measurements"].get(key, {}).get(str(size))


def growth_factor(results, key):
    """p95 at the largest size over p95 at the smallest; None unless both were measured."""
    sizes = results["sizes"]
    if len(sizes) < 2:
        return None
    first, last = p95(measurement(results, key, sizes[0])), p95(measurement(results, key, sizes[-1]))
    if first is None or last is None or first <= 0:
        return None
    return last / first


def row_checks(results, endpoint):
    """The checks of one row: its p95 target at the largest size, its growth, /practices/'s size."""
    sizes = results["sizes"]
    largest = sizes[-1]
    checks = []
    last = measurement(results, endpoint.key, largest) or {}
    if last.get("status") in (None, "n/a"):  # not measured in this run, or not there yet (404)
        return checks
    if endpoint.target_ms is not None:
        value = p95(last)
        where = f"{label(endpoint)} p95 at {fmt_size(largest)}"
        if value is None:
            checks.append(Check(f"{where} < {endpoint.target_ms:g} ms", describe_failure(last), False, "p95"))
        else:
            ok = value < endpoint.target_ms
            checks.append(Check(f"{where} < {endpoint.target_ms:g} ms", f"{fmt_ms(value)} ms", ok, "p95"))
    if endpoint.growth and len(sizes) > 1:
        factor = growth_factor(results, endpoint.key)
        first = measurement(results, endpoint.key, sizes[0]) or {}
        if factor is not None:
            checks.append(
                Check(
                    f"{label(endpoint)} p95 {fmt_size(sizes[0])}->{fmt_size(largest)} <= {GROWTH_LIMIT:g}x",
                    fmt_factor(factor),
                    factor <= GROWTH_LIMIT,
                    "growth",
                )
            )
        elif first.get("status") == "ok":
            checks.append(
                Check(
                    f"{label(endpoint)} p95 {fmt_size(sizes[0])}->{fmt_size(largest)} <= {GROWTH_LIMIT:g}x",
                    describe_failure(last),
                    False,
                    "growth",
                )
            )
    if endpoint.key == "page-list":
        for size in sizes:
            m = measurement(results, endpoint.key, size) or {}
            sent = m.get("gzip_bytes") if m.get("gzip_bytes") is not None else m.get("bytes")
            if sent is None:
                continue
            checks.append(
                Check(
                    f"/practices/ transfers < {fmt_bytes(COMPRESSED_LIMIT)} compressed at {fmt_size(size)}",
                    fmt_bytes(sent) + ("" if m.get("gzip_bytes") is not None else " (not compressed)"),
                    sent < COMPRESSED_LIMIT,
                    "size",
                )
            )
    return checks


def describe_failure(m):
    if not m:
        return "not measured"
    return m.get("note") or m.get("status") or "not measured"


def run_checks(results):
    """Every target of the issue that this run measured, in the order the report lists them."""
    checks = []
    for endpoint in ENDPOINTS:
        checks.extend(row_checks(results, endpoint))
    memory = results.get("memory") or {}
    for worker in memory.get("workers", []):
        mib = worker["rss_kib"] / 1024
        checks.append(
            Check(
                f"worker {worker['pid']} VmRSS after the run < {MEMORY_LIMIT_MIB} MiB",
                f"{mib:.0f} MiB",
                mib < MEMORY_LIMIT_MIB,
            )
        )
    csv = (results.get("csv") or {}).get(str(results["sizes"][-1]))
    if csv and csv.get("rss_before_kib") and csv.get("rss_after_kib"):
        grown = (csv["rss_after_kib"] - csv["rss_before_kib"]) / 1024
        checks.append(
            Check(
                f"CSV at {fmt_size(results['sizes'][-1])} streamed: "
                f"worker RSS grows < {CSV_GROWTH_LIMIT_MIB} MiB",
                f"{grown:+.0f} MiB" + ("" if csv.get("status") == "ok" else f" ({csv.get('note')})"),
                grown < CSV_GROWTH_LIMIT_MIB and csv.get("status") == "ok",
            )
        )
    throughput = results.get("throughput") or {}
    rows = {row["key"]: row for row in throughput.get("rows", [])}
    baseline = throughput_baseline(throughput)
    for key in ("api-filtered", "page-filtered"):
        if key in rows and baseline:
            ratio = rows[key]["rps"] / baseline
            checks.append(
                Check(
                    f"cached {label(BY_KEY[key])} >= {THROUGHPUT_RATIO:g}x /robots.txt req/s",
                    f"{ratio:.2f}x",
                    ratio >= THROUGHPUT_RATIO,
                )
            )
    datasette = results.get("datasette") or {}
    ds = {row["name"]: row for row in datasette.get("rows", [])}
    if "datasette" in ds and ds["datasette"].get("p95"):
        for name in ("page-search", "api-pair"):
            if name in ds and ds[name].get("p95"):
                ratio = ds[name]["p95"] / ds["datasette"]["p95"]
                checks.append(
                    Check(
                        f"faceted search p95, {ds[name]['label']}, lower than Datasette's",
                        f"{ratio:.2f}x Datasette",
                        ratio < 1,
                    )
                )
    return checks


# The report -------------------------------------------------------------------------------------


def cell_times(m):
    """p50 and p95 cells of a measurement, or its state (n/a, error, skipped) in both."""
    if not m:
        return "-", "-"
    if m.get("status") != "ok":
        state = "n/a" if m.get("status") == "n/a" else m.get("status", "-")
        return state, state
    return fmt_ms(p50(m)), fmt_ms(p95(m))


def main_table(results):
    sizes = results["sizes"]
    headers = ["endpoint"]
    for size in sizes:
        s = fmt_size(size)
        headers += [f"{s} p50", f"{s} p95", f"{s} x robots", f"{s} queries", f"{s} bytes"]
    headers += ["growth p95", "target p95", "result"]
    right = set(range(1, len(headers) - 2))
    rows = []
    for endpoint in ENDPOINTS:
        row = [label(endpoint)]
        for size in sizes:
            m = measurement(results, endpoint.key, size)
            baseline = p50(measurement(results, "robots", size))
            first, second = cell_times(m)
            ratio = "-"
            if m and m.get("status") == "ok" and baseline:
                ratio = fmt_factor(p50(m) / baseline)
            queries = "-" if not m or m.get("queries") is None else str(m["queries"])
            row += [first, second, ratio, queries, bytes_cell(m) if m and m.get("status") == "ok" else "-"]
        row.append(fmt_factor(growth_factor(results, endpoint.key)) if endpoint.growth else "-")
        row.append(f"< {endpoint.target_ms:g} ms" if endpoint.target_ms else "-")
        checks = row_checks(results, endpoint)
        failed = [c for c in checks if not c.ok]
        if not checks:
            row.append(
                "n/a" if (measurement(results, endpoint.key, sizes[-1]) or {}).get("status") == "n/a" else "-"
            )
        elif failed:
            row.append("FAIL: " + ", ".join(dict.fromkeys(c.kind for c in failed)))
        else:
            row.append("pass")
        rows.append(row)
    return markdown_table(headers, rows, right=right)


def notes(results):
    """What the table's figures need said: fewer timed requests, errors, n/a, the URL requested."""
    sizes = results["sizes"]
    planned = results.get("requests", 30)
    lines = []
    for endpoint in ENDPOINTS:
        found = [(size, measurement(results, endpoint.key, size)) for size in sizes]
        found = [(size, m) for size, m in found if m]
        if not found:
            continue
        counts = [len(m.get("samples_ms") or []) if m.get("status") == "ok" else None for _, m in found]
        if endpoint.kind != "csv" and any(c is not None and c < planned for c in counts):
            each = ", ".join(
                f"{'-' if c is None else c} at {fmt_size(size)}"
                for (size, _), c in zip(found, counts, strict=True)
            )
            lines.append(f"{label(endpoint)}: timed requests {each} (the time budget ended them early)")
        states = {m.get("status") for _, m in found}
        if states == {"n/a"} and len({m.get("note") for _, m in found}) == 1:
            lines.append(f"{label(endpoint)}: n/a at every size ({found[0][1].get('note')})")
        else:
            for size, m in found:
                if m.get("status") in ("error", "skipped", "n/a"):
                    lines.append(f"{label(endpoint)} at {fmt_size(size)}: {m['status']}, {m.get('note', '')}")
        paths = sorted({m["path"] for _, m in found if m.get("path") and m["path"] != endpoint.path})
        if paths:
            lines.append(f"{label(endpoint)}: requested {', '.join(paths)}")
    for size, killed in (results.get("timeouts") or {}).items():
        if killed:
            lines.append(
                f"at {fmt_size(size)}, gunicorn killed a worker at its 30 s timeout for: {', '.join(killed)}"
            )
    return lines


def first_requests(results):
    """[endpoint label, first request's ms at each size, p50 after at the largest] for the rows with
    a search: its first request after a write computes the counts the later ones read (they are
    kept once per content version), so the p50 and p95 of the table are those of a search asked
    again. Rows without a recorded first request are left out."""
    sizes = results["sizes"]
    rows = []
    for endpoint in ENDPOINTS:
        if "search=" not in (endpoint.path or ""):
            continue
        found = [measurement(results, endpoint.key, size) or {} for size in sizes]
        firsts = [m.get("first_ms") if m.get("status") == "ok" else None for m in found]
        if all(first is None for first in firsts):
            continue
        rows.append([label(endpoint), *map(fmt_ms, firsts), fmt_ms(p50(found[-1]))])
    return rows


def worst_growth(results):
    worst = None
    for endpoint in ENDPOINTS:
        if not endpoint.growth:
            continue
        factor = growth_factor(results, endpoint.key)
        if factor is not None and (worst is None or factor > worst[1]):
            worst = (label(endpoint), factor)
    return worst


def render_report(results):
    """The whole report as Markdown: it is printed as it is and written into benchmarks/README.md."""
    sizes = results["sizes"]
    machine = results.get("machine", {})
    out = [
        f"Run {results.get('started', '?')}, {results.get('duration_s', 0) / 60:.1f} min, "
        f"commit {machine.get('commit', '?')}.",
        "",
        f"Machine: {machine.get('cores', '?')} cores ({machine.get('cpu', '?')}), "
        f"{machine.get('ram_gib', '?')} GiB RAM, Python {machine.get('python', '?')}, "
        f"{machine.get('postgresql', 'PostgreSQL ?')}, Django {machine.get('django', '?')}, "
        f"gunicorn {machine.get('gunicorn', '?')} ({machine.get('workers', 2)} workers). "
        f"Load average (1 min) {machine.get('load_start', '?')} at the start, {machine.get('load_end', '?')} "
        "at the end: other processes on the machine slow every figure.",
        "",
        f"Sizes: {', '.join(f'{int(s):,}' for s in sizes)} synthetic practices (plus the real catalogue). "
        "Cache off, sequential requests; times in ms.",
        "",
    ]
    phases = results.get("phases") or {}
    if phases:
        out += [
            "Time taken: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in phases.items()) + ".",
            "",
        ]
    out += [
        main_table(results),
        "",
    ]
    worst = worst_growth(results)
    if worst:
        out.append(
            f"Worst p95 growth {fmt_size(sizes[0])} -> {fmt_size(sizes[-1])}: {fmt_factor(worst[1])} "
            f"({worst[0]}); target <= {GROWTH_LIMIT:g}x."
        )
        out.append("")
    extra = notes(results)
    if extra:
        out += ["Notes:", "", *(f"- {line}" for line in extra), ""]

    firsts = first_requests(results)
    if firsts:
        out += [
            "### First requests of the searches",
            "",
            "A search's count and facet counts are the same for every visitor, so each is computed by "
            "the first request after a write and kept for the content version (as the unfiltered "
            "counts are); the table's times are those of the requests after it. The first request "
            "(the warm-up, on one of the two workers) costs:",
            "",
            markdown_table(
                ["endpoint", *(f"{fmt_size(s)} first" for s in sizes), f"{fmt_size(sizes[-1])} p50 after"],
                firsts,
                right=range(1, len(sizes) + 2),
            ),
            "",
        ]
    csv = results.get("csv") or {}
    if csv:
        out += ["### CSV export (`/api/v1/practices/?format=csv`)", ""]
        rows = []
        for size in sizes:
            c = csv.get(str(size))
            if not c:
                continue
            rows.append(
                [
                    fmt_size(size),
                    c.get("status", "-") if c.get("status") != "ok" else "ok",
                    "-" if c.get("seconds") is None else f"{c['seconds']:.1f}",
                    "-" if c.get("bytes") is None else f"{c['bytes'] / 1_000_000:.1f}",
                    fmt_mib(c.get("rss_before_kib")),
                    fmt_mib(c.get("rss_after_kib")),
                    c.get("note", ""),
                ]
            )
        out += [
            markdown_table(
                ["size", "status", "seconds", "MB", "worker RSS before", "after", "note"],
                rows,
                right={2, 3, 4, 5},
            ),
            "",
        ]

    throughput = results.get("throughput") or {}
    if throughput.get("rows"):
        rows = throughput["rows"]
        base = throughput_baseline(throughput)
        out += [
            f"### Throughput, cache on ({fmt_size(throughput.get('size', sizes[-1]))}, "
            f"wrk -t2 -c{throughput.get('connections')} -d{throughput.get('seconds')}s)",
            "",
            markdown_table(
                ["url", "req/s", "x robots (mean of its runs)", "non-2xx"],
                [
                    [
                        r["path"],
                        f"{r['rps']:,.0f}",
                        f"{r['rps'] / base:.2f}" if base else "-",
                        str(r.get("non2xx", 0)),
                    ]
                    for r in rows
                ],
                right={1, 2, 3},
            ),
            "",
        ]
    elif throughput.get("skipped"):
        out += [f"Throughput: skipped ({throughput['skipped']}).", ""]

    memory = results.get("memory") or {}
    if memory.get("workers"):
        workers = ", ".join(f"{w['pid']}: {fmt_mib(w['rss_kib'])}" for w in memory["workers"])
        out += [
            "### Memory: gunicorn workers' VmRSS after the whole run "
            f"at {fmt_size(memory.get('size', sizes[-1]))}",
            "",
            f"{workers} (target < {MEMORY_LIMIT_MIB} MiB each).",
            "",
        ]

    datasette = results.get("datasette") or {}
    if datasette.get("rows"):
        out += [
            f"### Against Datasette {datasette.get('version', '')} "
            f"at {fmt_size(datasette.get('size', sizes[-1]))}: the same faceted search",
            "",
            datasette.get("description", ""),
            "",
        ]
        base = next((r["p95"] for r in datasette["rows"] if r["name"] == "datasette"), None)
        out += [
            markdown_table(
                ["what", "p50", "p95", "x Datasette p95", "matches", "requests"],
                [
                    [
                        r["label"],
                        fmt_ms(r.get("p50")),
                        fmt_ms(r.get("p95")),
                        f"{r['p95'] / base:.2f}" if base and r.get("p95") else "-",
                        "-" if r.get("count") is None else f"{r['count']:,}",
                        str(r.get("n", 0)),
                    ]
                    for r in datasette["rows"]
                ],
                right={1, 2, 3, 4, 5},
            ),
            "",
        ]
        if datasette.get("note"):
            out += [datasette["note"], ""]
    elif datasette.get("skipped"):
        out += [f"Datasette comparison: skipped ({datasette['skipped']}).", ""]

    checks = run_checks(results)
    passed = sum(c.ok for c in checks)
    out += [
        f"### Targets: {passed} of {len(checks)} met",
        "",
        markdown_table(
            ["target", "measured", "result"],
            [[c.target, c.measured, "pass" if c.ok else "FAIL"] for c in checks],
        ),
        "",
    ]
    return "\n".join(out)


def throughput_baseline(throughput):
    """/robots.txt's requests per second: the mean of its runs (the first and the last)."""
    runs = [row["rps"] for row in throughput.get("rows", []) if row["key"] == "robots"]
    return sum(runs) / len(runs) if runs else None


def fmt_mib(kib):
    return "-" if not kib else f"{kib / 1024:.0f} MiB"


RESULTS_START = "<!-- bench:results -->"
RESULTS_END = "<!-- /bench:results -->"


def replace_results(readme, report, markers=(RESULTS_START, RESULTS_END)):
    """README text with the part between the two markers replaced by `report` (appended if absent).

    `markers`: another pair for another report (benchmarks/writes.py has its own)."""
    opening, closing = markers
    block = f"{opening}\n{report.rstrip()}\n{closing}"
    start, end = readme.find(opening), readme.find(closing)
    if start == -1 or end == -1 or end < start:
        return readme.rstrip() + "\n\n" + block + "\n"
    return readme[:start] + block + readme[end + len(closing) :]
