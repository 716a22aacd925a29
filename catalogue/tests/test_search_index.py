"""The search index follows every write: each practice's entry holds the terms of its current texts
and the vocabulary counts exactly the practices holding each term, on SQLite and PostgreSQL."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from awards.models import AwardTier
from catalogue.models import NO_TIER_ORDER, Institution, Practice, SearchEntry, SearchTerm
from catalogue.querysets import SEARCH_ORDERING
from catalogue.services import search_index, synthetic
from common.analysis import indexed

from .fixtures import authenticate


def found(text):
    return set(Practice.objects.search(text).values_list("slug", flat=True))


def expected_index():
    """The entries and counts a fresh analysis of every practice gives."""
    entries, counts = {}, Counter()
    for practice in Practice.objects.select_related("institution", "tier"):
        institution = practice.institution
        names = (institution.name, institution.acronym, institution.original_name) if institution else ()
        entry = (
            indexed(practice.title, practice.original_title),
            indexed(*names),
            indexed(
                practice.summary,
                practice.jury_comment,
                practice.results,
                practice.lessons,
                practice.challenges,
            ),
        )
        entries[practice.pk] = (*entry, practice.tier.rank if practice.tier else NO_TIER_ORDER, practice.year)
        counts.update({*" ".join(entry).split()})
    return entries, counts


def assert_index_current():
    entries, counts = expected_index()
    stored = {e.pk: (e.title, e.institution, e.body, e.tier_order, e.year) for e in SearchEntry.objects.all()}
    assert stored == entries
    assert dict(SearchTerm.objects.values_list("term", "practices")) == dict(counts)


@pytest.mark.usefixtures("catalogue")
class TestTheIndexFollowsWrites:
    def test_after_loading_the_catalogue(self):
        assert SearchEntry.objects.count() == Practice.objects.count() == 68
        assert_index_current()
        # The words the texts write a term with.
        assert set(SearchTerm.objects.get(term="pension").words.split()) == {
            "pension", "pensions", "pensioner", "pensioners",
        }

    def test_results_lessons_and_challenges_are_searched(self):
        # Canada's automatic enrolment states its result: the source's words find it.
        assert "old-age-security-guaranteed-income-supplement-automatic-enrolment" in found("phases enrol")
        practice = Practice.objects.get(slug="my-anses-mobile")
        assert not found("quagmire") and not found("orthography")
        practice.lessons = "Avoid the quagmire of paper forms."
        practice.challenges = "Orthography of names in the registry."
        practice.save()
        assert found("quagmire") == found("orthography") == {"my-anses-mobile"}
        assert_index_current()

    def test_a_practice_saved(self):
        practice = Practice.objects.get(slug="my-anses-mobile")
        assert "my-anses-mobile" not in found("telemedicine retirees")
        practice.summary = "Telemedicine for retirees in the provinces."
        practice.save()
        assert found("telemedicine retirees") == {"my-anses-mobile"}
        assert_index_current()

    def test_an_institution_renamed(self):
        institution = Institution.objects.get(acronym="ANSES")
        institution.name = "Instituto Ñandutí de Previsión"
        institution.save()
        # ANSES's seven: one special mention, five merits, one attestation.
        assert found("NANDUTI") == set(institution.practices.values_list("slug", flat=True))
        assert len(found("nanduti")) == 7
        assert_index_current()

    def test_a_practice_moved_to_another_tier_and_year(self):
        practice = Practice.objects.get(slug="my-anses-mobile")
        practice.tier = AwardTier.objects.get(slug="award")
        practice.year = 2015
        practice.save()
        assert SearchEntry.objects.values_list("tier_order", "year").get(pk=practice.pk) == (1, 2015)
        assert_index_current()

    def test_a_tier_ranked_anew(self):
        """The tiers' ranks order the entries: a new rank reaches every entry of the tier."""
        tiers = {tier.slug: tier for tier in AwardTier.objects.all()}
        with transaction.atomic():  # ranks are unique: swap through a free one
            for slug, rank in (("award", 9), ("merit", 1), ("award", 3)):
                tiers[slug].rank = rank
                tiers[slug].save()
        merit = set(Practice.objects.filter(tier__slug="merit").values_list("pk", flat=True))
        assert merit and set(SearchEntry.objects.filter(tier_order=1).values_list("pk", flat=True)) == merit
        assert_index_current()

    def test_a_practice_deleted(self):
        before = SearchTerm.objects.get(term="eyeglass").practices
        Practice.objects.get(slug__startswith="managing-eyeglass").delete()
        assert found("eyeglasses") == set()
        assert not SearchTerm.objects.filter(term="eyeglass").exists() and before == 1
        assert_index_current()

    def test_an_api_write(self, api, api_editor):
        editor_api = authenticate(api, api_editor)
        response = editor_api.patch(
            "/api/v1/practices/my-anses-mobile/", {"title": "Mi ANSES: pagos en el teléfono"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert found("pago telefonos") == {"my-anses-mobile"}
        assert_index_current()

    def test_synthetic_practices_come_and_go(self):
        synthetic.synchronise(30, seed=3)
        assert SearchEntry.objects.count() == 98
        assert_index_current()
        synthetic.synchronise(0, seed=3)
        assert SearchEntry.objects.count() == 68
        assert_index_current()

    def test_rebuilt_by_the_command(self):
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        assert found("pension") == set()
        call_command("rebuild_search_index", verbosity=0)
        assert len(found("pension")) == 10
        assert_index_current()

    def test_index_is_the_service_writes_use(self):
        """index() of practices whose entries are current writes the same rows again."""
        search_index.index(Practice.objects.values_list("pk", flat=True))
        assert_index_current()


@pytest.mark.usefixtures("catalogue")
def test_searches_read_the_full_text_indexes():
    """The columns searches match on are those the indexes of migration 0016 are made of: the
    GIN indexes on PostgreSQL (which can read them: a 68-row table would be scanned otherwise, so
    the other ways are switched off), the FTS5 table on SQLite.

    On PostgreSQL the search's match reads the whole document's index, and its ranks the entry's
    stored title and institution vectors on the rows it found; a page read a rank at a time
    (page_rows) finds each rank's rows through the full-text indexes."""
    practices = Practice.objects.search("pension").order_by(*SEARCH_ORDERING)
    with CaptureQueriesContext(connection) as captured:
        assert len(practices.page_rows(0, 20)) == 10
    statements = [practices.query.sql_with_params(), (captured.captured_queries[0]["sql"], ())]
    plans = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_indexscan = off")
                cursor.execute("EXPLAIN " + sql, params)
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plans.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
    search, ranked = plans
    if connection.vendor == "postgresql":
        assert search.count("Bitmap Index Scan on searchentry_document") == 1, search
        # Which of the three GIN indexes a rank starts from is the planner's choice (it depends on
        # the statistics); none is read by scanning the entries.
        assert "Bitmap Index Scan on searchentry_" in ranked, ranked
        assert "Seq Scan on catalogue_searchentry" not in ranked, ranked
    else:
        # The match, the title's and the institution's.
        assert search.count("SCAN catalogue_searchentry_fts VIRTUAL TABLE INDEX") == 3, search
        assert "SCAN catalogue_searchentry_fts VIRTUAL TABLE INDEX" in ranked, ranked
