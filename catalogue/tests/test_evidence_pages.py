"""A practice's evidence panel and /evidence/ (the rubric and the gap maps): what they show of the
practices of catalogue/tests/evidence_data.py, cell by cell and link by link, what they show of the
real catalogue (checked against its fixture file), and their query counts."""

import datetime
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from catalogue.evidence import LEVELS
from catalogue.evidence_map import EvidenceMap
from catalogue.models import Practice
from catalogue.tests import evidence_data
from catalogue.tests.factories import PracticeFactory


@pytest.fixture
def data(db):
    return evidence_data.build()


def between(html, start, end):
    i = html.index(start)
    return html[i : html.index(end, i)]


def panel(client, slug):
    response = client.get(f"/practices/{slug}/")
    assert response.status_code == 200
    return between(response.content.decode(), 'class="evidence-panel"', "</section>")


# ---------------------------------------------------------------------------------------------
# The evidence panel of a practice


def test_the_panel_shows_every_field_given(client, data):
    practice = data.practices["video-training"]
    origin = data.practices["pension-advice"]
    PracticeFactory(slug="drafted-copy", status="draft").adapted_from.set([practice])
    adopter = PracticeFactory(slug="copy-abroad", title="Copy abroad", year=2017)
    adopter.adapted_from.set([practice])
    practice.adapted_from.set([origin])
    Practice.objects.filter(pk=practice.pk).update(
        implementation_started=2012,
        implementation_ended=2016,
        last_verified=datetime.date(2019, 5, 3),
        beneficiaries_count=1250000,
        beneficiaries_year=2016,
        beneficiaries_note="insured persons trained at a distance",
        results="Training costs fell by a third.",
        lessons="Start with the regional offices.",
        challenges="Rural connections were too slow for video.",
    )
    html = panel(client, "video-training")
    level = LEVELS["monitored"]
    level_link = '<a href="/practices/?evidence=monitored"><strong class="level level-monitored">'
    assert f"{level_link}Monitored</strong>" in html
    assert str(level.definition) in html
    assert '<a href="/evidence/#level-monitored">' in html
    assert '<a href="/practices/?outcome=partly-successful">Partly successful</a>' in html
    assert "From 2012 to 2016" in html
    assert '<a href="/practices/?in_place=false">No</a>' in html and "(last verified May 3, 2019)" in html
    assert "1,250,000 (2016)" in html and "insured persons trained at a distance" in html
    groups = re.findall(r'<a class="tag" href="([^"]+)">([^<]+)</a>', html)
    assert groups == [("/practices/?target_group=older-persons", "Older persons"),
                      ("/practices/?target_group=rural-workers", "Rural workers")]  # fmt: skip
    assert ">Results</h3>" in html and "Training costs fell by a third." in html
    assert ">Lessons</h3>" in html and "Start with the regional offices." in html
    assert ">What did not work</h3>" in html and "Rural connections were too slow for video." in html
    lineage = between(html, 'class="lineage"', "</dl>")
    assert re.findall(r"<dt>([^<]+)</dt>", lineage) == ["Adapted from", "Adopted by"]
    assert '<a href="/practices/pension-advice/">Pension advice</a>' in lineage
    assert '<a href="/practices/copy-abroad/">Copy abroad</a> (2017)' in lineage
    assert "drafted-copy" not in lineage  # a draft's title is not public


def test_an_empty_panel_shows_the_level_and_the_outcome_only(client, db):
    PracticeFactory(slug="bare")
    html = panel(client, "bare")
    assert re.findall(r"<dt>([^<]+)</dt>", html) == ["Evidence level", "Outcome"]
    assert '<strong class="level level-not-assessed">Not assessed</strong>' in html
    assert '<a href="/practices/?outcome=not-assessed">Not assessed</a>' in html
    for heading in ("Target groups", "Results", "Lessons", "What did not work", "Lineage"):
        assert f">{heading}</h3>" not in html


def test_the_period_started_only_and_in_place_yes(client, data):
    Practice.objects.filter(slug="pension-advice").update(implementation_started=2015)
    html = panel(client, "pension-advice")
    assert "Since 2015" in html
    assert '<a href="/practices/?in_place=true">Yes</a>' in html and "last verified" not in html


@pytest.mark.usefixtures("no_cache")
def test_the_panel_adds_no_query_per_group_or_linked_practice(client, data, django_assert_num_queries):
    practice = data.practices["video-training"]
    practice.adapted_from.set([data.practices["pension-advice"]])
    client.get("/practices/video-training/")
    # The practice with its relations (for_detail's prefetches: areas, target groups, lineage both
    # ways) and the related practices with theirs.
    with django_assert_num_queries(9):
        client.get("/practices/video-training/")
    data.practices["mobile-app"].adapted_from.set([practice])
    data.practices["rural-strategy"].adapted_from.set([practice])
    practice.adapted_from.add(data.practices["mobile-app"])
    practice.target_groups.add(data.groups["employers"])
    client.get("/practices/video-training/")
    with django_assert_num_queries(9):
        response = client.get("/practices/video-training/")
    html = response.content.decode()
    assert between(html, 'class="lineage"', "</dl>").count("<dd>") == 4
    assert "Employers" in between(html, 'id="target-groups-heading"', "</ul>")


@pytest.mark.usefixtures("catalogue")
class TestThePanelOnTheCatalogue:
    def test_a_practice_of_the_sources(self, client):
        # Argentina's universal pension: a workshop's national strategy, not assessed by its source.
        html = panel(client, "universal-pension-for-the-elderly")
        practice = Practice.objects.get(slug="universal-pension-for-the-elderly")
        level = LEVELS[practice.evidence]
        assert f'<strong class="level level-{level.slug}">{level.name}</strong>' in html
        assert practice.get_outcome_display() in html


# ---------------------------------------------------------------------------------------------
# /evidence/


def cells(html, table_id):
    """{row label: [cell text]} of a gap map, a gap read as "gap"."""
    table = between(html, f'id="{table_id}"', "</table>")
    body = between(table, "<tbody>", "</tbody>")
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body):
        label = re.sub(r"<[^>]+>", "", re.search(r'<th scope="row">(.*?)</th>', row).group(1))
        values = []
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row):
            text = re.sub(r"<[^>]+>|\s*practices?", "", cell)
            values.append("gap" if "no practice (a gap)" in cell else text)
        rows[label] = values
    foot = between(table, "<tfoot>", "</tfoot>")
    rows["Total"] = re.findall(r'<td class="num">(\d+)</td>', foot)
    return rows


def test_the_gap_map_by_evidence_level_cell_by_cell(client, data):
    response = client.get("/evidence/")
    assert response.status_code == 200
    html = response.content.decode()
    # Columns: not assessed, reported, monitored, evaluated, impact evaluated, then the row's total.
    assert cells(html, "gap-map-evidence") == {
        "Service Quality": ["gap", "1", "1", "gap", "gap", "2"],
        "Information and Communication Technology": ["gap", "1", "1", "gap", "gap", "2"],
        "Good Governance": ["gap", "gap", "gap", "gap", "gap", "0"],
        "No priority area": ["0", "0", "0", "0", "1", "1"],
        # Each practice once (video-training has two areas); the draft is not counted.
        "Total": ["0", "2", "1", "0", "1", "4"],
    }
    assert cells(html, "gap-map-outcome") == {
        # Successful, partly successful, unsuccessful, not assessed, total.
        "Service Quality": ["1", "1", "gap", "gap", "2"],
        "Information and Communication Technology": ["1", "1", "gap", "gap", "2"],
        "Good Governance": ["gap", "gap", "gap", "gap", "0"],
        "No priority area": ["0", "0", "1", "0", "1"],
        "Total": ["2", "1", "1", "0", "4"],
    }


def test_each_cell_links_to_the_list_with_both_filters(client, data):
    html = client.get("/evidence/").content.decode()
    table = between(html, 'id="gap-map-evidence"', "</table>")
    links = re.findall(r'<td class="num"><a href="([^"]+)">(\d+)', table)
    assert links == [
        ("/practices/?priority_area=service-quality&amp;evidence=reported", "1"),
        ("/practices/?priority_area=service-quality&amp;evidence=monitored", "1"),
        ("/practices/?priority_area=ict&amp;evidence=reported", "1"),
        ("/practices/?priority_area=ict&amp;evidence=monitored", "1"),
    ]
    # Each link's list holds what its cell counts.
    for url, count in links:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200
        assert len(response.context["page"].results.object_list) == int(count)
    outcome = between(html, 'id="gap-map-outcome"', "</table>")
    assert '<a href="/practices/?priority_area=ict&amp;outcome=partly-successful">1' in outcome
    # Headers: the columns and the rows are headers of their cells; columns link to their list.
    column = '<a href="/practices/?evidence=impact-evaluated">Impact evaluated</a>'
    assert f'<th scope="col" class="num">{column}</th>' in table
    row = '<a href="/practices/?priority_area=good-governance">Good Governance</a>'
    assert f'<th scope="row">{row}</th>' in table


def test_a_gap_is_marked_for_the_eye_and_for_a_screen_reader(client, data):
    html = client.get("/evidence/").content.decode()
    table = between(html, 'id="gap-map-evidence"', "</table>")
    gap = (
        '<td class="num gap"><span aria-hidden="true">0</span>'
        '<span class="visually-hidden">no practice (a gap)</span></td>'
    )
    assert table.count(gap) == 11  # 3 + 3 + 5 cells of the three areas
    scroll = 'class="table-scroll" role="region" aria-labelledby="gap-map-evidence-caption" tabindex="0"'
    assert scroll in html  # a table wider than a phone scrolls in its own box


def test_the_rubric_with_its_counts(client, data):
    html = client.get("/evidence/").content.decode()
    rubric = between(html, '<ol class="rubric">', "</ol>")
    for slug, level in LEVELS.items():
        item = between(rubric, f'id="level-{slug}"', "</li>")
        assert f"<h3>{level.name}</h3>" in item
        assert str(level.definition) in item
        assert str(level.example).replace("'", "&#x27;") in item
    link = r'<a href="/practices/\?evidence=([a-z-]+)">(\d+) practices? at this level</a>'
    counts = re.findall(link, rubric)
    assert counts == [("not-assessed", "0"), ("reported", "2"), ("monitored", "1"), ("evaluated", "0"),
                      ("impact-evaluated", "1")]  # fmt: skip


def test_an_editor_counts_the_drafts_too(client, data, django_user_model):
    from catalogue.tests.fixtures import PRACTICE_PERMISSIONS, make_user

    client.force_login(make_user("editor", *PRACTICE_PERMISSIONS))
    html = client.get("/evidence/").content.decode()
    assert cells(html, "gap-map-evidence")["Service Quality"] == ["gap", "1", "1", "1", "gap", "3"]


def test_the_page_is_in_the_navigation_and_the_footer(client, data):
    html = client.get("/evidence/").content.decode()
    nav = between(html, 'class="site-nav"', "</nav>")
    assert '<a href="/evidence/" aria-current="page">Evidence</a>' in nav
    footer = between(html, 'class="site-footer"', "</footer>")
    assert '<a href="/evidence/">' in footer
    assert client.get("/es/evidence/").status_code == 200


def test_the_map_is_two_aggregate_queries_and_the_areas(data, django_assert_num_queries):
    with django_assert_num_queries(3) as queries:
        evidence = EvidenceMap.of(Practice.objects.published())
    assert sum("GROUP BY" in q["sql"] for q in queries.captured_queries) == 2
    assert evidence.total == 4
    assert evidence.by_evidence.gaps == 11 and evidence.by_outcome.gaps == 8


@pytest.mark.usefixtures("no_cache")
def test_the_page_is_counted_once_per_content_version(client, data, django_assert_num_queries):
    # The first visitor counts (content version, two aggregates, the areas) ...
    with django_assert_num_queries(4):
        assert client.get("/evidence/").status_code == 200
    # ... the next ones read the cache (the content version only) ...
    with django_assert_num_queries(1):
        assert client.get("/evidence/").status_code == 200
    # ... until a practice changes.
    Practice.objects.get(slug="mobile-app").target_groups.set([data.groups["employers"]])
    PracticeFactory(slug="new-one", priority_areas=[data.areas["good-governance"]], evidence="evaluated")
    html = client.get("/evidence/").content.decode()
    assert cells(html, "gap-map-evidence")["Good Governance"] == ["gap", "gap", "gap", "1", "gap", "1"]


# ---------------------------------------------------------------------------------------------
# The real catalogue: its gap maps count what its fixture file holds.


def fixture_practices():
    path = Path(settings.BASE_DIR) / "fixtures" / "05_practices.json"
    rows = [row["fields"] for row in json.loads(path.read_text())]
    return [row for row in rows if row["status"] == "published"]


@pytest.mark.usefixtures("catalogue")
class TestTheCatalogue:
    def test_the_gap_maps_count_the_fixtures(self, client):
        rows = fixture_practices()
        by_level, by_outcome, unassigned = Counter(), Counter(), Counter()
        for row in rows:
            level = row.get("evidence", "not-assessed")
            for (area,) in row["priority_areas"]:
                by_level[area, level] += 1
                by_outcome[area, row["outcome"]] += 1
            if not row["priority_areas"]:
                unassigned[level] += 1
        evidence = EvidenceMap.of(Practice.objects.published())
        assert evidence.total == len(rows) == 68
        table = evidence.by_evidence
        levels = [column.key for column in table.columns]
        for map_row in table.rows:
            if map_row.key:
                expected = [by_level[map_row.key, level] for level in levels]
            else:
                expected = [unassigned[level] for level in levels]
            assert [cell.count for cell in map_row.cells] == expected, map_row.key
        assert [column.total for column in table.columns] == [
            sum(row.get("evidence", "not-assessed") == level for row in rows) for level in levels
        ]
        outcomes = [column.key for column in evidence.by_outcome.columns]
        for map_row in evidence.by_outcome.rows:
            if map_row.key:
                expected = [by_outcome[map_row.key, outcome] for outcome in outcomes]
                assert [cell.count for cell in map_row.cells] == expected
        # The twelve priority areas are rows, and the six national strategies without one a row of
        # their own (Brazil, Colombia, Ecuador, Mexico twice, Peru).
        assert len([r for r in table.rows if r.key]) == 12
        assert table.rows[-1].key == "" and table.rows[-1].total == 6

    def test_the_page_of_the_catalogue(self, client):
        response = client.get("/evidence/")
        assert response.status_code == 200
        html = response.content.decode()
        service_quality = cells(html, "gap-map-evidence")["Service Quality"]
        rows = fixture_practices()
        in_area = [r for r in rows if ["service-quality"] in r["priority_areas"]]
        assert service_quality[-1] == str(len(in_area))

    @pytest.mark.usefixtures("no_cache")
    def test_query_count(self, client, expected_queries):
        client.get("/evidence/")
        with expected_queries("page /evidence/"):
            assert client.get("/evidence/").status_code == 200
