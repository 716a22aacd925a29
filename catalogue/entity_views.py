"""Pages of a country, region, liaison office, priority area, competition and institution: what the
catalogue knows of each and the practices the reader may see, as /practices/ would list them.

They live in the catalogue, not in the apps of their models: what they show is practices.
"""

from functools import cached_property

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import AwardTier, Competition, PriorityArea
from common.identifiers import canonical
from common.querystring import with_query
from common.views import ObjectListView, get_object_or_404
from regions.models import Country, LiaisonOffice, Region
from regions.names import sort_by_name

from .filtersets import PracticeFilterSet
from .listing import FILTER_LABELS
from .models import Institution, Practice


class EntityPracticesView(ObjectListView):
    """Base of the pages of one object and its practices.

    `browse_param` is the /practices/ filter that selects the object's practices (`country`,
    `institution`, ...): the page lists what that filter gives, in the list's default order, and
    links to the list with it, so the two always agree. Subclasses give `get_object()` and
    `get_facts(obj)`, which may read `visible` (what the reader may see) and `practices_of(obj)`.
    """

    parameter_labels = FILTER_LABELS
    browse_param = None

    @cached_property
    def visible(self):
        return Practice.objects.visible_to(self.request.user)

    @property
    def browse_filter(self):
        return PracticeFilterSet.base_filters[self.browse_param]

    def practices_of(self, obj, practices=None):
        return self.browse_filter.filter(self.visible if practices is None else practices, [obj])

    def get_items(self, obj):
        return self.practices_of(obj, self.visible.for_list()).default_order()

    def get_context_data(self, **kwargs):
        key = self.browse_filter.keys([self.object])[0]
        browse_url = with_query(reverse("practice-list"), f"{self.browse_param}={key}")
        return {**super().get_context_data(**kwargs), "browse_url": browse_url}


class CountryDetailView(EntityPracticesView):
    template_name = "regions/country_detail.html"
    browse_param = "country"

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if code != canonical("code", code):
            # Codes are upper case in every identifier of the catalogue; /countries/uy/ is a typo.
            url = reverse("country-detail", args=[canonical("code", code)])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(
            Country.objects.for_detail(), _("No country has this code."), code=self.kwargs["code"]
        )

    def get_facts(self, obj):
        mine = self.practices_of(obj)
        return {
            "country": obj,
            "liaison_offices": list(obj.liaison_offices.order_by("name", "slug")),
            "institutions": list(Institution.objects.filter(country=obj).having_practices(self.visible)),
            "tiers": list(AwardTier.objects.having_practices(mine)),
            "areas": list(PriorityArea.objects.having_practices(mine)),
        }


class RegionDetailView(EntityPracticesView):
    template_name = "regions/region_detail.html"
    browse_param = "region"

    def get_object(self):
        return get_object_or_404(
            Region.objects.all(), _("No region has this address."), slug=self.kwargs["slug"]
        )

    def get_facts(self, obj):
        visible = self.visible
        return {
            "region": obj,
            "countries": sort_by_name(Country.objects.filter(region=obj).with_practice_counts(visible)),
            "liaison_offices": list(LiaisonOffice.objects.filter(region=obj).with_practice_counts(visible)),
            "competitions": list(Competition.objects.filter(region=obj).with_practice_counts(visible)),
        }


class LiaisonOfficeDetailView(EntityPracticesView):
    template_name = "regions/liaisonoffice_detail.html"
    browse_param = "liaison_office"

    def get_object(self):
        return get_object_or_404(
            LiaisonOffice.objects.for_detail(),
            _("No liaison office has this address."),
            slug=self.kwargs["slug"],
        )

    def get_facts(self, obj):
        served = Country.objects.filter(liaison_offices=obj)
        return {"office": obj, "countries": sort_by_name(served.with_practice_counts(self.visible))}


class PriorityAreaDetailView(EntityPracticesView):
    template_name = "awards/priorityarea_detail.html"
    browse_param = "priority_area"

    def get_object(self):
        return get_object_or_404(
            PriorityArea.objects.all(), _("No priority area has this address."), slug=self.kwargs["slug"]
        )

    def get_facts(self, obj):
        return {
            "area": obj,
            "competitions": list(obj.competitions.all()),
            "countries": sort_by_name(Country.objects.having_practices(self.practices_of(obj))),
        }


class CompetitionDetailView(EntityPracticesView):
    template_name = "awards/competition_detail.html"
    browse_param = "competition"

    def get_object(self):
        return get_object_or_404(
            Competition.objects.for_detail(), _("No competition has this address."), slug=self.kwargs["slug"]
        )

    def get_facts(self, obj):
        mine = self.practices_of(obj)
        loaded = self.visible.competition_totals(obj)
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
            "tiers": list(AwardTier.objects.with_practice_counts(mine)),
            "areas": list(PriorityArea.objects.filter(competitions=obj).with_practice_counts(mine)),
        }


class InstitutionDetailView(EntityPracticesView):
    template_name = "catalogue/institution_detail.html"
    browse_param = "institution"

    def get_object(self):
        return get_object_or_404(
            Institution.objects.for_list(), _("No institution has this address."), slug=self.kwargs["slug"]
        )

    def get_facts(self, obj):
        mine = self.practices_of(obj)
        return {
            "institution": obj,
            "tiers": list(AwardTier.objects.having_practices(mine)),
            "areas": list(PriorityArea.objects.having_practices(mine)),
        }
