"""Load the committed fixtures into the database without touching what editors made."""

from dataclasses import dataclass, field

from django.core import serializers
from django.db import transaction

from .fixture_builder import FIXTURE_FILES, fixtures_dir


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def add(self, bucket, model):
        counts = getattr(self, bucket)
        label = model._meta.label_lower
        counts[label] = counts.get(label, 0) + 1


@transaction.atomic
def load_catalogue(directory=None, update=False):
    """Load every fixture file in dependency order; idempotent.

    Rows are matched on their natural keys (slugs and codes). A row that is not in the database is
    created. A row that is already there is kept as it is, so an editor's correction survives a
    reload; with `update=True` the fixture's values overwrite it (rows only editors made are never
    touched either way, and nothing is deleted). Objects are saved through `Model.save()` so history
    and other signals see them like any other write.
    """
    directory = directory or fixtures_dir()
    report = LoadReport()
    for name in FIXTURE_FILES:
        with open(directory / name, encoding="utf-8") as handle:
            for item in serializers.deserialize("json", handle, handle_forward_references=False):
                instance = item.object
                exists = instance.pk is not None
                if exists and not update:
                    report.add("kept", type(instance))
                    continue
                instance.save()
                for relation, values in (item.m2m_data or {}).items():
                    getattr(instance, relation).set(values)
                report.add("updated" if exists else "created", type(instance))
    return report
