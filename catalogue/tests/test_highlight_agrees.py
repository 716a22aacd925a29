"""What is marked agrees with what the search found: every practice of the real catalogue a search
finds has a marked word in a searched field, and no practice it leaves out has one."""

import re

import pytest

from catalogue.models import Practice
from common.analysis import parse
from common.highlight import highlight

MARK = re.compile(r"<mark>(.*?)</mark>")


def marked(html):
    return MARK.findall(html)


# Queries whose matches the index found: every practice found has a marked word in a searched field.
AGREEMENT_QUERIES = ("pensiones", "movil", "medicamentos", '"health care"', "jubilatorio", "trabajadores")


@pytest.mark.usefixtures("catalogue")
class TestAgreementWithTheSearch:
    @pytest.mark.parametrize("text", AGREEMENT_QUERIES)
    def test_every_practice_found_has_a_marked_word(self, text):
        query = parse(text)
        found = list(Practice.objects.published().for_list().search(query))
        assert found, text
        for row in found:
            fields = [row.title, row.original_title, row.summary, row.jury_comment]
            if row.institution:
                fields += [row.institution.name, row.institution.acronym, row.institution.original_name]
            assert any(marked(highlight(field, query)) for field in fields), (text, row.slug)

    def test_a_practice_not_found_has_no_marked_word(self):
        query = parse("pensiones")
        found = set(Practice.objects.search(query).values_list("pk", flat=True))
        for row in Practice.objects.exclude(pk__in=found).select_related("institution"):
            fields = [row.title, row.original_title, row.summary, row.jury_comment]
            if row.institution:
                fields += [row.institution.name, row.institution.acronym, row.institution.original_name]
            assert not any(marked(highlight(field, query)) for field in fields), row.slug
