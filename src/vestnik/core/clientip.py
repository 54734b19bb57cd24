"""Who is asking: the client address behind trusted proxies, its networks, and their hashes.

``X-Forwarded-For`` is believed only when the direct peer is a configured proxy
(``VESTNIK_TRUSTED_PROXIES``); otherwise anyone could claim any address. Addresses are
stored only as salted hashes (``ip_hash``), never in clear.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=1)
def _trusted_networks(spec: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _parse(value: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: IPAddress) -> bool:
    networks = _trusted_networks(tuple(settings.VESTNIK_TRUSTED_PROXIES))
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> IPAddress:
    """The reader's address: the peer, or the nearest untrusted hop a trusted proxy saw."""
    peer = _parse(request.META.get("REMOTE_ADDR", "")) or ipaddress.IPv4Address("0.0.0.0")  # noqa: S104 (no peer: a placeholder)
    if not _trusted(peer):
        return peer
    hops = [_parse(hop) for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # Walk from the nearest hop outwards, past our own proxies.
    for hop in reversed(hops):
        if hop is None:
            return peer  # a malformed header: trust nothing further
        if not _trusted(hop):
            return hop
    return peer


@dataclass(frozen=True)
class ClientNetworks:
    """The address's own network (IPv4 /32, IPv6 /64) and its neighbourhood (/24, /48)."""

    address: str
    neighbourhood: str


def client_networks(address: IPAddress) -> ClientNetworks:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if isinstance(address, ipaddress.IPv4Address):
        own = ipaddress.ip_network(f"{address}/32")
        wide = ipaddress.ip_network(f"{address}/24", strict=False)
    else:
        own = ipaddress.ip_network(f"{address}/64", strict=False)
        wide = ipaddress.ip_network(f"{address}/48", strict=False)
    return ClientNetworks(address=str(own), neighbourhood=str(wide))


def ip_hash(network: str) -> str:
    """A salted, keyed hash of a network: comparable for bans and limits, not reversible."""
    return salted_hmac("vestnik.ip", network, secret=settings.VESTNIK_IP_SALT).hexdigest()[:40]
