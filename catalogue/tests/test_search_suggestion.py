"""A search that finds nothing because of a typo offers the corrected search, on the list page and
in the API, only when the correction finds practices with the same other filters."""

import pytest

TELEMEDICINE = "telemedicine-an-effective-tool-for-technology-transfer-and-personalized-medical"


@pytest.mark.usefixtures("catalogue", "no_cache")
class TestDidYouMean:
    def test_the_page_offers_the_correction(self, client):
        html = client.get("/practices/", {"search": "Telemedecine", "ordering": "year"}).content.decode()
        assert "No practices match this view." in html
        assert (
            '<p class="suggestion" id="search-suggestion">Did you mean '
            '<a href="/practices/?search=Telemedicine&amp;ordering=year">Telemedicine</a>?</p>'
        ) in html
        # The link leads to the practice.
        assert TELEMEDICINE in client.get("/practices/?search=Telemedicine&ordering=year").content.decode()

    def test_no_correction_when_the_other_filters_exclude_it(self, client, api):
        # The telemedicine practice is Peru's.
        html = client.get("/practices/", {"search": "telemedecine", "country": "UY"}).content.decode()
        assert "No practices match this view." in html and "Did you mean" not in html
        data = api.get("/api/v1/practices/", {"search": "telemedecine", "country": "UY"}).json()
        assert data["count"] == 0 and data["suggestion"] is None
        data = api.get("/api/v1/practices/", {"search": "telemedecine", "country": "PE"}).json()
        assert data["suggestion"] == "telemedicine"

    def test_none_when_something_matched_or_nothing_is_near(self, api):
        assert api.get("/api/v1/practices/", {"search": "telemedicine"}).json()["suggestion"] is None
        assert api.get("/api/v1/practices/", {"search": "xqzwv"}).json()["suggestion"] is None
        assert "suggestion" not in api.get("/api/v1/practices/").json()

    def test_what_it_costs(self, api, django_assert_num_queries):
        # The content version; the corrected search's EXISTS. The count (it finds nothing: no page
        # is read) and the vocabulary are computed once per content version, by the first request.
        api.get("/api/v1/practices/", {"search": "pensoin"})
        with django_assert_num_queries(2):
            data = api.get("/api/v1/practices/", {"search": "pensoin"}).json()
        assert data["suggestion"] == "pension"


@pytest.mark.usefixtures("catalogue", "no_cache")
def test_french_puts_its_space_before_the_question_mark(client):
    html = client.get("/fr/practices/", {"search": "Telemedecine", "ordering": "year"}).content.decode()
    assert "Vouliez-vous dire <a " in html and "</a>\u00a0?</p>" in html
