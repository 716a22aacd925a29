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
from regions.models import Country
from regions.tests.factories import CountryFactory
from regions.world import world

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
            title_id = re.search(r'aria-labelledby="([^" ]+)', attrs).group(1)
            assert re.search(rf'<title id="{title_id}">[^<]+</title>', body)
        charts_ = [svgs[0], svgs[2]]
        for attrs, body in charts_:
            assert 'role="img"' in attrs
            desc_id = re.search(r'aria-labelledby="[^" ]+ ([^"]+)"', attrs).group(1)
            assert re.search(rf'<desc id="{desc_id}">[^<]+</desc>', body)
        assert "<title>Uruguay, Certificate of merit: 14</title>" in svgs[0][1]
        assert "Mexico has the most practices: 18." in svgs[0][1]
        assert "<title>Service Quality: 51</title>" in svgs[2][1]
        # The map holds links, so it is a group (an image's children would be hidden from readers).
        assert 'role="group"' in svgs[1][0]

    def test_no_style_attribute_in_the_drawings(self, page):
        assert "style=" not in page


def world_map(page):
    """The map's SVG markup."""
    return re.search(r'<svg class="world-map".*?</svg>', page, re.S).group(0)


# Practices per country in the catalogue (the totals of COUNTRY_TIERS), and the legend's class of each.
COUNTRY_COUNTS = {name: sum(tiers) for name, tiers in COUNTRY_TIERS.items()}
CODES = {
    "Mexico": "MX", "Uruguay": "UY", "Argentina": "AR", "Peru": "PE", "Canada": "CA", "Chile": "CL",
    "Costa Rica": "CR", "Brazil": "BR", "Colombia": "CO", "Ecuador": "EC", "Guatemala": "GT",
    "United States": "US",
}  # fmt: skip


@pytest.mark.usefixtures("catalogue")
class TestWorldMap:
    def test_a_shape_for_every_country_of_the_reference_data(self, page):
        the_map = world_map(page)
        codes = set(Country.objects.values_list("code", flat=True))
        assert len(codes) == 18
        data = world()
        assert codes <= set(data["countries"])  # all 18 are drawn at 1:50m: none needs a marker
        for code in codes:
            assert re.search(rf'<path id="map-{code}" class="map-\d" d="M[^"]+z"', the_map)
        # The whole world: Africa, Asia, Europe and Oceania too, each country once.
        for code in ("NG", "ZA", "IN", "CN", "JP", "FR", "DE", "RU", "AU", "NZ"):
            assert the_map.count(f'id="map-{code}"') == 1
        assert len(re.findall(r"<path ", the_map)) == len(data["countries"]) > 200
        # Those Natural Earth lacks at this scale (Tuvalu, Gibraltar ...) are a small circle.
        assert {"TV", "GI", "VA"} <= set(data["markers"])
        assert len(re.findall(r'<circle id="map-[A-Z]{2}" class="map-marker map-0"', the_map)) == len(
            data["markers"]
        )

    def test_links_and_accessible_names_for_every_country_with_practices(self, page):
        the_map = world_map(page)
        links = re.findall(
            r'<a href="([^"]+)" aria-label="([^"]+)"><title>([^<]+)</title><path id="map-(\w+)"', the_map
        )
        assert {(href, code) for href, _label, _title, code in links} == {
            (f"/countries/{code}/", code) for code in CODES.values()
        }
        names = {code: label for _href, label, _title, code in links}
        assert names["MX"] == "Mexico: 18 practices"
        assert names["CO"] == "Colombia: 1 practice"
        assert all(label == title for _href, label, title, _code in links)
        # A country of the catalogue without practices is named, but not a link.
        assert '<path id="map-BZ" class="map-0"' in the_map
        assert "<title>Belize: no practices</title>" in the_map
        assert 'href="/countries/BZ/"' not in the_map

    def test_shades_by_legend_class(self, page):
        legend = re.search(r'<ul class="legend map-legend"[^>]*>(.*?)</ul>', page, re.S).group(1)
        swatches = re.findall(r'swatch map-(\d)" aria-hidden="true"></span>([^<]+)', legend)
        assert [(level, text(label)) for level, label in swatches] == [
            ("0", "No practices"), ("1", "1"), ("2", "2"), ("3", "3 to 5"), ("4", "6 to 10"),
            ("5", "11 to 18"),
        ]  # fmt: skip
        levels = dict(re.findall(r'<path id="map-(\w+)" class="map-(\d)"', world_map(page)))
        expected = {"MX": "5", "UY": "5", "AR": "5", "PE": "4", "CA": "3", "CL": "3", "CR": "3", "BR": "2"}
        assert {code: levels[code] for code in expected} == expected
        assert {levels[code] for code in ("CO", "EC", "GT", "US")} == {"1"}
        assert levels["BZ"] == levels["FR"] == levels["NG"] == "0"

    def test_the_numbers_in_a_table_beside_it(self, page):
        rows = table(page, "Practices by country on the map")
        assert {row[0]: int(row[1]) for row in rows[1:]} == COUNTRY_COUNTS

    def test_size_of_the_map_markup(self, page):
        assert len(world_map(page).encode()) < 150_000

    def test_zoom_views_per_region(self, client, page):
        the_map = world_map(page)
        assert 'viewBox="0 0 1000 437.4"' in the_map
        views = re.search(r'<nav class="map-views"[^>]*>(.*?)</nav>', page, re.S).group(1)
        assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', views) == [
            ("/statistics/#map", "The world"), ("?map=africa#map", "Africa"),
            ("?map=americas#map", "Americas"), ("?map=asia-and-the-pacific#map", "Asia and the Pacific"),
            ("?map=europe#map", "Europe"),
        ]  # fmt: skip
        assert 'aria-current="true">The world' in views
        boxes = {}
        for slug in ("africa", "americas", "asia-and-the-pacific", "europe"):
            response = client.get(f"/statistics/?map={slug}")
            assert response.status_code == 200
            zoomed = response.content.decode()
            boxes[slug] = [
                float(n) for n in re.search(r'class="world-map" viewBox="([^"]+)"', zoomed).group(1).split()
            ]
            assert f'href="?map={slug}#map" aria-current="true"' in zoomed
            assert world_map(zoomed).count("<path ") == world_map(page).count("<path ")  # the same shapes
        # Each view box lies inside the world's; the Americas' ends west of Europe's and Africa's middle.
        for x, y, width, height in boxes.values():
            assert 0 <= x and 0 <= y and x + width <= 1000 and y + height <= 437.4
        x, y, width, height = boxes["americas"]
        assert x + width < 460 < boxes["europe"][0] + boxes["europe"][2] / 2
        assert x + width < boxes["africa"][0] + boxes["africa"][2] / 2
        assert boxes["asia-and-the-pacific"][0] > boxes["europe"][0]
        assert (
            '<title id="country-map-title">Practices by country: Americas</title>'
            in client.get("/statistics/?map=americas").content.decode()
        )

    def test_an_unknown_view_is_refused_naming_the_views(self, client):
        response = client.get("/statistics/?map=antarctica")
        assert response.status_code == 400
        assert (
            "Unknown map view “antarctica”. Choose one of: africa, americas, asia-and-the-pacific, europe."
            in text(response.content.decode())
        )
        assert 'viewBox="0 0 1000 437.4"' in response.content.decode()

    def test_in_spanish(self, client):
        page = client.get("/es/statistics/").content.decode()
        the_map = world_map(page)
        assert 'aria-label="Uruguay: 16 prácticas"' in the_map  # a name the same in both languages
        assert 'aria-label="Colombia: 1 práctica"' in the_map
        assert "Sin prácticas" in page


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


@pytest.mark.parametrize(
    ("counts", "bounds"),
    [
        ([], []),
        ([1, 1], [(1, 1)]),
        ([3, 1], [(1, 1), (2, 2), (3, 3)]),
        ([18, 16, 13, 6, 3, 1], [(1, 1), (2, 2), (3, 5), (6, 10), (11, 18)]),
        ([25], [(1, 1), (2, 5), (6, 10), (11, 25)]),
        ([100, 0], [(1, 1), (2, 5), (6, 10), (11, 50), (51, 100)]),
        ([1000], [(1, 1), (2, 10), (11, 100), (101, 1000)]),
    ],
)
def test_map_classes(counts, bounds):
    classes = charts.map_classes(counts)
    assert [(c["low"], c["high"]) for c in classes] == bounds
    assert [c["level"] for c in classes] == list(range(1, len(bounds) + 1))
    for count in counts:
        level = charts.map_level(count, classes)
        assert level == 0 if not count else classes[level - 1]["low"] <= count <= classes[level - 1]["high"]


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


@pytest.mark.django_db
@pytest.mark.usefixtures("no_cache")
def test_a_country_too_small_for_a_shape_is_a_linked_circle(client):
    tuvalu = CountryFactory(code="TV", name="Tuvalu")
    PracticeFactory.create_batch(2, institution__country=tuvalu)
    PracticeFactory(institution__country=CountryFactory(code="NG", name="Nigeria"))
    the_map = world_map(client.get("/statistics/").content.decode())
    assert re.search(
        r'<a href="/countries/TV/" aria-label="Tuvalu: 2 practices"><title>Tuvalu: 2 practices</title>'
        r'<circle id="map-TV" class="map-marker map-2" cx="[\d.]+" cy="[\d.]+" r="[\d.]+"/></a>',
        the_map,
    )
    assert (
        '<a href="/countries/NG/" aria-label="Nigeria: 1 practice"><title>Nigeria: 1 practice</title>'
        '<path id="map-NG" class="map-1"' in the_map
    )
