"""The minimal practice pages: what they show, and that they carry no inline script or style."""

import re

import pytest
from django.urls import reverse

from catalogue.choices import Status
from catalogue.tests.factories import PracticeFactory


@pytest.mark.django_db
def test_list_shows_published_practices_only(client, practice):
    draft = PracticeFactory(status=Status.DRAFT)
    response = client.get(reverse("practice-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{practice.get_absolute_url()}"' in html
    assert practice.institution.name in html
    assert practice.country.name in html
    assert practice.tier.name in html
    assert draft.title not in html


@pytest.mark.django_db
def test_detail_shows_the_practice(client):
    practice = PracticeFactory(
        original_title="Pensiones <móviles>",
        original_title_language="es",
        summary="Para one.\n\n- item <a>\n- item b",
        jury_comment="Well done.",
    )
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="en">', html)
    assert '<span lang="es">Pensiones &lt;móviles&gt;</span>' in html
    assert "<p>Para one.</p>" in html
    assert "<ul><li>item &lt;a&gt;</li><li>item b</li></ul>" in html
    assert "Well done." in html
    for area in practice.priority_areas.all():
        assert area.name in html


@pytest.mark.django_db
def test_draft_detail_is_not_found(client):
    draft = PracticeFactory(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, practice):
    for url in (reverse("practice-list"), practice.get_absolute_url()):
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert "<style" not in html
        for attrs in re.findall(r"<script([^>]*)>", html):
            # JSON-LD is a data block: a browser does not run it, so a strict CSP allows it.
            assert "src=" in attrs or attrs == ' type="application/ld+json"', url
        assert '/static/css/site.css"' in html
