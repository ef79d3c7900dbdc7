"""Stable per-address identity: MAC address and serial number."""

from __future__ import annotations

import hashlib

from .models import ModelSpec


def _digest(spec: ModelSpec, address: str) -> bytes:
    return hashlib.sha256(f"{spec.key}@{address}".encode()).digest()


def mac_address(spec: ModelSpec, address: str) -> str:
    raw = bytearray(_digest(spec, address)[:6])
    raw[0] = (raw[0] & 0xFC) | 0x02  # unicast, locally administered: never a real vendor's
    return ":".join(f"{b:02X}" for b in raw)


def serial_number(spec: ModelSpec, address: str) -> str | None:
    if spec.serial_prefix is None:
        return None
    tail = _digest(spec, address)[6:].hex().upper()
    return (spec.serial_prefix + tail)[:17]
