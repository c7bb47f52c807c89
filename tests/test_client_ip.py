"""The client's address behind the trusted proxies (trivsel/clientip.py)."""

import pytest
from django.test import RequestFactory

from trivsel.clientip import client_ip


def request_from(remote_addr, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_through_a_trusted_proxy_the_client_is_the_proxys_entry(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request_from("10.0.0.2", "198.51.100.1")) == "198.51.100.1"


def test_entries_the_client_wrote_itself_are_not_believed(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    forged = request_from("10.0.0.2", "192.0.2.99, 198.51.100.1")
    assert client_ip(forged) == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_skipped_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    chain = request_from("10.0.0.2", "192.0.2.99, 198.51.100.1, 2001:db8::7, 10.1.2.3")
    assert client_ip(chain) == "198.51.100.1"


def test_a_request_not_from_a_proxy_keeps_its_own_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@pytest.mark.parametrize(
    "entry, expected",
    [
        ("198.51.100.1:51234", "198.51.100.1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("::ffff:198.51.100.1", "198.51.100.1"),
        ("unknown", "10.0.0.2"),  # not an address: the last trusted hop, never a guess
        ("", "10.0.0.2"),
    ],
)
def test_what_proxies_write_is_read_as_an_address(settings, entry, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request_from("10.0.0.2", entry)) == expected


def test_a_request_without_an_address_has_none(settings):
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) is None


def test_a_typo_in_trusted_proxies_stops_the_app():
    from .test_settings import manage

    result = manage("check", TRUSTED_PROXIES="10.0.0.2,proxy.kommune.dk")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.kommune.dk' is not an address" in result.stderr
