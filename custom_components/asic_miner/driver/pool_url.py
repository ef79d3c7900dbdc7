"""Pool URLs: their parts, and the URL as it may be shown (without an embedded login).

A pool URL is ``scheme://[user[:password]@]host:port[/path]`` (``stratum+tcp://``,
``stratum+ssl://``, ``stratum2+tcp://`` …) or a bare ``host:port``, as miners take it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PoolUrlParts:
    scheme: str | None  # None for the bare host:port form
    host: str  # an IPv6 address keeps its brackets
    port: str | None  # as written; None when the URL has none


def _split(url: str) -> tuple[str | None, str, str]:
    """(scheme or None, authority with any login, the rest from its ``/`` on)."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme, rest = "", url
    authority, slash, path = rest.partition("/")
    return (scheme if separator else None), authority, slash + path


def url_without_credentials(url: str) -> str:
    """A pool URL with any ``user:password@`` taken out of its authority."""
    scheme, authority, rest = _split(url)
    stripped = authority.rpartition("@")[2] + rest
    return stripped if scheme is None else f"{scheme}://{stripped}"


def pool_url_parts(url: str) -> PoolUrlParts:
    """The scheme, host and port of a pool URL (the login, if any, left out)."""
    scheme, authority, _ = _split(url)
    host_port = authority.rpartition("@")[2]
    if host_port.startswith("["):  # [IPv6]:port
        bracketed, _, after = host_port.partition("]")
        # Anything after the bracket but ":port" is left in the port, to be refused.
        return PoolUrlParts(scheme, bracketed + "]", after.removeprefix(":") or None)
    host, colon, port = host_port.rpartition(":")
    if not colon:
        return PoolUrlParts(scheme, host_port, None)
    return PoolUrlParts(scheme, host, port)
