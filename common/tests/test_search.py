"""Folding and the one word search, on PostgreSQL and SQLite alike (on Django's own groups, so that
common's tests need no app of the project)."""

import pytest
from django.contrib.auth.models import Group

from common.identifiers import canonical
from common.search import fold, matching_all_words, words


def test_fold_strips_accents_case_and_typographic_apostrophes():
    assert fold("Mi ANSES Móvil") == "mi anses movil"
    assert fold("Workers\u2019 Circle \u2013 Uruguay") == "workers' circle - uruguay"
    assert fold(None) is None


def test_words_drop_punctuation():
    assert words("Mi ANSES, Móvil!") == ["mi", "anses", "movil"]
    assert words("«¿?»") == []
    assert words(None) == []


@pytest.mark.django_db
def test_every_word_in_one_of_the_fields_whatever_the_accents_and_case():
    Group.objects.create(name="Caja de Jubilaciones Bancarias")
    Group.objects.create(name="Banco de Previsión Social")
    groups = Group.objects.order_by("name")
    assert [g.name for g in matching_all_words(groups, ["name"], "PREVISION social")] == [
        "Banco de Previsión Social"
    ]
    assert [g.name for g in matching_all_words(groups, ["name"], "de")] == [
        "Banco de Previsión Social",
        "Caja de Jubilaciones Bancarias",
    ]
    assert list(matching_all_words(groups, ["name"], "previsión jubilaciones")) == []
    assert list(matching_all_words(groups, ["name"], "!!")) == []


def test_identifiers_codes_upper_slugs_lower():
    assert canonical("code", " uy ") == "UY"
    assert canonical("slug", "Service-Quality") == "service-quality"
