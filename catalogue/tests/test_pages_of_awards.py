"""Pages of a priority area and of a competition, against the real catalogue.

From the competition results: "There were 62 entries from 21 organizations in 10 countries ...
the Award ... 51 Certificates of Merit, 11 of which received a special mention"; the entries
under the tier headings: 1, 11, 40 and 10. Service Quality is named by 51 entries: 13 of Mexico,
12 of Uruguay, 11 of Argentina; Workplace Health Promotion by none.
"""


import pytest

from catalogue.tests.pages import card_slugs, counts, get, section, text


@pytest.mark.usefixtures("catalogue")
class TestPriorityArea:
    def test_service_quality(self, client):
        html = get(client, "/priority-areas/service-quality/")
        page = text(html)
        assert "Service Quality" in page
        assert "A priority area of the ISSA Good Practice Awards, 2017-2019." in page
        assert "51 practices" in page
        assert "Page 1 of 3" in page
        countries = counts(section(html, "countries-heading"))
        assert countries["Mexico"] == 13 and countries["Uruguay"] == 12 and countries["Argentina"] == 11
        assert sum(countries.values()) == 51
        assert 'href="/competitions/americas-2017/"' in html
        assert 'href="/practices/?priority_area=service-quality"' in html

    def test_an_area_no_entry_named(self, client):
        html = get(client, "/priority-areas/workplace-health-promotion/")
        assert "0 practices" in text(html)
        assert card_slugs(html) == []

    def test_unknown_area(self, client):
        get(client, "/priority-areas/no-such-area/", status=404)


@pytest.mark.usefixtures("catalogue")
class TestCompetition:
    def test_americas_2017(self, client):
        html = get(client, "/competitions/americas-2017/")
        page = text(html)
        assert "ISSA Good Practice Awards, Americas 2017" in page
        jury = text(section(html, "jury-heading"))
        assert "Chairperson of the Editorial Board of the International Social Security Review" in jury
        assert "a social security specialist from the International Labour Office" in jury
        tiers = text(section(html, "tiers-heading"))
        assert "Award 1 1" in tiers
        assert "Certificate of merit with special mention 2 11" in tiers
        assert "Certificate of merit 3 40" in tiers
        assert "Attestation 4 10" in tiers
        totals = text(section(html, "totals-heading"))
        assert "Entries 62 62" in totals
        assert "Organizations 21 21" in totals
        assert "Countries 10 10" in totals
        assert "Certificates of merit (special mentions included) 51 51" in totals
        assert "Certificates of merit with special mention 11 11" in totals
        assert "differs" not in totals
        assert "62 practices" in page
        assert len(counts(section(html, "areas-heading"))) == 12

    def test_a_difference_is_flagged(self, client):
        from catalogue.models import Practice

        Practice.objects.filter(title="Video Service Delivery").update(status="withdrawn")
        totals = text(section(get(client, "/competitions/americas-2017/"), "totals-heading"))
        assert "Entries 62 61 differs" in totals
        assert "Certificates of merit (special mentions included) 51 50 differs" in totals
        assert "Organizations 21 20 differs" in totals  # the SSA had no other entry

    def test_unknown_competition(self, client):
        get(client, "/competitions/no-such-competition/", status=404)
