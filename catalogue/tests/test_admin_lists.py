"""The editors' practice list and form stay usable at any size (issue 9).

At 100,000 practices and 1,500 institutions (`generate_synthetic`) Django's defaults would list every
institution in a filter and in the form, sort every row on each click and count the table twice.
These tests read the real catalogue: the institution box is an autocomplete that holds only the
chosen institution, the institution filter is typed into, the search is the public search, sorting
is limited to indexed columns, and each page runs a fixed number of queries.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import Institution, Practice
from regions.models import Country

CHANGELIST = reverse("admin:catalogue_practice_changelist")


def change_url(practice):
    return reverse("admin:catalogue_practice_change", args=[practice.pk])


def listed(client, query=""):
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200, query
    return [practice.slug for practice in response.context["cl"].result_list]


class SelectOptions(HTMLParser):
    """The <option>s of each <select> of a page, by the select's name: {name: [(value, text)]}."""

    def __init__(self, html):
        super().__init__()
        self.selects, self._select, self._option = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = self.selects.setdefault(attrs.get("name"), [])
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._select.append((self._option[0], self._option[1].strip()))
            self._option = None
        elif tag == "select":
            self._select = None


def filter_sidebar(html):
    match = re.search(r'<nav id="changelist-filter".*?</nav>', html, re.S)
    assert match, "the list has no filter sidebar"
    return match.group(0)


@pytest.mark.usefixtures("catalogue")
class TestTheChangeForm:
    def test_related_fields_are_autocompletes_holding_only_the_chosen_row(self, admin_client):
        practice = Practice.objects.get(slug="my-anses-mobile")
        response = admin_client.get(change_url(practice))
        assert response.status_code == 200
        form = response.context["adminform"].form
        for name in ("institution", "country", "competition", "tier", "source"):
            assert isinstance(form.fields[name].widget.widget, AutocompleteSelect), name

        options = SelectOptions(response.content.decode()).selects
        # The empty choice and the practice's own institution: none of the other 20.
        assert [text for _value, text in options["institution"] if text] == [
            "National Social Security Administration (ANSES)"
        ]
        assert [text for _value, text in options["country"] if text] == ["Argentina"]
        html = response.content.decode()
        assert "Social Insurance Bank" not in html
        assert 'data-field-name="institution"' in html

    def test_the_evidence_fieldset_lists_the_groups_and_holds_only_the_chosen_lineage(self, admin_client):
        puam = Practice.objects.get(slug="universal-pension-for-the-elderly")
        oas = Practice.objects.get(slug="old-age-security-guaranteed-income-supplement-automatic-enrolment")
        oas.adapted_from.add(puam)
        response = admin_client.get(change_url(oas))
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert isinstance(form.fields["adapted_from"].widget.widget, AutocompleteSelectMultiple)
        options = SelectOptions(response.content.decode()).selects
        # Of 68 practices, only the one it was adapted from is in the page.
        chosen = [text for _value, text in options["adapted_from"] if text]
        assert chosen == ["Universal pension for the elderly"]
        # The 21 target groups, the chosen one among them (a horizontal filter).
        assert len(options["target_groups"]) == 21
        html = response.content.decode()
        assert "Evidence" in html and 'class="selectfilter"' in html

    def test_the_list_filters_by_evidence_and_in_place(self, admin_client):
        assert sorted(listed(admin_client, "?evidence__exact=reported")) == [
            "formalizing-enterprises-and-workers-in-the-shared-economy-transporting",
            "imss-digital-mobile-application",
            "old-age-security-guaranteed-income-supplement-automatic-enrolment",
            "quality-in-the-provision-of-medication-at-the-ccss-quality-conformity-assessment",
        ]
        Practice.objects.filter(slug="my-anses-mobile").update(in_place=True)
        assert listed(admin_client, "?in_place__exact=1") == ["my-anses-mobile"]

    def test_editors_extend_the_target_groups(self, editor_client):
        from catalogue.models import TargetGroup

        response = editor_client.post(
            reverse("admin:catalogue_targetgroup_add"),
            {"slug": "domestic-workers", "name": "Domestic workers", "description": "", "position": 22},
        )
        assert response.status_code == 302, response.content[:2000]
        group = TargetGroup.objects.get(slug="domestic-workers")
        assert group.history.get().history_user.username == "edna"
        delete = reverse("admin:catalogue_targetgroup_delete", args=[group.pk])
        assert editor_client.get(delete).status_code == 403

    def test_typing_in_the_institution_box_finds_it_by_a_word_of_its_name(self, admin_client):
        fields = {"app_label": "catalogue", "model_name": "practice", "field_name": "institution"}
        response = admin_client.get(reverse("admin:autocomplete"), {**fields, "term": "prevision"})
        # Banco de Previsión Social, typed without its accent.
        assert [r["text"] for r in response.json()["results"]] == ["Social Insurance Bank (BPS)"]

    def test_the_form_runs_a_fixed_number_of_queries(self, admin_client, expected_queries):
        practice = Practice.objects.get(slug="my-anses-mobile")
        admin_client.get(change_url(practice))  # warm up: session, content types, permissions
        with expected_queries("admin practice change form"):
            response = admin_client.get(change_url(practice))
        assert response.status_code == 200


@pytest.mark.usefixtures("catalogue")
class TestTheInstitutionFilter:
    def test_the_sidebar_lists_no_institution_but_has_a_box_to_type_one(self, admin_client):
        html = admin_client.get(CHANGELIST).content.decode()
        sidebar = filter_sidebar(html)
        assert 'name="institution"' in sidebar
        assert "institution__id__exact" not in sidebar
        links = set(re.findall(r"<a [^>]*>([^<]*)</a>", sidebar))
        institutions = Institution.objects.all()
        assert links & ({str(i) for i in institutions} | {i.name for i in institutions}) == set()
        # The small tables are listed whole: all 18 countries of the catalogue, the 4 regions.
        assert "Uruguay" in sidebar and "Americas" in sidebar

    def test_words_of_the_name_acronym_or_original_name_find_the_institutions_practices(self, admin_client):
        # The Social Insurance Bank of Uruguay (BPS, Banco de Previsión Social) entered 11 practices.
        by_acronym = listed(admin_client, "?institution=bps")
        assert len(by_acronym) == 11
        assert "distance-training-via-videoconferencing" in by_acronym
        assert listed(admin_client, "?institution=prevision") == by_acronym
        assert listed(admin_client, "?institution=Social+Insurance+Bank") == by_acronym

    def test_a_slug_chooses_that_one_institution(self, admin_client):
        # Words would also match the "National Social Security Administration" of Argentina.
        response = admin_client.get(CHANGELIST + "?institution=social-security-administration")
        assert [p.slug for p in response.context["cl"].result_list] == ["video-service-delivery"]
        assert "Social Security Administration" in filter_sidebar(response.content.decode())

    def test_the_box_keeps_the_other_filters_and_the_search(self, admin_client):
        response = admin_client.get(CHANGELIST + "?country__id__exact=1&q=training&institution=bps")
        sidebar = filter_sidebar(response.content.decode())
        assert '<input type="hidden" name="q" value="training">' in sidebar
        assert '<input type="hidden" name="country__id__exact" value="1">' in sidebar

    def test_text_that_matches_no_institution_lists_nothing(self, admin_client):
        assert listed(admin_client, "?institution=zzz") == []

    def test_the_institution_list_links_to_its_practices(self, admin_client):
        html = admin_client.get(reverse("admin:catalogue_institution_changelist")).content.decode()
        assert f'href="{CHANGELIST}?institution=social-insurance-bank"' in html


@pytest.mark.usefixtures("catalogue")
class TestTheSearch:
    def test_a_word_of_the_title_finds_the_practice(self, admin_client):
        with CaptureQueriesContext(connection) as queries:
            found = listed(admin_client, "?q=videoconferencing")
        assert found == ["distance-training-via-videoconferencing"]
        # The public search's index (catalogue.search), not `icontains` on every field.
        conditions = [q["sql"].partition(" WHERE ")[2] for q in queries.captured_queries]
        index = "catalogue_searchentry" if connection.vendor == "postgresql" else "catalogue_searchentry_fts"
        assert any(index in condition for condition in conditions)
        assert not any("LIKE" in condition for condition in conditions)

    def test_accents_and_case_do_not_matter_and_a_slug_finds_its_practice(self, admin_client):
        assert listed(admin_client, "?q=MOVIL") == ["my-anses-mobile"]
        assert listed(admin_client, "?q=my-anses-mobile") == ["my-anses-mobile"]

    def test_a_search_matching_more_than_the_limit_says_so(self, admin_client, monkeypatch):
        practice_admin = admin.site._registry[Practice]
        monkeypatch.setattr(practice_admin, "search_count_limit", 3)
        monkeypatch.setattr(practice_admin, "list_per_page", 2)
        everything = listed(admin_client, "?q=social")
        assert len(everything) == 2
        response = admin_client.get(CHANGELIST + "?q=social&p=2")
        changelist = response.context["cl"]
        assert changelist.result_count == 3
        assert len(changelist.result_list) == 1
        messages = [str(m) for m in response.context["messages"]]
        assert messages == [
            "More than 3 practices match this search; the list shows the first 3. "
            "Add words or filters to narrow it."
        ]
        # Within the limit, the count is exact and nothing is said.
        monkeypatch.setattr(practice_admin, "search_count_limit", 1000)
        response = admin_client.get(CHANGELIST + "?q=videoconferencing")
        assert response.context["cl"].result_count == 1
        assert list(response.context["messages"]) == []

    def test_a_very_long_search_is_cut_with_a_warning(self, admin_client):
        response = admin_client.get(CHANGELIST, {"q": "videoconferencing " * 30})
        assert response.status_code == 200
        found = [p.slug for p in response.context["cl"].result_list]
        assert found == ["distance-training-via-videoconferencing"]
        assert [str(m) for m in response.context["messages"]] == [
            "Only the words within the first 200 characters of the search were used."
        ]


@pytest.mark.usefixtures("catalogue")
class TestSortingAndCounting:
    def test_only_title_and_year_sort(self, admin_client):
        html = admin_client.get(CHANGELIST).content.decode()
        assert re.search(r'<th scope="col" class="sortable[^"]*column-title', html)
        assert re.search(r'<th scope="col" class="sortable[^"]*column-year', html)
        for column in ("institution", "country", "tier", "status"):
            assert re.search(rf'<th scope="col" class="column-{column}', html), column

    def test_asking_for_another_column_keeps_the_default_order(self, admin_client):
        by_title = listed(admin_client)
        assert by_title[0] == "a-comprehensive-health-care-model"
        assert listed(admin_client, "?o=2") == by_title  # institution
        assert listed(admin_client, "?o=-3") == by_title  # country

    def test_sorting_by_year(self, admin_client):
        # 62 award entries of 2017, then the six national strategies of the 2014 workshop.
        newest_first = listed(admin_client, "?o=-6")
        years = [Practice.objects.get(slug=slug).year for slug in newest_first]
        assert years == [2017] * 62 + [2014] * 6

    def test_the_list_counts_the_filtered_rows_only(self, admin_client):
        uruguay = Country.objects.get(code="UY")
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(CHANGELIST + f"?country__id__exact={uruguay.pk}")
        counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        assert len(counts) == 1  # no second count of the whole table for "N total"
        # Uruguay's 16 entries: the Social Insurance Bank's 11, the Bank Employees' Pension Fund's 2
        # and the Catholic Workers' Circle's 3.
        assert response.context["cl"].result_count == 16

    def test_no_counts_per_filter_value(self, admin_client):
        # Django's "Show counts" would count every value of every filter again, one scan each.
        assert "Show counts" not in admin_client.get(CHANGELIST).content.decode()
        assert admin_client.get(CHANGELIST + "?_facets=True").context["cl"].add_facets is False

    def test_synthetic_practices_are_marked_in_a_column(self, admin_client):
        html = admin_client.get(CHANGELIST).content.decode()
        assert "column-synthetic" in html

    def test_searching_and_filtering_run_a_fixed_number_of_queries(self, admin_client, expected_queries):
        admin_client.get(CHANGELIST)
        with expected_queries("admin practice changelist, search"):
            admin_client.get(CHANGELIST + "?q=pension")
        with expected_queries("admin practice changelist, institution filter"):
            admin_client.get(CHANGELIST + "?institution=social-insurance-bank")
