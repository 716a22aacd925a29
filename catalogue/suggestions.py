"""Suggestions for a search box while someone types (GET /api/v1/practices/suggest/?q=pen): the
countries, priority areas and institutions whose names have a word starting with each word typed,
then the practices whose title does, each with the address of its page.

The entities are few (a country per code, a dozen areas, some 1,500 institutions at 100,000
practices): their names are read once per content version, language and audience and matched here;
the practices are matched by the search index (PracticeQuerySet.completing), one query.
"""

from django.urls import reverse

from awards.models import PriorityArea
from common.caching import per_content_version, queryset_digest
from common.search import fold, words
from regions.models import Country

from .models import Institution, Practice

# Suggestions in one answer, and how many of them practices keep when entities would fill it.
LIMIT = 8
PRACTICES_KEPT = 3

KINDS = ("country", "priority_area", "institution", "practice")


# An entity as suggestions match it, a plain tuple (the cache unpickles tuples ten times faster than
# objects): (kind, label, path of its page, names, original name, original names). `names` are the
# folded words of its name (and code or acronym), `original names` those of its original name, each
# word with a space before it, so that " pen" in names means that a word of them starts with "pen".
KIND, LABEL, PATH, NAMES, ORIGINAL_NAME, ORIGINAL_NAMES = range(6)


def _spaced(*texts):
    return "".join(f" {word}" for text in texts for word in words(text))


def _entities(visible):
    countries = [
        ("country", c.display_name, c.get_absolute_url(), _spaced(c.display_name, c.name, c.code), "", "")
        for c in Country.objects.having_practices(visible)
    ]
    areas = [
        ("priority_area", a.display_name, a.get_absolute_url(), _spaced(a.display_name, a.name), "", "")
        for a in PriorityArea.objects.having_practices(visible)
    ]
    institutions = [
        (
            "institution",
            str(i),
            i.get_absolute_url(),
            _spaced(i.name, i.acronym),
            i.original_name,
            _spaced(i.original_name) if fold(i.original_name) != fold(i.name) else "",
        )
        for i in Institution.objects.having_practices(visible)
    ]
    return [*countries, *areas, *institutions]


def _label(entity, starts):
    """The entity's label when every start is in its names; with its original name when only that
    holds some of them; None when they are not all in either."""
    if all(start in entity[NAMES] for start in starts):
        return entity[LABEL]
    both = entity[NAMES] + entity[ORIGINAL_NAMES]
    if entity[ORIGINAL_NAMES] and all(start in both for start in starts):
        return f"{entity[LABEL]} / {entity[ORIGINAL_NAME]}"
    return None


def entities(visible):
    """Every country, priority area and institution with practices among `visible`, in that order and
    each by name: read once per content version, language (their names and their pages' addresses)
    and audience. Countries and priority areas are named in the active language and found by that
    name and by the English one."""
    return per_content_version("suggest:entities", lambda: _entities(visible), queryset_digest(visible))


def suggest(text, user, absolute=lambda path: path):
    """{"query", "results": [{"label", "kind", "url"}]}: at most LIMIT suggestions for `text`, the
    entities first, practices `user` may see after them (PRACTICES_KEPT places are theirs when they
    match). `absolute` makes a page's path a URL. Empty text suggests nothing, and reads nothing."""
    text = (text or "").strip()
    starts = [f" {word}" for word in words(text)]
    if not starts:
        return {"query": text, "results": []}
    visible = Practice.objects.visible_to(user)
    practices = list(visible.completing(text).values_list("title", "slug")[:LIMIT])
    found = []
    for entity in entities(visible):
        label = _label(entity, starts)
        if label is not None:
            found.append({"label": label, "kind": entity[KIND], "url": absolute(entity[PATH])})
            if len(found) == LIMIT:
                break
    found = found[: LIMIT - min(len(practices), PRACTICES_KEPT)]
    for title, slug in practices[: LIMIT - len(found)]:
        url = absolute(reverse("practice-detail", args=[slug]))
        found.append({"label": title, "kind": "practice", "url": url})
    return {"query": text, "results": found}
