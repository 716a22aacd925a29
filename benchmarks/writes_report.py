"""The pure half of `make bench-writes` (benchmarks/writes.py): what its clients recorded, judged.

Nothing here does I/O. The run hands over every request its clients made (`Write` and `Read`
records, times in seconds on one monotonic clock) and what the API and the database hold at the
end (`Finals`); `analyse` turns them into a JSON-shaped summary (counts, percentiles, examples) and
`render_report` into the Markdown that is printed and written into benchmarks/README.md.

The checks:
- errors: a read that answered other than 200 or 304, a write other than 200 (or 412, counted
  apart), a timeout or a dropped connection;
- 412s: each editor writes practices of its own, so a refused stale write is a fault here too;
- stale reads: a read that *started* after a write was acknowledged and showed an earlier value of
  that practice (read-your-writes across clients);
- impossible values: a value nobody wrote, or one whose write started after the read had ended;
- lost writes: an acknowledged write missing from the practice's history, or a final value (API,
  database) other than the last one acknowledged.
"""

import bisect
import re
from dataclasses import dataclass, field

from benchmarks.report import Check, fmt_ms, markdown_table, percentile

EXAMPLES = 5  # examples kept of each kind of failure

# The text each write puts in a practice's `lessons`: the run, the practice and a counter, so any
# response that shows the field (API list and detail, the practice's page) tells which write it shows.
MARKER = "Load test {run} on {slug}: write #{value}."
MARKER_PATTERN = r"Load test {run} on (?P<slug>[a-z0-9-]+): write #(?P<value>\d+)\."


def marker(run, slug, value):
    return MARKER.format(run=run, slug=slug, value=value)


def values_in(text, run):
    """{slug: value} of every marker of this run found in `text` (0: none, the text before any write)."""
    return {
        found["slug"]: int(found["value"])
        for found in re.finditer(MARKER_PATTERN.format(run=re.escape(run)), text or "")
    }


def value_of(text, run, slug):
    return values_in(text, run).get(slug, 0)


@dataclass
class Write:
    """One PATCH: `value` is the counter it wrote; acknowledged when it answered 200."""

    editor: str
    slug: str
    value: int
    started: float
    ended: float
    status: int | None  # None: no answer (timeout, connection error; `error` says which)
    error: str = ""

    @property
    def acknowledged(self):
        return self.ended if self.status == 200 else None


@dataclass
class Read:
    """One GET: `seen` is {slug: value} of the edited practices its body (or, for a 304, the body
    that client got before for that URL) showed."""

    client: str
    kind: str  # what was read: api-list, api-detail, page-list, page-detail, editor-detail
    url: str
    started: float
    ended: float
    status: int | None
    seen: dict = field(default_factory=dict)
    error: str = ""
    cache: str = ""  # the answer's X-Cache header: hit (the response cache served it), miss, or none


@dataclass
class Finals:
    """What the API and the database hold for each edited practice once every client has stopped."""

    api: dict  # {slug: value} from an anonymous GET of the practice
    database: dict  # {slug: value} from the practice's row
    history: dict  # {slug: [value of each history record of the practice]}


def is_error(record):
    if isinstance(record, Write):
        return record.status not in (200, 412)
    return record.status not in (200, 304)


def describe(record):
    method = "PATCH" if isinstance(record, Write) else "GET"
    url = f"/api/v1/practices/{record.slug}/" if isinstance(record, Write) else record.url
    what = record.error or f"HTTP {record.status}"
    return f"{method} {url} at {record.started:.2f} s: {what}"


def latency(records):
    ms = [(r.ended - r.started) * 1000 for r in records if not is_error(r)]
    return {
        "n": len(records),
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "errors": sum(is_error(r) for r in records),
    }


def stale_reads(writes, reads):
    """(reads checked, stale reads, examples): reads that started after a write of a practice was
    acknowledged and showed an earlier value of it. A read counts once however many of the practices
    it showed were stale."""
    acknowledged = {}
    for w in sorted((w for w in writes if w.acknowledged is not None), key=lambda w: w.acknowledged):
        times, values = acknowledged.setdefault(w.slug, ([], []))
        times.append(w.acknowledged)
        values.append(max(w.value, values[-1] if values else 0))  # the latest acknowledged so far
    checked, stale, examples = 0, 0, []
    for read in sorted(reads, key=lambda r: r.started):
        if is_error(read):
            continue
        first = None
        counted = False
        for slug, seen in read.seen.items():
            times, values = acknowledged.get(slug, ([], []))
            before = bisect.bisect_left(times, read.started)  # acknowledged strictly before the start
            if before == 0:
                continue
            counted = True
            expected = values[before - 1]
            if seen < expected and first is None:
                first = (slug, seen, expected, times[values.index(expected)])
        checked += counted
        if first:
            stale += 1
            if len(examples) < EXAMPLES:
                slug, seen, expected, acked = first
                examples.append(
                    f"{read.client}: GET {read.url} started at {read.started:.3f} s (HTTP {read.status}) "
                    f"showed {slug} write #{seen}; write #{expected} was acknowledged at {acked:.3f} s, "
                    f"{(read.started - acked) * 1000:,.0f} ms before"
                )
    return checked, stale, examples


def impossible_values(writes, reads):
    """(count, examples): reads that showed a value no write carried, or one whose write started
    only after the read had ended."""
    started = {}
    for w in writes:  # a value written again after a 412: its first attempt counts
        started[(w.slug, w.value)] = min(w.started, started.get((w.slug, w.value), w.started))
    count, examples = 0, []
    for read in reads:
        if is_error(read):
            continue
        for slug, seen in read.seen.items():
            if seen == 0:
                continue
            began = started.get((slug, seen))
            if began is None or began > read.ended:
                count += 1
                if len(examples) < EXAMPLES:
                    why = "no write carried it" if began is None else f"its write started at {began:.3f} s"
                    examples.append(f"GET {read.url} at {read.started:.3f} s showed {slug} #{seen}: {why}")
                break
    return count, examples


def lost_writes(writes, finals):
    """Acknowledged writes missing from the history, and practices whose final value (API or
    database) is not the last one acknowledged. Returns a dict of counts and examples."""
    acknowledged = [w for w in writes if w.acknowledged is not None]
    last = {}
    for w in acknowledged:
        last[w.slug] = max(last.get(w.slug, 0), w.value)
    history = {slug: set(values) for slug, values in finals.history.items()}
    missing = [w for w in acknowledged if w.value not in history.get(w.slug, set())]
    found = len(acknowledged) - len(missing)
    result = {
        "made": len(acknowledged),
        "found": found,
        "missing": len(missing),
        "examples": [
            f"{w.editor}: {w.slug} write #{w.value}, acknowledged at {w.ended:.3f} s" for w in missing
        ][:EXAMPLES],
    }
    attempted = {(w.slug, w.value) for w in writes}
    for source in ("api", "database"):
        final = getattr(finals, source)
        wrong = []
        for slug in sorted(set(last) | set(final)):
            expected, shown = last.get(slug, 0), final.get(slug, 0)
            # Higher than the last acknowledged is sound only when a write that got no answer landed.
            if shown != expected and not (shown > expected and (slug, shown) in attempted):
                wrong.append(f"{slug}: #{shown}, last acknowledged #{expected}")
        result[source] = {"practices": len(set(last) | set(final)), "wrong": len(wrong), "examples": wrong}
    return result


def analyse(writes, reads, finals, seconds, clients):
    """The summary the report renders: traffic, latencies, and every check's figures.

    `seconds`: how long the clients ran (from the start to the last answer); `clients`:
    {"readers": n, "editors": n}.
    """
    checked, stale, stale_examples = stale_reads(writes, reads)
    impossible, impossible_examples = impossible_values(writes, reads)
    errors = [r for r in [*writes, *reads] if is_error(r)]
    # The editors' own GETs (for an ETag) are checked like every read, counted apart from the readers'.
    anonymous = [r for r in reads if r.kind != "editor-detail"]
    kinds = {}
    for read in reads:
        kinds.setdefault(read.kind, []).append(read)
    return {
        "seconds": seconds,
        "clients": clients,
        "reads": {
            **latency(anonymous),
            "not_modified": sum(r.status == 304 for r in anonymous),
            "cache_hits": sum(r.cache == "hit" for r in anonymous),
        },
        "read_kinds": {kind: latency(records) for kind, records in sorted(kinds.items())},
        "writes": {**latency(writes), "refused_412": sum(w.status == 412 for w in writes)},
        "errors": {"count": len(errors), "examples": [describe(r) for r in errors[:EXAMPLES]]},
        "stale": {"checked": checked, "count": stale, "examples": stale_examples},
        "impossible": {"count": impossible, "examples": impossible_examples},
        "lost": lost_writes(writes, finals),
    }


# The report -------------------------------------------------------------------------------------


def run_checks(summary):
    lost = summary["lost"]
    checks = [
        Check(
            "errors (reads not 200/304, writes not 200/412, timeouts, connection errors) = 0",
            f"{summary['errors']['count']:,}",
            summary["errors"]["count"] == 0,
        ),
        Check(
            "412 on practices only one editor writes = 0",
            f"{summary['writes']['refused_412']:,}",
            summary["writes"]["refused_412"] == 0,
        ),
        Check("writes made (acknowledged) > 0", f"{lost['made']:,}", lost["made"] > 0),
        Check(
            "writes found: every acknowledged write in its practice's history",
            f"{lost['found']:,} of {lost['made']:,}",
            lost["missing"] == 0,
        ),
    ]
    for source, where in (("api", "the API (anonymous GET)"), ("database", "the database")):
        final = lost[source]
        checks.append(
            Check(
                f"final value in {where} is the last acknowledged write",
                f"{final['practices'] - final['wrong']} of {final['practices']} practices",
                final["wrong"] == 0 and final["practices"] > 0,
            )
        )
    stale = summary["stale"]
    checks.append(
        Check(
            "stale reads (started after a write was acknowledged, showed an earlier value) = 0",
            f"{stale['count']:,} of {stale['checked']:,} reads checked",
            stale["count"] == 0 and stale["checked"] > 0,
        )
    )
    checks.append(
        Check(
            "impossible values (never written, or written after the read) = 0",
            f"{summary['impossible']['count']:,}",
            summary["impossible"]["count"] == 0,
        )
    )
    conflict = summary.get("conflict")
    if conflict:
        checks.append(
            Check(
                "deliberate conflict: a write with a stale If-Match answers 412",
                conflict["measured"],
                conflict["ok"],
            )
        )
    return checks


def traffic_row(name, clients, figures, seconds):
    rps = figures["n"] / seconds if seconds else 0
    return [
        name,
        str(clients),
        f"{figures['n']:,}",
        f"{rps:,.1f}",
        fmt_ms(figures["p50"]),
        fmt_ms(figures["p95"]),
        fmt_ms(figures["p99"]),
        f"{figures['errors']:,}",
    ]


def render_report(results):
    """The whole report as Markdown, from `analyse`'s summary plus the run's context."""
    summary = results["summary"]
    machine = results.get("machine", {})
    seconds = summary["seconds"]
    clients = summary["clients"]
    out = [
        f"Run {results.get('started', '?')}, commit {machine.get('commit', '?')}: "
        f"{results.get('cache', '?')}.",
        "",
        f"Machine: {machine.get('cores', '?')} cores ({machine.get('cpu', '?')}), Python "
        f"{machine.get('python', '?')}, {machine.get('postgresql', 'PostgreSQL ?')}, Django "
        f"{machine.get('django', '?')}, gunicorn {machine.get('gunicorn', '?')} "
        f"({machine.get('workers', '?')} workers). Load average (1 min) {machine.get('load_start', '?')} at "
        f"the start, {machine.get('load_end', '?')} at the end.",
        "",
        f"{results.get('practices', '?')} practices ({results.get('synthetic', 0):,} synthetic); "
        f"{len(results.get('edited', []))} edited ({clients['editors']} editors, "
        f"{len(results.get('edited', [])) // max(clients['editors'], 1)} each); clients ran "
        f"{seconds:.1f} s; times in ms, from sending a request to its body's last byte.",
        "",
        markdown_table(
            ["traffic", "clients", "requests", "req/s", "p50", "p95", "p99", "errors"],
            [
                traffic_row("reads (GET, anonymous)", clients["readers"], summary["reads"], seconds),
                traffic_row("writes (PATCH, editors)", clients["editors"], summary["writes"], seconds),
            ],
            right={1, 2, 3, 4, 5, 6, 7},
        ),
        "",
        f"Reads served from the response cache (`X-Cache: hit`): {summary['reads'].get('cache_hits', 0):,}; "
        f"answered 304: {summary['reads']['not_modified']:,}. Writes refused with 412: "
        f"{summary['writes']['refused_412']:,}.",
        "",
        markdown_table(
            ["reads of", "clients", "requests", "req/s", "p50", "p95", "p99", "errors"],
            [
                traffic_row(
                    kind,
                    clients["editors"] if kind == "editor-detail" else clients["readers"],
                    figures,
                    seconds,
                )
                for kind, figures in summary["read_kinds"].items()
            ],
            right={1, 2, 3, 4, 5, 6, 7},
        ),
        "",
    ]
    checks = run_checks(summary)
    passed = sum(c.ok for c in checks)
    out += [
        f"Checks: {passed} of {len(checks)} met",
        "",
        markdown_table(
            ["check", "measured", "result"],
            [[c.target, c.measured, "pass" if c.ok else "FAIL"] for c in checks],
        ),
        "",
    ]
    examples = [
        ("Errors", summary["errors"]["examples"]),
        ("Stale reads", summary["stale"]["examples"]),
        ("Impossible values", summary["impossible"]["examples"]),
        ("Writes missing from the history", summary["lost"]["examples"]),
        ("Final values in the API", summary["lost"]["api"]["examples"]),
        ("Final values in the database", summary["lost"]["database"]["examples"]),
    ]
    for title, lines in examples:
        if lines:
            out += [f"{title} (first {len(lines)}):", "", *(f"- {line}" for line in lines), ""]
    for line in results.get("notes", []):
        out += [f"- {line}"]
    if results.get("notes"):
        out.append("")
    return "\n".join(out)
