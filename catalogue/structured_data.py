"""schema.org descriptions of pages, embedded as JSON-LD (a data block, not a script that runs)."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from common.text import paragraphs

# Characters that could end the <script> element or confuse an HTML parser, escaped as JSON allows.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_ESCAPES))


def _organization(name, **extra):
    return {"@type": "Organization", "name": name, **extra}


def practice_data(practice, request):
    """A practice as a schema.org CreativeWork: what it is, who did it, where, its award and its source."""
    url = request.build_absolute_uri(practice.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": practice.title,
        "inLanguage": "en",
        "dateCreated": str(practice.year),
        "spatialCoverage": {
            "@type": "Country",
            "name": practice.country.name,
            "identifier": practice.country.code,
        },
    }
    if practice.original_title:
        data["alternateName"] = practice.original_title
    summary = paragraphs(practice.summary)
    if summary:
        data["abstract"] = summary[0]
        data["description"] = " ".join(summary)
    if practice.institution:
        institution = _organization(
            practice.institution.name,
            url=request.build_absolute_uri(practice.institution.get_absolute_url()),
        )
        if practice.institution.acronym:
            institution["alternateName"] = practice.institution.acronym
        data["creator"] = institution
    areas = [area.name for area in practice.priority_areas.all()]
    if areas:
        data["keywords"] = areas
        data["about"] = [{"@type": "Thing", "name": name} for name in areas]
    if practice.competition and practice.tier:
        data["award"] = f"{practice.tier.name}, {practice.competition.name}"
    if practice.source:
        source = {
            "@type": "CreativeWork",
            "name": practice.source.title,
            "publisher": _organization(practice.source.publisher),
        }
        if practice.source.year:
            source["datePublished"] = str(practice.source.year)
        data["isBasedOn"] = source
    if practice.last_reviewed:
        data["dateModified"] = practice.last_reviewed.isoformat()
    # The record's licence (the facts and metadata); quoted texts keep their source's rights (/data/).
    data["license"] = settings.DATA_LICENSE["url"]
    data["usageInfo"] = request.build_absolute_uri(reverse("data"))
    return data
