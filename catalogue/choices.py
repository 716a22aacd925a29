"""Choices of the catalogue; the values are public identifiers (API filters, CSV)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    SUCCESSFUL = "successful", _("Successful")
    PARTLY_SUCCESSFUL = "partly-successful", _("Partly successful")
    UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")
    NOT_ASSESSED = "not-assessed", _("Not assessed")


class Evidence(models.TextChoices):
    """How well a practice is known to work: the rubric's five levels, weakest first
    (catalogue/evidence.py gives each its definition and an example; /evidence/ publishes them)."""

    NOT_ASSESSED = "not-assessed", _("Not assessed")
    REPORTED = "reported", _("Reported")
    MONITORED = "monitored", _("Monitored")
    EVALUATED = "evaluated", _("Evaluated")
    IMPACT_EVALUATED = "impact-evaluated", _("Impact evaluated")
