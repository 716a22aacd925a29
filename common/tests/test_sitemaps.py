"""PagedSitemap's sequence of (item, language) pairs, read by slices as the paginator reads it."""

import pytest
from django.core.paginator import Paginator

from common.sitemaps import LanguagePairs

ITEMS = [f"item-{n}" for n in range(23)]
LANGUAGES = ["en", "es", "fr"]
ALL = [(item, language) for item in ITEMS for language in LANGUAGES]


def test_counts_every_item_in_every_language():
    pairs = LanguagePairs(ITEMS, LANGUAGES)
    assert pairs.count() == len(pairs) == 69


@pytest.mark.parametrize(("start", "stop"), [(0, 69), (0, 3), (3, 9), (1, 5), (4, 4), (67, 69), (60, 80)])
def test_a_slice_is_that_slice_of_all_pairs(start, stop):
    assert LanguagePairs(ITEMS, LANGUAGES)[start:stop] == ALL[start:stop]


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 9, 68, 69, 70])
def test_pages_of_any_size_hold_every_pair_once(limit):
    paginator = Paginator(LanguagePairs(ITEMS, LANGUAGES), limit)
    pages = [list(paginator.page(n).object_list) for n in paginator.page_range]
    assert [pair for page in pages for pair in page] == ALL
    assert all(len(page) == limit for page in pages[:-1])


class Rows(list):
    """A list that records the slices read from it, as a queryset would run them."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = []

    def __getitem__(self, index):
        self.read.append((index.start, index.stop))
        return super().__getitem__(index)


def test_a_page_reads_only_its_items():
    rows = Rows(ITEMS)
    paginator = Paginator(LanguagePairs(rows, LANGUAGES), 6)
    assert list(paginator.page(3).object_list) == ALL[12:18]
    assert rows.read == [(4, 6)]


@pytest.mark.parametrize("index", [3, slice(0, 6, 2), slice(-3, None), slice(0, None)])
def test_anything_but_a_plain_slice_is_refused(index):
    with pytest.raises(TypeError):
        LanguagePairs(ITEMS, LANGUAGES)[index]
