"""Fixtures shared by the tests in tests/ (pytest-django; rows come from tests/factories.py)."""

import pytest

from .factories import PracticeFactory


@pytest.fixture
def practice(db):
    """One published award entry: institution, country, competition, tier, two priority areas."""
    return PracticeFactory()
