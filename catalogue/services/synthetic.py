"""Synthetic practices for tests and benchmarks: as many as asked, the same ones for a seed, marked.

`synchronise(n, seed)` makes the catalogue hold exactly `n` synthetic practices and removes every
other synthetic row; real rows (the fixtures', editors') are never changed, though synthetic
practices may belong to a real country. Practice number i of seed s is a function of (s, i), this
module and the committed fixtures only (`Plan`), so 1,000 practices are the first 1,000 of
10,000, and growing, shrinking or rebuilding give the same rows.

Every row made here has `synthetic=True` (countries, institutions and competitions too), its
slug starts with `syn<seed>-`, its source is the "synthetic data" document, and the pages and the
API show the mark. Texts are chains of words taken from the real fixtures (English titles and
summaries, Spanish original titles), so searches meet the catalogue's own vocabulary.

Distributions follow the real catalogue where it has one and a long tail elsewhere: 70 countries
in the four ISSA regions (the 18 of the fixtures and 52 more), about 1,500 institutions (a few
with many practices, most with few), three practices in four entered in a competition (a
triennial round per region, 2012 to 2024, with the four tiers in the source's proportions and
one to four priority areas), the others from 2010 to 2026 without tier or area. Evidence as a
catalogue collected from reports holds it: mostly not assessed or reported, a few evaluated; zero to
three target groups (weighted by the fixtures' use of them); in place mostly unknown; a start year
for fewer than half, an end year only for some that are no longer in place; a count for a few.

Writes are bulk inserts and deletes, without history records or signals: synthetic rows are not
editors' work. The content version is bumped at the end, so no cached page survives them.
"""

import bisect
import json
import random
import re
from dataclasses import dataclass
from itertools import accumulate, pairwise

from django.db import connection, transaction
from django.utils.text import slugify

from awards.models import AwardTier, Competition, PriorityArea
from common.caching import bump_content_version
from regions.models import Country, Region

from ..choices import Evidence, Outcome, Status
from ..models import Institution, Practice, SearchEntry, SearchTerm, SourceDocument, TargetGroup
from . import reference, search_index
from .fixture_builder import fixtures_dir

SOURCE_SLUG = "synthetic-data"
INSTITUTIONS = 1500
BATCH = 2000
COMPETITION_YEARS = (2012, 2015, 2018, 2021, 2024)
YEARS = (2010, 2026)
# A title with no letter to slugify leaves the slug without its last part.
SLUG = re.compile(r"^syn(?P<seed>\d+)-(?P<index>\d{6})(?:-|$)")

# Countries beyond the fixtures' 18 of the Americas: (ISO code, English short name, ISSA region).
_MORE_COUNTRIES = [
    ("DZ", "Algeria", "africa"), ("AO", "Angola", "africa"), ("BJ", "Benin", "africa"),
    ("BW", "Botswana", "africa"), ("CM", "Cameroon", "africa"), ("CI", "Côte d'Ivoire", "africa"),
    ("EG", "Egypt", "africa"), ("ET", "Ethiopia", "africa"), ("GH", "Ghana", "africa"),
    ("KE", "Kenya", "africa"), ("MA", "Morocco", "africa"), ("MU", "Mauritius", "africa"),
    ("NA", "Namibia", "africa"), ("NG", "Nigeria", "africa"), ("RW", "Rwanda", "africa"),
    ("SN", "Senegal", "africa"), ("TN", "Tunisia", "africa"), ("ZA", "South Africa", "africa"),
    ("AU", "Australia", "asia-and-the-pacific"), ("CN", "China", "asia-and-the-pacific"),
    ("IN", "India", "asia-and-the-pacific"), ("ID", "Indonesia", "asia-and-the-pacific"),
    ("IR", "Iran", "asia-and-the-pacific"), ("JP", "Japan", "asia-and-the-pacific"),
    ("JO", "Jordan", "asia-and-the-pacific"), ("KR", "Republic of Korea", "asia-and-the-pacific"),
    ("MY", "Malaysia", "asia-and-the-pacific"), ("MN", "Mongolia", "asia-and-the-pacific"),
    ("NZ", "New Zealand", "asia-and-the-pacific"), ("OM", "Oman", "asia-and-the-pacific"),
    ("PH", "Philippines", "asia-and-the-pacific"), ("SA", "Saudi Arabia", "asia-and-the-pacific"),
    ("SG", "Singapore", "asia-and-the-pacific"), ("TH", "Thailand", "asia-and-the-pacific"),
    ("VN", "Viet Nam", "asia-and-the-pacific"), ("AT", "Austria", "europe"),
    ("BE", "Belgium", "europe"), ("HR", "Croatia", "europe"), ("CZ", "Czechia", "europe"),
    ("DK", "Denmark", "europe"), ("EE", "Estonia", "europe"), ("FI", "Finland", "europe"),
    ("FR", "France", "europe"), ("DE", "Germany", "europe"), ("IT", "Italy", "europe"),
    ("NL", "Netherlands", "europe"), ("NO", "Norway", "europe"), ("PL", "Poland", "europe"),
    ("PT", "Portugal", "europe"), ("ES", "Spain", "europe"), ("SE", "Sweden", "europe"),
    ("CH", "Switzerland", "europe"),
]  # fmt: skip
COUNTRIES = sorted(
    [*((code, name, "americas") for code, name in reference.COUNTRIES.items()), *_MORE_COUNTRIES]
)

INSTITUTION_KINDS = [
    "National Social Security Institute", "Pension Fund", "Social Insurance Agency",
    "Workers' Compensation Board", "Health Insurance Fund", "Employment Injury Scheme",
    "Provident Fund", "Social Protection Administration", "Family Allowance Fund",
    "Civil Service Pension Scheme",
]  # fmt: skip

# The source's proportions: 1 award, 11 special mentions, 40 merits, 10 attestations in 62.
TIER_WEIGHTS = {"award": 1, "merit-special-mention": 11, "merit": 40, "attestation": 10}
AREA_COUNT_WEIGHTS = {1: 35, 2: 35, 3: 20, 4: 10}
OUTCOME_WEIGHTS = {
    Outcome.NOT_ASSESSED: 70,
    Outcome.SUCCESSFUL: 15,
    Outcome.PARTLY_SUCCESSFUL: 10,
    Outcome.UNSUCCESSFUL: 5,
}
# Evidence as a catalogue collected from reports would hold it: mostly nothing assessed or results
# the institution reports, a few evaluations (catalogue/evidence.py).
EVIDENCE_WEIGHTS = {
    Evidence.NOT_ASSESSED: 55,
    Evidence.REPORTED: 30,
    Evidence.MONITORED: 8,
    Evidence.EVALUATED: 5,
    Evidence.IMPACT_EVALUATED: 2,
}
TARGET_GROUP_COUNT_WEIGHTS = {0: 40, 1: 35, 2: 18, 3: 7}
# Whether it is still in place: mostly unknown.
IN_PLACE_WEIGHTS = {None: 70, True: 22, False: 8}


class Chain:
    """A first-order word chain: which words follow which in the real texts."""

    def __init__(self, texts):
        self.starts, self.following = [], {}
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
                words = [w for w in re.findall(r"[\w'\u2019-]+|[,;:]", sentence) if w.strip("-'\u2019")]
                if len(words) < 3:
                    continue
                self.starts.append(words[0])
                for word, after in pairwise(words):
                    self.following.setdefault(word, []).append(after)

    def words(self, rng, low, high):
        count = rng.randint(low, high)
        words = [rng.choice(self.starts)]
        while len(words) < count:
            nexts = self.following.get(words[-1])
            words.append(rng.choice(nexts) if nexts else rng.choice(self.starts))
        while words[-1] in ",;:":
            words.pop()
        text = " ".join(words)
        text = re.sub(r" ([,;:])", r"\1", text)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Vocabulary:
    titles: Chain
    summaries: Chain
    spanish: Chain

    @classmethod
    def from_fixtures(cls):
        fields = _fixture_practices()
        return cls(
            titles=Chain(f["title"] for f in fields),
            summaries=Chain(f["summary"] for f in fields if f["summary"]),
            spanish=Chain(f["original_title"] for f in fields if f["original_title_language"] == "es"),
        )


def _fixture_practices():
    rows = json.loads((fixtures_dir() / "05_practices.json").read_text(encoding="utf-8"))
    return [row["fields"] for row in rows]


def area_weights():
    """(slug, weight) of each priority area: how often the fixtures' practices name it, plus one."""
    rows = json.loads((fixtures_dir() / "03_awards.json").read_text(encoding="utf-8"))
    counts = {row["fields"]["slug"]: 1 for row in rows if row["model"] == "awards.priorityarea"}
    for fields in _fixture_practices():
        for (slug,) in fields["priority_areas"]:
            counts[slug] += 1
    return sorted(counts.items())


def target_group_weights():
    """(slug, weight) of each target group: how often the fixtures' practices name it, plus one."""
    rows = json.loads((fixtures_dir() / "04_target_groups.json").read_text(encoding="utf-8"))
    counts = {row["fields"]["slug"]: 1 for row in rows}
    for fields in _fixture_practices():
        for (slug,) in fields["target_groups"]:
            counts[slug] += 1
    return sorted(counts.items())


def _weighted(pairs):
    """(values, cumulative weights) for `_pick`."""
    values = [value for value, _ in pairs]
    return values, list(accumulate(weight for _, weight in pairs))


def _pick(rng, table):
    values, cumulative = table
    return values[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


class Plan:
    """What a seed makes: institution j and practice i, as plain values.

    It reads neither the database nor the clock: the seed, this module and the committed fixtures
    (their words and their areas' frequencies) decide everything.
    """

    def __init__(self, seed):
        self.seed = seed
        self.vocabulary = Vocabulary.from_fixtures()
        countries = [(code, region) for code, _name, region in COUNTRIES]
        order = sorted(countries)
        random.Random(f"{seed}:countries").shuffle(order)
        # A long tail: the first countries of the shuffled order hold most institutions.
        self.countries = _weighted([(c, 1 / (rank + 1) ** 0.9) for rank, c in enumerate(order)])
        self.region_of = dict(countries)
        self.institution_weights = _weighted([(j, 1 / (j + 1) ** 0.7) for j in range(INSTITUTIONS)])
        self.areas = _weighted(area_weights())
        self._institutions = {}
        self.tiers = _weighted(TIER_WEIGHTS.items())
        self.area_counts = _weighted(AREA_COUNT_WEIGHTS.items())
        self.outcomes = _weighted(OUTCOME_WEIGHTS.items())
        self.evidence = _weighted(EVIDENCE_WEIGHTS.items())
        self.groups = _weighted(target_group_weights())
        self.group_counts = _weighted(TARGET_GROUP_COUNT_WEIGHTS.items())
        self.in_place = _weighted(IN_PLACE_WEIGHTS.items())

    def institution(self, j):
        if j not in self._institutions:
            rng = random.Random(f"{self.seed}:institution:{j}")
            code, _region = _pick(rng, self.countries)
            kind = rng.choice(INSTITUTION_KINDS)
            self._institutions[j] = {
                "slug": f"syn{self.seed}-institution-{j:04d}",
                "name": f"{kind} {j + 1} (synthetic)",
                "acronym": "".join(word[0] for word in kind.split() if word[0].isupper()) + str(j + 1),
                "country": code,
            }
        return self._institutions[j]

    def practice(self, i):
        rng = random.Random(f"{self.seed}:practice:{i}")
        vocabulary = self.vocabulary
        kind = rng.random()
        values = {
            "institution": None,
            "competition": None,
            "tier": None,
            "areas": [],
            "original_title": "",
            "jury_comment": "",
        }
        if kind < 0.85:  # an institution's practice; three in four are competition entries
            j = _pick(rng, self.institution_weights)
            values["institution"] = j
            code = self.institution(j)["country"]
        else:  # a national strategy, with no institution
            code, _region = _pick(rng, self.countries)
        if kind < 0.75:
            region = self.region_of[code]
            year = rng.choice(COMPETITION_YEARS)
            count = _pick(rng, self.area_counts)
            values.update(
                competition=(region, year),
                tier=_pick(rng, self.tiers),
                areas=sorted(self._areas(rng, count)),
                jury_comment=vocabulary.summaries.words(rng, 12, 30) + "." if rng.random() < 0.5 else "",
            )
        else:
            year = rng.randint(*YEARS)
        title = vocabulary.titles.words(rng, 4, 12)
        if values["competition"] and rng.random() < 0.3:
            values["original_title"] = vocabulary.spanish.words(rng, 3, 8)
        paragraphs = [vocabulary.summaries.words(rng, 25, 60) + "." for _ in range(rng.randint(1, 3))]
        values.update(
            slug=f"syn{self.seed}-{i:06d}-{slugify(title)[:80]}".rstrip("-"),
            title=title,
            country=code,
            year=year,
            summary="\n\n".join(paragraphs),
            outcome=_pick(rng, self.outcomes),
            position=i,
        )
        values.update(self._evidence(rng, year))
        return values

    def _evidence(self, rng, year):
        """The evidence fields, drawn after the rest (so the other fields of a seed stay the same)."""
        words = self.vocabulary.summaries.words
        evidence = _pick(rng, self.evidence)
        in_place = _pick(rng, self.in_place)
        started = year - rng.randint(0, 8) if rng.random() < 0.45 else None
        ended = None
        if in_place is False and started is not None:
            ended = started + rng.randint(0, 6)
        groups = set()
        count = _pick(rng, self.group_counts)
        while len(groups) < count:
            groups.add(_pick(rng, self.groups))
        counted = rng.random() < 0.15
        return {
            "evidence": evidence,
            "implementation_started": started,
            "implementation_ended": ended,
            "in_place": in_place,
            "target_groups": sorted(groups),
            "beneficiaries_count": rng.randint(200, 2_000_000) if counted else None,
            "beneficiaries_year": year if counted else None,
            "results": words(rng, 12, 40) + "." if evidence != Evidence.NOT_ASSESSED else "",
            "challenges": words(rng, 10, 30) + "." if rng.random() < 0.15 else "",
        }

    def _areas(self, rng, count):
        chosen = set()
        while len(chosen) < count:
            chosen.add(_pick(rng, self.areas))
        return chosen


@dataclass
class Report:
    created: int = 0
    removed: int = 0
    total: int = 0


def _delete(queryset):
    """DELETE the rows of `queryset` in one statement: no signals, no history, no per-row collector.

    For synthetic rows only, whose relations the caller has deleted first.
    """
    model = queryset.model
    sql, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({sql})",
            params,
        )
        return cursor.rowcount


def _remove_unwanted(n, seed):
    """Delete the synthetic practices that are not practices 1..n of `seed`; their indexes kept."""
    kept, unwanted = set(), []
    for pk, slug in Practice.objects.filter(synthetic=True).values_list("pk", "slug").iterator():
        match = SLUG.match(slug)
        if match and int(match["seed"]) == seed and int(match["index"]) <= n:
            kept.add(int(match["index"]))
        else:
            unwanted.append(pk)
    removed = 0
    for start in range(0, len(unwanted), BATCH):
        chunk = unwanted[start : start + BATCH]
        _delete(Practice.priority_areas.through.objects.filter(practice_id__in=chunk))
        _delete(Practice.target_groups.through.objects.filter(practice_id__in=chunk))
        lineage = Practice.adapted_from.through.objects
        _delete(lineage.filter(from_practice_id__in=chunk))
        _delete(lineage.filter(to_practice_id__in=chunk))
        search_index.forget(chunk)
        removed += _delete(Practice.objects.filter(pk__in=chunk))
    return kept, removed


def _remove_unused():
    """Delete the synthetic institutions, competitions, countries and source no practice uses."""
    _delete(Institution.objects.filter(synthetic=True, practices__isnull=True))
    unused = Competition.objects.filter(synthetic=True, practices__isnull=True)
    _delete(Competition.priority_areas.through.objects.filter(competition__in=unused.values("pk")))
    _delete(unused)
    _delete(
        Country.objects.filter(
            synthetic=True, practices__isnull=True, institutions__isnull=True, liaison_offices__isnull=True
        )
    )
    _delete(SourceDocument.objects.filter(slug=SOURCE_SLUG, practices__isnull=True))


class Rows:
    """The rows practices point to, made when first needed and found by their keys afterwards."""

    def __init__(self, plan):
        self.plan = plan
        self.regions = dict(Region.objects.values_list("slug", "pk"))
        self.tiers = dict(AwardTier.objects.values_list("slug", "pk"))
        self.areas = dict(PriorityArea.objects.values_list("slug", "pk"))
        self.target_groups = dict(TargetGroup.objects.values_list("slug", "pk"))
        self.countries = dict(Country.objects.values_list("code", "pk"))
        missing = {
            "regions": {region for _code, _name, region in COUNTRIES} - set(self.regions),
            "tiers": set(TIER_WEIGHTS) - set(self.tiers),
            "priority areas": {slug for slug, _weight in area_weights()} - set(self.areas),
            "target groups": {slug for slug, _weight in target_group_weights()} - set(self.target_groups),
        }
        if any(missing.values()):
            absent = "; ".join(f"{what}: {', '.join(sorted(keys))}" for what, keys in missing.items() if keys)
            raise ValueError(f"The catalogue lacks {absent}. Load it first: python manage.py load_catalogue.")
        prefix = f"syn{plan.seed}-"
        institutions = Institution.objects.filter(synthetic=True, slug__startswith=prefix)
        self.institutions = dict(institutions.values_list("slug", "pk"))
        competitions = Competition.objects.filter(synthetic=True, slug__startswith=prefix)
        self.competitions = dict(competitions.values_list("slug", "pk"))
        self.source, _created = SourceDocument.objects.get_or_create(
            slug=SOURCE_SLUG,
            defaults={
                "title": "Synthetic data made by generate_synthetic (not a real practice)",
                "publisher": "Good-practice catalogue test tools",
                "year": None,
                "language": "en",
                "path": "",
                "description": "Rows generated for tests and benchmarks; they describe nothing real.",
            },
        )

    def ensure(self, specs):
        """Make the countries, institutions and competitions that `specs` (practices) need."""
        names = {code: name for code, name, _region in COUNTRIES}
        regions = {code: region for code, _name, region in COUNTRIES}
        wanted_institutions = {spec["institution"] for spec in specs if spec["institution"] is not None}
        institution_specs = [self.plan.institution(j) for j in sorted(wanted_institutions)]
        codes = {spec["country"] for spec in specs} | {spec["country"] for spec in institution_specs}
        new_countries = [
            Country(code=code, name=names[code], region_id=self.regions[regions[code]], synthetic=True)
            for code in sorted(codes - set(self.countries))
        ]
        for country in Country.objects.bulk_create(new_countries):
            self.countries[country.code] = country.pk
        new_institutions = [
            Institution(
                slug=spec["slug"],
                name=spec["name"],
                acronym=spec["acronym"],
                country_id=self.countries[spec["country"]],
                synthetic=True,
            )
            for spec in institution_specs
            if spec["slug"] not in self.institutions
        ]
        for institution in Institution.objects.bulk_create(new_institutions):
            self.institutions[institution.slug] = institution.pk
        for region, year in sorted({spec["competition"] for spec in specs if spec["competition"]}):
            slug = f"syn{self.plan.seed}-{region}-{year}"
            if slug in self.competitions:
                continue
            competition = Competition.objects.bulk_create(
                [
                    Competition(
                        slug=slug,
                        name=f"Synthetic awards, {region} {year}",
                        programme="Synthetic data",
                        region_id=self.regions[region],
                        year=year,
                        synthetic=True,
                        source=self.source,
                    )
                ]
            )[0]
            Competition.priority_areas.through.objects.bulk_create(
                Competition.priority_areas.through(competition_id=competition.pk, priorityarea_id=pk)
                for pk in self.areas.values()
            )
            self.competitions[slug] = competition.pk

    def practice(self, spec):
        institution = spec["institution"]
        competition = spec["competition"]
        return Practice(
            slug=spec["slug"],
            title=spec["title"],
            original_title=spec["original_title"],
            original_title_language="es" if spec["original_title"] else "",
            institution_id=(
                self.institutions[f"syn{self.plan.seed}-institution-{institution:04d}"]
                if institution is not None
                else None
            ),
            country_id=self.countries[spec["country"]],
            year=spec["year"],
            competition_id=self.competitions[f"syn{self.plan.seed}-{competition[0]}-{competition[1]}"]
            if competition
            else None,
            tier_id=self.tiers[spec["tier"]] if spec["tier"] else None,
            summary=spec["summary"],
            jury_comment=spec["jury_comment"],
            status=Status.PUBLISHED,
            outcome=spec["outcome"],
            evidence=spec["evidence"],
            implementation_started=spec["implementation_started"],
            implementation_ended=spec["implementation_ended"],
            in_place=spec["in_place"],
            beneficiaries_count=spec["beneficiaries_count"],
            beneficiaries_year=spec["beneficiaries_year"],
            results=spec["results"],
            challenges=spec["challenges"],
            source=self.source,
            source_position=spec["position"],
            synthetic=True,
        )


@transaction.atomic
def synchronise(n, seed=0, progress=None):
    """Make the catalogue hold exactly practices 1..n of `seed`; every other synthetic row goes.

    `progress(done, total)` is called as practices are made. Returns a Report.
    """
    if n < 0 or seed < 0:
        raise ValueError("The number of practices and the seed are whole numbers from 0.")
    kept, removed = _remove_unwanted(n, seed)
    missing = [i for i in range(1, n + 1) if i not in kept]
    report = Report(removed=removed)
    if missing:
        plan = Plan(seed)
        rows = Rows(plan)
        through = Practice.priority_areas.through
        for start in range(0, len(missing), BATCH):
            specs = [plan.practice(i) for i in missing[start : start + BATCH]]
            rows.ensure(specs)
            made = Practice.objects.bulk_create([rows.practice(spec) for spec in specs])
            through.objects.bulk_create(
                through(practice_id=practice.pk, priorityarea_id=rows.areas[slug])
                for practice, spec in zip(made, specs, strict=True)
                for slug in spec["areas"]
            )
            groups = Practice.target_groups.through
            groups.objects.bulk_create(
                groups(practice_id=practice.pk, targetgroup_id=rows.target_groups[slug])
                for practice, spec in zip(made, specs, strict=True)
                for slug in spec["target_groups"]
            )
            search_index.index([practice.pk for practice in made])
            report.created += len(made)
            if progress:
                progress(report.created, len(missing))
    _remove_unused()
    report.total = Practice.objects.filter(synthetic=True).count()
    refresh_planner_statistics()
    # Bulk writes send no signal: start a new content version, in this transaction (common/caching.py).
    bump_content_version()
    return report


def refresh_planner_statistics():
    """The planner's statistics after a bulk change, on both databases: without them it guesses
    that a search or a filter matches a handful of rows and picks plans for a handful.

    Outside a transaction on PostgreSQL this is VACUUM ANALYZE, which also marks the pages all-visible
    so that the facets' counts read the covering index alone (an index-only scan); VACUUM cannot
    run inside a transaction, where ANALYZE alone is done. The command calls it again after its
    transaction has committed.
    """
    tables = [Practice, Practice.priority_areas.through, Practice.target_groups.through]
    tables += [Institution, Country, Competition]
    tables += [SearchEntry, SearchTerm]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(table._meta.db_table) for table in tables)
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{verb} {names}")
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table._meta.db_table)}")
