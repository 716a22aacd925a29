"""Countries and regions named in the reader's language (regions/names.py), and the collation key.

The priority areas' and tiers' names are tested with the catalogue (catalogue/tests/test_reference_names.py).
"""

from django.utils import translation

from regions.models import Country
from regions.names import collation_key, country_name, display_name, sort_by_name
from regions.tests.factories import CountryFactory, RegionFactory


def test_a_name_the_locale_data_lacks_is_the_stored_one(db):
    region = RegionFactory(slug="arctic", name="Arctic")
    country = CountryFactory(code="XY", name="Exampleland", region=region)
    with translation.override("de"):
        assert (region.display_name, country.display_name) == ("Arctic", "Exampleland")
    assert country_name("XY", "Exampleland", "fr") == "Exampleland"
    assert country_name("MX", "Mexico", "xx") == "Mexico"


def test_german_sorts_umlauts_with_their_base_letter():
    names = ["Panama", "Österreich", "Oman", "Zypern", "Ägypten", "Albanien"]
    assert sorted(names, key=lambda n: collation_key(n, "de")) == [
        "Ägypten",
        "Albanien",
        "Oman",
        "Österreich",
        "Panama",
        "Zypern",
    ]
    # Byte order would put both after Zypern.
    assert sorted(names)[-2:] == ["Ägypten", "Österreich"]


def test_spanish_sorts_enye_after_n_and_accents_within_their_letter():
    names = ["Oro", "Ñandú", "Nube", "Perú", "Panamá", "Paraguay"]
    assert sorted(names, key=lambda n: collation_key(n, "es")) == [
        "Nube",
        "Ñandú",
        "Oro",
        "Panamá",
        "Paraguay",
        "Perú",
    ]


def test_the_catalogues_countries_sort_in_french(catalogue):
    countries = sort_by_name(Country.objects.all(), "fr")
    names = [display_name(c, "fr") for c in countries]
    # États-Unis among the E's (byte order puts É after every ASCII letter).
    assert names.index("Équateur") + 1 == names.index("États-Unis")
    assert names.index("États-Unis") < names.index("Guatemala")
    assert names[:3] == ["Argentine", "Belize", "Bolivie"]
