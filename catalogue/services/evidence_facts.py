"""What the sources state of whom practices are for and how well they are known to work: the target
groups' vocabulary and, practice by practice, the evidence fields a source text supports.

Each value rests on a phrase quoted from a source: the builder (fixture_builder) fails when a phrase
is not in its text, so a fact cannot outlive the words it was read from. What no source states is
not here, and the practice keeps the empty value (no year, no count, unknown whether in place,
evidence "not-assessed"). Evidence levels follow catalogue/evidence.py: a result the institution
reports without a method is "reported"; a jury's praise alone is no evidence.
"""

from dataclasses import dataclass

from ..choices import Evidence

COMPETITION = "issa-good-practice-awards-americas-2017"
WORKSHOP = "oas-ciss-workshop-mexico-city-2014"
ILO_STEP = "ilo-step-global-strategy-for-a-common-action"
NORTH_AND_CENTRAL_AMERICA = "issa-liaison-office-north-and-central-america"


@dataclass(frozen=True)
class Group:
    """A target group, with the source that names it and its words there."""

    slug: str
    name: str
    description: str
    source: str
    quote: str


# In the order lists show them: people by stage of life, then by work, then by circumstance.
TARGET_GROUPS = (
    Group(
        "children-and-families",
        "Children and families",
        "Children, and the families who bear the cost of raising them.",
        ILO_STEP,
        "Children need financial support from society to help their families",
    ),
    Group(
        "young-people",
        "Young people",
        "Young people, in education or starting to work.",
        WORKSHOP,
        "institutions focused on children, youth and other groups",
    ),
    Group(
        "women",
        "Women",
        "Women, in maternity and wherever they are less covered than men.",
        ILO_STEP,
        "Women need special care and support when giving birth",
    ),
    Group(
        "older-persons",
        "Older persons",
        "People in old age: income security in retirement, care.",
        ILO_STEP,
        "Older people need income security",
    ),
    Group(
        "retirees-and-pensioners",
        "Retirees and pensioners",
        "People who draw a pension: retirees, and survivors and others with a pension.",
        COMPETITION,
        "retirees/pensioners",
    ),
    Group(
        "survivors",
        "Survivors",
        "Dependants of an insured person who died: widows, widowers, orphans.",
        ILO_STEP,
        "Dependents need to be protected in case of death of the breadwinner",
    ),
    Group(
        "persons-with-disabilities",
        "Persons with disabilities",
        "People with a disability or an incapacity for work, whatever its cause.",
        COMPETITION,
        "people with disabilities",
    ),
    Group(
        "injured-workers",
        "Workers injured at work",
        "Workers with an occupational accident or disease, and their return to work.",
        ILO_STEP,
        "employment injury",
    ),
    Group(
        "informal-economy-workers",
        "Informal-economy workers",
        "People working in the informal economy, outside social security's registers.",
        ILO_STEP,
        "informal economy workers",
    ),
    Group(
        "self-employed",
        "Self-employed",
        "People working on their own account, with no employer to contribute for them.",
        NORTH_AND_CENTRAL_AMERICA,
        "Coverage of the self-employed",
    ),
    Group(
        "workers-in-new-forms-of-work",
        "Workers in new forms of work",
        "People working through digital platforms and other new forms of employment.",
        NORTH_AND_CENTRAL_AMERICA,
        "persons working in new forms of work",
    ),
    Group(
        "migrant-workers",
        "Migrant workers",
        "People who work in another country or region than their own, and their benefits' portability.",
        ILO_STEP,
        "migrant workers",
    ),
    Group(
        "rural-workers",
        "Rural workers",
        "People working in agriculture and the countryside.",
        ILO_STEP,
        "rural workers",
    ),
    Group(
        "indigenous-peoples",
        "Indigenous peoples",
        "Indigenous communities and their members.",
        COMPETITION,
        "indigenous groups",
    ),
    Group(
        "people-in-poverty",
        "People living in poverty",
        "People and households in poverty or extreme poverty, whom social assistance targets.",
        WORKSHOP,
        "poverty-reduction strategies",
    ),
    Group(
        "people-affected-by-disasters",
        "People affected by disasters",
        "People whose lives a natural disaster disrupted.",
        COMPETITION,
        "people seriously affected by natural phenomena",
    ),
    Group(
        "patients",
        "Patients",
        "People receiving health care from a social security institution.",
        COMPETITION,
        "patients of the Social Insurance Fund of Costa Rica",
    ),
    Group(
        "informal-caregivers",
        "Informal caregivers",
        "Relatives and others who care for a dependent person without being paid for it.",
        COMPETITION,
        "informal caregivers",
    ),
    Group(
        "health-professionals",
        "Health professionals",
        "Doctors, nurses, pharmacists and others who provide care.",
        COMPETITION,
        "health professionals",
    ),
    Group(
        "teachers",
        "Teachers",
        "Teachers and others working in education.",
        COMPETITION,
        "teachers in the Peruvian education system",
    ),
    Group(
        "employers",
        "Employers",
        "Employers and enterprises, who contribute and whose workforce social security protects.",
        ILO_STEP,
        "Employers and enterprises also need social security",
    ),
)


@dataclass(frozen=True)
class Fact:
    """One field of one practice, with the phrase of the practice's text (title, summary or jury
    comment; with `of`, another practice's text) that states it."""

    field: str
    value: object
    quote: str
    of: str = ""


# Each practice's facts, by slug. `target_groups` is a list of slugs of TARGET_GROUPS.
PRACTICE_FACTS = {
    "formalizing-enterprises-and-workers-in-the-shared-economy-transporting": (
        Fact("target_groups", ["employers"], "Formalizing enterprises and workers in the shared economy"),
        Fact(
            "target_groups",
            ["workers-in-new-forms-of-work"],
            "protecting workers in the digital economy and the new forms of employment it offers",
        ),
        Fact("target_groups", ["informal-economy-workers"], "succeeded in formalizing these new activities"),
        Fact(
            "results",
            "The State-level strategy has succeeded in formalizing these new activities through "
            "inter-institutional coordination, modification and updating of legal regulations.",
            "has succeeded in formalizing these new activities through inter-institutional coordination",
        ),
        Fact("evidence", Evidence.REPORTED.value, "has succeeded in formalizing these new activities"),
    ),
    "national-historical-reparation-programme-for-retirees-and-pensioners": (
        Fact("target_groups", ["retirees-and-pensioners"], "retirees/pensioners to adjust their pensions"),
        Fact("target_groups", ["older-persons"], "provide the elderly with prompt, efficient service"),
        Fact(
            "implementation_started",
            2016,
            "the creation of the Historical Reparation Programme for Retirees and Pensioners, both "
            "contained in Act 27.260 and approved in June 2016",
            of="universal-pension-for-the-elderly",
        ),
    ),
    "doubling-the-social-security-benefits-of-natural-disaster-victims": (
        Fact(
            "target_groups",
            ["people-affected-by-disasters"],
            "thousands of people seriously affected by natural phenomena",
        ),
        Fact(
            "beneficiaries_note",
            "Thousands of people seriously affected by natural phenomena.",
            "to thousands of people seriously affected by natural phenomena",
        ),
    ),
    "universal-pension-for-the-elderly": (
        Fact("target_groups", ["older-persons"], "all persons over 65 who meet certain requirements"),
        Fact("implementation_started", 2016, "contained in Act 27.260 and approved in June 2016"),
    ),
    "old-age-security-guaranteed-income-supplement-automatic-enrolment": (
        Fact("target_groups", ["older-persons"], "provides eligible seniors with basic income in retirement"),
        Fact(
            "beneficiaries_note",
            "Approximately 60 per cent of all new OAS Pensioners, enrolled automatically.",
            "automatically enrol approximately 60 per cent of all new OAS Pensioners",
        ),
        Fact(
            "results",
            "The first two phases of the project have enabled ESDC to automatically enrol approximately "
            "60 per cent of all new OAS Pensioners.",
            "The first two phases of the project have been implemented and have enabled ESDC to "
            "automatically enrol approximately 60 per cent of all new OAS Pensioners.",
        ),
        Fact("evidence", Evidence.REPORTED.value, "approximately 60 per cent of all new OAS Pensioners"),
    ),
    "a-comprehensive-health-care-model": (
        Fact("target_groups", ["injured-workers"], "accident-disabled workers"),
        Fact(
            "target_groups", ["persons-with-disabilities"], "Occupational accidents resulting in disability"
        ),
    ),
    "automatic-generation-of-lists-of-beneficiaries-who-have-the-right-to-permanent": (
        Fact(
            "target_groups",
            ["people-in-poverty", "children-and-families"],
            "the most needy people and families",
        ),
        Fact("implementation_started", 2014, "Since 2014, a cash benefit allowance is paid"),
        Fact(
            "beneficiaries_note",
            "Millions of recipients, paid in March every year.",
            "paid to millions of recipients in the month of March of every year",
        ),
    ),
    "quality-in-the-provision-of-medication-at-the-ccss-quality-conformity-assessment": (
        Fact(
            "target_groups", ["patients"], "the medication received by patients of the Social Insurance Fund"
        ),
        Fact(
            "results",
            "Non-compliant medicines, risks, falsification and other quality flaws are actively detected, "
            "so that measures to guarantee the quality of the medication supplied can be taken.",
            "have made possible the active detection of non-compliant medicines, risks, falsification "
            "and other quality flaws",
        ),
        Fact(
            "evidence",
            Evidence.REPORTED.value,
            "have made possible the active detection of non-compliant medicines",
        ),
    ),
    "imss-digital-mobile-application": (
        Fact(
            "results",
            "More than 1.3 million downloads (the government's most downloaded application) and more than "
            "4.4 million digital transactions and services, including more than 824,000 medical "
            "appointments scheduled in June 2017.",
            "with more than 1.3 million downloads. In addition, it has enabled more than 4.4 million "
            "digital transactions and services, including medical appointment scheduling with more "
            "than 824,000 appointments scheduled in June 2017.",
        ),
        Fact("evidence", Evidence.REPORTED.value, "more than 4.4 million digital transactions and services"),
    ),
    "new-regulation-on-the-assessment-of-occupational-risks-and-disabilities": (
        Fact(
            "target_groups",
            ["injured-workers"],
            "those who suffer life-threatening work-related accidents or terminal illness",
        ),
    ),
    "welfare-for-our-people-a-social-security-programme-for-indigenous-groups": (
        Fact("target_groups", ["indigenous-peoples"], "a social security programme for indigenous groups"),
    ),
    "implementing-a-specialized-information-service-on-medicine-quality-for-the": (
        Fact("target_groups", ["health-professionals"], "for the health professionals of CCSS Costa Rica"),
    ),
    "improving-the-pension-survivors-verification-programme-of-the-mexican-social": (
        Fact("target_groups", ["survivors"], "pension survivors verification programme"),
    ),
    "the-deportissste-programme-for-retirees-and-pensioners": (
        Fact("target_groups", ["retirees-and-pensioners"], "programme for retirees and pensioners"),
    ),
    "training-informal-caregivers-for-frail-elderly-persons-and-persons-with-dementia": (
        Fact("target_groups", ["informal-caregivers"], "Training informal caregivers"),
        Fact("target_groups", ["older-persons"], "frail, elderly persons"),
    ),
    "sampling-instead-of-travelling-a-strategy-that-brings-more-hope-to-children": (
        Fact(
            "target_groups",
            ["children-and-families", "patients"],
            "children waiting for bone marrow treatment abroad",
        ),
    ),
    "telemedicine-an-effective-tool-for-technology-transfer-and-personalized-medical": (
        Fact("target_groups", ["patients"], "patients travelling outside their place of origin"),
    ),
    "access-centre-for-assistive-technologies-in-a-health-context-removing-barriers": (
        Fact(
            "target_groups",
            ["persons-with-disabilities"],
            "Removing barriers that exclude people with disabilities",
        ),
    ),
    "housing-loans-for-persons-with-incapacities": (
        Fact("target_groups", ["persons-with-disabilities"], "Housing loans for persons with incapacities"),
    ),
    "medical-assessment-system-for-patients-with-disabling-diseases": (
        Fact("target_groups", ["patients"], "for patients with disabling diseases"),
    ),
    "a-loan-payment-protection-fund-an-actuarial-model-to-benefit-teachers-in-the": (
        Fact("target_groups", ["teachers"], "to benefit teachers in the Peruvian education system"),
    ),
}

# The workshop's highlighted strategies are, in its words, poverty-reduction strategies and programmes.
for _slug in (
    "national-crusade-against-hunger",
    "prospera-social-inclusion-program",
    "brazil-without-extreme-poverty-plan",
    "national-strategy-for-good-living",
    "unidos-network",
    "national-strategy-for-social-development-and-inclusion-inclusion-for-growth",
):
    PRACTICE_FACTS[_slug] = (
        Fact("target_groups", ["people-in-poverty"], "their poverty-reduction strategies and/or programs"),
    )
