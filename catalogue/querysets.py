"""Read shaping for practices: every join and annotation a page or the API needs lives here."""

from django.db import models


class PracticeQuerySet(models.QuerySet):
    def published(self):
        """Practices the public may see."""
        return self.filter(status="published")

    def visible_to(self, user):
        """Published practices for everyone; drafts and withdrawn ones too for users who may view them."""
        if user is not None and user.is_authenticated and user.has_perm("catalogue.view_practice"):
            return self
        return self.published()


class PracticeManager(models.Manager.from_queryset(PracticeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
