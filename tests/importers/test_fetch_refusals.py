"""The fetcher's default configuration never connects to a private or reserved address.

Every check here runs with a socket whose ``connect`` fails the test: a refusal must
happen before any packet leaves, whatever spelling or name leads to the address.
"""

from __future__ import annotations

import ipaddress
import socket

import pytest
from django.conf import settings

from vestnik.importers.fetch import Fetcher, FetchError, default_fetcher, is_public

FORBIDDEN = [
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "100.64.0.1",  # carrier-grade NAT
    "169.254.169.254",  # cloud metadata
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "fd00:ec2::254",  # AWS metadata over IPv6
    "fe80::1",
    "ff02::1",
    "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 for 169.254.169.254
    "64:ff9b::7f00:1",  # NAT64 for 127.0.0.1
    "64:ff9b:1::a00:1",  # local-use NAT64 for 10.0.0.1
    "::7f00:1",  # IPv4-compatible 127.0.0.1
    "::ffff:0:7f00:1",  # IPv4-translated 127.0.0.1
]


@pytest.fixture(autouse=True)
def no_connections(monkeypatch):
    """Fail the test the moment anything tries to connect or resolve through the system."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("address", FORBIDDEN)
def test_a_name_resolving_to_a_forbidden_address_is_refused_before_connecting(address):
    fetcher = Fetcher(resolver=lambda host, port: [address])
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("http://news.example/story")
    assert "http://news.example/story" in str(caught.value)
    assert f"private or reserved address ({ipaddress.ip_address(address)})" in str(caught.value)


def test_one_forbidden_address_among_public_ones_refuses_the_name():
    fetcher = Fetcher(resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"])
    with pytest.raises(FetchError, match=r"private or reserved address \(127\.0\.0\.1\)"):
        fetcher.fetch("https://news.example/")


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://10.0.0.1:8080/admin", "10.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://2130706433/", "127.0.0.1"),  # decimal
        ("http://0x7f000001/", "127.0.0.1"),  # hexadecimal
        ("http://0177.0.0.1/", "127.0.0.1"),  # octal
        ("http://127.1/", "127.0.0.1"),  # short form
        ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"),
    ],
)
def test_the_default_fetcher_refuses_literal_private_addresses_in_any_spelling(url, address):
    def resolver(host, port):
        raise AssertionError("a literal address is never looked up")

    with pytest.raises(FetchError, match=rf"private or reserved address \({address}\)"):
        Fetcher(resolver=resolver).fetch(url)


def test_the_fetcher_built_from_settings_allows_no_private_network():
    assert settings.VESTNIK_FETCH_ALLOW == []
    fetcher = default_fetcher()
    for url in ("http://127.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/"):
        with pytest.raises(FetchError, match="private or reserved"):
            fetcher.fetch(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://news.example/feed.xml", "only http and https"),
        ("gopher://127.0.0.1:6379/_FLUSHALL", "only http and https"),
        ("http:///no-host", "names no host"),
        ("http://editor:secret@news.example/", "user name or password"),
        ("http://news.example:99999/", "not a valid URL"),
    ],
)
def test_urls_that_are_not_plain_web_addresses_are_refused(url, reason):
    with pytest.raises(FetchError, match=reason):
        Fetcher(resolver=lambda host, port: ["93.184.216.34"]).fetch(url)


def test_a_name_that_does_not_resolve_is_a_clear_error():
    def resolver(host, port):
        raise socket.gaierror("Name or service not known")

    with pytest.raises(FetchError, match=r"the host nowhere\.example could not be resolved"):
        Fetcher(resolver=resolver).fetch("http://nowhere.example/")


def test_public_addresses_are_public():
    for address in ("93.184.216.34", "2606:2800:220:1::", "::ffff:93.184.216.34"):
        assert is_public(ipaddress.ip_address(address))
