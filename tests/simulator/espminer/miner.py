"""One simulated ESP-Miner (BitAxe, NerdQAxe): its state and its web server on port 80."""

from __future__ import annotations

import hashlib
import ipaddress
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from . import replies, telemetry
from .models import MODELS, EspSpec
from .state import EspState
from .telemetry import Snapshot
from .web import EspWeb


@dataclass(frozen=True, slots=True)
class MdnsService:
    """What the firmware advertises over mDNS (components/connect/connect.c, v2.15.0:
    initialize_mdns_if_needed), in the form zeroconf hands it to a listener."""

    type: str
    name: str
    subtypes: tuple[str, ...]
    hostname: str
    port: int
    addresses: tuple[str, ...]
    properties: dict[str, str] = field(default_factory=dict)


class EspMinerSim(ListeningSim):
    """A simulated ESP-Miner on ``address`` (loopback only); see models.py for the models."""

    def __init__(
        self,
        model: str,
        address: str,
        *,
        quirks: Iterable[str] | None = None,
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        jitter: bool = False,
        seed: int | None = None,
        ap_mode: bool = False,
        lan: str = "127.0.0.0/8",
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: EspSpec = MODELS[model]
        self.model, self.address = model, address
        self.quirks = replies.check_quirks(
            list(self.spec.default_quirks if quirks is None else quirks)
        )
        self.reboot_seconds = reboot_seconds
        self.http_port = http_port
        self.ap_mode = ap_mode  # the firmware's AP mode answers every client
        # Clients counted as the private network besides 10/8, 172.16/12, 192.168/16: a
        # narrower one makes the test client a public address, refused with 401.
        self.lan = ipaddress.IPv4Network(lan)
        self.state = EspState.from_capture(self.spec, f"sim.{address.replace('.', 'x')}")
        self.faults = FaultPlan()
        self._rng = random.Random(seed) if jitter else None
        self._last: Snapshot | None = None
        self._web = EspWeb(self, address, http_port)
        self._listeners = (self._web,)

    # -- identity ------------------------------------------------------------------------

    @property
    def mac(self) -> str:
        raw = bytearray(hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:6])
        raw[0] = (raw[0] & 0xFC) | 0x02  # unicast, locally administered
        return ":".join(f"{b:02X}" for b in raw)

    @property
    def model_name(self) -> str:
        return self.spec.family

    def mdns_service(self) -> MdnsService | None:
        """The service the firmware registers (v2.15 on); None for builds without mDNS."""
        if not self.spec.firmware.mdns:
            return None
        spec = self.spec
        mac = self.mac.replace(":", "")
        instance = f"Bitaxe {spec.family} {spec.board_version} ({mac[-4:]})"
        return MdnsService(
            type="_http._tcp.local.",
            name=f"{instance}._http._tcp.local.",
            subtypes=("_axeos._sub._http._tcp.local.",),
            hostname=f"{self.state.hostname}.local.",
            port=self.http_port,
            addresses=(self.address,),
            properties={
                "board": spec.board_version,
                "family": spec.family,
                "asic": spec.asic,
                "asic_count": str(spec.asic_count),
                "fw_version": spec.firmware.version,
            },
        )

    # -- live readings -------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """A fresh reading (what the next reply carries)."""
        self._last = telemetry.take(self.spec, self.state, self._rng)
        return self._last

    def _current(self) -> Snapshot:
        if self._rng is not None and self._last is not None:
            return self._last
        return telemetry.take(self.spec, self.state, None)

    def system_info(self) -> dict[str, Any]:
        snap = self.snapshot()
        return replies.system_info(
            self.spec, self.state, snap, mac=self.mac, ip=self.address, quirks=self.quirks
        )

    @property
    def hashrate_ths(self) -> float:
        return self._current().hashrate_ghs / 1000

    @property
    def expected_hashrate_ths(self) -> float:
        return self._current().expected_ghs / 1000

    @property
    def power_watts(self) -> float:
        return self._current().power

    @property
    def fan_speeds(self) -> list[int]:
        snap = self._current()
        return [snap.fan_rpm, snap.fan2_rpm][: self.spec.fans]

    def settings_changed(self) -> None:
        """After a PATCH: NerdOS reloads its pools at once; ESP-Miner at the next boot."""
        if self.spec.firmware.pools_live:
            self.state.load_pools()

    # -- lifecycle -----------------------------------------------------------------------

    def _rebooted(self) -> None:
        """Uptime and session counters reset. The firmware answers the restart, waits a
        second (vTaskDelay) and restarts; here REBOOT_GRACE."""
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"EspMinerSim({self.model!r}, {self.address!r})"
