"""factory_boy factories of priority areas, award tiers and competitions, for unit tests."""

import factory
from factory.django import DjangoModelFactory

from awards.models import AwardTier, Competition, PriorityArea
from regions.tests.factories import RegionFactory


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
    # `source` (a catalogue.SourceDocument) is left empty here; catalogue's factories give one.

    @factory.post_generation
    def priority_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.priority_areas.set(extracted)
