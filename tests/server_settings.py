"""The production settings for servers that tests start (tests/test_two_processes.py), with static
files served from the finders as in the tests themselves (conftest.py): no `collectstatic` needed."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
