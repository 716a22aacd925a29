"""Template helpers of the pages: the language switcher and short excerpts of stored text."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_info

from common.text import paragraphs

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each interface language: [{"code", "name", "url", "current"}].

    Links rather than a form: they work without JavaScript and without a cookie, and the page a
    link names is the same for everyone (the language is in the path: /es/, /fr/, /de/).
    """
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            # A path that does not resolve (an error page): offer the home page in that language.
            url = translate_url("/", code)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
            }
        )
    return links


@register.filter
def excerpt(text, words=40):
    """The first paragraph of stored text, cut to `words` words."""
    first = next(iter(paragraphs(text)), "")
    return Truncator(first).words(int(words)) if first else ""


@register.filter
def millions(number):
    """A population in millions, to one decimal (145000000 -> 145.0); format with floatformat."""
    if number in (None, ""):
        return ""
    return round(int(number) / 1_000_000, 1)
