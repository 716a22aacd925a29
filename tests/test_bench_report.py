"""The benchmark's pure half (benchmarks/report.py): percentiles, target checks, the tables.

The benchmark itself (`make bench`) is run by hand; these tests need no server and no database.
"""

import pytest

from benchmarks import report


def test_percentiles_interpolate_between_the_closest_ranks():
    assert report.percentile([4, 1, 3, 2], 50) == 2.5
    assert report.percentile(list(range(1, 21)), 95) == pytest.approx(19.05)
    assert report.percentile([7.5], 95) == 7.5
    assert report.percentile([3, 1, 2], 0) == 1
    assert report.percentile([3, 1, 2], 100) == 3
    assert report.percentile([], 50) is None
    with pytest.raises(ValueError, match="between 0 and 100"):
        report.percentile([1], 101)


def ok(*samples, queries=3, size=1000, gzip=None):
    measured = {"status": "ok", "samples_ms": list(samples), "queries": queries}
    return {**measured, "bytes": size, "gzip_bytes": gzip}


def results(**measurements):
    """A run at 1k and 100k: each keyword is an endpoint key with its (1k, 100k) measurements."""
    return {
        "sizes": [1000, 100000],
        "requests": 30,
        "measurements": {
            key.replace("_", "-"): {"1000": small, "100000": large}
            for key, (small, large) in measurements.items()
        },
    }


def test_a_row_passes_under_its_target_and_within_the_growth_limit():
    run = results(robots=(ok(1.5), ok(1.6)), api_search=(ok(10, 12), ok(20, 30)))
    checks = report.row_checks(run, report.BY_KEY["api-search"])
    assert [(c.kind, c.measured, c.ok) for c in checks] == [("p95", "30 ms", True), ("growth", "2.48x", True)]


def test_a_row_fails_over_its_target_or_past_three_times_its_p95_at_the_smallest_size():
    run = results(robots=(ok(1.5), ok(1.6)), api_search=(ok(10), ok(40)), statistics=(ok(100), ok(250)))
    search = report.row_checks(run, report.BY_KEY["api-search"])
    assert [(c.kind, c.ok) for c in search] == [("p95", True), ("growth", False)]
    statistics = report.row_checks(run, report.BY_KEY["statistics"])
    assert [(c.kind, c.measured, c.ok) for c in statistics] == [
        ("p95", "250 ms", False),
        ("growth", "2.50x", True),
    ]


def test_a_request_that_got_no_answer_at_the_largest_size_fails_its_checks_and_says_why():
    timeout = {"status": "error", "note": "no answer within 35 s"}
    run = results(robots=(ok(1.5), ok(1.6)), page_search=(ok(80), timeout))
    checks = report.row_checks(run, report.BY_KEY["page-search"])
    assert [(c.kind, c.measured, c.ok) for c in checks] == [
        ("p95", "no answer within 35 s", False),
        ("growth", "no answer within 35 s", False),
    ]


def test_an_endpoint_that_does_not_exist_yet_is_not_judged():
    missing = {"status": "n/a", "note": "answers 404"}
    run = results(robots=(ok(1.5), ok(1.6)), suggest=(missing, missing))
    assert report.row_checks(run, report.BY_KEY["suggest"]) == []
    assert "n/a" in report.main_table(run).splitlines()[report.ENDPOINTS.index(report.BY_KEY["suggest"]) + 2]


def test_the_list_page_is_judged_on_its_compressed_size_at_every_size_or_its_raw_size_when_not_compressed():
    run = results(
        robots=(ok(1.5), ok(1.6)),
        page_list=(ok(50, size=300_000, gzip=41_000), ok(60, size=600_000)),
    )
    sizes = [c for c in report.row_checks(run, report.BY_KEY["page-list"]) if c.kind == "size"]
    assert [(c.measured, c.ok) for c in sizes] == [("41 kB", True), ("600 kB (not compressed)", False)]


def test_run_checks_cover_memory_throughput_against_the_mean_robots_run_the_csv_stream_and_datasette():
    run = results(robots=(ok(1.5), ok(1.6)))
    run["memory"] = {"workers": [{"pid": 10, "rss_kib": 150 * 1024}, {"pid": 11, "rss_kib": 263 * 1024}]}
    run["csv"] = {"100000": {"status": "ok", "rss_before_kib": 100 * 1024, "rss_after_kib": 110 * 1024}}
    run["throughput"] = {
        "rows": [
            {"key": "robots", "path": "/robots.txt", "rps": 1200},
            {"key": "api-filtered", "path": "/api/v1/practices/?country=MX&tier=merit", "rps": 700},
            {"key": "page-filtered", "path": "/practices/?country=MX", "rps": 500},
            {"key": "robots", "path": "/robots.txt", "rps": 1000},
        ]
    }
    run["datasette"] = {
        "rows": [
            {"name": "datasette", "label": "Datasette", "p95": 40.0},
            {"name": "page-search", "label": "the page", "p95": 30.0},
            {"name": "api-pair", "label": "the API pair", "p95": 60.0},
        ]
    }
    found = [(c.measured, c.ok) for c in report.run_checks(run)]
    assert found == [
        ("150 MiB", True),
        ("263 MiB", False),
        ("+10 MiB", True),
        ("0.64x", True),
        ("0.45x", False),
        ("0.75x Datasette", True),
        ("1.50x Datasette", False),
    ]


def test_the_main_table_has_a_column_group_per_size_and_marks_each_row():
    run = results(
        robots=(ok(2.0, queries=0, size=102), ok(2.0, queries=0, size=102)),
        api_filtered=(ok(20, queries=5, size=13_000), ok(200, queries=5, size=13_000)),
    )
    lines = report.main_table(run).splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == [
        "endpoint",
        *("1k p50", "1k p95", "1k x robots", "1k queries", "1k bytes"),
        *("100k p50", "100k p95", "100k x robots", "100k queries", "100k bytes"),
        *("growth p95", "target p95", "result"),
    ]
    row = next(line for line in lines if "country=MX&tier=merit " in line and "facets" not in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:6] == ["20", "20", "10.0x", "5", "13 kB"]
    assert cells[-3:] == ["10.0x", "< 50 ms", "FAIL: p95, growth"]
    assert all(len(line) == len(lines[0]) for line in lines)


def test_the_report_replaces_only_its_part_of_the_readme():
    start, end = "<!-- bench:results -->", "<!-- /bench:results -->"
    readme = f"# Benchmarks\n\nHow to run.\n\n{start}\nold\n{end}\n\nAfter.\n"
    replaced = report.replace_results(readme, "new table\n")
    assert replaced == f"# Benchmarks\n\nHow to run.\n\n{start}\nnew table\n{end}\n\nAfter.\n"
    assert report.replace_results("# B\n", "t") == f"# B\n\n{start}\nt\n{end}\n"


def test_the_searches_first_requests_are_reported_beside_the_time_after():
    first = {**ok(12, 14), "first_ms": 180.0}
    small = {**ok(10), "first_ms": 40.0}
    run = results(robots=(ok(1.5), ok(1.6)), api_search=(small, first), statistics=(ok(1), ok(2)))
    assert report.first_requests(run) == [[report.label(report.BY_KEY["api-search"]), "40", "180", "13"]]
    text = report.render_report(run)
    assert "### First requests of the searches" in text and "| 100k p50 after |" in text
