"""The practices API against the real catalogue: filters, facets, search, ordering, pages and CSV.

Every expected number was counted by hand in the source texts, never taken from the API's output:
the competition results (seeds/003_ab306eafde76e4b1.txt, copied to
fixtures/sources/issa-good-practice-awards-americas-2017.en.txt: 62 entries under four tier
headings, one "Priority area(s):" line each) and the 2014 workshop's "HIGHLIGHTED STRATEGIES"
(seeds/004_21c2955d435da96d.txt: two strategies of Mexico, one each of Brazil, Ecuador, Colombia
and Peru, with no competition, tier or institution).
"""

import csv
import gzip
import io

import pytest
from django.http import StreamingHttpResponse

from catalogue.api.views import PracticeViewSet
from catalogue.choices import Status
from catalogue.models import Practice, TargetGroup

from .fixtures import authenticate

API = "/api/v1/practices/"
CSV_COLUMNS = [
    "slug",
    "title",
    "original_title",
    "original_title_language",
    "institution",
    "institution_slug",
    "institution_acronym",
    "country_code",
    "country",
    "year",
    "competition",
    "competition_slug",
    "tier",
    "tier_slug",
    "tier_rank",
    "priority_areas",
    "priority_area_slugs",
    "outcome",
    "summary",
    "jury_comment",
    "lessons",
    "evidence",
    "implementation_started",
    "implementation_ended",
    "in_place",
    "last_verified",
    "target_groups",
    "target_group_slugs",
    "beneficiaries_count",
    "beneficiaries_year",
    "beneficiaries_note",
    "results",
    "challenges",
    "adapted_from",
    "adopted_by",
    "source_title",
    "source_publisher",
    "source_year",
    "last_reviewed",
    "status",
    "synthetic",
    "url",
    "html_url",
]
CONTRACT_FIELDS = {
    "slug", "url", "html_url", "title", "original_title", "institution", "country", "competition", "tier",
    "priority_areas", "summary", "jury_comment", "outcome", "lessons", "source", "last_reviewed",
}  # fmt: skip

# Entries per country under the four tier headings of the competition (award, merit with special
# mention, merit, attestation).
COMPETITION_ENTRIES = {
    "UY": 16,
    "MX": 16,
    "AR": 13,
    "PE": 5,
    "CA": 3,
    "CL": 3,
    "CR": 3,
    "BR": 1,
    "GT": 1,
    "US": 1,
}
# The workshop's national strategies, outside any competition.
WORKSHOP_STRATEGIES = {"MX": 2, "BR": 1, "EC": 1, "CO": 1, "PE": 1}
# Entries per tier: the Award, "51 Certificates of Merit, 11 of which received a special mention",
# and the attestations.
TIER_ENTRIES = {"award": 1, "merit-special-mention": 11, "merit": 40, "attestation": 10}
# Entries whose "Priority area(s):" line names the area.
AREA_ENTRIES = {
    "actuarial-work-for-social-security": 2,
    "administrative-solutions-for-coverage-extension": 18,
    "communication-by-social-security-administrations": 18,
    "contribution-collection-and-compliance": 3,
    "good-governance": 28,
    "information-and-communication-technology": 28,
    "investment-of-social-security-funds": 0,
    "prevention-of-occupational-risks": 5,
    "promotion-of-sustainable-employment": 1,
    "return-to-work-and-reintegration": 4,
    "service-quality": 51,
    "workplace-health-promotion": 0,
}
# The 16 Uruguayan entries, area by area (the award, one special mention, 14 merits).
URUGUAY_AREAS = {
    "service-quality": 12,
    "information-and-communication-technology": 9,
    "good-governance": 9,
    "communication-by-social-security-administrations": 6,
    "administrative-solutions-for-coverage-extension": 4,
    "contribution-collection-and-compliance": 2,
    "return-to-work-and-reintegration": 2,
    "prevention-of-occupational-risks": 1,
    "promotion-of-sustainable-employment": 1,
    "actuarial-work-for-social-security": 0,
    "investment-of-social-security-funds": 0,
    "workplace-health-promotion": 0,
}


def get_count(api, query):
    response = api.get(f"{API}?{query}")
    assert response.status_code == 200, response.content
    return response.json()["count"]


def all_slugs(api, query=""):
    """Walk every page of a list, as a client would, following `next`."""
    slugs = []
    url = f"{API}?page_size=25&{query}"
    while url:
        doc = api.get(url).json()
        slugs += [row["slug"] for row in doc["results"]]
        url = doc["next"]
    return slugs


def csv_body(response):
    """The bytes of a streamed CSV, read piece by piece as a server sends them."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.reader(io.StringIO(csv_body(response).decode("utf-8"))))


def csv_cells_from_json(result):
    """What the CSV row of a practice says, derived from its JSON result (the list's shape)."""

    def part(name, key):
        return "" if result[name] is None or result[name][key] is None else str(result[name][key])

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    source = result["source"] or {}
    return {
        **{name: text(result[name]) for name in ("slug", "title", "original_title")},
        "original_title_language": text(result["original_title_language"]),
        "institution": part("institution", "name"),
        "institution_slug": part("institution", "slug"),
        "institution_acronym": part("institution", "acronym"),
        "country_code": result["country"]["code"],
        "country": result["country"]["name"],
        "year": text(result["year"]),
        "competition": part("competition", "name"),
        "competition_slug": part("competition", "slug"),
        "tier": part("tier", "name"),
        "tier_slug": part("tier", "slug"),
        "tier_rank": part("tier", "rank"),
        "priority_areas": "; ".join(area["name"] for area in result["priority_areas"]),
        "priority_area_slugs": "; ".join(area["slug"] for area in result["priority_areas"]),
        **{name: text(result[name]) for name in ("outcome", "summary", "jury_comment", "lessons")},
        "evidence": result["evidence"]["slug"],
        "implementation_started": text(result["implementation"]["started"]),
        "implementation_ended": text(result["implementation"]["ended"]),
        "in_place": text(result["implementation"]["in_place"]),
        "last_verified": text(result["implementation"]["last_verified"]),
        "target_groups": "; ".join(group["name"] for group in result["target_groups"]),
        "target_group_slugs": "; ".join(group["slug"] for group in result["target_groups"]),
        "beneficiaries_count": part("beneficiaries", "count"),
        "beneficiaries_year": part("beneficiaries", "year"),
        "beneficiaries_note": "" if result["beneficiaries"] is None else result["beneficiaries"]["note"],
        **{name: text(result[name]) for name in ("results", "challenges")},
        "adapted_from": "; ".join(other["slug"] for other in result["adapted_from"]),
        "adopted_by": "; ".join(other["slug"] for other in result["adopted_by"]),
        "source_title": text(source.get("title")),
        "source_publisher": text(source.get("publisher")),
        "source_year": text(source.get("year")),
        **{name: text(result[name]) for name in ("last_reviewed", "status", "synthetic", "url", "html_url")},
    }


@pytest.mark.usefixtures("catalogue")
class TestFilters:
    def test_everything_published_is_listed(self, api):
        assert get_count(api, "") == 62 + 6

    def test_competition(self, api):
        assert get_count(api, "competition=americas-2017") == 62

    @pytest.mark.parametrize(("code", "expected"), sorted(COMPETITION_ENTRIES.items()))
    def test_country_within_the_competition(self, api, code, expected):
        assert get_count(api, f"competition=americas-2017&country={code}") == expected

    @pytest.mark.parametrize("code", sorted(set(COMPETITION_ENTRIES) | set(WORKSHOP_STRATEGIES)))
    def test_country_alone_adds_the_workshop_strategies(self, api, code):
        expected = COMPETITION_ENTRIES.get(code, 0) + WORKSHOP_STRATEGIES.get(code, 0)
        assert get_count(api, f"country={code}") == expected

    def test_country_code_in_lower_case(self, api):
        assert get_count(api, "country=uy") == 16

    def test_country_with_no_practices(self, api):
        # Bolivia is served by the Andean liaison office but has no entry.
        assert get_count(api, "country=BO") == 0

    @pytest.mark.parametrize(("slug", "expected"), sorted(TIER_ENTRIES.items()))
    def test_tier(self, api, slug, expected):
        assert get_count(api, f"tier={slug}") == expected

    @pytest.mark.parametrize(("slug", "expected"), sorted(AREA_ENTRIES.items()))
    def test_priority_area(self, api, slug, expected):
        assert get_count(api, f"priority_area={slug}") == expected

    def test_institution(self, api):
        # The Social Insurance Bank (BPS): the award, one special mention, nine merits.
        assert get_count(api, "institution=social-insurance-bank") == 11
        # ANSES: one special mention, five merits, one attestation.
        assert get_count(api, "institution=national-social-security-administration") == 7

    def test_region(self, api):
        assert get_count(api, "region=americas") == 68
        assert get_count(api, "region=europe") == 0

    def test_liaison_office(self, api):
        # The Andean office serves Bolivia, Colombia, Ecuador and Peru: Peru's 5 entries and the
        # strategies of Colombia, Ecuador and Peru.
        assert get_count(api, "liaison_office=andean-countries") == 5 + 3
        # North and Central America: Canada 3, Costa Rica 3, Guatemala 1, Mexico 16 + 2, United States 1.
        assert get_count(api, "liaison_office=north-and-central-america") == 3 + 3 + 1 + 18 + 1

    def test_year(self, api):
        assert get_count(api, "year=2017") == 62
        assert get_count(api, "year=2014") == 6
        assert get_count(api, "year=2016") == 0

    def test_outcome(self, api):
        # The sources assess no outcome.
        assert get_count(api, "outcome=not-assessed") == 68
        assert get_count(api, "outcome=successful") == 0

    def test_repeated_values_mean_either(self, api):
        assert get_count(api, "country=UY&country=MX") == 16 + 18
        assert get_count(api, "country=UY,MX") == 16 + 18
        assert get_count(api, "tier=merit&tier=attestation") == 40 + 10
        assert get_count(api, "year=2014&year=2017") == 68
        assert get_count(api, "outcome=successful&outcome=not-assessed") == 68
        assert (
            get_count(
                api, "priority_area=workplace-health-promotion&priority_area=return-to-work-and-reintegration"
            )
            == 4
        )

    def test_a_practice_in_several_selected_areas_is_listed_once(self, api):
        # Every entry with Good Governance or Service Quality, once each.
        slugs = all_slugs(api, "priority_area=good-governance&priority_area=service-quality")
        assert len(slugs) == len(set(slugs))
        assert get_count(api, "priority_area=good-governance&priority_area=service-quality") == len(slugs)

    def test_different_filters_mean_all(self, api):
        # Uruguay's merits in Service Quality: 11 of its 14 merits name the area.
        assert get_count(api, "country=UY&priority_area=service-quality&tier=merit") == 11
        assert get_count(api, "country=UY&country=MX&competition=americas-2017") == 32
        assert get_count(api, "country=MX&tier=attestation") == 8
        assert get_count(api, "country=MX&year=2014") == 2
        assert get_count(api, "institution=social-insurance-bank&tier=merit") == 9
        assert get_count(api, "region=americas&priority_area=workplace-health-promotion") == 0

    def test_drafts_are_hidden_from_anonymous_clients(self, api, api_editor):
        draft = Practice.objects.filter(country__code="UY").first()
        Practice.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
        assert get_count(api, "country=UY") == 15
        assert api.get(f"{API}{draft.slug}/").status_code == 404
        authenticate(api, api_editor)
        assert get_count(api, "country=UY") == 16
        assert api.get(f"{API}{draft.slug}/").json()["status"] == "draft"


@pytest.mark.usefixtures("catalogue")
class TestSearch:
    """The four searches of the issue, on whichever database the tests run (SQLite or PostgreSQL)."""

    @pytest.mark.parametrize("query", ["movil", "Móvil", "MOVIL"])
    def test_an_accent_free_word_finds_the_spanish_title(self, api, query):
        # "My ANSES Mobile (*Mi ANSES Móvil*)", a merit of Argentina.
        results = api.get(API, {"search": query}).json()["results"]
        assert results and results[0]["title"].startswith("My ANSES Mobile")
        assert results[0]["original_title"] == "Mi ANSES Móvil"

    def test_a_word_of_the_original_title(self, api):
        # "A retirement support programme (*Jornadas de Acompañamiento al Proceso Jubilatorio*)".
        results = api.get(API, {"search": "jubilatorio"}).json()["results"]
        assert [r["title"] for r in results][:1] == ["A retirement support programme"]

    def test_every_word_must_match_in_any_case(self, api):
        doc = api.get(API, {"search": "PENSION universal"}).json()
        assert doc["results"][0]["title"] == "Universal pension for the elderly"
        assert doc["results"][0]["country"]["code"] == "AR"

    def test_search_combines_with_filters(self, api):
        assert get_count(api, "search=movil&country=AR") == 1
        assert get_count(api, "search=movil&country=UY") == 0

    def test_institution_names_are_searched(self, api):
        slugs = all_slugs(api, "search=Derrama")
        # Derrama Magisterial: one merit and one attestation.
        assert len(slugs) == 2


@pytest.mark.usefixtures("catalogue")
class TestOrderingAndPages:
    def test_default_order_is_newest_then_tier(self, api):
        results = api.get(API).json()["results"]
        assert results[0]["tier"]["slug"] == "award"
        assert results[0]["year"] == 2017

    def test_ordering(self, api):
        first = api.get(API, {"ordering": "title"}).json()["results"][0]
        assert first["title"] == "A comprehensive health care model"
        assert api.get(API, {"ordering": "tier"}).json()["results"][0]["tier"]["slug"] == "award"
        last = api.get(API, {"ordering": "tier", "page": "last"}).json()["results"][-1]
        assert last["tier"] is None  # the workshop strategies come after the attestations
        assert api.get(API, {"ordering": "-year"}).json()["results"][0]["year"] == 2017
        assert api.get(API, {"ordering": "year"}).json()["results"][0]["year"] == 2014
        assert api.get(API, {"ordering": "country"}).json()["results"][0]["country"]["code"] == "AR"
        assert api.get(API, {"ordering": "-country"}).json()["results"][0]["country"]["code"] == "UY"
        institution = api.get(API, {"ordering": "institution"}).json()["results"][0]["institution"]
        assert institution["name"] == "Bank Employees' Pension Fund"

    def test_pages_cover_every_practice_once(self, api):
        slugs = all_slugs(api)
        assert len(slugs) == 68 == len(set(slugs))

    def test_page_links_and_sizes(self, api):
        doc = api.get(API, {"page_size": 25}).json()
        assert doc["count"] == 68 and len(doc["results"]) == 25 and doc["previous"] is None
        assert "page=2" in doc["next"] and "page_size=25" in doc["next"]
        last = api.get(API, {"page_size": 25, "page": 3}).json()
        assert len(last["results"]) == 18 and last["next"] is None
        assert api.get(API, {"page_size": 25, "page": "last"}).json() == last
        assert len(api.get(API).json()["results"]) == 20  # the default page size

    @pytest.mark.parametrize(
        "params", [{}, {"ordering": "-tier,title"}, {"search": "social"}, {"ordering": "institution"}]
    )
    def test_pages_past_the_middle_in_the_same_order(self, api, params):
        # Pages in the second half are read from the other end (common.pagination.Paginator): page
        # by page, the list is the one a single page of 100 gives, in every ordering.
        whole = [r["slug"] for r in api.get(API, {**params, "page_size": 100}).json()["results"]]
        paged = []
        for page in range(1, 12):
            response = api.get(API, {**params, "page_size": 7, "page": page})
            if response.status_code == 404:
                break
            paged += [r["slug"] for r in response.json()["results"]]
        assert paged == whole and len(whole) > 7 * 4

    def test_page_past_the_end(self, api):
        response = api.get(API, {"page_size": 25, "page": 4})
        assert response.status_code == 404
        assert response.json() == {"detail": "Page 4 does not exist: this list has pages 1 to 3."}


@pytest.mark.usefixtures("catalogue")
class TestResults:
    def test_a_result_carries_the_contract_fields(self, api):
        result = api.get(API, {"search": "jubilatorio"}).json()["results"][0]
        assert CONTRACT_FIELDS <= set(result)
        assert result["url"] == f"http://testserver/api/v1/practices/{result['slug']}/"
        assert result["html_url"] == f"http://testserver/practices/{result['slug']}/"
        assert result["institution"]["name"] == "Bank Employees' Pension Fund"
        assert set(result["institution"]) >= {"slug", "name", "acronym"}
        assert result["country"]["code"] == "UY" and result["country"]["name"] == "Uruguay"
        assert result["competition"]["slug"] == "americas-2017" and result["competition"]["year"] == 2017
        assert result["tier"] == {
            "slug": "merit",
            "name": result["tier"]["name"],
            "rank": 3,
            "url": "http://testserver/api/v1/tiers/merit/",
        }
        assert [a["slug"] for a in result["priority_areas"]] == [
            "communication-by-social-security-administrations",
            "service-quality",
        ]
        assert set(result["source"]) == {"title", "publisher", "year"}

    def test_detail_by_slug(self, api):
        slug = api.get(API, {"search": "movil"}).json()["results"][0]["slug"]
        response = api.get(f"{API}{slug}/")
        assert response.status_code == 200
        assert response.json()["original_title"] == "Mi ANSES Móvil"

    def test_detail_ignores_list_parameters(self, api):
        slug = api.get(API, {"search": "movil"}).json()["results"][0]["slug"]
        assert api.get(f"{API}{slug}/", {"country": "UY"}).status_code == 200

    def test_html_url_is_language_neutral(self, api):
        result = api.get(API, {"search": "movil"}, HTTP_ACCEPT_LANGUAGE="es").json()["results"][0]
        assert result["html_url"] == f"http://testserver/practices/{result['slug']}/"

    def test_workshop_strategies_have_no_competition_tier_or_institution(self, api):
        results = api.get(API, {"year": 2014}).json()["results"]
        assert sorted(r["country"]["code"] for r in results) == ["BR", "CO", "EC", "MX", "MX", "PE"]
        for result in results:
            assert result["institution"] is None
            assert result["competition"] is None
            assert result["tier"] is None
            assert result["priority_areas"] == []


FACETS = ("country", "priority_area", "tier", "institution", "region", "year", "evidence", "outcome",
          "target_group", "in_place")  # fmt: skip
FACETS_ALLOWED = ", ".join(FACETS)
LIMIT_ALLOWED = (
    "is not allowed. Allowed: a number of values per facet from 1 to 999999999, 0 for all of them."
)


@pytest.mark.usefixtures("catalogue")
class TestFacets:
    def facets(self, api, query="", limit=0):
        # Every value of every facet (facet_limit=0), unless a test asks for the default limit.
        limited = f"facet_limit={limit}&" if limit is not None else ""
        response = api.get(f"{API}facets/?{limited}{query}")
        assert response.status_code == 200, response.content
        doc = response.json()
        return doc, {name: {o["value"]: o["count"] for o in doc[name]} for name in FACETS if name in doc}

    def test_shape(self, api):
        doc, _ = self.facets(api)
        assert set(doc) == {"count", "total_options", *FACETS}
        for name in FACETS:
            for option in doc[name]:
                assert set(option) == {"value", "label", "count"}
        assert doc["count"] == 68
        # How many values each facet has in all: 12 countries, the 12 areas, 4 tiers, 2 years, the 5
        # evidence levels, 4 outcomes, every target group, in place or not.
        assert doc["total_options"] == {
            "country": 12,
            "priority_area": 12,
            "tier": 4,
            "institution": len(doc["institution"]),
            "region": 1,
            "year": 2,
            "evidence": 5,
            "outcome": 4,
            "target_group": TargetGroup.objects.count(),
            "in_place": 2,
        }
        tiers = doc["tier"]
        assert [t["value"] for t in tiers] == ["award", "merit-special-mention", "merit", "attestation"]

    def test_without_filters(self, api):
        _, counts = self.facets(api)
        assert counts["tier"] == TIER_ENTRIES
        assert counts["priority_area"] == AREA_ENTRIES  # all 12, zeros included
        assert counts["year"] == {2017: 62, 2014: 6}
        assert counts["region"] == {"americas": 68}
        expected_countries = {
            code: COMPETITION_ENTRIES.get(code, 0) + WORKSHOP_STRATEGIES.get(code, 0)
            for code in set(COMPETITION_ENTRIES) | set(WORKSHOP_STRATEGIES)
        }
        assert counts["country"] == expected_countries  # countries without practices are left out
        assert counts["institution"]["social-insurance-bank"] == 11

    def test_a_facet_ignores_its_own_filter(self, api):
        doc, counts = self.facets(api, "country=UY")
        assert doc["count"] == 16
        # What choosing another country would give: every country still counted in full.
        assert counts["country"]["UY"] == 16
        assert counts["country"]["MX"] == 18
        assert counts["country"]["AR"] == 13
        # The other facets count within Uruguay.
        assert counts["tier"] == {"award": 1, "merit-special-mention": 1, "merit": 14, "attestation": 0}
        assert counts["priority_area"] == URUGUAY_AREAS
        assert counts["region"] == {"americas": 16}
        assert counts["year"] == {2017: 16, 2014: 0}
        assert counts["institution"]["social-insurance-bank"] == 11
        assert counts["institution"]["national-social-security-administration"] == 0

    def test_disjunctive_with_two_filters(self, api):
        doc, counts = self.facets(api, "country=UY&tier=merit")
        assert doc["count"] == 14
        # Countries counted among merits: Argentina 9, Mexico 6, Uruguay 14.
        assert counts["country"]["AR"] == 9
        assert counts["country"]["MX"] == 6
        assert counts["country"]["UY"] == 14
        # Tiers counted within Uruguay.
        assert counts["tier"] == {"award": 1, "merit-special-mention": 1, "merit": 14, "attestation": 0}
        assert counts["priority_area"]["service-quality"] == 11
        assert counts["priority_area"]["contribution-collection-and-compliance"] == 0

    def test_several_values_of_one_facet(self, api):
        doc, counts = self.facets(api, "country=UY&country=AR")
        assert doc["count"] == 29
        assert counts["tier"]["merit-special-mention"] == 3 + 1
        assert counts["country"]["MX"] == 18

    def test_non_facet_filters_apply_to_every_facet(self, api):
        _, counts = self.facets(api, "competition=americas-2017")
        assert counts["country"]["MX"] == 16
        assert counts["year"] == {2017: 62, 2014: 0}
        _, counts = self.facets(api, "search=movil")
        assert counts["country"]["AR"] == 1 and counts["country"]["UY"] == 0

    def test_facets_validate_like_the_list(self, api):
        response = api.get(f"{API}facets/", {"tier": "gold"})
        assert response.status_code == 400
        assert "tier" in response.json()

    def test_ten_most_frequent_values_by_default(self, api):
        doc, counts = self.facets(api, limit=None)
        # 12 countries: the ten with most practices, most first (Mexico 18, Uruguay 16, Argentina 13).
        assert [o["value"] for o in doc["country"][:3]] == ["MX", "UY", "AR"]
        assert len(doc["country"]) == 10
        assert [o["count"] for o in doc["country"]] == sorted(counts["country"].values(), reverse=True)[:10]
        assert doc["total_options"]["country"] == 12
        # A facet with no more values than the limit keeps its own order: tiers by rank.
        assert [t["value"] for t in doc["tier"]] == ["award", "merit-special-mention", "merit", "attestation"]
        assert len(doc["priority_area"]) == 10 and doc["total_options"]["priority_area"] == 12

    def test_facet_limit(self, api):
        doc, _ = self.facets(api, limit=2)
        assert [o["value"] for o in doc["country"]] == ["MX", "UY"]
        assert [o["value"] for o in doc["tier"]] == ["merit", "merit-special-mention"]  # 40 and 11

    def test_a_chosen_value_is_listed_beyond_the_limit(self, api):
        doc, _ = self.facets(api, "country=GT", limit=2)
        assert [(o["value"], o["count"]) for o in doc["country"]] == [("MX", 18), ("UY", 16), ("GT", 1)]

    def test_only_some_facets_and_finding_a_value_by_name(self, api):
        doc, _ = self.facets(api, "facet=institution&facet=country&facet_search=social+secur")
        assert set(doc) == {"count", "total_options", "institution", "country"}
        assert doc["country"] == []
        names = [o["label"] for o in doc["institution"]]
        assert "Mexican Social Security Institute" in names
        assert "Social Insurance Bank" not in names
        assert all("social" in name.lower() and "secur" in name.lower() for name in names)
        assert doc["total_options"]["institution"] == len(names)
        # By the original name, without its accent, or by the acronym.
        for words in ("prevision", "BPS"):
            doc, _ = self.facets(api, f"facet=institution&facet_search={words}")
            assert [(o["value"], o["count"]) for o in doc["institution"]] == [("social-insurance-bank", 11)]
        doc, _ = self.facets(api, "facet=country&facet_search=uy")
        assert [o["label"] for o in doc["country"]] == ["Uruguay"]

    @pytest.mark.parametrize(
        ("query", "param", "message"),
        [
            ("facet_limit=ten", "facet_limit", f"'ten' {LIMIT_ALLOWED}"),
            ("facet_limit=-1", "facet_limit", f"'-1' {LIMIT_ALLOWED}"),
            ("facet=sector", "facet", f"Unknown value 'sector'. Allowed: {FACETS_ALLOWED}."),
        ],
    )
    def test_bad_facet_parameters(self, api, query, param, message):
        response = api.get(f"{API}facets/?{query}")
        assert response.status_code == 400
        assert response.json() == {param: [message]}

    def test_facet_and_filter_errors_together(self, api):
        response = api.get(f"{API}facets/?tier=gold&facet_limit=x")
        assert response.status_code == 400
        assert set(response.json()) == {"tier", "facet_limit"}


@pytest.mark.usefixtures("catalogue")
class TestCSV:
    def test_whole_set_with_header(self, api):
        response = api.get(API, {"format": "csv"})
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="practices.csv"'
        rows = csv_rows(response)
        assert rows[0] == CSV_COLUMNS
        assert len(rows) == 1 + 68
        assert len({row[0] for row in rows[1:]}) == 68

    def test_every_page_in_one_file(self, api):
        # Page parameters do not cut the export.
        rows = csv_rows(api.get(API, {"format": "csv", "page_size": 5, "page": 2}))
        assert len(rows) == 1 + 68

    def test_filtered_set(self, api):
        rows = csv_rows(api.get(API, {"format": "csv", "country": "UY", "tier": "merit"}))
        assert len(rows) == 1 + 14
        header = rows[0]
        assert {row[header.index("country_code")] for row in rows[1:]} == {"UY"}
        assert {row[header.index("tier_slug")] for row in rows[1:]} == {"merit"}

    def test_accept_header(self, api):
        response = api.get(API, {"country": "MX"}, HTTP_ACCEPT="text/csv")
        assert len(csv_rows(response)) == 1 + 18

    def test_one_row_per_practice_with_areas_in_one_cell_and_accents_intact(self, api):
        rows = csv_rows(api.get(API, {"format": "csv", "search": "movil"}))
        assert len(rows) == 2
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["original_title"] == "Mi ANSES Móvil"
        # "Priority areas: Administrative Solutions for Coverage Extension, Communication by Social
        # Security Administrations, Information and Communication Technology, Service Quality"
        assert row["priority_area_slugs"] == (
            "administrative-solutions-for-coverage-extension; "
            "communication-by-social-security-administrations; "
            "information-and-communication-technology; service-quality"
        )
        assert row["priority_areas"].count("; ") == 3
        assert row["country"] == "Argentina" and row["country_code"] == "AR"
        assert row["html_url"].endswith(f"/practices/{row['slug']}/")

    def test_workshop_strategies_have_empty_cells(self, api):
        rows = csv_rows(api.get(API, {"format": "csv", "year": 2014}))
        header = rows[0]
        for row in rows[1:]:
            for column in ("institution", "competition", "tier", "tier_rank", "priority_areas"):
                assert row[header.index(column)] == ""

    def test_empty_set_still_has_its_header(self, api):
        rows = csv_rows(api.get(API, {"format": "csv", "priority_area": "workplace-health-promotion"}))
        assert rows == [CSV_COLUMNS]

    @pytest.mark.parametrize("how", ["format", "accept"])
    def test_errors_are_json(self, api, how):
        if how == "format":
            response = api.get(API, {"format": "csv", "country": "ZZ"})
        else:
            response = api.get(API, {"country": "ZZ"}, HTTP_ACCEPT="text/csv")
        assert response.status_code == 400
        assert not response.streaming
        assert response["Content-Type"] == "application/json"
        assert "country" in response.json()

    def test_it_is_streamed(self, api):
        response = api.get(API, {"format": "csv"})
        assert isinstance(response, StreamingHttpResponse)
        assert "Content-Length" not in response
        pieces = list(response.streaming_content)
        assert all(isinstance(piece, bytes) for piece in pieces)
        assert pieces[0].startswith(b"slug,title,original_title,")

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "ordering=tier",
            "ordering=-country,title",
            "ordering=institution",
            "country=UY&country=MX&ordering=-year",
            "priority_area=good-governance",
            "search=pension",
        ],
    )
    def test_rows_are_in_the_order_of_the_json_list(self, api, query):
        rows = csv_rows(api.get(f"{API}?format=csv&{query}"))
        listed = all_slugs(api, query)
        assert listed
        assert [row[0] for row in rows[1:]] == listed

    def test_every_cell_says_what_the_json_says(self, api):
        rows = csv_rows(api.get(API, {"format": "csv"}))
        header = rows[0]
        results = api.get(API, {"page_size": 100}).json()["results"]
        assert len(results) == len(rows) - 1 == 68
        for result, row in zip(results, rows[1:], strict=True):
            assert dict(zip(header, row, strict=True)) == csv_cells_from_json(result), result["slug"]

    def test_evidence_columns_with_lineage_say_what_the_json_says(self, api):
        puam = Practice.objects.get(slug="universal-pension-for-the-elderly")
        oas = Practice.objects.get(slug="old-age-security-guaranteed-income-supplement-automatic-enrolment")
        reparation = Practice.objects.get(
            slug="national-historical-reparation-programme-for-retirees-and-pensioners"
        )
        oas.adapted_from.add(puam, reparation)
        # A draft is no one's lineage in public.
        Practice.objects.filter(pk=reparation.pk).update(status=Status.DRAFT)
        Practice.objects.filter(pk=oas.pk).update(in_place=True, last_verified="2026-11-30")
        rows = csv_rows(api.get(API, {"format": "csv"}))
        header = rows[0]
        results = api.get(API, {"page_size": 100}).json()["results"]
        for result, row in zip(results, rows[1:], strict=True):
            assert dict(zip(header, row, strict=True)) == csv_cells_from_json(result), result["slug"]
        cells = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        canada = cells[oas.slug]
        assert canada["evidence"] == "reported"
        assert canada["target_groups"] == "Older persons" and canada["target_group_slugs"] == "older-persons"
        assert canada["beneficiaries_note"] == (
            "Approximately 60 per cent of all new OAS Pensioners, enrolled automatically."
        )
        assert canada["beneficiaries_count"] == "" and canada["in_place"] == "true"
        assert canada["last_verified"] == "2026-11-30"
        assert canada["adapted_from"] == puam.slug
        assert cells[puam.slug]["adopted_by"] == oas.slug
        assert cells[puam.slug]["implementation_started"] == "2016"
        assert cells["unidos-network"]["target_groups"] == "People living in poverty"
        assert header.index("evidence") == header.index("lessons") + 1
        assert header[header.index("evidence") : header.index("adopted_by") + 1] == [
            "evidence", "implementation_started", "implementation_ended", "in_place", "last_verified",
            "target_groups", "target_group_slugs", "beneficiaries_count", "beneficiaries_year",
            "beneficiaries_note", "results", "challenges", "adapted_from", "adopted_by",
        ]  # fmt: skip

    def test_a_rows_url_is_the_practices_api_address(self, api):
        rows = csv_rows(api.get(API, {"format": "csv", "search": "movil"}))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["url"] == "http://testserver/api/v1/practices/my-anses-mobile/"
        detail = api.get(row["url"])
        assert detail.status_code == 200 and detail.json()["original_title"] == "Mi ANSES Móvil"

    def test_chunks_change_nothing_in_the_file(self, api, monkeypatch):
        whole = csv_body(api.get(API, {"format": "csv"}))
        monkeypatch.setattr(PracticeViewSet, "csv_chunk_size", 7)
        assert csv_body(api.get(API, {"format": "csv"})) == whole

    def test_head_sends_the_headers_of_get(self, api):
        response = api.head(API, {"format": "csv", "country": "UY"})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="practices.csv"'
        assert response["ETag"] == api.get(API, {"format": "csv", "country": "UY"})["ETag"]

    def test_gzip_compresses_the_stream(self, api, settings):
        plain = csv_body(api.get(API, {"format": "csv", "country": "UY"}))
        settings.MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]
        response = type(api)().get(API, {"format": "csv", "country": "UY"}, HTTP_ACCEPT_ENCODING="gzip")
        assert response.streaming and response["Content-Encoding"] == "gzip"
        assert gzip.decompress(b"".join(response.streaming_content)) == plain

    def test_format_wins_over_a_json_accept_header(self, api):
        response = api.get(API, {"format": "csv"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
