"""The relevance set: what practitioners type, and what the real catalogue (the 68 practices of the
sources) must answer. Judged by reading the practices' texts, not by running the search.

Each case: `q`, the search as typed; `first`, practices that must be the first results (in any
order among themselves); `include`, practices that must be among the results; `exclude`, practices
that must not be; `exactly`, the whole result set when it is small enough to know by heart;
`suggestion`, for a search that finds nothing because of a typo: the corrected search offered, whose
results the other keys then describe (None: nothing found and nothing offered). `kind` says what
the case exercises.
"""

PENSION_TITLES = {
    "universal-pension-for-the-elderly",
    "managing-the-pensions-advisory-service-fostering-a-culture-of-pension-awareness",
    "improving-the-pension-survivors-verification-programme-of-the-mexican-social",
    "national-historical-reparation-programme-for-retirees-and-pensioners",
    "the-deportissste-programme-for-retirees-and-pensioners",
}
ANSES = {
    "my-anses-mobile",
    "biometrics-my-fingerprint",
    "business-intelligence-platform",
    "documentation-and-workflow-platform",
    "a-platform-for-the-historical-reparation-programme-recognizing-rights",
    "national-historical-reparation-programme-for-retirees-and-pensioners",
    "welfare-for-our-people-a-social-security-programme-for-indigenous-groups",
}
EYEGLASSES = "managing-eyeglass-benefit-claims-through-opticians"
MEDICATION = "quality-in-the-provision-of-medication-at-the-ccss-quality-conformity-assessment"
ASSISTIVE = "access-centre-for-assistive-technologies-in-a-health-context-removing-barriers"
MOBILE = "my-anses-mobile"
TELEMEDICINE = "telemedicine-an-effective-tool-for-technology-transfer-and-personalized-medical"
HEALTH_RECORDS = "the-implementation-of-single-digital-health-records-across-all-three-levels-of"
CAREGIVERS = "training-informal-caregivers-for-frail-elderly-persons-and-persons-with-dementia"
QUALITY_UNIT = "establishing-a-national-quality-management-unit"
QUALITY_CALL_CENTRE = "implementing-a-quality-management-system-at-the-call-centre-for-worker"
LOANS = {
    "housing-loans-for-persons-with-incapacities",
    "securing-the-personal-loans-process",
    "a-loan-payment-protection-fund-an-actuarial-model-to-benefit-teachers-in-the",
}

CASES = [
    # Plurals and other inflections, English.
    {"kind": "plural", "q": "pension", "first": PENSION_TITLES},
    {"kind": "plural", "q": "pensions", "first": PENSION_TITLES},
    {"kind": "plural", "q": "eyeglasses", "exactly": {EYEGLASSES}},
    {"kind": "plural", "q": "eyeglass", "exactly": {EYEGLASSES}},
    {"kind": "plural", "q": "opticians", "exactly": {EYEGLASSES}},
    {"kind": "plural", "q": "fingerprints", "first": {"biometrics-my-fingerprint"}},
    {"kind": "plural", "q": "loan", "first": LOANS},
    {"kind": "plural", "q": "loans", "first": LOANS},
    {
        "kind": "plural",
        "q": "retiree",
        "first": {
            "national-historical-reparation-programme-for-retirees-and-pensioners",
            "the-deportissste-programme-for-retirees-and-pensioners",
        },
    },
    {"kind": "plural", "q": "caregiver", "first": {CAREGIVERS}},
    {
        "kind": "irregular plural",
        "q": "child",
        "include": {
            "sampling-instead-of-travelling-a-strategy-that-brings-more-hope-to-children",
        },
    },
    {
        "kind": "verb form",
        "q": "enrolled automatically",
        "include": {
            "old-age-security-guaranteed-income-supplement-automatic-enrolment",
        },
    },
    {
        "kind": "spelling variant",
        "q": "automatic enrollment",
        "first": {
            "old-age-security-guaranteed-income-supplement-automatic-enrolment",
        },
    },
    # Spanish words, inflections and accents.
    {"kind": "spanish", "q": "pensiones", "first": PENSION_TITLES},
    {"kind": "spanish", "q": "medicamento", "first": {MEDICATION}},
    {"kind": "spanish", "q": "medicamentos", "first": {MEDICATION}},
    {"kind": "spanish accent", "q": "tecnologia", "first": {ASSISTIVE}},
    {"kind": "spanish accent", "q": "tecnologías de apoyo", "exactly": {ASSISTIVE}},
    {"kind": "spanish accent", "q": "movil", "exactly": {MOBILE}},
    {"kind": "spanish accent", "q": "MÓVIL", "exactly": {MOBILE}},
    {"kind": "spanish", "q": "jubilatorio", "first": {"a-retirement-support-programme"}},
    {"kind": "spanish", "q": "calidad", "include": {MEDICATION, QUALITY_UNIT}},
    {"kind": "spanish", "q": "gestión de la calidad", "first": {QUALITY_UNIT}},
    {
        "kind": "spanish",
        "q": "encuesta longitudinal",
        "first": {
            "a-longitudinal-survey-on-social-protection-in-uruguay",
        },
    },
    {
        "kind": "spanish",
        "q": "riesgos de trabajo",
        "first": {
            "new-regulation-on-the-assessment-of-occupational-risks-and-disabilities",
        },
    },
    {
        "kind": "spanish",
        "q": "bienestar",
        "first": {
            "welfare-for-our-people-a-social-security-programme-for-indigenous-groups",
        },
    },
    {
        "kind": "spanish",
        "q": "monotributistas",
        "first": {"single-portal-for-monotax-contributors-monotributistas"},
    },
    # Case, accents and names.
    {"kind": "case", "q": "PENSION universal", "first": {"universal-pension-for-the-elderly"}},
    {"kind": "institution", "q": "ANSES", "first": {MOBILE}, "include": ANSES},
    {
        "kind": "institution",
        "q": "IMSS",
        "first": {"imss-digital-mobile-application", "the-imss-ser-programme"},
    },
    # Ranking: the title first, then the institution, then the summary.
    {"kind": "ranking", "q": "telemedicine", "first": {TELEMEDICINE}},
    {"kind": "ranking", "q": "health records", "first": {HEALTH_RECORDS}},
    {"kind": "ranking", "q": "quality management", "first": {QUALITY_UNIT, QUALITY_CALL_CENTRE}},
    {
        "kind": "ranking",
        "q": "mobile",
        "first": {
            MOBILE,
            "imss-digital-mobile-application",
            "formalizing-enterprises-and-workers-in-the-shared-economy-transporting",
        },
    },
    {
        "kind": "ranking",
        "q": "emergency services",
        "first": {
            "improving-the-quality-of-and-treatment-at-issste-emergency-services",
        },
    },
    {"kind": "ranking", "q": "dementia", "first": {CAREGIVERS}},
    {
        "kind": "ranking",
        "q": "disaster victims",
        "first": {
            "doubling-the-social-security-benefits-of-natural-disaster-victims",
        },
    },
    {
        "kind": "ranking",
        "q": "indigenous",
        "first": {
            "welfare-for-our-people-a-social-security-programme-for-indigenous-groups",
        },
    },
    {"kind": "ranking", "q": "procurement", "first": {"consolidated-procurement"}},
    # Phrases.
    {"kind": "phrase", "q": '"universal pension"', "exactly": {"universal-pension-for-the-elderly"}},
    {"kind": "phrase", "q": '"digital health records"', "exactly": {HEALTH_RECORDS}},
    # The words of a title in another order are not its phrase.
    {"kind": "phrase", "q": '"loans housing"', "suggestion": None},
    {"kind": "phrase", "q": '"health digital"', "suggestion": None},
    # Exclusions and alternatives.
    {
        "kind": "exclusion",
        "q": "pension -universal",
        "first": PENSION_TITLES - {"universal-pension-for-the-elderly"},
        "exclude": {"universal-pension-for-the-elderly"},
    },
    {"kind": "exclusion", "q": "-pension", "exclude": PENSION_TITLES, "include": {EYEGLASSES, MOBILE}},
    {
        "kind": "exclusion",
        "q": 'quality -"call centre"',
        "include": {QUALITY_UNIT},
        "exclude": {QUALITY_CALL_CENTRE},
    },
    {
        "kind": "or",
        "q": "video or videoconferencing",
        "first": {
            "video-service-delivery",
            "distance-training-via-videoconferencing",
        },
    },
    {
        "kind": "or",
        "q": "hunger or poverty",
        "first": {
            "national-crusade-against-hunger",
            "brazil-without-extreme-poverty-plan",
        },
    },
    {"kind": "or", "q": "eyeglasses or medicamentos", "exactly": {EYEGLASSES, MEDICATION}},
    # Typos: nothing found, a correction offered that finds the practice.
    {"kind": "typo", "q": "telemedecine", "suggestion": "telemedicine", "first": {TELEMEDICINE}},
    {"kind": "typo", "q": "pensoin", "suggestion": "pension", "first": PENSION_TITLES},
    {
        "kind": "typo",
        "q": "Pensoin univrsal",
        "suggestion": "Pension universal",
        "first": {"universal-pension-for-the-elderly"},
    },
    {"kind": "typo", "q": "caregivres", "suggestion": "caregivers", "first": {CAREGIVERS}},
    {
        "kind": "typo",
        "q": "videoconferncing",
        "suggestion": "videoconferencing",
        "first": {
            "distance-training-via-videoconferencing",
        },
    },
    {"kind": "typo", "q": "medicamneto", "suggestion": "medicamentos", "first": {MEDICATION}},
    {
        "kind": "typo",
        "q": "jubilatroio",
        "suggestion": "jubilatorio",
        "first": {"a-retirement-support-programme"},
    },
    {"kind": "typo", "q": "ANSSES", "suggestion": "ANSES", "include": ANSES},
    {
        "kind": "typo",
        "q": "povrety or hungr",
        "suggestion": "poverty or hunger",
        "include": {
            "brazil-without-extreme-poverty-plan",
        },
    },
]
