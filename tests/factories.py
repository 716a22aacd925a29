"""factory_boy factories for every model, for unit tests (fidelity tests use the real fixtures)."""

import string

import factory
from factory.django import DjangoModelFactory

from awards.models import AwardTier, Competition, PriorityArea
from catalogue.choices import Outcome, Status
from catalogue.models import Institution, Practice, SourceDocument
from regions.models import Country, LiaisonOffice, Region


def _country_code(n):
    """AA, AB, ... ZZ: 676 distinct ISO-shaped codes, enough for any test."""
    letters = string.ascii_uppercase
    return letters[(n // 26) % 26] + letters[n % 26]


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    slug = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Region {n}")
    position = factory.Sequence(lambda n: n)


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country

    code = factory.Sequence(_country_code)
    name = factory.Sequence(lambda n: f"Country {n}")
    region = factory.SubFactory(RegionFactory)


class SourceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = SourceDocument

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    publisher = "International Social Security Association"
    year = 2017
    language = "en"
    path = factory.Sequence(lambda n: f"source-{n}.txt")


class LiaisonOfficeFactory(DjangoModelFactory):
    class Meta:
        model = LiaisonOffice
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"liaison-office-{n}")
    name = factory.Sequence(lambda n: f"Liaison Office {n}")
    region = factory.SubFactory(RegionFactory)
    population = 100_000_000
    social_protection_share = "61.50"
    description = "A liaison office."
    source = factory.SubFactory(SourceDocumentFactory)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)


class PriorityAreaFactory(DjangoModelFactory):
    class Meta:
        model = PriorityArea

    slug = factory.Sequence(lambda n: f"priority-area-{n}")
    name = factory.Sequence(lambda n: f"Priority area {n}")
    triennium = "2017-2019"
    position = factory.Sequence(lambda n: n)


class AwardTierFactory(DjangoModelFactory):
    class Meta:
        model = AwardTier

    slug = factory.Sequence(lambda n: f"tier-{n}")
    name = factory.Sequence(lambda n: f"Tier {n}")
    rank = factory.Sequence(lambda n: n + 1)


class CompetitionFactory(DjangoModelFactory):
    class Meta:
        model = Competition
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"competition-{n}")
    name = factory.Sequence(lambda n: f"ISSA Good Practice Awards, competition {n}")
    programme = "ISSA Good Practice Awards"
    region = factory.SubFactory(RegionFactory)
    year = 2017
    triennium = "2017-2019"
    source = factory.SubFactory(SourceDocumentFactory)

    @factory.post_generation
    def priority_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.priority_areas.set(extracted)


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    slug = factory.Sequence(lambda n: f"institution-{n}")
    name = factory.Sequence(lambda n: f"Institution {n}")
    acronym = factory.Sequence(lambda n: f"I{n}")
    country = factory.SubFactory(CountryFactory)


class PracticeFactory(DjangoModelFactory):
    """A practice entered in a competition; pass priority_areas=[...] or get two new ones.

    The areas are added to the competition's scheme too, and a practice outside any competition gets
    none by default, so the practice passes the editors' rules (catalogue.services.validation).
    """

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"practice-{n}")
    title = factory.Sequence(lambda n: f"Practice {n}")
    institution = factory.SubFactory(InstitutionFactory)
    country = factory.Maybe(
        "institution",
        yes_declaration=factory.SelfAttribute("institution.country"),
        no_declaration=factory.SubFactory(CountryFactory),
    )
    competition = factory.SubFactory(CompetitionFactory)
    # Only an award entry (a practice in a competition) has a tier.
    tier = factory.Maybe("competition", yes_declaration=factory.SubFactory(AwardTierFactory))
    year = factory.LazyAttribute(lambda o: o.competition.year if o.competition else 2014)
    summary = "What the institution did.\n\n- One thing.\n- Another thing."
    jury_comment = "The jury liked it."
    status = Status.PUBLISHED
    outcome = Outcome.NOT_ASSESSED
    source = factory.Maybe(
        "competition",
        yes_declaration=factory.SelfAttribute("competition.source"),
        no_declaration=factory.SubFactory(SourceDocumentFactory),
    )
    source_position = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def priority_areas(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            areas = extracted
        else:
            areas = PriorityAreaFactory.create_batch(2) if self.competition is not None else []
        self.priority_areas.set(areas)
        if self.competition is not None and areas:
            self.competition.priority_areas.add(*areas)
