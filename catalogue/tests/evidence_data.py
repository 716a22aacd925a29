"""A small catalogue with evidence, for the tests of browsing by evidence (filters, facets, the
evidence panel, /evidence/): four published practices whose levels, outcomes, target groups and
whether they are in place differ, and a draft that no public count may include.

    practice        areas                  evidence          outcome            in place  groups
    pension-advice  service-quality        reported          successful         yes       older
    video-training  service-quality, ict   monitored         partly-successful  no        older, rural
    mobile-app      ict                    reported          successful         unknown   -
    rural-strategy  -                      impact-evaluated  unsuccessful       no        rural
    draft-practice  service-quality        evaluated         successful         yes       older

No practice is about good governance or for employers: those are the gaps.
"""

from dataclasses import dataclass

from awards.tests.factories import PriorityAreaFactory
from catalogue.choices import Evidence, Outcome, Status
from catalogue.models import Practice, TargetGroup
from catalogue.tests.factories import PracticeFactory


@dataclass
class EvidenceCatalogue:
    practices: dict
    areas: dict
    groups: dict


def build():
    areas = {
        "service-quality": PriorityAreaFactory(slug="service-quality", name="Service Quality", position=1),
        "ict": PriorityAreaFactory(slug="ict", name="Information and Communication Technology", position=2),
        "good-governance": PriorityAreaFactory(slug="good-governance", name="Good Governance", position=3),
    }
    groups = {
        "older-persons": TargetGroup.objects.create(slug="older-persons", name="Older persons", position=1),
        "rural-workers": TargetGroup.objects.create(slug="rural-workers", name="Rural workers", position=2),
        "employers": TargetGroup.objects.create(slug="employers", name="Employers", position=3),
    }
    rows = [
        ("pension-advice", ["service-quality"], Evidence.REPORTED, Outcome.SUCCESSFUL, True,
         ["older-persons"], {}),
        ("video-training", ["service-quality", "ict"], Evidence.MONITORED, Outcome.PARTLY_SUCCESSFUL,
         False, ["older-persons", "rural-workers"], {}),
        ("mobile-app", ["ict"], Evidence.REPORTED, Outcome.SUCCESSFUL, None, [], {}),
        ("rural-strategy", [], Evidence.IMPACT_EVALUATED, Outcome.UNSUCCESSFUL, False, ["rural-workers"],
         {"competition": None, "institution": None}),
        ("draft-practice", ["service-quality"], Evidence.EVALUATED, Outcome.SUCCESSFUL, True,
         ["older-persons"], {"status": Status.DRAFT}),
    ]  # fmt: skip
    practices = {}
    for slug, area_slugs, evidence, outcome, in_place, group_slugs, extra in rows:
        practice = PracticeFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            priority_areas=[areas[a] for a in area_slugs],
            evidence=evidence,
            outcome=outcome,
            in_place=in_place,
            **extra,
        )
        practice.target_groups.set([groups[g] for g in group_slugs])
        practices[slug] = practice
    assert Practice.objects.published().count() == 4
    return EvidenceCatalogue(practices, areas, groups)
