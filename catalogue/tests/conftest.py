"""Users in each role, for the editors' tests (groups from catalogue.roles, rows from tests/factories.py)."""

import pytest
from django.contrib.auth import get_user_model

from catalogue.roles import EDITORS, VIEWERS, ensure_groups


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", is_staff=True, **extra)
    if group:
        user.groups.add(ensure_groups()[group])
    return user


@pytest.fixture
def editor(db):
    return make_user("edna", EDITORS)


@pytest.fixture
def viewer(db):
    return make_user("victor", VIEWERS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


# The API tests' fixtures (the real catalogue per test class, an API client, an editor with every
# practice permission), shared with regions/tests and awards/tests.
from .fixtures import _catalogue_for_class, api, api_editor, catalogue  # noqa: E402, F401
