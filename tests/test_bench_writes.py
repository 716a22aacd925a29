"""The load-with-writes scenario's own judging (benchmarks/writes_report.py), fed made-up records.

The scenario itself (`make bench-writes`) is run by hand; these tests need no server and no database.
"""

import json

from benchmarks import writes_report as judge
from benchmarks.writes_report import Finals, Read, Write

RUN = "c0ffee"
A, B = "universal-pension-for-the-elderly", "imss-digital-mobile-application"


def write(slug, value, started, ended, status=200, editor="bench-editor-1"):
    return Write(editor, slug, value, started, ended, status)


def read(started, ended, seen, status=200, url="/api/v1/practices/", kind="api-list"):
    return Read("reader-1", kind, url, started, ended, status, seen)


WRITES = [write(A, 1, 1.0, 1.2), write(A, 2, 2.0, 2.2), write(B, 1, 1.5, 1.6, editor="bench-editor-2")]


def test_the_marker_names_the_run_the_practice_and_the_write():
    text = "Before. " + judge.marker(RUN, A, 12) + " " + judge.marker("other1", B, 99)
    assert judge.values_in(text, RUN) == {A: 12}
    assert judge.value_of(text, RUN, A) == 12
    assert judge.value_of("The practice's own lessons.", RUN, A) == 0
    assert judge.value_of(None, RUN, A) == 0


def test_a_read_that_started_after_a_write_was_acknowledged_must_show_it_or_a_later_one():
    reads = [
        read(1.1, 1.3, {A: 0}),  # started before #1 was acknowledged: either value is right, not checked
        read(1.3, 1.4, {A: 1, B: 0}),  # B's #1 not acknowledged yet (1.6)
        read(2.3, 2.4, {A: 2, B: 1}),
        read(2.1, 2.5, {A: 2}),  # #2 before its acknowledgement: fine, it was being written
    ]
    assert judge.stale_reads(WRITES, reads) == (3, 0, [])


def test_a_read_showing_an_earlier_value_than_one_acknowledged_before_it_started_is_stale():
    reads = [
        read(2.3, 2.4, {A: 1, B: 1}, url="/api/v1/practices/?country=MX"),  # A's #2 acked at 2.2
        read(2.5, 2.6, {A: 2, B: 0}, status=304, url=f"/practices/{B}/", kind="page-detail"),
        read(2.7, 2.8, {A: 1, B: 0}),  # stale on both: counted once
        read(3.0, 3.1, {}, status=500),  # an error is counted as one, not judged
    ]
    checked, stale, examples = judge.stale_reads(WRITES, reads)
    assert (checked, stale) == (3, 3)
    assert examples[0] == (
        "reader-1: GET /api/v1/practices/?country=MX started at 2.300 s (HTTP 200) showed "
        f"{A} write #1; write #2 was acknowledged at 2.200 s, 100 ms before"
    )
    assert f"GET /practices/{B}/ started at 2.500 s (HTTP 304) showed {B} write #0" in examples[1]


def test_a_write_that_failed_or_was_refused_sets_no_expectation():
    writes = [write(A, 1, 1.0, 1.2), write(A, 2, 2.0, 2.2, status=412), write(A, 2, 2.3, 2.4, status=None)]
    assert judge.stale_reads(writes, [read(3.0, 3.1, {A: 1})]) == (1, 0, [])


def test_a_value_nobody_wrote_or_written_only_after_the_read_ended_is_impossible():
    reads = [read(1.1, 1.3, {A: 1}), read(1.1, 1.9, {A: 2}), read(3.0, 3.1, {A: 7}), read(3.0, 3.1, {B: 1})]
    count, examples = judge.impossible_values(WRITES, reads)
    assert count == 2
    assert examples == [
        f"GET /api/v1/practices/ at 1.100 s showed {A} #2: its write started at 2.000 s",
        f"GET /api/v1/practices/ at 3.000 s showed {A} #7: no write carried it",
    ]


def test_every_acknowledged_write_must_be_in_the_history_and_the_last_one_in_the_api_and_the_database():
    finals = Finals(api={A: 2, B: 1}, database={A: 2, B: 1}, history={A: [0, 1, 2], B: [0, 1]})
    lost = judge.lost_writes(WRITES, finals)
    assert (lost["made"], lost["found"], lost["missing"]) == (3, 3, 0)
    assert lost["api"] == lost["database"] == {"practices": 2, "wrong": 0, "examples": []}


def test_a_write_missing_from_the_history_or_an_earlier_final_value_is_a_lost_write():
    finals = Finals(api={A: 1, B: 1}, database={A: 2, B: 0}, history={A: [0, 2], B: [0]})
    lost = judge.lost_writes(WRITES, finals)
    assert (lost["made"], lost["found"], lost["missing"]) == (3, 1, 2)
    assert lost["examples"] == [
        f"bench-editor-1: {A} write #1, acknowledged at 1.200 s",
        f"bench-editor-2: {B} write #1, acknowledged at 1.600 s",
    ]
    assert lost["api"]["examples"] == [f"{A}: #1, last acknowledged #2"]
    assert lost["database"]["examples"] == [f"{B}: #0, last acknowledged #1"]


def test_a_final_value_past_the_last_acknowledged_is_sound_only_when_an_unanswered_write_carried_it():
    writes = [*WRITES, write(A, 3, 2.5, 37.5, status=None)]
    finals = Finals(api={A: 3, B: 5}, database={A: 3, B: 1}, history={A: [1, 2, 3], B: [1]})
    lost = judge.lost_writes(writes, finals)
    assert lost["database"]["wrong"] == 0
    assert lost["api"]["examples"] == [f"{B}: #5, last acknowledged #1"]


def test_the_summary_counts_errors_412s_and_304s_and_the_report_marks_each_check():
    writes = [*WRITES, write(B, 2, 2.0, 2.1, status=412), write(B, 2, 2.2, 2.3, status=500)]
    reads = [
        read(0.5, 0.6, {A: 0}),
        Read("reader-1", "api-list", "/api/v1/practices/", 2.3, 2.4, 304, {A: 1}, cache="hit"),  # stale
        read(2.5, 2.6, {A: 2}, kind="editor-detail", url=f"/api/v1/practices/{A}/"),
        Read("reader-2", "page-list", "/practices/", 3.0, 38.0, None, {}, "timeout after 35.0 s"),
    ]
    finals = Finals(api={A: 2, B: 1}, database={A: 2, B: 1}, history={A: [1, 2], B: [1]})
    summary = judge.analyse(writes, reads, finals, 40.0, {"readers": 16, "editors": 2})
    assert summary["reads"]["n"] == 3  # the editors' own GETs are not the readers' traffic
    assert summary["reads"]["not_modified"] == summary["reads"]["cache_hits"] == 1
    assert summary["read_kinds"]["editor-detail"]["n"] == 1
    assert summary["writes"]["n"] == 5 and summary["writes"]["refused_412"] == 1
    assert summary["errors"]["count"] == 2
    assert summary["errors"]["examples"] == [
        f"PATCH /api/v1/practices/{B}/ at 2.20 s: HTTP 500",
        "GET /practices/ at 3.00 s: timeout after 35.0 s",
    ]
    assert (summary["stale"]["checked"], summary["stale"]["count"]) == (2, 1)
    summary["conflict"] = {"measured": "HTTP 412", "ok": True}
    results = {"summary": summary, "edited": [A, B], "practices": 68, "cache": "Redis"}
    text = judge.render_report(results)
    marks = {
        line.split("|")[1].strip(): line.split("|")[3].strip() for line in text.splitlines() if "= 0" in line
    }
    assert marks == {
        "errors (reads not 200/304, writes not 200/412, timeouts, connection errors) = 0": "FAIL",
        "412 on practices only one editor writes = 0": "FAIL",
        "stale reads (started after a write was acknowledged, showed an earlier value) = 0": "FAIL",
        "impossible values (never written, or written after the read) = 0": "pass",
    }
    assert "Checks: 6 of 9 met" in text
    assert f"- reader-1: GET /api/v1/practices/ started at 2.300 s (HTTP 304) showed {A} write #1" in text


def test_what_a_response_shows_of_the_edited_practices():
    from benchmarks.writes import seen_in

    edited = [A, B]
    lessons = judge.marker(RUN, A, 4)
    results = [{"slug": A, "lessons": lessons}, {"slug": "x", "lessons": ""}, {"slug": B, "lessons": "Own."}]
    listing = json.dumps({"count": 3, "results": results}).encode()
    assert seen_in("api-list", listing, RUN, edited) == {A: 4, B: 0}
    detail = json.dumps({"slug": A, "lessons": lessons}).encode()
    assert seen_in("api-detail", detail, RUN, edited, A) == {A: 4}
    page = f"<h2>Lessons</h2><p>{lessons}</p>".encode()
    assert seen_in("page-detail", page, RUN, edited, A) == {A: 4}
    assert seen_in("page-detail", b"<h1>A practice</h1>", RUN, edited, B) == {B: 0}
    assert seen_in("page-list", b"<ul><li>A practice</li></ul>", RUN, edited) == {}
