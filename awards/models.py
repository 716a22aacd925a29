"""Award competitions: the ISSA Good Practice Awards, their priority areas and tiers."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.history import History
from regions.names import display_name

from .querysets import AwardTierQuerySet, CompetitionQuerySet, PriorityAreaQuerySet


class PriorityArea(models.Model):
    """A topic of the ISSA Good Practice Awards (the 12 priority areas of 2017-2019)."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    triennium = models.CharField(max_length=20, blank=True, help_text=_("e.g. 2017-2019"))
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order in the source's list.")
    )

    objects = PriorityAreaQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("priority-area-detail", args=[self.slug])

    @property
    def display_name(self):
        """The name in the active language (regions/names.py)."""
        return display_name(self)

    def natural_key(self):
        return (self.slug,)


class AwardTier(models.Model):
    """A level of recognition, from the Award (rank 1) to the Attestation (rank 4)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, help_text=_("As the source prints it."))
    rank = models.PositiveSmallIntegerField(unique=True)

    objects = AwardTierQuerySet.as_manager()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rank__gte=1), name="award_tier_rank_positive"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practice-list") + f"?tier={self.slug}"

    @property
    def display_name(self):
        """The name in the active language (regions/names.py)."""
        return display_name(self)

    def natural_key(self):
        return (self.slug,)


class Competition(models.Model):
    """One regional round of an awards programme, with the totals its own document reports."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    programme = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="competitions"
    )
    year = models.PositiveSmallIntegerField()
    triennium = models.CharField(max_length=20, blank=True)
    forum = models.CharField(max_length=200, blank=True)
    jury = models.TextField(
        blank=True, help_text=_("Composition of the jury, as the source gives it.")
    )
    priority_areas = models.ManyToManyField(PriorityArea, blank=True, related_name="competitions")
    reported_entries = models.PositiveIntegerField(null=True, blank=True)
    reported_organizations = models.PositiveIntegerField(null=True, blank=True)
    reported_countries = models.PositiveIntegerField(null=True, blank=True)
    reported_certificates_of_merit = models.PositiveIntegerField(null=True, blank=True)
    reported_special_mentions = models.PositiveIntegerField(null=True, blank=True)
    source = models.ForeignKey(
        "catalogue.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competitions",
    )
    synthetic = models.BooleanField(
        default=False, editable=False, help_text=_("Made by generate_synthetic for tests and benchmarks.")
    )

    objects = CompetitionQuerySet.as_manager()
    history = History(m2m_fields=["priority_areas"])

    class Meta:
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2200),
                name="competition_year_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("competition-detail", args=[self.slug])

    @property
    def display_name(self):
        """The name in the active language (regions/names.py)."""
        return display_name(self)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["regions.region", "awards.priorityarea", "catalogue.sourcedocument"]
