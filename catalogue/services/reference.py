"""Reference data the sources presuppose but do not print: identifiers and the documents' metadata.

Everything a source does print (entries, institutions, priority areas, totals, offices' figures)
is parsed from the text by `fixture_builder`; this module only says what the text means.
"""

# The four ISSA regions, in the order the ISSA lists them.
REGIONS = [
    ("africa", "Africa"),
    ("americas", "Americas"),
    ("asia-and-the-pacific", "Asia and the Pacific"),
    ("europe", "Europe"),
]

# ISO 3166-1 alpha-2 codes of the countries the sources name, with the English short name
# the competition document prints. All are in the ISSA's Americas region.
COUNTRIES = {
    "AR": "Argentina",
    "BO": "Bolivia",
    "BR": "Brazil",
    "BZ": "Belize",
    "CA": "Canada",
    "CL": "Chile",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "EC": "Ecuador",
    "GT": "Guatemala",
    "HN": "Honduras",
    "MX": "Mexico",
    "NI": "Nicaragua",
    "PA": "Panama",
    "PE": "Peru",
    "SV": "El Salvador",
    "US": "United States",
    "UY": "Uruguay",
}
COUNTRY_CODES_BY_NAME = {name: code for code, name in COUNTRIES.items()}

# Tier headings of the competition document, from the highest tier down:
# heading -> (slug, name as the document words it, rank).
TIER_HEADINGS = {
    "WINNING ENTRY": ("award", "Award", 1),
    "CERTIFICATES OF MERIT WITH SPECIAL MENTION": (
        "merit-special-mention",
        "Certificate of merit with special mention",
        2,
    ),
    "CERTIFICATES OF MERIT": ("merit", "Certificate of merit", 3),
    "ATTESTATIONS": ("attestation", "Attestation", 4),
}

# The source documents, by slug. `file` is under fixtures/sources/; `seed` is the file's name
# among the shared seed documents it was copied from. `check` is a phrase the text must contain,
# so a misplaced file fails the build instead of yielding a wrong catalogue.
SOURCES = {
    "issa-good-practice-awards-americas-2017": {
        "file": "issa-good-practice-awards-americas-2017.en.txt",
        "seed": "003_ab306eafde76e4b1.txt",
        "title": "ISSA Good Practice Awards Americas 2017: Competition results",
        "publisher": "International Social Security Association (ISSA)",
        "year": 2017,
        "language": "en",
        "check": "Competition results",
        "description": "Results of the ISSA Good Practice Awards for the Americas, 2017: jury, priority "
        "areas 2017-2019 and every entry with its country, institution, title, areas and tier.",
    },
    "issa-liaison-office-andean-countries": {
        "file": "issa-liaison-office-andean-countries.de.txt",
        "seed": "000_637666242cb82043.txt",
        "title": "Verbindungsbüro der IVSS für die Andenländer",
        "publisher": "International Social Security Association (ISSA)",
        "year": None,
        "language": "de",
        "check": "Verbindungsbüro der IVSS für die Andenländer",
        "description": "The ISSA Liaison Office for the Andean countries (web page, German).",
    },
    "issa-liaison-office-north-and-central-america": {
        "file": "issa-liaison-office-north-and-central-america.en.txt",
        "seed": "001_3f2601c2c18692d9.txt",
        "title": "Liaison Office for North and Central America",
        "publisher": "International Social Security Association (ISSA)",
        "year": None,
        "language": "en",
        "check": "Liaison Office for North and Central America",
        "description": "The ISSA Liaison Office for North and Central America (web page).",
    },
    "oas-ciss-workshop-mexico-city-2014": {
        "file": "oas-ciss-workshop-mexico-city-2014.en.txt",
        "seed": "004_21c2955d435da96d.txt",
        "title": "Results of the workshop \u201cToward an Intersectoral Focus on Social Protection in the "
        "Americas: Labor, Social Development and Social Security\u201d, Mexico City, December 10-12, 2014",
        "publisher": "Organization of American States (OAS) and Inter-American Conference on Social "
        "Security (CISS)",
        "year": 2014,
        "language": "en",
        "check": "Create a portfolio of best practices",
        "description": "Results of the OAS/CISS workshop on intersectoral coordination in social "
        "protection; it asks for a portfolio of best practices, successful and unsuccessful.",
    },
    "ilo-step-global-strategy-for-a-common-action": {
        "file": "ilo-step-global-strategy-for-a-common-action.en.txt",
        "seed": "002_8dae1960a384580b.txt",
        "title": "A global strategy for a common action",
        "publisher": "International Labour Office, STEP programme",
        "year": None,
        "language": "en",
        "check": "A GLOBAL STRATEGY FOR A COMMON ACTION",
        "description": "Background on extending social protection: the four strategic ways identified by "
        "the International Labour Conference in 2001.",
    },
}

# The liaison offices: what the pages' own text does not say in a parseable way.
# `countries` are not listed by either source; they follow from the office's name and are
# recorded with `countries_basis` so a reader knows they are an editorial reading.
LIAISON_OFFICES = {
    "issa-liaison-office-andean-countries": {
        "slug": "andean-countries",
        "name": "ISSA Liaison Office for the Andean Countries",
        "region": "americas",
        "countries": ["BO", "CO", "EC", "PE"],
        "countries_basis": "Member states of the Andean Community, which the office's page names "
        "(Andengemeinschaft); the page does not list the countries.",
    },
    "issa-liaison-office-north-and-central-america": {
        "slug": "north-and-central-america",
        "name": "ISSA Liaison Office for North and Central America",
        "region": "americas",
        "countries": ["BZ", "CA", "CR", "GT", "HN", "MX", "NI", "PA", "SV", "US"],
        "countries_basis": "The countries of North and Central America, as the office's name says; "
        "the page does not list them.",
    },
}

# The national strategies the 2014 workshop highlights. `anchor` must appear in the
# "HIGHLIGHTED STRATEGIES" paragraph of the workshop's text; the builder fails otherwise.
WORKSHOP_STRATEGIES = [
    {
        "anchor": "National Crusade against Hunger of Mexico, a national strategy based on the principle "
        "of coordination among different federal administration institutions and civil society and the "
        "private sector",
        "title": "National Crusade against Hunger",
        "original_title": "",
        "country": "MX",
        "detail": "A national strategy based on the principle of coordination among different federal "
        "administration institutions and civil society and the private sector.",
    },
    {
        "anchor": "\u201cProspera\u201d social inclusion program (Mexico)",
        "title": "Prospera social inclusion program",
        "original_title": "",
        "country": "MX",
        "detail": "",
    },
    {
        "anchor": "\u201cBrazil without Extreme Poverty\u201d plan",
        "title": "Brazil without Extreme Poverty plan",
        "original_title": "",
        "country": "BR",
        "detail": "",
    },
    {
        "anchor": "National Strategy for Good Living (Ecuador)",
        "title": "National Strategy for Good Living",
        "original_title": "",
        "country": "EC",
        "detail": "",
    },
    {
        "anchor": "\u201cUnidos\u201d Network of Colombia (Red Unidos)",
        "title": "Unidos Network",
        "original_title": "Red Unidos",
        "country": "CO",
        "detail": "",
    },
    {
        "anchor": "National Strategy for Social Development and Inclusion: Inclusion for Growth (Peru)",
        "title": "National Strategy for Social Development and Inclusion: Inclusion for Growth",
        "original_title": "",
        "country": "PE",
        "detail": "",
    },
]
