"""generate_synthetic: exactly N marked practices, the same for a seed, real rows never touched."""

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from awards.models import Competition
from catalogue.models import Institution, Practice, SourceDocument
from catalogue.services import synthetic
from catalogue.services.validation import check_priority_areas
from regions.models import Country


def described(practices):
    """{slug: what a reader sees of it} of the synthetic practices."""
    rows = practices.filter(synthetic=True).select_related("institution", "country", "tier", "competition")
    return {
        p.slug: (
            p.title,
            p.original_title,
            p.institution.name if p.institution else None,
            p.country.code,
            p.year,
            p.tier.slug if p.tier else None,
            p.competition.name if p.competition else None,
            tuple(sorted(a.slug for a in p.priority_areas.all())),
            p.summary,
            p.outcome,
            p.evidence,
            (p.implementation_started, p.implementation_ended, p.in_place),
            tuple(sorted(g.slug for g in p.target_groups.all())),
            (p.beneficiaries_count, p.beneficiaries_year),
            p.results,
            p.challenges,
        )
        for p in rows.prefetch_related("priority_areas", "target_groups")
    }


def index(slug):
    return int(synthetic.SLUG.match(slug)["index"])


def test_a_slug_names_its_seed_and_index_with_or_without_a_title():
    assert synthetic.SLUG.match("syn12-000345-pension-advice").group("seed", "index") == ("12", "000345")
    assert synthetic.SLUG.match("syn12-000345").group("seed", "index") == ("12", "000345")
    assert synthetic.SLUG.match("syn12-0003456") is None
    assert synthetic.SLUG.match("my-anses-mobile") is None


def real_rows():
    return (
        list(Practice.objects.filter(synthetic=False).order_by("pk").values()),
        list(Institution.objects.order_by("pk").values()),
        list(Country.objects.order_by("pk").values()),
        list(Competition.objects.order_by("pk").values()),
    )


@pytest.mark.usefixtures("catalogue")
class TestSynchronise:
    def test_exactly_n_marked_rows_and_the_real_ones_untouched(self):
        before = real_rows()
        report = synthetic.synchronise(120, seed=5)
        assert (report.created, report.removed, report.total) == (120, 0, 120)
        made = Practice.objects.filter(synthetic=True)
        assert made.count() == 120 and Practice.objects.count() == 68 + 120
        assert all(slug.startswith("syn5-") for slug in made.values_list("slug", flat=True))
        assert set(made.values_list("source__slug", flat=True)) == {"synthetic-data"}
        assert not made.filter(institution__synthetic=False).exists()
        assert not made.filter(competition__synthetic=False).exists()
        assert not made.exclude(status="published").exists()
        # The real rows are as they were (new synthetic countries and institutions aside).
        practices, institutions, countries, competitions = real_rows()
        assert practices == before[0]
        assert [i for i in institutions if not i["synthetic"]] == before[1]
        assert [c for c in countries if not c["synthetic"]] == before[2]
        assert [c for c in competitions if not c["synthetic"]] == before[3]

    def test_the_same_practices_for_a_seed_however_they_are_reached(self):
        synthetic.synchronise(40, seed=2)
        forty = described(Practice.objects)
        synthetic.synchronise(0)
        synthetic.synchronise(15, seed=2)
        assert described(Practice.objects) == {s: d for s, d in forty.items() if index(s) <= 15}
        report = synthetic.synchronise(40, seed=2)
        assert (report.created, report.removed) == (25, 0)
        assert described(Practice.objects) == forty
        report = synthetic.synchronise(25, seed=2)
        assert (report.created, report.removed, report.total) == (0, 15, 25)
        assert described(Practice.objects) == {s: d for s, d in forty.items() if index(s) <= 25}

    def test_another_seed_replaces_them(self):
        synthetic.synchronise(20, seed=1)
        first = described(Practice.objects)
        report = synthetic.synchronise(20, seed=2)
        assert (report.created, report.removed, report.total) == (20, 20, 20)
        second = described(Practice.objects)
        assert all(slug.startswith("syn2-") for slug in second)
        assert {d[0] for d in first.values()} != {d[0] for d in second.values()}

    def test_zero_removes_every_synthetic_row(self, client):
        before = real_rows()
        synthetic.synchronise(80, seed=4)
        assert Country.objects.filter(synthetic=True).exists()
        report = synthetic.synchronise(0)
        assert (report.removed, report.total) == (80, 0)
        for model in (Practice, Institution, Country, Competition):
            assert not model.objects.filter(synthetic=True).exists(), model
        assert not SourceDocument.objects.filter(slug="synthetic-data").exists()
        assert real_rows() == before
        assert client.get("/api/v1/practices/").json()["count"] == 68

    def test_a_negative_number_is_refused(self):
        with pytest.raises(ValueError, match="whole numbers from 0"):
            synthetic.synchronise(-1)


@pytest.mark.usefixtures("catalogue")
class TestWhatTheyAreLike:
    @pytest.fixture(autouse=True)
    def _three_thousand(self, catalogue):
        synthetic.synchronise(3000, seed=9)
        self.made = Practice.objects.filter(synthetic=True)

    def test_they_pass_the_editors_rules(self):
        for practice in self.made.select_related("competition", "institution")[:300]:
            practice.full_clean()
            check_priority_areas(practice.competition, practice.priority_areas.all())

    def test_distributions(self):
        made = self.made
        years = set(made.values_list("year", flat=True))
        assert min(years) == 2010 and max(years) == 2026
        assert set(made.values_list("tier__slug", flat=True)) == {
            "award", "merit-special-mention", "merit", "attestation", None
        }  # fmt: skip
        entries = made.filter(competition__isnull=False).annotate(areas=Count("priority_areas"))
        assert set(entries.values_list("areas", flat=True)) == {1, 2, 3, 4}
        assert not made.filter(competition__isnull=True, priority_areas__isnull=False).exists()
        assert 0.70 < entries.count() / made.count() < 0.80
        countries = made.values("country").distinct().count()
        assert countries >= 60  # of 70; a few small ones may have no practice at this size
        assert set(made.values_list("country__region__slug", flat=True)) == {
            "africa", "americas", "asia-and-the-pacific", "europe"
        }  # fmt: skip
        institutions = made.exclude(institution=None).values("institution").distinct().count()
        assert 600 < institutions <= synthetic.INSTITUTIONS
        # A long tail: the busiest institution has many practices, most have a few.
        busiest = made.exclude(institution=None).values("institution").annotate(n=Count("pk")).order_by("-n")
        assert busiest[0]["n"] > 30 and busiest[institutions // 2]["n"] < 5
        spanish = made.exclude(original_title="")
        assert spanish.count() > 300
        assert set(spanish.values_list("original_title_language", flat=True)) == {"es"}
        assert len(set(made.values_list("outcome", flat=True))) == 4

    def test_evidence_distributions(self):
        made, total = self.made, self.made.count()
        evidence = dict(made.values_list("evidence").annotate(n=Count("pk")))
        assert set(evidence) == {"not-assessed", "reported", "monitored", "evaluated", "impact-evaluated"}
        assert evidence["not-assessed"] + evidence["reported"] > 0.75 * total
        assert evidence["evaluated"] + evidence["impact-evaluated"] < 0.12 * total
        groups = made.annotate(groups=Count("target_groups"))
        assert set(groups.values_list("groups", flat=True)) == {0, 1, 2, 3}
        # Every group of the vocabulary is used: the gap map and facets have data in each.
        assert made.values("target_groups").exclude(target_groups=None).distinct().count() == 21
        in_place = dict(made.values_list("in_place").annotate(n=Count("pk")))
        assert in_place[None] > 0.6 * total and in_place[True] > in_place[False] > 0
        # Only what a practice that ended has an end year; a count's year only with the count.
        assert not made.filter(implementation_ended__isnull=False).exclude(in_place=False).exists()
        assert not made.filter(beneficiaries_year__isnull=False, beneficiaries_count=None).exists()
        assert not made.filter(evidence="not-assessed").exclude(results="").exists()
        assert made.exclude(challenges="").count() > 0.1 * total

    def test_words_come_from_the_real_catalogue(self):
        real = Practice.objects.filter(synthetic=False)

        def vocabulary(texts):
            return {w.casefold() for text in texts for w in re.findall(r"\w+", text)}

        titles = vocabulary(real.values_list("title", flat=True))
        summaries = vocabulary(real.values_list("summary", flat=True))
        spanish = vocabulary(real.values_list("original_title", flat=True))
        for title, summary, original in self.made.values_list("title", "summary", "original_title")[:500]:
            assert vocabulary([title]) <= titles, title
            assert vocabulary([summary]) <= summaries
            assert vocabulary([original]) <= spanish, original


@pytest.mark.usefixtures("catalogue")
class TestTheyAreMarked:
    def test_on_the_pages_in_the_api_and_in_csv(self, client):
        synthetic.synchronise(5, seed=1)
        made = Practice.objects.filter(synthetic=True).first()
        real = Practice.objects.filter(synthetic=False).first()
        card_list = client.get(f"/practices/?country={made.country.code}&page_size=100").content.decode()
        assert "Synthetic test data" in card_list
        detail = client.get(made.get_absolute_url()).content.decode()
        assert "it describes nothing that happened" in detail
        # A real practice's page has no notice (a synthetic related practice keeps its own mark).
        real_detail = client.get(real.get_absolute_url()).content.decode()
        assert "it describes nothing that happened" not in real_detail
        assert client.get(f"/api/v1/practices/{made.slug}/").json()["synthetic"] is True
        assert client.get(f"/api/v1/practices/{real.slug}/").json()["synthetic"] is False
        exported = b"".join(client.get("/api/v1/practices/?format=csv").streaming_content).decode()
        rows = list(csv.DictReader(io.StringIO(exported)))
        assert {row["synthetic"] for row in rows if row["slug"].startswith("syn1-")} == {"true"}
        assert {row["synthetic"] for row in rows if not row["slug"].startswith("syn1-")} == {"false"}

    def test_a_cached_page_does_not_outlive_them(self, client):
        assert client.get("/api/v1/practices/").json()["count"] == 68
        synthetic.synchronise(7, seed=1)
        response = client.get("/api/v1/practices/")
        assert response["X-Cache"] == "miss" and response.json()["count"] == 75


@pytest.mark.usefixtures("catalogue")
class TestCommand:
    def test_reports_what_it_did(self):
        out, err = io.StringIO(), io.StringIO()
        call_command("generate_synthetic", practices=12, seed=3, stdout=out, stderr=err)
        assert re.match(r"12 synthetic practices \(seed 3\): 12 made, 0 removed, in [\d.]+ s", out.getvalue())
        assert "12/12 practices" in err.getvalue()  # the progress, a line a tenth off a terminal
        call_command("generate_synthetic", practices=0, stdout=out, stderr=err, verbosity=0)
        assert not Practice.objects.filter(synthetic=True).exists()

    def test_refuses_a_negative_number(self):
        with pytest.raises(CommandError, match="whole numbers from 0"):
            call_command("generate_synthetic", practices=-5)


@pytest.mark.django_db
def test_without_the_catalogue_it_says_what_to_load_first():
    # An empty database: no regions, tiers or priority areas for synthetic practices to use.
    with pytest.raises(CommandError, match=r"The catalogue lacks regions: africa, .*load_catalogue"):
        call_command("generate_synthetic", practices=3, verbosity=0)
    assert not Practice.objects.exists()
