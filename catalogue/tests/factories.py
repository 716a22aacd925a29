"""factory_boy factories of source documents, institutions and practices, for unit tests (the tests
of fidelity to the sources use the real fixtures)."""

import factory
from factory.django import DjangoModelFactory

from awards.tests.factories import AwardTierFactory, CompetitionFactory, PriorityAreaFactory
from catalogue.choices import Outcome, Status
from catalogue.models import Institution, Practice, SourceDocument, TargetGroup
from regions.tests.factories import CountryFactory


class SourceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = SourceDocument

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    publisher = "International Social Security Association"
    year = 2017
    language = "en"
    path = factory.Sequence(lambda n: f"source-{n}.txt")


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
    none by default, so the practice passes the editors' rules (catalogue.services.validation). Its
    competition has a source document, which is the practice's source too.
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
    competition = factory.SubFactory(CompetitionFactory, source=factory.SubFactory(SourceDocumentFactory))
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


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup

    slug = factory.Sequence(lambda n: f"target-group-{n}")
    name = factory.Sequence(lambda n: f"Target group {n}")
    position = factory.Sequence(lambda n: n + 1)
