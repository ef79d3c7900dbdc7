"""The ``Miner`` surface every backend implements.

A control the firmware lacks raises ``UnsupportedOperation``; it is also absent from
``capabilities``, so callers can ask before they try.
"""

from __future__ import annotations

from enum import StrEnum
from types import TracebackType
from typing import ClassVar, Self

import aiohttp

from .config import MinerConfig, PowerMode
from .credentials import Credentials, Firmware
from .data import MinerData, MinerError
from .errors import UnsupportedOperation

DEFAULT_TIMEOUT = 10.0


class Capability(StrEnum):
    """Controls a firmware may offer."""

    REBOOT = "reboot"
    RESTART_BACKEND = "restart_backend"
    STOP_MINING = "stop_mining"
    RESUME_MINING = "resume_mining"
    FAULT_LIGHT = "fault_light"
    POWER_LIMIT = "power_limit"
    POWER_MODE = "power_mode"
    GET_CONFIG = "get_config"
    SEND_CONFIG = "send_config"


class Miner:
    """One miner at one address. Subclasses are firmware backends."""

    make: ClassVar[str] = "Unknown"
    firmware: ClassVar[str] = "Unknown"  # as users name it: "Stock", "Braiins OS", "VNish"
    family: ClassVar[Firmware | None] = None
    capabilities: ClassVar[frozenset[Capability]] = frozenset()
    # True where reads or controls need a login (the config flow asks only then).
    requires_credentials: ClassVar[bool] = False

    def __init__(
        self,
        host: str,
        *,
        model: str | None = None,
        credentials: Credentials | None = None,
        session: aiohttp.ClientSession | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.host = host
        self.model = model
        self.timeout = timeout
        given = credentials or Credentials()
        self.credentials = given.resolve(self.family) if self.family else given
        self._session = session
        self._owns_session = session is None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.make} {self.model} ({self.firmware}) at {self.host}>"

    # -- session -------------------------------------------------------------------------

    @property
    def session(self) -> aiohttp.ClientSession:
        """The injected aiohttp session, or one of our own made on first use."""
        if self._session is None or (self._owns_session and self._session.closed):
            self._session = aiohttp.ClientSession()
            self._owns_session = True
        return self._session

    async def close(self) -> None:
        """Close what this miner opened; an injected session is left alone."""
        if self._owns_session and self._session is not None and not self._session.closed:
            await self._session.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- reads ---------------------------------------------------------------------------

    async def get_data(self) -> MinerData:
        """One full poll."""
        raise self._unsupported("get_data")

    async def check_credentials(self) -> None:
        """Prove the login works: raises MinerAuthenticationError if it does not, and a
        WriteAccessDenied subclass when the login is right but writes are refused.

        By default a poll, which logs in wherever the firmware's reads need it; firmware
        whose reads are open (Whatsminer) overrides it with a privileged exchange.
        """
        await self.get_data()

    async def get_mac(self) -> str | None:
        """The MAC address ('AA:BB:CC:DD:EE:FF'), or None while the miner reports none.

        By default from a full poll; backends override it with the cheapest read that
        has it. A refused login raises MinerAuthenticationError, as a poll does.
        """
        return (await self.get_data()).mac

    async def get_errors(self) -> list[MinerError]:
        return (await self.get_data()).errors

    async def get_hostname(self) -> str | None:
        return (await self.get_data()).hostname

    async def get_model(self) -> str | None:
        return self.model

    async def is_mining(self) -> bool:
        return bool((await self.get_data()).is_mining)

    async def check_light(self) -> bool:
        raise self._unsupported(Capability.FAULT_LIGHT)

    async def get_config(self) -> MinerConfig:
        raise self._unsupported(Capability.GET_CONFIG)

    # -- controls ------------------------------------------------------------------------

    async def reboot(self) -> None:
        raise self._unsupported(Capability.REBOOT)

    async def restart_backend(self) -> None:
        raise self._unsupported(Capability.RESTART_BACKEND)

    async def stop_mining(self) -> None:
        raise self._unsupported(Capability.STOP_MINING)

    async def resume_mining(self) -> None:
        raise self._unsupported(Capability.RESUME_MINING)

    async def fault_light_on(self) -> None:
        raise self._unsupported(Capability.FAULT_LIGHT)

    async def fault_light_off(self) -> None:
        raise self._unsupported(Capability.FAULT_LIGHT)

    async def set_power_limit(self, watts: int) -> None:
        raise self._unsupported(Capability.POWER_LIMIT)

    async def set_power_mode(self, mode: PowerMode) -> None:
        raise self._unsupported(Capability.POWER_MODE)

    async def send_config(self, config: MinerConfig) -> None:
        raise self._unsupported(Capability.SEND_CONFIG)

    def _unsupported(self, operation: str) -> UnsupportedOperation:
        return UnsupportedOperation(str(operation), f"{self.make} {self.firmware} firmware")
