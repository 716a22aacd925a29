"""The client's address (common/addresses.py): REMOTE_ADDR, or one hop of X-Forwarded-For behind a
trusted proxy."""

import pytest

from common.addresses import client_address


@pytest.mark.parametrize(
    ("forwarded", "trusted", "expected"),
    [
        (None, False, "10.0.0.2"),
        ("203.0.113.5", False, "10.0.0.2"),  # anyone can write the header: not believed
        (None, True, "10.0.0.2"),  # no header: the peer itself
        ("203.0.113.5", True, "203.0.113.5"),
        ("192.0.2.1, 203.0.113.5", True, "203.0.113.5"),  # the hop our proxy appended, not the client's
        ("192.0.2.1,2001:db8::7", True, "2001:db8::7"),
        ("192.0.2.1, not-an-address", True, "10.0.0.2"),  # the lockout stores it in an address column
        ("", True, "10.0.0.2"),
    ],
)
def test_client_address(rf, settings, forwarded, trusted, expected):
    settings.TRUSTED_PROXY = trusted
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2", **headers)) == expected
