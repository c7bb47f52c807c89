"""The client's address, for every limit and log that counts by address.

Behind a TLS proxy every request comes from the proxy's address, so counting by REMOTE_ADDR
counts the whole municipality as one. `TRUSTED_PROXIES` (settings, from the environment) lists
the proxies' addresses or networks; a request from one of them is read through its
X-Forwarded-For from the right, skipping trusted hops, and the first address that is not a
trusted proxy is the client. Entries further left were written by the client and are never
believed. With no trusted proxies (the default) the address is REMOTE_ADDR, whatever the
headers say. Used by the join-code limit, the login lockout (django-axes) and the audit log.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# What a count by address uses for a request without one: all such requests count as one.
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - a value to count by, never an address to bind


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str) -> Address | None:
    """An address as a proxy writes it: "203.0.113.5", "2001:db8::1", "[2001:db8::1]:443",
    "203.0.113.5:51234"; None for anything else ("unknown", a name)."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    return address.ipv4_mapped or address if address.version == 6 else address


def client_ip(request) -> str | None:
    """The client's address, or None when the request has none (a Unix socket, a test's
    hand-made request)."""
    address = _address(request.META.get("REMOTE_ADDR") or "")
    if address is None:
        return None
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while hops and any(address in network for network in trusted):
        hop = _address(hops.pop())
        if hop is None:  # a hop our own proxies did not write: stop at the last trusted one
            break
        address = hop
    return str(address)
