"""Template filters for stored text (common/text.py)."""

from django import template

from common.text import text_blocks

register = template.Library()
register.filter("text_blocks", text_blocks)
