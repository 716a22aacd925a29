"""/feeds/practices/: an Atom feed of practices, taking the list's filters (a feed per view)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from common.querystring import query_without, with_query
from common.text import paragraphs

from .filtersets import PracticeFilterSet
from .listing import FILTER_LABELS, chosen
from .models import Practice

FEED_SIZE = 50
FEED_PARAMS_IGNORED = ("page", "page_size")


@dataclass(frozen=True)
class FeedView:
    """What one request's feed is about: its validated filters and the query string they came from.

    The feed object is shared by every request (it is the URL's view), so what belongs to one
    request travels in this object, which Feed hands to each of the methods below.
    """

    filterset: PracticeFilterSet
    query: str


class PracticeFeed(Feed):
    """The practices of a /practices/ view, most recently changed first (or in the view's `ordering`).

    Invalid parameters answer 400 in plain text naming them, like the list page and the API.
    """

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        filterset = PracticeFilterSet(
            request.GET, queryset=Practice.objects.published().for_list(), request=request
        )
        if not filterset.is_valid():
            lines = [f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()]
            return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
        return super().__call__(request, *args, filterset=filterset, **kwargs)

    def get_object(self, request, *args, filterset, **kwargs):
        return FeedView(filterset, query_without(request.GET, *FEED_PARAMS_IGNORED))

    def title(self, view):
        """The catalogue's name, then the view's filters as its chips name them (in the reader's
        language): "Good-practice catalogue: practices (Country: Uruguay; Award tier: Certificate of
        merit)"."""
        filterset = view.filterset
        named = [
            (FILTER_LABELS.get(name, name), [label for _typed, _key, label in chosen(filterset, name)])
            for name in filterset.active
            if name != filterset.ordering_param
        ]
        active = "; ".join(f"{name}: {', '.join(labels)}" for name, labels in named)
        base = _("Good-practice catalogue: practices")
        return f"{base} ({active})" if active else base

    def subtitle(self, view):
        return _("Social security good practices, from the documents that report them.")

    def link(self, view):
        return with_query(reverse("practice-list"), view.query)

    def feed_url(self, view):
        return with_query(reverse("practice-feed"), view.query)

    def items(self, view):
        queryset = view.filterset.qs
        cleaned = view.filterset.form.cleaned_data
        if not cleaned.get("ordering") and not cleaned.get("search"):
            queryset = queryset.order_by("-updated_at", "slug")
        return queryset[:FEED_SIZE]

    def item_title(self, practice):
        return practice.title

    def item_description(self, practice):
        first = paragraphs(practice.summary)[:1]
        facts = [practice.country.display_name]
        if practice.institution:
            facts.insert(0, practice.institution.name)
        if practice.tier:
            facts.append(practice.tier.display_name)
        facts.append(str(practice.year))
        text = " · ".join(facts)
        return f"{text}. {first[0]}" if first else text

    def item_author_name(self, practice):
        return practice.institution.name if practice.institution else None

    def item_pubdate(self, practice):
        return practice.created_at

    def item_updateddate(self, practice):
        return practice.updated_at

    def item_categories(self, practice):
        return [area.display_name for area in practice.priority_areas.all()]
