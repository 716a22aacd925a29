"""Template filters marking a search's matches (common.highlight): `{{ text|highlight:query }}` and
`{{ summary|search_excerpt:query }}`, where `query` is the page's parsed search (a Query)."""

from django import template

from common.highlight import excerpt, highlight

register = template.Library()


@register.filter(name="highlight")
def highlight_filter(text, query):
    """`text` escaped, the words `query` matched in `<mark>`."""
    return highlight(text, query)


@register.filter
def search_excerpt(text, query):
    """A short excerpt of `text` around the words `query` matched, escaped and marked."""
    return excerpt(text, query)
