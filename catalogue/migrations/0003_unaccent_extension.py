"""PostgreSQL's unaccent extension, used by accent-insensitive search (no-op on SQLite)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_initial")]

    operations = [UnaccentExtension()]
