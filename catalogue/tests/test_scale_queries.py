"""Query counts do not grow with the catalogue: every list, facet count, feed and sitemap part runs
the same number of queries over the 68 real practices and over 1,068 (1,000 synthetic ones added,
with their 100-odd synthetic institutions, by the generator `make bench` uses).

Each URL is asked once first: what is counted once per content version (the unfiltered facets,
the statistics) is then in the cache, so the count is what every later visitor costs.
"""

import pytest

from catalogue.models import Practice
from catalogue.services.synthetic import synchronise

URLS = [
    "/practices/",
    "/practices/?search=pension",
    "/practices/?country=MX&tier=merit&page_size=100",
    "/practices/?facet=institution&facet_search=social",
    "/practices/?page=last",
    "/practices/universal-pension-for-the-elderly/",
    "/api/v1/practices/",
    "/api/v1/practices/?search=pension&page_size=100",
    "/api/v1/practices/?country=MX&tier=merit",
    "/api/v1/practices/?page=last",
    "/api/v1/practices/facets/",
    "/api/v1/practices/facets/?search=pension",
    "/api/v1/practices/facets/?country=MX&tier=merit&priority_area=good-governance",
    "/api/v1/institutions/",
    "/api/v1/practices/suggest/?q=pen",
    "/statistics/",
    "/",
    "/feeds/practices/",
    "/sitemap.xml",
    "/sitemap-practices.xml",
]


@pytest.mark.usefixtures("catalogue", "no_cache")
def test_query_counts_do_not_grow_with_the_catalogue(client, expected_queries):
    def measure():
        for url in URLS:
            assert client.get(url).status_code == 200, url
            with expected_queries(f"at any size: {url}"):
                response = client.get(url)
            assert response.status_code == 200

    measure()
    synchronise(1000)
    assert Practice.objects.published().count() == 1068
    measure()
