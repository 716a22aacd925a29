"""The ISSA's terms as the database stores them, for `make messages` to extract (regions/names.py).

Each is a message id in the context its kind of row uses (regions.names.CONTEXTS); the Spanish,
French and German are in locale/*/LC_MESSAGES/django.po. A row whose English name is not listed
here shows that name in every language until it is added and translated.
"""

from django.utils.translation import pgettext_lazy

REGIONS = [
    pgettext_lazy("ISSA region", "Africa"),
    pgettext_lazy("ISSA region", "Americas"),
    pgettext_lazy("ISSA region", "Asia and the Pacific"),
    pgettext_lazy("ISSA region", "Europe"),
]

# The twelve priority areas of the ISSA Good Practice Awards 2017-2019 (the ISSA Guidelines' areas).
PRIORITY_AREAS = [
    pgettext_lazy("priority area", "Actuarial Work for Social Security"),
    pgettext_lazy("priority area", "Administrative Solutions for Coverage Extension"),
    pgettext_lazy("priority area", "Communication by Social Security Administrations"),
    pgettext_lazy("priority area", "Contribution Collection and Compliance"),
    pgettext_lazy("priority area", "Good Governance"),
    pgettext_lazy("priority area", "Information and Communication Technology"),
    pgettext_lazy("priority area", "Investment of Social Security Funds"),
    pgettext_lazy("priority area", "Prevention of Occupational Risks"),
    pgettext_lazy("priority area", "Promotion of Sustainable Employment"),
    pgettext_lazy("priority area", "Return to Work and Reintegration"),
    pgettext_lazy("priority area", "Service Quality"),
    pgettext_lazy("priority area", "Workplace Health Promotion"),
]

# From the highest.
AWARD_TIERS = [
    pgettext_lazy("award tier", "Award"),
    pgettext_lazy("award tier", "Certificate of merit with special mention"),
    pgettext_lazy("award tier", "Certificate of merit"),
    pgettext_lazy("award tier", "Attestation"),
]
