"""Editors' history of changes, kept with django-simple-history: one entry per save, restore after delete.

simple-history keeps one history table per tracked model (``catalogue_historicalpractice`` and so on),
so the record of who changed what is plain rows anyone can query with SQL; ``diff_against()`` gives
field-by-field differences, its admin reverts to any earlier version, and a deletion adds a last
record instead of removing the history.

Two things it does not do on its own, added here:

- It writes a record on every ``post_save`` and on every ``m2m_changed``, so one admin save that
  changes a practice's summary and its priority areas would show as three entries (the save, the
  areas removed, the areas added). :func:`hold_history` / :func:`write_held_history` (and the
  :func:`single_history_entry` context manager built on them) make it one entry with the final state.
- It can revert objects that exist, but not bring back a deleted one: :func:`restore_deleted` does,
  with its many-to-many relations.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from simple_history import utils as history_utils
from simple_history.models import HistoricalRecords

# Tracked model -> its HistoricalRecords, to write a record by hand (simple-history keeps no registry).
_RECORDERS = {}

CREATED, CHANGED, DELETED = "+", "~", "-"


class History(HistoricalRecords):
    """simple-history's HistoricalRecords, remembering which model it tracks so that a record can be
    written on demand (`write_held_history`)."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            _RECORDERS[sender] = self
            pre_save.connect(_loaded_rows_add_no_history, sender=sender, weak=False)


def _loaded_rows_add_no_history(sender, instance, raw=False, **kwargs):
    """A raw save is loaddata's (a restore): the rows it loads come with their history. simple-history
    skips raw saves but not the many-to-many values loaddata sets after each, which would add a record
    for every practice with priority areas."""
    if raw:
        hold_history(instance)


def is_tracked(model):
    return model in _RECORDERS


def history_model(model):
    """The historical model of a tracked model (e.g. HistoricalPractice for Practice)."""
    return history_utils.get_history_model_for_model(model)


def m2m_field_names(model):
    """Names of the many-to-many fields whose history is kept with the model's."""
    return [field.name for field in history_model(model)._history_m2m_fields]


def hold_history(instance):
    """Stop simple-history from writing records for `instance` until write_held_history() is called."""
    instance.skip_history_when_saving = True


def write_held_history(instance, created, reason=None, user=None):
    """Write the single record for the saves and many-to-many changes made since hold_history().

    A change that changed nothing an editor can see (an admin form saved as it was: only
    `updated_at` moves) leaves no record, so the history lists changes, not saves.
    """
    if hasattr(instance, "skip_history_when_saving"):
        del instance.skip_history_when_saving
    if user is not None:
        instance._history_user = user
    if reason:
        # The reason column is 100 characters (simple-history's default); a long file name must not
        # make the write fail.
        limit = history_model(type(instance))._meta.get_field("history_change_reason").max_length
        instance._change_reason = str(reason)[:limit] if limit else str(reason)
    try:
        _RECORDERS[type(instance)].create_historical_record(instance, CREATED if created else CHANGED)
    finally:
        # simple-history reads the reason from the instance and leaves it there; a later save of the
        # same object must not inherit it.
        instance.__dict__.pop("_change_reason", None)
    if not created:
        record = getattr(instance, instance._meta.simple_history_manager_attribute).first()
        previous = record.prev_record
        if previous is not None and not record.diff_against(previous).changes:
            for name in m2m_field_names(type(instance)):
                getattr(record, name).all().delete()
            record.delete()


@contextmanager
def single_history_entry(instance, reason=None, user=None):
    """Record everything saved on `instance` inside the block (fields and many-to-many) as one entry.

    Nothing is recorded when the block raises: the transaction around it rolls the writes back.
    """
    created = instance._state.adding
    hold_history(instance)
    try:
        yield instance
    except BaseException:
        instance.__dict__.pop("skip_history_when_saving", None)
        raise
    write_held_history(instance, created, reason=reason, user=user)


def m2m_values(record, field_name):
    """Primary keys of the objects a historical record's many-to-many field held at that time."""
    field = record.instance_type._meta.get_field(field_name)
    target = history_utils.get_m2m_reverse_field_name(field)
    return [getattr(row, f"{target}_id") for row in getattr(record, field_name).all()]


def deleted_records(model):
    """The deletion records of objects that are deleted now (not restored since), newest first."""
    records = history_utils.get_history_manager_for_model(model).latest_of_each().filter(history_type=DELETED)
    # NOT EXISTS reads the primary-key index once per deletion record; "NOT IN (every pk)" would read
    # the whole table (100,000 practices) on each visit of the page.
    existing = model._base_manager.filter(pk=OuterRef(model._meta.pk.attname))
    return (
        records.exclude(Exists(existing))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


@transaction.atomic
def restore_deleted(record, user=None):
    """Bring a deleted object back from its deletion record, with the same primary key.

    Field values come from the deletion record. Its many-to-many relations come from the record
    before it: Django removes the relation rows before the deletion is recorded, so the deletion
    record itself holds none. Related objects deleted since are left out. The object is validated
    first (an object that took its slug meanwhile, or a foreign key to a row deleted since, is
    reported as a ValidationError and nothing is written), and the restore is one history entry.
    """
    model = record.instance_type
    if record.history_type != DELETED:
        raise ValidationError(_("Only a deletion record can be restored."))
    instance = record.instance
    if model._base_manager.filter(pk=instance.pk).exists():
        raise ValidationError(_("%(object)s exists: it has been restored already.") % {"object": instance})
    instance.full_clean()
    # auto_now_add fields would take the time of the restore on insert; keep the original value.
    kept = {
        f.attname: getattr(instance, f.attname)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False)
    }
    before = record.prev_record
    with single_history_entry(instance, reason=_("Restored after deletion"), user=user):
        instance.save(force_insert=True)
        if kept:
            model._base_manager.filter(pk=instance.pk).update(**kept)
            for attname, value in kept.items():
                setattr(instance, attname, value)
        if before is not None:
            for name in m2m_field_names(model):
                related = model._meta.get_field(name).related_model
                wanted = m2m_values(before, name)
                getattr(instance, name).set(related._base_manager.filter(pk__in=wanted))
    return instance

