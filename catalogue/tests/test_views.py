"""The pages of the catalogue: home, the practice list, a practice, an institution, compare.

Expected numbers come from the source texts, counted by hand (see test_api.py for the counts per
country, tier and area): the competition results (fixtures/sources/issa-good-practice-awards-
americas-2017.en.txt) list 62 entries, the 2014 workshop six national strategies. Uruguay has 16
entries: the Award, one merit with special mention (Calificación Tributaria) and 14 merits (two
of the Bank Employees' Pension Fund, three of the Catholic Workers' Circle, nine of the Social
Insurance Bank). Nine of the 16 name Information and Communication Technology.
"""

import json
import re

import pytest

from catalogue.choices import Status
from catalogue.models import Practice
from catalogue.tests.factories import PracticeFactory
from regions.tests.factories import LiaisonOfficeFactory

from .pages import between, card_slugs, facet_option, get, section, text

LIST = "/practices/"
VIDEOCONFERENCING = "distance-training-via-videoconferencing"


def slug_of(title_start):
    return Practice.objects.get(title__startswith=title_start).slug


@pytest.mark.usefixtures("catalogue")
class TestPracticeList:
    def test_everything_published_in_pages_of_20(self, client):
        html = get(client, LIST)
        assert "68 practices" in text(html)
        assert len(card_slugs(html)) == 20
        assert "Page 1 of 4" in text(html)
        assert 'aria-current="page"' in html

    def test_a_source_documents_address_lists_the_practices_taken_from_it(self, client):
        from catalogue.models import SourceDocument

        workshop = SourceDocument.objects.get(slug="oas-ciss-workshop-mexico-city-2014")
        html = get(client, workshop.get_absolute_url())
        assert "6 practices" in text(html)  # the workshop's six highlighted national strategies
        assert "Source document: Results of the workshop" in text(html)  # its chip
        assert "62 practices" in text(get(client, f"{LIST}?source=issa-good-practice-awards-americas-2017"))

    def test_a_chosen_country_without_practices_stays_in_the_sidebar_once(self, client):
        # Bolivia is in the reference data (the Andean office serves it) but has no practice.
        html = get(client, LIST + "?country=BO&country=bo")
        assert "0 practices" in text(html) and "No practices match this view." in text(html)
        assert facet_option(html, "country", "BO") == (True, 0)
        assert html.count('name="country" value="BO"') == 1
        assert "Country: Bolivia" in text(html)  # its chip is named

    def test_uruguay_and_merit(self, client):
        html = get(client, LIST + "?country=UY&tier=merit")
        assert "14 practices" in text(html)
        assert len(card_slugs(html)) == 14
        assert VIDEOCONFERENCING in card_slugs(html)
        # Each facet counts with the other filters applied: merits by country, Uruguay's by tier.
        assert facet_option(html, "country", "UY") == (True, 14)
        assert facet_option(html, "country", "AR") == (False, 9)
        assert facet_option(html, "country", "MX") == (False, 6)
        assert facet_option(html, "tier", "merit") == (True, 14)
        assert facet_option(html, "tier", "award") == (False, 1)
        assert facet_option(html, "tier", "merit-special-mention") == (False, 1)
        assert facet_option(html, "tier", "attestation") == (False, 0)
        assert facet_option(html, "year", "2017") == (False, 14)

    def test_the_practitioners_view(self, client):
        """Uruguay, ICT, "videoconferencing", sorted by tier: the view of the issue, by URL alone."""
        html = get(
            client,
            LIST + "?country=UY&priority_area=information-and-communication-technology"
            "&search=videoconferencing&ordering=tier",
        )
        assert card_slugs(html) == [VIDEOCONFERENCING]
        assert facet_option(html, "priority_area", "information-and-communication-technology") == (True, 1)
        assert 'value="videoconferencing"' in html
        assert '<option value="tier" selected>' in html

    def test_uruguay_and_ict(self, client):
        html = get(client, LIST + "?country=UY&priority_area=information-and-communication-technology")
        assert "9 practices" in text(html)
        # Within ICT, Uruguay's tiers: the special mention (Calificación Tributaria) and 8 merits.
        assert facet_option(html, "tier", "merit-special-mention") == (False, 1)
        assert facet_option(html, "tier", "merit") == (False, 8)
        assert facet_option(html, "tier", "award") == (False, 0)

    def test_repeated_values_mean_either(self, client):
        html = get(client, LIST + "?country=UY&country=MX&page_size=100")
        assert "34 practices" in text(html)  # 16 + 16 entries and Mexico's 2 strategies
        assert len(card_slugs(html)) == 34
        assert facet_option(html, "country", "UY") == (True, 16)
        assert facet_option(html, "country", "MX") == (True, 18)

    def test_sort_by_tier(self, client):
        html = get(client, LIST + "?country=UY&ordering=tier")
        slugs = card_slugs(html)
        assert slugs[0] == slug_of("Formalizing enterprises and workers")
        assert slugs[1] == slug_of("Calificación Tributaria")

    def test_search_ignores_accents(self, client):
        html = get(client, LIST + "?search=movil")
        assert slug_of("My ANSES Mobile") in card_slugs(html)
        assert '<option value="" selected>Best match</option>' in html

    def test_chips_remove_one_value_each(self, client):
        html = get(client, LIST + "?country=UY&country=MX&tier=merit&page_size=5&page=2")
        chips = section_chips(html)
        assert ("Country: Uruguay", "/practices/?country=MX&tier=merit&page_size=5") in chips
        assert ("Country: Mexico", "/practices/?country=UY&tier=merit&page_size=5") in chips
        assert ("Award tier: Certificate of merit", "/practices/?country=UY&country=MX&page_size=5") in chips

    def test_a_comma_separated_list_gives_a_chip_per_value(self, client):
        html = get(client, LIST + "?country=UY,MX")
        chips = section_chips(html)
        assert ("Country: Uruguay", "/practices/?country=MX") in chips
        assert ("Country: Mexico", "/practices/?country=UY") in chips

    def test_pagination_keeps_the_view(self, client):
        html = get(client, LIST + "?country=MX&page_size=5")
        assert "18 practices" in text(html)
        assert "Page 1 of 4" in text(html)
        assert 'href="?country=MX&amp;page_size=5&amp;page=2"' in html
        assert 'rel="next" href="?country=MX&amp;page_size=5&amp;page=2"' in html
        last = get(client, LIST + "?country=MX&page_size=5&page=4")
        assert len(card_slugs(last)) == 3
        assert 'href="?country=MX&amp;page_size=5&amp;page=4" aria-current="page"' in last

    def test_parameters_without_a_control_are_kept_by_the_form(self, client):
        html = get(client, LIST + "?competition=americas-2017&page_size=5")
        assert '<input type="hidden" name="competition" value="americas-2017">' in html
        assert '<input type="hidden" name="page_size" value="5">' in html
        assert "Competition: ISSA Good Practice Awards, Americas 2017" in text(html)
        assert "62 practices" in text(html)

    def test_links_to_the_same_view_as_csv_json_and_feed(self, client):
        html = get(client, LIST + "?country=UY&tier=merit&page_size=5&page=2")
        assert 'href="/api/v1/practices/?country=UY&amp;tier=merit&amp;format=csv"' in html
        assert (
            'href="/api/v1/practices/?country=UY&amp;tier=merit&amp;page_size=5&amp;page=2&amp;format=json"'
            in html
        )
        feed = 'type="application/atom+xml" href="/feeds/practices/?country=UY&amp;tier=merit"'
        assert f'<link rel="alternate" {feed}' in html

    def test_an_unfilled_form_field_is_dropped_from_the_address(self, client):
        response = client.get(LIST + "?search=&country=UY&ordering=")
        assert response.status_code == 302
        assert response["Location"] == "/practices/?country=UY"

    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ("country=ZZ", "country"),
            ("priority_area=no-such-area", "priority_area"),
            ("tier=gold", "tier"),
            ("year=twenty", "year"),
            ("ordering=no_such_field", "ordering"),
            ("institution=no-such-institution", "institution"),
            ("region=atlantis", "region"),
            ("liaison_office=no-such-office", "liaison_office"),
            ("competition=no-such-competition", "competition"),
            ("outcome=no-such-outcome", "outcome"),
            ("page_size=1000", "page_size"),
            ("page=first", "page"),
        ],
    )
    def test_a_bad_value_answers_400_naming_the_parameter(self, client, query, name):
        html = get(client, f"{LIST}?{query}&tier=merit", status=400)
        errors = html[html.index('class="errors"') :]
        assert f"<code>{name}</code>" in errors
        assert "Allowed:" in text(errors)
        assert card_slugs(html) == []

    def test_a_bad_value_offers_the_view_without_it(self, client):
        html = get(client, LIST + "?country=ZZ&tier=merit", status=400)
        assert "Unknown value 'ZZ'" in text(html)
        assert 'href="/practices/?tier=merit"' in html

    def test_a_bad_page_size_is_not_carried_into_the_next_view(self, client):
        html = get(client, LIST + "?country=UY&page_size=1000", status=400)
        assert '<input type="hidden" name="page_size"' not in html
        assert 'href="/practices/?country=UY"' in html  # the view without page_size
        assert facet_option(html, "country", "UY") == (True, 16)

    def test_a_page_past_the_end_answers_404_with_a_message(self, client):
        html = get(client, LIST + "?country=UY&page=3", status=404)
        assert "Page 3 does not exist: this list has only page 1." in text(html)
        assert 'href="?country=UY"' in html

    def test_a_search_without_results(self, client):
        html = get(client, LIST + "?search=xylophone")
        assert "0 practices" in text(html)
        assert "No practices match this view." in text(html)
        assert "0 prácticas" in text(get(client, "/es" + LIST + "?search=xylophone"))

    def test_editors_see_drafts_marked(self, client):
        from django.contrib.auth.models import Permission, User

        Practice.objects.filter(title="Video Service Delivery").update(status=Status.DRAFT)
        assert "Video Service Delivery" not in get(client, LIST + "?country=US")
        editor = User.objects.create_user("pages-editor", password="pw-for-tests-only")
        editor.user_permissions.add(Permission.objects.get(codename="view_practice"))
        client.force_login(editor)
        html = get(client, LIST + "?country=US")
        assert "Video Service Delivery" in html
        assert '<strong class="status">Draft</strong>' in html

    def test_compare_checkboxes_feed_the_compare_form(self, client):
        html = get(client, LIST + "?country=UY&tier=merit")
        assert f'name="practices" value="{VIDEOCONFERENCING}" form="compare-form"' in html
        assert '<form id="compare-form" class="compare-form" action="/compare/" method="get">' in html


def section_chips(html):
    start = html.index('<div class="chips">')
    chips = html[start : html.index("</div>", start)]
    return [
        (text(label).split(" \u00d7")[0], href.replace("&amp;", "&"))
        for href, label in re.findall(r'<a class="chip" href="([^"]+)">(.*?)</a>', chips, re.S)
    ]


@pytest.mark.usefixtures("catalogue")
class TestPracticeDetail:
    def test_a_special_mention_with_its_original_title(self, client):
        practice = Practice.objects.get(title__startswith="Automatic generation of lists of beneficiaries")
        html = get(client, practice.get_absolute_url())
        page = text(html)
        assert (
            "Automatic generation of lists of beneficiaries who have the right to permanent family benefits"
            in page
        )
        assert "Original title (Spanish): Aporte Familiar Permanente" in page
        assert '<span lang="es">Aporte Familiar Permanente</span>' in html
        assert "Superintendency of Social Security" in page
        assert "Certificate of merit with special mention" in page
        areas = text(section(html, "areas-heading"))
        assert areas == (
            "Priority areas Administrative Solutions for Coverage Extension "
            "Information and Communication Technology Service Quality"
        )
        summary = text(section(html, "summary-heading"))
        assert summary.startswith(
            "Summary Since 2014, a cash benefit allowance is paid to millions of recipients"
        )
        jury = text(section(html, "jury-heading"))
        assert jury.startswith("Special mention from the jury This innovation vastly simplifies the delivery")
        source = text(section(html, "source-heading"))
        assert (
            "Source: ISSA Good Practice Awards Americas 2017: Competition results. "
            "International Social Security Association (ISSA), 2017." in source
        )

    def test_related_practices_say_the_same_things(self, client):
        practice = Practice.objects.get(title__startswith="Automatic generation of lists of beneficiaries")
        html = get(client, practice.get_absolute_url())
        related = card_slugs(section(html, "related-heading"))
        assert len(related) == 6
        # Benefits paid to beneficiaries without their asking (catalogue/tests/test_related.py has
        # more): disaster victims' doubled benefits, Canada's automatic enrolment.
        assert related[:2] == [
            slug_of("Doubling the social security benefits"),
            slug_of("Old Age Security/Guaranteed Income Supplement"),
        ]
        assert practice.slug not in related
        assert f"/compare/?practices={practice.slug},{related[0]},{related[1]},{related[2]}" in html

    def test_related_by_institution(self, client):
        practice = Practice.objects.get(title__startswith="Shared software and collaborative work")
        html = get(client, practice.get_absolute_url())
        related = card_slugs(section(html, "related-heading"))
        # Same institution (Social Insurance Bank) and "shared", "work" in its title.
        assert related[0] == slug_of("Formalizing enterprises and workers in the shared economy")

    def test_a_national_strategy_is_related_to_the_other_strategies(self, client):
        practice = Practice.objects.get(title="National Crusade against Hunger")
        html = get(client, practice.get_absolute_url())
        related = card_slugs(section(html, "related-heading"))
        assert len(related) == 6
        # The five other strategies of the workshop first: their summaries say the same things.
        assert all(Practice.objects.get(slug=s).competition_id is None for s in related[:5])
        assert "gives no summary" not in html

    def test_an_entry_without_text_says_so(self, client):
        html = get(client, "/practices/" + slug_of("Video Service Delivery") + "/")
        assert "gives no summary or jury comment" in text(html)
        assert "Social Security Administration" in text(html)

    def test_json_ld(self, client):
        practice = Practice.objects.get(title__startswith="Automatic generation of lists of beneficiaries")
        html = get(client, practice.get_absolute_url())
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "CreativeWork"
        assert data["name"].startswith("Automatic generation of lists of beneficiaries")
        assert data["alternateName"] == "Aporte Familiar Permanente"
        assert data["creator"]["name"] == "Superintendency of Social Security"
        assert (
            data["award"]
            == "Certificate of merit with special mention, ISSA Good Practice Awards, Americas 2017"
        )
        assert data["spatialCoverage"]["identifier"] == "CL"
        assert data["isBasedOn"]["name"] == "ISSA Good Practice Awards Americas 2017: Competition results"
        assert "Service Quality" in data["keywords"]
        assert data["url"] == "http://testserver" + practice.get_absolute_url()

    def test_unknown_and_unpublished_practices_are_not_found(self, client):
        get(client, "/practices/no-such-practice/", status=404)
        practice = Practice.objects.get(title="Video Service Delivery")
        Practice.objects.filter(pk=practice.pk).update(status=Status.WITHDRAWN)
        get(client, practice.get_absolute_url(), status=404)
        assert practice.slug not in card_slugs(get(client, LIST + "?country=US"))


@pytest.mark.usefixtures("catalogue")
class TestHomeAndInstitution:
    def test_home(self, client):
        html = get(client, "/")
        page = text(html)
        assert "Practices 68 Countries 12 Institutions 21 Competitions 1" in page
        assert '<form class="home-search" role="search" action="/practices/" method="get">' in html
        assert re.search(r'<a href="/countries/UY/">Uruguay</a> <span class="count">16</span>', html)
        assert re.search(
            r'href="/priority-areas/service-quality/">Service Quality</a> <span class="count">51<', html
        )
        assert re.search(r'href="/competitions/americas-2017/">[^<]+</a> <span class="count">62<', html)
        assert re.search(r'href="/liaison-offices/andean-countries/">[^<]+</a> <span class="count">8<', html)

    def test_institution(self, client):
        html = get(client, "/institutions/social-insurance-bank/")
        page = text(html)
        assert "Social Insurance Bank (BPS)" in page
        assert "Banco de Previsión Social" in page
        assert "11 practices" in page  # the Award, Calificación Tributaria and nine merits
        assert len(card_slugs(html)) == 11
        assert 'href="/practices/?institution=social-insurance-bank"' in html
        get(client, "/institutions/no-such-institution/", status=404)


@pytest.mark.usefixtures("catalogue")
class TestCompare:
    def slugs(self):
        return [
            slug_of("Distance training via videoconferencing"),
            slug_of("Specialists in one click"),
            slug_of("Video Service Delivery"),
        ]

    def test_three_side_by_side(self, client):
        a, b, c = self.slugs()
        html = get(client, f"/compare/?practices={a},{b},{c}")
        columns = re.findall(r'<th scope="col"><a href="/practices/([^/]+)/">', html)
        assert columns == [a, b, c]
        # All three have Communication, ICT and Service Quality; only the first has Good Governance.
        rows = dict(
            (text(name), [m == "yes" for m in re.findall(r'class="visually-hidden">(yes|no)<', cells)])
            for name, cells in re.findall(
                r'<tr class="area-row"><th scope="row">(.*?)</th>(.*?)</tr>', html, re.S
            )
        )
        assert rows == {
            "Communication by Social Security Administrations": [True, True, True],
            "Good Governance": [True, False, False],
            "Information and Communication Technology": [True, True, True],
            "Service Quality": [True, True, True],
        }
        assert "Social Security Administration" in text(html)

    def test_repeated_parameter_as_the_list_page_sends_it(self, client):
        a, b, _c = self.slugs()
        html = get(client, f"/compare/?practices={a}&practices={b}")
        assert re.findall(r'<th scope="col"><a href="/practices/([^/]+)/">', html) == [a, b]

    def test_an_unknown_slug_answers_400_naming_it(self, client):
        a, _b, _c = self.slugs()
        html = get(client, f"/compare/?practices={a},no-such-practice", status=400)
        assert "No practice has the slug 'no-such-practice'." in text(html)
        assert "<code>practices</code>" in html

    @pytest.mark.parametrize("count", [1, 5])
    def test_two_to_four(self, client, count):
        slugs = list(Practice.objects.order_by("slug").values_list("slug", flat=True)[:count])
        html = get(client, "/compare/?practices=" + ",".join(slugs), status=400)
        assert "Choose from 2 to 4." in text(html)

    def test_without_practices_it_explains(self, client):
        html = get(client, "/compare/")
        assert "Choose two to four practices" in text(html)


# --- Every page: languages, accessibility hooks, no inline script or style, the CSP header. ---

PAGES = [
    "/",
    "/practices/",
    "/practices/?country=UY&tier=merit",
    "/statistics/",
    "/countries/UY/",
    "/institutions/social-insurance-bank/",
    "/priority-areas/service-quality/",
    "/regions/americas/",
    "/liaison-offices/andean-countries/",
    "/competitions/americas-2017/",
    "/compare/?practices=distance-training-via-videoconferencing,specialists-in-one-click",
]


@pytest.mark.usefixtures("catalogue")
class TestEveryPage:
    @pytest.mark.parametrize("path", PAGES)
    def test_landmarks_skip_link_languages_and_no_inline_code(self, client, path):
        response = client.get(path)
        assert response.status_code == 200
        assert "default-src 'self'" in response["Content-Security-Policy"]
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"\son[a-z]+=", html)  # no event-handler attributes
        for attrs in re.findall(r"<script([^>]*)>", html):
            assert "src=" in attrs or attrs == ' type="application/ld+json"'
        assert "http://" not in html.replace("http://testserver", "").replace('xmlns="http://www.w3.org', "")
        assert "https://" not in html.replace("https://schema.org", "")
        for code in ("es", "fr", "de"):
            assert f'hreflang="{code}" href="/{code}{path}' in html.replace("&amp;", "&")

    @pytest.mark.parametrize("path", PAGES)
    @pytest.mark.parametrize(
        ("code", "word"), [("es", "Prácticas"), ("fr", "Pratiques"), ("de", "Praktiken")]
    )
    def test_translated(self, client, path, code, word):
        html = get(client, f"/{code}{path}")
        assert f'<html lang="{code}">' in html
        assert word in html
        assert "Skip to content" not in html

    def test_the_switcher_links_the_same_view(self, client):
        html = get(client, "/es/practices/?country=UY&tier=merit")
        assert '<a href="/practices/?country=UY&amp;tier=merit" lang="en" hreflang="en">English</a>' in html
        assert 'href="/de/practices/?country=UY&amp;tier=merit" lang="de" hreflang="de">Deutsch</a>' in html
        assert 'lang="es" hreflang="es" aria-current="true">Español</a>' in html
        assert "14 prácticas" in text(html)

    def test_the_policy_covers_pages_and_api_docs_not_the_admin(self, client):
        for path in ("/robots.txt", "/feeds/practices/", "/api/v1/docs/", "/practices/no-such-practice/"):
            assert "default-src 'self'" in client.get(path).get("Content-Security-Policy", ""), path
        for path in ("/admin/login/", "/api/v1/practices/"):
            assert "Content-Security-Policy" not in client.get(path), path

    def test_error_pages_are_translated_too(self, client):
        html = get(client, "/fr/practices/?country=ZZ", status=400)
        assert '<html lang="fr">' in html
        assert "<code>country</code>" in html
        html = get(client, "/de/no-such-page/", status=404)
        assert '<html lang="de">' in html


# --- Query counts: the same whatever the number of rows (factories, not the real catalogue). ---


@pytest.mark.django_db
@pytest.mark.usefixtures("no_cache")
class TestQueryCounts:
    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ("?page_size=100", "page /practices/"),
            ("?page_size=100&ordering=tier", "page /practices/"),
            ("?search=practice&page_size=100", "page /practices/, search"),
        ],
    )
    def test_list_of_5_and_of_60_rows(self, client, expected_queries, query, name):
        PracticeFactory.create_batch(5)
        with expected_queries(name):
            html = client.get(LIST + query).content.decode()
        assert len(card_slugs(html)) == 5
        PracticeFactory.create_batch(55)
        with expected_queries(name):
            html = client.get(LIST + query).content.decode()
        assert len(card_slugs(html)) == 60

    def test_filtered_list(self, client, expected_queries):
        first = PracticeFactory()
        same = {"country": first.country, "institution": first.institution, "tier": first.tier,
                "competition": first.competition}  # fmt: skip
        PracticeFactory.create_batch(4, **same)
        PracticeFactory.create_batch(3)
        url = (
            f"{LIST}?country={first.country.code}&tier={first.tier.slug}"
            f"&competition={first.competition.slug}&page_size=100"
        )
        # Three filters, each finding its rows with one query, more than the unfiltered list; the
        # chips name the rows found, so they need none.
        with expected_queries("page /practices/, three filters"):
            assert len(card_slugs(client.get(url).content.decode())) == 5
        PracticeFactory.create_batch(55, **same)
        with expected_queries("page /practices/, three filters"):
            assert len(card_slugs(client.get(url).content.decode())) == 60

    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/statistics/",
            "/feeds/practices/",
            "/sitemap.xml",
            "/sitemap-practices.xml",
            "/compare/?practices={a},{b},{c}",
            "/practices/{a}/",
            "/countries/{country}/",
            "/institutions/{institution}/",
            "/priority-areas/{area}/",
            "/competitions/{competition}/",
            "/regions/{region}/",
            "/liaison-offices/{office}/",
        ],
    )
    def test_other_pages_do_not_grow(self, client, expected_queries, url):
        first = PracticeFactory()
        related = {
            "country": first.country,
            "institution": first.institution,
            "competition": first.competition,
            "priority_areas": list(first.priority_areas.all()),
        }
        others = PracticeFactory.create_batch(3, **related)
        office = LiaisonOfficeFactory(region=first.country.region, countries=[first.country])
        fill = {
            "a": first.slug,
            "b": others[0].slug,
            "c": others[1].slug,
            "country": first.country.code,
            "institution": first.institution.slug,
            "area": first.priority_areas.first().slug,
            "competition": first.competition.slug,
            "region": first.country.region.slug,
            "office": office.slug,
        }
        path = url.format(**fill)
        name = f"page {url.split('?')[0]}"
        with expected_queries(name):
            assert client.get(path).status_code == 200
        PracticeFactory.create_batch(30, **related)
        PracticeFactory.create_batch(10)
        with expected_queries(name):
            assert client.get(path).status_code == 200


# --- Parity: /practices/ and /api/v1/practices/ read the same FilterSet, so they list the same. ---

PARITY_QUERIES = [
    "",
    "country=UY&tier=merit",
    "country=UY&country=MX",
    "country=uy,mx&ordering=country",
    "priority_area=information-and-communication-technology&search=videoconferencing",
    "search=movil",
    "search=pension&ordering=country",
    "ordering=tier&country=AR",
    "ordering=-year,title",
    "year=2014",
    "region=americas&tier=attestation",
    "liaison_office=andean-countries",
    "institution=social-insurance-bank&ordering=title",
    "competition=americas-2017&priority_area=good-governance&priority_area=service-quality",
    "outcome=not-assessed&country=PE&ordering=-year",
]


@pytest.mark.usefixtures("catalogue")
class TestParityWithTheApi:
    @pytest.mark.parametrize("query", PARITY_QUERIES)
    def test_same_practices_in_the_same_order(self, client, query):
        suffix = f"{query}&page_size=100" if query else "page_size=100"
        html = get(client, f"{LIST}?{suffix}")
        response = client.get(f"/api/v1/practices/?{suffix}", HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        api_slugs = [row["slug"] for row in response.json()["results"]]
        assert card_slugs(html) == api_slugs
        assert api_slugs  # every query of the list finds something

    @pytest.mark.parametrize(
        "query", ["country=ZZ", "tier=gold", "year=twenty", "page_size=1000", "ordering=nope", "page=0"]
    )
    def test_same_errors(self, client, query):
        assert client.get(f"{LIST}?{query}").status_code == 400
        response = client.get(f"/api/v1/practices/?{query}", HTTP_ACCEPT="application/json")
        assert response.status_code == 400
        assert query.split("=")[0] in response.json()


@pytest.mark.usefixtures("catalogue")
class TestEntityPagesListWhatTheirFilterGives:
    @pytest.mark.parametrize(
        ("page", "query", "count"),
        [
            ("/countries/UY/", "country=UY", 16),
            ("/regions/americas/", "region=americas", 68),
            ("/liaison-offices/andean-countries/", "liaison_office=andean-countries", 8),
            ("/priority-areas/service-quality/", "priority_area=service-quality", 51),
            ("/competitions/americas-2017/", "competition=americas-2017", 62),
            ("/institutions/social-insurance-bank/", "institution=social-insurance-bank", 11),
        ],
    )
    def test_same_practices_in_the_same_order_and_a_link_to_the_list(self, client, page, query, count):
        html = get(client, f"{page}?page_size=100")
        assert f'href="/practices/?{query}"' in html
        listed = get(client, f"{LIST}?{query}&page_size=100")
        assert card_slugs(html) == card_slugs(listed)
        assert len(card_slugs(html)) == count


@pytest.mark.usefixtures("catalogue")
class TestFacetSidebar:
    """Each facet shows its ten most frequent values, a link to all of them and, once shown whole, a
    field to find a value by name; the find field works without JavaScript."""

    def test_ten_most_frequent_countries_and_a_link_to_all_twelve(self, client):
        html = get(client, LIST)
        countries = between(html, 'id="facet-country"', "</fieldset>")
        assert countries.count('type="checkbox"') == 10
        # Most practices first: Mexico 18, Uruguay 16, Argentina 13.
        assert re.findall(r'name="country" value="(\w\w)"', countries)[:3] == ["MX", "UY", "AR"]
        assert "Show all 12 values" in text(countries)
        assert 'href="/practices/?facet=country#facet-country"' in countries
        # Four tiers fit: no link, and they keep their order.
        tiers = between(html, 'id="facet-tier"', "</fieldset>")
        assert "Show all" not in tiers
        assert re.findall(r'name="tier" value="([\w-]+)"', tiers) == [
            "award", "merit-special-mention", "merit", "attestation"
        ]  # fmt: skip

    def test_a_facet_shown_whole_with_its_find_field(self, client):
        html = get(client, f"{LIST}?tier=merit&facet=country")
        countries = between(html, 'id="facet-country"', "</fieldset>")
        assert countries.count('type="checkbox"') == 12
        assert facet_option(html, "country", "UY") == (False, 14)
        assert 'name="facet_search"' in countries and 'form="facet-find"' in countries
        # The find form keeps the filters and the facet; the filter form does not carry `facet`.
        find_form = between(html, '<form id="facet-find"', "</form>")
        assert '<input type="hidden" name="tier" value="merit">' in find_form
        assert '<input type="hidden" name="facet" value="country">' in find_form
        filters = between(html, '<form id="practice-filters"', "</form>")
        assert 'name="facet"' not in filters
        assert 'href="/practices/?tier=merit#facet-country"' in countries  # back to the ten

    def test_finding_an_institution_by_its_original_name(self, client):
        html = get(client, f"{LIST}?facet=institution&facet_search=prevision")
        institutions = between(html, 'id="facet-institution"', "</fieldset>")
        assert re.findall(r'name="institution" value="([\w-]+)"', institutions) == ["social-insurance-bank"]
        assert facet_option(html, "institution", "social-insurance-bank") == (False, 11)
        assert "68 practices" in text(html)  # finding a value filters nothing

    def test_nothing_found(self, client):
        html = get(client, f"{LIST}?facet=institution&facet_search=zzz")
        assert "No value matches “zzz”." in text(between(html, 'id="facet-institution"', "</fieldset>"))

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("facet=sector", "Unknown value 'sector'. Allowed: country, priority_area, tier, institution, region, year, evidence, outcome, target_group, in_place."),  # noqa: E501
            ("facet_search=bank", "Give it with `facet`, the facet whose values to find."),
        ],
    )
    def test_bad_sidebar_parameters_are_400(self, client, query, message):
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 400
        assert message in text(response.content.decode())

    def test_the_sidebar_script_is_told_where_to_ask(self, client):
        html = get(client, f"{LIST}?country=UY&page_size=5&page=2&ordering=title")
        assert 'data-facets-api="/api/v1/practices/facets/?country=UY"' in html  # no page, size, order


@pytest.mark.django_db
@pytest.mark.usefixtures("no_cache")
class TestFacetQueries:
    def test_unfiltered_counts_are_computed_once_per_content_version(self, client, django_assert_num_queries):
        PracticeFactory.create_batch(3)
        client.get(LIST)
        # Again, with no write in between: only the content version, the page of practices and their
        # priority areas.
        with django_assert_num_queries(3):
            assert len(card_slugs(client.get(LIST).content.decode())) == 3
        with django_assert_num_queries(1):
            assert client.get("/api/v1/practices/facets/").json()["count"] == 3
        PracticeFactory()
        assert client.get("/api/v1/practices/facets/").json()["count"] == 4

    def test_a_search_counts_every_facet_in_one_query(self, client, django_assert_num_queries):
        PracticeFactory.create_batch(3, title="Pension payments by mobile phone")
        client.get(LIST)
        # The content version, the facet query (which counts the results too), the page (the ids of
        # its rows, read a rank at a time, then the rows), its priority areas.
        with django_assert_num_queries(5):
            assert len(card_slugs(client.get(f"{LIST}?search=mobile").content.decode())) == 3
