"""The client address: X-Forwarded-For only from configured proxies; networks and hashes."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import RequestFactory

from vestnik.core.clientip import client_ip, client_networks, ip_hash


def _request(peer: str, forwarded: str = ""):
    meta = {"REMOTE_ADDR": peer}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_header_from_an_unknown_peer_is_ignored(settings):
    settings.VESTNIK_TRUSTED_PROXIES = ["10.0.0.1"]
    assert str(client_ip(_request("203.0.113.9", "1.2.3.4"))) == "203.0.113.9"


def test_forwarded_header_from_a_trusted_proxy_gives_the_nearest_untrusted_hop(settings):
    settings.VESTNIK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = _request("10.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2")
    assert str(client_ip(request)) == "198.51.100.4"


def test_malformed_forwarded_header_falls_back_to_the_peer(settings):
    settings.VESTNIK_TRUSTED_PROXIES = ["10.0.0.1"]
    assert str(client_ip(_request("10.0.0.1", "not-an-address"))) == "10.0.0.1"


@pytest.mark.parametrize(
    ("address", "own", "wide"),
    [
        ("198.51.100.77", "198.51.100.77/32", "198.51.100.0/24"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64", "2001:db8:1::/48"),
        ("::ffff:198.51.100.77", "198.51.100.77/32", "198.51.100.0/24"),
    ],
)
def test_networks_are_ipv4_24_and_ipv6_64(address, own, wide):
    networks = client_networks(ipaddress.ip_address(address))
    assert (networks.address, networks.neighbourhood) == (own, wide)


def test_ip_hash_depends_on_the_salt(settings):
    first = ip_hash("198.51.100.77/32")
    settings.VESTNIK_IP_SALT = "another-salt"
    assert ip_hash("198.51.100.77/32") != first
    assert "198" not in first
