"""Related practices come from what the practices say (catalogue.similarity, PracticeQuerySet.related_to):
checked on the 68 real practices, whose texts were read to say which belong together, and the same
on SQLite and PostgreSQL (the weights are whole numbers, the terms the same on both)."""

import pytest

from catalogue.choices import Status
from catalogue.models import Practice
from catalogue.similarity import MAX_TERMS, distinctive_terms

from .pages import card_slugs, get, section

UNIVERSAL_PENSION = "universal-pension-for-the-elderly"
MEDICATION = "quality-in-the-provision-of-medication-at-the-ccss-quality-conformity-assessment"
STRATEGIES = [
    "national-crusade-against-hunger",
    "prospera-social-inclusion-program",
    "brazil-without-extreme-poverty-plan",
    "national-strategy-for-good-living",
    "unidos-network",
    "national-strategy-for-social-development-and-inclusion-inclusion-for-growth",
]


def related(slug):
    practice = Practice.objects.for_detail().get(slug=slug)
    return [p.slug for p in Practice.objects.published().for_list().related_to(practice)]


@pytest.mark.usefixtures("catalogue")
class TestRelatedByContent:
    def test_the_universal_pension_relates_to_pensions_and_old_age(self):
        slugs = related(UNIVERSAL_PENSION)
        # Retirees and pensioners in the title; then Canada's Old Age Security pension, then its
        # policy on the OAS and the Canada Pension Plan ("public pensions programs"), whose summaries
        # speak of old age, seniors, retirement and pensions.
        assert slugs[:3] == [
            "national-historical-reparation-programme-for-retirees-and-pensioners",
            "old-age-security-guaranteed-income-supplement-automatic-enrolment",
            "policy-framework-for-the-collection-and-use-of-publicly-available-personal",
        ]
        # Then the elderly and the two other pensions in a title; none of them shares its only
        # priority area, so areas alone would not have found the last three.
        assert slugs[3:] == [
            "training-informal-caregivers-for-frail-elderly-persons-and-persons-with-dementia",
            "improving-the-pension-survivors-verification-programme-of-the-mexican-social",
            "managing-the-pensions-advisory-service-fostering-a-culture-of-pension-awareness",
        ]

    def test_medicines_relate_to_health_care(self):
        slugs = related(MEDICATION)
        # The same institution's information service on medicine quality, far ahead.
        assert slugs[0] == "implementing-a-specialized-information-service-on-medicine-quality-for-the"
        health = {
            "medical-assessment-system-for-patients-with-disabling-diseases",
            "health-technology-assessment-of-medical-equipment-an-efficient-decision-making",
            "the-implementation-of-single-digital-health-records-across-all-three-levels-of",
        }
        # Among the next five, with the practices that share its "quality" and "assessment" (the
        # results and lessons of four practices, in the search body, weigh on how rare a word is).
        assert health <= set(slugs[1:6])
        assert UNIVERSAL_PENSION not in slugs

    def test_a_national_strategy_relates_to_the_other_strategies_first(self):
        # The six strategies of the 2014 workshop share neither area nor institution, only words.
        for slug in STRATEGIES:
            assert sorted(related(slug)[:5]) == sorted(s for s in STRATEGIES if s != slug), slug

    def test_equal_content_goes_to_shared_areas_then_to_the_same_institution(self):
        # "Distance training via videoconferencing" (Social Insurance Bank; communication, good
        # governance, ICT, service quality) is distinctive by "training" alone, which four titles
        # hold: the two sharing three areas first, the bank's own before the other; then two areas.
        assert related("distance-training-via-videoconferencing")[:4] == [
            "institutional-training-policies-based-on-a-development-programme-mechanisms-for",
            "lifelong-training-a-path-to-safety-labour-culture-and-service-quality",
            "education-and-training-to-develop-low-cost-support-products",
            "training-informal-caregivers-for-frail-elderly-persons-and-persons-with-dementia",
        ]

    def test_only_visible_practices_and_never_the_practice_itself(self):
        first = "national-historical-reparation-programme-for-retirees-and-pensioners"
        Practice.objects.filter(slug=first).update(status=Status.WITHDRAWN)
        slugs = related(UNIVERSAL_PENSION)
        assert first not in slugs
        assert UNIVERSAL_PENSION not in slugs
        assert slugs[0] == "old-age-security-guaranteed-income-supplement-automatic-enrolment"
        # A viewer who sees withdrawn practices sees it again.
        practice = Practice.objects.for_detail().get(slug=UNIVERSAL_PENSION)
        assert Practice.objects.all().related_to(practice)[0].slug == first

    def test_a_practice_with_no_distinctive_term_falls_back_to_areas_and_institution(self):
        # "Biometrics - My fingerprint": "biometrics" and "fingerprint" are its alone, "my" says
        # nothing. Its list is the one shared areas and the institution make.
        practice = Practice.objects.for_detail().get(slug="biometrics-my-fingerprint")
        visible = Practice.objects.published().for_list()
        slugs = [p.slug for p in visible.related_to(practice)]
        assert slugs == [p.slug for p in visible.related_by_facts(practice)]
        assert slugs[0] == "national-historical-reparation-programme-for-retirees-and-pensioners"

    def test_the_detail_page_shows_them(self, client):
        html = get(client, f"/practices/{UNIVERSAL_PENSION}/")
        assert card_slugs(section(html, "related-heading")) == related(UNIVERSAL_PENSION)

    def test_queries(self, django_assert_num_queries):
        practice = Practice.objects.for_detail().get(slug=UNIVERSAL_PENSION)
        # Its entry, its terms' frequencies, the ranking, the cards' priority areas.
        with django_assert_num_queries(4):
            assert len(list(Practice.objects.published().for_list().related_to(practice))) == 6


class TestDistinctiveTerms:
    FREQUENCIES = {"pension": 10, "elder": 5, "univers": 3, "social": 60, "once": 1, "both": 2, "age": 8}

    def test_rarer_terms_and_title_terms_weigh_more(self):
        terms = distinctive_terms("univers pension elder", "pension age age", self.FREQUENCIES, 100)
        assert list(terms) == ["univers", "pension", "elder", "age"]
        # A title's term said once outweighs a summary's term said twice.
        assert terms["elder"] > terms["age"]
        assert all(isinstance(weight, int) for weight in terms.values())

    def test_terms_of_nobody_else_of_everybody_and_function_words_are_left_out(self):
        terms = distinctive_terms("social pension", "once both", self.FREQUENCIES, 100)
        assert list(terms) == ["pension"]

    def test_at_most_max_terms_heaviest_first_then_alphabetical(self):
        words = [f"w{n:02d}" for n in range(30)]
        terms = distinctive_terms("", " ".join(words), dict.fromkeys(words, 4), 100)
        assert list(terms) == words[:MAX_TERMS]

    def test_the_terms_chosen_are_held_by_a_bounded_number_of_practices(self):
        # In a large catalogue a term held by thousands would make the ranking read them all.
        terms = distinctive_terms("rare common", "", {"rare": 20, "common": 2990}, 100_000)
        assert list(terms) == ["rare"]

    def test_nothing_to_go_on(self):
        assert distinctive_terms("", "", {}, 68) == {}
