"""Load the committed fixtures into the database without touching what editors made."""

import json
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core import serializers
from django.db import transaction

from common.history import deleted_records, is_tracked, single_history_entry

from .fixture_builder import FIXTURE_FILES, fixtures_dir

HISTORY_REASON = "Loaded from the fixtures (load_catalogue)"


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    deleted_by_editors: dict = field(default_factory=dict)

    def add(self, bucket, model):
        counts = getattr(self, bucket)
        label = model._meta.label_lower
        counts[label] = counts.get(label, 0) + 1


@transaction.atomic
def load_catalogue(directory=None, update=False):
    """Load every fixture file in dependency order; idempotent.

    Rows are matched on their natural keys (slugs and codes). A row that is not in the database is
    created. A row that is already there is kept as it is, so an editor's correction survives a
    reload; with `update=True` the fixture's values overwrite the fields the fixture gives (rows only
    editors made are never touched either way, and nothing is deleted). Objects are saved through
    `Model.save()` so history and other signals see them like any other write: one history entry
    per row, with its many-to-many relations.

    A row an editor deleted (its history ends with a deletion) is not brought back: deleting is an
    editor's decision like any other, and admin's "Deleted ..." list restores it if it was a mistake.
    """
    directory = directory or fixtures_dir()
    report = LoadReport()
    deleted_slugs = {}
    for name in FIXTURE_FILES:
        with open(directory / name, encoding="utf-8") as handle:
            raw_objects = json.load(handle)
        items = serializers.deserialize("python", raw_objects, handle_forward_references=False)
        for raw, item in zip(raw_objects, items, strict=True):
            instance = item.object
            model = type(instance)
            if instance.pk is None and _deleted_by_editors(instance, deleted_slugs):
                report.add("deleted_by_editors", model)
            elif instance.pk is None:
                with _one_history_entry(instance):
                    instance.save()
                    for relation, values in (item.m2m_data or {}).items():
                        getattr(instance, relation).set(values)
                report.add("created", model)
            elif update and _update(instance, raw["fields"], item.m2m_data or {}):
                report.add("updated", model)
            else:
                report.add("kept", model)
    return report


def _one_history_entry(instance):
    if is_tracked(type(instance)):
        return single_history_entry(instance, reason=HISTORY_REASON)
    return nullcontext()


def _deleted_by_editors(instance, cache):
    """True when a row with this slug was deleted and not restored since (one query per model)."""
    model = type(instance)
    if not is_tracked(model) or not hasattr(instance, "slug"):
        return False
    if model not in cache:
        cache[model] = {record.slug for record in deleted_records(model)}
    return instance.slug in cache[model]


def _update(fixture, field_names, m2m_data):
    """Give the stored row the fixture's values for the fields the fixture lists; True if any changed.

    Only those fields are written: the deserialized object leaves every other field at its default,
    and saving it whole would wipe values the fixture does not carry (`created_at`, for one). A row
    whose values already match is not saved, so a repeated `--update` writes nothing.
    """
    model = type(fixture)
    current = model._default_manager.get(pk=fixture.pk)
    changed = []
    for name in field_names:
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            continue
        value = getattr(fixture, model_field.attname)
        if getattr(current, model_field.attname) != value:
            setattr(current, model_field.attname, value)
            changed.append(name)
    with _one_history_entry(current):
        if changed:
            current.save()
        for relation, values in m2m_data.items():
            manager = getattr(current, relation)
            wanted = {model._meta.get_field(relation).related_model._meta.pk.to_python(v) for v in values}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(values)
                changed.append(relation)
    return bool(changed)
