"""CSV and JSON import and export of practices and institutions (django-import-export resources).

Rows name related objects by their public identifiers, never by database ids: institutions,
competitions, tiers, sources, priority areas, target groups and the practices one was adapted from by
slug, countries by ISO code. Each many-to-many relation is one column, slugs separated by ";"; the
evidence level is its slug, `in_place` true, false or empty. An export is a valid import: re-importing
it changes nothing.

Every import is all or nothing: rows are validated with the model's own rules (Model.full_clean(),
and check_priority_areas() for the areas) and an unknown identifier is an error naming the column and
the value; if any row fails, the whole file is rolled back and the result lists the failing rows.
Use `dry_run=True` for a preview that never writes.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from awards.models import AwardTier, Competition, PriorityArea
from common.history import hold_history, write_held_history
from regions.models import Country

from ..choices import Status
from ..models import PRACTICE_DATA_FIELDS, Institution, Practice, SourceDocument, TargetGroup
from ..roles import PUBLISH_PERMISSION
from .validation import check_priority_areas


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by its slug or code; an unknown value is a row error that names it."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("Unknown %(model)s %(field)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Related objects by slug, separated by ";"; unlike the stock widget, an unknown slug is an error."""

    def __init__(self, model, field="slug", separator=";", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return self.model.objects.none()
        keys = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {getattr(obj, self.field) for obj in found})
        if missing:
            raise ValueError(
                _("Unknown %(model)s: %(values)s.")
                % {"model": self.model._meta.verbose_name_plural, "values": ", ".join(missing)}
            )
        return found


class AtomicResource(resources.ModelResource):
    """A ModelResource whose imports run in one transaction that any failing row rolls back whole.

    import-export rolls back on row errors but, by default, keeps the valid rows when others fail
    validation; a half-imported file is what editors must never get.
    """

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True, **kwargs
        )

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # Files written on Windows carry "\r\n" inside multi-line cells; the catalogue stores "\n".
            for field in instance._meta.concrete_fields:
                value = getattr(instance, field.attname)
                if isinstance(field, models.TextField) and isinstance(value, str) and "\r" in value:
                    setattr(instance, field.attname, normalize_newlines(value))

    # One history entry per imported row, with the many-to-many values (see common.history).

    def before_save_instance(self, instance, row, **kwargs):
        instance._import_created = instance._state.adding
        hold_history(instance)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        user = kwargs.get("user")
        write_held_history(
            instance,
            created=instance.__dict__.pop("_import_created", False),
            reason=_("Imported from %(file)s") % {"file": kwargs.get("file_name") or _("a file")},
            user=user if user is not None and user.is_authenticated else None,
        )


class InstitutionResource(AtomicResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    country = fields.Field(
        attribute="country", column_name="country", widget=NaturalKeyWidget(Country, field="code")
    )

    class Meta:
        model = Institution
        fields = ("slug", "name", "original_name", "acronym", "country")
        import_id_fields = ("slug",)
        instance_loader_class = CachedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("country")


class PracticeResource(AtomicResource):
    """Practices, one per row, identified by `slug`: a new slug adds a practice, a known one updates it."""

    institution = fields.Field(
        attribute="institution", column_name="institution", widget=NaturalKeyWidget(Institution, field="slug")
    )
    country = fields.Field(
        attribute="country", column_name="country", widget=NaturalKeyWidget(Country, field="code")
    )
    competition = fields.Field(
        attribute="competition", column_name="competition", widget=NaturalKeyWidget(Competition, field="slug")
    )
    tier = fields.Field(
        attribute="tier", column_name="tier", widget=NaturalKeyWidget(AwardTier, field="slug")
    )
    priority_areas = fields.Field(
        attribute="priority_areas", column_name="priority_areas", widget=NaturalKeysWidget(PriorityArea)
    )
    source = fields.Field(
        attribute="source", column_name="source", widget=NaturalKeyWidget(SourceDocument, field="slug")
    )
    target_groups = fields.Field(
        attribute="target_groups", column_name="target_groups", widget=NaturalKeysWidget(TargetGroup)
    )
    # Practices already in the catalogue (a file's later rows are not there yet when a row is read).
    adapted_from = fields.Field(
        attribute="adapted_from", column_name="adapted_from", widget=NaturalKeysWidget(Practice)
    )

    class Meta:
        model = Practice
        fields = PRACTICE_DATA_FIELDS
        import_id_fields = ("slug",)
        instance_loader_class = CachedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "institution", "country", "competition", "tier", "source"
        ).prefetch_related("priority_areas", "target_groups", "adapted_from")

    def import_instance(self, instance, row, **kwargs):
        """Set the row's values, then check what Model.clean() cannot: priority areas, publishing rights."""
        errors = {}
        status_before = instance.status
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        field = self.fields["priority_areas"]
        if field.column_name in row:
            try:
                areas = field.clean(row)
            except ValueError as error:
                errors.setdefault("priority_areas", []).append(ValidationError(str(error)))
            else:
                if "competition" not in errors:
                    try:
                        check_priority_areas(instance.competition, areas)
                    except ValidationError as error:
                        errors = error.update_error_dict(errors)
        for name in ("target_groups", "adapted_from"):
            field = self.fields[name]
            if field.column_name not in row:
                continue
            try:
                related = field.clean(row)
            except ValueError as error:
                errors.setdefault(name, []).append(ValidationError(str(error)))
                continue
            if name == "adapted_from" and instance.slug in {other.slug for other in related}:
                errors.setdefault(name, []).append(
                    ValidationError(
                        _("A practice cannot be adapted from itself (%(slug)s).") % {"slug": instance.slug}
                    )
                )
        user = kwargs.get("user")
        if (
            user is not None
            and instance.status != status_before
            and Status.PUBLISHED in (instance.status, status_before)
            and not user.has_perm(PUBLISH_PERMISSION)
        ):
            errors.setdefault("status", []).append(
                ValidationError(_("You may not publish or unpublish practices; leave the status as it is."))
            )
        if errors:
            raise ValidationError(errors)
