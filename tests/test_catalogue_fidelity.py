"""The loaded catalogue says what the source documents say.

Every expected value here was counted or copied by hand from the source texts under
fixtures/sources/ (mainly issa-good-practice-awards-americas-2017.en.txt, a copy of the seed
003_ab306eafde76e4b1.txt), never taken from the parser's output, so a parser that drifts from the
text fails these tests. Line numbers in comments are the competition text's.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from awards.models import AwardTier, Competition, PriorityArea
from catalogue.models import Institution, Practice, SourceDocument
from regions.models import Country, LiaisonOffice, Region

COMPETITION = "americas-2017"
COMPETITION_SOURCE = "issa-good-practice-awards-americas-2017"
WORKSHOP_SOURCE = "oas-ciss-workshop-mexico-city-2014"

# Short names for the 12 priority areas of 2017-2019 (slugs are public identifiers).
AW = "actuarial-work-for-social-security"
ASCE = "administrative-solutions-for-coverage-extension"
CSSA = "communication-by-social-security-administrations"
CCC = "contribution-collection-and-compliance"
GG = "good-governance"
ICT = "information-and-communication-technology"
ISSF = "investment-of-social-security-funds"
POR = "prevention-of-occupational-risks"
PSE = "promotion-of-sustainable-employment"
RWR = "return-to-work-and-reintegration"
SQ = "service-quality"
WHP = "workplace-health-promotion"

# The list under "ISSA Good Practice Awards priority areas 2017-2019" (lines 31-42), in order.
AREA_NAMES = [
    "Actuarial Work for Social Security",
    "Administrative Solutions for Coverage Extension",
    "Communication by Social Security Administrations",
    "Contribution Collection and Compliance",
    "Good Governance",
    "Information and Communication Technology",
    "Investment of Social Security Funds",
    "Prevention of Occupational Risks",
    "Promotion of Sustainable Employment",
    "Return to Work and Reintegration",
    "Service Quality",
    "Workplace Health Promotion",
]

# Entries per country, counted entry by entry under the four tier headings.
ENTRIES_PER_COUNTRY = {
    "UY": 16,
    "MX": 16,
    "AR": 13,
    "PE": 5,
    "CA": 3,
    "CL": 3,
    "CR": 3,
    "BR": 1,
    "GT": 1,
    "US": 1,
}

# Entries per priority area, counted on the 62 "Priority area(s):" lines. Nobody entered under
# Investment of Social Security Funds or Workplace Health Promotion (the "guidance manual on
# workplace health promotion" is entered under Prevention of Occupational Risks, line 297).
ENTRIES_PER_AREA = {
    AW: 2,
    ASCE: 18,
    CSSA: 18,
    CCC: 3,
    GG: 28,
    ICT: 28,
    ISSF: 0,
    POR: 5,
    PSE: 1,
    RWR: 4,
    SQ: 51,
    WHP: 0,
}

ENTRIES_PER_TIER = {"award": 1, "merit-special-mention": 11, "merit": 40, "attestation": 10}

# The 21 organizations, named as the entries' headers print them (apostrophes made straight),
# with their country and number of entries.
INSTITUTIONS = {
    "Social Insurance Bank": ("UY", 11),
    "Bank Employees' Pension Fund": ("UY", 2),
    "Catholic Workers' Circle of the Uruguay Mutual Fund": ("UY", 3),
    "National Social Security Administration": ("AR", 7),
    "Secretariat for Social Security": ("AR", 2),
    "Federal Administration of Public Resources": ("AR", 1),
    "Mutual Association for the Protection of the Family": ("AR", 2),
    "Superintendency of Occupational Risks": ("AR", 1),
    "Employment and Social Development Canada": ("CA", 2),
    "Saskatchewan Workers' Compensation Board": ("CA", 1),
    "Mutual for Safety CChC": ("CL", 1),
    "Superintendency of Social Security": ("CL", 1),
    "Chilean Safety Association": ("CL", 1),
    "Social Insurance Fund of Costa Rica": ("CR", 3),
    "Mexican Social Security Institute": ("MX", 4),
    "State Employees' Social Security and Social Services Institute": ("MX", 12),
    "Ministry of Finance \u2013 Secretariat for Social Insurance": ("BR", 1),
    "Social Security Institute of Guatemala": ("GT", 1),
    "Derrama Magisterial": ("PE", 2),
    "EsSalud \u2013 Social Health Insurance Institute": ("PE", 3),
    "Social Security Administration": ("US", 1),
}


@pytest.fixture
def catalogue(db):
    """The real catalogue, loaded from the committed fixtures into the test database."""
    call_command("load_catalogue", stdout=io.StringIO())


def entries():
    return Practice.objects.filter(competition__slug=COMPETITION)


# --- counts ---------------------------------------------------------------------------------------


def test_62_competition_entries(catalogue):
    assert entries().count() == 62


def test_entries_per_tier(catalogue):
    counts = dict(entries().values_list("tier__slug").annotate(n=Count("pk")))
    assert counts == ENTRIES_PER_TIER


def test_21_institutions(catalogue):
    assert Institution.objects.count() == 21
    assert entries().values("institution").distinct().count() == 21


def test_ten_countries_among_entries(catalogue):
    codes = set(entries().values_list("country__code", flat=True))
    assert codes == {"AR", "BR", "CA", "CL", "CR", "GT", "MX", "PE", "US", "UY"}


def test_entries_per_country(catalogue):
    counts = dict(entries().values_list("country__code").annotate(n=Count("pk")))
    assert counts == ENTRIES_PER_COUNTRY
    assert sum(counts.values()) == 62


def test_entries_per_priority_area(catalogue):
    counts = dict(
        PriorityArea.objects.annotate(
            n=Count("practices", filter=Q(practices__competition__slug=COMPETITION))
        ).values_list("slug", "n")
    )
    assert counts == ENTRIES_PER_AREA


def test_every_entry_has_at_least_one_priority_area(catalogue):
    assert not entries().annotate(n=Count("priority_areas")).filter(n=0).exists()


def test_institutions_their_countries_and_entries(catalogue):
    found = {
        i.name: (i.country.code, i.n)
        for i in Institution.objects.select_related("country").annotate(n=Count("practices"))
    }
    assert found == INSTITUTIONS


def test_each_entry_is_in_its_institutions_country(catalogue):
    assert not entries().exclude(country=F("institution__country")).exists()


def test_only_the_award_and_special_mentions_have_summaries_and_jury_comments(catalogue):
    # Lines 52-221 give a summary and a jury comment for the winner and the 11 special mentions;
    # the 40 certificates of merit and 10 attestations are listed without them.
    with_summary = entries().exclude(summary="")
    with_comment = entries().exclude(jury_comment="")
    assert with_summary.count() == 12
    assert set(with_summary.values_list("tier__slug", flat=True)) == {"award", "merit-special-mention"}
    assert set(with_comment) == set(with_summary)


def test_entries_keep_the_source_order(catalogue):
    positions = list(entries().order_by("source_position").values_list("source_position", "title"))
    assert [p for p, _ in positions] == list(range(1, 63))
    assert positions[0][1].startswith("Formalizing enterprises and workers")  # line 56
    assert positions[-1][1].startswith("A loan payment protection fund")  # line 528


# --- entries, field by field ----------------------------------------------------------------------

ENTRIES = [
    pytest.param(
        {
            "title": "Formalizing enterprises and workers in the shared economy (transporting passengers "
            "using mobile phone applications: Uber, Cabify, EasyGo)",
            "original_title": "",
            "institution": "Social Insurance Bank",
            "country": "UY",
            "tier": "award",
            "areas": {ASCE, CCC, SQ},
            "summary": "The 21st century advent in our country of the sharing economy",
            "jury_comment": "This is a highly prescient initiative",
        },
        id="award-winner",
    ),
    pytest.param(
        {
            "title": "My ANSES Mobile",
            "original_title": "Mi ANSES Móvil",
            "institution": "National Social Security Administration",
            "country": "AR",
            "tier": "merit",
            "areas": {ASCE, CSSA, ICT, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="my-anses-mobile",
    ),
    pytest.param(
        {
            "title": "Health technology assessment of medical equipment: An efficient decision-making tool",
            "original_title": "",
            "institution": "EsSalud \u2013 Social Health Insurance Institute",
            "country": "PE",
            "tier": "merit",
            "areas": {GG, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="title-over-two-paragraphs",
    ),
    pytest.param(
        {
            "title": "Technical Cooperation Project \u201cModernization of Social Security of "
            "Mozambique\u201d \u2013 Brazil and Mozambique",
            "original_title": "",
            "institution": "Ministry of Finance \u2013 Secretariat for Social Insurance",
            "country": "BR",
            "tier": "merit",
            "areas": {GG, ICT, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="brazil-mozambique-two-paragraphs",
    ),
    pytest.param(
        {
            "title": "Institutional training policies based on a development programme: Mechanisms for "
            "innovation and continuous improvement",
            "original_title": "",
            "institution": "Social Insurance Bank",
            "country": "UY",
            "tier": "merit",
            "areas": {CSSA, GG, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="bold-two-line-title",
    ),
    pytest.param(
        {
            "title": "Old Age Security/Guaranteed Income Supplement automatic enrolment",
            "original_title": "",
            "institution": "Employment and Social Development Canada",
            "country": "CA",
            "tier": "merit-special-mention",
            "areas": {ASCE, ICT, SQ},
            "summary": "The Old Age Security (OAS) program is the Government of Canada's largest pension",
            "jury_comment": "This good practice details an impressive array of service innovations",
        },
        id="esdc-automatic-enrolment",
    ),
    pytest.param(
        {
            "title": "A comprehensive health care model",
            "original_title": "",
            "institution": "Mutual for Safety CChC",
            "country": "CL",
            "tier": "merit-special-mention",
            "areas": {RWR, SQ},
            "summary": "Occupational accidents resulting in disability constitute a complex",
            "jury_comment": "This is an impressive return to work programme",
        },
        id="mais-bullet-list",
    ),
    pytest.param(
        {
            "title": "Calificación Tributaria (Contributor profiling system), a management tool based on "
            "contributor behaviour",
            "original_title": "",
            "institution": "Social Insurance Bank",
            "country": "UY",
            "tier": "merit-special-mention",
            "areas": {CCC, ICT},
            "summary": "The Social Insurance Bank (Banco de Previsión Social - BPS) has developed measures",
            "jury_comment": "This good practice is a creative way of encouraging compliance",
        },
        id="bps-profiling-bullet-list",
    ),
    pytest.param(
        {
            "title": "Universal pension for the elderly",
            "original_title": "",
            "institution": "Secretariat for Social Security",
            "country": "AR",
            "tier": "merit-special-mention",
            "areas": {ASCE},
            "summary": "The goal of the Universal Pension for the Elderly (Pensión Universal para el Adulto "
            "Mayor \u2013 PUAM) is to guarantee",
            "jury_comment": "This is a highly laudable initiative",
        },
        id="priority-area-singular",
    ),
    pytest.param(
        {
            "title": "A guidance manual on workplace health promotion",
            "original_title": "",
            "institution": "Chilean Safety Association",
            "country": "CL",
            "tier": "merit",
            "areas": {POR},
            "summary": "",
            "jury_comment": "",
        },
        id="singular-area-not-workplace-health-promotion",
    ),
    pytest.param(
        {
            # "(*monotributistas*)" is the source's word for "monotax contributors", not a title.
            "title": "Single portal for monotax contributors (monotributistas)",
            "original_title": "",
            "institution": "Federal Administration of Public Resources",
            "country": "AR",
            "tier": "merit",
            "areas": {ASCE, CCC, ICT, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="no-summary-lowercase-italic-term",
    ),
    pytest.param(
        {
            "title": "Implementation of a protocol system for day surgeries at the Catholic Workers' Circle "
            "of the Uruguay Mutual Fund of Uruguay (Círculo Católico de Obreros del Uruguay)",
            "original_title": "",
            "institution": "Catholic Workers' Circle of the Uruguay Mutual Fund",
            "country": "UY",
            "tier": "merit",
            "areas": {GG, ICT, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="italic-is-the-institutions-name",
    ),
    pytest.param(
        {
            "title": "A loan payment protection fund: An actuarial model to benefit teachers in the "
            "Peruvian education system",
            "original_title": "Fondo de Protección de Desgravamen",
            "institution": "Derrama Magisterial",
            "country": "PE",
            "tier": "attestation",
            "areas": {AW, SQ},
            "summary": "",
            "jury_comment": "",
        },
        id="peru-loan-payment-protection-fund",
    ),
    pytest.param(
        {
            "title": "Quality in the provision of medication at the CCSS: Quality conformity assessment "
            "programme to detect and reject counterfeit and/or non-compliant medicines through the "
            "creation and strengthening of the laboratory of medication standards and quality",
            "original_title": "Laboratorio de Normas y Calidad de Medicamentos \u2013 LNCM",
            "institution": "Social Insurance Fund of Costa Rica",
            "country": "CR",
            "tier": "merit-special-mention",
            "areas": {GG, SQ},
            "summary": "This good practice consists of verifying the origin and quality",
            "jury_comment": "This good practice innovates on a very important aspect",
        },
        id="costa-rica-medication-long-title",
    ),
    pytest.param(
        {
            "title": "New regulation on the assessment of occupational risks and disabilities",
            "original_title": "Reglamento para dictámenes en materia de riesgos de trabajo e invalidez",
            "institution": "State Employees' Social Security and Social Services Institute",
            "country": "MX",
            "tier": "merit-special-mention",
            "areas": {POR, SQ},
            "summary": "This good practice aims to streamline the administrative procedures",
            "jury_comment": "This is a laudable achievement",
        },
        id="state-employees-curly-apostrophe-header",
    ),
    pytest.param(
        {
            "title": 'The "February: Man\'s health" campaign',
            "original_title": "",
            "institution": "State Employees' Social Security and Social Services Institute",
            "country": "MX",
            "tier": "attestation",
            "areas": {CSSA, GG, POR},
            "summary": "",
            "jury_comment": "",
        },
        id="colon-inside-quoted-title",
    ),
]


@pytest.mark.parametrize("expected", ENTRIES)
def test_entry_field_by_field(catalogue, expected):
    practice = (
        entries().select_related("institution", "country", "tier", "source").get(title=expected["title"])
    )
    assert practice.original_title == expected["original_title"]
    assert practice.original_title_language == ("es" if expected["original_title"] else "")
    assert practice.institution.name == expected["institution"]
    assert practice.country.code == expected["country"]
    assert practice.tier.slug == expected["tier"]
    assert set(practice.priority_areas.values_list("slug", flat=True)) == expected["areas"]
    assert practice.summary.startswith(expected["summary"])
    assert bool(practice.summary) == bool(expected["summary"])
    assert practice.jury_comment.startswith(expected["jury_comment"])
    assert bool(practice.jury_comment) == bool(expected["jury_comment"])
    assert practice.year == 2017
    assert practice.source.slug == COMPETITION_SOURCE
    assert practice.status == "published"


def test_esdc_summary_is_mended_across_the_page_break(catalogue):
    # Lines 116-118: "...have enabled ESDC to" / blank line / "automatically enrol approximately...".
    summary = entries().get(title__startswith="Old Age Security/Guaranteed Income Supplement").summary
    paragraphs = summary.split("\n\n")
    assert len(paragraphs) == 2
    assert "have enabled ESDC to automatically enrol approximately 60 per cent" in paragraphs[1]
    assert paragraphs[1].endswith("starting in November 2017.")


def test_mais_summary_keeps_its_bullet_list(catalogue):
    # Lines 140-150: two paragraphs, a list of five items, a closing paragraph.
    summary = entries().get(title="A comprehensive health care model").summary
    paragraphs = summary.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].endswith("It tries to mitigate the impact of an occupational accident by:")
    assert paragraphs[2] == (
        "- increasing access to work opportunities;\n"
        "- developing personal skills;\n"
        "- providing protection;\n"
        "- creating spaces for inclusion and participation;\n"
        "- developing an inclusive national culture."
    )
    assert paragraphs[3].startswith("These measures will help reduce vulnerability")
    assert "(Modelo de Atención Integral en Salud \u2013 MAIS)" in paragraphs[1]


def test_bps_profiling_summary_keeps_its_bullet_list(catalogue):
    # Lines 208-219.
    summary = entries().get(title__startswith="Calificación Tributaria").summary
    paragraphs = summary.split("\n\n")
    assert paragraphs[-2] == "Key benefits:"
    items = paragraphs[-1].split("\n")
    assert len(items) == 4
    assert all(item.startswith("- ") for item in items)
    assert items[0].startswith("- efficient management, enabling targeted actions")
    assert items[-1] == "- optimized fiscal intelligence."


def test_italic_institution_name_goes_to_the_institution(catalogue):
    institution = Institution.objects.get(name="Catholic Workers' Circle of the Uruguay Mutual Fund")
    assert institution.original_name == "Círculo Católico de Obreros del Uruguay"
    assert institution.country.code == "UY"
    assert institution.practices.count() == 3


def test_singular_priority_area_entries(catalogue):
    # The four "Priority area:" lines (98, 291, 297, 482), each with one area.
    singular = {
        "Universal pension for the elderly": ASCE,
        "Return to work: A foundational approach to return to function": RWR,
        "A guidance manual on workplace health promotion": POR,
        "Consolidated procurement": GG,
    }
    for title, area in singular.items():
        practice = entries().get(title=title)
        assert list(practice.priority_areas.values_list("slug", flat=True)) == [area], title


# --- text cleaning --------------------------------------------------------------------------------


def test_no_emphasis_markers_are_left(catalogue):
    for practice in Practice.objects.all():
        for field in ("title", "original_title", "summary", "jury_comment"):
            assert "*" not in getattr(practice, field), (practice.slug, field)
    for institution in Institution.objects.all():
        assert "*" not in institution.name + institution.original_name
    competition = Competition.objects.get(slug=COMPETITION)
    assert "*" not in competition.jury
    assert "International Social Security Review" in competition.jury


def test_apostrophes_are_straight(catalogue):
    for institution in Institution.objects.all():
        assert "\u2019" not in institution.name
    for practice in Practice.objects.all():
        for field in ("title", "summary", "jury_comment"):
            assert "\u2019" not in getattr(practice, field), (practice.slug, field)
    # Line 307 prints "Costa Rica's" with a curly apostrophe (U+2019).
    assert (
        entries()
        .filter(
            title="The implementation of single digital health records across all three levels of "
            "Costa Rica's health care system"
        )
        .exists()
    )


def test_state_employees_institute_is_one_record_with_all_its_entries(catalogue):
    # The headers print "State Employees" with a curly apostrophe (U+2019) on lines 192 and 329 and
    # with a straight one on the ten others.
    institutes = Institution.objects.filter(name__contains="State Employee")
    assert institutes.count() == 1
    institute = institutes.get()
    assert institute.name == "State Employees' Social Security and Social Services Institute"
    assert institute.country.code == "MX"
    assert institute.practices.count() == 12
    tiers = dict(institute.practices.values_list("tier__slug").annotate(n=Count("pk")))
    assert tiers == {"merit-special-mention": 1, "merit": 4, "attestation": 7}


@pytest.mark.parametrize(
    ("acronym", "name", "country", "original_name"),
    [
        (
            "ANSES",
            "National Social Security Administration",
            "AR",
            "Administración Nacional de la Seguridad Social",
        ),
        ("BPS", "Social Insurance Bank", "UY", "Banco de Previsión Social"),
        ("IMSS", "Mexican Social Security Institute", "MX", "Instituto Mexicano del Seguro Social"),
        ("CCSS", "Social Insurance Fund of Costa Rica", "CR", "Caja Costarricense de Seguro Social"),
        ("ESDC", "Employment and Social Development Canada", "CA", ""),
    ],
)
def test_acronyms_are_on_the_right_institutions(catalogue, acronym, name, country, original_name):
    institution = Institution.objects.get(acronym=acronym)
    assert institution.name == name
    assert institution.country.code == country
    assert institution.original_name == original_name


def test_no_other_institution_has_an_acronym(catalogue):
    with_acronym = set(Institution.objects.exclude(acronym="").values_list("acronym", flat=True))
    assert with_acronym == {"ANSES", "BPS", "IMSS", "CCSS", "ESDC"}


# --- the workshop's strategies --------------------------------------------------------------------

WORKSHOP_STRATEGIES = [
    ("National Crusade against Hunger", "", "MX"),
    ("Prospera social inclusion program", "", "MX"),
    ("Brazil without Extreme Poverty plan", "", "BR"),
    ("National Strategy for Good Living", "", "EC"),
    ("Unidos Network", "Red Unidos", "CO"),
    ("National Strategy for Social Development and Inclusion: Inclusion for Growth", "", "PE"),
]


def test_workshop_strategies(catalogue):
    strategies = Practice.objects.filter(source__slug=WORKSHOP_SOURCE).order_by("source_position")
    found = [(p.title, p.original_title, p.country.code) for p in strategies]
    assert found == WORKSHOP_STRATEGIES
    for practice in strategies:
        assert practice.competition is None
        assert practice.tier is None
        assert practice.institution is None
        assert practice.year == 2014
        assert not practice.priority_areas.exists()
        assert practice.status == "published"
        assert "Highlighted by the OAS/CISS workshop (Mexico City, December 2014)" in practice.summary
    assert Practice.objects.count() == 62 + 6
    assert Practice.objects.filter(competition__isnull=True).count() == 6


def test_workshop_source_document(catalogue):
    source = SourceDocument.objects.get(slug=WORKSHOP_SOURCE)
    assert source.year == 2014
    assert source.path == "oas-ciss-workshop-mexico-city-2014.en.txt"
    assert "portfolio of best practices" in source.description


# --- the competition, tiers, regions, liaison offices ---------------------------------------------


def test_competition_and_its_reported_totals(catalogue):
    competition = Competition.objects.select_related("region", "source").get(slug=COMPETITION)
    assert competition.year == 2017
    assert competition.region.slug == "americas"
    assert competition.triennium == "2017-2019"
    assert competition.source.slug == COMPETITION_SOURCE
    # Line 46: "There were 62 entries from 21 organizations in 10 countries. [...] The Jury also gave
    # 51 Certificates of Merit, 11 of which received a special mention."
    assert (
        competition.reported_entries,
        competition.reported_organizations,
        competition.reported_countries,
        competition.reported_certificates_of_merit,
        competition.reported_special_mentions,
    ) == (62, 21, 10, 51, 11)
    assert competition.jury.startswith("For the 2017\u20132019 triennium, the Good Practice Award Jury")


def test_the_catalogue_agrees_with_the_reported_totals(catalogue):
    competition = Competition.objects.get(slug=COMPETITION)
    practices = competition.practices.all()
    assert practices.count() == competition.reported_entries
    assert practices.values("institution").distinct().count() == competition.reported_organizations
    assert practices.values("country").distinct().count() == competition.reported_countries
    merit = practices.filter(tier__slug__in=["merit", "merit-special-mention"])
    assert merit.count() == competition.reported_certificates_of_merit
    assert (
        practices.filter(tier__slug="merit-special-mention").count() == competition.reported_special_mentions
    )


def test_twelve_priority_areas_of_2017_2019(catalogue):
    areas = list(PriorityArea.objects.order_by("position"))
    assert [a.name for a in areas] == AREA_NAMES
    assert [a.slug for a in areas] == list(ENTRIES_PER_AREA)
    assert {a.triennium for a in areas} == {"2017-2019"}
    competition = Competition.objects.get(slug=COMPETITION)
    assert competition.priority_areas.count() == 12


def test_award_tiers(catalogue):
    tiers = list(AwardTier.objects.order_by("rank").values_list("slug", "rank"))
    assert tiers == [("award", 1), ("merit-special-mention", 2), ("merit", 3), ("attestation", 4)]


def test_regions_and_countries(catalogue):
    assert list(Region.objects.values_list("slug", flat=True)) == [
        "africa",
        "americas",
        "asia-and-the-pacific",
        "europe",
    ]
    # Every country a source names is in the Americas, with an upper-case ISO alpha-2 code.
    assert set(Country.objects.values_list("region__slug", flat=True)) == {"americas"}
    for code in Country.objects.values_list("code", flat=True):
        assert len(code) == 2 and code.isupper(), code
    assert Country.objects.get(code="UY").name == "Uruguay"
    assert Country.objects.get(code="US").name == "United States"


def test_andean_liaison_office(catalogue):
    office = LiaisonOffice.objects.select_related("region", "source").get(slug="andean-countries")
    # "Von den etwa 145 Millionen Einwohnern der Andenländer sind nur 32 Prozent dem Sozialschutz
    # unterstellt." (line 3 of the German page)
    assert office.population == 145_000_000
    assert office.social_protection_share == Decimal("32")
    assert office.language == "de"
    assert office.region.slug == "americas"
    assert office.source.slug == "issa-liaison-office-andean-countries"
    assert office.description.startswith("Das Verbindungsbüro der IVSS für die Andenländer fördert")
    assert "Instrumento andino de seguridad social" in office.description
    # The page lists no countries: the four members of the Andean Community are an editorial reading,
    # and the record says so.
    assert set(office.countries.values_list("code", flat=True)) == {"BO", "CO", "EC", "PE"}
    assert "does not list" in office.countries_basis


def test_north_and_central_america_liaison_office(catalogue):
    office = LiaisonOffice.objects.select_related("source").get(slug="north-and-central-america")
    # "With a population of about 550 million people" (line 18 of the English page); no share given.
    assert office.population == 550_000_000
    assert office.social_protection_share is None
    assert office.language == "en"
    assert office.source.slug == "issa-liaison-office-north-and-central-america"
    # The page's repeated navigation headings are not part of the description.
    assert office.description.startswith(
        "The ISSA Liaison Office for North and Central America promotes regional social security"
    )
    assert "Regional Structures" not in office.description
    assert "\u2019" not in office.description
    assert {"CA", "MX", "US"} <= set(office.countries.values_list("code", flat=True))
    assert "does not list" in office.countries_basis


def test_source_documents(catalogue):
    assert set(SourceDocument.objects.values_list("slug", "language")) == {
        ("issa-good-practice-awards-americas-2017", "en"),
        ("issa-liaison-office-andean-countries", "de"),
        ("issa-liaison-office-north-and-central-america", "en"),
        ("oas-ciss-workshop-mexico-city-2014", "en"),
        ("ilo-step-global-strategy-for-a-common-action", "en"),
    }
    assert SourceDocument.objects.get(slug=COMPETITION_SOURCE).year == 2017


def test_practice_slugs_are_unique_and_short(catalogue):
    slugs = list(Practice.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 68
    assert all(0 < len(slug) <= 80 for slug in slugs)
    assert Practice.objects.get(title="My ANSES Mobile").slug == "my-anses-mobile"
