"""Reference rows named in the reader's language (regions/names.py), from CLDR and the .po files."""

import pytest
from django.utils import translation

from awards.models import AwardTier, PriorityArea
from regions.models import Country, Region
from regions.names import collation_key, country_name, display_name, sort_by_name
from regions.tests.factories import CountryFactory, RegionFactory

# (language, Mexico, Brazil, Americas, Service Quality, Certificate of merit)
NAMES = [
    ("en", "Mexico", "Brazil", "Americas", "Service Quality", "Certificate of merit"),
    ("es", "México", "Brasil", "Américas", "Calidad del servicio", "Certificado de mérito"),
    ("fr", "Mexique", "Brésil", "Amériques", "Qualité des services", "Certificat de mérite"),
    ("de", "Mexiko", "Brasilien", "Amerika", "Servicequalität", "Verdienstzertifikat"),
]


@pytest.mark.parametrize(("language", "mexico", "brazil", "americas", "area", "tier"), NAMES)
def test_the_catalogues_rows_in_each_language(catalogue, language, mexico, brazil, americas, area, tier):
    rows = [
        Country.objects.get(code="MX"),
        Country.objects.get(code="BR"),
        Region.objects.get(slug="americas"),
        PriorityArea.objects.get(slug="service-quality"),
        AwardTier.objects.get(slug="merit"),
    ]
    with translation.override(language):
        assert [row.display_name for row in rows] == [mexico, brazil, americas, area, tier]
    # An explicit language wins over the active one; the stored names stay English.
    assert [display_name(row, language) for row in rows] == [mexico, brazil, americas, area, tier]
    assert [row.name for row in rows] == [
        "Mexico",
        "Brazil",
        "Americas",
        "Service Quality",
        "Certificate of merit",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "es",
            ["Premio", "Certificado de mérito con mención especial", "Certificado de mérito", "Constancia"],
        ),
        ("fr", ["Prix", "Certificat de mérite avec mention spéciale", "Certificat de mérite", "Attestation"]),
        (
            "de",
            ["Preis", "Verdienstzertifikat mit besonderer Erwähnung", "Verdienstzertifikat", "Bescheinigung"],
        ),
    ],
)
def test_every_tier_region_and_area_is_translated(catalogue, language, expected):
    with translation.override(language):
        assert [tier.display_name for tier in AwardTier.objects.order_by("rank")] == expected
        areas = {area.display_name for area in PriorityArea.objects.all()}
        regions = {region.display_name for region in Region.objects.all()}
    assert len(areas) == 12 and not areas & set(PriorityArea.objects.values_list("name", flat=True))
    # Europe and Attestation are also French words; every other name changes.
    assert regions & set(Region.objects.values_list("name", flat=True)) <= {"Europe"}


def test_a_name_the_locale_data_lacks_is_the_stored_one(db):
    region = RegionFactory(slug="arctic", name="Arctic")
    country = CountryFactory(code="XY", name="Exampleland", region=region)
    with translation.override("de"):
        assert (region.display_name, country.display_name) == ("Arctic", "Exampleland")
    assert country_name("XY", "Exampleland", "fr") == "Exampleland"
    assert country_name("MX", "Mexico", "xx") == "Mexico"


def test_names_come_from_memory_not_queries(catalogue, django_assert_num_queries):
    rows = [*Country.objects.select_related("region"), *PriorityArea.objects.all(), *AwardTier.objects.all()]
    with django_assert_num_queries(0), translation.override("fr"):
        names = [row.display_name for row in rows] + [row.region.display_name for row in rows[:3]]
    assert "États-Unis" in names and "Qualité des services" in names


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
