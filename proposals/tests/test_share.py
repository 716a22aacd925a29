"""/share/: the form, its receipt, every rule of its fields, and every abuse it refuses."""

import logging
import socket

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.formats import date_format

from common import cache_backends
from proposals.forms import MAX_BODY_BYTES
from proposals.models import LIMITS, Proposal

from .helpers import BPS, EMAIL, post, reference_of, without

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _countries(db):
    """Uruguay and Argentina, as the catalogue's regions fixture has them."""
    from regions.models import Country, Region

    americas = Region.objects.create(slug="americas", name="Americas", position=1)
    Country.objects.create(code="UY", name="Uruguay", region=americas)
    Country.objects.create(code="AR", name="Argentina", region=americas)


def errors_of(response):
    """{field name: [messages]} of a refused form."""
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


# The form ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/es", "/fr", "/de"])
def test_the_form_is_in_every_language_with_the_contracts_field_names(client, prefix):
    response = client.get(f"{prefix}/share/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{prefix.strip("/") or "en"}">' in html
    for name in (
        "title",
        "institution",
        "country",
        "email",
        "objectives",
        "summary",
        "results",
        "lessons",
        "challenges",
        "outcome",
        "in_place",
        "consent",
    ):
        assert f'name="{name}"' in html, name
    assert f'action="{prefix}/share/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "style=" not in html
    assert "<script" not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_form_says_what_it_asks_and_what_becomes_of_it(client):
    html = client.get("/share/").content.decode()
    for words in (
        "Experiences that did not succeed are as welcome as those that did",
        "the objectives, what was done, the results and how they were measured, the lessons, what did not "
        "work, the outcome, and whether the practice is still in place",
        "Nothing you send is public until an editor has read it, accepted it and published it",
        "Your e-mail address is never published",
    ):
        assert words in html
    # The outcome's slugs, the in_place values, the countries by ISO code.
    for value in (
        'value="successful"',
        'value="partly-successful"',
        'value="unsuccessful"',
        'value="not-assessed"',
        'value="true"',
        'value="false"',
        'value=""',
        'value="UY"',
    ):
        assert value in html, value


def test_every_text_field_has_its_maxlength_and_its_help_is_tied_to_it(client):
    html = client.get("/share/").content.decode()
    for name, limit in LIMITS.items():
        assert f'maxlength="{limit}"' in html and f'name="{name}"' in html, name
    assert 'aria-describedby="id_email_helptext"' in html
    assert (
        '<p class="help" id="id_email_helptext">Only for the editors, if they have a question. It is never '
        "published.</p>" in html
    )
    assert '<label for="id_title">Title of the practice</label>' in html


def test_the_site_links_to_the_form_from_its_navigation_on_home_and_the_practices(client):
    for url in ("/", "/practices/", "/es/practices/"):
        html = client.get(url).content.decode()
        assert 'href="/share/"' in html or 'href="/es/share/"' in html, url


# A proposal received -----------------------------------------------------------------------------------


def test_a_proposal_is_stored_and_answered_with_a_303_to_its_receipt(client):
    response = post(client)
    reference = reference_of(response)
    proposal = Proposal.objects.get()
    assert proposal.shown_reference == reference
    assert (proposal.title, proposal.institution, proposal.country_id, proposal.email) == (
        BPS["title"],
        "Banco de Prevision Social",
        "UY",
        EMAIL,
    )
    assert (proposal.outcome, proposal.in_place, proposal.consent, proposal.status) == (
        "unsuccessful",
        False,
        True,
        "new",
    )
    assert proposal.challenges == BPS["challenges"]
    assert proposal.practice is None and proposal.decided_by is None


def test_the_receipt_shows_the_reference_the_date_the_title_and_what_comes_next_only(client):
    reference = reference_of(post(client))
    proposal = Proposal.objects.get()
    response = client.get(f"/share/received/{reference}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<strong class="reference">{reference}</strong>' in html
    day = proposal.created_at.date()
    assert f'<time datetime="{day.isoformat()}">{date_format(day)}</time>' in html
    assert BPS["title"] in html
    assert "What happens next" in html
    assert "It becomes public only when an editor publishes it" in html
    assert '<meta name="robots" content="noindex">' in html
    for written in (
        EMAIL,
        "bps-contact",
        BPS["objectives"],
        BPS["summary"],
        BPS["results"],
        BPS["lessons"],
        BPS["challenges"],
        BPS["institution"],
    ):
        assert written not in html, written


def test_the_receipt_forgives_case_and_the_dash_and_is_404_for_an_unknown_reference(client):
    reference = reference_of(post(client))
    assert client.get(f"/share/received/{reference.lower().replace('-', '')}/").status_code == 200
    assert client.get(f"/es/share/received/{reference}/").status_code == 200
    assert client.get("/share/received/0000-0000/").status_code == 404
    assert client.get("/share/received/not-a-reference/").status_code == 404


def test_references_are_crockford_base32_and_different(client):
    for _ in range(3):
        post(client)
    references = list(Proposal.objects.values_list("reference", flat=True))
    assert len(set(references)) == 3
    for reference in references:
        assert len(reference) == 8 and not set(reference) & set("ILOU")


def test_empty_optional_fields_and_an_unknown_in_place_are_stored_empty(client):
    data = {
        **BPS,
        "results": "",
        "lessons": "",
        "challenges": "",
        "in_place": "",
        "country": "uy",
        "consent": "true",
    }
    reference_of(post(client, data))
    proposal = Proposal.objects.get()
    assert (proposal.results, proposal.lessons, proposal.challenges, proposal.in_place) == ("", "", "", None)
    assert proposal.country_id == "UY"


def test_line_ends_from_a_browser_count_as_one_character(client):
    # 400 lines of 9 letters: 4,400 characters as sent (CRLF), 4,000 as the browser's maxlength counts.
    reference_of(post(client, {**BPS, "objectives": ("y" * 9 + "\r\n") * 400}))
    objectives = Proposal.objects.get().objectives
    assert len(objectives) == LIMITS["objectives"] and "\r" not in objectives


# Every rule, a test ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["title", "institution", "country", "email", "objectives", "summary", "outcome", "consent"]
)
def test_a_required_field_left_out_is_a_400_naming_it(client, name):
    response = post(client, without(name))
    assert response.status_code == 400
    assert list(errors_of(response)) == [name]
    html = response.content.decode()
    assert f'<a href="#id_{name}">' in html and f"<code>{name}</code>" in html
    assert f'id="id_{name}_error"' in html
    assert not Proposal.objects.exists()


def test_every_error_is_listed_in_the_summary_and_tied_to_its_field(client):
    response = post(client, {"title": "", "country": "XX", "email": "nobody", "outcome": "great"})
    assert response.status_code == 400
    errors = errors_of(response)
    assert set(errors) == {
        "title",
        "institution",
        "country",
        "email",
        "objectives",
        "summary",
        "outcome",
        "consent",
    }
    html = response.content.decode()
    assert 'role="alert"' in html and "8 things to correct" in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<fieldset id="id_outcome" aria-describedby="id_outcome_helptext id_outcome_error">' in html


def test_an_unknown_country_is_an_error_naming_the_parameter_and_the_allowed_codes(client):
    response = post(client, {**BPS, "country": "URU"})
    assert response.status_code == 400
    assert errors_of(response) == {
        "country": [
            "Unknown country code 'URU': give the ISO 3166-1 alpha-2 code of a country of the catalogue "
            "(AR, UY)."
        ]
    }
    assert "<code>country</code>" in response.content.decode()


@pytest.mark.parametrize(
    "name, value, message",
    [
        (
            "outcome",
            "failed",
            "Unknown value 'failed'. Allowed: successful, partly-successful, unsuccessful, not-assessed.",
        ),
        ("in_place", "maybe", "Unknown value 'maybe'. Allowed: true, false, or empty."),
        ("consent", "false", "Unknown value 'false'. Allowed: true."),
        ("consent", "0", "Unknown value '0'. Allowed: true."),
        ("email", "maria at bps", "Enter a valid email address."),
    ],
)
def test_a_wrong_value_is_an_error_saying_what_is_allowed(client, name, value, message):
    response = post(client, {**BPS, name: value})
    assert response.status_code == 400
    assert errors_of(response) == {name: [message]}
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("name", list(LIMITS))
def test_a_field_over_its_limit_is_refused_on_the_server(client, name):
    limit = LIMITS[name]
    value = ("a" * (limit - 11) + "@example.org") if name == "email" else "a" * (limit + 1)
    assert len(value) == limit + 1
    response = post(client, {**BPS, name: value})
    assert response.status_code == 400
    assert list(errors_of(response)) == [name]
    assert f"at most {limit} characters" in errors_of(response)[name][0]


def test_a_field_at_its_limit_is_accepted(client):
    data = {**BPS, **{name: "a" * limit for name, limit in LIMITS.items() if name != "email"}}
    reference_of(post(client, data))
    assert len(Proposal.objects.get().summary) == LIMITS["summary"]


def test_consent_is_needed(client):
    response = post(client, without("consent"))
    assert errors_of(response) == {
        "consent": [
            "Tick the box to agree to the publication of this experience: nothing is published without it."
        ]
    }


# Abuse -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["title", "institution", "objectives", "summary", "results", "lessons", "challenges"]
)
def test_html_markup_is_refused_in_every_text(client, name):
    response = post(client, {**BPS, name: "Good results <script>alert('x')</script>"})
    assert response.status_code == 400
    assert errors_of(response) == {name: ["Plain text only: remove the HTML markup (<script…)."]}
    assert not Proposal.objects.exists()
    # Shown back escaped, never as markup.
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize(
    "markup", ["<b>bold</b>", "</p>", "<!-- note -->", "<img src=x onerror=alert(1)>", "< a href='x'>"]
)
def test_every_kind_of_tag_is_markup(client, markup):
    assert post(client, {**BPS, "summary": f"Done {markup}"}).status_code == 400


def test_a_less_than_sign_in_plain_text_is_not_markup(client):
    reference_of(post(client, {**BPS, "results": "Waiting times fell from 30 to < 5 days; 3<4 & 5>2."}))
    assert Proposal.objects.get().results == "Waiting times fell from 30 to < 5 days; 3<4 & 5>2."


def test_a_nul_character_is_refused(client):
    response = post(client, {**BPS, "title": "Pensions\x00"})
    assert response.status_code == 400
    assert list(errors_of(response)) == ["title"]


def test_the_honeypot_is_hidden_from_people_without_a_style_attribute(client):
    html = client.get("/share/").content.decode()
    assert '<div class="share-trap" aria-hidden="true">' in html
    assert (
        '<input type="text" name="website" id="id_website" value="" tabindex="-1" autocomplete="off">' in html
    )
    from django.contrib.staticfiles import finders

    with open(finders.find("css/share.css")) as css:
        assert ".share-trap { display: none; }" in css.read()


def test_a_filled_honeypot_stores_nothing_and_answers_as_a_success_would(client, caplog):
    caplog.set_level(logging.INFO, logger="proposals.views")
    response = post(client, {**BPS, "website": "http://spam.example"})
    assert response.status_code == 303
    assert response["Location"] == "/share/received/"
    assert not Proposal.objects.exists()
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "Thank you: your proposal was received" in receipt.content.decode()
    assert "honeypot" in caplog.text


def test_a_body_over_the_limit_is_refused_with_413_and_nothing_is_stored(client):
    response = post(client, {**BPS, "filler": "x" * MAX_BODY_BYTES})
    assert response.status_code == 413
    assert "This proposal is too long" in response.content.decode()
    assert not Proposal.objects.exists()


def test_every_field_at_its_limit_in_three_byte_characters_fits_the_body_limit(client):
    data = {**BPS, **{name: "€" * limit for name, limit in LIMITS.items() if name != "email"}}
    reference_of(post(client, data))


@pytest.fixture
def rate(settings):
    def set_rate(value):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "share": value},
        }

    return set_rate


def test_over_the_rate_an_address_gets_429_with_retry_after_and_a_page(client, rate):
    rate("2/hour")
    reference_of(post(client))
    assert post(client, without("title")).status_code == 400  # counted too
    response = post(client)
    assert response.status_code == 429
    assert 3500 <= int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Too many proposals from your address" in html
    assert "Try again in 60 minutes" in html
    assert Proposal.objects.count() == 1
    # Reading the form is not counted, and another address is not held back.
    assert client.get("/share/").status_code == 200
    assert reference_of(post(client, REMOTE_ADDR="203.0.113.9"))


def test_the_throttle_page_is_in_the_readers_language(client, rate):
    rate("1/hour")
    post(client)
    response = post(client, url="/es/share/")
    assert response.status_code == 429
    assert '<html lang="es">' in response.content.decode()


def test_the_throttle_counts_the_address_the_trusted_proxy_gives(client, rate, settings):
    rate("1/hour")
    settings.TRUSTED_PROXY = True
    reference_of(post(client, HTTP_X_FORWARDED_FOR="198.51.100.1"))
    assert post(client, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # The same proxy (REMOTE_ADDR), another client.
    assert reference_of(post(client, HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.2"))


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(client, rate):
    rate("1/hour")
    reference_of(post(client, HTTP_X_FORWARDED_FOR="198.51.100.1"))
    assert post(client, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_the_throttle_off_lets_every_post_through(client, rate):
    rate(None)
    for _ in range(12):
        reference_of(post(client))
    assert Proposal.objects.count() == 12


def test_the_default_rate_is_ten_an_hour(client):
    for _ in range(10):
        reference_of(post(client))
    assert post(client).status_code == 429


def test_the_throttle_fails_open_when_the_cache_is_down(client, rate, settings, monkeypatch):
    monkeypatch.setattr(cache_backends, "_circuits", {})
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        settings.CACHES = {
            "default": {
                "BACKEND": "common.cache_backends.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{bound.getsockname()[1]}/5",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry_seconds": 60},
            }
        }
        rate("1/hour")
        for _ in range(3):
            reference_of(post(client))
        assert cache.get("anything", "missed") == "missed"
    assert Proposal.objects.count() == 3


def test_csrf_is_enforced(rate):
    browser = Client(enforce_csrf_checks=True)
    refused = post(browser)
    assert refused.status_code == 403
    assert not Proposal.objects.exists()
    browser.get("/share/")
    token = browser.cookies["csrftoken"].value
    reference_of(post(browser, {**BPS, "csrfmiddlewaretoken": token}))
    # A client program may send the token in the header instead.
    reference_of(post(browser, BPS, HTTP_X_CSRFTOKEN=token))
    assert Proposal.objects.count() == 2


def test_other_methods_are_refused(client):
    assert client.put("/share/").status_code == 405
    assert client.post("/share/received/").status_code == 405


# Queries -----------------------------------------------------------------------------------------------


def test_the_form_reads_the_countries_in_one_query(client, django_assert_num_queries):
    # And the content version, which the response cache reads for every anonymous GET (common/caching.py);
    # the page is not cached (it holds a CSRF token and says never_cache).
    with django_assert_num_queries(2):
        assert client.get("/share/").status_code == 200


def test_a_refused_proposal_reads_the_countries_only(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert post(client, without("title")).status_code == 400


def test_a_proposal_is_stored_with_a_check_of_its_reference_and_one_insert(client, django_assert_num_queries):
    # The countries, the reference's check and the insert, within the transaction's savepoint.
    with django_assert_num_queries(5) as captured:
        reference_of(post(client))
    statements = [query["sql"].split()[0] for query in captured.captured_queries]
    assert statements == ["SELECT", "SAVEPOINT", "SELECT", "INSERT", "RELEASE"]


def test_the_receipt_reads_its_proposal_in_one_query(client, django_assert_num_queries):
    reference = reference_of(post(client))
    # And the content version, as for the form.
    with django_assert_num_queries(2):
        assert client.get(f"/share/received/{reference}/").status_code == 200
