"""Reading server-rendered pages in tests: the practices a page lists, facet options, plain text,
the sitemap's parts.

The real catalogue comes from the `catalogue` fixture (catalogue/tests/fixtures.py, shared by the
API and page tests through the root conftest.py).
"""

import re
import xml.etree.ElementTree as ET
from html import unescape

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


def between(html, start, end):
    """The HTML from the first `start` to the next `end` (both included)."""
    begin = html.index(start)
    return html[begin : html.index(end, begin) + len(end)]


def get(client, url, status=200):
    """The HTML of `url`, which must answer `status`."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def counts(html):
    """{name: count} of a page's `count-list` entries."""
    return {
        text(name): int(n)
        for name, n in re.findall(
            r'<li><a href="[^"]+">(.*?)</a> <span class="count">(\d+)</span></li>', html
        )
    }


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def xml(client, url):
    """The parsed XML of `url`, which must answer 200 as application/xml."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "application/xml", url
    return ET.fromstring(response.content)


def sitemap_parts(client):
    """The addresses /sitemap.xml (the index) lists, in its order."""
    index = xml(client, "/sitemap.xml")
    return [entry.find(f"{SITEMAP}loc").text for entry in index.iter(f"{SITEMAP}sitemap")]


def sitemap_urls(client):
    """Every <url> of every part the index lists, in order: [(part, <url> element)]."""
    return [
        (part, url)
        for part in sitemap_parts(client)
        for url in xml(client, part.removeprefix("http://testserver")).iter(f"{SITEMAP}url")
    ]


def sitemap_paths(client):
    """The paths of every URL in the sitemap's parts, in order, duplicates kept."""
    urls = sitemap_urls(client)
    return [url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver") for _, url in urls]
