"""The client's address, also behind a reverse proxy.

``REMOTE_ADDR`` is the peer that opened the connection. Behind a reverse proxy that is the
proxy, for every user alike, so the login rate limit and the django-axes lockout would
count all users as one (and one outsider could block every login). The proxy passes the
client's address in a header (``X-Forwarded-For``); a client can send that header too, so
it is believed only when the request comes from an address in ``REGIE_TRUSTED_PROXIES``
(IPs or CIDR ranges), and then only its right-most address that is not itself a trusted
proxy: everything to the left of that was written by the client and may be forged.

Used by the rate limits (regie.core.security) and by django-axes
(``AXES_CLIENT_IP_CALLABLE``), so both count the same client. See docs/operations.md.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The configured proxies as networks; a bare IP is a /32 (or /128). Raises
    ValueError on an entry that is neither (the system check reports it at start-up)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def parse_address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as proxies write it: ``203.0.113.5``, ``2001:db8::1``, ``[2001:db8::1]``,
    optionally with a port (``203.0.113.5:4711``, ``[2001:db8::1]:4711``). None if not one."""
    value = value.strip().strip('"')
    candidates = [value]
    if value.startswith("["):
        candidates.append(value[1:].partition("]")[0])
    elif value.count(":") == 1:
        candidates.append(value.partition(":")[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            return address.ipv4_mapped
        return address
    return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def resolve_client_address(
    remote_addr: str, header_value: str | None, trusted: tuple[str, ...]
) -> str:
    """The client address for a peer ``remote_addr`` that sent ``header_value``.

    The header counts only when the peer is a trusted proxy. Walking the header from the
    right, trusted proxies are skipped; the first address that is not trusted is the
    client. If the header runs out (or holds garbage) before that, the last trusted
    address seen is the best that is known."""
    peer = parse_address(remote_addr)
    if peer is None:
        return remote_addr
    networks = trusted_networks(trusted)
    if not header_value or not _is_trusted(peer, networks):
        return str(peer)
    client = peer
    for item in reversed(header_value.split(",")):
        address = parse_address(item)
        if address is None:
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def header_meta_key(header: str) -> str:
    """``X-Forwarded-For`` -> ``HTTP_X_FORWARDED_FOR`` (how WSGI passes it)."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_address(request) -> str:
    """The address that rate limits and the login lockout count; see the module doc."""
    remote_addr = request.META.get("REMOTE_ADDR", "") or ""
    trusted = tuple(getattr(settings, "REGIE_TRUSTED_PROXIES", ()) or ())
    header = getattr(settings, "REGIE_CLIENT_IP_HEADER", "") or ""
    if not trusted or not header:
        return str(parse_address(remote_addr) or remote_addr)
    return resolve_client_address(remote_addr, request.META.get(header_meta_key(header)), trusted)
