"""Login lockout on /admin/ (django-axes, common/lockout.py): per user name and address, with a
page that says when to try again, a log line, an expiry and a reset command."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django.db.models import F
from django.utils import translation

from catalogue.tests.fixtures import log_in
from common.lockout import lockout_response

PASSWORD = "the right pass phrase"
HOME = "203.0.113.5"
ELSEWHERE = "198.51.100.7"
LIMIT = 3


@pytest.fixture
def alice(db, settings):
    # A quick hasher: these tests check many passwords, and PBKDF2's cost is not what they are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    User.objects.create_user("bob", password=PASSWORD, is_staff=True)
    return User.objects.create_user("alice", password=PASSWORD, is_staff=True)


def fail(client, times, username="alice", address=HOME, **headers):
    return [log_in(client, username, "a wrong guess", REMOTE_ADDR=address, **headers) for _ in range(times)]


def text(response):
    return " ".join(response.content.decode().split())


def test_failures_below_the_limit_show_the_login_form_again_and_the_right_password_still_works(client, alice):
    for answer in fail(client, LIMIT - 1):
        assert answer.status_code == 200
        assert "Please enter the correct username and password" in text(answer)
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME).url == "/admin/"


def test_the_last_failure_allowed_locks_the_pair_out_even_with_the_right_password(client, alice):
    *before, locking = fail(client, LIMIT)
    assert [a.status_code for a in before] == [200] * (LIMIT - 1)
    assert locking.status_code == 429
    refused = log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # The refused attempts were counted too.
    assert AccessAttempt.objects.get(username="alice", ip_address=HOME).failures_since_start == LIMIT + 1


def test_the_lockout_page_says_why_and_when_to_try_again(client, alice):
    answer = fail(client, LIMIT)[-1]
    assert answer.status_code == 429
    assert answer["Retry-After"] == str(15 * 60)
    assert answer["Content-Type"].startswith("text/html")
    page = text(answer)
    assert "<title>Too many failed logins | Django site admin</title>" in page
    assert (
        "After 3 failed logins for this user name from your address, logins with this user name from this "
        "address are refused for a while, even with the right password." in page
    )
    # Locked for 15 minutes after the last attempt (at 10:20:30, say, until 10:35:30); the page
    # names the first whole minute after that (10:36).
    ends = AccessAttempt.objects.get().attempt_time + timedelta(minutes=15)
    shown = (ends.replace(second=0, microsecond=0) + timedelta(minutes=1)).strftime("%H:%M")
    assert f"Try again after {shown} UTC, in 15 minutes. Each attempt before then starts the wait again." in (
        page
    )
    assert "ask an administrator: they can lift the lock at once." in page


def test_the_lockout_page_is_translated(rf, alice):
    # The admin's addresses have no language prefix, so it is served in English (config/urls.py);
    # the page's strings are translated all the same, like the rest of the interface.
    request = rf.post("/admin/login/")
    request.user = AnonymousUser()
    with translation.override("es"):
        page = text(lockout_response(request))
    assert "Demasiados intentos fallidos de iniciar sesión" in page
    assert "Tras 3 intentos fallidos de iniciar sesión con este nombre de usuario desde su dirección" in page
    assert "Vuelva a intentarlo después de las " in page
    assert ", dentro de 15 minutos. Cada intento antes de esa hora hace empezar de nuevo la espera." in page


def test_another_address_or_another_user_is_not_locked(client, alice):
    fail(client, LIMIT)
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=ELSEWHERE).url == "/admin/"
    client.logout()
    assert log_in(client, "bob", PASSWORD, REMOTE_ADDR=HOME).url == "/admin/"


def test_each_lockout_is_logged_once_with_the_user_and_the_address(client, alice, caplog):
    with caplog.at_level(logging.INFO, logger="common.lockout"):
        fail(client, LIMIT + 2)
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "common.lockout"]
    assert [level for level, _ in lines] == ["WARNING", "INFO", "INFO"]
    assert lines[0][1].startswith(
        f"Login locked out: user 'alice' from {HOME} after {LIMIT} failed attempts, until "
    )
    assert lines[0][1].endswith("(python manage.py axes_reset_username lifts it)")
    assert lines[1][1].startswith(f"Login refused during a lockout: user 'alice' from {HOME}, until ")


def test_the_lock_expires_after_the_cool_off(client, alice):
    fail(client, LIMIT)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14, seconds=50))
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME).status_code == 429  # and the wait starts again
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME).url == "/admin/"


def test_a_successful_login_forgets_the_earlier_failures(client, alice):
    fail(client, LIMIT - 1)
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME).url == "/admin/"
    client.logout()
    assert [a.status_code for a in fail(client, LIMIT - 1)] == [200] * (LIMIT - 1)


def test_axes_reset_username_lifts_the_lock(client, alice):
    fail(client, LIMIT)
    call_command("axes_reset_username", "alice", stdout=open("/dev/null", "w"))
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME).url == "/admin/"


def test_switched_off_there_is_no_lockout(client, alice, settings):
    settings.AXES_ENABLED = False
    assert {a.status_code for a in fail(client, LIMIT + 2)} == {200}
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME).url == "/admin/"


def test_without_a_trusted_proxy_a_forwarded_address_does_not_escape_the_lock(client, alice):
    for n in range(LIMIT):
        log_in(client, "alice", "a wrong guess", REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    refused = log_in(client, "alice", PASSWORD, REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert refused.status_code == 429


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_forwarded(client, alice, settings):
    settings.TRUSTED_PROXY = True
    proxy = "10.0.0.2"
    # The proxy appends the address it saw; what the client wrote before it is not believed.
    fail(client, LIMIT, address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {HOME}")
    assert AccessAttempt.objects.get().ip_address == HOME
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=HOME).status_code == 429
    other = log_in(client, "alice", PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert other.url == "/admin/"
