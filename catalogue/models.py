"""The catalogue: source documents, institutions and practices."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.history import History
from common.identifiers import canonical
from common.querysets import NaturalKeyQuerySet

from .choices import Evidence, Outcome, Status
from .querysets import InstitutionQuerySet, PracticeQuerySet, SourceDocumentQuerySet

# Rows made by `generate_synthetic` (catalogue/services/synthetic.py) are marked, so that no page,
# export or count can pass them off as real practices, and removed by `--practices 0`.
SYNTHETIC_HELP = _("Made by generate_synthetic for tests and benchmarks: describes nothing real.")


# The years an evidence field may hold (when a practice started or ended, the year of a count): the
# admin, the API and imports refuse others.
FIRST_YEAR, LAST_YEAR = 1800, 2200
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class SourceDocument(models.Model):
    """A document the catalogue takes its text from; its text lives under fixtures/sources/."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Empty when the source gives none.")
    )
    language = models.CharField(max_length=8, default="en")
    path = models.CharField(max_length=200, help_text=_("File under fixtures/sources/."))
    description = models.TextField(blank=True)

    objects = SourceDocumentQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["-year", "slug"]

    def __str__(self):
        return f"{self.title} ({self.publisher}, {self.year or 'n.d.'})"

    def get_absolute_url(self):
        return reverse("practice-list") + f"?source={self.slug}"

    def natural_key(self):
        return (self.slug,)


class Institution(models.Model):
    """A social security institution, one record per real institution, named as the source prints it."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=250)
    original_name = models.CharField(
        max_length=250, blank=True, help_text=_("Name in its own language.")
    )
    acronym = models.CharField(max_length=20, blank=True)
    country = models.ForeignKey(
        "regions.Country", on_delete=models.PROTECT, related_name="institutions"
    )
    synthetic = models.BooleanField(default=False, editable=False, help_text=SYNTHETIC_HELP)

    objects = InstitutionQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["name", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="institution_unique_name_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("institution-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["regions.country"]


class TargetGroup(models.Model):
    """Whom a practice is for: a controlled vocabulary, seeded from the groups the sources name
    (fixtures/04_target_groups.json holds them, built from catalogue.services.evidence_facts by
    catalogue.services.fixture_builder); editors add groups in admin."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order in lists."))

    objects = NaturalKeyQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practice-list") + f"?target_group={self.slug}"

    def natural_key(self):
        return (self.slug,)


# A practice's data as editors write it through the API and as imports and exports carry it: one list,
# so a field added to the model is added to both or to neither.
PRACTICE_DATA_FIELDS = [
    "slug",
    "title",
    "original_title",
    "original_title_language",
    "institution",
    "country",
    "year",
    "competition",
    "tier",
    "priority_areas",
    "summary",
    "jury_comment",
    "status",
    "outcome",
    "lessons",
    "evidence",
    "implementation_started",
    "implementation_ended",
    "in_place",
    "last_verified",
    "target_groups",
    "beneficiaries_count",
    "beneficiaries_year",
    "beneficiaries_note",
    "results",
    "challenges",
    "adapted_from",
    "provenance",
    "source",
    "source_position",
    "last_reviewed",
]

# /api/v1/practices/facets/ is the facets endpoint: a practice with that slug would be unreachable.
RESERVED_PRACTICE_SLUGS = {"facets"}


class Practice(models.Model):
    """The catalogue's item: a practice of an institution, entered in a competition or cited by a source."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=400)
    original_title = models.CharField(max_length=400, blank=True)
    original_title_language = models.CharField(max_length=8, blank=True)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="practices"
    )
    country = models.ForeignKey(
        "regions.Country", on_delete=models.PROTECT, related_name="practices"
    )
    year = models.PositiveSmallIntegerField(
        help_text=_("Year of the competition or of the source.")
    )
    competition = models.ForeignKey(
        "awards.Competition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
    )
    tier = models.ForeignKey(
        "awards.AwardTier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
    )
    priority_areas = models.ManyToManyField(
        "awards.PriorityArea", blank=True, related_name="practices"
    )
    summary = models.TextField(
        blank=True, help_text=_("Paragraphs separated by a blank line; list items start with '- '.")
    )
    jury_comment = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.NOT_ASSESSED)
    lessons = models.TextField(blank=True)
    # Evidence (catalogue/evidence.py): what a practitioner choosing what to adopt weighs. What the
    # sources do not state stays empty (or "not assessed"), never guessed.
    evidence = models.CharField(
        max_length=20, choices=Evidence.choices, default=Evidence.NOT_ASSESSED, db_index=True
    )
    implementation_started = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year the practice started, where known."),
    )
    implementation_ended = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Year it ended, where it has.")
    )
    in_place = models.BooleanField(
        null=True, blank=True, help_text=_("Still in place: yes, no, or unknown (empty).")
    )
    last_verified = models.DateField(
        null=True, blank=True, help_text=_("When someone last checked whether it is still in place.")
    )
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="practices")
    beneficiaries_count = models.PositiveBigIntegerField(
        null=True, blank=True, help_text=_("People reached, as the source counts them.")
    )
    beneficiaries_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Year of that count.")
    )
    beneficiaries_note = models.CharField(
        max_length=300, blank=True, help_text=_("What the count counts, in the source's words.")
    )
    results = models.TextField(blank=True, help_text=_("What it achieved, and how that was measured."))
    challenges = models.TextField(blank=True, help_text=_("What did not work, and why."))
    adapted_from = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="adopted_by",
        help_text=_("Practices this one was adapted from (their pages list this one as adopted by)."),
    )
    provenance = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Where the practice came from when not from a source document: a proposal."),
    )
    source = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="practices"
    )
    source_position = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Order of the entry in its source document.")
    )
    last_reviewed = models.DateField(null=True, blank=True)
    synthetic = models.BooleanField(default=False, editable=False, help_text=SYNTHETIC_HELP)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # One more on every save: what an editor's If-Match (API) or opened form (admin) is checked
    # against, so that a save made from a stale copy is refused (catalogue/services/editing.py).
    revision = models.PositiveIntegerField(
        default=1, editable=False, help_text=_("Counts the saves of this practice: 1 when added.")
    )

    objects = PracticeQuerySet.as_manager()
    history = History(m2m_fields=["priority_areas", "target_groups", "adapted_from"])

    class Meta:
        ordering = ["title", "slug"]
        permissions = [("publish_practice", _("Can publish and withdraw practices"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tier__isnull=True) | models.Q(competition__isnull=False),
                name="practice_tier_needs_competition",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="practice_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=[o.value for o in Outcome]),
                name="practice_outcome_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(evidence__in=[e.value for e in Evidence]),
                name="practice_evidence_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(implementation_ended__isnull=True)
                | models.Q(implementation_started__isnull=True)
                | models.Q(implementation_ended__gte=models.F("implementation_started")),
                name="practice_implementation_ends_after_start",
            ),
        ]
        indexes = [
            # The facets' counts of a filtered list (catalogue/facets.py) read what they group on from
            # this index alone (an index-only scan), not from the wide rows.
            models.Index(
                fields=["status", "year", "country", "tier", "institution", "id"], name="practice_facets"
            ),
            # The feeds' order, newest change first (catalogue/feeds.py): the first 50 without a sort.
            models.Index(fields=["-updated_at", "slug"], name="practice_updated"),
            # The admin's list reads its default order (title, slug) and its sort by year from these,
            # a page at a time, instead of sorting every practice (catalogue.admin.PracticeAdmin).
            models.Index(fields=["title", "slug"], name="practice_title_slug"),
            models.Index(fields=["year"], name="practice_year"),
            # The admin's "synthetic" filter: finds the few real practices among 100,000 synthetic ones.
            models.Index(fields=["synthetic"], name="practice_synthetic"),
            # The sitemap's read (for_sitemap): published practices by slug with their last change,
            # answered from this index alone, so a part deep in the list skips entries, not rows.
            models.Index(
                fields=["slug", "updated_at", "id"],
                condition=models.Q(status=Status.PUBLISHED.value),
                name="practice_published_sitemap",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Count the save in `revision`. Exact when the writer read the row under its lock, as the
        editors' writes do (catalogue.services.editing.locked); a row being added keeps its value
        (1, or the old one when restore_deleted() brings a practice back)."""
        if not self._state.adding and not kwargs.get("force_insert"):
            self.revision += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("practice-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = [
        "catalogue.institution",
        "catalogue.sourcedocument",
        "awards.competition",
        "awards.awardtier",
        "awards.priorityarea",
        "regions.country",
    ]

    def was_published(self):
        """True once the practice has been public (now or in its history): its slug is then in links."""
        if self.pk is None:
            return False
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()
        return stored == Status.PUBLISHED or self.history.filter(status=Status.PUBLISHED).exists()

    def clean(self):
        """Rules that hold for admin, API writes and imports alike.

        Priority areas are checked apart (catalogue.services.validation.check_priority_areas): a new
        practice has no many-to-many values before it is saved.
        """
        errors = {}
        if self.slug and self.slug != canonical("slug", self.slug):
            errors["slug"] = _("A slug is in lower case: %(slug)s.") % {"slug": canonical("slug", self.slug)}
        elif self.slug in RESERVED_PRACTICE_SLUGS:
            errors["slug"] = _("%(slug)s is the address of another page; choose another slug.") % {
                "slug": self.slug
            }
        if self.tier_id and not self.competition_id:
            errors["tier"] = _("A tier can only be given to a practice entered in a competition.")
        if self.competition_id:
            if not self.institution_id:
                errors["institution"] = _("An award entry needs the institution that entered it.")
            if self.year is not None and self.year != self.competition.year:
                errors["year"] = _("An award entry's year is its competition's year, %(year)s.") % {
                    "year": self.competition.year
                }
        if self.pk is not None and self.slug:
            stored_slug = type(self)._base_manager.filter(pk=self.pk).values_list("slug", flat=True).first()
            if stored_slug is not None and stored_slug != self.slug and self.was_published():
                errors["slug"] = _(
                    "A practice that has been published keeps its slug (%(slug)s): links to it would break."
                ) % {"slug": stored_slug}
        if (
            self.institution_id
            and self.country_id
            and self.institution.country_id != self.country_id
        ):
            errors["country"] = _("The country must be the institution's country.")
        started, ended = self.implementation_started, self.implementation_ended
        if started is not None and ended is not None and ended < started:
            errors["implementation_ended"] = _(
                "The practice cannot end (%(ended)s) before it started (%(started)s)."
            ) % {"ended": ended, "started": started}
        elif ended is not None and self.in_place:
            errors["in_place"] = _(
                "A practice that ended in %(ended)s is not in place; clear the end year or say no."
            ) % {"ended": ended}
        if self.beneficiaries_year is not None and self.beneficiaries_count is None:
            errors["beneficiaries_year"] = _("A year is the year of a count: give the count too.")
        if errors:
            raise ValidationError(errors)


# A search entry's tier_order when its practice has no tier: above any tier's rank.
NO_TIER_ORDER = 32767


class SearchEntry(models.Model):
    """What the search index holds of one practice: the terms (common.analysis) of its title and
    original title, of its institution's names, and of its summary and jury comment.

    Written by catalogue.services.search_index on every write of the practice or of its institution,
    in the write's transaction. Each database indexes the three texts with its own full-text engine:
    on PostgreSQL GIN indexes of stored generated tsvector columns the model does not list
    (catalogue.search.POSTGRESQL_DOCUMENTS, migration 0016); on SQLite an FTS5 table kept by
    triggers (migrations 0011 and 0015). Both receive
    the same terms, so both find the same practices. The table is narrow on purpose: a search that
    matches half the catalogue visits its rows, not the practices' wide ones.
    """

    practice = models.OneToOneField(
        Practice, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField(blank=True)
    institution = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The practice's tier rank (NO_TIER_ORDER without a tier: after every rank, as the practices'
    # own order puts them) and year, the first keys a search's equal matches are ordered by
    # (querysets.SEARCH_ORDERING): with the index below, a page of the matches of one rank is read
    # by walking the entries in that order (PracticeQuerySet.page_rows), not by sorting them all.
    tier_order = models.PositiveSmallIntegerField(default=NO_TIER_ORDER)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [models.Index(F("tier_order"), F("year").desc(), name="searchentry_order")]

    def __str__(self):
        return f"search entry of practice {self.practice_id}"


class SearchTerm(models.Model):
    """The catalogue's vocabulary: each term the index holds, the words the texts write it with
    (what a correction offers), and how many practices hold it (what similarity weighs it by)."""

    term = models.CharField(max_length=100, primary_key=True)
    # Up to WORDS_PER_TERM folded words, space-separated, the most frequent first when rebuilt.
    words = models.CharField(max_length=510)
    practices = models.PositiveIntegerField(default=0)

    WORDS_PER_TERM = 5

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term
