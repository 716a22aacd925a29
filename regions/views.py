"""Pages of a country, a region and a liaison office: their facts and their practices."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.querysets import competitions, priority_areas, tiers
from catalogue.querysets import institutions
from catalogue.views import EntityPracticesView

from .querysets import countries, liaison_offices, regions


def _get_or_404(queryset, message, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404(message) from error


class CountryDetailView(EntityPracticesView):
    template_name = "regions/country_detail.html"

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if code != code.upper():
            # Codes are upper case in every identifier of the catalogue; /countries/uy/ is a typo.
            url = reverse("country-detail", args=[code.upper()])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return _get_or_404(countries().for_detail(), _("No country has this code."), code=self.kwargs["code"])

    def practices_of(self, obj, practices):
        return practices.filter(country=obj)

    def browse_query(self, obj):
        return f"country={obj.code}"

    def facts(self, obj, visible):
        mine = visible.filter(country=obj)
        return {
            "country": obj,
            "liaison_offices": list(obj.liaison_offices.order_by("name", "slug")),
            "institutions": [
                i
                for i in institutions().filter(country=obj).with_practice_counts(visible)
                if i.practice_count
            ],
            "tiers": [t for t in tiers().with_practice_counts(mine).order_by("rank") if t.practice_count],
            "areas": [a for a in priority_areas().with_practice_counts(mine) if a.practice_count],
        }


class RegionDetailView(EntityPracticesView):
    template_name = "regions/region_detail.html"

    def get_object(self):
        return _get_or_404(regions(), _("No region has this address."), slug=self.kwargs["slug"])

    def practices_of(self, obj, practices):
        return practices.filter(country__region=obj)

    def browse_query(self, obj):
        return f"region={obj.slug}"

    def facts(self, obj, visible):
        return {
            "region": obj,
            "countries": list(countries().filter(region=obj).with_practice_counts(visible).order_by("name")),
            "liaison_offices": list(liaison_offices().filter(region=obj).with_practice_counts(visible)),
            "competitions": list(competitions().filter(region=obj).with_practice_counts(visible)),
        }


class LiaisonOfficeDetailView(EntityPracticesView):
    template_name = "regions/liaisonoffice_detail.html"

    def get_object(self):
        return _get_or_404(
            liaison_offices().for_detail(), _("No liaison office has this address."), slug=self.kwargs["slug"]
        )

    def practices_of(self, obj, practices):
        return practices.filter(country__liaison_offices=obj)

    def browse_query(self, obj):
        return f"liaison_office={obj.slug}"

    def facts(self, obj, visible):
        return {
            "office": obj,
            "countries": list(
                countries().filter(liaison_offices=obj).with_practice_counts(visible).order_by("name")
            ),
        }
