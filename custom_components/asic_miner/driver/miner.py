"""The ``Miner`` surface every backend implements.

A control the firmware lacks raises ``UnsupportedOperation``; it is also absent from
``capabilities``, so callers can ask before they try.
"""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from enum import StrEnum
from types import TracebackType
from typing import Any, ClassVar, Final, Self

import aiohttp

from .config import MinerConfig, PowerMode
from .credentials import Credentials, Firmware
from .data import MinerData, MinerError
from .errors import AsicMinerError, MinerConnectionError, UnsupportedOperation
from .settings import LightChange

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


# The public controls: Miner runs each under the control lock and a backend implements its
# underscored twin (``_reboot`` for ``reboot``).
CONTROLS: Final = frozenset(
    {
        "reboot",
        "restart_backend",
        "stop_mining",
        "resume_mining",
        "fault_light_on",
        "fault_light_off",
        "set_power_limit",
        "set_power_mode",
        "send_config",
        "set_choice",
        "set_number",
        "set_text",
        "set_switch",
        "press",
        "set_light",
    }
)


class Miner:
    """One miner at one address. Subclasses are firmware backends.

    Controls run one at a time: every control (those above, and a backend's own writes)
    holds this miner's control lock from its first request to its last, so a second control
    waits until the first is done (they run in the order they were called). Firmware that
    changes a setting by reading the whole configuration and writing it back (Antminer
    ``get_miner_conf`` then ``set_miner_conf``; Whatsminer ``send_config``) thus never loses
    a change to another control sent at the same time: two power limits set at once leave
    the later one, a power limit and a fault light leave both.

    Reads (``get_data``, ``get_config``, ``get_mac``, …) take no lock and never wait for a
    control. A poll during a control reads every value from the miner as it is at that
    moment, before or after the change, and fails only as any poll can (a control that
    restarts the miner makes it unreachable for a while).

    ``close`` ends the polls and controls still under way (they raise MinerConnectionError)
    before it returns: nothing of this miner's is left running or connected.
    """

    make: ClassVar[str] = "Unknown"
    firmware: ClassVar[str] = "Unknown"  # as users name it: "Stock", "Braiins OS", "VNish"
    family: ClassVar[Firmware | None] = None
    capabilities: ClassVar[frozenset[Capability]] = frozenset()
    # True where reads or controls need a login (the config flow asks only then).
    requires_credentials: ClassVar[bool] = False
    # Seconds from a stop_mining / resume_mining that returned until the miner carries it
    # out (firmware that schedules the change, as Avalon's soft off / on): a poll within
    # them still shows the miner as it was.
    mining_change_delay: ClassVar[float] = 0.0
    # SSH host keys, trusted on first use (firmware controlled over SSH, BOSminer): the
    # key recorded when the miner was added (the caller sets it; None: none yet), and the
    # key the miner offered on the last connection. A known key that differs is refused
    # (HostKeyChanged) before the password is sent.
    known_ssh_host_key: str | None = None
    ssh_host_key: str | None = None

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
        # False: the password is the firmware's default, and a backend whose firmware
        # shipped several defaults over its versions may try the others.
        self.password_given = given.password is not None
        self._session = session
        self._owns_session = session is None
        self._control_lock = asyncio.Lock()
        # Polls and controls under way: their tasks, and what each sets when it is done.
        self._calls: dict[asyncio.Task[Any], asyncio.Future[None]] = {}
        self._closing: set[asyncio.Task[Any]] = set()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A backend implements ``_reboot``, ``_get_data`` and the like: the public methods
        keep the lock and what ``close`` needs."""
        super().__init_subclass__(**kwargs)
        if unlocked := (CONTROLS | {"get_data"}) & vars(cls).keys():
            names = ", ".join(sorted(unlocked))
            raise TypeError(f"{cls.__name__} overrides {names}: implement _{names} instead")

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
        """End the calls under way, then close what this miner opened; an injected session
        is left alone."""
        current = asyncio.current_task()
        waiting = [done for task, done in self._calls.items() if task is not current]
        for task in self._calls.keys() - {current}:
            self._closing.add(task)
            task.cancel()
        if waiting:
            await asyncio.wait(waiting)
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

    @asynccontextmanager
    async def _call(self) -> AsyncIterator[None]:
        """A poll or control that ``close`` ends: it raises MinerConnectionError then."""
        task = asyncio.current_task()
        if task is None or task in self._calls:  # not in a task, or a call within a call
            yield
            return
        done = asyncio.get_running_loop().create_future()
        self._calls[task] = done
        try:
            yield
        except asyncio.CancelledError:
            # Cancelled by close() alone (like asyncio.timeout): an error of this miner.
            if task in self._closing and task.uncancel() == 0:
                raise MinerConnectionError(f"{self.host}: closed during the request") from None
            raise
        except AsicMinerError as err:
            _release_frames(err)
            raise
        finally:
            del self._calls[task]
            self._closing.discard(task)
            done.set_result(None)

    # -- reads ---------------------------------------------------------------------------

    async def get_data(self) -> MinerData:
        """One full poll."""
        async with self._call():
            return await self._get_data()

    async def _get_data(self) -> MinerData:
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

    async def _exclusive[**P](
        self, control: Callable[P, Awaitable[None]], *args: P.args, **kwargs: P.kwargs
    ) -> None:
        """Run a control once no other control of this miner is under way."""
        async with self._call(), self._control_lock:
            await control(*args, **kwargs)

    async def reboot(self) -> None:
        await self._exclusive(self._reboot)

    async def restart_backend(self) -> None:
        await self._exclusive(self._restart_backend)

    async def stop_mining(self) -> None:
        await self._exclusive(self._stop_mining)

    async def resume_mining(self) -> None:
        await self._exclusive(self._resume_mining)

    async def fault_light_on(self) -> None:
        await self._exclusive(self._fault_light_on)

    async def fault_light_off(self) -> None:
        await self._exclusive(self._fault_light_off)

    async def set_power_limit(self, watts: int) -> None:
        await self._exclusive(self._set_power_limit, watts)

    async def set_power_mode(self, mode: PowerMode) -> None:
        await self._exclusive(self._set_power_mode, mode)

    async def send_config(self, config: MinerConfig) -> None:
        await self._exclusive(self._send_config, config)

    # Settings the poll carries (MinerData.settings, see settings.py): a key the poll does
    # not carry raises UnsupportedOperation; a value outside its choices or bounds ValueError.

    async def set_choice(self, key: str, option: str) -> None:
        await self._exclusive(self._set_choice, key, option)

    async def set_number(self, key: str, value: float) -> None:
        await self._exclusive(self._set_number, key, value)

    async def set_text(self, key: str, value: str) -> None:
        await self._exclusive(self._set_text, key, value)

    async def set_switch(self, key: str, on: bool) -> None:
        await self._exclusive(self._set_switch, key, on)

    async def press(self, key: str) -> None:
        await self._exclusive(self._press, key)

    async def set_light(self, change: LightChange) -> None:
        await self._exclusive(self._set_light, change)

    async def update_config(self, change: Callable[[MinerConfig], MinerConfig]) -> None:
        """Send ``change`` of the configuration read now, with no other control between
        the read and the write (a ``get_config`` then ``send_config`` of the caller's
        could undo a control sent meanwhile). Without GET_CONFIG, ``change`` gets the
        default MinerConfig."""
        async with self._call(), self._control_lock:
            readable = Capability.GET_CONFIG in self.capabilities
            await self._send_config(change(await self.get_config() if readable else MinerConfig()))

    # What backends implement (called with the control lock held).

    async def _reboot(self) -> None:
        raise self._unsupported(Capability.REBOOT)

    async def _restart_backend(self) -> None:
        raise self._unsupported(Capability.RESTART_BACKEND)

    async def _stop_mining(self) -> None:
        raise self._unsupported(Capability.STOP_MINING)

    async def _resume_mining(self) -> None:
        raise self._unsupported(Capability.RESUME_MINING)

    async def _fault_light_on(self) -> None:
        raise self._unsupported(Capability.FAULT_LIGHT)

    async def _fault_light_off(self) -> None:
        raise self._unsupported(Capability.FAULT_LIGHT)

    async def _set_power_limit(self, watts: int) -> None:
        raise self._unsupported(Capability.POWER_LIMIT)

    async def _set_power_mode(self, mode: PowerMode) -> None:
        raise self._unsupported(Capability.POWER_MODE)

    async def _send_config(self, config: MinerConfig) -> None:
        raise self._unsupported(Capability.SEND_CONFIG)

    async def _set_choice(self, key: str, option: str) -> None:
        raise self._unsupported(key)

    async def _set_number(self, key: str, value: float) -> None:
        raise self._unsupported(key)

    async def _set_text(self, key: str, value: str) -> None:
        raise self._unsupported(key)

    async def _set_switch(self, key: str, on: bool) -> None:
        raise self._unsupported(key)

    async def _press(self, key: str) -> None:
        raise self._unsupported(key)

    async def _set_light(self, change: LightChange) -> None:
        raise self._unsupported("light")

    def _unsupported(self, operation: str) -> UnsupportedOperation:
        return UnsupportedOperation(str(operation), f"{self.make} {self.firmware} firmware")


def _release_frames(err: BaseException) -> None:
    """Clear the variables of the finished frames ``err`` and its causes went through.

    Callers keep the last error for long (Home Assistant's coordinator until the next
    failure, for every entry): its traceback would keep the failed request's connection,
    read buffers and half-read reply alive, 15 to 40 KiB a miner. Its traceback still
    names every file and line; frames still running are left as they are. The causes
    (aiohttp's and asyncio's errors under ours) keep their messages but not their
    tracebacks: theirs run through asyncio's frames, still running when the error is
    raised, which would hold the closed connection once they finish.
    """
    pending: list[BaseException] = [err]
    seen: set[int] = set()
    while pending:
        error = pending.pop()
        if id(error) in seen:
            continue
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        if error is not err:
            error.__traceback__ = None
        pending.extend(e for e in (error.__cause__, error.__context__) if e is not None)
        if isinstance(error, BaseExceptionGroup):
            pending.extend(error.exceptions)
