"""GET /api/v1/practices/suggest/?q=: what a search box suggests while someone types, over the real
catalogue: countries, priority areas and institutions first, then practices; strict input; a fixed
number of queries."""

import pytest
from django.core.cache import cache

from catalogue.choices import Status
from catalogue.models import Practice
from catalogue.search import matching
from catalogue.tests.factories import InstitutionFactory, PracticeFactory
from common.analysis import parse

from .fixtures import authenticate

SUGGEST = "/api/v1/practices/suggest/"
SERVER = "http://testserver"

UNIVERSAL_PENSION = "Universal pension for the elderly"
PENSION_PRACTICES = [
    "Improving the pension survivors verification programme of the Mexican Social Security Institute",
    "Managing the pensions advisory service: Fostering a culture of pension awareness",
    "National historical reparation programme for retirees and pensioners",
    "The DeportISSSTE programme for retirees and pensioners",
    UNIVERSAL_PENSION,
]


def suggest(api, q, **params):
    response = api.get(SUGGEST, {"q": q, **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def labels(doc):
    return [result["label"] for result in doc["results"]]


def kinds(doc):
    return [result["kind"] for result in doc["results"]]


@pytest.mark.usefixtures("catalogue")
class TestSuggestions:
    def test_pen_suggests_the_pension_fund_then_the_pension_practices_with_their_pages(self, api):
        doc = suggest(api, "pen")
        assert doc["query"] == "pen"
        assert doc["results"][0] == {
            "label": "Bank Employees' Pension Fund",
            "kind": "institution",
            "url": f"{SERVER}/institutions/bank-employees-pension-fund/",
        }
        assert labels(doc)[1:] == PENSION_PRACTICES
        assert kinds(doc)[1:] == ["practice"] * 5
        assert doc["results"][-1]["url"] == f"{SERVER}/practices/universal-pension-for-the-elderly/"

    def test_a_plural_still_suggests_what_its_singular_does(self, api):
        # "pensions" is `pension` to the index, and the start of nothing as typed.
        assert labels(suggest(api, "pensions")) == PENSION_PRACTICES
        assert UNIVERSAL_PENSION in labels(suggest(api, "Universal pensions"))

    def test_a_word_typed_past_its_term_still_suggests_its_practices(self, api):
        # "administration" is indexed as `administr`: "administrat", on the way to it, still finds it.
        doc = suggest(api, "policy framework administrat")
        assert labels(doc) == [
            "Policy framework for the collection and use of publicly available personal information in "
            "the administration of the OAS and CPP programmes"
        ]

    def test_the_word_as_typed_is_a_start_too(self, api):
        # "easy" is `easi` to the stemmer, which `easygo` does not start with.
        assert labels(suggest(api, "easy")) == [
            "Formalizing enterprises and workers in the shared economy (transporting passengers using "
            "mobile phone applications: Uber, Cabify, EasyGo)"
        ]

    def test_case_and_accents_do_not_matter(self, api):
        assert labels(suggest(api, "MÓVIL")) == ["My ANSES Mobile"]  # its original title, Mi ANSES Móvil
        assert labels(suggest(api, "URUGUÁY"))[:2] == [
            "Uruguay",
            "Catholic Workers' Circle of the Uruguay Mutual Fund",
        ]

    def test_entities_by_name_code_acronym_and_original_name(self, api):
        assert suggest(api, "uy")["results"] == [
            {"label": "Uruguay", "kind": "country", "url": f"{SERVER}/countries/UY/"}
        ]
        assert labels(suggest(api, "anses")) == [
            "National Social Security Administration (ANSES)",
            "My ANSES Mobile",
        ]
        # Found by its original name only: the label says it.
        assert suggest(api, "prevision")["results"] == [
            {
                "label": "Social Insurance Bank (BPS) / Banco de Previsión Social",
                "kind": "institution",
                "url": f"{SERVER}/institutions/social-insurance-bank/",
            }
        ]

    def test_every_word_typed_starts_a_word_of_the_name(self, api):
        doc = suggest(api, "return to w")
        assert doc["results"][0] == {
            "label": "Return to Work and Reintegration",
            "kind": "priority_area",
            "url": f"{SERVER}/priority-areas/return-to-work-and-reintegration/",
        }
        assert labels(doc)[1:] == ["Return to work: A foundational approach to return to function"]

    def test_an_entity_without_practices_is_not_suggested(self, api):
        # Workplace Health Promotion is a priority area of the awards that no practice has.
        assert labels(suggest(api, "workplace he")) == ["A guidance manual on workplace health promotion"]

    def test_countries_then_areas_then_institutions_then_practices(self, api):
        doc = suggest(api, "co")
        order = ["country", "priority_area", "institution", "practice"]
        assert kinds(doc) == sorted(kinds(doc), key=order.index)
        assert labels(doc)[:3] == [
            "Colombia",
            "Costa Rica",
            "Administrative Solutions for Coverage Extension",
        ]

    def test_at_most_eight_and_practices_keep_three_places(self, api):
        doc = suggest(api, "social")
        assert len(doc["results"]) == 8
        assert kinds(doc) == ["priority_area"] * 2 + ["institution"] * 3 + ["practice"] * 3
        # Without practices, entities fill the list.
        assert kinds(suggest(api, "social security adm")) == ["priority_area"] + ["institution"] * 2

    def test_empty_or_wordless_text_suggests_nothing_and_reads_nothing(self, api, django_assert_num_queries):
        # Nothing but the content version (one query a request), for the ETag.
        with django_assert_num_queries(4):
            assert suggest(api, "") == {"query": "", "results": []}
            assert suggest(api, "   ") == {"query": "", "results": []}
            assert api.get(SUGGEST).json() == {"query": "", "results": []}
            assert suggest(api, "!!") == {"query": "!!", "results": []}

    def test_pages_in_the_language_asked_for(self, api):
        doc = suggest(api, "pen", language="es")
        assert doc["results"][0]["url"] == f"{SERVER}/es/institutions/bank-employees-pension-fund/"
        assert doc["results"][-1]["url"] == f"{SERVER}/es/practices/universal-pension-for-the-elderly/"
        assert suggest(api, "uy", language="de")["results"][0]["url"] == f"{SERVER}/de/countries/UY/"
        assert suggest(api, "uy", language="en")["results"][0]["url"] == f"{SERVER}/countries/UY/"

    def test_countries_and_areas_are_named_in_the_language_asked_for(self, api):
        # Named as the pages of that language name them; found by that name and by the English one.
        for language, typed, label in [
            ("es", "mex", "México"),
            ("de", "mexiko", "Mexiko"),
            ("de", "mexico", "Mexiko"),
            ("es", "calidad", "Calidad del servicio"),
            ("en", "mex", "Mexico"),
        ]:
            doc = suggest(api, typed, language=language)
            entities = [r["label"] for r in doc["results"] if r["kind"] in ("country", "priority_area")]
            assert entities[:1] == [label], (language, typed, doc)

    def test_without_a_language_the_api_language_from_accept_language(self, api):
        doc = api.get(SUGGEST, {"q": "mex"}, HTTP_ACCEPT_LANGUAGE="fr").json()
        country = next(r for r in doc["results"] if r["kind"] == "country")
        assert (country["label"], country["url"]) == ("Mexique", f"{SERVER}/fr/countries/MX/")
        assert api.get(SUGGEST, {"q": "mex"}).json()["results"][0]["label"] == "Mexico"

    def test_drafts_are_suggested_to_editors_only(self, api, api_editor):
        Practice.objects.filter(title=UNIVERSAL_PENSION).update(status=Status.DRAFT)
        assert UNIVERSAL_PENSION not in labels(suggest(api, "pen"))
        assert UNIVERSAL_PENSION in labels(suggest(authenticate(api, api_editor), "pen"))

    def test_an_entity_is_suggested_once_it_has_a_practice_and_after_the_write_that_gave_it_one(self, api):
        institution = InstitutionFactory(name="Penguin Welfare Office", acronym="")
        assert "Penguin Welfare Office" not in labels(suggest(api, "pen"))  # no practice yet
        PracticeFactory(institution=institution, title="Ice floe benefits", competition=None)
        assert labels(suggest(api, "pen"))[:2] == ["Bank Employees' Pension Fund", "Penguin Welfare Office"]


@pytest.mark.usefixtures("catalogue", "no_cache")
def test_a_fixed_number_of_queries_and_the_entities_read_once_per_content_version(
    api, django_assert_num_queries
):
    # The content version and the practices (two queries), and once per content version the
    # countries, areas and institutions.
    with django_assert_num_queries(5):
        suggest(api, "pen")
    with django_assert_num_queries(2):
        suggest(api, "social se")
    # The entities' pages are in the language asked for: read once per language too.
    with django_assert_num_queries(5):
        suggest(api, "pen", language="es")
    with django_assert_num_queries(2):
        suggest(api, "pen", language="es")
    cache.clear()
    with django_assert_num_queries(5):
        suggest(api, "pen")


@pytest.mark.django_db
class TestStrictInput:
    def test_q_longer_than_200_characters_is_a_400_naming_it(self, api):
        response = api.get(SUGGEST, {"q": "p" * 201})
        assert response.status_code == 400
        assert response.json() == {"q": ["At most 200 characters are allowed (it has 201)."]}
        assert api.get(SUGGEST, {"q": "p" * 200}).status_code == 200

    def test_an_unknown_language_is_a_400_listing_the_languages(self, api):
        response = api.get(SUGGEST, {"q": "pen", "language": "pt"})
        assert response.status_code == 400
        assert response.json() == {"language": ["Unknown value 'pt'. Allowed: en, es, fr, de."]}


@pytest.mark.usefixtures("catalogue")
class TestPrefixMatching:
    """catalogue.search.matching(prefix=True), as both databases answer it."""

    def titles(self, text):
        ids = matching(parse(text).required, "title", prefix=True)
        return sorted(Practice.objects.filter(pk__in=ids).values_list("title", flat=True))

    def test_the_last_word_is_a_start_as_typed_and_as_its_term(self):
        assert self.titles("pen") == sorted(PENSION_PRACTICES)
        assert self.titles("pensions") == sorted(PENSION_PRACTICES)
        assert self.titles("retirees and pen") == [
            "National historical reparation programme for retirees and pensioners",
            "The DeportISSSTE programme for retirees and pensioners",
        ]

    def test_only_the_last_word_is_a_start(self):
        assert self.titles("pen elderly") == []
        assert self.titles("elderly pen") == [UNIVERSAL_PENSION]

    def test_a_phrase_ends_in_a_start(self):
        assert self.titles('"universal pen') == [UNIVERSAL_PENSION]
        assert self.titles('"pension universal"') == []

    def test_without_prefix_a_start_is_not_a_word(self):
        assert list(Practice.objects.filter(pk__in=matching(parse("pen").required, "title"))) == []
