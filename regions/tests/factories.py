"""factory_boy factories of regions, countries and liaison offices, for unit tests."""

import string

import factory
from factory.django import DjangoModelFactory

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
    # `source` (a catalogue.SourceDocument) is left empty: this app's tests know no catalogue.

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)
