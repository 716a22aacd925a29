"""Helpers of the page tests: the real catalogue per test class, and reading server-rendered pages.

The page tests (catalogue/, regions/ and awards/ tests/test_views.py, test_feeds.py,
test_statistics.py) import `catalogue` from here, so they run on their own.
"""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="class")
def _pages_catalogue(django_db_setup, django_db_blocker):
    """The real catalogue (`load_catalogue`), loaded once per test class and rolled back after it.

    Each test runs in its own transaction (the `db` fixture) inside this one, so a test's writes
    are undone before the next. Expected numbers come from the source texts, not from this data.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_catalogue", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def catalogue(_pages_catalogue, db):
    """Request this (or mark a class with usefixtures("catalogue")) to read the real catalogue."""


CARD_LINK = re.compile(r'<h3 class="card-title"[^>]*><a href="(?:/[a-z]{2})?/practices/([^/"]+)/">')
TAG = re.compile(r"<[^>]+>")
INLINE_TAG = re.compile(r"</?(?:a|span|cite|strong|em|code|abbr)(?:\s[^>]*)?>")


def card_slugs(html):
    """Slugs of the practice cards, in page order."""
    return CARD_LINK.findall(html)


def text(html):
    """The page's text with tags removed and white space collapsed."""
    return " ".join(unescape(TAG.sub(" ", INLINE_TAG.sub("", html))).split())


def facet_option(html, name, value):
    """(checked, count) of the sidebar's checkbox `name`=`value`; None when it is not there."""
    pattern = re.compile(
        r'<input type="checkbox" id="(facet-[^"]+)" name="'
        + re.escape(name)
        + r'" value="'
        + re.escape(value)
        + r'"( checked)?>\s*<label for="\1">.*?<span class="count">(\d+)<',
        re.S,
    )
    match = pattern.search(html)
    if match is None:
        return None
    return bool(match.group(2)), int(match.group(3))


def section(html, heading_id):
    """The HTML of the <section> labelled by the heading with id `heading_id`."""
    start = html.index(">", html.index(f'aria-labelledby="{heading_id}"')) + 1
    return html[start : html.index("</section>", start)]
