"""Anonymous API clients are throttled per address (common/api/throttling.py): 429 with Retry-After
and a JSON body over the rate, counted again once the window has passed; editors and pages are not."""

import pytest
from django.urls import reverse

from catalogue.tests.fixtures import authenticate
from common.api.throttling import AnonymousAddressThrottle

# Uruguay's certificates of merit in service quality: 11 of its 14 merits name the area.
QUERY = "/api/v1/practices/?country=UY&priority_area=service-quality&tier=merit"
PAGE = "/practices/?country=UY&priority_area=service-quality&tier=merit"
QUERY_PAGE_1 = QUERY + "&page=1"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's time, moved by hand: clock.now = ..."""

    class Clock:
        now = 1_000_000.0

    monkeypatch.setattr(AnonymousAddressThrottle, "timer", staticmethod(lambda: Clock.now))
    return Clock


@pytest.fixture
def three_a_minute(settings, no_cache):
    # The response cache off: a cached answer is served before any view, throttle included.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": "3/minute"}}


def counts(client, times, url=QUERY, **headers):
    answers = [client.get(url, **headers) for _ in range(times)]
    return [a.json()["count"] if a.status_code == 200 else a.status_code for a in answers]


@pytest.mark.usefixtures("catalogue", "three_a_minute")
class TestAnonymousClients:
    def test_over_the_rate_the_api_answers_429_with_retry_after_and_a_json_detail(self, api, clock):
        assert counts(api, 3) == [11, 11, 11]
        clock.now += 20
        refused = api.get(QUERY)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "40"
        assert refused["Content-Type"] == "application/json"
        assert refused.json() == {"detail": "Request was throttled. Expected available in 40 seconds."}

    def test_the_count_is_per_address_and_across_every_endpoint(self, api, clock):
        assert counts(api, 2) == [11, 11]
        assert api.get(reverse("api:country-list")).status_code == 200
        assert api.get(reverse("api:country-list")).status_code == 429
        assert api.get(QUERY).status_code == 429
        assert counts(api, 3, REMOTE_ADDR="198.51.100.7") == [11, 11, 11]

    def test_once_the_window_has_passed_requests_are_answered_again(self, api, clock):
        for _ in range(3):
            assert counts(api, 1) == [11]
            clock.now += 10
        refused = api.get(QUERY)  # 30 s after the first request
        assert (refused.status_code, refused["Retry-After"]) == (429, "30")
        clock.now += 29.5
        assert counts(api, 1) == [429]
        clock.now += 0.5  # 60 s after the first request: it leaves the window, one more fits
        assert counts(api, 1) == [11]
        refused = api.get(QUERY)
        assert (refused.status_code, refused["Retry-After"]) == (429, "10")  # when the second leaves

    def test_switched_off_there_is_no_limit(self, api, settings, clock):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": None}}
        assert counts(api, 6) == [11] * 6

    def test_a_forwarded_address_is_ignored_without_a_trusted_proxy(self, api, clock):
        assert [counts(api, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")[0] for n in range(4)] == [11, 11, 11, 429]

    def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(self, api, settings, clock):
        settings.TRUSTED_PROXY = True
        proxy = {"REMOTE_ADDR": "10.0.0.2"}
        assert counts(api, 4, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy) == [11, 11, 11, 429]
        # Only the address the proxy appended counts, not what the client wrote before it.
        assert counts(api, 1, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5", **proxy) == [429]
        assert counts(api, 3, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7", **proxy) == [11, 11, 11]


@pytest.mark.usefixtures("catalogue", "three_a_minute")
class TestNotThrottled:
    def test_editors_with_a_token_are_not_counted(self, api, api_editor, clock):
        authenticate(api, api_editor)
        # Drafts too, for an editor: the same 11 are all published.
        assert counts(api, 6) == [11] * 6

    def test_editors_signed_in_to_admin_are_not_counted(self, editor_client, clock):
        assert counts(editor_client, 6) == [11] * 6

    def test_pages_are_not_throttled(self, client, api, clock):
        assert counts(api, 4) == [11, 11, 11, 429]
        for _ in range(5):
            page = client.get(PAGE)
            assert page.status_code == 200
            assert "11 practices" in page.content.decode()


class ProposalThrottle(AnonymousAddressThrottle):
    """What a public form would use: a limit of its own per address, for everyone."""

    scope = "proposals"
    count_signed_in = True


@pytest.mark.usefixtures("catalogue", "three_a_minute")
def test_a_throttle_with_a_scope_of_its_own_counts_apart_and_serves_a_plain_django_view(
    api, rf, settings, editor, clock
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "3/minute", "proposals": "2/hour"},
    }
    request = rf.post("/share/", REMOTE_ADDR="127.0.0.1")
    request.user = editor  # counted all the same: count_signed_in
    assert [ProposalThrottle().allow_request(request, None) for _ in range(2)] == [True, True]
    clock.now += 600
    refused = ProposalThrottle()
    assert refused.allow_request(request, None) is False
    assert refused.wait() == 3000
    # The API's own count from that address is untouched.
    assert counts(api, 3) == [11, 11, 11]


@pytest.mark.usefixtures("catalogue")
def test_answers_from_the_response_cache_are_not_counted(api, settings, clock):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": "3/minute"}}
    assert settings.CATALOGUE_CACHE_SECONDS > 0
    answers = [api.get(QUERY) for _ in range(5)]
    assert [(a.status_code, a.get("X-Cache")) for a in answers] == [(200, "miss")] + [(200, "hit")] * 4
    # One request counted of the five: two more that the cache does not hold, then the limit.
    others = [api.get(url) for url in (reverse("api:country-list"), reverse("api:region-list"), QUERY_PAGE_1)]
    assert [a.status_code for a in others] == [200, 200, 429]
