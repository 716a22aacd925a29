"""/feeds/practices/: an Atom feed of practices, taking the list's filters (a feed per view)."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import browsing
from .filtersets import PracticeFilterSet
from .models import Practice
from .templatetags.catalogue_text import text_blocks

FEED_SIZE = 50
FEED_PARAMS_IGNORED = ("page", "page_size")


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
        request.practice_filterset = filterset
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        filterset = request.practice_filterset
        self.query = browsing.query_without(request.GET, *FEED_PARAMS_IGNORED)
        return filterset

    def title(self, filterset):
        active = ", ".join(f"{name}={','.join(values)}" for name, values in filterset.active.items())
        base = _("Good-practice catalogue: practices")
        return f"{base} ({active})" if active else base

    def subtitle(self, filterset):
        return _("Social security good practices, from the documents that report them.")

    def link(self, filterset):
        return browsing.with_query(reverse("practice-list"), self.query)

    def feed_url(self, filterset):
        return browsing.with_query(reverse("practice-feed"), self.query)

    def items(self, filterset):
        queryset = filterset.qs
        if not filterset.form.cleaned_data.get("ordering") and not filterset.form.cleaned_data.get("search"):
            queryset = queryset.order_by("-updated_at", "slug")
        return queryset[:FEED_SIZE]

    def item_title(self, practice):
        return practice.title

    def item_description(self, practice):
        paragraphs = [b["text"] for b in text_blocks(practice.summary) if b["kind"] == "paragraph"]
        facts = [practice.country.name]
        if practice.institution:
            facts.insert(0, practice.institution.name)
        if practice.tier:
            facts.append(practice.tier.name)
        facts.append(str(practice.year))
        text = " · ".join(facts)
        return f"{text}. {paragraphs[0]}" if paragraphs else text

    def item_author_name(self, practice):
        return practice.institution.name if practice.institution else None

    def item_pubdate(self, practice):
        return practice.created_at

    def item_updateddate(self, practice):
        return practice.updated_at

    def item_categories(self, practice):
        return [area.name for area in practice.priority_areas.all()]
