"""The evidence rubric: what each level of Practice.evidence means, with an example, as /evidence/
publishes it and as editors apply it.

A level says how well a practice is known to work, not how good it is: a jury's recognition is an
opinion of the practice, not a measure of its effect, so an award entry whose source reports no
result stays "not assessed". Levels grow with what a reader could check: a figure, a series of
figures, a method, a comparison.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import Evidence


@dataclass(frozen=True)
class Level:
    slug: str
    name: str
    definition: str
    example: str


RUBRIC = (
    Level(
        Evidence.NOT_ASSESSED.value,
        Evidence.NOT_ASSESSED.label,
        _(
            "Nobody has said how well it works: the source describes what was done and reports no "
            "result. Recognition by a jury alone stays at this level."
        ),
        _(
            "An award entry whose summary says what the institution built, with no figure of what "
            "it achieved."
        ),
    ),
    Level(
        Evidence.REPORTED.value,
        Evidence.REPORTED.label,
        _(
            "The institution reports a result (people reached, time saved, a figure before and "
            "after) without saying how it was measured or who checked it."
        ),
        _(
            "Canada's automatic enrolment for the Old Age Security pension: the institution reports "
            "that approximately 60 per cent of all new pensioners were enrolled automatically."
        ),
    ),
    Level(
        Evidence.MONITORED.value,
        Evidence.MONITORED.label,
        _(
            "Results are measured routinely with stated indicators (a monitoring system, regular "
            "statistics), so that a trend over time can be seen."
        ),
        _(
            "A contact centre that has published its waiting times and resolution rates every month "
            "since it opened."
        ),
    ),
    Level(
        Evidence.EVALUATED.value,
        Evidence.EVALUATED.label,
        _(
            "A systematic evaluation, internal or external, with a stated method, assessed whether the "
            "practice met its objectives."
        ),
        _("An evaluation report or audit that compares the practice's targets with what it achieved."),
    ),
    Level(
        Evidence.IMPACT_EVALUATED.value,
        Evidence.IMPACT_EVALUATED.label,
        _(
            "A study with a comparison (a control group, a comparison area, a natural experiment) "
            "estimated the effect that can be attributed to the practice."
        ),
        _(
            "A quasi-experimental study of a return-to-work programme's effect on days of absence, "
            "against similar workers outside it."
        ),
    ),
)

LEVELS = {level.slug: level for level in RUBRIC}

assert tuple(LEVELS) == tuple(Evidence.values), "the rubric has one level per Evidence choice, in order"
