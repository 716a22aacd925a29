"""Pages of the catalogue (minimal list and detail; the browsing experience builds on these)."""

from django.views.generic import DetailView, ListView

from .models import Practice


class PracticeListView(ListView):
    template_name = "catalogue/practice_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Practice.objects.published().select_related("institution", "country", "tier")


class PracticeDetailView(DetailView):
    template_name = "catalogue/practice_detail.html"

    def get_queryset(self):
        return Practice.objects.published().select_related("institution", "country", "tier", "competition")
