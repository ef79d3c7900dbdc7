"""One simulated Whatsminer: API V2 on 4028, API V3 on 4433 (V3 firmware), web on 80/443."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable

from ..antminer import identity
from ..antminer.miner import SimulatedMiner
from ..faults import Fault
from ..quirks import check as check_quirks
from . import telemetry as wm_telemetry
from . import v2 as wm_v2
from .crypto import md5_crypt_body, random_salt
from .models import WHATSMINER_MODELS, WhatsminerSpec
from .rpc import WhatsminerRpcServer
from .state import DEFAULT_PASSWORD, SimClock, WhatsminerState, pad_pools
from .telemetry import WmSnapshot
from .tokens import TokenTable
from .web import WhatsminerWeb

__all__ = ["WHATSMINER_MODELS", "WhatsminerMiner"]

# The shadow salt of the factory admin password: get_token answers it as "salt", and
# md5_crypt("admin", it) is the hash body found in the firmware (RxmaDUO33TS7O26yeMHZ81).
FACTORY_SALT = "BQ5hoXV9"


class WhatsminerMiner(SimulatedMiner):
    """A stock-firmware Whatsminer on `address` (loopback only).

    Made by `SimulatedMiner("whatsminer-…", address, …)`; the options beyond the
    Antminer ones are `write_api` (the "Miner API Switch", off as shipped) and the ports
    `https_port` and `v3_port`.
    """

    spec: WhatsminerSpec  # type: ignore[assignment]
    state: WhatsminerState  # type: ignore[assignment]

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str | None = None,
        write_api: bool = False,
        quirks: Iterable[str] | None = None,
        reboot_seconds: float = 3.0,
        rpc_port: int = 4028,
        http_port: int = 80,
        https_port: int = 443,
        v3_port: int = 4433,
        jitter: bool = False,
        seed: int | None = None,
    ) -> None:
        self._check(model, address)
        self.spec = WHATSMINER_MODELS[model]
        self.model, self.address = model, address
        self.quirks = check_quirks(self.spec.default_quirks if quirks is None else quirks)
        self.reboot_seconds = reboot_seconds
        self.rpc_port, self.http_port = rpc_port, http_port
        self.https_port, self.v3_port = https_port, v3_port
        self.clock = SimClock()
        spec = self.spec
        self.state = WhatsminerState(
            hostname="WhatsMiner",
            pools=pad_pools(
                [
                    {
                        "url": "stratum+tcp://btc.pool.invalid:3333",
                        "user": f"sim.{address.replace('.', 'x')}",
                        "pass": "123",
                    }
                ]
            ),
            power_limit=spec.power_limit_range[1],
            write_api_enabled=write_api,
        )
        self.state.booted_at = self.state.btminer_started_at = self.clock.monotonic()
        self.v2_salt = FACTORY_SALT
        if password is not None and password != DEFAULT_PASSWORD:
            self.change_password(password)
        elif password is not None:
            self.state.password = password
        self.tokens = TokenTable()
        self.v3_salt = random_salt()
        self.jitter = jitter  # accepted for a common signature; Whatsminers stay exact
        self._seed = seed
        self._init_runtime()
        self._rpc = WhatsminerRpcServer(address, rpc_port, self._answer_v2, self.faults)
        self._web_wm = WhatsminerWeb(self, address, http_port, https_port)
        self._v3 = None
        if spec.api_version >= 3:
            from .v3 import V3Server

            self._v3 = V3Server(self, address, v3_port)

    # identity
    @property
    def password(self) -> str:  # type: ignore[override]
        return self.state.password

    @password.setter
    def password(self, value: str) -> None:
        self.state.password = value

    @property
    def serial_number(self) -> str:
        tail = hashlib.sha256(f"{self.model}@{self.identity_address}".encode()).hexdigest().upper()
        return (self.spec.serial_prefix + tail)[:22]

    @property
    def api_version(self) -> int:
        return self.spec.api_version

    @property
    def mac(self) -> str:
        return identity.mac_address(self.spec, self.identity_address)  # type: ignore[arg-type]

    # V2 key material
    @property
    def v2_key(self) -> str:
        return md5_crypt_body(self.state.password, self.v2_salt)

    def change_password(self, new: str) -> None:
        """What update_pwd / WhatsMinerTool do: new password, new shadow salt, tokens gone."""
        self.state.password = new
        self.state.password_changed = True
        self.v2_salt = random_salt()
        if hasattr(self, "tokens"):
            self.tokens.clear()

    def factory_reset(self) -> None:
        fresh = WhatsminerMiner(self.model, self.address)
        self.state = fresh.state
        self.v2_salt = FACTORY_SALT
        self.tokens.clear()

    # live readings
    def snapshot(self) -> WmSnapshot:  # type: ignore[override]
        return wm_telemetry.take(self.spec, self.state, self.serial_number, self.clock.monotonic())

    @property
    def hashrate_ths(self) -> float:
        return self.snapshot().total_mh / 1_000_000

    @property
    def expected_hashrate_ths(self) -> float:
        return self.spec.nominal_ths

    @property
    def board_hashrates_ths(self) -> list[float]:
        return [b.rate_mh / 1_000_000 for b in self.snapshot().boards]

    @property
    def fan_speeds(self) -> list[int]:
        snap = self.snapshot()
        return [snap.fan_in, snap.fan_out] if self.spec.fans else []

    @property
    def power_watts(self) -> int:
        return self.snapshot().power

    # lifecycle
    async def start(self) -> None:
        if not self._started:
            self._started = True
            now = self.clock.monotonic()
            self.state.booted_at = self.state.btminer_started_at = now
        await self._rpc.start()
        try:
            await self._web_wm.start()
            if self._v3 is not None:
                await self._v3.start()
        except BaseException:
            await asyncio.gather(
                self._rpc.stop(),
                self._web_wm.stop(),
                *([self._v3.stop()] if self._v3 is not None else []),
            )
            raise
        self._online = True

    async def go_offline(self) -> None:
        self._online = False
        stops = [self._rpc.stop(), self._web_wm.stop()]
        if self._v3 is not None:
            stops.append(self._v3.stop())
        await asyncio.gather(*stops)

    async def reboot(self) -> None:
        await self.go_offline()
        await asyncio.sleep(self.reboot_seconds)
        self.state.rebooted(self.clock.monotonic())
        self.v3_salt = random_salt()
        await self.come_back()

    def _answer_v2(self, data: bytes, peer: str) -> bytes:
        wrong = self.faults.active(Fault.WRONG_PASSWORD, "rpc")
        return wm_v2.answer(self, data, peer, wrong_password=wrong)

    def __repr__(self) -> str:
        return f"SimulatedMiner({self.model!r}, {self.address!r})"
