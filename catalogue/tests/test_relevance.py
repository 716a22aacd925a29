"""The relevance set (catalogue/tests/relevance.py) on the database of the run, through the API as a
client sees it; and the parity of the two databases: every query's whole result set is recorded in
catalogue/tests/search_results.json and each database must give exactly that.

`make test` runs this file on SQLite and on PostgreSQL, so both meet the same file. After a change
that moves results on purpose, `RECORD_SEARCH_RESULTS=1 pytest catalogue/tests/test_relevance.py`
rewrites the file (on one database); the diff shows what moved, and the other database must agree.
"""

import json
import os
from pathlib import Path

import pytest

from .relevance import CASES

RESULTS_FILE = Path(__file__).with_name("search_results.json")
RECORD = os.environ.get("RECORD_SEARCH_RESULTS") == "1"


def results(api, q):
    response = api.get("/api/v1/practices/", {"search": q, "page_size": 100})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] == len(data["results"]), "the relevance set fits one page"
    return [row["slug"] for row in data["results"]], data["suggestion"]


@pytest.mark.usefixtures("catalogue")
class TestRelevance:
    @pytest.mark.parametrize("case", CASES, ids=[f"{c['kind']}: {c['q']}" for c in CASES])
    def test_case(self, api, case):
        found, suggestion = results(api, case["q"])
        if "suggestion" in case:
            assert found == [] and suggestion == case["suggestion"]
            if suggestion is None:
                return
            found, suggestion = results(api, suggestion)
        assert suggestion is None
        first = case.get("first", set())
        assert set(found[: len(first)]) == first, found
        assert case.get("include", set()) <= set(found), found
        assert not case.get("exclude", set()) & set(found), found
        if "exactly" in case:
            assert set(found) == case["exactly"]
        assert found, "every case finds something"

    def test_the_same_results_on_both_databases(self, api):
        measured = {case["q"]: sorted(results(api, case["q"])[0]) for case in CASES}
        if RECORD:
            RESULTS_FILE.write_text(json.dumps(measured, indent=1, ensure_ascii=False) + "\n")
        assert measured == json.loads(RESULTS_FILE.read_text())


def test_the_set_is_big_enough():
    kinds = {case["kind"].split()[-1] for case in CASES}
    spanish = [case for case in CASES if "spanish" in case["kind"]]
    assert len(CASES) >= 40 and len(spanish) >= 10
    assert {"plural", "accent", "typo", "phrase", "exclusion", "or", "ranking"} <= kinds
