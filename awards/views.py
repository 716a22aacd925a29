"""Pages of a priority area and of a competition: their facts and their practices."""

from django.http import Http404
from django.utils.translation import gettext as _

from catalogue.views import EntityPracticesView
from regions.querysets import countries

from .querysets import competitions, loaded_totals, priority_areas, tiers


def _get_or_404(queryset, message, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404(message) from error


class PriorityAreaDetailView(EntityPracticesView):
    template_name = "awards/priorityarea_detail.html"

    def get_object(self):
        return _get_or_404(
            priority_areas(), _("No priority area has this address."), slug=self.kwargs["slug"]
        )

    def practices_of(self, obj, practices):
        return practices.filter(priority_areas=obj)

    def browse_query(self, obj):
        return f"priority_area={obj.slug}"

    def facts(self, obj, visible):
        mine = visible.filter(priority_areas=obj)
        return {
            "area": obj,
            "competitions": list(obj.competitions.order_by("-year", "slug")),
            "countries": [
                c for c in countries().with_practice_counts(mine).order_by("name") if c.practice_count
            ],
        }


class CompetitionDetailView(EntityPracticesView):
    template_name = "awards/competition_detail.html"

    def get_object(self):
        return _get_or_404(
            competitions().for_detail(), _("No competition has this address."), slug=self.kwargs["slug"]
        )

    def practices_of(self, obj, practices):
        return practices.filter(competition=obj)

    def browse_query(self, obj):
        return f"competition={obj.slug}"

    def facts(self, obj, visible):
        mine = visible.filter(competition=obj)
        loaded = loaded_totals(obj, visible)
        totals = [
            (_("Entries"), obj.reported_entries, loaded["entries"]),
            (_("Organizations"), obj.reported_organizations, loaded["organizations"]),
            (_("Countries"), obj.reported_countries, loaded["countries"]),
            (
                _("Certificates of merit (special mentions included)"),
                obj.reported_certificates_of_merit,
                loaded["certificates_of_merit"],
            ),
            (
                _("Certificates of merit with special mention"),
                obj.reported_special_mentions,
                loaded["special_mentions"],
            ),
        ]
        return {
            "competition": obj,
            "totals": [{"label": label, "reported": reported, "loaded": n} for label, reported, n in totals],
            "tiers": list(tiers().with_practice_counts(mine).order_by("rank")),
            "areas": list(
                priority_areas()
                .filter(competitions=obj)
                .with_practice_counts(mine)
                .order_by("position", "slug")
            ),
        }
