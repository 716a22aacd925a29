"""/statistics/: the numbers in its tables (counted by hand in the sources), its SVG charts and map.

Per country and tier, from the four tier headings of the competition results and the workshop's
six strategies (no tier): Mexico 2 special mentions, 6 merits, 8 attestations and 2 strategies;
Uruguay the Award, 1 special mention and 14 merits; Argentina 3, 9 and 1 attestation; Peru 4
merits, 1 attestation and 1 strategy; and so on (see COUNTRY_TIERS).
"""

import re

import pytest

from catalogue import charts
from catalogue.statistics import heat_level
from catalogue.tests.factories import PracticeFactory

from .pages import text

# country: (award, merit with special mention, merit, attestation, no tier)
COUNTRY_TIERS = {
    "Mexico": (0, 2, 6, 8, 2),
    "Uruguay": (1, 1, 14, 0, 0),
    "Argentina": (0, 3, 9, 1, 0),
    "Peru": (0, 0, 4, 1, 1),
    "Canada": (0, 2, 1, 0, 0),
    "Chile": (0, 2, 1, 0, 0),
    "Costa Rica": (0, 1, 2, 0, 0),
    "Brazil": (0, 0, 1, 0, 1),
    "Colombia": (0, 0, 0, 0, 1),
    "Ecuador": (0, 0, 0, 0, 1),
    "Guatemala": (0, 0, 1, 0, 0),
    "United States": (0, 0, 1, 0, 0),
}
AREA_ENTRIES = {
    "Actuarial Work for Social Security": 2,
    "Administrative Solutions for Coverage Extension": 18,
    "Communication by Social Security Administrations": 18,
    "Contribution Collection and Compliance": 3,
    "Good Governance": 28,
    "Information and Communication Technology": 28,
    "Investment of Social Security Funds": 0,
    "Prevention of Occupational Risks": 5,
    "Promotion of Sustainable Employment": 1,
    "Return to Work and Reintegration": 4,
    "Service Quality": 51,
    "Workplace Health Promotion": 0,
}


def table(html, caption):
    """Rows of the table with `caption`: [[cell text, ...], ...] (header row first)."""
    start = html.index(f">{caption}</caption>")
    body = html[start : html.index("</table>", start)]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def page(client):
    response = client.get("/statistics/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("catalogue")
class TestStatisticsPage:
    def test_totals(self, page):
        assert "Practices 68 Countries 12 Institutions 21 Competitions 1" in text(page)

    def test_by_country_and_tier(self, page):
        rows = table(page, "Practices by country and award tier")
        assert rows[0] == [
            "Country", "Award", "Certificate of merit with special mention", "Certificate of merit",
            "Attestation", "No award tier (not a competition entry)", "Total",
        ]  # fmt: skip
        body = {row[0]: tuple(int(n) for n in row[1:-1]) for row in rows[1:-1]}
        assert body == COUNTRY_TIERS
        totals = {row[0]: int(row[-1]) for row in rows[1:-1]}
        assert list(totals)[:3] == ["Mexico", "Uruguay", "Argentina"]  # most practices first
        assert rows[-1] == ["Total", "1", "11", "40", "10", "6", "68"]

    def test_by_priority_area(self, page):
        rows = table(page, "Practices by priority area")
        assert {row[0]: int(row[1]) for row in rows[1:]} == AREA_ENTRIES
        assert [row[0] for row in rows[1:]] == list(AREA_ENTRIES)  # in the source's order

    def test_country_by_area_matrix(self, page):
        rows = table(page, "Practices by country and priority area")
        header = rows[0]
        assert header[1:13] == list(AREA_ENTRIES)
        assert header[13] == "No priority area"
        cells = {row[0]: dict(zip(header[1:], (int(n) for n in row[1:]), strict=True)) for row in rows[1:]}
        assert cells["Uruguay"]["Information and Communication Technology"] == 9
        assert cells["Uruguay"]["Service Quality"] == 12
        assert cells["Mexico"]["Service Quality"] == 13
        assert cells["Mexico"]["No priority area"] == 2  # the workshop's two Mexican strategies
        assert cells["Chile"]["Return to Work and Reintegration"] == 1
        # Each column adds up to the area's count (a practice belongs to one country).
        for area, count in AREA_ENTRIES.items():
            assert sum(row[area] for row in cells.values()) == count
        assert (
            'class="num heat-5"><a href="/practices/?country=MX&amp;priority_area=service-quality">13</a>'
            in page
        )

    def test_charts_are_accessible_svg_with_their_numbers(self, page):
        svgs = re.findall(r"<svg ([^>]*)>(.*?)</svg>", page, re.S)
        assert len(svgs) == 3
        for attrs, body in svgs:
            assert 'role="img"' in attrs
            title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', attrs).groups()
            assert re.search(rf'<title id="{title_id}">[^<]+</title>', body)
            assert re.search(rf'<desc id="{desc_id}">[^<]+</desc>', body)
        country_chart = svgs[0][1]
        assert "<title>Uruguay, Certificate of merit: 14</title>" in country_chart
        assert "Mexico has the most practices: 18." in country_chart
        assert "<title>Service Quality: 51</title>" in svgs[2][1]
        the_map = svgs[1][1]
        assert "<title>Mexico: 18</title>" in the_map
        assert len(re.findall(r"<circle ", the_map)) == 12  # one per country with practices

    def test_no_style_attribute_in_the_drawings(self, page):
        assert "style=" not in page


def test_statistics_queries_do_not_grow(client, db, settings, expected_queries):
    settings.CATALOGUE_CACHE_SECONDS = 0
    PracticeFactory.create_batch(3)
    with expected_queries("page /statistics/"):
        assert client.get("/statistics/").status_code == 200
    PracticeFactory.create_batch(30)
    with expected_queries("page /statistics/"):
        assert client.get("/statistics/").status_code == 200


@pytest.mark.parametrize(
    ("maximum", "step"), [(0, 1), (3, 1), (18, 5), (51, 20), (68, 20), (100, 20), (1234, 500)]
)
def test_nice_step(maximum, step):
    assert charts.nice_step(maximum) == step


def test_bar_chart_geometry():
    chart = charts.bar_chart(
        [{"label": "A", "values": [2, 0, 3]}, {"label": "B", "values": [0, 1, 0]}],
        [{"key": "x", "label": "X"}, {"key": "y", "label": "Y"}, {"key": "z", "label": "Z"}],
        width=400,
        label_width=92,
    )
    first, second = chart["bars"]
    # Scale: 0..5 over the plot's width; empty segments are not drawn.
    unit = chart["plot_width"] / 5
    assert [s["key"] for s in first["segments"]] == ["x", "z"]
    assert first["segments"][0]["width"] == round(2 * unit, 2)
    assert first["segments"][1]["x"] == round(chart["plot_x"] + 2 * unit, 2)
    assert first["total"] == 5 and second["total"] == 1
    assert [t["value"] for t in chart["ticks"]] == [0, 1, 2, 3, 4, 5]
    assert second["y"] > first["y"]


def test_country_map_leaves_out_unknown_and_empty_countries():
    result = charts.country_map(
        [
            {"code": "UY", "name": "Uruguay", "count": 16, "url": "/countries/UY/"},
            {"code": "MX", "name": "Mexico", "count": 4, "url": "/countries/MX/"},
            {"code": "BZ", "name": "Belize", "count": 0, "url": "/countries/BZ/"},
            {"code": "ZZ", "name": "Nowhere", "count": 3, "url": "/countries/ZZ/"},
        ]
    )
    points = {p["code"]: p for p in result["points"]}
    assert set(points) == {"UY", "MX"}
    # Areas in proportion to the counts: radius ratio is the square root of 16 / 4.
    assert points["UY"]["r"] == pytest.approx(2 * points["MX"]["r"], rel=0.02)
    assert 0 < points["MX"]["x"] < points["UY"]["x"] < result["width"]
    assert 0 < points["MX"]["y"] < points["UY"]["y"] < result["height"]
    assert all(path.startswith("M") and path.endswith("Z") for path in result["land"])


@pytest.mark.parametrize(("count", "level"), [(0, 0), (1, 1), (13, 5), (6, 3), (7, 3), (8, 4)])
def test_heat_level(count, level):
    assert heat_level(count, 13) == level


@pytest.mark.django_db
@pytest.mark.usefixtures("no_cache")
@pytest.mark.parametrize("url", ["/statistics/", "/"])
def test_counted_once_per_content_version_and_current_after_a_write(client, url, django_assert_num_queries):
    # The response cache is off: the page renders each time, but its counts are the same for every
    # anonymous visitor until something changes, so only the first request counts them.
    PracticeFactory.create_batch(2)
    assert "Practices 2 Countries" in text(client.get(url).content.decode())
    with django_assert_num_queries(1):  # the content version
        assert "Practices 2 Countries" in text(client.get(url).content.decode())
    PracticeFactory()
    assert "Practices 3 Countries" in text(client.get(url).content.decode())
