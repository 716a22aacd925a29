"""What the tests of proposals share: a real-looking proposal, and posting it as a browser does."""

import re

from django.urls import reverse

# An experience from Uruguay's Social Insurance Bank that did not work, told as an institution would.
# The institution is written as the proposer would type it, without the accent of the catalogue's
# "Banco de Previsión Social" (its original name), and the e-mail is one no page may ever show.
EMAIL = "maria.ferreira@bps-contact.example.uy"
BPS = {
    "title": "Contribution records by text message for rural domestic workers",
    "institution": "Banco de Prevision Social",
    "country": "UY",
    "email": EMAIL,
    "objectives": "Let rural domestic workers check that their employers pay their contributions.",
    "summary": "Workers registered a mobile number and received a text message each month with the "
    "contributions declared for them.",
    "results": "1,200 workers registered in the first year, 4 per cent of those eligible (BPS records).",
    "lessons": "A channel is used only when the people it serves were asked about it first.",
    "challenges": "Coverage was poor in rural areas and many workers shared one phone with the employer.",
    "outcome": "unsuccessful",
    "in_place": "false",
    "consent": "on",
}

RECEIPT = re.compile(r"^/(?:[a-z]{2}/)?share/received/([0-9A-Z]{4}-[0-9A-Z]{4})/$")


def post(client, data=None, url=None, **extra):
    return client.post(url or reverse("share"), BPS if data is None else data, **extra)


def without(name, **changes):
    data = {key: value for key, value in BPS.items() if key != name}
    data.update(changes)
    return data


def reference_of(response):
    assert response.status_code == 303, response.status_code
    match = RECEIPT.match(response["Location"])
    assert match, response["Location"]
    return match.group(1)
