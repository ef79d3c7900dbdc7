"""Injected misbehaviour: what a flaky network or a confused miner does to a client."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

# "ssh": the SSH port of the miners controlled over it (BOSminer); tests/simulator/ssh_server.py
# keeps those faults, the FaultPlan of the others never asks for them.
Protocol = Literal["rpc", "http", "ssh"]
PROTOCOLS: tuple[Protocol, ...] = ("rpc", "http", "ssh")


class Fault(StrEnum):
    DELAY = "delay"  # answer after `seconds`
    DROP = "drop"  # close the connection half way through the reply
    GARBAGE = "garbage"  # answer with bytes that are not JSON
    TRUNCATED = "truncated"  # answer with JSON cut short
    WRONG_PASSWORD = "wrong_password"  # web: every login fails with 401
    SILENCE = "silence"  # accept the connection, never answer


GARBAGE_BYTES = b"\xff\xfe\x00\x13<html>\x00garbage \x8f\x90 not json\r\n"


@dataclass(frozen=True, slots=True)
class FaultSetting:
    seconds: float
    protocols: tuple[Protocol, ...]


class FaultPlan:
    """The faults currently switched on, per protocol."""

    def __init__(self) -> None:
        self._active: dict[Fault, FaultSetting] = {}

    def set(self, fault: Fault, seconds: float, protocol: Protocol | None) -> None:
        protocols = PROTOCOLS if protocol is None else (protocol,)
        self._active[Fault(fault)] = FaultSetting(seconds, protocols)

    def clear(self, fault: Fault | None = None) -> None:
        if fault is None:
            self._active.clear()
        else:
            self._active.pop(Fault(fault), None)

    def active(self, fault: Fault, protocol: Protocol) -> bool:
        setting = self._active.get(fault)
        return setting is not None and protocol in setting.protocols

    def delay(self, protocol: Protocol) -> float:
        setting = self._active.get(Fault.DELAY)
        if setting is None or protocol not in setting.protocols:
            return 0.0
        return setting.seconds
