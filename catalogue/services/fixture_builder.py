"""Build the catalogue's JSON fixtures from the source texts under fixtures/sources/.

The builder is deterministic: the same texts give byte-for-byte the same fixtures (entries in the
order the source prints them, stable slugs, no timestamps). It fails loudly, naming the file and
line, when a text does not have the expected shape, and it checks its result against the totals
the competition document reports about itself.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from ..choices import Evidence, Outcome, Status
from ..models import PRACTICE_DATA_FIELDS
from . import evidence_facts, reference
from .text import (
    Block,
    SourceParseError,
    blocks,
    clean_inline,
    clean_paragraph,
    join_paragraphs,
    normalize_apostrophes,
    slug_for,
    strip_emphasis,
)

COMPETITION_SOURCE = "issa-good-practice-awards-americas-2017"
WORKSHOP_SOURCE = "oas-ciss-workshop-mexico-city-2014"

# Fixture files, in the order they must be loaded.
FIXTURE_FILES = [
    "01_sources.json",
    "02_regions.json",
    "03_awards.json",
    "04_institutions.json",
    "04_target_groups.json",
    "05_practices.json",
]

_JURY_LABELS = ("Jury's comment:", "Special mention from the Jury:")
_AREAS_LABEL = re.compile(r"^Priority areas?:\s*(?P<areas>.+)$", re.DOTALL)
_HEADER = re.compile(r"^(?P<country>[A-Z][A-Za-z ]+): (?P<institution>\S.*)$")
_ITALIC_PAREN = re.compile(r"\s*\((?P<inner>[^()]*\*[^()]*)\)")
_END_MARKER = "Promoting excellence in social security"


def fixtures_dir():
    return Path(settings.BASE_DIR) / "fixtures"


def sources_dir():
    return fixtures_dir() / "sources"


@dataclass
class Entry:
    """One competition entry as the document prints it."""

    line: int
    position: int
    tier: str
    country: str
    institution: str
    title: str = ""
    original_title: str = ""
    areas: list = field(default_factory=list)
    summary: str = ""
    jury_comment: str = ""


@dataclass
class InstitutionRecord:
    name: str
    country: str
    slug: str = ""
    acronym: str = ""
    original_name: str = ""


@dataclass
class CompetitionDocument:
    """What the builder reads from the competition results."""

    year: int
    region_name: str
    triennium: str
    jury: str
    areas: list
    reported: dict
    winner: tuple
    entries: list
    institutions: dict
    reported_line: int = 0  # line of the paragraph that reports the totals and the winner


def read_source(slug):
    """The text of a source document; fails if the file is missing or is not the expected document."""
    meta = reference.SOURCES[slug]
    path = sources_dir() / meta["file"]
    if not path.exists():
        raise SourceParseError(path, 0, "source file is missing")
    text = path.read_text(encoding="utf-8")
    if meta["check"] not in text:
        raise SourceParseError(path, 0, f"does not contain {meta['check']!r}: wrong document?")
    return path, text


# --- the competition document -------------------------------------------------------------


def _find_block(path, items, predicate, what):
    for index, block in enumerate(items):
        if predicate(block.text):
            return index
    raise SourceParseError(path, 0, f"cannot find {what}")


def _number(path, block, pattern, what):
    match = re.search(pattern, block.text)
    if not match:
        raise SourceParseError(path, block.line, f"cannot read {what} from {block.text[:80]!r}")
    return match


def parse_competition(path, text):
    """Parse the competition results into a CompetitionDocument."""
    items = blocks(text)

    title_index = _find_block(
        path, items, lambda t: t.startswith("ISSA Good Practice Awards "), "the title"
    )
    title = _number(
        path, items[title_index], r"Awards \*{0,2}(?P<region>[A-Z][a-z]+) (?P<year>\d{4})", "title"
    )

    jury_index = _find_block(
        path, items, lambda t: t == "The Good Practice Award Jury", "the jury heading"
    )
    jury_block = items[jury_index + 1]
    triennium = _number(
        path, jury_block, r"For the (\d{4})[\u2013-](\d{4}) triennium", "the triennium"
    )
    jury = clean_inline(jury_block.text)

    areas_index = _find_block(
        path,
        items,
        lambda t: t.startswith("ISSA Good Practice Awards priority areas"),
        "the priority areas",
    )
    area_block = items[areas_index + 1]
    areas = []
    for offset, line in enumerate(area_block.lines):
        if not line.startswith("- "):
            raise SourceParseError(
                path, area_block.line + offset, f"expected a priority area, got {line!r}"
            )
        areas.append(clean_inline(line[2:]))

    results_index = _find_block(
        path,
        items,
        lambda t: t.startswith("Results of the ISSA Good Practice Awards"),
        "the results",
    )
    results = items[results_index + 1]
    totals = _number(
        path,
        results,
        r"There were (\d+) entries from (\d+) organizations in (\d+) countries",
        "the totals",
    )
    certificates = _number(
        path,
        results,
        r"gave (\d+) Certificates of Merit, (\d+) of which received a special mention",
        "the certificates",
    )
    winner = _number(
        path, results, r"give the Award to the (?P<inst>[^,]+), (?P<country>[^,]+), for", "winner"
    )
    reported = {
        "entries": int(totals.group(1)),
        "organizations": int(totals.group(2)),
        "countries": int(totals.group(3)),
        "certificates_of_merit": int(certificates.group(1)),
        "special_mentions": int(certificates.group(2)),
    }

    first_tier = _find_block(
        path, items, lambda t: t in reference.TIER_HEADINGS, "the first tier heading"
    )
    entries = _parse_entries(path, items[first_tier:], {a.casefold(): a for a in areas})
    institutions = _collect_institutions(path, entries)

    return CompetitionDocument(
        year=int(title.group("year")),
        region_name=title.group("region"),
        triennium=f"{triennium.group(1)}-{triennium.group(2)}",
        jury=jury,
        areas=areas,
        reported=reported,
        winner=(clean_inline(winner.group("inst")), clean_inline(winner.group("country"))),
        entries=entries,
        institutions=institutions,
        reported_line=results.line,
    )


def _header(block):
    """(country, institution) when a block is an entry's "Country: Institution" line."""
    if "\n" in block.text:
        return None
    match = _HEADER.match(block.text)
    if match and match.group("country") in reference.COUNTRY_CODES_BY_NAME:
        return match.group("country"), clean_inline(match.group("institution"))
    return None


def _parse_entries(path, items, areas_by_key):
    """Walk the blocks from the first tier heading to the end marker, entry by entry."""
    entries, tier, index = [], None, 0
    while index < len(items):
        block = items[index]
        if block.text.startswith(_END_MARKER):
            break
        if block.text in reference.TIER_HEADINGS:
            tier = reference.TIER_HEADINGS[block.text][0]
            index += 1
            continue
        header = _header(block)
        if header is None:
            raise SourceParseError(
                path, block.line, f"expected 'Country: Institution', got {block.text[:80]!r}"
            )
        entry = Entry(block.line, len(entries) + 1, tier, *header)
        index = _parse_entry_body(path, items, index + 1, entry, areas_by_key)
        entries.append(entry)
    else:
        raise SourceParseError(path, items[-1].line, f"the entries do not end with {_END_MARKER!r}")
    return entries


def _is_boundary(block):
    return (
        block.text in reference.TIER_HEADINGS
        or block.text.startswith(_END_MARKER)
        or _header(block) is not None
    )


def _parse_entry_body(path, items, index, entry, areas_by_key):
    """Title (possibly over several lines), priority areas, then optional summary and jury comment."""
    title_blocks = []
    while index < len(items) and not _AREAS_LABEL.match(items[index].text):
        if _is_boundary(items[index]):
            # The entry is at fault, not the block that ends it: name the entry's own line.
            raise SourceParseError(
                path,
                entry.line,
                f"entry has no 'Priority areas:' line before line {items[index].line}",
            )
        title_blocks.append(items[index].text)
        index += 1
    if index == len(items):
        raise SourceParseError(path, entry.line, "entry runs to the end of the text")
    if not title_blocks:
        raise SourceParseError(path, entry.line, "entry has no title")
    entry.title, entry.original_title = _split_title(" ".join(title_blocks), entry)

    area_block = items[index]
    for name in clean_inline(_AREAS_LABEL.match(area_block.text).group("areas")).split(", "):
        area = areas_by_key.get(name.strip().casefold())
        if area is None:
            raise SourceParseError(path, area_block.line, f"unknown priority area {name!r}")
        entry.areas.append(area)
    index += 1

    summary = []
    if index < len(items) and items[index].text.startswith("Summary:"):
        summary.append(items[index].text.removeprefix("Summary:").strip())
        index += 1
        while index < len(items) and not items[index].text.startswith(_JURY_LABELS):
            if _is_boundary(items[index]):
                raise SourceParseError(
                    path,
                    entry.line,
                    f"entry's summary has no jury comment before line {items[index].line}",
                )
            summary.append(items[index].text)
            index += 1
    entry.summary = join_paragraphs([clean_paragraph(p) for p in summary])

    if index < len(items) and items[index].text.startswith(_JURY_LABELS):
        label = next(lb for lb in _JURY_LABELS if items[index].text.startswith(lb))
        entry.jury_comment = clean_paragraph(items[index].text.removeprefix(label).strip())
        index += 1
    if index < len(items) and not _is_boundary(items[index]):
        raise SourceParseError(
            path, items[index].line, f"unexpected text after entry of line {entry.line}"
        )
    return index


def _split_title(raw, entry):
    """Separate an English title from the original-language one the source prints in italics.

    "My ANSES Mobile (*Mi ANSES Móvil*)" gives ("My ANSES Mobile", "Mi ANSES Móvil"). When the
    italic words follow the institution's name, they are the institution's own name, not the
    title's: the title keeps them and the builder records them on the institution. Italic words in
    lower case are the source's own term for the words before them, not a name: "Single portal for
    monotax contributors (*monotributistas*)" keeps them in the title and has no original title.
    """
    raw = normalize_apostrophes(raw.replace("\n", " "))
    match = _ITALIC_PAREN.search(raw)
    if not match:
        return clean_inline(raw), ""
    before = strip_emphasis(raw[: match.start()])
    institution = normalize_apostrophes(entry.institution)
    if re.search(rf"{re.escape(institution)}( of {re.escape(entry.country)})?$", before):
        return clean_inline(raw), ""
    if clean_inline(match.group("inner"))[:1].islower():
        return clean_inline(raw), ""
    title = clean_inline(raw[: match.start()] + raw[match.end() :])
    title = re.sub(r"\s+([:,.])", r"\1", title)
    return title, clean_inline(match.group("inner"))


_NAME_PAREN = r"{name}(?: of {country})?\s*\((?P<inner>[^()]+)\)"
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,9}$")


def _collect_institutions(path, entries):
    """One record per (country, institution name); acronym and own-language name where a text gives them.

    The texts introduce them after the English name: "Mexican Social Security Institute
    (*Instituto Mexicano del Seguro Social* - IMSS)", "Employment and Social Development Canada (ESDC)".
    """
    institutions = {}
    for entry in entries:
        key = (entry.country, entry.institution)
        institutions.setdefault(key, InstitutionRecord(entry.institution, entry.country))
    for entry in entries:
        record = institutions[(entry.country, entry.institution)]
        pattern = re.compile(
            _NAME_PAREN.format(name=re.escape(record.name), country=re.escape(record.country))
        )
        for text in (normalize_apostrophes(entry.summary), normalize_apostrophes(entry.title)):
            for match in pattern.finditer(text):
                inner = clean_inline(match.group("inner"))
                parts = re.split(r"\s+[\u2013-]\s+", inner)
                acronym = parts[-1] if _ACRONYM.match(parts[-1]) else ""
                original = " - ".join(parts[:-1]) if acronym else inner
                _set_once(path, entry, record, "acronym", acronym)
                if original and not _ACRONYM.match(original):
                    _set_once(path, entry, record, "original_name", original)
    taken = set()
    for record in sorted(institutions.values(), key=lambda r: (r.name, r.country)):
        slug = slug_for(record.name)
        if slug in taken:
            slug = f"{slug}-{record.country.lower()}"
        taken.add(slug)
        record.slug = slug
    return institutions


def _set_once(path, entry, record, attribute, value):
    if not value:
        return
    current = getattr(record, attribute)
    if current and current != value:
        raise SourceParseError(
            path,
            entry.line,
            f"{record.name}: {attribute} {value!r} contradicts {current!r} given earlier",
        )
    setattr(record, attribute, value)


def check_reported_totals(path, doc):
    """The document reports its own totals; a parse that disagrees with them is wrong."""
    tiers = [e.tier for e in doc.entries]
    found = {
        "entries": len(doc.entries),
        "organizations": len(doc.institutions),
        "countries": len({e.country for e in doc.entries}),
        "certificates_of_merit": tiers.count("merit") + tiers.count("merit-special-mention"),
        "special_mentions": tiers.count("merit-special-mention"),
    }
    wrong = {k: (found[k], v) for k, v in doc.reported.items() if found[k] != v}
    if wrong:
        detail = ", ".join(
            f"{k}: parsed {got}, reported {want}" for k, (got, want) in wrong.items()
        )
        raise SourceParseError(
            path, doc.reported_line, f"the parse disagrees with the document's totals ({detail})"
        )
    winners = [e for e in doc.entries if e.tier == "award"]
    if len(winners) != 1 or (winners[0].institution, winners[0].country) != doc.winner:
        raise SourceParseError(
            path, doc.reported_line, f"the award entry does not match the reported winner {doc.winner}"
        )


# --- the liaison offices and the workshop ---------------------------------------------------------


def parse_andean_office(path, text):
    """Population and social-protection share from the German page; its text as the description."""
    population = re.search(r"etwa (\d+) Millionen Einwohnern", text)
    share = re.search(r"nur (\d+) Prozent dem Sozialschutz", text)
    if not population or not share:
        raise SourceParseError(path, 0, "cannot read the population and the share covered")
    return {
        "population": int(population.group(1)) * 1_000_000,
        "social_protection_share": share.group(1),
        "description": "\n\n".join(line.strip() for line in text.splitlines() if line.strip()),
    }


def parse_north_central_office(path, text):
    """Population from the English page; its text without the repeated navigation headings."""
    population = re.search(r"population of about (\d+) million", text)
    if not population:
        raise SourceParseError(path, 0, "cannot read the population")
    items = blocks(text)
    start = _find_block(
        path, items, lambda t: t.startswith("The ISSA Liaison Office"), "the first paragraph"
    )
    return {
        "population": int(population.group(1)) * 1_000_000,
        "social_protection_share": None,
        "description": "\n\n".join(clean_paragraph(b.text) for b in items[start:]),
    }


def parse_workshop(path, text):
    """The highlighted national strategies, each found in the workshop's own paragraph."""
    items = blocks(text)
    heading = _find_block(
        path, items, lambda t: t == "HIGHLIGHTED STRATEGIES", "HIGHLIGHTED STRATEGIES"
    )
    paragraph: Block = items[heading + 1]
    lead = re.match(
        r"There are various examples in the region of countries that have adopted (.+?);",
        paragraph.text,
    )
    if not lead:
        raise SourceParseError(path, paragraph.line, "cannot read the strategies' introduction")
    context = (
        "Highlighted by the OAS/CISS workshop (Mexico City, December 2014) among the examples in the region "
        f"of countries that have adopted {lead.group(1)}."
    )
    strategies = []
    for position, spec in enumerate(reference.WORKSHOP_STRATEGIES, start=1):
        if spec["anchor"] not in paragraph.text:
            raise SourceParseError(path, paragraph.line, f"strategy {spec['anchor']!r} not found")
        summary = "\n\n".join(p for p in (spec["detail"], context) if p)
        strategies.append({**spec, "position": position, "summary": summary})
    portfolio = (
        "Create a portfolio of best practices that collects experiences (both successful and unsuccessful)"
    )
    if portfolio not in text:
        raise SourceParseError(path, 0, "the call for a portfolio of practices is missing")
    return strategies


# --- fixtures ------------------------------------------------------------------------------------


def _obj(model, fields):
    return {"model": model, "fields": fields}


# What a practice's fixture holds when a source does not say: no award entry, nothing assessed.
PRACTICE_DEFAULTS = {
    "original_title": "",
    "original_title_language": "",
    "institution": None,
    "competition": None,
    "tier": None,
    "priority_areas": [],
    "jury_comment": "",
    "status": Status.PUBLISHED,
    "outcome": Outcome.NOT_ASSESSED,
    "lessons": "",
    "evidence": Evidence.NOT_ASSESSED,
    "implementation_started": None,
    "implementation_ended": None,
    "in_place": None,
    "last_verified": None,
    "target_groups": [],
    "beneficiaries_count": None,
    "beneficiaries_year": None,
    "beneficiaries_note": "",
    "results": "",
    "challenges": "",
    "adapted_from": [],
    "provenance": "",
    "last_reviewed": None,
}


def practice_fields(**values):
    """A practice's fixture fields: exactly its data fields (PRACTICE_DATA_FIELDS), in that order.

    A name that is not a data field, or a data field left without a value, is a builder bug.
    """
    fields = {**PRACTICE_DEFAULTS, **values}
    unknown = sorted(set(fields) - set(PRACTICE_DATA_FIELDS))
    missing = [name for name in PRACTICE_DATA_FIELDS if name not in fields]
    if unknown or missing:
        raise ValueError(f"practice fields: unknown {unknown}, missing {missing}")
    return {name: fields[name] for name in PRACTICE_DATA_FIELDS}


@dataclass
class SlugRegister:
    """Practice slugs taken so far: a second practice with the same title gets `-2`, then `-3`."""

    taken: set = field(default_factory=set)

    def unique(self, title):
        slug = base = slug_for(title)
        counter = 2
        while slug in self.taken:
            slug, counter = f"{base}-{counter}", counter + 1
        self.taken.add(slug)
        return slug


def region_code(doc):
    return next(slug for slug, name in reference.REGIONS if name == doc.region_name)


def competition_slug(doc):
    return f"{doc.region_name.lower()}-{doc.year}"


def area_slugs(doc):
    return {name: slug_for(name) for name in doc.areas}


def source_objects():
    """01: the source documents (every file must be there and be the expected document)."""
    for slug in reference.SOURCES:
        read_source(slug)
    return [
        _obj(
            "catalogue.sourcedocument",
            {
                "slug": slug,
                "title": meta["title"],
                "publisher": meta["publisher"],
                "year": meta["year"],
                "language": meta["language"],
                "path": meta["file"],
                "description": meta["description"],
            },
        )
        for slug, meta in reference.SOURCES.items()
    ]


def region_objects(doc):
    """02: the ISSA regions, the countries, and the liaison offices read from their pages."""
    objects = [
        _obj("regions.region", {"slug": slug, "name": name, "position": position})
        for position, (slug, name) in enumerate(reference.REGIONS, start=1)
    ]
    objects += [
        _obj("regions.country", {"code": code, "name": name, "region": [region_code(doc)]})
        for code, name in sorted(reference.COUNTRIES.items())
    ]
    parsers = {"andean-countries": parse_andean_office}
    for source_slug, office in reference.LIAISON_OFFICES.items():
        path, text = read_source(source_slug)
        parsed = parsers.get(office["slug"], parse_north_central_office)(path, text)
        objects.append(
            _obj(
                "regions.liaisonoffice",
                {
                    "slug": office["slug"],
                    "name": office["name"],
                    "region": [office["region"]],
                    "countries": [[code] for code in office["countries"]],
                    "countries_basis": office["countries_basis"],
                    "population": parsed["population"],
                    "social_protection_share": parsed["social_protection_share"],
                    "description": parsed["description"],
                    "language": reference.SOURCES[source_slug]["language"],
                    "source": [source_slug],
                },
            )
        )
    return objects


def award_objects(doc):
    """03: the priority areas, the award tiers and the competition with its reported totals."""
    slugs = area_slugs(doc)
    objects = [
        _obj(
            "awards.priorityarea",
            {"slug": slugs[name], "name": name, "triennium": doc.triennium, "position": position},
        )
        for position, name in enumerate(doc.areas, start=1)
    ]
    objects += [
        _obj("awards.awardtier", {"slug": slug, "name": name, "rank": rank})
        for slug, name, rank in sorted(reference.TIER_HEADINGS.values(), key=lambda t: t[2])
    ]
    objects.append(
        _obj(
            "awards.competition",
            {
                "slug": competition_slug(doc),
                "name": f"ISSA Good Practice Awards, {doc.region_name} {doc.year}",
                "programme": "ISSA Good Practice Awards",
                "region": [region_code(doc)],
                "year": doc.year,
                "triennium": doc.triennium,
                "forum": f"ISSA Regional Social Security Forum for the {doc.region_name}",
                "jury": doc.jury,
                "priority_areas": [[slugs[name]] for name in doc.areas],
                "reported_entries": doc.reported["entries"],
                "reported_organizations": doc.reported["organizations"],
                "reported_countries": doc.reported["countries"],
                "reported_certificates_of_merit": doc.reported["certificates_of_merit"],
                "reported_special_mentions": doc.reported["special_mentions"],
                "source": [COMPETITION_SOURCE],
            },
        )
    )
    return objects


def institution_objects(doc):
    """04: one institution per (country, name) the competition's entries name."""
    return [
        _obj(
            "catalogue.institution",
            {
                "slug": record.slug,
                "name": record.name,
                "original_name": record.original_name,
                "acronym": record.acronym,
                "country": [reference.COUNTRY_CODES_BY_NAME[record.country]],
            },
        )
        for record in sorted(doc.institutions.values(), key=lambda r: r.slug)
    ]


def _quoted_in(quote, text):
    return clean_inline(quote) in clean_inline(text)


def target_group_objects():
    """04: whom practices are for, each group as a source names it (evidence_facts.TARGET_GROUPS)."""
    objects = []
    for position, group in enumerate(evidence_facts.TARGET_GROUPS, start=1):
        path, text = read_source(group.source)
        if not _quoted_in(group.quote, text):
            raise SourceParseError(path, 0, f"target group {group.slug}: {group.quote!r} is not in the text")
        fields = {"slug": group.slug, "name": group.name, "description": group.description}
        objects.append(_obj("catalogue.targetgroup", {**fields, "position": position}))
    return objects


# Fields a fact may set besides target groups (lineage, verification and provenance are the editors').
_FACT_FIELDS = (
    "evidence",
    "implementation_started",
    "implementation_ended",
    "in_place",
    "beneficiaries_count",
    "beneficiaries_year",
    "beneficiaries_note",
    "results",
    "challenges",
)


def apply_evidence_facts(objects):
    """Fill each practice's evidence fields with what its source states (evidence_facts.PRACTICE_FACTS),
    checking every fact's phrase against the practice's own texts (or those of the practice it names)."""
    by_slug = {obj["fields"]["slug"]: obj["fields"] for obj in objects}
    texts = {
        slug: "\n".join((fields["title"], fields["summary"], fields["jury_comment"]))
        for slug, fields in by_slug.items()
    }
    order = {group.slug: position for position, group in enumerate(evidence_facts.TARGET_GROUPS)}
    for slug, facts in evidence_facts.PRACTICE_FACTS.items():
        if slug not in by_slug:
            raise ValueError(f"evidence facts of {slug!r}: no practice has that slug")
        fields, groups = by_slug[slug], set()
        for fact in facts:
            where = fact.of or slug
            if not _quoted_in(fact.quote, texts[where]):
                path = sources_dir() / reference.SOURCES[by_slug[where]["source"][0]]["file"]
                raise SourceParseError(path, 0, f"{slug} ({fact.field}): {fact.quote!r} is not in {where}")
            if fact.field == "target_groups":
                unknown = sorted(set(fact.value) - set(order))
                if unknown:
                    raise ValueError(f"evidence facts of {slug!r}: unknown target groups {unknown}")
                groups.update(fact.value)
            elif fact.field in _FACT_FIELDS:
                fields[fact.field] = fact.value
            else:
                raise ValueError(f"evidence facts of {slug!r}: {fact.field!r} is not an evidence field")
        fields["target_groups"] = [[group] for group in sorted(groups, key=order.__getitem__)]
    return objects


def practice_objects(doc, strategies):
    """05: the competition's entries in the document's order, then the workshop's strategies."""
    slugs, register = area_slugs(doc), SlugRegister()
    objects = []
    for entry in doc.entries:
        record = doc.institutions[(entry.country, entry.institution)]
        objects.append(
            _obj(
                "catalogue.practice",
                practice_fields(
                    slug=register.unique(entry.title),
                    title=entry.title,
                    original_title=entry.original_title,
                    original_title_language="es" if entry.original_title else "",
                    institution=[record.slug],
                    country=[reference.COUNTRY_CODES_BY_NAME[entry.country]],
                    year=doc.year,
                    competition=[competition_slug(doc)],
                    tier=[entry.tier],
                    priority_areas=[[slugs[a]] for a in entry.areas],
                    summary=entry.summary,
                    jury_comment=entry.jury_comment,
                    source=[COMPETITION_SOURCE],
                    source_position=entry.position,
                ),
            )
        )
    for strategy in strategies:
        objects.append(
            _obj(
                "catalogue.practice",
                practice_fields(
                    slug=register.unique(strategy["title"]),
                    title=strategy["title"],
                    original_title=strategy["original_title"],
                    original_title_language="es" if strategy["original_title"] else "",
                    country=[strategy["country"]],
                    year=reference.SOURCES[WORKSHOP_SOURCE]["year"],
                    summary=strategy["summary"],
                    source=[WORKSHOP_SOURCE],
                    source_position=strategy["position"],
                ),
            )
        )
    return apply_evidence_facts(objects)


def build():
    """Parse every source and return {fixture file name: list of objects}, in load order."""
    comp_path, comp_text = read_source(COMPETITION_SOURCE)
    doc = parse_competition(comp_path, comp_text)
    check_reported_totals(comp_path, doc)
    strategies = parse_workshop(*read_source(WORKSHOP_SOURCE))
    files = [
        source_objects(),
        region_objects(doc),
        award_objects(doc),
        institution_objects(doc),
        target_group_objects(),
        practice_objects(doc, strategies),
    ]
    return dict(zip(FIXTURE_FILES, files, strict=True))


def render(objects):
    """The exact bytes of a fixture file: stable key order, UTF-8, trailing newline."""
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


def write(directory=None):
    """Build and write every fixture file; returns {file name: number of objects}."""
    directory = Path(directory or fixtures_dir())
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, objects in build().items():
        (directory / name).write_text(render(objects), encoding="utf-8")
        counts[name] = len(objects)
    return counts
