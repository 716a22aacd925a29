"""Every reference row of the catalogue named in each language (regions/names.py): CLDR for the
countries, the .po files for the ISSA's regions, priority areas and tiers, with no query."""

import pytest
from django.utils import translation

from awards.models import AwardTier, PriorityArea
from regions.models import Country, Region
from regions.names import display_name

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


def test_names_come_from_memory_not_queries(catalogue, django_assert_num_queries):
    rows = [*Country.objects.select_related("region"), *PriorityArea.objects.all(), *AwardTier.objects.all()]
    with django_assert_num_queries(0), translation.override("fr"):
        names = [row.display_name for row in rows] + [row.region.display_name for row in rows[:3]]
    assert "États-Unis" in names and "Qualité des services" in names
