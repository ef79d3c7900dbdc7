"""One simulated Antminer on Braiins OS+ with BOSminer: RPC 4028, LuCI on 80, SSH on 22.

The SSH side is a real asyncssh server (tests/simulator/ssh_server.py) with the files a
miner has (``/etc/bosminer.toml``, the MAC, host name, OS version, the red LED's timer) and
the commands the driver and pyasic use: ``miner fault_light on|off``,
``/etc/init.d/bosminer restart|reload|stop|start``, ``/sbin/reboot``.
BOSminer reads ``/etc/bosminer.toml`` when it starts (a power limit or pools written there
act after ``/etc/init.d/bosminer restart``); while it restarts, port 4028 is closed.
"""

from __future__ import annotations

import asyncio
import hashlib
import shlex
import time
import tomllib
from dataclasses import dataclass, field
from typing import Any

from ..faults import Fault, FaultPlan
from ..lifecycle import SimLifecycle, check_loopback
from ..rpc_server import RpcServer
from ..ssh_server import Result, SshServer
from . import captures, rpc
from .models import MODELS, BosminerSpec
from .web import LuciWeb

__all__ = ["MODELS", "BosminerSim"]

TUNING_SECONDS = 60.0  # the tuner says "Tuning individual chips" this long after a start
REPLY_GRACE = 0.1
RED_LED_DELAY_OFF = "/sys/class/leds/Red LED/delay_off"
RED_LED_DELAY_ON = "/sys/class/leds/Red LED/delay_on"
TOML = "/etc/bosminer.toml"
# The most over its default power limit the tuner drives the chains (hashrate and draw alike).
# Not captured: an assumption, so that a limit far above what an S9 can draw is not reported
# as drawn.
TUNER_HEADROOM = 1.25


@dataclass(slots=True)
class BosState:
    power_limit: int
    pools: list[tuple[str, str]] = field(default_factory=list)
    paused: bool = False
    fault_light: bool = False
    started_at: float = 0.0  # BOSminer's start (monotonic)
    profile_created: float = 0.0  # unix time of the tuner's profile
    restarts: int = 0
    reboots: int = 0


@dataclass(frozen=True, slots=True)
class Live:
    elapsed: int
    chain_mhs: tuple[float, ...]
    power: int
    fan_rpm: tuple[int, ...]
    fan_percent: int
    temps: tuple[tuple[int, float, float], ...]
    tuner_status: str
    accepted: int
    rejected: int


class BosminerSim(SimLifecycle):
    """An Antminer S9 on Braiins OS+ at ``address`` (loopback only).

    ``password``: root's SSH (and LuCI) password; the current default is empty.
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "",
        reboot_seconds: float = 3.0,
        restart_seconds: float | None = None,
        rpc_port: int = 4028,
        web_port: int = 80,
        ssh_port: int = 22,
        host_key: Any = None,
        ssh_auth_methods: tuple[str, ...] = ("password",),
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: BosminerSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        self.restart_seconds = reboot_seconds / 2 if restart_seconds is None else restart_seconds
        self.faults = FaultPlan()
        self.heard_rpc: list[str] = []
        self.state = BosState(power_limit=self.spec.power_limit)
        self._online = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.web = LuciWeb(self, web_port)
        self._rpc = RpcServer(
            address, rpc_port, lambda _: b"", self.faults, answer_raw=self._answer
        )
        self.ssh = SshServer(
            address,
            self._command,
            port=ssh_port,
            password=password,
            files=self._files(),
            host_key=host_key,
            auth_methods=ssh_auth_methods,
        )
        self._apply_toml()

    # -- identity and figures ----------------------------------------------------------------

    @property
    def mac(self) -> str:
        raw = hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:3]
        return ":".join(f"{b:02X}" for b in (0x00, 0x0A, 0x3A, *raw))  # Bitmain's 00:0a:3a

    @property
    def hostname(self) -> str:
        return "miner-" + self.mac.replace(":", "")[-6:].lower()

    @property
    def model_name(self) -> str:
        return self.spec.name

    @property
    def online(self) -> bool:
        return self._online

    @property
    def files(self) -> dict[str, str]:
        return self.ssh.files

    @property
    def worker(self) -> str:
        return "sim." + self.address.replace(".", "x")

    def _files(self) -> dict[str, str]:
        return {
            TOML: captures.bosminer_toml(self.worker, self.spec.power_limit),
            "/sys/class/net/eth0/address": self.mac.lower() + "\n",
            "/proc/sys/kernel/hostname": self.hostname + "\n",
            "/etc/bos_version": captures.BOS_VERSION + "\n",
            "/etc/bos_mode": "nand\n",
            "/tmp/sysinfo/board_name": captures.BOARD_NAME + "\n",
        }

    def _share(self) -> float:
        """The chains' rate as a share of the default: the power limit over the default."""
        return min(max(self.state.power_limit / self.spec.power_limit, 0.0), TUNER_HEADROOM)

    def live(self) -> Live:
        elapsed = max(0, int(time.monotonic() - self.state.started_at))
        mining = not self.state.paused
        share = self._share() if mining else 0.0
        rates = tuple(round(rate * share, 3) for rate in self.spec.chain_mhs)
        # The capture: 1419 W drawn under a 1420 W limit; no more than the chains can take.
        reachable = round(self.spec.power_limit * TUNER_HEADROOM)
        power = min(self.state.power_limit, reachable) - 1 if mining else 0
        tuning = elapsed < TUNING_SECONDS
        warmth = share if mining else 0.3
        temps = tuple(
            (chain, round(board * (0.7 + 0.3 * warmth), 4), round(chip * (0.7 + 0.3 * warmth), 4))
            for chain, board, chip in captures.TEMPS
        )
        accepted = elapsed // 4 if mining else 0
        return Live(
            elapsed=elapsed,
            chain_mhs=rates,
            power=power,
            fan_rpm=self.spec.fan_rpm if mining else tuple(0 for _ in self.spec.fan_rpm),
            fan_percent=100 if mining else 0,  # BOS+ shows Speed 0 % while paused
            temps=temps,
            tuner_status=captures.TUNER_STATUS if tuning else captures.TUNER_STABLE,
            accepted=accepted,
            rejected=accepted // 200,
        )

    @property
    def hashrate_ths(self) -> float:
        return sum(self.live().chain_mhs) / 1e6

    @property
    def board_hashrates_ths(self) -> list[float]:
        return [rate / 1e6 for rate in self.live().chain_mhs]

    @property
    def expected_hashrate_ths(self) -> float:
        return self.spec.nominal_mhs * len(self.spec.chain_ids) / 1e6

    @property
    def power_watts(self) -> int:
        return self.live().power

    @property
    def fan_speeds(self) -> list[int]:
        return list(self.live().fan_rpm)

    @property
    def uptime(self) -> int:
        return self.live().elapsed

    # -- bosminer.toml -----------------------------------------------------------------------

    def _apply_toml(self) -> bool:
        """What BOSminer takes from the file when it starts; False if it cannot start."""
        try:
            doc = tomllib.loads(self.files.get(TOML, ""))
        except tomllib.TOMLDecodeError:
            return False
        tuning = doc.get("autotuning", {})
        limit = tuning.get("power_target", tuning.get("psu_power_limit"))
        if isinstance(limit, int) and not isinstance(limit, bool):
            self.state.power_limit = max(limit, self.spec.min_power)
        self.state.pools = [
            (str(pool.get("url", "")), str(pool.get("user", "")))
            for group in doc.get("group", [])
            for pool in group.get("pool", [])
        ]
        self.state.started_at = time.monotonic()
        self.state.profile_created = time.time()
        return True

    # -- SSH commands ------------------------------------------------------------------------

    def _command(self, command: str, stdin: str | None) -> Result | None:
        try:
            words = shlex.split(command)
        except ValueError:
            return None
        match words:
            case ["miner", "fault_light", ("on" | "off") as state]:
                self._set_fault_light(state == "on")
                return Result()
            case ["miner", "fault_light", *_]:
                return Result(1, "", "command 'fault_light' takes only one argument [on|off]\n")
            case ["/etc/init.d/bosminer", ("restart" | "reload" | "start")]:
                self.state.restarts += 1
                self._spawn(self._restart_bosminer(REPLY_GRACE))
                return Result()
            case ["/etc/init.d/bosminer", "stop"]:
                self._spawn(self._stop_bosminer())
                return Result()
            case ["/sbin/reboot"] | ["reboot"]:
                self.schedule_reboot(REPLY_GRACE)
                return Result()
            case ["hostname"]:
                return Result(0, self.hostname + "\n")
        return None

    def _set_fault_light(self, on: bool) -> None:
        """bosminer_monitor: blink-fast (timer 50/50 ms) while on, trigger none when off."""
        self.state.fault_light = on
        if on:
            self.files[RED_LED_DELAY_ON] = "50\n"
            self.files[RED_LED_DELAY_OFF] = "50\n"
        else:
            self.files.pop(RED_LED_DELAY_ON, None)
            self.files.pop(RED_LED_DELAY_OFF, None)

    # -- lifecycle ---------------------------------------------------------------------------

    def set_fault(self, fault: Fault, seconds: float = 0.0, protocol: Any = None) -> None:
        """``protocol`` "rpc", "http", "ssh", or None for all three."""
        if protocol in (None, "ssh"):
            self.ssh.faults.set(fault, seconds)
        if protocol != "ssh":
            self.faults.set(fault, seconds, protocol)

    def clear_faults(self, fault: Fault | None = None) -> None:
        self.faults.clear(fault)
        self.ssh.faults.clear(fault)

    async def start(self) -> None:
        self.state.started_at = self.state.started_at or time.monotonic()
        await self._rpc.start()
        await self.web.start()
        await self.ssh.start()
        self._online = True

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.go_offline()

    async def go_offline(self) -> None:
        self._online = False
        await self._rpc.stop()
        await self.web.stop()
        await self.ssh.stop()

    async def reboot(self, seconds: float | None = None) -> None:
        await self.go_offline()
        await asyncio.sleep(self.reboot_seconds if seconds is None else seconds)
        self.state.reboots += 1
        self.state.paused = False
        self._set_fault_light(False)
        self._apply_toml()
        await self.come_back()

    def schedule_reboot(self, delay: float) -> None:
        self._spawn(self._reboot_later(delay))

    async def _reboot_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        await self.reboot()

    async def _restart_bosminer(self, delay: float) -> None:
        await asyncio.sleep(delay)
        await self._rpc.stop()
        await asyncio.sleep(self.restart_seconds)
        self.state.paused = False
        if self._apply_toml() and self._online:
            await self._rpc.start()

    async def _stop_bosminer(self) -> None:
        await self._rpc.stop()

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _answer(self, data: bytes) -> bytes | None:
        return rpc.respond(self, data)

    def __repr__(self) -> str:
        return f"BosminerSim({self.model!r}, {self.address!r})"
