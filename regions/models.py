"""Where practices come from: the ISSA's regions, countries and liaison offices."""

from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.history import History

from .names import display_name
from .querysets import CountryQuerySet, LiaisonOfficeQuerySet, RegionQuerySet


class Region(models.Model):
    """One of the four ISSA regions (Africa, Americas, Asia and the Pacific, Europe)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order in lists."))

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("region-detail", args=[self.slug])

    @property
    def display_name(self):
        """The name in the active language (regions/names.py)."""
        return display_name(self)

    def natural_key(self):
        return (self.slug,)


class Country(models.Model):
    """A country, identified by its ISO 3166-1 alpha-2 code in upper case."""

    code = models.CharField(max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, upper case."))
    name = models.CharField(max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries")
    synthetic = models.BooleanField(
        default=False, editable=False, help_text=_("Made by generate_synthetic for tests and benchmarks.")
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name", "code"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code=Upper("code")) & models.Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_iso_alpha2_upper",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country-detail", args=[self.code])

    @property
    def display_name(self):
        """The name in the active language (regions/names.py)."""
        return display_name(self)

    def natural_key(self):
        return (self.code,)

    natural_key.dependencies = ["regions.region"]


class LiaisonOffice(models.Model):
    """An ISSA liaison office: its region, the countries it serves and what its source says of them."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="liaison_offices")
    countries = models.ManyToManyField(Country, blank=True, related_name="liaison_offices")
    countries_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Where the list of countries served comes from."),
    )
    population = models.PositiveBigIntegerField(
        null=True, blank=True, help_text=_("Approximate population of the countries served.")
    )
    social_protection_share = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Per cent of the population covered by social protection."),
    )
    description = models.TextField(blank=True)
    language = models.CharField(max_length=8, default="en", help_text=_("Language of the description."))
    source = models.ForeignKey(
        "catalogue.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaison_offices",
    )

    objects = LiaisonOfficeQuerySet.as_manager()
    history = History(m2m_fields=["countries"])

    class Meta:
        ordering = ["name", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(social_protection_share__isnull=True)
                | models.Q(social_protection_share__gte=0, social_protection_share__lte=100),
                name="liaison_office_share_is_percentage",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("liaison-office-detail", args=[self.slug])

    @property
    def display_name(self):
        """The name in the active language (regions/names.py)."""
        return display_name(self)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["regions.region", "regions.country", "catalogue.sourcedocument"]
